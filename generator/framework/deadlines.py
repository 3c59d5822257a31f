"""Deadlines as frameworks print them, typed: '每月25日前', '6月底前', '11月25日前', '上级发文后1个月内'.

A deadline is read from requirement prose (generator.prose) and from criteria.yml's
`deadline:` (generator.framework), which holds it as printed; both go through
`parse_deadline`. `late()` tells whether a dated document missed it, where that can be
told at all (a deadline counted from another event — 上级发文后 — can't be).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .. import codes

MONTHLY, MONTH_END, DATE, RELATIVE = "monthly", "month-end", "date", "relative"

_CN = "零〇一二两三四五六七八九十"
_NUM = rf"(\d{{1,2}}|[{_CN}]{{1,3}})"
_BEFORE = r"\s*(?:日|号)?\s*(?:前|之前|以前)"
_PATTERNS = [
    (MONTHLY, re.compile(rf"每(?:个)?月\s*(?:的)?\s*{_NUM}\s*(?:日|号)\s*(?:前|之前|以前)")),
    (MONTH_END, re.compile(rf"(?<!\d){_NUM}\s*月\s*(?:底|末|份?结束)\s*(?:前|之前|以前)")),
    (MONTH_END, re.compile(r"(年底|年末|年终)\s*(?:前|之前|以前)")),
    (DATE, re.compile(rf"(?<!\d){_NUM}\s*月\s*{_NUM}{_BEFORE}")),
    (RELATIVE, re.compile(rf"(?P<after>[\u4e00-\u9fff]{{2,8}}?)(?:之)?后\s*{_NUM}\s*(?P<unit>个月|个工作日|个?星期|周|日|天)\s*(?:内|以内|之内)")),
]
_LEAD = re.compile(r"^(?:材料|提供|应于|应在|须于|须在|需于|需在|并于|并在|于|在)+")
"""Words before the event a relative deadline counts from: '应在上级发文后' counts from 上级发文."""
RELATIVE_UNITS = ("个月", "个工作日", "周", "日")
"""The units a relative deadline counts in (星期 and 天 are read as 周 and 日)."""


class DeadlineError(ValueError):
    """A deadline whose words read as one but whose numbers can't be (13月, 2月30日); Chinese."""


@dataclass(frozen=True)
class Deadline:
    """A typed deadline. Which fields are set depends on the kind:
    monthly (day), month-end (month), date (month, day), relative (after, within, unit)."""

    kind: str
    month: int | None = None
    day: int | None = None
    after: str = ""
    """For a relative deadline: the event it counts from ('上级发文')."""
    within: int | None = None
    unit: str = ""

    @property
    def label(self) -> str:
        """The deadline written as frameworks print it; parse_deadline(label) gives it back."""
        if self.kind == MONTHLY:
            return f"每月{self.day}日前"
        if self.kind == MONTH_END:
            return f"{self.month}月底前"
        if self.kind == DATE:
            return f"{self.month}月{self.day}日前"
        return f"{self.after}后{self.within}{self.unit}内"


def parse_deadline(text: str) -> Deadline | None:
    """The first deadline the words state; None when they state none.
    Raises DeadlineError for one whose month or day can't be (a slip to be reported)."""
    return find_deadline(text)[0]


def find_deadline(text: str) -> tuple[Deadline | None, str]:
    """The deadline of prose with the words it was read from; (None, '') when there is none."""
    folded = codes.fold_width(str(text))
    for kind, pattern in _PATTERNS:
        match = pattern.search(folded)
        if match:
            return _typed(kind, match), match.group().strip()
    return None, ""


def _typed(kind: str, match: re.Match) -> Deadline:
    named = set(match.re.groupindex.values())
    numbers = [match.group(i) for i in range(1, len(match.groups()) + 1)
               if i not in named and match.group(i) is not None]
    if kind == MONTHLY:
        return Deadline(MONTHLY, day=_day(_number(numbers[0]), None, match))
    if kind == MONTH_END:
        month = 12 if numbers[0] in ("年底", "年末", "年终") else _month(_number(numbers[0]), match)
        return Deadline(MONTH_END, month=month)
    if kind == DATE:
        month = _month(_number(numbers[0]), match)
        return Deadline(DATE, month=month, day=_day(_number(numbers[1]), month, match))
    within = _number(numbers[0])
    if not within:
        raise DeadlineError(f"“{match.group()}”中的期限应大于 0")
    unit = {"天": "日", "星期": "周", "个星期": "周"}.get(match.group("unit"), match.group("unit"))
    after = _LEAD.sub("", match.group("after")) or match.group("after")
    return Deadline(RELATIVE, after=after, within=within, unit=unit)


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return codes.cn_number(text)


def _month(value: int | None, match: re.Match) -> int:
    if value is None or not 1 <= value <= 12:
        raise DeadlineError(f"“{match.group()}”中的月份应在 1 到 12 之间")
    return value


def _day(value: int | None, month: int | None, match: re.Match) -> int:
    most = calendar.monthrange(2024, month)[1] if month else 31  # a leap year: 2月29日 is a day
    if value is None or not 1 <= value <= most:
        raise DeadlineError(f"“{match.group()}”中的日期应在 1 到 {most} 之间")
    return value


def late(deadline: Deadline, date: dt.date) -> bool | None:
    """Whether a document dated `date` missed the deadline; None where a date can't tell
    (a deadline counted from another event). The year is the document's own: frameworks
    print '11月25日前' for every year of the period."""
    if deadline.kind == MONTHLY:
        return date.day > deadline.day
    if deadline.kind == MONTH_END:
        return date.month > deadline.month
    if deadline.kind == DATE:
        return (date.month, date.day) > (deadline.month, deadline.day)
    return None


def late_after(deadline: Deadline, start: dt.date, date: dt.date) -> bool | None:
    """For a deadline counted from an event ('上级发文后1个月内') that happened on `start`:
    whether `date` is past it. None for working days (the holidays of a year are not known)
    and for deadlines of the other kinds (see `late`)."""
    if deadline.kind != RELATIVE or not deadline.within:
        return None
    if deadline.unit == "个月":
        month = start.month - 1 + deadline.within
        year, month = start.year + month // 12, month % 12 + 1
        end = dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    elif deadline.unit in ("周", "日"):
        end = start + dt.timedelta(days=deadline.within * (7 if deadline.unit == "周" else 1))
    else:
        return None
    return date > end
