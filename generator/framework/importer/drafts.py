"""What the builder keeps while it walks the rows: each indicator and standard as read so
far (a standard may span rows, an indicator several groups of rows), and what the rows
above left open."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import Owner
from ..prose import Part
from .levels import LevelValue


@dataclass
class StandardDraft:
    code: str | None
    text: str
    score: float
    methods: tuple[str, ...]
    owner: Owner
    parts: list[Part]
    cells: list[str]
    """The requirement cells it was read from (a standard may span rows)."""
    requirement_origins: list[Any]
    origin: Any = None
    """The standard cell it was read from: the same cell on the next row continues it."""
    score_origin: Any = None
    """The score cell it took its score from: one cell merged over several standards is the item's."""


@dataclass
class IndicatorDraft:
    code: str
    name: str
    category: str
    group: str = ""
    standards: list[StandardDraft] = field(default_factory=list)
    groups: list[tuple[str, int]] = field(default_factory=list)
    """(table, first row) of each group of rows the indicator was found in."""
    split: bool = False
    """Found again after another indicator: its groups of rows are apart."""
    score: float | None = None
    """The score printed beside its name or in the 分值 column for all its standards."""


@dataclass
class RowContext:
    """What the rows above left open: the value of each level, the indicator, the standard."""

    texts: list[str | None]
    values: list[LevelValue | None]
    origins: list[Any] = field(default_factory=list)
    merging: bool = False
    """The table merges level cells down over their rows: a new merged cell with the same
    text is the same indicator found again (a second group of rows)."""
    indicator: IndicatorDraft | None = None
    standard: StandardDraft | None = None
