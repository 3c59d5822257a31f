"""The pages we lay out, as HTML for CSS paged media (WeasyPrint).

Two kinds of documents per binder: the front matter (cover and contents), and one
document per indicator (its heading page with its standards and requirements, its 卷内目录,
then its materials: photo pages, report text, tables, videos, placeholders). Neither
depends on where it lands in the binder, so each is laid out once and an indicator's is
kept between runs: a page number (contents, 页号) is an empty box of fixed width whose place
the layout gives, written in at the end with the header and footer (stamp.py). An evidence
PDF takes one "slot" page in the materials, replaced by its own pages when the binder is
put together.

The markup is in templates/pdf/ (jinja2, autoescape: everything from names and documents is
escaped), the CSS in templates/pdf/binder.css; this module gives them their data: which
entries, which pictures, which page-number boxes.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from ... import TEMPLATES_DIR
from .catalogue import Entry, Volume, caption_of
from ...text import length_text, size_text

TABLE_ROWS = 25
TABLE_COLUMNS = 10
CELL_CHARS = 40

TEMPLATES = TEMPLATES_DIR / "pdf"
"""The printed binder's templates and its CSS (templates/pdf/)."""


class _JoinedLinesLoader(jinja2.FileSystemLoader):
    """Reads templates/pdf/ with each line break and the indentation after it dropped: the
    templates are written one element a line, and WeasyPrint is given compact HTML with no
    stray space between inline elements (a space that shows is written inside a line)."""

    def get_source(self, environment: jinja2.Environment, template: str):
        source, filename, uptodate = super().get_source(environment, template)
        return re.sub(r"\n[ \t]*", "", source), filename, uptodate


@functools.cache
def _environment() -> jinja2.Environment:
    # autoescape: every name and every text from a document is escaped, never markup
    return jinja2.Environment(loader=_JoinedLinesLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined)


@functools.cache
def css() -> Markup:
    """The binder's CSS, read once (ours, not the archive's: given to the page as it is)."""
    return Markup((TEMPLATES / "binder.css").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Front:
    """What the front matter shows besides the framework."""

    unit: str
    title: str
    subtitle: str
    period: str
    generated: dt.date
    edition: str
    """'inspector' or 'internal'."""


@dataclass(frozen=True)
class ContentsRow:
    """A row of the contents: a category or an indicator, and the box its page number goes in."""

    kind: str
    """'category' or 'indicator'."""
    name: str
    anchor: str


@dataclass(frozen=True)
class CatalogueRow:
    """A row of the 卷内目录 (DA/T 22-2015); its 页号 goes in the box 'n{number}'."""

    number: int
    responsible: str
    document_number: str
    title: str
    date: str
    remark: str


def _render(template: str, **context) -> str:
    return _environment().get_template(template).render(css=css(), **context)


def front_html(front: Front, volumes: list[Volume]) -> str:
    """Cover and contents; each contents row's number goes in the box 'c3' (indicator 3) or
    'k3' (the category starting with indicator 3)."""
    return _render("front.html.j2", front=front, contents=contents_rows(volumes))


def indicator_html(volume: Volume, edition: str, photo_paths: dict[int, Path],
                   tables: dict[int, list[list[str]]]) -> str:
    """One indicator: heading page ('h'), 卷内目录 ('d', the 页号 of entry 7 in the box 'n7'),
    then its materials ('e7')."""
    internal = edition == "internal"
    return _render("indicator.html.j2", volume=volume, internal=internal,
                   file_findings=_file_findings(volume) if internal else [],
                   catalogue=[_catalogue_row(entry) for entry in volume.entries],
                   materials=materials(volume.entries, photo_paths, tables))


def contents_rows(volumes: list[Volume]) -> list[ContentsRow]:
    """Each category where it starts (its number: its first indicator's), then each indicator."""
    rows, category = [], None
    for index, volume in enumerate(volumes):
        if volume.category.name != category:
            category = volume.category.name
            rows.append(ContentsRow("category", category, f"k{index}"))
        rows.append(ContentsRow("indicator", volume.indicator.title, f"c{index}"))
    return rows


def _file_findings(volume: Volume) -> list[tuple[str, str]]:
    """(file name, message) of each finding about a file of the indicator (internal edition)."""
    return [(f.file.rsplit("/", 1)[-1], f.message) for f in volume.view.findings if f.file]


def _catalogue_row(entry: Entry) -> CatalogueRow:
    return CatalogueRow(entry.number, entry.responsible, entry.document_number, entry.title,
                        entry.date.strftime("%Y%m%d") if entry.date else "", _remark(entry))


def _remark(entry: Entry) -> str:
    if entry.placement == "placeholder":
        return "未能并入，见占位页"
    return {"photo": "照片", "scan": "扫描图片", "media": "视频/音频，见电子档案",
            "table": "表格（节选）"}.get(entry.placement, "")


def materials(entries: list[Entry], photo_paths: dict[int, Path],
              tables: dict[int, list[list[str]]]) -> list[dict]:
    """One indicator's materials, each the data of one macro of _materials.html.j2 (its `kind`):
    the photos of one requirement share pages, four to a page; an evidence PDF is a one-page slot."""
    out: list[dict] = []
    open_photos: tuple | None = None
    for entry in entries:
        if entry.placement == "photo" and entry.number in photo_paths:
            place = (entry.standard, entry.requirement)
            if open_photos != place:
                out.append({"kind": "photos", "photos": []})
                open_photos = place
            out[-1]["photos"].append(_photo(entry, photo_paths[entry.number]))
            continue
        open_photos = None
        out.append(_material(entry, tables.get(entry.number), photo_paths.get(entry.number)))
    return out


def _photo(entry: Entry, path: Path) -> dict:
    date, facts = caption_of(entry.view)
    return {"number": entry.number, "uri": path.resolve().as_uri(), "date": date, "facts": facts}


def _material(entry: Entry, table: list[list[str]] | None, picture: Path | None = None) -> dict:
    number = entry.number
    if entry.placement == "pdf":
        return {"kind": "slot", "number": number, "name": entry.name}
    if entry.placement == "scan" and picture is not None:
        return {"kind": "scan", "number": number, "uri": picture.resolve().as_uri()}
    if entry.placement == "report":
        return {"kind": "report", "number": number, **_report(entry)}
    if entry.placement == "table" and table is not None:
        return {"kind": "table", "number": number, **_table(entry, table)}
    if entry.placement == "media":
        return {"kind": "media", "number": number, **_media(entry, picture)}
    return {"kind": "placeholder", "number": number, "name": entry.name,
            "reason": entry.reason or "表格内容未能读出", "location": entry.view.file.rel_path}


def _media(entry: Entry, poster: Path | None) -> dict:
    """A video or recording: its poster frame (none: the page shows a dark frame), what it
    is, its length, picture size and file size."""
    inspected = entry.view.inspected
    length = getattr(inspected, "duration", None)
    width, height = getattr(inspected, "width", 0), getattr(inspected, "height", 0)
    return {"title": entry.title, "name": entry.name, "location": entry.view.file.rel_path,
            "what": "视频" if getattr(inspected, "media", "") != "audio" else "音频",
            "poster": poster.resolve().as_uri() if poster is not None else "",
            "length": length_text(length) if length is not None else None,
            "resolution": f"{width}×{height}" if width and height else "",
            "size": size_text(inspected.size) if inspected else ""}


def _report(entry: Entry) -> dict:
    """A report's paragraphs as text, without the title it opens with (the page's heading)."""
    report = entry.view.inspected
    paragraphs = []
    skipped_title = False
    for paragraph in report.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        if not skipped_title and text == entry.title:
            skipped_title = True
            continue
        paragraphs.append({"heading": bool(paragraph.heading_level), "text": text})
    return {"title": entry.title, "paragraphs": paragraphs, "tables": report.tables}


def _table(entry: Entry, rows: list[list[str]]) -> dict:
    """A table's first rows, each as wide as the widest, each cell cut to CELL_CHARS."""
    inspected = entry.view.inspected
    width = max((len(r) for r in rows), default=0)
    sheets = getattr(inspected, "sheets", ())
    return {"title": entry.title, "name": entry.name, "sheet": sheets[0] if sheets else "",
            "rows": [[cell[:CELL_CHARS] for cell in row + [""] * (width - len(row))] for row in rows],
            "total": getattr(inspected, "rows", 0)}


def table_rows(path: Path) -> list[list[str]]:
    """The first rows of a table (.xlsx first sheet, .csv) as text. Raises for a file that
    cannot be read (the caller shows a placeholder)."""
    if path.suffix.lower() == ".csv":
        data = path.read_bytes()[:200_000]
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValueError("csv encoding")
        rows = list(csv.reader(io.StringIO(text)))[:TABLE_ROWS]
        return [[c.strip() for c in r[:TABLE_COLUMNS]] for r in rows if any(c.strip() for c in r)]
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(max_row=TABLE_ROWS * 2, max_col=TABLE_COLUMNS, values_only=True):
            cells = ["" if v is None else str(v).strip() for v in row]
            if any(cells):
                rows.append(cells)
            if len(rows) >= TABLE_ROWS:
                break
        return rows
    finally:
        book.close()
