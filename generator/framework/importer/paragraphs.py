"""A framework written as numbered paragraphs, with no table (文明家庭条件及评分标准).

Shape read:

    文明家庭条件及评分标准(百分制)                       <- the title (a line before the first item)
    1、爱国守法、明礼诚信好----家庭成员自觉遵守……         <- number, name, a separator, the text
    (30分。                                             <- the score on its own line, in brackets
    如发生任何一种违法违纪……均否决评先资格)               <- a veto clause (否决, 一票否决)
    2、开拓进取,敬业奉献好----家庭成员努力学习……
    (20分)

Each item opens with a number ("1、", "1.", "(1)", "一、") counting up from 1, then its
name and its text, separated by a run of dashes ("----", "——") or a colon; an item
without a separator is all text. Lines up to the next item belong to it: a line that
is a score ("(20分)", "（15分）。", "30分") gives its score, a line that holds 否决
is its veto clause (kept in the standard's text, so the site shows it), any other
line goes on its text. At least two items make a framework; anything else is not one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ... import codes

_ITEM = re.compile(r"^\s*(?:(?P<d>\d{1,2})\s*[、.．]|[（(]\s*(?P<p>\d{1,2})\s*[）)]|(?P<c>[一二三四五六七八九十]{1,3})\s*、)"
                   r"\s*(?P<rest>.+)$")
_NAME_SEPARATOR = re.compile(r"\s*(?:-{2,}|—{1,}|－{2,}|[：:])\s*")
_SCORE_LINE = re.compile(r"^[（(]?\s*(?P<n>\d+(?:\.\d+)?)\s*分\s*[）)。.,，;；]*")
_VETO = re.compile(r"否决")


@dataclass
class ParagraphItem:
    """One numbered paragraph read: its number, name, text, score and veto clause."""

    number: int
    raw_code: str
    name: str
    text: str
    score: float | None = None
    veto: str = ""


def read_items(paragraphs: list[str]) -> tuple[str, list[ParagraphItem], list[str]]:
    """(title, items, lines not placed) of a framework written as numbered paragraphs; no
    items when the paragraphs are not one (fewer than two items counting up from 1)."""
    title, items, loose = "", [], []
    for line in paragraphs:
        item = _item(line, len(items) + 1)
        if item is not None:
            items.append(item)
            continue
        if not items:
            if not title and len(line) <= 60:
                title = line.strip()
            else:
                loose.append(line)
            continue
        _add_line(items[-1], line)
    if len(items) < 2:
        return title, [], paragraphs
    return title, items, loose


def _item(line: str, expected: int) -> ParagraphItem | None:
    match = _ITEM.match(codes.fold_width(line))
    if match is None:
        return None
    number = int(match.group("d") or match.group("p") or 0) or (codes.cn_number(match.group("c")) if match.group("c") else 0)
    if number != expected:
        return None
    rest = line[match.start("rest"):].strip()
    parts = _NAME_SEPARATOR.split(rest, maxsplit=1)
    name, text = (parts[0], parts[1]) if len(parts) == 2 and len(parts[0]) <= 30 else ("", rest)
    return ParagraphItem(number, line[:match.start("rest")].strip(), name.strip(), text.strip())


def _add_line(item: ParagraphItem, line: str) -> None:
    folded = codes.fold_width(line).strip()
    score = _SCORE_LINE.match(folded)
    if score is not None and item.score is None:
        item.score = float(score.group("n"))
        folded = folded[score.end():].strip()
        line = folded
    if not folded.strip("()（）。. "):
        return
    if _VETO.search(folded):
        item.veto = (item.veto + line.strip().rstrip(")）")).strip()
    else:
        item.text += line.strip()
