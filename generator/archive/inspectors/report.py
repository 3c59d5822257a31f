"""Word reports: paragraphs with their heading levels, tables, title and length.

A .docx is read in full with python-docx. A .doc or .wps is recognised by its bytes
and never handed to python-docx: a Word 2010 .doc can embed a ZIP (its theme), which
python-docx would misread as a broken .docx. Its OLE header is checked (legacy.py), then
its text read by antiword (word_text.py: why antiword, and what a .wps is); its paragraphs
carry no heading levels, so its title is its first non-empty paragraph. Where its text
can't be read (RTF or HTML saved as .doc, no reader installed) `text_readable` is False,
which the checks report as "to verify".
"""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from ...text import count_chars
from ...framework.params import InspectionLimits
from .common import (
    EMPTY_SHA256,
    Sniffed,
    empty_problem,
    error_detail,
    ext_label,
    file_sha256,
    mislabelled_problem,
    office_container_problem,
    read_head,
    sniff_bytes,
)
from . import legacy, word_text
from .model import InspectedReport, Paragraph, Problem
from .package import package_problem

log = logging.getLogger(__name__)

LEGACY_EXTENSIONS = {".doc", ".wps"}
"""Word 97-2003 and WPS documents: header checked, text read by antiword."""

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STRICT_RELATIONSHIP = b"purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""An OLE2 compound file (Word 97+, WPS): its Word header is checked (legacy.py)."""

# Other signatures a legacy Word/WPS file may start with: a ZIP (a .docx saved under
# .doc), RTF and HTML/XML (Word's "save as" formats), Word 6/95.
_LEGACY_HEADS = (b"PK\x03\x04", b"{\\rtf", b"<", b"\xef\xbb\xbf<",
                 b"\xdb\xa5", b"\x31\xbe")


def inspect_report(path: Path, thumbs_dir: Path, limits: InspectionLimits | None = None) -> InspectedReport:
    """What a Word report is: its text for a .docx, its format for a .doc/.wps.

    `char_count` counts the body paragraphs only (generator.text.count_chars): the text
    in tables, headers, footers and text boxes is not part of the report's length.
    """
    size = path.stat().st_size
    if size == 0:
        return InspectedReport(kind="report", size=0, sha256=EMPTY_SHA256, problem=empty_problem(),
                               text_readable=False)
    base = {"kind": "report", "size": size, "sha256": file_sha256(path)}
    if path.suffix.lower() in LEGACY_EXTENSIONS:
        return _legacy_report(path, base)
    problem = office_container_problem(path, "report") or package_problem(
        path, "Word 文档", limits or InspectionLimits())
    if problem:
        return InspectedReport(**base, text_readable=False, problem=problem)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - every package error becomes a reason
        return InspectedReport(**base, text_readable=False, problem=_package_problem(path, exc))
    return InspectedReport(**base, **report_text(tuple(_paragraphs(document))), tables=_table_count(document))


def _legacy_report(path: Path, base: dict) -> InspectedReport:
    """A .doc/.wps: its header checked, then, for a Word binary (OLE), its text read."""
    problem = _legacy_problem(path)
    if problem is not None or not read_head(path).startswith(OLE_SIGNATURE):
        return InspectedReport(**base, text_readable=False, problem=problem)
    text = word_text.read_word_text(path)
    if not text.readable:
        return InspectedReport(**base, text_readable=False, problem=text.problem)
    return InspectedReport(**base, **report_text(text.paragraphs))


def report_text(paragraphs: tuple[Paragraph, ...]) -> dict:
    """Title, paragraphs and length of a report's text, counted the same for every format."""
    return {"title": _title(paragraphs), "paragraphs": paragraphs,
            "char_count": sum(count_chars(p.text) for p in paragraphs)}


def _legacy_problem(path: Path) -> Problem | None:
    """None for a .doc/.wps whose bytes look like a Word format; else what it really is."""
    head = read_head(path)
    if head.startswith(OLE_SIGNATURE):
        return legacy.word_problem(path)
    if head.startswith(_LEGACY_HEADS):
        return None
    sniffed = sniff_bytes(head)
    if sniffed is not None:
        return mislabelled_problem(path, sniffed)
    return Problem("corrupt", f"扩展名为 {ext_label(path)}，但文件内容不是可识别的 Word/WPS 文档格式")


def _package_problem(path: Path, exc: Exception) -> Problem:
    """Why python-docx refused a ZIP package."""
    if isinstance(exc, KeyError) and _is_strict_ooxml(path):
        return Problem("unsupported", "Word 文档为 Strict Open XML 格式，无法读取内容；"
                                      f"请在 Word 中另存为普通的 .docx 格式{error_detail(exc)}")
    if isinstance(exc, ValueError) and "not a Word file" in str(exc):
        real = _other_office(path)
        if real is not None:
            return mislabelled_problem(path, real)
    if isinstance(exc, PackageNotFoundError):
        return Problem("corrupt", f"Word 文档已损坏：无法作为 .docx 包打开{error_detail(exc)}")
    return Problem("corrupt", f"Word 文档已损坏，无法读取内容{error_detail(exc)}")


def _is_strict_ooxml(path: Path) -> bool:
    """Whether the package uses the ISO 29500 Strict namespaces python-docx can't read."""
    try:
        with zipfile.ZipFile(path) as package:
            return _STRICT_RELATIONSHIP in package.read("_rels/.rels")
    except (KeyError, OSError, zipfile.BadZipFile):
        return False


def _other_office(path: Path) -> Sniffed | None:
    """An Excel or PowerPoint package under a Word name, told by its main folder."""
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
    except (OSError, zipfile.BadZipFile):
        return None
    if any(n.startswith("xl/") for n in names):
        return Sniffed("XLSX", "Excel 工作簿（.xlsx）", "table")
    if any(n.startswith("ppt/") for n in names):
        return Sniffed("PPTX", "PowerPoint 演示文稿（.pptx）", "other")
    return None


def _paragraphs(document) -> list[Paragraph]:
    """Body paragraphs in document order (table cells, headers and footers excluded)."""
    styles: dict[str, tuple[str, int]] = {}
    result = []
    for paragraph in document.paragraphs:
        style, level = _style_of(paragraph, styles)
        level = _outline_level(paragraph._p.pPr) or level
        result.append(Paragraph(text=paragraph.text, style=style, heading_level=level))
    return result


def _style_of(paragraph, cache: dict[str, tuple[str, int]]) -> tuple[str, int]:
    """Style name and heading level of a paragraph's style, looked up once per style id."""
    style_id = paragraph._p.style or ""
    if style_id not in cache:
        try:
            style = paragraph.style
            name = (style.name or "") if style is not None else ""
            element = style.element.pPr if style is not None else None
        except Exception as exc:  # noqa: BLE001 - a broken style loses only its name
            log.debug("style %r unreadable: %r", style_id, exc)
            name, element = "", None
        cache[style_id] = (name, _heading_level(name) or _outline_level(element))
    return cache[style_id]


def _heading_level(style_name: str) -> int:
    """1-9 for 'Heading N' / '标题 N', 1 for 'Title' / '标题', 0 otherwise."""
    name = style_name.strip()
    if name.lower() in _TITLE_STYLES:
        return 1
    match = _HEADING_STYLE.match(name)
    return int(match.group(1)) if match else 0


def _outline_level(ppr) -> int:
    """The outline level a paragraph or style sets directly (WPS and custom heading
    styles use it instead of the built-in names): 1-9, 0 for body text or none."""
    if ppr is None:
        return 0
    node = ppr.find(f"{_W}outlineLvl")
    if node is None:
        return 0
    try:
        value = int(node.get(f"{_W}val"))
    except (TypeError, ValueError):
        return 0
    return value + 1 if 0 <= value <= 8 else 0


def _title(paragraphs: tuple[Paragraph, ...]) -> str:
    """The first non-empty heading, else the first non-empty paragraph."""
    for candidates in ([p for p in paragraphs if p.heading_level], paragraphs):
        for paragraph in candidates:
            if paragraph.text.strip():
                return paragraph.text.strip()
    return ""


def _table_count(document) -> int:
    """Top-level tables of the body."""
    try:
        return len(document.tables)
    except Exception as exc:  # noqa: BLE001 - a broken table part loses only the count
        log.debug("tables unreadable: %r", exc)
        return 0
