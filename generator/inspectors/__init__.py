"""The inspectors: one module per kind of file, each reading what a file is or why not.

`kind_of` tells the kind of a file, `inspect_file` runs its inspector and never
raises: a file that breaks an inspector in an unforeseen way still gets a result,
with the problem 'unreadable' and the error as its reason.
"""

from __future__ import annotations

import dataclasses
import os

import logging
import zipfile
from pathlib import Path
from typing import Callable

from .common import INSPECTOR_VERSION, error_detail, sniff
from .document import inspect_document
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
from .photo import inspect_photo
from .report import inspect_report
from .table import inspect_table

__all__ = ["INSPECTOR_VERSION", "KINDS", "kind_of", "inspect_file"]

log = logging.getLogger(__name__)

EXTENSIONS: dict[str, str] = {
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".webp", ".heic",
                     ".heif", ".bmp"), "photo"),
    ".pdf": "document",
    **dict.fromkeys((".docx", ".doc", ".wps"), "report"),
    **dict.fromkeys((".xlsx", ".xls", ".et", ".csv"), "table"),
    **dict.fromkeys(VIDEO_EXTENSIONS | AUDIO_EXTENSIONS, "media"),
}
"""Kind of a file by its lower-case extension."""

KINDS: dict[str, tuple[type[Inspected], Callable[[Path, Path], Inspected]]] = {
    "photo": (InspectedPhoto, inspect_photo),
    "document": (InspectedDocument, inspect_document),
    "report": (InspectedReport, inspect_report),
    "table": (InspectedTable, inspect_table),
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
    """A Word or Excel package by its main folder; 'other' for any other ZIP."""
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
    except (OSError, zipfile.BadZipFile):
        return "other"
    if any(n.startswith("word/") for n in names):
        return "report"
    if any(n.startswith("xl/") for n in names):
        return "table"
    return "other"


def inspect_file(path: Path, thumbs_dir: Path) -> Inspected:
    """What a file is, by its kind's inspector; never raises."""
    path = Path(path)
    kind = kind_of(path)
    result_class, inspector = KINDS[kind]
    try:
        result = inspector(path, Path(thumbs_dir))
    except Exception as exc:  # noqa: BLE001 - the build goes on whatever the file (MemoryError
        # and RecursionError included: both are Exceptions)
        log.warning("inspecting %s failed: %r", path, exc, exc_info=True)
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
