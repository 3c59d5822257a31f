"""What a file stands for in its requirement: a photo, a screenshot, a table, a document, a report.

A requirement can ask for several kinds at once ("统计表格，实景图片"); an image there is a
table when its name says so (表), else a photo. The checks a file gets follow its role.
"""

from __future__ import annotations

from ..framework import Requirement
from ..archive.inspectors.model import Inspected
from ..archive.scan import ArchiveFile

PHOTO, SCREENSHOT, TABLE, DOCUMENT, REPORT, MEDIA, OTHER = (
    "photo", "screenshot", "table", "document", "report", "media", "other")


def asked_kinds(requirement: Requirement | None) -> set[str]:
    return {a.kind for a in requirement.asks} if requirement else set()


def role_of(file: ArchiveFile, inspected: Inspected, requirement: Requirement | None) -> str:
    asked = asked_kinds(requirement)
    kind = inspected.kind
    if kind == "photo":
        return _image_role(file, asked, getattr(inspected, "looks_like_page", False))
    if kind == "document":
        if TABLE in asked and (not asked & {DOCUMENT, "meeting"} or _tableish(file)):
            return TABLE
        if REPORT in asked and not asked & {DOCUMENT, "meeting", TABLE}:
            return REPORT
        return DOCUMENT
    if kind == "report":
        if REPORT in asked or not asked & {DOCUMENT, "meeting"}:
            return REPORT
        return DOCUMENT
    if kind == "table":
        return TABLE
    return kind if kind in (MEDIA, OTHER) else OTHER


def placed_for_document(file: ArchiveFile, requirement: Requirement | None) -> bool:
    """Whether an image placed for `requirement` would stand for a document if it looks like
    a page: only documents are asked there. Known from the framework and the name alone, so
    the inspection knows before reading the image whether to OCR it."""
    return _image_role(file, asked_kinds(requirement), True) == DOCUMENT


def _image_role(file: ArchiveFile, asked: set[str], page: bool) -> str:
    """An image's role; `page`: it looks like a page of a document (a 正式发文 scanned to
    JPEG), which where only documents are asked stands for one."""
    pictures = asked & {PHOTO, SCREENSHOT, "meeting"}
    if page and DOCUMENT in asked and not pictures and TABLE not in asked:
        return DOCUMENT
    if TABLE in asked and (not pictures or _tableish(file)):
        return TABLE
    if SCREENSHOT in asked and (PHOTO not in asked or "截图" in file.name or "截屏" in file.name):
        return SCREENSHOT
    return PHOTO


def _tableish(file: ArchiveFile) -> bool:
    return "表" in file.stem


def fills(role: str, kind: str) -> bool:
    """Whether a file in `role` provides what an ask of `kind` wants."""
    if kind == "meeting":
        return role in (DOCUMENT, PHOTO, REPORT)
    if kind == "evaluation":
        return True
    if kind == "other":
        return True
    return role == kind or (kind == PHOTO and role == SCREENSHOT) or (kind == SCREENSHOT and role == PHOTO)
