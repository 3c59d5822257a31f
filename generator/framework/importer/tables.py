"""Reading a .docx or .xlsx into grids of cells, with the text around them.

A Word file is read as its body in order: paragraphs and tables. Each table is a
grid where a cell merged over several rows or columns (vMerge / gridSpan) gives
the same `origin` at every place it covers, so a reader can tell "merged down"
from "typed again". The paragraphs before a table are kept (its heading, a
notice's prose, 说明 with the category scores); a file with no table at all still
gives its paragraphs, for frameworks written as numbered paragraphs.

An Excel workbook is read sheet by sheet; merged ranges give the top-left value
at every place they cover, with the range's top-left as the shared origin.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SUFFIXES = {".docx", ".xlsx", ".xlsm"}
"""The files `import_framework` reads."""

OLD_FORMATS = {".doc": "Word", ".wps": "WPS 文字", ".xls": "Excel", ".et": "WPS 表格"}
"""Binary formats it can't read: the user is asked to save them as .docx / .xlsx."""


class ImportFailed(Exception):
    """A file that can't be imported; the message is one Chinese sentence for the user."""


@dataclass
class RawCell:
    text: str
    origin: Any
    """The same object for every grid position of one merged cell (a continued indicator)."""


@dataclass
class RawTable:
    where: str
    """How the user finds the table: '第 1 个表格' or '工作表“附件1”'."""
    heading: str
    """The title above the table (the annex's name), '' when there is none."""
    rows: list[list[RawCell]]
    sheet: str = ""
    before: list[str] = field(default_factory=list)
    """The paragraphs between the previous table (or the start) and this one."""


@dataclass
class Document:
    """A file as read: its tables in order, and the paragraphs after the last table."""

    tables: list[RawTable]
    paragraphs: list[str]
    """Every paragraph of a Word file, in order (none for a workbook)."""


def read_document(path: Path) -> Document:
    """The tables and paragraphs of `path`; ImportFailed (naming the file) when it can't be opened."""
    suffix = path.suffix.lower()
    if suffix in OLD_FORMATS:
        raise ImportFailed(f"{path.name} 是旧的 {OLD_FORMATS[suffix]} 格式，无法直接读取："
                           f"请用 Word / Excel / WPS 打开后“另存为” .docx 或 .xlsx 再导入。")
    if suffix not in SUFFIXES:
        raise ImportFailed(f"{path.name} 不是 Word（.docx）或 Excel（.xlsx）文件，无法导入。")
    if not path.is_file():
        raise ImportFailed(f"找不到文件 {path}，请检查路径。")
    with path.open("rb") as stream:
        if stream.read(4) == b"\xd0\xcf\x11\xe0":  # an OLE container: encrypted, or an old format renamed
            raise ImportFailed(f"{path.name} 设了打开密码（已加密），或是改了扩展名的旧格式（.doc/.xls）文件："
                               f"请去掉密码、另存为 .docx 或 .xlsx 后再导入。")
    try:
        return _docx(path) if suffix == ".docx" else _xlsx(path)
    except Exception as error:  # a damaged or mislabelled file: say so, don't crash
        log.debug("reading %s failed", path, exc_info=True)
        raise ImportFailed(f"{path.name} 无法打开：文件已损坏，或不是真正的 {suffix} 文件"
                           f"（{error.__class__.__name__}）。") from error


def _docx(path: Path) -> Document:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    tables: list[RawTable] = []
    paragraphs: list[str] = []
    before: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                before.append(text)
                paragraphs.append(text)
        elif tag == "tbl":
            table = Table(child, document)
            rows = [[RawCell(cell.text, cell._tc) for cell in row.cells] for row in table.rows]
            tables.append(RawTable(where=f"第 {len(tables) + 1} 个表格", heading=heading(before), rows=rows,
                                   before=before))
            before = []
    return Document(tables, paragraphs)


def heading(paragraphs: list[str]) -> str:
    """The annex's title among the paragraphs before a table: '附件1：' and its title line."""
    candidates = [re.sub(r"^附件\s*\d*\s*[：:.、]?\s*", "", text).strip() for text in paragraphs[-3:]]
    candidates = [text for text in candidates if text and len(text) <= 80]
    named = [text for text in candidates if re.search("清单|表|细则|体系|任务", text)]
    return (named or candidates or [""])[-1]


def _xlsx(path: Path) -> Document:
    import openpyxl

    workbook = openpyxl.load_workbook(str(path), data_only=True)
    tables = []
    try:
        for sheet in workbook.worksheets:
            merged = {}
            for cell_range in sheet.merged_cells.ranges:
                top = (cell_range.min_row, cell_range.min_col)
                for r in range(cell_range.min_row, cell_range.max_row + 1):
                    for c in range(cell_range.min_col, cell_range.max_col + 1):
                        merged[(r, c)] = top
            rows = []
            for r, row in enumerate(sheet.iter_rows(min_row=1, min_col=1, values_only=True), start=1):
                cells = []
                for c, _ in enumerate(row, start=1):
                    top = merged.get((r, c), (r, c))
                    value = sheet.cell(*top).value
                    cells.append(RawCell(cell_text(value), (sheet.title, top)))
                rows.append(cells)
            tables.append(RawTable(where=f"工作表“{sheet.title}”", heading="", rows=rows, sheet=sheet.title))
    finally:
        workbook.close()
    return Document(tables, [])


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).replace("_x000D_", "")


def empty(row: list[RawCell]) -> bool:
    return not any(cell.text.strip() for cell in row)


def distinct(cells: list[RawCell]) -> list[RawCell]:
    """The cells of a row section once each: a cell merged across columns counts once."""
    seen: list[Any] = []
    out = []
    for cell in cells:
        if cell.origin is not None and any(cell.origin is o or cell.origin == o for o in seen):
            continue
        seen.append(cell.origin)
        out.append(cell)
    return out


__all__ = ["Document", "ImportFailed", "RawCell", "RawTable", "read_document", "empty", "distinct"]
