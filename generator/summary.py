"""The state of the archive at a glance: completeness and the score at risk, overall and
per category, department and person, tallied once over the view's statuses (view.py), so
the dashboard and `binder check` in every format can't disagree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .framework import Indicator, Owner, Standard
from .rules import Finding, Severity, Status

if TYPE_CHECKING:
    from .view import IndicatorView

UNASSIGNED = "（未指定）"


@dataclass
class Tally:
    """Counts for a group of standards (a category, a department, a person, or all)."""

    name: str
    standards: int = 0
    compliant: int = 0
    failing: int = 0
    to_verify: int = 0
    relapse: int = 0
    score: float = 0.0
    at_risk: float = 0.0
    """Sum of the scores of the standards not 达标."""
    requirements: int = 0
    provided: int = 0
    """Requirements with at least one file."""
    errors: int = 0
    warnings: int = 0

    @property
    def completeness(self) -> float:
        """Share of requirements with material, 0–100."""
        return round(100 * self.provided / self.requirements, 1) if self.requirements else 100.0

    def percent(self, count: int) -> float:
        return round(100 * count / self.standards, 1) if self.standards else 0.0

    def add(self, status: Status, standard: Standard, provided: int, findings: list[Finding]) -> None:
        self.standards += 1
        self.compliant += status is Status.COMPLIANT
        self.failing += status is Status.FAILING
        self.to_verify += status is Status.TO_VERIFY
        self.relapse += standard.relapse
        self.score = round(self.score + standard.score, 2)
        if status is not Status.COMPLIANT:
            self.at_risk = round(self.at_risk + standard.score, 2)
        self.requirements += len(standard.requirements)
        self.provided += provided
        self.errors += sum(f.severity is Severity.ERROR for f in findings)
        self.warnings += sum(f.severity is Severity.WARNING for f in findings)

    def as_dict(self) -> dict:
        return {
            "name": self.name, "standards": self.standards, "compliant": self.compliant,
            "failing": self.failing, "to_verify": self.to_verify, "relapse": self.relapse,
            "score": self.score, "at_risk": self.at_risk, "requirements": self.requirements,
            "provided": self.provided, "completeness": self.completeness,
            "errors": self.errors, "warnings": self.warnings,
        }


@dataclass
class Summary:
    overall: Tally
    indicators: dict[str, Status] = field(default_factory=dict)
    """Status of each indicator, by code."""
    by_category: list[Tally] = field(default_factory=list)
    by_group: list[Tally] = field(default_factory=list)
    """Per sub-category ('测评项目 / 子项目'), for four-level frameworks; empty otherwise."""
    by_department: list[Tally] = field(default_factory=list)
    by_person: list[Tally] = field(default_factory=list)
    unplaced_errors: int = 0
    unplaced_warnings: int = 0
    """Findings about files and folders placed in no indicator."""

    def indicator_count(self, status: Status) -> int:
        return sum(s is status for s in self.indicators.values())


def summarize(indicators: list[IndicatorView], unplaced: list[Finding]) -> Summary:
    """The tallies of the view's indicators (their statuses already decided), and of the
    findings placed in no indicator."""
    overall = Tally("全部")
    groups: dict[str, dict[str, Tally]] = {"category": {}, "group": {}, "department": {}, "person": {}}
    for view in indicators:
        for sv in view.standards:
            provided = sum(1 for rv in sv.requirements if rv.provided)
            for tally in (overall, *_tallies(groups, view.indicator, sv.standard.owner)):
                tally.add(sv.status, sv.standard, provided, sv.counted)
    return Summary(
        overall=overall,
        indicators={view.indicator.code: view.status for view in indicators},
        by_category=list(groups["category"].values()),
        by_group=list(groups["group"].values()),
        by_department=sorted(groups["department"].values(), key=lambda t: (-t.at_risk, t.name)),
        by_person=sorted(groups["person"].values(), key=lambda t: (-t.at_risk, t.name)),
        unplaced_errors=sum(f.severity is Severity.ERROR for f in unplaced),
        unplaced_warnings=sum(f.severity is Severity.WARNING for f in unplaced),
    )


def _tallies(groups: dict[str, dict[str, Tally]], indicator: Indicator, owner: Owner) -> list[Tally]:
    keys = {
        "category": indicator.category,
        "group": f"{indicator.category} / {indicator.group}" if indicator.group else None,
        "department": owner.department or UNASSIGNED,
        "person": f"{owner.person or UNASSIGNED}（{owner.department or UNASSIGNED}）",
    }
    return [groups[group].setdefault(key, Tally(key)) for group, key in keys.items() if key is not None]
