"""Rule parameters: every default from the seeds in one table, settable in criteria.yml.

`params:` at the top of criteria.yml sets them for the whole framework, `params:` on a
requirement for that requirement only (e.g. a requirement that asks for 10 photos of
each kind, or a secret document that may stay in Word).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from ..excerpt import excerpt

MIB = 1024 * 1024
"""A 'MB' as Windows shows a file's size: the unit the archive officers read."""


@dataclass(frozen=True)
class Params:
    # Photos (seed 000: 图片资料)
    photo_formats: tuple[str, ...] = ("jpg", "jpeg")
    """Extensions accepted for photos."""
    photo_min_mb: float = 1.5
    photo_max_mb: float = 2.0
    photo_min_long_side: int = 1600
    """Clarity: the long side of a photo in pixels, at least."""
    photo_naming: bool = True
    """Check scene photos for time + place + activity + organizer + theme in their names."""

    # Thematic activities (seed 000: ≥ 3 activities, ≥ 3 photos each)
    thematic: bool | None = None
    """None: a requirement is thematic when its text speaks of 活动 and asks for photos."""
    activity_min_count: int = 3
    activity_min_photos: int = 3

    # Official documents (seed 000: 正式发文)
    document_formats: tuple[str, ...] = ("pdf",)
    secret: bool = False
    """涉密: the document may be submitted as a Word file."""
    document_max_mb: float = 2.0
    keywords: tuple[str, ...] = ()
    """Words a document's title must carry; empty: taken from the framework's own words."""
    routine: bool | None = None
    """A routine document (年度计划, 安排) is dated by the end of `routine_month`;
    None: routine when the requirement text speaks of 年度/计划/安排."""
    routine_month: int = 6
    superior_date: str = ""
    """Date (YYYY-MM-DD) of the superior document a deadline such as '上级发文后1个月内' counts
    from; '' when the framework does not know it (the deadline is then left to verify)."""

    # Reports (seed 000: 说明报告; seed 003 for the lengths)
    report_formats: tuple[str, ...] = ("docx",)
    report_legacy_formats: tuple[str, ...] = ("doc", "wps")
    """Accepted, but their text can't be read: to verify."""
    report_chars: int = 800
    """Length where the requirement names none."""
    report_tolerance: float = 0.10
    report_min_numbers: int = 3
    """Figures a report should give as evidence."""

    # Tables (seed 000: 数据表格 bear the unit's seal)
    table_formats: tuple[str, ...] = ("pdf", "jpg", "jpeg", "png")
    table_seal: bool = True

    # File names (seed 004: 两位数序号 + 主题)
    file_naming: bool = True

    # The yearly 四性检测 (DA/T 70-2018): formats fit for long-term keeping (可用性)
    long_term_formats: tuple[str, ...] = ("pdf", "ofd", "jpg", "jpeg", "tif", "tiff", "docx", "xlsx", "mp4")

    def with_overrides(self, overrides: dict[str, Any]) -> Params:
        """These parameters with `overrides` (already validated) applied; inspection limits
        among them are not rule parameters and are left to `InspectionLimits`."""
        overrides = {k: v for k, v in overrides.items() if k not in LIMIT_NAMES}
        return dataclasses.replace(self, **overrides) if overrides else self


@dataclass(frozen=True)
class InspectionLimits:
    """How much of a file the inspectors read before they call it hostile or stop: a 1 MB
    .docx can inflate to gigabytes, a sheet can hold a million rows. Settable in the
    top-level `params:` of criteria.yml; part of the inspection cache's signature."""

    zip_part_max_mb: float = 32.0
    """Declared inflated size of one XML part of an Office package (a 500-page report is ~5 MB)."""
    zip_total_max_mb: float = 512.0
    """Declared inflated size of all the parts of an Office package together."""
    zip_ratio_max: float = 200.0
    """Inflated:compressed ratio of a part above which it is a bomb (Office XML is ~5-20:1)."""
    xlsx_cells: int = 100_000
    """Cells of a workbook read for the checks; the rest is not read (`rows_complete`)."""
    pdf_check_seconds: float = 5.0
    """Time the structural check of one PDF may take before it stops (what it found so far stands)."""
    ocr_pages: int = 2
    """First pages of a scanned PDF (no text layer) read by OCR for its facts and text; 0: no OCR."""
    text_pages: int = 5
    """Pages of a PDF/OFD whose text is read (a report as PDF is counted from them): ~4,000
    Chinese characters, more than a report is asked; a text page costs pypdf ~0.1-0.2 s."""

    @classmethod
    def from_params(cls, overrides: dict[str, Any]) -> InspectionLimits:
        """The limits among the top-level `params:` of criteria.yml (validated)."""
        return cls(**{k: v for k, v in overrides.items() if k in LIMIT_NAMES})

    def key(self) -> str:
        """A stable text of the limits, for the inspection cache's signature."""
        return ",".join(f"{f.name}={getattr(self, f.name)!r}" for f in dataclasses.fields(self))


LIMIT_NAMES = {f.name for f in dataclasses.fields(InspectionLimits)}
PARAM_NAMES = {f.name for f in dataclasses.fields(Params)} | LIMIT_NAMES

RANGES: dict[str, tuple[float, float]] = {
    "photo_min_mb": (0, 1024),
    "photo_max_mb": (0.01, 1024),
    "photo_min_long_side": (0, 100_000),
    "activity_min_count": (1, 1000),
    "activity_min_photos": (1, 1000),
    "document_max_mb": (0.01, 1024),
    "routine_month": (1, 12),
    "report_chars": (1, 1_000_000),
    "report_tolerance": (0, 1),
    "report_min_numbers": (0, 1000),
    "zip_part_max_mb": (0.001, 4096),
    "zip_total_max_mb": (0.001, 65536),
    "zip_ratio_max": (1, 1_000_000),
    "xlsx_cells": (1, 1_000_000_000),
    "pdf_check_seconds": (0.001, 3600),
    "ocr_pages": (0, 1000),
    "text_pages": (0, 10_000),
}
"""What each number may be: a size of 0 MB, a count of 0 or month 13 is a slip, not a setting."""


def validate_params(raw: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The parameters of a `params:` mapping in their Python types, or an error (Chinese)."""
    defaults, limits = Params(), InspectionLimits()
    values: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in PARAM_NAMES:
            return {}, f"未知的参数 {excerpt(name)}，可用：{', '.join(sorted(PARAM_NAMES))}"
        expected = getattr(limits if name in LIMIT_NAMES else defaults, name)
        converted = _convert(value, expected, name)
        if isinstance(converted, str) and not isinstance(expected, str):
            return {}, converted
        values[name] = converted
    return values, None


def _convert(value: Any, expected: Any, name: str) -> Any:
    """`value` in the type of the default `expected`; a Chinese error string when it can't be."""
    if isinstance(expected, tuple):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            return f"参数 {name} 应为文字列表"
        return tuple(v.lower().lstrip(".") if name.endswith("formats") else v for v in items)
    if isinstance(expected, bool) or (expected is None and name in ("thematic", "routine")):
        if not isinstance(value, bool):
            return f"参数 {name} 应为 true 或 false"
        return value
    if isinstance(expected, (int, float)):
        return _number(value, expected, name)
    return value


def _number(value: Any, expected: int | float, name: str) -> int | float | str:
    """A numeric parameter within its range; a Chinese error string otherwise."""
    low, high = RANGES.get(name, (0, math.inf))
    whole = not isinstance(expected, float)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (whole and not isinstance(value, int)):
        return f"参数 {name} 应为{'整数' if whole else '数字'}，而不是“{excerpt(value)}”"
    if not (math.isfinite(value) and low <= value <= high):
        return f"参数 {name} 应在 {_shown(low)} 到 {_shown(high)} 之间，而不是“{excerpt(value)}”"
    return float(value) if not whole else value


def _shown(bound: float) -> str:
    if not math.isfinite(bound):
        return "无穷"
    return str(int(bound)) if bound == int(bound) else str(bound)
