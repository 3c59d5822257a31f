"""The office view's facts: each unit's results as far as the office needs them, and what
the view makes of them together (the matrix, the ranking, the failures per indicator, the
trends and the differences between frameworks)."""

from __future__ import annotations

from dataclasses import dataclass, field

STATUS_LABELS = {"compliant": "达标", "failing": "未达标", "to-verify": "待核实"}


@dataclass(frozen=True, slots=True)
class Totals:
    """A unit's overall tally (the contract's summary), in standards."""

    standards: int
    compliant: int
    failing: int
    to_verify: int
    score: float
    at_risk: float
    errors: int
    warnings: int

    @property
    def risk_share(self) -> float:
        """The share of the score at risk, 0..1 (0 when the framework has no scores)."""
        return self.at_risk / self.score if self.score else 0.0


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    code: str
    name: str
    category: str
    status: str
    """compliant / failing / to-verify"""
    score: float
    at_risk: float
    rules: dict[str, int]
    """How many findings of each rule the unit has under this indicator."""


@dataclass(frozen=True, slots=True)
class UnitResult:
    """One unit's results of one year (or of now: year None), reduced from its check json."""

    unit: str
    title: str
    """The framework's title: units of another title use another framework (version)."""
    year: int | None
    source: str
    totals: Totals
    indicators: tuple[IndicatorResult, ...]
    unplaced_rules: dict[str, int]
    finding_ids: bytes
    """The findings' stable ids, each as the first 8 bytes of its sha1, one after the other
    (hundreds of units' ids in a few hundred KB: all a trend needs)."""

    def identities(self) -> list[bytes]:
        return [self.finding_ids[i:i + 8] for i in range(0, len(self.finding_ids), 8)]


@dataclass(frozen=True, slots=True)
class ReferenceIndicator:
    """An indicator of the reference framework (the one most units use): a row of the office."""

    code: str
    name: str
    category: str
    slug: str


@dataclass(slots=True)
class Cell:
    """A unit's indicator, placed under the reference indicator it maps to."""

    status: str
    at_risk: float
    unit_code: str
    """The code the unit itself uses (its binder's page is named by it)."""
    link: str | None = None
    """The unit's own binder page for it, relative to the office site's root; None when absent."""


@dataclass(slots=True)
class CategoryCell:
    """A unit's indicators of one category: how many are in each status, and the score at risk."""

    compliant: int = 0
    failing: int = 0
    to_verify: int = 0
    at_risk: float = 0.0

    @property
    def status(self) -> str:
        if self.failing:
            return "failing"
        if self.to_verify:
            return "to-verify"
        return "compliant" if self.compliant else "none"

    def add(self, cell: Cell) -> None:
        if cell.status == "failing":
            self.failing += 1
        elif cell.status == "to-verify":
            self.to_verify += 1
        else:
            self.compliant += 1
        self.at_risk = round(self.at_risk + cell.at_risk, 2)


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A difference between a unit's framework and the reference one; never merged silently."""

    unit: str
    kind: str
    """framework / code / name / extra / missing"""
    text: str
    merged: bool
    """True when the unit's indicator was counted under the reference one (same name, other code)."""


@dataclass(frozen=True, slots=True)
class Trend:
    unit: str
    since: int | None
    now: int | None
    resolved: int
    new: int
    still_open: int


@dataclass
class UnitRow:
    """One unit in the office view: its newest results and where its own binder sits."""

    unit: str
    key: str
    """Its folder name beside the office site (SITE/../<key>/site/ holds its binder)."""
    result: UnitResult
    binder: str | None = None
    """Its binder's home page relative to the office site's root; None when not beside it."""
    cells: dict[str, Cell] = field(default_factory=dict)
    """By reference indicator code."""
    categories: dict[str, CategoryCell] = field(default_factory=dict)
    rank: int = 0

    @property
    def totals(self) -> Totals:
        return self.result.totals


@dataclass(frozen=True, slots=True)
class IndicatorFailures:
    indicator: ReferenceIndicator
    failing: int
    to_verify: int
    units: int
    """Units that have this indicator (mapped)."""
    top_rules: list[tuple[str, str, int]]
    """(rule code, Chinese name, findings) of the most common rules, most first."""


@dataclass
class OfficeView:
    reference_title: str
    categories: list[str]
    indicators: list[ReferenceIndicator]
    units: list[UnitRow]
    """In ranking order."""
    failures: list[IndicatorFailures]
    mismatches: list[Mismatch]
    trends: list[Trend]
    single_year: list[str]
    """Units with results of one year only: no trend."""
    refused: list[str]
    """One Chinese sentence per input that could not be read."""
    top_rules: list[tuple[str, str, int]]
