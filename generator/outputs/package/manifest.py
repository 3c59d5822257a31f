"""The package's manifest: what is in it (new name, original path, type, size, sha256), what
could not be named by the rules and why, and what was left out and why; one workbook with a
sheet each, and the same as CSV files with a BOM (Excel on a Chinese Windows then reads
them as UTF-8)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .plan import Entry, LeftOut, Plan

MANIFEST = "00-资料清单"
UNNAMED = "00-未能按规则命名的文件"
LEFT_OUT = "00-未打包的文件"

MANIFEST_COLUMNS = ["新文件名", "原文件路径", "材料类型", "大小（字节）", "SHA-256", "说明"]
UNNAMED_COLUMNS = ["新文件名", "原文件路径", "材料类型", "原因"]
LEFT_OUT_COLUMNS = ["原文件路径", "材料类型", "原因"]
_WIDTHS = {MANIFEST: [60, 60, 10, 14, 66, 40], UNNAMED: [60, 60, 10, 60], LEFT_OUT: [60, 10, 60]}

CHANGED = "检查之后文件有改动，请重新检查"
NOT_NAMED = "未能按规则命名，保留原文件名"
PACKED_REFUSED = "网申平台可能拒收（按要求仍打包）："


@dataclass(frozen=True)
class Row:
    """One file packed."""

    path: str
    original: str
    material: str
    size: int
    sha256: str
    entry: Entry
    changed: bool = False
    """The bytes packed are not those the checks read."""

    @property
    def remark(self) -> str:
        notes = [CHANGED] if self.changed else []
        if not self.entry.named:
            notes.append(NOT_NAMED)
        if self.entry.refused:
            notes.append(PACKED_REFUSED + self.entry.refused)
        return "；".join(notes)


def sheets(rows: list[Row], plan: Plan, failed: list[LeftOut]) -> dict[str, list[list]]:
    manifest = [MANIFEST_COLUMNS] + [[r.path, r.original, r.material, r.size, r.sha256, r.remark] for r in rows]
    unnamed = [UNNAMED_COLUMNS] + [[r.path, r.original, r.material, r.entry.reason]
                                   for r in rows if not r.entry.named]
    left_out = [LEFT_OUT_COLUMNS] + [[item.view.file.rel_path, item.material, item.reason]
                                     for item in plan.left_out + failed]
    return {MANIFEST: manifest, UNNAMED: unnamed, LEFT_OUT: left_out}


def manifest_files(rows: list[Row], plan: Plan, failed: list[LeftOut]) -> dict[str, bytes]:
    """The manifest's files by name: the workbook and one CSV per sheet."""
    tables = sheets(rows, plan, failed)
    files = {f"{MANIFEST}.xlsx": _workbook(tables)}
    for name, table in tables.items():
        files[f"{name}.csv"] = _csv(table)
    return files


def _csv(table: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in table:
        writer.writerow([_inert(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _inert(value):
    """A text Excel would run as a formula ('=…', '+…', '-…', '@…' in a file's name) is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _workbook(tables: dict[str, list[list]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)
    workbook = Workbook(write_only=True)
    for title, table in tables.items():
        sheet = workbook.create_sheet(title.removeprefix("00-"))
        for index, width in enumerate(_WIDTHS[title]):
            sheet.column_dimensions[chr(ord("A") + index)].width = width
        sheet.freeze_panes = "A2"
        for number, row in enumerate(table):
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # a name starting with '=' stays a name, never a formula
                if number == 0:
                    cell.font = bold
                cells.append(cell)
            sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
