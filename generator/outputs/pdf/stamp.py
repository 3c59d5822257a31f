"""Header, footer and page numbers on every page of the binder, evidence pages included.

The numbers are known only once the evidence PDFs are merged, and an evidence page has no
room we laid out: so one page of header and footer is laid out per page of the binder
(WeasyPrint, the same embedded fonts) and laid over it (pikepdf), scaled to the page.
"""

from __future__ import annotations

from html import escape

from . import render

STAMP_CSS = """
@page { size: A4; margin: 22mm 18mm 20mm 18mm;
  @top-left { content: string(head); font-size: 9pt; color: #333; vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-left { content: string(doc); font-size: 8pt; color: #333; width: 40%; }
  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 9pt; }
  @bottom-right { content: string(unit); font-size: 8pt; color: #333; width: 30%; text-align: right; }
}
@page :first { @top-left { content: none; } @bottom-left { content: none; } @bottom-center { content: none; }
  @bottom-right { content: none; } }
html { font-family: "Noto Sans CJK SC", sans-serif; }
div { break-after: page; height: 1mm; }
.h { string-set: head content(); } .d { string-set: doc content(); } .u { string-set: unit content(); }
span { display: block; height: 0; overflow: hidden; visibility: hidden; }
"""


def stamp_pdf(headers: list[str], document: str, unit: str) -> bytes:
    """One page per page of the binder: the indicator's code in the header, the binder's name
    and the unit in the footer, "第 N 页 共 M 页" in the middle (none on the cover)."""
    pages = "".join(f"<div><span class=h>{escape(h)}</span><span class=d>{escape(document)}</span>"
                    f"<span class=u>{escape(unit)}</span></div>" for h in headers)
    html = f"<!doctype html><html lang=zh-CN><head><meta charset=utf-8><style>{STAMP_CSS}</style></head><body>{pages}</body></html>"
    return render.render(html).pdf
