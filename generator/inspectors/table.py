"""Spreadsheets: sheet names and rows of an .xlsx; .xls, .et and .csv recognised.

An .xlsx is opened read-only (openpyxl streams the sheets instead of building every
cell) and closed at once. The legacy .xls and WPS .et formats are not parsed; a .csv
is counted line by line.
"""

from __future__ import annotations

import csv
import logging
import warnings
from pathlib import Path

import openpyxl

from .common import (
    EMPTY_SHA256,
    empty_problem,
    error_detail,
    ext_label,
    file_sha256,
    mislabelled_problem,
    office_container_problem,
    read_head,
    sniff_bytes,
)
from .model import InspectedTable, Problem

log = logging.getLogger(__name__)

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
"""Encodings a Chinese CSV comes in: UTF-8 (with or without BOM), else GBK's superset."""

# Heads a legacy sheet may have: OLE2 (.xls, .et), a ZIP (an .xlsx under the old
# name), HTML/XML (Excel's "web page" and "XML spreadsheet" saved as .xls), or text.
_LEGACY_HEADS = (b"\xd0\xcf\x11\xe0", b"PK\x03\x04", b"<", b"\xef\xbb\xbf<")


def inspect_table(path: Path, thumbs_dir: Path) -> InspectedTable:
    """What a spreadsheet is: sheets and rows with data where the format is read."""
    size = path.stat().st_size
    if size == 0:
        return InspectedTable(kind="table", size=0, sha256=EMPTY_SHA256, problem=empty_problem())
    base = {"kind": "table", "size": size, "sha256": file_sha256(path)}
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv(path, base)
    if suffix in (".xls", ".et"):
        return InspectedTable(**base, problem=_legacy_problem(path))
    problem = office_container_problem(path, "table")
    if problem:
        return InspectedTable(**base, problem=problem)
    return _xlsx(path, base)


def _xlsx(path: Path, base: dict) -> InspectedTable:
    try:
        sheets, rows = _read_workbook(path)
    except Exception as exc:  # noqa: BLE001 - every workbook error becomes a reason
        return InspectedTable(**base, problem=Problem("corrupt", f"Excel 工作簿已损坏，无法读取{error_detail(exc)}"))
    return InspectedTable(**base, sheets=sheets, rows=rows)


def _read_workbook(path: Path) -> tuple[tuple[str, ...], int]:
    """Sheet names and the rows holding any value, over all worksheets."""
    with warnings.catch_warnings():
        # openpyxl warns about data validation, conditional formatting, ... it skips.
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
        try:
            rows = 0
            for sheet in workbook.worksheets:
                rows += sum(1 for row in sheet.iter_rows(values_only=True)
                            if any(value is not None and value != "" for value in row))
            return tuple(workbook.sheetnames), rows
        finally:
            workbook.close()


def _legacy_problem(path: Path) -> Problem | None:
    """None for an .xls/.et whose bytes look like a spreadsheet; else what it really is."""
    head = read_head(path)
    if head.startswith(_LEGACY_HEADS):
        return None
    sniffed = sniff_bytes(head)
    if sniffed is not None:
        return mislabelled_problem(path, sniffed)
    if _is_text(head):
        return None  # a CSV or tab-separated text saved as .xls: Excel opens it
    return Problem("corrupt", f"扩展名为 {ext_label(path)}，但文件内容不是可识别的表格格式")


def _is_text(head: bytes) -> bool:
    return b"\x00" not in head and any(_decodes(head, e) for e in CSV_ENCODINGS)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        return exc.start >= len(data) - 4
    return True


def _csv(path: Path, base: dict) -> InspectedTable:
    """Rows holding any value, in the first encoding that decodes the whole file."""
    head = read_head(path)
    sniffed = sniff_bytes(head)
    if sniffed is not None:
        return InspectedTable(**base, problem=mislabelled_problem(path, sniffed))
    for encoding in CSV_ENCODINGS:
        try:
            return InspectedTable(**base, rows=_count_csv_rows(path, encoding))
        except UnicodeDecodeError:
            continue
        except csv.Error as exc:
            return InspectedTable(**base, problem=Problem("corrupt", f"CSV 表格格式错误，无法读取{error_detail(exc)}"))
    return InspectedTable(**base, problem=Problem(
        "corrupt", "CSV 表格的文字编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）"))


def _count_csv_rows(path: Path, encoding: str) -> int:
    with path.open(encoding=encoding, newline="") as fh:
        return sum(1 for row in csv.reader(fh) if any(cell.strip() for cell in row))
