"""The checked archive, as every output sees it.

Built once per run from what the pipeline made (framework, scan, inspections, findings):
the status of every requirement, standard and indicator, the files of each place, the
tallies per category, department and person, who answers for each finding, each
finding's stable record, and the comparison with the last snapshot. The site, `binder
check` in every format and the snapshot's findings read this and compute nothing of
their own. Plain dataclasses, no I/O.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .binder import Binder
from .comparison import Comparison, compare, other_unit
from .framework import Framework, Indicator, Owner, Requirement, Standard
from .archive.inspectors.model import Inspected
from .rules import Finding, Severity, Status
from .archive.scan import ArchiveFile, Scan, UnlistedFolder
from .summary import UNASSIGNED, Summary, summarize

UNPLACED_OWNER = "档案管理员（未归类的文件）"


@dataclass(frozen=True)
class FileView:
    """One file with what it is and what is wrong with it."""

    file: ArchiveFile
    inspected: Inspected | None
    findings: list[Finding]

    @property
    def kind(self) -> str:
        return self.inspected.kind if self.inspected else "other"

    @property
    def status(self) -> Status:
        return Status.of(self.findings)


@dataclass(frozen=True)
class RequirementView:
    requirement: Requirement
    status: Status
    files: list[FileView]
    """Files placed directly under the requirement."""
    groups: dict[str, list[FileView]]
    """Files in sub-folders (one meeting, one activity), by folder name."""
    findings: list[Finding]
    """Findings about the requirement itself (not about one of its files)."""

    @property
    def provided(self) -> bool:
        """Whether any file answers the requirement."""
        return bool(self.files or self.groups)


@dataclass(frozen=True)
class StandardView:
    standard: Standard
    status: Status
    requirements: list[RequirementView]
    loose: list[FileView]
    """Files in the standard's folder that reached no requirement."""
    findings: list[Finding]
    """Every finding at or below the standard."""


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    status: Status
    standards: list[StandardView]
    loose: list[FileView]
    """Files in the indicator's folder that reached no standard."""
    findings: list[Finding]
    """Every finding at or below the indicator."""
    files: int
    """Files under the indicator's folder."""

    @property
    def relapse(self) -> bool:
        return any(s.relapse for s in self.indicator.standards)


class Baseline(Protocol):
    """What the view needs of the newest snapshot (snapshot.Baseline is one)."""

    snapshot: object
    """Has .unit, .year, .date, .path, .label."""
    findings: dict | None
    error: str | None


@dataclass(frozen=True)
class Since:
    """The current findings against the newest snapshot's."""

    baseline: Baseline
    comparison: Comparison | None
    """None when the snapshot's findings could not be read (baseline.error says why)."""
    other_unit: str | None
    """The snapshot's unit, when it is another unit's."""


@dataclass
class CheckedArchive:
    """The view: everything an output shows, computed once."""

    framework: Framework
    scan: Scan
    findings: list[Finding]
    indicators: list[IndicatorView]
    files: dict[str, FileView]
    """Every file of the scan, by its shown path."""
    summary: Summary
    records: list[dict]
    """Each finding as a stable record (id, place, owner...), in the order of `findings`:
    the findings json, the snapshot and the year-over-year comparison use these."""
    thumbs_dir: Path | None = None
    """Where the inspections keep the thumbnails and previews their results name."""
    since: Since | None = None
    _owners: dict[int, Owner] = field(default_factory=dict, repr=False)

    @property
    def unit(self) -> str:
        return self.framework.unit

    @property
    def unclassified(self) -> list[FileView]:
        return [self.files[f.rel_path] for f in self.scan.unclassified]

    @property
    def stray_folders(self) -> list[str]:
        return self.scan.stray_folders

    @property
    def unreadable_folders(self) -> list[UnlistedFolder]:
        return self.scan.unreadable_folders

    @property
    def unplaced_findings(self) -> list[Finding]:
        return [f for f in self.findings if f.indicator is None]

    def owner_of(self, finding: Finding) -> Owner:
        """Who answers for a finding: its standard's owner, else its indicator's first one."""
        return self._owners.get(id(finding), Owner())

    def by_owner(self) -> dict[str, list[Finding]]:
        """The remediation list: findings grouped by department and person, errors first."""
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            owner = self.owner_of(finding)
            key = f"{owner.department or UNASSIGNED} / {owner.person or UNASSIGNED}" if (
                owner.department or owner.person) else UNPLACED_OWNER
            grouped[key].append(finding)
        return {k: sorted(v, key=lambda f: f.severity is not Severity.ERROR) for k, v in sorted(grouped.items())}


def build_view(binder: Binder, baseline: Baseline | None = None) -> CheckedArchive:
    """The view of a checked archive; `baseline`: the newest snapshot, compared with."""
    files = {f.rel_path: FileView(f, binder.inspected(f), binder.findings_of_file(f)) for f in binder.scan.files}
    indicators = [_indicator_view(binder, files, indicator) for indicator in binder.framework.indicators]
    owners = _owners(binder)
    records = [_record(binder, finding, owners.get(id(finding), Owner())) for finding in binder.findings]
    archive = CheckedArchive(
        framework=binder.framework, scan=binder.scan, findings=binder.findings, indicators=indicators,
        files=files, summary=summarize(indicators, [f for f in binder.findings if f.indicator is None]),
        records=records, thumbs_dir=binder.inspection.thumbs_dir, _owners=owners,
    )
    if baseline is not None:
        archive.since = _since(baseline, records, binder.framework.unit)
    return archive


def _indicator_view(binder: Binder, files: dict[str, FileView], indicator: Indicator) -> IndicatorView:
    standards = [_standard_view(binder, files, indicator, s) for s in indicator.standards]
    placed = {v.file.rel_path for s in standards for v in s.loose}
    loose = [files[f.rel_path] for f in binder.scan.unplaced_in(indicator.code) if f.rel_path not in placed]
    findings = binder.findings_at(indicator)
    return IndicatorView(indicator, Status.of(findings), standards, loose, findings,
                         len(binder.scan.files_under(indicator.code)))


def _standard_view(binder: Binder, files: dict[str, FileView], indicator: Indicator,
                   standard: Standard) -> StandardView:
    requirements = []
    for requirement in standard.requirements:
        views = [files[f.rel_path] for f in binder.files_of(indicator, standard, requirement)]
        groups: dict[str, list[FileView]] = defaultdict(list)
        for view in views:
            if view.file.place.group:
                groups[view.file.place.group].append(view)
        findings = binder.findings_at(indicator, standard, requirement)
        requirements.append(RequirementView(
            requirement=requirement,
            status=Status.of(findings),
            files=[v for v in views if not v.file.place.group],
            groups=dict(groups),
            findings=[f for f in findings if f.file is None],
        ))
    loose = [files[f.rel_path] for f in binder.scan.files_of(indicator.code, standard.code or "")]
    findings = binder.findings_at(indicator, standard)
    return StandardView(standard, Status.of(findings), requirements, loose, findings)


def _owners(binder: Binder) -> dict[int, Owner]:
    """Who answers for each finding (by the finding's identity)."""
    owners: dict[int, Owner] = {}
    for finding in binder.findings:
        indicator = binder.framework.indicator(finding.indicator) if finding.indicator else None
        if indicator is None:
            continue
        standard = indicator.standard(finding.standard or None) if finding.standard is not None else None
        if standard is not None:
            owners[id(finding)] = standard.owner
        elif indicator.owners:
            owners[id(finding)] = indicator.owners[0]
    return owners


def finding_id(finding: Finding, sha256: str | None = None) -> str:
    """An identity that survives a rebuild: rule + place + the file's content (or name)."""
    parts = [finding.rule, finding.indicator or "", finding.standard or "", finding.requirement or "",
             sha256 or finding.file or "", "" if sha256 else finding.message]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _record(binder: Binder, finding: Finding, owner: Owner) -> dict:
    inspected = binder.inspection.results.get(finding.file) if finding.file else None
    return {
        "id": finding_id(finding, inspected.sha256 if inspected and inspected.sha256 else None),
        "rule": finding.rule, "severity": finding.severity.value, "severity_label": finding.severity.label,
        "indicator": finding.indicator, "standard": finding.standard, "requirement": finding.requirement,
        "file": finding.file, "message": finding.message, "fix": finding.fix,
        "owner": {"leader": owner.leader, "department": owner.department, "person": owner.person},
    }


def _since(baseline: Baseline, records: list[dict], unit: str) -> Since:
    comparison = compare(records, baseline.findings) if baseline.findings is not None else None
    return Since(baseline, comparison, other_unit(baseline.snapshot.unit, unit))
