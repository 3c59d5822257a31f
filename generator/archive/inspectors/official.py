"""The facts of an official document (公文) read from the lines of its first pages:
发文机关, 文号, 标题, 成文日期, 主送 (GB/T 9704 lays them out in this order).

Pure: lines in, facts out. The lines come from OCR (with their heights, which tell the
title from the body) or from a text layer (no heights: the order alone decides).
"""

from __future__ import annotations

import datetime as dt
import re
import statistics

from ... import codes, dates
from .model import OfficialFacts
from .ocr import OcrLine

_OPEN, _CLOSE = "〔［[（(【「{", "〕］]）)】」}"
DOC_NUMBER = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{1,12}}?)\s*[{re.escape(_OPEN)}]\s*(?P<year>(?:19|20)\d{{2}})\s*"
    rf"[{re.escape(_CLOSE)}]\s*(?P<no>\d{{1,4}})\s*号")
"""汕经信〔2016〕12号, with the brackets OCR reads instead of 〔〕 ([], （）, 【】)."""
_RECIPIENT = re.compile(r"^(?P<to>[^。；：:]{2,80})[：:]$")
_HEAD_SUFFIX = re.compile(r"(?:文件|函|通知|纪要)$")
_ZERO_LOOKALIKES = re.compile(r"(?<=[〇○零一二三四五六七八九])[0OoＯ○](?=[〇○零一二三四五六七八九年])"
                              r"|(?<=[二])[0OoＯ○](?=[〇○零一二三四五六七八九0OoＯ○])")
TITLE_HEIGHT = 1.15
"""A title line stands at least this many times as high as the body's lines (二号 vs 三号)."""
MAX_TITLE_LINES = 3


def official_facts(lines: list[OcrLine]) -> OfficialFacts:
    """The facts of a document whose first pages read as `lines`, top to bottom."""
    texts = [_clean(line.text) for line in lines]
    number_at, number = _number(texts)
    issuer = _issuer(texts, number_at)
    start = number_at + 1 if number_at is not None else (1 if issuer else 0)
    title_at, title = _title(lines[start:], texts[start:])
    after_title = start + title_at
    return OfficialFacts(
        issuer=issuer, number=number, title=title,
        date=_in_year_of(number, _date(" ".join(texts)) or _month_day(number, texts)), recipient=_recipient(texts[after_title:after_title + 4]),
    )


_MONTH_DAY = re.compile(r"年(?P<m>[一二三四五六七八九十]{1,2}|\d{1,2})月(?P<d>[一二三四五六七八九十]{1,3}|\d{1,2})[日号白曰目]")


def _month_day(number: str, texts: list[str]) -> str:
    """The date under the signature when OCR lost its year (a seal pressed over 二〇一六 leaves
    '一六年五月十六日'): month and day read, the year the 文号's. '' without a 文号."""
    year = re.search(r"〔(\d{4})〕", number)
    match = next((m for t in reversed(texts[-6:]) for m in reversed(list(_MONTH_DAY.finditer(t)))), None)
    if not year or not match:
        return ""
    month, day = codes.cn_number(match["m"]), codes.cn_number(match["d"])
    try:
        return dt.date(int(year[1]), month or 0, day or 0).isoformat()
    except ValueError:
        return ""


def _in_year_of(number: str, date: str) -> str:
    """The date in the 文号's year: GB/T 9704 numbers a document by its year of issue, and a
    Chinese-numeral year under a seal is what OCR misreads most (二〇一七 read 二〇二七)."""
    match = re.search(r"〔(\d{4})〕", number)
    if not match or not date or date[:4] == match[1]:
        return date
    try:
        return dt.date(int(match[1]), int(date[5:7]), int(date[8:10])).isoformat()
    except ValueError:  # 29 February of a year without one: keep what was read
        return date


def official_facts_from_text(text: str) -> OfficialFacts:
    """The facts of a document from its text layer (lines without heights)."""
    lines = [OcrLine(t, i, 0, 0, 0) for i, t in enumerate(l.strip() for l in text.splitlines()) if t]
    return official_facts(lines)


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _number(texts: list[str]) -> tuple[int | None, str]:
    for i, text in enumerate(texts[:12]):
        match = DOC_NUMBER.search(text)
        if match:
            return i, f"{match['prefix']}〔{match['year']}〕{int(match['no'])}号"
    return None, ""


def _issuer(texts: list[str], number_at: int | None) -> str:
    """The red head: the line(s) above the 文号 without their '文件'; a document without a
    文号 has one only when its first line ends like a head (…文件)."""
    if number_at is None:
        head = texts[:1] if texts and _HEAD_SUFFIX.search(texts[0]) else []
    else:
        head = [t for t in texts[max(0, number_at - 2):number_at] if len(t) >= 4]
    return re.sub(r"文件$", "", "".join(head))


def _title(lines: list[OcrLine], texts: list[str]) -> tuple[int, str]:
    """Where the title ends (an index into `lines`) and the title: the first run of lines
    standing higher than the body, else the first line."""
    if not lines:
        return 0, ""
    body = statistics.median(line.height for line in lines) if lines else 0
    if body > 0:
        run: list[int] = []
        for i, line in enumerate(lines[:12]):
            tall = line.height >= body * TITLE_HEIGHT and not _RECIPIENT.match(texts[i])
            if tall and (not run or i == run[-1] + 1) and len(run) < MAX_TITLE_LINES:
                run.append(i)
            elif run:
                break
        if run:
            return run[-1] + 1, "".join(texts[i] for i in run)
    return 1, texts[0]


def _recipient(texts: list[str]) -> str:
    for text in texts:
        match = _RECIPIENT.match(text)
        if match:
            return match["to"]
    return ""


_DAY_LOOKALIKES = re.compile(r"(月\s*[一二三四五六七八九十\d]{1,3}\s*)[白曰目]")
"""The 日 closing a date, as OCR misreads it beside a seal ('九月十五白')."""


def _date(text: str) -> str:
    """The last date of the text; OCR reads the 〇 of 二〇一六 as 0, O or ○ too, and its 日
    as 白, 曰 or 目."""
    text = _DAY_LOOKALIKES.sub(r"\1日", _ZERO_LOOKALIKES.sub("〇", text))
    date = dates.last_date(text)
    return date.isoformat() if date else ""
