"""The remediation tracker: the workbook `binder check --format xlsx` writes for people to fill
in, and `binder review import` reading it back into the review file.

The workbook: 问题清单 (one row per finding, the columns people fill on the right, the stable
编号 last), 审核结论 (one row per requirement, its verdict), 责任人汇总, and a hidden sheet
导出时的值 that remembers what each filled column said when the workbook was made. Reading
back, columns are found by their header (an added, moved or hidden column does no harm), rows
by 编号 (sorted, filtered or deleted rows do no harm), and a cell counts as filled in only
where it differs from what was exported: a cell the review file changed since the export and
the workbook changed too is a conflict, reported and left as the review file has it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field, replace

from ..codes import circled
from ..comparison import where as record_where
from ..review import (NOT_STARTED, PENDING, PROGRESS, VERDICTS, Remediation, RequirementReview, Review,
                      Verdict, Waiver, date_text, described, parse_date)
from ..rules import Finding, Severity
from ..rules.messages import rule_name
from ..view import CheckedArchive

FINDINGS_SHEET = "问题清单"
VERDICTS_SHEET = "审核结论"
ORIGINAL_SHEET = "导出时的值"
ID_COLUMN = "编号"
ID_NOTE = "系统编号，请勿修改：导回审核结论和整改情况时按它找到对应的问题或要求（可隐藏此列）"

FINDING_COLUMNS = ["序号", "测评内容", "测评标准", "要求", "文件", "问题", "问题说明", "整改建议", "严重程度",
                   "责任科室", "责任人", "整改时限", "完成情况", "复核意见", "豁免理由", ID_COLUMN]
FINDING_WIDTHS = [6, 22, 8, 6, 40, 16, 50, 40, 9, 12, 10, 12, 10, 30, 24, 18]
FINDING_FIELDS = {"责任科室": "department", "责任人": "person", "整改时限": "deadline", "完成情况": "progress",
                  "复核意见": "check", "豁免理由": "waiver"}
"""The columns people fill in, and the remediation field each one sets."""

VERDICT_COLUMNS = ["序号", "测评内容", "测评标准", "要求", "材料要求", "检查结果", "审核结论", "审核人", "审核日期",
                   "审核意见", ID_COLUMN]
VERDICT_WIDTHS = [6, 22, 8, 6, 50, 10, 10, 10, 12, 40, 18]
VERDICT_FIELDS = {"审核结论": "verdict", "审核人": "reviewer", "审核日期": "date", "审核意见": "comment"}

CHOICES = {"完成情况": PROGRESS, "审核结论": VERDICTS}
"""The closed columns: a drop-down list in the workbook, refused otherwise when read back."""
DATES = {"整改时限", "审核日期"}


# --- writing ----------------------------------------------------------------------


@dataclass
class Sheet:
    title: str
    widths: list[int]
    rows: list[list]
    choices: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """Column index -> the values of its drop-down list."""
    dates: set[int] = field(default_factory=set)
    hidden: bool = False
    marked: int | None = None
    """Column whose 未达标 cells are shaded."""


def tracker_sheets(archive: CheckedArchive) -> list[Sheet]:
    """The tracker's sheets (plain values: they key the workbook memo in export.py)."""
    findings = [FINDING_COLUMNS] + [finding_row(archive, number, finding)
                                    for number, finding in enumerate(archive.findings, 1)]
    verdicts = [VERDICT_COLUMNS] + verdict_rows(archive)
    # One row per item the review file holds: the sheet, the 编号, then the filled columns' values
    # in FINDING_FIELDS' or VERDICT_FIELDS' order. An item not listed had the defaults (the
    # framework's owner, 未开始, 待审, the rest empty): a row for each of 20,000 findings
    # made writing the workbook three times slower.
    originals = [["表", ID_COLUMN] + [f"值{n}" for n in range(1, len(FINDING_FIELDS) + 1)]]
    recorded = {FINDINGS_SHEET: set(archive.review.findings),
                VERDICTS_SHEET: {requirement_key(*key) for key in archive.review.requirements}}
    for title, columns, fields, rows in ((FINDINGS_SHEET, FINDING_COLUMNS, FINDING_FIELDS, findings),
                                         (VERDICTS_SHEET, VERDICT_COLUMNS, VERDICT_FIELDS, verdicts)):
        seen = set()
        positions = [columns.index(name) for name in fields]
        for row in rows[1:]:
            key = row[-1]
            if key in recorded[title] and key not in seen:
                seen.add(key)
                originals.append([title, key] + [_cell_text(row[p]) for p in positions])
    return [
        Sheet(FINDINGS_SHEET, FINDING_WIDTHS, findings, _choices(FINDING_COLUMNS), _dates(FINDING_COLUMNS),
              marked=FINDING_COLUMNS.index("严重程度")),
        Sheet(VERDICTS_SHEET, VERDICT_WIDTHS, verdicts, _choices(VERDICT_COLUMNS), _dates(VERDICT_COLUMNS)),
        Sheet(ORIGINAL_SHEET, [12, 18] + [16] * len(FINDING_FIELDS), originals, hidden=True),
    ]


def _choices(columns: list[str]) -> dict[int, tuple[str, ...]]:
    return {columns.index(name): values for name, values in CHOICES.items() if name in columns}


def _dates(columns: list[str]) -> set[int]:
    return {columns.index(name) for name in DATES if name in columns}


def finding_row(archive: CheckedArchive, number: int, finding: Finding) -> list:
    owner, remediation = archive.answerable(finding), archive.remediation_of(finding)
    remediation = remediation or Remediation(archive.finding_id(finding))
    indicator = archive.framework.indicator(finding.indicator) if finding.indicator else None
    return [
        number, indicator.title if indicator else (finding.indicator or "未归类"),
        f"{finding.standard}）" if finding.standard else "",
        circled(finding.requirement) if finding.requirement else "", finding.file or "",
        rule_name(finding.rule), finding.message, finding.fix, finding.severity.label,
        owner.department, owner.person, date_text(remediation.deadline), remediation.progress or NOT_STARTED,
        remediation.check, remediation.waiver.reason if remediation.waiver else "", archive.finding_id(finding),
    ]


def requirement_key(indicator: str, standard: str, requirement: str) -> str:
    """The 编号 of a requirement's row: its codes, which survive renames and re-imports."""
    return f"{indicator}|{standard}|{requirement}"


def verdict_rows(archive: CheckedArchive) -> list[list]:
    rows = []
    for view in archive.indicators:
        for sv in view.standards:
            for rv in sv.requirements:
                verdict = archive.requirement_verdict(view.indicator, sv.standard, rv.requirement) or Verdict()
                rows.append([
                    len(rows) + 1, view.indicator.title, f"{sv.standard.code}）" if sv.standard.code else "",
                    circled(rv.requirement.code) if rv.requirement.code else "", rv.requirement.text,
                    rv.status.label, verdict.verdict, verdict.reviewer, date_text(verdict.date), verdict.comment,
                    requirement_key(view.indicator.code, sv.standard.code or "", rv.requirement.code or ""),
                ])
    return rows


def write_sheets(workbook, sheets: list[Sheet]) -> None:
    """The sheets into a write-only workbook: header bold and frozen, filters, drop-down lists."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    bold, wrapped = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    failing = PatternFill("solid", fgColor="FFCDD2")
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title)
        if spec.hidden:
            sheet.sheet_state = "hidden"
        for index, width in enumerate(spec.widths):
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        last = max(len(spec.rows), 2)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(spec.rows[0]))}{len(spec.rows)}"
        for column, values in spec.choices.items():
            letter = get_column_letter(column + 1)
            validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                                        showErrorMessage=True, errorTitle="请从列表中选择",
                                        error="可选：" + "、".join(values))
            validation.add(f"{letter}2:{letter}{last}")
            sheet.data_validations.append(validation)
        for column in spec.dates:
            letter = get_column_letter(column + 1)
            validation = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                                        showErrorMessage=True, errorTitle="请填写日期", error="如 2026-12-31")
            validation.add(f"{letter}2:{letter}{last}")
            sheet.data_validations.append(validation)
        for number, row in enumerate(spec.rows):
            cells = []
            for column, value in enumerate(row):
                cell = WriteOnlyCell(sheet, value=value)
                if number == 0:
                    cell.font = bold
                    if value == ID_COLUMN:  # reviewers asked what the hex column is for
                        cell.comment = Comment(ID_NOTE, "电子档案")
                else:
                    cell.alignment = wrapped
                    if column == spec.marked and value == Severity.ERROR.label:
                        cell.fill = failing
                cells.append(cell)
            sheet.append(cells)


def progress_sheet(archive: CheckedArchive) -> Sheet:
    """The monthly 通报 as a sheet: one row per department and person."""
    rows: list[list] = [["责任科室", "责任人", "待整改", "已完成（待复核）", "已豁免", "审核通过", "审核退回", "逾期",
                         "最近整改时限", "距时限（天）"]]
    for row in archive.progress():
        rows.append([row.department, row.person, row.open, row.submitted, row.waived, row.approved,
                     row.returned, row.overdue, date_text(row.next_deadline),
                     "" if row.days_left is None else row.days_left])
    return Sheet("进度通报", [14, 10, 8, 14, 8, 10, 10, 8, 14, 12], rows)


# --- reading back -----------------------------------------------------------------


class TrackerError(Exception):
    """The workbook is no tracker this binder can read; the message is for the user (Chinese)."""


@dataclass
class Merged:
    review: Review
    changes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Typos, conflicts, rows that match nothing (Chinese, with the sheet and row)."""


def merge_tracker(archive: CheckedArchive, data: bytes, *, reviewer: str = "",
                  today: dt.date | None = None) -> Merged:
    """The review with what people filled into the workbook `data`; nothing else changes."""
    today = today or archive.today
    workbook = _open(data)
    review = _copy(archive.review)
    merged = Merged(review)
    originals = _originals(workbook)
    findings_sheet = _find_sheet(workbook, FINDINGS_SHEET, FINDING_FIELDS)
    if findings_sheet is None:
        raise TrackerError(f"表格中找不到“{FINDINGS_SHEET}”工作表（应有“{ID_COLUMN}”列和“完成情况”列）")
    _merge_findings(archive, findings_sheet, originals, merged, reviewer, today)
    verdicts_sheet = _find_sheet(workbook, VERDICTS_SHEET, VERDICT_FIELDS)
    if verdicts_sheet is not None:
        _merge_verdicts(archive, verdicts_sheet, originals, merged, reviewer, today)
    for finding in archive.findings:
        remediation = review.findings.get(archive.finding_id(finding))
        if remediation is not None:
            record = {"indicator": finding.indicator, "standard": finding.standard,
                      "requirement": finding.requirement}
            review.findings[remediation.id] = described(remediation, record_where(record),
                                                        finding.message)
    return merged


def _open(data: bytes):
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        raise TrackerError(f"无法读取表格（不是 xlsx 文件，或已损坏）：{type(error).__name__}") from None


def _copy(review: Review) -> Review:
    return Review(dict(review.requirements), dict(review.files), dict(review.findings), list(review.problems))


def _find_sheet(workbook, title: str, fields: dict):
    """The sheet by its title, else the first whose header has 编号 and the filled columns
    (WPS and people rename sheets)."""
    if title in workbook.sheetnames:
        return workbook[title]
    for sheet in workbook.worksheets:
        header = _header(sheet)
        if ID_COLUMN in header and any(name in header for name in fields):
            return sheet
    return None


def _header(sheet) -> dict[str, int]:
    row = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    return {str(value).strip(): index for index, value in enumerate(row) if value not in (None, "")}


def _originals(workbook) -> dict[tuple[str, str, str], str] | None:
    """What the filled columns said at the export, for the items the review file held then;
    None when the workbook has no such sheet (an older workbook, or one pasted together)."""
    if ORIGINAL_SHEET not in workbook.sheetnames:
        return None
    fields = {FINDINGS_SHEET: list(FINDING_FIELDS), VERDICTS_SHEET: list(VERDICT_FIELDS)}
    values = {}
    for row in workbook[ORIGINAL_SHEET].iter_rows(min_row=2, values_only=True):
        if len(row) < 2 or str(row[0]) not in fields or not row[1]:
            continue
        for name, value in zip(fields[str(row[0])], row[2:]):
            values[(str(row[0]), str(row[1]), name)] = _cell_text(value)
    return values


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return date_text(parse_date(value))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _rows(sheet, header: dict[str, int]):
    for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), 2):
        if not any(value not in (None, "") for value in row):
            continue
        yield number, {name: row[index] if index < len(row) else None for name, index in header.items()}


def _date_cell(value, name: str, where: str, merged: Merged) -> tuple[bool, str]:
    """(valid, text) of a date cell; a number is an Excel serial date (WPS writes them so)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 < value < 2958466:
        from openpyxl.utils.datetime import from_excel
        value = from_excel(value)
    parsed = parse_date(value)
    if isinstance(parsed, str):
        merged.problems.append(f"{where}：{name}“{parsed}”不是日期（应如 2026-12-31），未导入该项")
        return False, ""
    return True, date_text(parsed)


def _checked(name: str, value, where: str, merged: Merged) -> tuple[bool, str]:
    if name in DATES:
        return _date_cell(value, name, where, merged)
    text = _cell_text(value)
    if name in CHOICES and text and text not in CHOICES[name]:
        merged.problems.append(f"{where}：{name}“{text}”不是可选值（{'、'.join(CHOICES[name])}），未导入该项")
        return False, ""
    return True, text


_VERDICT_DEFAULTS = {"审核结论": PENDING, "审核人": "", "审核日期": "", "审核意见": ""}


def _finding_default(archive: CheckedArchive, finding: Finding, name: str) -> str:
    """What a column of a finding's row says when the review file holds nothing about it."""
    owner = archive.owner_of(finding)
    return {"责任科室": owner.department, "责任人": owner.person, "完成情况": NOT_STARTED}.get(name, "")


def _merge_findings(archive: CheckedArchive, sheet, originals, merged: Merged, reviewer: str,
                    today: dt.date) -> None:
    header = _header(sheet)
    if ID_COLUMN not in header:
        raise TrackerError(f"“{sheet.title}”工作表缺少“{ID_COLUMN}”列，无法与问题对应")
    current = {archive.finding_id(f): (number, f) for number, f in enumerate(archive.findings, 1)}
    legacy = archive.legacy_ids()  # a workbook exported before findings had subjects
    taken: dict[tuple[str, str], str] = {}
    for number, cells in _rows(sheet, header):
        where = f"{sheet.title} 第 {number} 行"
        written = _cell_text(cells[ID_COLUMN])
        key = written if written in current else legacy.get(written, written)
        filled = [name for name in FINDING_FIELDS if name in cells and _cell_text(cells[name])]
        if key not in current:
            if key or filled:
                merged.problems.append(f"{where}：编号“{key or '（空）'}”对应的问题已不存在或编号被改动，该行未导入")
            continue
        position, finding = current[key]
        now = dict(zip(FINDING_FIELDS, finding_row(archive, position, finding)[9:15]))
        now = {name: _cell_text(value) for name, value in now.items()}
        for name, attribute in FINDING_FIELDS.items():
            if name not in cells:
                continue
            valid, value = _checked(name, cells[name], where, merged)
            if not valid:
                continue
            exported = (now[name] if originals is None
                        else originals.get((FINDINGS_SHEET, written, name), _finding_default(archive, finding, name)))
            if value == exported or value == now[name]:
                continue
            if (key, name) in taken and taken[(key, name)] != value:
                merged.problems.append(f"{where}：同一问题（编号 {key}）在前面的行中{name}填为“{taken[(key, name)]}”，"
                                       f"本行“{value}”未导入")
                continue
            if now[name] != exported:
                merged.problems.append(f"{where}：{name}导出后已在审核记录中改为“{now[name]}”，表中填的是“{value}”，"
                                       f"两处不一致，保留审核记录，请核对")
                continue
            taken[(key, name)] = value
            _set_remediation(merged.review, key, attribute, value, reviewer, today)
            merged.changes.append(f"{where}（{rule_name(finding.rule)}，{record_where(vars(finding))}）："
                                  f"{name} “{now[name]}” → “{value}”")


def _set_remediation(review: Review, key: str, attribute: str, value: str, reviewer: str,
                     today: dt.date) -> None:
    remediation = review.findings.get(key) or Remediation(key)
    if attribute == "waiver":
        remediation = replace(remediation, waiver=Waiver(value, reviewer, today) if value else None)
    elif attribute == "deadline":
        remediation = replace(remediation, deadline=parse_date(value))
    else:
        remediation = replace(remediation, **{attribute: value})
    review.with_remediation(remediation)


def _merge_verdicts(archive: CheckedArchive, sheet, originals, merged: Merged, reviewer: str,
                    today: dt.date) -> None:
    header = _header(sheet)
    if ID_COLUMN not in header:
        merged.problems.append(f"“{sheet.title}”工作表缺少“{ID_COLUMN}”列，审核结论未导入")
        return
    current = {row[-1]: row for row in verdict_rows(archive)}
    for number, cells in _rows(sheet, header):
        where = f"{sheet.title} 第 {number} 行"
        key = _cell_text(cells[ID_COLUMN])
        if key not in current:
            if key:
                merged.problems.append(f"{where}：编号“{key}”对应的材料要求已不存在或编号被改动，该行未导入")
            continue
        now = {name: _cell_text(current[key][VERDICT_COLUMNS.index(name)]) for name in VERDICT_FIELDS}
        new = dict(now)
        for name in VERDICT_FIELDS:
            if name not in cells:
                continue
            valid, value = _checked(name, cells[name], where, merged)
            if not valid:
                continue
            exported = (now[name] if originals is None
                        else originals.get((VERDICTS_SHEET, key, name), _VERDICT_DEFAULTS[name]))
            if value == exported or value == now[name]:
                continue
            if name == "审核结论" and not value:
                merged.problems.append(f"{where}：审核结论被清空，保留原结论“{now[name]}”（如需撤销请选“待审”）")
                continue
            if now[name] != exported:
                merged.problems.append(f"{where}：{name}导出后已在审核记录中改为“{now[name]}”，表中填的是“{value}”，"
                                       f"两处不一致，保留审核记录，请核对")
                continue
            new[name] = value
        if new == now:
            continue
        if new["审核结论"] != now["审核结论"]:
            new["审核人"] = new["审核人"] if new["审核人"] != now["审核人"] else (reviewer or new["审核人"])
            new["审核日期"] = new["审核日期"] if new["审核日期"] != now["审核日期"] else today.isoformat()
        indicator, standard, requirement = key.split("|")
        merged.review.requirements[(indicator, standard, requirement)] = RequirementReview(
            indicator, standard, requirement,
            Verdict(new["审核结论"] or PENDING, new["审核人"], parse_date(new["审核日期"]), new["审核意见"]))
        changed = "，".join(f"{name} “{now[name]}” → “{new[name]}”" for name in VERDICT_FIELDS if new[name] != now[name])
        place = " ".join(p for p in (current[key][1], current[key][2], current[key][3]) if p)
        merged.changes.append(f"{where}，{place}：{changed}")


__all__ = ["merge_tracker", "tracker_sheets", "write_sheets", "TrackerError", "Merged"]
