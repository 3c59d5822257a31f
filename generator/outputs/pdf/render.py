"""WeasyPrint, set up once: fonts configured, its warnings kept out of the user's terminal
(they are English and about CSS we wrote, never about the archive)."""

from __future__ import annotations

import logging
from functools import cache, cached_property
from pathlib import Path

for _name in ("weasyprint", "fontTools", "fontTools.subset", "fontTools.ttLib"):
    logging.getLogger(_name).setLevel(logging.ERROR)


PX = 0.75
"""Points per CSS pixel: WeasyPrint's positions are in CSS pixels."""


class Rendered:
    """A laid-out document: where each anchor landed, and its PDF (written when first asked:
    writing, which subsets the CJK fonts, is half the cost and a measuring pass needs none)."""

    def __init__(self, document) -> None:
        self._document = document
        self.anchors: list[dict[str, tuple[float, float, float, float]]] = [
            dict(page.anchors) for page in document.pages]
        """The anchors (element ids) on each page, in page order, with their boxes
        (left, top, right, bottom in CSS pixels from the page's top-left)."""

    @cached_property
    def pdf(self) -> bytes:
        data = self._document.write_pdf()
        self._document = None  # a laid-out document of a thousand pages holds hundreds of MB
        return data

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

    return Rendered(weasyprint.HTML(string=html, base_url=str(base) if base else None).render(font_config=_fonts()))
