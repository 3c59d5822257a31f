"""Dates as they are written in names and documents: '2016年11月1日', '2016.11.1',
'20161101', '2016-11-01', '二〇一六年十一月一日'."""

from __future__ import annotations

import datetime as dt
import re

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇○零Ｏ一二三四五六七八九十"

_PATTERNS = [
    # 2016年11月1日, 2016 年 11 月 1 日
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
    # 2016.11.1, 2016-11-01, 2016/11/1, 2016_11_01
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[.\-/_．])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"),
    # 20161101
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
]
_CHINESE = re.compile(rf"(?P<y>[{_CN}]{{4}})年(?P<m>[{_CN}]{{1,3}})月(?P<d>[{_CN}]{{1,3}})日")


def find_dates(text: str) -> list[dt.date]:
    """Every full date in `text`, in the order they appear (invalid dates skipped)."""
    found: list[tuple[int, dt.date]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            date = _date(int(match["y"]), int(match["m"]), int(match["d"]))
            if date:
                found.append((match.start(), date))
    for match in _CHINESE.finditer(text):
        year = "".join(str(_CN_DIGITS.get(ch, -1)) for ch in match["y"])
        month, day = _chinese_number(match["m"]), _chinese_number(match["d"])
        if year.isdigit() and month and day:
            date = _date(int(year), month, day)
            if date:
                found.append((match.start(), date))
    return [date for _, date in sorted(found, key=lambda item: item[0])]


def first_date(text: str) -> dt.date | None:
    dates = find_dates(text)
    return dates[0] if dates else None


def last_date(text: str) -> dt.date | None:
    """The last date of a text: an official document is dated at its end, under the signature."""
    dates = find_dates(text)
    return dates[-1] if dates else None


def _chinese_number(text: str) -> int | None:
    """十一 -> 11, 二十三 -> 23, 三十 -> 30, 五 -> 5; None for what isn't one."""
    if "十" not in text:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    tens_value = _CN_DIGITS.get(tens, None) if tens else 1
    ones_value = _CN_DIGITS.get(ones, None) if ones else 0
    if tens_value is None or ones_value is None:
        return None
    return tens_value * 10 + ones_value


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def iso_date(value: str | None) -> dt.date | None:
    """The date of an ISO 8601 date-time ('2016-10-12T09:30:00+08:00'), None when absent or bad."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
