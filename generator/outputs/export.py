"""The findings as data: json (a documented, stable shape), csv, xlsx, and a terminal table.

The json shape (version 1):

    {
      "version": 1,
      "framework": {"title", "unit", "period": {"start", "end"} | null},
      "summary": Tally,                     # overall
      "by_category": [Tally], "by_group": [Tally],   # by_group: sub-categories, [] when none
      "by_department": [Tally], "by_person": [Tally],
      "indicators": [{"code", "name", "category", "status", "status_label", "score",
                      "standards": [{"code", "status", "status_label", "score", "relapse",
                                     "owner": {"leader", "department", "person"}}]}],
      "findings": [{"id", "rule", "severity", "severity_label", "indicator", "standard",
                    "requirement", "file", "message", "fix",
                    "owner": {"leader", "department", "person"},
                    "waived": "the waiver's reason"}]  # "waived" only where review.yml waives it
    }

A finding's "id" is stable (generator/finding_ids.py): rule, place, the file's content (else
its path) and what tells the rule's findings at one place apart (the kind, the meeting's
folder), never the message: a finding fixed in part keeps it.

A Tally is {"name", "standards", "compliant", "failing", "to_verify", "relapse", "score",
"at_risk", "requirements", "provided", "completeness", "errors", "warnings"}. Status codes
are "compliant" / "failing" / "to-verify"; severities "error" / "warning". "standard" and
"requirement" are "" for an unnumbered one and null where the finding is above that level.

This json is the contract between a unit and the city office (`binder office` reads it):
generator/outputs/check_schema.json is its JSON Schema and README.md ("检查结果 json") says
what may change within a version. Adding a key keeps the version; renaming, removing or
changing the meaning of one bumps JSON_VERSION, and a reader refuses a version it does not
know (generator/outputs/office/contract.py) rather than guess.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from pathlib import Path

from ..codes import circled
from ..comparison import Comparison, other_unit_text, where
from ..rules import Finding, Severity, Status
from ..text import pad
from ..review import date_text
from ..view import CheckedArchive
from . import tracker

log = logging.getLogger(__name__)

JSON_VERSION = 1
CSV_COLUMNS = ["级别", "测评内容", "测评标准", "材料要求", "文件", "问题", "整改建议", "责任科室", "责任人", "规则"]


def as_data(archive: CheckedArchive) -> dict:
    summary = archive.summary
    framework = archive.framework
    return {
        "version": JSON_VERSION,
        "framework": {
            "title": framework.title, "unit": framework.unit,
            "period": {"start": framework.period[0].isoformat(), "end": framework.period[1].isoformat()}
            if framework.period else None,
        },
        "summary": summary.overall.as_dict(),
        "by_category": [t.as_dict() for t in summary.by_category],
        "by_group": [t.as_dict() for t in summary.by_group],
        "by_department": [t.as_dict() for t in summary.by_department],
        "by_person": [t.as_dict() for t in summary.by_person],
        "indicators": [_indicator(view) for view in archive.indicators],
        "findings": archive.records,
    }


def to_json(archive: CheckedArchive) -> str:
    return json.dumps(as_data(archive), ensure_ascii=False, indent=2)


def to_csv(archive: CheckedArchive) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for finding in archive.findings:
        writer.writerow(_row(archive, finding))
    # A BOM, so that Excel on a Chinese Windows opens the file as UTF-8.
    return "\ufeff" + buffer.getvalue()


XLSX_LAYOUT = 3
"""Bump when the workbook's layout changes: workbooks kept from earlier builds are remade."""
_TOTALS_SHEET = ("责任人汇总", [24] + [12] * 9)
_TOTALS_COLUMNS = ["责任人（科室）", "测评标准", "达标", "未达标", "待核实", "分值", "风险分值",
                   "材料完整度（%）", "未达标问题", "待核实问题"]


def to_xlsx(archive: CheckedArchive, memo_dir: Path | None = None) -> bytes:
    """The remediation tracker (tracker.py: the findings to fill in, the verdicts per
    requirement), and the totals per owner. With `memo_dir`, the workbook of the same rows
    made by an earlier build is taken from there (writing 20,000 rows takes seconds, and
    most builds change nothing in them)."""
    return _memoized(_xlsx_sheets(archive), memo_dir)


def progress_xlsx(archive: CheckedArchive, memo_dir: Path | None = None) -> bytes:
    """The 整改进度 workbook (the monthly 通报); kept in `memo_dir` like to_xlsx's, so that a
    rebuild that changes nothing gives the same bytes (openpyxl stamps the time of saving)."""
    return _memoized([tracker.progress_sheet(archive)], memo_dir)


def _memoized(sheets: list[tracker.Sheet], memo_dir: Path | None) -> bytes:
    if memo_dir is None:
        return _workbook(sheets)
    rows = [[sheet.title, sheet.rows] for sheet in sheets]
    key = hashlib.sha256(json.dumps([XLSX_LAYOUT, rows], ensure_ascii=False, default=str).encode("utf-8")).hexdigest()
    kept = memo_dir / f"{key[:32]}.xlsx"
    try:
        return kept.read_bytes()
    except OSError:
        pass
    data = _workbook(sheets)
    _keep_only(memo_dir, kept, data)
    return data


def _xlsx_sheets(archive: CheckedArchive) -> list[tracker.Sheet]:
    totals = [_TOTALS_COLUMNS] + [
        [t.name, t.standards, t.compliant, t.failing, t.to_verify, t.score, t.at_risk, t.completeness,
         t.errors, t.warnings]
        for t in archive.summary.by_person
    ]
    sheets = tracker.tracker_sheets(archive)
    # The totals before the hidden sheet, so the visible ones come first in every program.
    return sheets[:2] + [tracker.Sheet(_TOTALS_SHEET[0], _TOTALS_SHEET[1], totals)] + sheets[2:]


def _workbook(sheets: list[tracker.Sheet]) -> bytes:
    """The workbook, written row by row (openpyxl's write-only mode: a cell's style is set
    from objects made once, which made it 2.5 times faster than styling a finished sheet)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    tracker.write_sheets(workbook, sheets)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _keep_only(folder: Path, kept: Path, data: bytes) -> None:
    """Keep `data` as the folder's one workbook; a folder that can't be written costs the
    next build a new workbook, never this build."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.xlsx"):
            old.unlink()
        partial = kept.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(kept)
    except OSError as error:
        log.debug("workbook not kept in %s: %r", folder, error)


def to_text(archive: CheckedArchive) -> str:
    """The terminal table: one block per indicator with its findings, then the unclassified."""
    summary = archive.summary
    lines = []
    for view in archive.indicators:
        indicator, status = view.indicator, view.status
        owners = "；".join(f"{o.department}/{o.person}" for o in indicator.owners if o.department or o.person)
        lines.append(f"{_mark(status)} {indicator.title}  [{status.label}]  {indicator.score} 分  {owners}")
        for finding in view.findings:
            where_ = " ".join(p for p in (_standard_label(finding), _requirement_label(finding)) if p)
            label = "已豁免" if archive.waived(finding) else finding.severity.label
            lines.append(f"    {label}  {where_:<6} {finding.message}{_remediation_text(archive, finding)}")
            if finding.file:
                lines.append(f"{'':14}文件：{finding.file}")
        lines += _returned_lines(archive, view)
    unplaced = archive.unplaced_findings
    if unplaced:
        lines.append("？ 未归类")
        for finding in unplaced:
            lines.append(f"    {finding.severity.label}  {finding.message}")
    overall = summary.overall
    lines.append("")
    lines.append(
        f"共 {len(archive.indicators)} 项测评内容：达标 {summary.indicator_count(Status.COMPLIANT)}，"
        f"未达标 {summary.indicator_count(Status.FAILING)}，待核实 {summary.indicator_count(Status.TO_VERIFY)}；"
        f"未达标问题 {overall.errors + summary.unplaced_errors} 条，待核实问题 {overall.warnings + summary.unplaced_warnings} 条；"
        f"风险分值 {overall.at_risk} / {overall.score} 分；材料完整度 {overall.completeness}%。"
    )
    return "\n".join(lines) + "\n"


def to_comparison_text(archive: CheckedArchive, path: str, label: str) -> str:
    """`binder check --since`: counts, then each group with its findings; a warning first
    when the snapshot (at `path`, `label` its year and date) is another unit's."""
    since = archive.since
    assert since is not None and since.comparison is not None
    comparison: Comparison = since.comparison
    lines = [other_unit_text(since.other_unit, archive.unit)] if since.other_unit else []
    lines += [
        f"与存档 {path}（{label}）相比：已整改 {len(comparison.resolved)} 条，"
        f"新发现 {len(comparison.new)} 条，仍未整改 {len(comparison.still_open)} 条。",
    ]
    groups = (("已整改", comparison.resolved, "，存档时的记录"), ("新发现", comparison.new, ""),
              ("仍未整改", comparison.still_open, ""))
    for title, records, note in groups:
        lines += ["", f"{title}（{len(records)} 条{note}）：" if records else f"{title}：无"]
        for record in records:
            label_ = record.get("severity_label") or ""
            lines.append(f"  {pad(label_, 7)}{pad(where(record), 12)} {record.get('message') or ''}")
            if record.get("file"):
                lines.append(f"{'':8}文件：{record['file']}")
    lines += _remediation_changes_lines(since.remediations)
    return "\n".join(lines) + "\n"


def _remediation_changes_lines(changes) -> list[str]:
    """The remediations closed and reopened since the snapshot (its review.yml against today's)."""
    if changes is None:
        return ["", "整改记录：存档中没有审核记录（review.yml），不比较。"]
    lines = ["", f"整改记录：已关闭 {len(changes.closed)} 条，重新打开 {len(changes.reopened)} 条。"]
    for title, remediations in (("已关闭", changes.closed), ("重新打开", changes.reopened)):
        for remediation in remediations:
            who = "/".join(p for p in (remediation.department, remediation.person) if p)
            state = "已豁免" if remediation.waiver else (remediation.progress or "未开始")
            lines.append(f"  {pad(title, 9)}{pad(remediation.where or remediation.id, 12)} "
                         f"{remediation.problem or ''}（{state}{'，' + who if who else ''}）")
    return lines


def _remediation_text(archive: CheckedArchive, finding: Finding) -> str:
    """The remediation's state after a finding's line: who, by when, and 逾期 when late."""
    remediation = archive.remediation_of(finding)
    if remediation is None:
        return ""
    if remediation.waiver is not None:
        return f"（豁免理由：{remediation.waiver.reason}）"
    parts = [p for p in (remediation.progress, remediation.person) if p]
    if remediation.deadline:
        parts.append(f"时限 {date_text(remediation.deadline)}")
    if remediation.overdue(archive.today):
        parts.append("已逾期")
    return f"（{'，'.join(parts)}）" if parts else ""


def _returned_lines(archive: CheckedArchive, view) -> list[str]:
    """The requirements a reviewer returned, with the comment."""
    lines = []
    for sv in view.standards:
        for rv in sv.requirements:
            verdict = archive.requirement_verdict(view.indicator, sv.standard, rv.requirement)
            if verdict is not None and verdict.returned:
                where_ = " ".join(p for p in (f"{sv.standard.code}）" if sv.standard.code else "",
                                              circled(rv.requirement.code) if rv.requirement.code else "") if p)
                lines.append(f"    退回    {where_:<6} {verdict.comment or '（无审核意见）'}"
                             f"（{verdict.reviewer or '审核人未填'}，{date_text(verdict.date)}）")
    return lines


def _mark(status: Status) -> str:
    return {Status.COMPLIANT: "✓", Status.FAILING: "✗", Status.TO_VERIFY: "!"}[status]


def _standard_label(finding: Finding) -> str:
    return f"{finding.standard}）" if finding.standard else ""


def _requirement_label(finding: Finding) -> str:
    return circled(finding.requirement) if finding.requirement else ""


def _row(archive: CheckedArchive, finding: Finding) -> list:
    owner = archive.owner_of(finding)
    return [finding.severity.label, finding.indicator or "未归类", _standard_label(finding),
            _requirement_label(finding), finding.file or "", finding.message, finding.fix,
            owner.department, owner.person, finding.rule]


def _indicator(view) -> dict:
    indicator = view.indicator
    return {
        "code": indicator.code, "name": indicator.name, "category": indicator.category,
        "status": view.status.value, "status_label": view.status.label, "score": indicator.score,
        "item_score": indicator.item_score,  # as the table prints it; None when it prints none
        "standards": [_standard(sv) for sv in view.standards],
    }


def _standard(sv) -> dict:
    standard, owner = sv.standard, sv.standard.owner
    return {
        "code": standard.code or "", "status": sv.status.value, "status_label": sv.status.label,
        "score": standard.score, "relapse": standard.relapse,
        "owner": {"leader": owner.leader, "department": owner.department, "person": owner.person},
    }
