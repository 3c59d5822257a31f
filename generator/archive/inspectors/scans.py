"""Reading scans: their pages OCR'd through the store of readings, and the facts read from them.

A scan comes two ways: the pages of an image-only PDF (document.py), and an image of a
document, a paper scanned or photographed and saved as JPEG or TIFF, placed where a
document is asked (photo.py). Both give the same reading (model.DocumentReading), so the rules,
the site and the printable binder treat them alike.
"""

from __future__ import annotations

import logging
from typing import Callable, Iterable

from PIL import Image

log = logging.getLogger(__name__)

MAX_OCR_TEXT = 20_000
"""Characters of OCR text kept for search (two dense pages hold some 3,000)."""


def read_scan(sha256: str, pages: int, render: Callable[[int], Iterable[Image.Image]],
              cache_dir) -> dict | None:
    """The reading of the first `pages` pages of the file whose content is `sha256`:
    `render(n)` gives its first n pages as images, and is called only when a page is not in
    the store (this content was read before, anywhere in the archive). A dict of
    DocumentReading's fields; None when there is nothing to read or the engine can't (the file
    stays a readable scan)."""
    if pages <= 0:
        return None
    try:
        from .ocr import PageStore, read_page

        store = PageStore(cache_dir)
        lines = [store.get(sha256, number) for number in range(pages)]
        if any(page is None for page in lines):
            for number, image in enumerate(render(pages)):
                if number < pages and lines[number] is None:
                    lines[number] = read_page(image)
                    store.put(sha256, number, lines[number])
        lines = [page for page in lines if page is not None]
    except Exception as exc:  # noqa: BLE001 - OCR is a convenience: no engine, a page that can't be drawn
        log.debug("no OCR for %s: %r", sha256[:12], exc)
        return None
    return reading_of(lines)


def reading_of(pages: list) -> dict:
    """DocumentReading's fields from the lines read on each page."""
    from .ocr import page_text
    from .official import official_facts

    text = "\n".join(page_text(page) for page in pages)[:MAX_OCR_TEXT]
    return {"ocr_pages": len(pages), "ocr_text": text,
            "facts": official_facts([line for page in pages for line in page])}
