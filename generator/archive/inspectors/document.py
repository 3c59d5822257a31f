"""PDF documents: pages, encryption, first-page text, metadata and a first-page preview.

pypdf reads the structure and the text; pypdfium2 (the engine of Chromium's PDF
viewer) renders the preview. Only what the checks need is read: the page count,
page 1 and the metadata, so a 500-page book costs what a one-page notice costs.
A PDF pypdf rejects but pdfium opens is what the browser will show: it is read
through pdfium instead of being called corrupt.
"""

from __future__ import annotations

import logging
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pypdfium2 as pdfium
from PIL import Image
from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfStreamError

from ...framework.params import InspectionLimits
from . import ofd
from .scans import read_scan
from .seal import has_red_seal
from .common import (
    EMPTY_SHA256,
    THUMB_QUALITY,
    THUMB_SIZE,
    empty_problem,
    error_detail,
    file_sha256,
    mislabelled_problem,
    read_head,
    sniff_bytes,
    thumb_name,
    write_atomic,
)
from .model import InspectedDocument, Problem
from .official import text_facts
from .structure import pdf_damage

log = logging.getLogger(__name__)

MAX_TEXT = 2000
"""Characters of page 1 kept: enough for a title, a document number and a date."""
SCAN_TEXT_MAX = 20
"""Page 1 with fewer characters of text layer than this is a scan (a scanner may stamp a
date or a page number as text)."""
LONG_DOCUMENT_PAGES = 20
"""A PDF of more pages is a book or a compilation, not a report: only its page 1 is read,
so that a 500-page book still costs what a one-page notice costs."""
MAX_TEXT_CHARS = 200_000
"""Characters of the whole text kept (a 100-page report is ~80,000): it lives in the cache
and, capped again, in the search index."""

@dataclass
class _Facts:
    """What was read so far; each part is filled by its own guarded step."""

    pages: int = 0
    encrypted: bool = False
    text: str = ""
    meta: dict[str, str | None] = field(default_factory=dict)
    full_text: str = ""
    text_pages: int = 0


def inspect_document(path: Path, thumbs_dir: Path, limits: InspectionLimits | None = None) -> InspectedDocument:
    """What a PDF is, with a preview of page 1 written into `thumbs_dir`; an OFD (by its
    extension, or a ZIP with OFD.xml under no known extension) goes to ofd.py."""
    if path.suffix.lower() == ".ofd" or (path.suffix.lower() != ".pdf" and ofd.is_ofd(path)):
        return ofd.inspect_ofd(path, thumbs_dir, limits)
    size = path.stat().st_size
    if size == 0:
        return InspectedDocument(kind="document", size=0, sha256=EMPTY_SHA256, problem=empty_problem())
    sha256 = file_sha256(path)
    base = {"kind": "document", "size": size, "sha256": sha256}
    problem = _not_pdf(path)
    if problem:
        return InspectedDocument(**base, problem=problem)
    limits = limits or InspectionLimits()
    facts, problem = _read_with_pypdf(path, limits.text_pages)
    if problem and problem.code != "encrypted":
        facts, problem = _read_with_pdfium(path, problem)
    if problem:
        return InspectedDocument(**base, problem=problem, encrypted=facts.encrypted)
    limits = limits or InspectionLimits()
    preview, red_seal = _preview(path, thumbs_dir / thumb_name(sha256, "-p1"))
    damage = pdf_damage(path, limits.pdf_check_seconds)
    read = (read_scan(sha256, min(facts.pages, limits.ocr_pages), lambda pages: _render_pages(path, pages),
                      thumbs_dir.parent) if _scanned(facts.text) else {"facts": text_facts(facts.text)})
    return InspectedDocument(
        **base, pages=facts.pages, encrypted=facts.encrypted, first_page_text=facts.text,
        title=facts.meta.get("title") or "", author=facts.meta.get("author") or "",
        created=facts.meta.get("created"), preview=preview, red_seal=red_seal, damage=damage,
        text=facts.full_text, text_pages=facts.text_pages, **(read or {}),
    )


def _scanned(text: str) -> bool:
    """Page 1 has no text layer worth the name (a scan: at most a stray mark)."""
    return len("".join(text.split())) < SCAN_TEXT_MAX


def _render_pages(path: Path, pages: int) -> Iterator[Image.Image]:
    """The first `pages` pages, each rendered with its long side OCR_LONG_SIDE pixels."""
    from .ocr import OCR_LONG_SIDE

    doc = pdfium.PdfDocument(str(path))
    try:
        for index in range(min(pages, len(doc))):
            page = doc[index]
            try:
                width, height = page.get_size()
                bitmap = page.render(scale=OCR_LONG_SIDE / max(width, height, 1.0))
                try:
                    yield bitmap.to_pil().convert("RGB")
                finally:
                    bitmap.close()
            finally:
                page.close()
    finally:
        doc.close()


def _not_pdf(path: Path) -> Problem | None:
    """A problem when the file does not start like a PDF: what it really is if known."""
    head = read_head(path, 1024)
    if b"%PDF-" in head:
        return None
    sniffed = sniff_bytes(head)
    if sniffed is not None:
        return mislabelled_problem(path, sniffed)
    return Problem("corrupt", "不是有效的 PDF 文件：文件开头 1024 字节内没有 %PDF- 文件头")


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs a warning per oddity (1,412 'fontTools is required' for one book):
    silence its logger and warnings for this call only, then restore them."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _read_with_pypdf(path: Path, text_pages: int) -> tuple[_Facts, Problem | None]:
    """Pages, encryption, page-1 text, the text of the first `text_pages` pages and the
    metadata; a problem when the structure fails."""
    facts = _Facts()
    with _quiet_pypdf(), path.open("rb") as fh:
        try:
            reader = PdfReader(fh)
            facts.encrypted = reader.is_encrypted
            if facts.encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                return facts, Problem("encrypted", "PDF 已用密码加密，空密码无法打开，需要密码才能查看内容")
            facts.pages = len(reader.pages)
            if not facts.pages:
                return facts, Problem("corrupt", "PDF 文件中没有任何页面（页面树为空）")
            first = reader.pages[0]
        except FileNotDecryptedError as exc:
            return facts, Problem("encrypted", f"PDF 已用密码加密，无法读取内容{error_detail(exc)}")
        except DependencyError as exc:
            return facts, Problem("unsupported", f"PDF 的加密算法需要额外的软件库才能解密{error_detail(exc)}")
        except Exception as exc:  # noqa: BLE001 - on broken files pypdf raises its own errors and
            # KeyError, ValueError, RecursionError, LimitReachedError, ... (SOURCES.md)
            return facts, _structure_problem(exc)
        facts.text = _page_text(first)
        facts.full_text, facts.text_pages = _whole_text(reader, facts.text, text_pages)
        facts.meta = _metadata(reader)
    return facts, None


def _whole_text(reader: PdfReader, first: str, budget: int) -> tuple[str, int]:
    """The text of the first `budget` pages (page 1's already read; page 1 only for a long
    document), each ending with a newline, at most MAX_TEXT_CHARS; a page whose text fails
    counts as empty."""
    if budget <= 0:
        return "", 0
    count = min(budget, len(reader.pages)) if len(reader.pages) <= LONG_DOCUMENT_PAGES else 1
    texts = [first if len(first) < MAX_TEXT else _page_text(reader.pages[0], MAX_TEXT_CHARS)]
    for index in range(1, count):
        if sum(map(len, texts)) >= MAX_TEXT_CHARS:
            break
        texts.append(_page_text(reader.pages[index], MAX_TEXT_CHARS))
    return "".join(t.rstrip("\n") + "\n" for t in texts)[:MAX_TEXT_CHARS], len(texts)


def _structure_problem(exc: BaseException) -> Problem:
    """A pypdf structure error as a problem: a stream that ends early means truncation."""
    if isinstance(exc, PdfStreamError) and "ended unexpectedly" in str(exc):
        return Problem("truncated", f"PDF 文件不完整（数据提前结束），无法读取页面{error_detail(exc)}")
    return Problem("corrupt", f"PDF 文件已损坏：文件结构（交叉引用表或页面树）无法读取{error_detail(exc)}")


def _page_text(page: PageObject, limit: int = MAX_TEXT) -> str:
    """Text layer of one page, at most `limit` characters; '' for a scan or on failure."""
    try:
        text = page.extract_text() or ""
    except Exception as exc:  # noqa: BLE001 - text is optional
        log.debug("page text unreadable: %r", exc)
        return ""
    return text.replace("\x00", "")[:limit]


def _metadata(reader: PdfReader) -> dict[str, str | None]:
    """Title, author and creation date, each read apart: a broken one loses only itself."""
    try:
        meta = reader.metadata
    except Exception as exc:  # noqa: BLE001 - metadata is optional (unreadablemetadata.pdf)
        log.debug("metadata unreadable: %r", exc)
        return {}
    if meta is None:
        return {}
    found: dict[str, str | None] = {}
    for key, getter in (
        ("title", lambda: meta.title),
        ("author", lambda: meta.author),
        ("created", lambda: meta.creation_date.isoformat() if meta.creation_date else None),
    ):
        try:
            value = getter()
        except Exception as exc:  # noqa: BLE001 - see above
            log.debug("metadata %s unreadable: %r", key, exc)
            continue
        found[key] = str(value).replace("\x00", "").strip() if value is not None else None
    return found


def _read_with_pdfium(path: Path, problem: Problem) -> tuple[_Facts, Problem | None]:
    """Second opinion from pdfium on a PDF pypdf rejected: the browser's viewer uses it,
    so if pdfium reads it the user can read it. Keeps pypdf's problem otherwise."""
    facts = _Facts()
    try:
        doc = pdfium.PdfDocument(str(path))
    except Exception as exc:  # noqa: BLE001 - pdfium agrees the file is broken
        log.debug("pdfium cannot open %s either: %r", path, exc)
        return facts, problem
    try:
        facts.pages = len(doc)
        if facts.pages:
            facts.text = _pdfium_text(doc)
            facts.full_text, facts.text_pages = (facts.text, 1) if facts.text else ("", 0)
    except Exception as exc:  # noqa: BLE001 - page 1 does not load: pdfium can't show it either
        log.debug("pdfium cannot load page 1 of %s: %r", path, exc)
        return _Facts(), problem
    finally:
        doc.close()
    if not facts.pages:
        return facts, problem
    log.debug("%s: pypdf failed (%s), read through pdfium", path, problem.reason)
    return facts, None


def _pdfium_text(doc: pdfium.PdfDocument) -> str:
    page = doc[0]
    try:
        textpage = page.get_textpage()
        try:
            return textpage.get_text_range().replace("\x00", "")[:MAX_TEXT]
        finally:
            textpage.close()
    except Exception as exc:  # noqa: BLE001 - text is optional
        log.debug("pdfium text unreadable: %r", exc)
        return ""
    finally:
        page.close()


def _preview(path: Path, target: Path) -> tuple[str | None, bool]:
    """The preview of page 1 (a JPEG, long side THUMB_SIZE) and whether the seal heuristic
    sees red ink stamped on it (scans carry the seal as red ink). The preview is rendered
    unless this content's one is there already; (None, False) when pdfium can't render
    (the document stays readable: a preview is a convenience)."""
    try:
        if target.exists():
            with Image.open(target) as image:
                return target.name, has_red_seal(image)
        image = _render_first_page(path)
        write_atomic(target, lambda tmp: image.save(tmp, "JPEG", quality=THUMB_QUALITY, optimize=True))
    except Exception as exc:  # noqa: BLE001 - see docstring
        log.debug("no preview for %s: %r", path, exc)
        return None, False
    return target.name, has_red_seal(image)


def _render_first_page(path: Path) -> Image.Image:
    """Page 1 rendered so that its long side is THUMB_SIZE pixels, as an RGB image."""
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[0]
        try:
            width, height = page.get_size()
            scale = THUMB_SIZE / max(width, height, 1.0)
            bitmap = page.render(scale=scale)
            try:
                return bitmap.to_pil().convert("RGB")
            finally:
                bitmap.close()
        finally:
            page.close()
    finally:
        doc.close()
