"""Table checks (seed 000, 数据表格): an image or PDF, bearing the red unit seal."""

from __future__ import annotations

from ..archive.inspectors.model import Inspected
from ..framework.params import Params
from ..archive.scan import ArchiveFile
from . import messages
from .model import Finding, Severity, at


def table_format(file: ArchiveFile, inspected: Inspected, params: Params) -> list[Finding]:
    """table.format: a scan (PDF) or a picture; a spreadsheet carries no seal."""
    extension = file.suffix.lstrip(".")
    if extension in params.table_formats and inspected.kind in ("photo", "document"):
        return []
    found = {"table": "Excel/表格文件", "report": "Word"}.get(inspected.kind, extension.upper())
    return [at(file, "table.format", Severity.ERROR,
               messages.TABLE_FORMAT.format(found=found), messages.TABLE_FORMAT_FIX)]


def table_seal(file: ArchiveFile, inspected: Inspected, params: Params) -> list[Finding]:
    """table.seal: a red seal is seen on the image or the PDF's first page (a heuristic)."""
    if not params.table_seal or inspected.kind not in ("photo", "document") or getattr(inspected, "red_seal", False):
        return []
    return [at(file, "table.seal", Severity.WARNING, messages.TABLE_SEAL, messages.TABLE_SEAL_FIX)]
