"""Reading the level cells of a row (category → sub-category → indicator).

Shapes read:
- a code and a name in one cell, on one line or several ("Ⅱ-1 组织领导", "Ⅲ—1\\n健全学习制度",
  "1.创建工作机制(6分)"), in any numbering `codes.parse_code` reads;
- a name written one character per line ("中\\n央\\n文\\n明…"): lines are joined;
- a code in its own column beside the name (the columns come joined, "1 公共环境");
- a score at the end ("(29分)", "15分", "(15 分)"), taken off the name;
- no code at all: the level is numbered by its position under its parent (`codes.position_code`).
Which level a column is comes from its place (header.py); a level's value is new when its
text changes from the row above, and a new value at one level starts anew every level below.
"""

from __future__ import annotations

from dataclasses import dataclass

from ... import codes
from ..prose import join_lines
from .cells import trailing_score
from .tables import RawCell, distinct

LEVEL_NAMES = {1: ["indicator"], 2: ["category", "indicator"], 3: ["category", "subcategory", "indicator"]}


def level_names(count: int) -> list[str]:
    """The levels of a table with `count` level columns, top down; more than three keep the
    lowest as indicator and the ones between as sub-categories."""
    if count in LEVEL_NAMES:
        return LEVEL_NAMES[count]
    return ["category"] + ["subcategory"] * (count - 2) + ["indicator"]


@dataclass(frozen=True)
class LevelValue:
    raw_code: str
    """The code as printed ('Ⅰ—1'), '' when there is none."""
    code: str | None
    """Its canonical form ('Ⅰ-1'), None when there is none."""
    name: str
    score: float | None
    text: str
    """The cell's text, for telling a new value from the one above."""


def level_text(row: list[RawCell], columns: list[int]) -> str:
    cells = distinct([row[c] for c in columns if c < len(row)])
    return " ".join(c.text.strip() for c in cells if c.text.strip())


def read_level(text: str) -> LevelValue:
    stripped = text.strip()
    parsed = codes.parse_code(stripped)
    raw, rest = "", stripped
    if parsed is not None and parsed.style is not codes.Style.POSITION:
        raw = stripped[:parsed.length].strip().rstrip("、.．:：,， ")
        rest = parsed.name
    name, score = trailing_score(join_lines(rest))
    return LevelValue(raw_code=raw, code=parsed.canonical if raw else None, name=join_lines(name).strip(),
                      score=score, text=stripped)
