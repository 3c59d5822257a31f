"""Reading one cell into terms: packed standards, cells keyed by number, scores, methods.

Shapes read:
- several standards packed in one cell, numbered "1)…;2)…", "1）…；2）…", "1.…\\n2.…",
  "1、…;2、…", "(1)…(2)…", "①…②…", with a line break, a ";" or a blank before each
  number; the numbers count up (one may be skipped: 1) 2) 4)); a number inside a
  sentence ("公共场所①、街巷②", "活动 1") does not start a standard;
- standards without numbers separated by ";" where each carries its own score, the
  score written after the separator ("…会议;(2分)领导班子…": the 2 belongs before);
- a grading sentence after the standards ("符合上述3项标准为A;…", "…≥95%标准为A") kept
  apart, not read as a standard;
- a cell keyed by the standards' numbers, runs of numbers sharing one text
  ("1)3)现场审核资料\\n2)现场审核记录", "2)、3)、4)材料审核"): methods, materials;
- scores "(1.5分)", "(15 分)", "15分" at the end of a text, and scores per clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import codes
from ..prose import join_lines

METHODS = ("材料审核", "实地考察", "问卷调查", "网上申报", "查阅资料", "查阅材料", "资料审核", "材料审查",
           "实地查看", "实地察看", "实地检查", "现场检查", "现场查看", "随机抽查", "入户调查", "电话访问",
           "电话调查", "网络调查", "网上调查", "抽样调查", "专项调查", "数据分析", "数据采集", "部门评价",
           "听取汇报", "个别访谈", "个别座谈", "座谈会", "座谈", "暗访暗查", "暗访", "明察", "审核材料",
           "访问调查", "现场审核资料", "现场审核记录")
"""Methods of evaluation, for splitting a cell where they run together ("材料审核问卷调查")."""

_BOUNDARY = "\n;；。,，:：、 \t\u3000"
"""What may come before a number that starts a standard."""

_NUMBER_STYLES = {
    "paren": re.compile(r"[（(]\s*(\d{1,2})\s*[）)]"),
    "closed": re.compile(r"(\d{1,2})\s*[)）](?!分)"),
    "dotted": re.compile(r"(\d{1,2})\s*[、.．](?!\d)"),
    "circled": re.compile(f"([{codes.CIRCLED}])"),
}
"""The ways a standard's number is written inside a packed cell."""

_SCORE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")
_TRAILING_SCORE = re.compile(r"[（(]?\s*(\d+(?:\.\d+)?)\s*分\s*[）)]?\s*$")
_GRADING = re.compile(r"为\s*[ABCＡＢＣ](?![A-Za-z])|[ABC]\s*级|得\s*[ABC](?![A-Za-z])")


@dataclass
class Piece:
    """One numbered piece of a cell: the numbers it is for and its text."""

    keys: list[str]
    """'1' for '1)'; several for a run '1)3)'; [] for an unnumbered piece."""
    raw_code: str
    """The code as printed ('1)', '1、'), '' when none."""
    text: str


@dataclass
class PackedStandard:
    code: str | None
    raw_code: str
    text: str
    score: float | None = None
    score_parts: list[float] = field(default_factory=list)
    printed: str = ""
    """The text as printed, score marks kept: they end the parts read from it (prose.demands_in_standard)."""


def _number_value(match: re.Match) -> int:
    value = match.group(1)
    return codes.CIRCLED.index(value) + 1 if value in codes.CIRCLED else int(value)


def _style_at_start(text: str) -> str | None:
    for style, pattern in _NUMBER_STYLES.items():
        if pattern.match(text):
            return style
    return None


def pieces(text: str, *, ordered: bool = True) -> list[Piece]:
    """`text` split at the numbers that start its pieces (the style of the first number,
    counting up, or with `ordered` False in any order, each once: "1)3)…\n2)…"); one
    unnumbered piece when it starts with no number."""
    text = text.strip()
    folded = codes.fold_width(text)  # one character for one: positions hold in `text`
    style = _style_at_start(folded)
    if style is None:
        return [Piece([], "", text)] if text else []
    pattern = _NUMBER_STYLES[style]
    starts: list[tuple[int, int, list[int]]] = []  # (start, end of its run of numbers, numbers)
    last = 0
    used: set[int] = set()
    at = 0
    while at < len(folded):
        match = pattern.match(folded, at)
        before = folded[:at].rstrip(" \t")
        if match and (at == 0 or not before or folded[at - 1] in _BOUNDARY or before[-1] in _BOUNDARY):
            run, end = [_number_value(match)], match.end()
            while (more := pattern.match(folded, re.match(r"[、,，\s]*", folded[end:]).end() + end)) \
                    and _number_value(more) > run[-1]:
                run.append(_number_value(more))
                end = more.end()
            if (run[0] > last) if ordered else not used.intersection(run):
                starts.append((at, end, run))
                last = run[-1]
                used.update(run)
                at = end
                continue
        at += 1
    out = []
    for index, (start, end, run) in enumerate(starts):
        stop = starts[index + 1][0] if index + 1 < len(starts) else len(folded)
        out.append(Piece([str(n) for n in run], text[start:end].strip(), text[end:stop]))
    lead = text[:starts[0][0]].strip() if starts else ""
    return ([Piece([], "", lead)] if lead else []) + out


def keyed(text: str) -> dict[str | None, str]:
    """A cell keyed by standard numbers: {'1': '材料审核', '3': '材料审核', '2': …}; {None: text}
    when the cell is not keyed."""
    read = pieces(text, ordered=False)
    if not read or not any(p.keys for p in read):
        return {None: text.strip()} if text.strip() else {}
    out: dict[str | None, str] = {}
    for piece in read:
        for key in piece.keys or [None]:
            out[key] = piece.text.strip(" ;；,，\n")
    return out


def split_standards(text: str) -> tuple[list[PackedStandard], str]:
    """The standards packed in a cell, and the grading sentence after them ('' when none)."""
    read = pieces(text)
    grading = ""
    if read:
        last = read[-1]
        last.text, grading = _cut_grading(last.text)
    if len(read) == 1 and not read[0].keys:
        clauses = _scored_clauses(read[0].text)
        if len(clauses) > 1:
            return [_standard(None, "", clause) for clause in clauses], grading
    standards = []
    for piece in read:
        if not piece.keys and not clean(piece.text):
            continue
        standards.append(_standard(piece.keys[0] if piece.keys else None, piece.raw_code, piece.text))
    return standards, grading


def _cut_grading(text: str) -> tuple[str, str]:
    match = _GRADING.search(text)
    if match is None:
        return text, ""
    start = max(text.rfind(ch, 0, match.start()) for ch in "。;；\n ")
    if start <= 0:
        return text, ""
    return text[:start + 1], text[start + 1:].strip()


def _scored_clauses(text: str) -> list[str]:
    """'甲;(2分)乙;(1分)' -> ['甲(2分)', '乙(1分)']: clauses each with its own score."""
    clauses = [c for c in re.split(r"[;；]", text) if c.strip()]
    if len(clauses) < 2 or len(_SCORE.findall(text)) < 2:
        return []
    out: list[str] = []
    for clause in clauses:
        lead = re.match(r"\s*([（(]\s*\d+(?:\.\d+)?\s*分\s*[）)])", clause)
        if lead and out:
            out[-1] += lead.group(1)
            clause = clause[lead.end():]
        if clean(clause):
            out.append(clause)
    return out


def _standard(code: str | None, raw: str, text: str) -> PackedStandard:
    scores = [float(s) for s in _SCORE.findall(text)]
    words = clean(_SCORE.sub("", text) if scores and _SCORE.search(text.rstrip(" ;；,，。\n")[-12:]) else text)
    return PackedStandard(code=code, raw_code=raw, text=words,
                          score=round(sum(scores), 4) if scores else None,  # per clause: their sum
                          score_parts=scores if len(scores) > 1 else [], printed=text)


def clean(text: str) -> str:
    return join_lines(text).strip(" ;；,，\n\t")


def trailing_score(text: str) -> tuple[str, float | None]:
    """'组织领导\\n(15分)' -> ('组织领导', 15.0); the text unchanged and None without a score."""
    text = text.strip()
    match = _TRAILING_SCORE.search(codes.fold_width(text))
    if match is None:
        return text, None
    return text[:match.start()].strip(), float(match.group(1))


def split_methods(text: str) -> tuple[str, ...]:
    """'材料审核问卷调查实地考察' -> ('材料审核', '问卷调查', '实地考察'); unknown words kept as they are."""
    methods: list[str] = []
    known = sorted(set(METHODS), key=len, reverse=True)
    for chunk in re.split(r"[\s、，,;；/／+＋和及]+", codes.fold_width(join_lines(text))):
        rest = ""
        while chunk:
            word = next((w for w in known if chunk.startswith(w)), None)
            if word is None:
                rest += chunk[0]
                chunk = chunk[1:]
                continue
            if rest:
                methods.append(rest)
                rest = ""
            methods.append(word)
            chunk = chunk[len(word):]
        if rest:
            methods.append(rest)
    return tuple(dict.fromkeys(m for m in methods if m))


def split_indicator(text: str) -> tuple[str | None, str]:
    """'Ⅲ-2\\n健全完善学习制度' -> ('Ⅲ-2', '健全完善学习制度'); the code None when there is none."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
    if not lines:
        return None, ""
    code = codes.indicator_key(lines[0])
    if code is not None:
        first = codes.strip_code(lines[0])
        if first == lines[0].strip():  # the line was the code alone
            first = ""
        return code, join_lines("\n".join([first, *lines[1:]]))
    joined = join_lines(text)  # a break inside the code: 'Ⅲ-\n2 名称'
    code = codes.indicator_key(joined)
    if code is None:
        return None, joined
    rest = codes.strip_code(joined)
    return code, "" if rest == joined else rest


def split_standard(text: str) -> tuple[str | None, str]:
    """'1）以党委…' -> ('1', '以党委…'); a standard without a number keeps code None."""
    words = join_lines(text).strip()
    key = codes.standard_key(words)
    if key is None:
        return None, words
    rest = codes.strip_code(words)
    return key, "" if rest == words else rest
