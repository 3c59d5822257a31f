"""The inspectors: one module per kind of file, each reading what a file is or why not.

`kind_of` tells the kind of a file, `inspect_file` runs its inspector and never
raises: a file that breaks an inspector in an unforeseen way still gets a result,
with the problem 'unreadable' and the error as its reason.

The modules that decode (Pillow, pypdf, pdfium, python-docx, openpyxl) are imported
on a kind's first inspection: a warm build, which inspects nothing, never loads them.
"""

from __future__ import annotations

import dataclasses
import importlib
import os

import logging
import zipfile
from pathlib import Path
from typing import Callable

from ...framework.params import InspectionLimits
from .common import INSPECTOR_VERSION, error_detail, sniff
from .media import AUDIO_EXTENSIONS, VIDEO_EXTENSIONS, inspect_media
from .model import (
    Inspected,
    InspectedDocument,
    InspectedMedia,
    InspectedOther,
    InspectedPhoto,
    InspectedReport,
    InspectedTable,
    Problem,
)
from .other import inspect_other

__all__ = ["INSPECTOR_VERSION", "KINDS", "InspectionLimits", "kind_of", "inspect_file"]

log = logging.getLogger(__name__)

EXTENSIONS: dict[str, str] = {
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".webp", ".heic",
                     ".heif", ".bmp"), "photo"),
    **dict.fromkeys((".pdf", ".ofd"), "document"),
    **dict.fromkeys((".docx", ".doc", ".wps"), "report"),
    **dict.fromkeys((".xlsx", ".xls", ".et", ".csv"), "table"),
    **dict.fromkeys(VIDEO_EXTENSIONS | AUDIO_EXTENSIONS, "media"),
}
"""Kind of a file by its lower-case extension."""


Inspector = Callable[[Path, Path, InspectionLimits], Inspected]
"""(file, thumbnail folder, limits) -> what the file is."""


def _on_first_use(module: str, name: str) -> Inspector:
    """The inspector `name` of the module `module`, imported when it is first called."""

    def inspector(path: Path, thumbs_dir: Path, limits: InspectionLimits) -> Inspected:
        return getattr(importlib.import_module(f".{module}", __name__), name)(path, thumbs_dir, limits)

    inspector.__name__ = inspector.__qualname__ = name
    return inspector


KINDS: dict[str, tuple[type[Inspected], Inspector]] = {
    "photo": (InspectedPhoto, _on_first_use("photo", "inspect_photo")),
    "document": (InspectedDocument, _on_first_use("document", "inspect_document")),
    "report": (InspectedReport, _on_first_use("report", "inspect_report")),
    "table": (InspectedTable, _on_first_use("table", "inspect_table")),
    "media": (InspectedMedia, inspect_media),
    "other": (InspectedOther, inspect_other),
}
"""Result class and inspector of each kind."""


def kind_of(path: Path) -> str:
    """'photo', 'document', 'report', 'table', 'media' or 'other'.

    A known extension decides, so a JPEG named .pdf goes to the PDF inspector, which
    reports it as mislabelled. A file without a known extension is sniffed: a camera
    file named 'IMG_0001' is still a photo.
    """
    path = Path(path)
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind:
        return kind
    try:
        return _sniffed_kind(path)
    except OSError:
        return "other"


def _sniffed_kind(path: Path) -> str:
    sniffed = sniff(path)
    if sniffed is None:
        return "other"
    if sniffed.name == "ZIP":
        return _package_kind(path)
    return sniffed.kind


def _package_kind(path: Path) -> str:
    """A Word or Excel package by its main folder, an OFD by its OFD.xml; 'other' for any other ZIP."""
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
    except (OSError, zipfile.BadZipFile):
        return "other"
    if any(n.startswith("word/") for n in names):
        return "report"
    if any(n.lstrip("/") == "OFD.xml" for n in names):
        return "document"
    if any(n.startswith("xl/") for n in names):
        return "table"
    return "other"


def inspect_file(path: Path, thumbs_dir: Path, limits: InspectionLimits | None = None, *,
                 as_document: bool = False) -> Inspected:
    """What a file is, by its kind's inspector; never raises and never logs a traceback:
    whatever a reader raises is the file's problem, with its reason. `as_document`: the file
    stands where a document is asked, so an image is read as a scan of one (OCR)."""
    path = Path(path)
    kind = kind_of(path)
    result_class, inspector = KINDS[kind]
    limits = limits or InspectionLimits()
    try:
        result = inspector(path, Path(thumbs_dir), limits)
        if as_document and kind == "photo":
            from .photo import read_as_document

            result = read_as_document(path, result, limits, Path(thumbs_dir))
    except Exception as exc:  # noqa: BLE001 - the build goes on whatever the file (MemoryError
        # and RecursionError included: both are Exceptions)
        # The finding tells the user; a traceback would only alarm whoever reads the log.
        log.debug("inspecting %s failed: %r", path, exc)
        result = result_class(kind=kind, size=_size(path), sha256="", problem=_unreadable(exc))
    return _without_folders(result, path)


def _without_folders(result: Inspected, path: Path) -> Inspected:
    """A reason that names the file keeps its name only: the site must not show the folders
    of the machine that built it (library messages quote the whole path)."""
    problem = result.problem
    folder = str(path.parent) + os.sep
    if problem is None or folder not in problem.reason:
        return result
    return dataclasses.replace(result, problem=Problem(problem.code, problem.reason.replace(folder, "")))


def _unreadable(exc: BaseException) -> Problem:
    if isinstance(exc, FileNotFoundError):
        return Problem("unreadable", f"文件不存在或已被移走{error_detail(exc)}")
    if isinstance(exc, PermissionError):
        return Problem("unreadable", f"没有读取该文件的权限{error_detail(exc)}")
    if isinstance(exc, MemoryError):
        return Problem("unreadable", "文件过大，读取时内存不足")
    return Problem("unreadable", f"读取文件时发生意外错误{error_detail(exc)}")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
