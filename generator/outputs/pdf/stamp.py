"""Header, footer and page numbers on every page of the binder, evidence pages included.

The numbers are known only once the evidence PDFs are merged, and an evidence page has no
room we laid out: so one page of header and footer is laid out per page of the binder
(WeasyPrint, the same embedded fonts) and laid over it (pikepdf), scaled to the page.
The texts are known here, so each page is a plain box with its lines placed absolutely:
CSS margin boxes with counters did the same at five times the cost.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from html import escape

from . import render

PIECE_PAGES = 250
"""At most this many stamp pages per layout: WeasyPrint's memory grows with the document."""

STAMP_CSS = """
@page { size: A4; margin: 0; }
html { font-family: "Noto Sans CJK SC", sans-serif; font-size: 8pt; color: #333; }
body { margin: 0; }
.p { position: relative; height: 297mm; break-after: page; }
.h { position: absolute; top: 14mm; left: 18mm; right: 18mm; font-size: 9pt; }
.f { position: absolute; bottom: 10mm; left: 18mm; right: 18mm; height: 5mm; }
.d { position: absolute; left: 0; width: 70mm; }
.n { position: absolute; left: 70mm; right: 60mm; text-align: center; font-size: 9pt; color: #000; }
.u { position: absolute; right: 0; width: 60mm; text-align: right; }
"""


def stamp_pdfs(headers: list[str], document: str, unit: str, jobs: int | None = None) -> list[bytes]:
    """The stamps of every page, laid out in pieces on `jobs` processes (a thousand pages
    take WeasyPrint several seconds each way); the pieces' pages in order."""
    workers = min(jobs or os.cpu_count() or 1, max(1, len(headers) // 200))
    size = min(-(-len(headers) // workers), PIECE_PAGES)
    pieces = [(start, headers[start:start + size]) for start in range(0, len(headers), size)]
    if workers <= 1:
        return [stamp_pdf(piece, document, unit, start + 1, len(headers)) for start, piece in pieces]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver")) as pool:
        futures = [pool.submit(stamp_pdf, piece, document, unit, start + 1, len(headers)) for start, piece in pieces]
        return [future.result() for future in futures]


def stamp_pdf(headers: list[str], document: str, unit: str, first: int = 1, total: int | None = None) -> bytes:
    """One page per header, numbered from `first`: the indicator in the header, the binder's
    name and the unit in the footer, "第 N 页 共 M 页" in the middle (nothing on page 1, the cover)."""
    total = total or len(headers)
    footer = f"<span class=d>{escape(document)}</span>{{}}<span class=u>{escape(unit)}</span>"
    pages = [
        "<div class=p></div>" if number == 1 else
        f"<div class=p><div class=h>{escape(header)}</div><div class=f>"
        + footer.format(f"<span class=n>第 {number} 页 共 {total} 页</span>") + "</div></div>"
        for number, header in enumerate(headers, start=first)]
    html = (f"<!doctype html><html lang=zh-CN><head><meta charset=utf-8><style>{STAMP_CSS}</style></head>"
            f"<body>{''.join(pages)}</body></html>")
    return render.render(html).pdf
