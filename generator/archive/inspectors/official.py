"""The facts of an official document (公文) read from the lines of its first pages:
发文机关, 文号, 标题, 成文日期, 主送 (GB/T 9704 lays them out in this order).

Pure: lines in, facts out. The lines come from OCR (with their heights, which tell the
title from the body; `official_facts`) or from a text layer (no heights: the order and the
words decide; `official_facts_from_text`). The text layer is the document's own text: what
OCR gets wrong (a 〇 read as O, a year under a seal) is not repaired there.

The one place that reads these facts: the inspectors, the rules and the printed binder's
卷内目录 all take them from here.
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
_TITLE_END = re.compile(r"(?:通知|意见|办法|制度|方案|计划|规划|报告|决定|规定|细则|总结|纪要|通报|函|批复|请示|要点|安排)$")
"""How the title of a 公文 or a 制度 ends (GB/T 9704 names the kind last)."""
_TITLE_START = re.compile(r"^关于")
_SIGNER = re.compile(r"签\s*发\s*人\s*[：:]?\s*[\u4e00-\u9fff·]{0,6}")
"""'签发人：张三' beside the 文号 of a document sent up (上行文)."""
NUMBER_LINE_REST = 6
"""Characters a 文号 line may hold besides the number and a 签发人 (page marks, stray
symbols): a longer line cites another document's 文号 in its text ('根据…（汕府〔2016〕1号）')."""
_OUTLINE_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[．.、]|[（(][一二三四五六七八九十\d]+[）)]|第[一二三四五六七八九十百\d]+[条章节])")
"""'二、学习要点', '1．', '（一）', '第一条': a heading of the body, never the title."""
MAX_TITLE_CHARS = 120
TITLE_SEARCH_LINES = 15
"""Lines of page 1 a title is looked for in (head, 文号 and a title of three lines fit)."""
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
    """The facts of a document from its text layer (page 1 as a PDF or OFD gives it): lines
    have no heights, so the title is told by its words and its place (`_title_in_order`)."""
    texts = [line for line in (_clean(raw) for raw in text.splitlines()) if line]
    number_at, number = _number(texts)
    issuer = _issuer(texts, number_at)
    start = number_at + 1 if number_at is not None else (1 if issuer else 0)
    title_at, title = _title_in_order(texts[start:start + TITLE_SEARCH_LINES])
    after_title = start + title_at
    date = dates.last_date(" ".join(texts))
    return OfficialFacts(issuer=issuer, number=number, title=title[:MAX_TITLE_CHARS],
                         date=date.isoformat() if date else "",
                         recipient=_recipient(texts[after_title:after_title + 4]))


def text_facts(text: str) -> OfficialFacts | None:
    """The facts page 1's text layer gives, as an inspector keeps them (the document's own
    words: read without OCR, no hint to verify); None when it reads none."""
    read = official_facts_from_text(text)
    return None if read.empty else read


def _title_in_order(texts: list[str]) -> tuple[int, str]:
    """Where the title ends (an index into `texts`) and the title, told without heights: the
    lines from the first that could be one up to the one ending like a title ('…的通知'), three
    at most ('关于印发《…》' / '的通知'); else the first line that reads as a title ('关于…',
    '…制度'), with the lines that finish it; else the first line that could be one; (0, '')."""
    recipient = next((i for i, text in enumerate(texts) if _RECIPIENT.match(text)), len(texts))
    starts = [i for i, text in enumerate(texts[:recipient]) if _could_be_title(text)]
    if not starts:
        return 0, ""
    run = _title_run(texts, starts[0])
    if run is not None:
        return run
    titled = next((i for i in starts if reads_as_a_title(texts[i])), None)
    if titled is not None:
        return _title_run(texts, titled) or (titled + 1, texts[titled])
    return starts[0] + 1, texts[starts[0]]


def _title_run(texts: list[str], first: int) -> tuple[int, str] | None:
    """The title starting at `first` when it ends like a title within MAX_TITLE_LINES lines
    (before the 主送, a date or a 文号), else None."""
    for end in range(first, min(first + MAX_TITLE_LINES, len(texts))):
        text = texts[end]
        if end > first and (_RECIPIENT.match(text) or dates.first_date(text) or DOC_NUMBER.search(text)):
            return None
        if _TITLE_END.search(text):
            return end + 1, "".join(texts[first:end + 1])
    return None


def reads_as_a_title(text: str) -> bool:
    """'关于…', '…的通知', '…学习制度': a title by its words, not only by its place on the page."""
    return bool(_TITLE_START.search(text) or _TITLE_END.search(text))


def _could_be_title(text: str) -> bool:
    """A line of some length that is no 文号, no date, no 签发人, no 主送 (…：) and no heading
    of the body ('一、…')."""
    return (len(text) >= 4 and sum("\u4e00" <= ch <= "\u9fff" for ch in text) >= 3
            and not DOC_NUMBER.search(text) and not dates.first_date(text)
            and not _SIGNER.search(text) and not _RECIPIENT.match(text) and not _OUTLINE_NUMBER.match(text))


def _names_a_subject(text: str) -> bool:
    """'关于召开…的通知' names its subject: a title, not a head ('汕尾市经济和信息化局通知')."""
    return bool(_TITLE_START.search(text) or "的" in text)


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _number(texts: list[str]) -> tuple[int | None, str]:
    """The 文号 and its line: a line that holds the number (and maybe a 签发人) and little else."""
    for i, text in enumerate(texts[:12]):
        match = DOC_NUMBER.search(text)
        if match and len(_SIGNER.sub("", DOC_NUMBER.sub("", text))) <= NUMBER_LINE_REST:
            return i, _normalised(match)
    return None, ""


def _normalised(match: re.Match) -> str:
    return f"{match['prefix']}〔{match['year']}〕{int(match['no'])}号"


def document_number_in(text: str) -> str:
    """A 文号 anywhere in `text` (a file's name: '01-汕经信〔2016〕12号-通知'), normalised; ''."""
    match = DOC_NUMBER.search(_clean(text))
    return _normalised(match) if match else ""


def _issuer(texts: list[str], number_at: int | None) -> str:
    """The red head: the line(s) above the 文号 without their '文件'; a document without a
    文号 has one only when its first line ends like a head (…文件)."""
    if number_at is None:
        head = texts[:1] if texts and _HEAD_SUFFIX.search(texts[0]) and not _names_a_subject(texts[0]) else []
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
