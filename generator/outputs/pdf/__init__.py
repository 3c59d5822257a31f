"""The printable binder: one PDF (or one per category or indicator) in framework order.

Cover, contents with the page numbers, then per indicator a heading page with its standards
and requirements, its 卷内目录 (DA/T 22-2015) and its materials: evidence PDFs with their own
pages (drawn at 88 % so their own margins stay clear of ours; their links kept), photos four
to a page with captions, reports as text, tables as tables, videos as their poster frame
under a play mark (a dark frame when none was decoded) with length, picture size and file
size, and a page naming each file that cannot be placed and why (in
Chinese). Nested bookmarks, page labels, "第 N 页 共 M 页", header and footer.

How it is made: each indicator's document (heading, 卷内目录, materials) is laid out by
WeasyPrint on the worker processes and kept between runs under the hash of its HTML, so a
second run after one changed file lays out that indicator only; the cover and contents are
laid out once; the page numbers (contents, 页号) are written into boxes the layout left
empty, with the header and footer, as a few text operators in the embedded font
(stamp.py); pikepdf merges. Reads the view (and the evidence files themselves), nothing else.

WeasyPrint or Chromium's print? Measured on the example archive (the 25 documents the
binder lays out, same HTML and CSS; Debian's Chromium 156 through Playwright, launch not
counted; 2 cores shared with other jobs, load 7-15, so the times are rough):

    WeasyPrint  37.9 s  79 pages  8.6 MB  Chinese headings found by text search 84/84  fonts: CID, embedded
    Chromium    26.6 s  79 pages  6.8 MB  Chinese headings found by text search 29/84  fonts: Type3 glyph drawings

Chromium is faster, but its PDF embeds the CJK fonts as Type3 drawings whose text maps
many characters to Kangxi radicals (目 -> ⽬, 长 -> ⻓): "目录" or "长期化" are not found by a
search, and the issue asks for selectable, searchable text. It also tells nothing of where
an element landed on which page, which the page numbers here rely on (WeasyPrint's anchors).
So: WeasyPrint. (How: both engines given `front_html` and every `indicator_html`, the
PDFs read back with pypdf: each indicator's title and standards searched in the text,
each font checked for an embedded font file.)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ...view import CheckedArchive
from . import assemble, book, catalogue
from .layout import Front

EDITIONS = ("inspector", "internal")
SPLITS = ("category", "indicator")


@dataclass(frozen=True)
class Written:
    """One PDF written."""

    path: Path
    pages: int
    indicators: int
    placeholders: list[tuple[str, str]]
    """(file, why) for each file named on a placeholder page."""
    reused: int
    """Indicators whose laid-out materials came from the cache."""


def write_pdfs(archive: CheckedArchive, output: Path, cache: Path, *, edition: str = "inspector",
               split: str | None = None, today: dt.date | None = None, jobs: int | None = None) -> list[Written]:
    """Write the binder: to `output` (a file), or with `split` one PDF per category or indicator
    into `output` (a folder). `cache` keeps photo print copies and laid-out materials."""
    volumes = catalogue.volumes(archive)
    cache = cache.resolve()
    today = today or dt.date.today()
    if split is None:
        return [_write(archive, volumes, "", output, cache, edition, today, jobs)]
    output.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[catalogue.Volume]] = {}
    for volume in volumes:
        name = volume.category.name if split == "category" else volume.indicator.title
        groups.setdefault(name, []).append(volume)
    return [_write(archive, group, name, output / f"{safe_name(name)}.pdf", cache, edition, today, jobs)
            for name, group in groups.items()]


def _write(archive: CheckedArchive, volumes: list[catalogue.Volume], subtitle: str, path: Path, cache: Path,
           edition: str, today: dt.date, jobs: int | None) -> Written:
    parts = book.prepare_all(volumes, cache, edition, jobs)
    framework = archive.framework
    period = (f"{framework.period[0]:%Y年%m月%d日} 至 {framework.period[1]:%Y年%m月%d日}"
              if framework.period else "")
    front = Front(unit=archive.unit, title=framework.title, subtitle=subtitle, period=period,
                  generated=today, edition=edition)
    placed = book.lay_out_front(front, parts)
    document = document_name(archive, subtitle)
    pages = assemble.write_binder(path, front, document, placed, parts)
    placeholders = [(e.view.file.rel_path, e.reason) for p in parts for e in p.volume.entries
                    if e.placement == "placeholder"]
    return Written(path, pages, len(parts), placeholders, sum(p.materials.reused for p in parts))


def document_name(archive: CheckedArchive, subtitle: str = "") -> str:
    """The binder's name as the footer prints it: the framework's title, and the part."""
    return f"{archive.framework.title}　{subtitle}".strip("　") if subtitle else archive.framework.title


def default_name(archive: CheckedArchive) -> str:
    return f"{safe_name(archive.framework.title or '创建档案')}.pdf"


def safe_name(name: str) -> str:
    """A file name from a title: no path separators or characters Windows refuses."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .") or "档案"
