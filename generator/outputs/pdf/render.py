"""WeasyPrint, set up once: fonts configured, its warnings kept out of the user's terminal
(they are English and about CSS we wrote, never about the archive)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

for _name in ("weasyprint", "fontTools", "fontTools.subset", "fontTools.ttLib"):
    logging.getLogger(_name).setLevel(logging.ERROR)


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    anchors: list[set[str]]
    """The anchors (element ids) on each page, in page order."""

    @property
    def pages(self) -> int:
        return len(self.anchors)

    def page_of(self, anchor: str) -> int | None:
        return next((i for i, names in enumerate(self.anchors) if anchor in names), None)


@cache
def _fonts():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def render(html: str, base: Path | None = None) -> Rendered:
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=str(base) if base else None).render(font_config=_fonts())
    anchors = [set(page.anchors) for page in document.pages]
    return Rendered(document.write_pdf(), anchors)
