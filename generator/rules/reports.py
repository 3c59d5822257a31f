"""Report checks (seed 000, 说明报告): Word, length, name, title, three parts, numbers."""

from __future__ import annotations

import math
import re

from .. import naming
from ..text import count_chars
from ..framework import Requirement
from ..archive.inspectors.model import Inspected, InspectedDocument, InspectedReport, Paragraph
from ..framework.params import Params
from ..archive.scan import ArchiveFile
from . import messages
from .model import Finding, Severity, at

PARTS = {
    "基本情况": re.compile(r"基本情况|总体情况|工作概况|概况|情况概述|基本概况|背景"),
    "主要措施": re.compile(r"措施|做法|举措|主要工作|工作开展"),
    "取得成效": re.compile(r"成效|成果|效果|成绩|收获"),
}
"""The three parts of a report, and the words their headings use."""
_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*[%％]?|[一二三四五六七八九十百千万两]+\s*[次人名个项场期篇份条户家所万]")


def asked_chars(requirement: Requirement, params: Params) -> int:
    """The length the requirement asks (its 'N字左右'), else the default."""
    return next((a.chars for a in requirement.asks if a.kind == "report" and a.chars), params.report_chars)


def length_window(asked: int, tolerance: float) -> tuple[int, int]:
    """Characters accepted for an asked length: 300 ± 10% -> 270–330."""
    return math.ceil(asked * (1 - tolerance) - 1e-9), math.floor(asked * (1 + tolerance) + 1e-9)


def report_format(file: ArchiveFile, inspected: Inspected, params: Params) -> list[Finding]:
    """report.format: .docx, or a .doc/.wps whose text was read; a .doc/.wps whose text
    could not be read is accepted but can't be checked (to verify)."""
    extension = file.suffix.lstrip(".")
    if extension in params.report_formats and inspected.kind == "report":
        return []
    if extension in params.report_legacy_formats:
        if isinstance(inspected, InspectedReport) and inspected.readable and inspected.text_readable:
            return []
        return [at(file, "report.legacy", Severity.WARNING,
                   messages.REPORT_LEGACY.format(found=f".{extension}"), messages.REPORT_LEGACY_FIX)]
    return [at(file, "report.format", Severity.ERROR,
               messages.REPORT_FORMAT.format(found=extension.upper() or "未知"), messages.REPORT_FORMAT_FIX)]


def readable_report(inspected: Inspected) -> InspectedReport | None:
    """The report's text to count, whatever its format: a Word report whose text was read,
    or a PDF/OFD with a text layer (one paragraph per line: the count, the title and the
    parts' openings come out as from the same text in Word); None when there is no text."""
    if isinstance(inspected, InspectedReport):
        return inspected if inspected.readable and inspected.text_readable else None
    if isinstance(inspected, InspectedDocument) and inspected.readable and inspected.text.strip():
        paragraphs = tuple(Paragraph(text=line.strip()) for line in inspected.text.splitlines() if line.strip())
        return InspectedReport(kind="report", size=inspected.size, sha256=inspected.sha256,
                               title=paragraphs[0].text, paragraphs=paragraphs,
                               char_count=sum(count_chars(p.text) for p in paragraphs))
    return None


def report_length(file: ArchiveFile, report: InspectedReport, params: Params,
                  requirement: Requirement) -> list[Finding]:
    """report.length: the asked length ±report_tolerance, or within the asked bounds ('500字以内',
    '不少于500字', '800—1000字': no tolerance, the framework drew the line) (counted as
    generator.text counts)."""
    bounded = next((a for a in requirement.asks if a.kind == "report" and (a.chars_min or a.chars_max)), None)
    if bounded is not None and not any(a.kind == "report" and a.chars for a in requirement.asks):
        return _length_within(file, report, bounded.chars_min or 0, bounded.chars_max, bounded.length_words)
    asked = asked_chars(requirement, params)
    low, high = length_window(asked, params.report_tolerance)
    if low <= report.char_count <= high:
        return []
    fix = (messages.REPORT_LENGTH_FIX_SHORT if report.char_count < low else messages.REPORT_LENGTH_FIX_LONG)
    message = messages.REPORT_LENGTH.format(found=report.char_count, asked=asked, low=low, high=high)
    return [at(file, "report.length", Severity.ERROR, message, fix.format(asked=asked))]


def _length_within(file: ArchiveFile, report: InspectedReport, low: int, high: int | None,
                   asked: str) -> list[Finding]:
    if report.char_count >= low and (high is None or report.char_count <= high):
        return []
    fix = messages.REPORT_LENGTH_BOUNDS_FIX_SHORT if report.char_count < low else messages.REPORT_LENGTH_BOUNDS_FIX_LONG
    return [at(file, "report.length", Severity.ERROR,
               messages.REPORT_LENGTH_BOUNDS.format(found=report.char_count, asked=asked), fix.format(asked=asked))]


def report_name(file: ArchiveFile) -> list[Finding]:
    """report.name: '材料编号+内容+说明报告'."""
    stem = file.stem.strip()
    if stem.endswith("说明报告") and naming.has_material_number(stem):
        return []
    return [at(file, "report.name", Severity.WARNING,
               messages.REPORT_NAME.format(name=file.name), messages.REPORT_NAME_FIX)]


def report_title(file: ArchiveFile, report: InspectedReport) -> list[Finding]:
    """report.title: '事项+说明报告'."""
    title = report.title.strip()
    if title.endswith("说明报告") and len(title) > len("说明报告"):
        return []
    return [at(file, "report.title", Severity.WARNING,
               messages.REPORT_TITLE.format(title=title or "（无标题）"), messages.REPORT_TITLE_FIX)]


def report_parts(file: ArchiveFile, report: InspectedReport) -> list[Finding]:
    """report.parts: overview, measures and results, found in headings or paragraph openings."""
    openings = [p.text[:16] for p in report.paragraphs if p.text.strip()]
    missing = [name for name, words in PARTS.items() if not any(words.search(o) for o in openings)]
    if not missing:
        return []
    return [at(file, "report.parts", Severity.WARNING,
               messages.REPORT_PARTS.format(missing="、".join(missing)), messages.REPORT_PARTS_FIX)]


def report_numbers(file: ArchiveFile, report: InspectedReport, params: Params) -> list[Finding]:
    """report.numbers: figures given as evidence."""
    body = " ".join(p.text for p in report.paragraphs if not p.heading_level)
    found = len(_NUMBER.findall(body))
    if found >= params.report_min_numbers:
        return []
    message = messages.REPORT_NUMBERS.format(found=found, required=params.report_min_numbers)
    return [at(file, "report.numbers", Severity.WARNING, message, messages.REPORT_NUMBERS_FIX)]
