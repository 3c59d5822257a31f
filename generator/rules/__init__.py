"""The checks: pure functions from the framework, the scan and what the inspectors found to findings.

No rule reads a file, looks at the clock or logs: everything it needs is passed in. Each
rule family has its module (requirements, photos, documents, reports, tables, files); this
one walks the framework and gives every file the checks of its role.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .. import content_types, dates
from ..framework import Framework, Indicator, Requirement
from ..archive.inspectors.model import Inspected
from ..framework.params import Params
from ..archive.scan import ArchiveFile, Scan
from . import documents, files, photos, reports, requirements, tables
from .model import Finding, Severity, Status
from .roles import DOCUMENT, PHOTO, REPORT, SCREENSHOT, TABLE, role_of

__all__ = ["check", "Finding", "Severity", "Status"]


def check(framework: Framework, scan: Scan, inspected: Mapping[str, Inspected]) -> list[Finding]:
    """Every finding about the archive, in framework order, then the files placed nowhere."""
    findings: list[Finding] = []
    firsts = _first_of_each_photo(scan, inspected)
    checked: set[str] = set()
    for indicator in framework.indicators:
        for standard in indicator.standards:
            unplaced = [f for f in scan.files_under(indicator.code)
                        if f.place.standard == (standard.code or "") and f.hazard is None]
            findings += requirements.no_listed_material(indicator, standard, unplaced)
    for indicator, standard, requirement in framework.walk():
        placed = scan.files_of(indicator.code, standard.code or "", requirement.code or "")
        # A link is no material; nor is the unit's note saying why there is none (说明.txt).
        materials = [f for f in placed if f.hazard is None and not content_types.is_note(f.name)]
        notes = [f for f in placed if f.hazard is None and content_types.is_note(f.name)]
        params = framework.params_for(requirement)
        readable = [f for f in materials if _readable(inspected, f)]
        roles = {f.rel_path: role_of(f, inspected[f.rel_path], requirement) for f in readable}
        findings += requirements.missing_material(indicator, standard, requirement, materials, notes)
        findings += requirements.missing_kinds(indicator, standard, requirement, roles)
        findings += requirements.too_few(indicator, standard, requirement, params, readable, roles)
        found = {f.rel_path: inspected[f.rel_path] for f in readable}
        findings += requirements.seals(indicator, standard, requirement, readable, roles, found)
        findings += requirements.deadlines(indicator, standard, requirement, readable, roles, found,
                                           superior=dates.iso_date(str(params.superior_date or "")))
        for file in placed:
            findings += _file_checks(file, inspected.get(file.rel_path), roles.get(file.rel_path),
                                     params, indicator, requirement, framework.period, firsts)
            checked.add(file.rel_path)
    for file in scan.files:
        if file.rel_path not in checked:
            findings += _file_checks(file, inspected.get(file.rel_path), None,
                                     framework.params_for(), None, None, framework.period, firsts)
    for folder in scan.stray_folders:
        findings += files.stray_folder(folder)
    for folder in scan.unreadable_folders:
        findings += files.unreadable_folder(folder.rel_path, folder.place)
    return findings


def _file_checks(file: ArchiveFile, result: Inspected | None, role: str | None, params: Params,
                 indicator: Indicator | None, requirement: Requirement | None,
                 period: tuple[dt.date, dt.date] | None, firsts: dict[str, ArchiveFile]) -> list[Finding]:
    findings = files.stray_file(file) + files.misnamed(file) + files.hazard(file)
    if file.hazard is not None or (requirement is not None and content_types.is_note(file.name)):
        return findings  # a note is read as text, not checked as material
    findings += files.active_content(file)
    if result is None:
        return findings
    if not result.readable:
        return findings + files.unreadable_file(file, result)
    if result.kind == "photo":
        findings += photos.photo_duplicate(file, firsts.get(result.sha256))
    if result.kind == "document":
        findings += documents.document_damaged(file, result)
    if role in (PHOTO, SCREENSHOT):
        findings += _photo_checks(file, result, role, params, period)
        findings += photos.photo_caption(file, requirement, screenshot=role == SCREENSHOT)
    elif role == TABLE:
        findings += tables.table_format(file, result, params) + tables.table_seal(file, result, params)
        findings += files.file_naming(file, params)
    elif role == DOCUMENT:
        findings += _document_checks(file, result, params, indicator, requirement, period)
    elif role == REPORT:
        findings += _report_checks(file, result, params, requirement)
    return findings


def _photo_checks(file, photo, role, params, period) -> list[Finding]:
    findings = photos.photo_format(file, photo, params)
    if role == PHOTO:
        findings += photos.photo_size(file, photo, params) + photos.photo_clarity(file, photo, params)
        # A screenshot's name carries the day of its article, not the day it was taken.
        findings += photos.photo_exif_date(file, photo)
    findings += photos.photo_naming(file, params, screenshot=role == SCREENSHOT)
    return findings + photos.photo_date(file, photo, period)


def _document_checks(file, result, params, indicator, requirement, period) -> list[Finding]:
    findings = documents.document_format(file, result, params)
    # A document saved as an image is in the wrong format, but what OCR read on it is
    # still judged: the unit learns everything to fix at once.
    read = result if result.kind == "document" or getattr(result, "facts", None) else None
    if findings and read is None:
        return findings
    pdf = read
    findings += documents.document_size(file, result, params)
    findings += documents.document_keywords(file, pdf, params, indicator, requirement)
    findings += documents.document_date(file, pdf, params, requirement, period)
    findings += documents.document_number(file, pdf)
    return findings + files.file_naming(file, params)


def _report_checks(file, result, params, requirement) -> list[Finding]:
    findings = reports.report_format(file, result, params) + reports.report_name(file)
    report = reports.readable_report(result)  # a .docx, .doc, .wps, or a PDF/OFD's text
    if report is None:
        return findings
    findings += reports.report_length(file, report, params, requirement)
    findings += reports.report_title(file, report)
    findings += reports.report_parts(file, report)
    return findings + reports.report_numbers(file, report, params)


def _readable(inspected: Mapping[str, Inspected], file: ArchiveFile) -> bool:
    result = inspected.get(file.rel_path)
    return result is not None and result.readable


def _first_of_each_photo(scan: Scan, inspected: Mapping[str, Inspected]) -> dict[str, ArchiveFile]:
    """The first file (in archive order) of each photo content: later copies are duplicates."""
    firsts: dict[str, ArchiveFile] = {}
    for file in scan.files:
        result = inspected.get(file.rel_path)
        if result is not None and result.kind == "photo" and result.readable and result.sha256:
            firsts.setdefault(result.sha256, file)
    return firsts
