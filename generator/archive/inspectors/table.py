"""Spreadsheets: sheet names and rows of an .xlsx; .xls, .et and .csv recognised.

An .xlsx is checked by its zip directory first (package.py), then its sheets are
streamed within a cell budget (InspectionLimits.xlsx_cells). The legacy .xls and WPS
.et formats are checked by their OLE headers only (legacy.py); a .csv is counted line
by line.
"""

from __future__ import annotations

import csv
import logging
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree as DefusedET

from ...framework.params import InspectionLimits
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
from . import legacy
from .model import InspectedTable, Problem
from .package import package_problem

log = logging.getLogger(__name__)

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
"""Encodings a Chinese CSV comes in: UTF-8 (with or without BOM), else GBK's superset."""

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""An OLE2 compound file (.xls, .et): its workbook header is checked (legacy.py)."""

# Other heads a legacy sheet may have: a ZIP (an .xlsx under the old name), HTML/XML
# (Excel's "web page" and "XML spreadsheet" saved as .xls), or text.
_LEGACY_HEADS = (b"PK\x03\x04", b"<", b"\xef\xbb\xbf<")


def inspect_table(path: Path, thumbs_dir: Path, limits: InspectionLimits | None = None) -> InspectedTable:
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
    limits = limits or InspectionLimits()
    problem = office_container_problem(path, "table") or package_problem(
        path, "Excel 工作簿", limits, read_whole=(WORKBOOK, WORKBOOK_RELATIONS))
    if problem:
        return InspectedTable(**base, problem=problem)
    return _xlsx(path, base, limits.xlsx_cells)


WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELATIONS = "xl/_rels/workbook.xml.rels"
"""The parts of an .xlsx parsed in one piece; the sheets are streamed within the cell
budget and the shared strings are not read."""


@dataclass
class _Count:
    """What reading a workbook within its cell budget found."""

    rows: int = 0
    cells: int = 0
    complete: bool = True


def _xlsx(path: Path, base: dict, budget: int) -> InspectedTable:
    try:
        sheets, count = _read_workbook(path, budget)
    except Exception as exc:  # noqa: BLE001 - every workbook error becomes a reason
        return InspectedTable(**base, problem=Problem("corrupt", f"Excel 工作簿已损坏，无法读取{error_detail(exc)}"))
    return InspectedTable(**base, sheets=sheets, rows=count.rows, cells_read=count.cells,
                          rows_complete=count.complete)


def _read_workbook(path: Path, budget: int) -> tuple[tuple[str, ...], _Count]:
    """Sheet names and the rows holding any value, over all worksheets, reading at most
    `budget` cells: a million-row sheet costs what its first rows cost (the checks only
    need to know that the workbook opens and holds data).

    The sheets are streamed here rather than through openpyxl, whose read-only mode still
    reads a whole sheet to learn its size when the sheet does not declare it (<dimension>):
    57 s for a million rows. defusedxml parses: no DTD, no entity expansion."""
    with zipfile.ZipFile(path) as package:
        sheets = _worksheets(package)
        count = _Count()
        for _, part in sheets:
            if not _count_rows(package, part, count, budget):
                break
    return tuple(name for name, _ in sheets), count


def _worksheets(package: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, part) of each worksheet in the workbook's order (chart sheets have no rows)."""
    workbook = DefusedET.fromstring(package.read(WORKBOOK))
    relations = DefusedET.fromstring(package.read(WORKBOOK_RELATIONS))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relations
               if rel.get("Type", "").endswith("/worksheet")}
    sheets = []
    for sheet in workbook.iter():
        if _local(sheet.tag) != "sheet":
            continue
        rel_id = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        if rel_id in targets:
            sheets.append((sheet.get("name", ""), _part_name(targets[rel_id])))
    return sheets


def _part_name(target: str) -> str:
    """A relationship target of xl/workbook.xml as a part name ('worksheets/sheet1.xml'
    -> 'xl/worksheets/sheet1.xml'; '/xl/...' is absolute)."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")


def _count_rows(package: zipfile.ZipFile, part: str, count: _Count, budget: int) -> bool:
    """Add a sheet's rows with a value to `count`; False when the budget ran out in it."""
    with package.open(part) as stream:
        row_has_value = False
        for event, element in DefusedET.iterparse(stream, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    row_has_value = False
                continue
            if tag == "c":
                if count.cells >= budget:
                    count.complete = False
                    return False
                count.cells += 1
                row_has_value = row_has_value or _has_value(element)
            elif tag == "row":
                count.rows += row_has_value
                element.clear()  # what was read of the row is counted: keep memory flat
    return True


def _has_value(cell) -> bool:
    """Whether a <c> holds a value (<v>) or inline text (<is>) that is not empty."""
    return any(_local(child.tag) in ("v", "is") and "".join(child.itertext()).strip() for child in cell)


def _local(tag: str) -> str:
    """A tag or attribute name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def _legacy_problem(path: Path) -> Problem | None:
    """None for an .xls/.et whose bytes look like a spreadsheet; else what it really is."""
    head = read_head(path)
    if head.startswith(OLE_SIGNATURE):
        return legacy.sheet_problem(path)
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
