"""The checked archive, as every output sees it.

Built once per run from what the pipeline made (framework, scan, inspections, findings):
the status of every requirement, standard and indicator, the files of each place, the
tallies per category, department and person, who answers for each finding, each
finding's stable record, and the comparison with the last snapshot. The site, `binder
check` in every format and the snapshot's findings read this and compute nothing of
their own. Plain dataclasses, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from .binder import Binder
from .finding_ids import finding_ids, legacy_finding_id
from .comparison import Comparison, RemediationChanges, compare, compare_remediations, other_unit
from .framework import Framework, Indicator, Owner, Requirement, Standard
from .archive.inspectors.model import Inspected
from .rules import Finding, Severity, Status
from .archive.scan import ArchiveFile, Scan, UnlistedFolder
from .review import DONE, PASSED, RETURNED, Remediation, Review, Verdict
from .summary import UNASSIGNED, Summary, summarize

UNPLACED_OWNER = "档案管理员（未归类的文件）"


@dataclass(frozen=True)
class FileView:
    """One file with what it is and what is wrong with it."""

    file: ArchiveFile
    inspected: Inspected | None
    findings: list[Finding]
    counted: list[Finding] | None = None
    """The findings that count against the status (None: all of them; waived ones don't)."""
    as_document: bool = False
    """An image standing for a document (a 正式发文 scanned to JPEG): shown and printed as
    the page it is, not among the photos."""

    @property
    def kind(self) -> str:
        return self.inspected.kind if self.inspected else "other"

    @property
    def status(self) -> Status:
        return Status.of(self.findings if self.counted is None else self.counted)


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
    counted: list[Finding] = field(default_factory=list)
    """The findings that count against the status: all but the waived ones."""


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
    review: Review | None
    """The snapshot's review file (None when it had none or it could not be read)."""


@dataclass(frozen=True)
class Since:
    """The current findings against the newest snapshot's."""

    baseline: Baseline
    comparison: Comparison | None
    """None when the snapshot's findings could not be read (baseline.error says why)."""
    other_unit: str | None
    """The snapshot's unit, when it is another unit's."""
    remediations: RemediationChanges | None = None
    """Remediations closed and reopened since the snapshot (None: the snapshot had no review file)."""


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
    review: Review = field(default_factory=Review)
    """What the reviewers decided (review.yml), matched to the items below."""
    today: dt.date = field(default_factory=dt.date.today)
    """The day overdue remediations are counted against."""
    review_notes: list[str] = field(default_factory=list)
    """Review items that match nothing any more, and what the review file could not say (Chinese)."""
    review_moves: list[str] = field(default_factory=list)
    """Files reviewed under another name, their verdict followed by content (Chinese; no problem)."""
    _owners: dict[int, Owner] = field(default_factory=dict, repr=False)
    _ids: dict[int, str] = field(default_factory=dict, repr=False)
    _legacy_ids: dict[int, str] = field(default_factory=dict, repr=False)
    _file_verdicts: dict[str, Verdict] = field(default_factory=dict, repr=False)

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

    def finding_id(self, finding: Finding) -> str:
        return self._ids.get(id(finding), "")

    def legacy_ids(self) -> dict[str, str]:
        """The id each finding had before findings had subjects (finding_ids.legacy_finding_id)
        -> its id now: what a workbook exported before still says in its 编号 column. An old
        id several findings shared goes to the first (framework order), as in build_view;
        one that is a finding's id now is that finding's (the caller looks there first)."""
        moved: dict[str, str] = {}
        for finding in self.findings:
            moved.setdefault(self._legacy_ids.get(id(finding), ""), self.finding_id(finding))
        moved.pop("", None)
        return moved

    def remediation_of(self, finding: Finding) -> Remediation | None:
        return self.review.findings.get(self.finding_id(finding))

    def waived(self, finding: Finding) -> bool:
        remediation = self.remediation_of(finding)
        return remediation is not None and remediation.waiver is not None

    def overdue(self, finding: Finding) -> bool:
        remediation = self.remediation_of(finding)
        return remediation is not None and remediation.overdue(self.today)

    def answerable(self, finding: Finding) -> Owner:
        """Who answers for a finding: as the review file assigns it, else the framework's owner."""
        owner = self.owner_of(finding)
        remediation = self.remediation_of(finding)
        if remediation is None:
            return owner
        return Owner(owner.leader, remediation.department or owner.department, remediation.person or owner.person)

    def requirement_verdict(self, indicator: Indicator, standard: Standard | None,
                            requirement: Requirement) -> Verdict | None:
        entry = self.review.requirements.get(
            (indicator.code, (standard.code or "") if standard else "", requirement.code or ""))
        return entry.verdict if entry else None

    def file_verdict(self, rel_path: str) -> Verdict | None:
        return self._file_verdicts.get(rel_path)

    def progress(self) -> list[ProgressRow]:
        """The 进度 table: per department and person, what is open, done, approved, returned, late."""
        return _progress(self)

    def by_owner(self) -> dict[str, list[Finding]]:
        """The remediation list: findings grouped by department and person, errors first; the
        owners with most to put right first (as the 进度 table orders them), the files nobody
        owns last. Not by name: Chinese names sorted by code point read as no order at all."""
        grouped: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            owner = self.answerable(finding)
            key = f"{owner.department or UNASSIGNED} / {owner.person or UNASSIGNED}" if (
                owner.department or owner.person) else UNPLACED_OWNER
            grouped[key].append(finding)

        def most_to_fix(item: tuple[str, list[Finding]]) -> tuple:
            key, findings = item
            errors = sum(f.severity is Severity.ERROR for f in findings)
            return key == UNPLACED_OWNER, -errors, -len(findings), key

        return {k: sorted(v, key=lambda f: f.severity is not Severity.ERROR)
                for k, v in sorted(grouped.items(), key=most_to_fix)}


def build_view(binder: Binder, baseline: Baseline | None = None, review: Review | None = None,
               today: dt.date | None = None) -> CheckedArchive:
    """The view of a checked archive; `baseline`: the newest snapshot, compared with; `review`:
    the reviewers' verdicts and waivers (a waived finding stays shown but no longer counts)."""
    owners = _owners(binder)
    sha256s = [_sha256(binder, finding) for finding in binder.findings]
    records = [_record(finding, key, owners.get(id(finding), Owner()))
               for finding, key in zip(binder.findings, finding_ids(binder.findings, sha256s))]
    ids = {id(finding): record["id"] for finding, record in zip(binder.findings, records)}
    legacy_ids = {id(finding): legacy_finding_id(finding, sha256)
                  for finding, sha256 in zip(binder.findings, sha256s)}
    review = _adopt_legacy_ids(review if review is not None else Review(), binder.findings, ids, legacy_ids)
    waived = {key for key, finding_id_ in ids.items()
              if (r := review.findings.get(finding_id_)) is not None and r.waiver is not None}

    def counted(findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if id(f) not in waived] if waived else findings

    files = {f.rel_path: FileView(f, binder.inspected(f), binder.findings_of_file(f),
                                  counted(binder.findings_of_file(f)) if waived else None,
                                  as_document=f.rel_path in binder.document_images) for f in binder.scan.files}
    indicators = [_indicator_view(binder, files, indicator, counted) for indicator in binder.framework.indicators]
    for record, finding in zip(records, binder.findings):
        if id(finding) in waived:
            record["waived"] = review.findings[record["id"]].waiver.reason
    archive = CheckedArchive(
        framework=binder.framework, scan=binder.scan, findings=binder.findings, indicators=indicators,
        files=files, summary=summarize(indicators, counted([f for f in binder.findings if f.indicator is None])),
        records=records, thumbs_dir=binder.inspection.thumbs_dir, review=review, today=today or dt.date.today(),
        _owners=owners, _ids=ids, _legacy_ids=legacy_ids,
    )
    _match_review(archive, binder)
    if baseline is not None:
        before = getattr(baseline, "review", None)
        if before is not None:  # the snapshot's review file may be older than subjects too
            before = _adopt_legacy_ids(before, binder.findings, ids, legacy_ids)
        archive.since = _since(baseline, records, binder.framework.unit, review, before)
    return archive


def _indicator_view(binder: Binder, files: dict[str, FileView], indicator: Indicator, counted) -> IndicatorView:
    standards = [_standard_view(binder, files, indicator, s, counted) for s in indicator.standards]
    placed = {v.file.rel_path for s in standards for v in s.loose}
    loose = [files[f.rel_path] for f in binder.scan.unplaced_in(indicator.code) if f.rel_path not in placed]
    findings = binder.findings_at(indicator)
    return IndicatorView(indicator, Status.of(counted(findings)), standards, loose, findings,
                         len(binder.scan.files_under(indicator.code)))


def _standard_view(binder: Binder, files: dict[str, FileView], indicator: Indicator,
                   standard: Standard, counted) -> StandardView:
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
            status=Status.of(counted(findings)),
            files=[v for v in views if not v.file.place.group],
            groups=dict(groups),
            findings=[f for f in findings if f.file is None],
        ))
    loose = [files[f.rel_path] for f in binder.scan.files_of(indicator.code, standard.code or "")]
    findings = binder.findings_at(indicator, standard)
    return StandardView(standard, Status.of(counted(findings)), requirements, loose, findings, counted(findings))


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


def _sha256(binder: Binder, finding: Finding) -> str | None:
    """The content of the finding's file, where it was read: the id follows a renamed file."""
    inspected = binder.inspection.results.get(finding.file) if finding.file else None
    return inspected.sha256 if inspected is not None and inspected.sha256 else None


def _adopt_legacy_ids(review: Review, findings: list[Finding], ids: dict[int, str],
                      legacy_ids: dict[int, str]) -> Review:
    """The review with each remediation written under a legacy id (a review file from before
    findings had subjects) moved to its finding's id now, so it stays attached and the next
    write of the file (`binder review import`) stores it under the new id. A record found by
    its new id is never taken again; a legacy id shared by several findings goes to the
    first (framework order). The review handed in is not changed."""
    claimed = {ids[id(f)] for f in findings if ids[id(f)] in review.findings}
    moves: dict[str, str] = {}
    for finding in findings:
        new, old = ids[id(finding)], legacy_ids[id(finding)]
        if new in review.findings or old in claimed or old not in review.findings:
            continue
        moves[old] = new
        claimed.add(old)
    if not moves:
        return review
    remediations = {moves.get(key, key): replace(r, id=moves[key]) if key in moves else r
                    for key, r in review.findings.items()}
    return Review(dict(review.requirements), dict(review.files), remediations, list(review.problems))


def _record(finding: Finding, finding_id_: str, owner: Owner) -> dict:
    return {
        "id": finding_id_,
        "rule": finding.rule, "severity": finding.severity.value, "severity_label": finding.severity.label,
        "indicator": finding.indicator, "standard": finding.standard, "requirement": finding.requirement,
        "file": finding.file, "message": finding.message, "fix": finding.fix,
        "owner": {"leader": owner.leader, "department": owner.department, "person": owner.person},
    }


def _since(baseline: Baseline, records: list[dict], unit: str, review: Review, before: Review | None) -> Since:
    comparison = compare(records, baseline.findings) if baseline.findings is not None else None
    remediations = (compare_remediations(before, review, {r["id"] for r in records})
                    if before is not None else None)
    return Since(baseline, comparison, other_unit(baseline.snapshot.unit, unit), remediations)


# --- the review, matched to the checked archive -------------------------------------


def _match_review(archive: CheckedArchive, binder: Binder) -> None:
    """Each verdict and remediation to its item; what matches nothing is noted, never dropped."""
    review, notes = archive.review, archive.review_notes
    notes.extend(review.problems)
    places = {(i.code, s.code or "", r.code or "") for i, s, r in binder.framework.walk()}
    for key, entry in sorted(review.requirements.items()):
        if key not in places:
            notes.append(f"审核记录中的材料要求 {_place_text(*key)} 在测评体系中已不存在"
                         f"（审核结论：{entry.verdict.verdict}），请核对")
    hashes = {}
    for file in binder.scan.files:
        inspected = binder.inspected(file)
        if inspected is not None and inspected.sha256:
            hashes.setdefault(inspected.sha256, file.rel_path)
    for path, entry in sorted(review.files.items()):
        if path in archive.files:
            archive._file_verdicts[path] = entry.verdict
            inspected = archive.files[path].inspected
            if entry.sha256 and inspected is not None and inspected.sha256 and inspected.sha256 != entry.sha256:
                notes.append(f"文件“{path}”在审核（{entry.verdict.verdict}）之后有改动，请重新审核")
        elif entry.sha256 and entry.sha256 in hashes:
            moved = hashes[entry.sha256]
            archive._file_verdicts.setdefault(moved, entry.verdict)
            archive.review_moves.append(f"文件“{path}”已改名为“{moved}”，审核结论随文件保留")
        else:
            notes.append(f"审核记录中的文件“{path}”已不存在（审核结论：{entry.verdict.verdict}），请核对")
    current = set(archive._ids.values())
    for finding_id_, remediation in sorted(review.findings.items()):
        if finding_id_ not in current:
            what = "，".join(p for p in (remediation.where, remediation.problem[:40]) if p) or "无描述"
            notes.append(f"整改记录 {finding_id_}（{what}）对应的问题已不再出现：已整改或档案有变动，请核对")


def _place_text(indicator: str, standard: str, requirement: str) -> str:
    parts = [indicator]
    if standard:
        parts.append(f"{standard}）")
    if requirement:
        parts.append(requirement)
    return " ".join(parts)


@dataclass
class ProgressRow:
    """One department and person on the 进度 page and in the monthly 通报."""

    department: str
    person: str
    open: int = 0
    """Findings not waived and not yet reported done."""
    submitted: int = 0
    """Remediations reported 已完成."""
    waived: int = 0
    approved: int = 0
    """Verdicts 通过 on their requirements and files."""
    returned: int = 0
    """Verdicts 退回 on their requirements and files."""
    overdue: int = 0
    next_deadline: dt.date | None = None
    """The nearest deadline of what is still open."""
    days_left: int | None = None


def _progress(archive: CheckedArchive) -> list[ProgressRow]:
    rows: dict[tuple[str, str], ProgressRow] = {}

    def row(owner: Owner) -> ProgressRow:
        key = (owner.department or UNASSIGNED, owner.person or UNASSIGNED)
        return rows.setdefault(key, ProgressRow(*key))

    for finding in archive.findings:
        entry, remediation = row(archive.answerable(finding)), archive.remediation_of(finding)
        if remediation is not None and remediation.waiver is not None:
            entry.waived += 1
        elif remediation is not None and remediation.progress == DONE:
            entry.submitted += 1
        else:
            entry.open += 1
            if remediation is not None and remediation.overdue(archive.today):
                entry.overdue += 1
            deadline = remediation.deadline if remediation is not None else None
            if isinstance(deadline, dt.date) and (entry.next_deadline is None or deadline < entry.next_deadline):
                entry.next_deadline, entry.days_left = deadline, (deadline - archive.today).days
    for view in archive.indicators:
        for sv in view.standards:
            owner = sv.standard.owner
            verdicts = [archive.requirement_verdict(view.indicator, sv.standard, rv.requirement)
                        for rv in sv.requirements]
            verdicts += [archive.file_verdict(f.file.rel_path) for rv in sv.requirements
                         for f in [*rv.files, *(g for group in rv.groups.values() for g in group)]]
            for verdict in verdicts:
                if verdict is not None and verdict.verdict in (PASSED, RETURNED):
                    entry = row(owner)
                    entry.approved += verdict.verdict == PASSED
                    entry.returned += verdict.verdict == RETURNED
    return sorted(rows.values(), key=lambda r: (-r.overdue, -r.returned, -r.open, r.department, r.person))
