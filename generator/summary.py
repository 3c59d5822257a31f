"""The state of the archive at a glance: statuses, completeness and the score at risk,
overall and per category, department and person. One computation feeds the dashboard,
`binder check` and its json/csv/xlsx, so their numbers can't disagree."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .binder import Binder
from .framework import Indicator, Owner, Standard
from .rules import Finding, Severity, Status

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
    by_department: list[Tally] = field(default_factory=list)
    by_person: list[Tally] = field(default_factory=list)
    unplaced_errors: int = 0
    unplaced_warnings: int = 0
    """Findings about files and folders placed in no indicator."""

    def indicator_count(self, status: Status) -> int:
        return sum(s is status for s in self.indicators.values())


def summarize(binder: Binder) -> Summary:
    overall = Tally("全部")
    groups: dict[str, dict[str, Tally]] = {"category": {}, "department": {}, "person": {}}
    for indicator in binder.framework.indicators:
        for standard in indicator.standards:
            status = binder.status(indicator, standard)
            findings = binder.findings_at(indicator, standard)
            provided = sum(1 for r in standard.requirements if binder.files_of(indicator, standard, r))
            for tally in (overall, *_tallies(groups, indicator, standard.owner)):
                tally.add(status, standard, provided, findings)
    unplaced = [f for f in binder.findings if f.indicator is None]
    return Summary(
        overall=overall,
        indicators={i.code: binder.status(i) for i in binder.framework.indicators},
        by_category=list(groups["category"].values()),
        by_department=sorted(groups["department"].values(), key=lambda t: (-t.at_risk, t.name)),
        by_person=sorted(groups["person"].values(), key=lambda t: (-t.at_risk, t.name)),
        unplaced_errors=sum(f.severity is Severity.ERROR for f in unplaced),
        unplaced_warnings=sum(f.severity is Severity.WARNING for f in unplaced),
    )


def _tallies(groups: dict[str, dict[str, Tally]], indicator: Indicator, owner: Owner) -> list[Tally]:
    keys = {
        "category": indicator.category,
        "department": owner.department or UNASSIGNED,
        "person": f"{owner.person or UNASSIGNED}（{owner.department or UNASSIGNED}）",
    }
    result = []
    for group, key in keys.items():
        result.append(groups[group].setdefault(key, Tally(key)))
    return result


def owner_of(binder: Binder, finding: Finding) -> Owner:
    """Who answers for a finding: its standard's owner, else its indicator's first one."""
    indicator = binder.framework.indicator(finding.indicator) if finding.indicator else None
    if indicator is None:
        return Owner()
    standard = indicator.standard(finding.standard or None) if finding.standard is not None else None
    if standard is not None:
        return standard.owner
    return indicator.owners[0] if indicator.owners else Owner()


def findings_by_owner(binder: Binder) -> dict[str, list[Finding]]:
    """The remediation list: findings grouped by department and person, errors first."""
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in binder.findings:
        owner = owner_of(binder, finding)
        key = f"{owner.department or UNASSIGNED} / {owner.person or UNASSIGNED}" if (
            owner.department or owner.person) else "档案管理员（未归类的文件）"
        grouped[key].append(finding)
    return {k: sorted(v, key=lambda f: f.severity is not Severity.ERROR) for k, v in sorted(grouped.items())}
