"""The pages we lay out, as HTML for CSS paged media (WeasyPrint).

Two kinds of documents per binder: the front matter (cover and contents), and one
document per indicator (its heading page with its standards and requirements, its 卷内目录,
then its materials: photo pages, report text, tables, videos, placeholders). Neither
depends on where it lands in the binder, so each is laid out once and an indicator's is
kept between runs: a page number (contents, 页号) is an empty box of fixed width whose place
the layout gives, written in at the end with the header and footer (stamp.py). An evidence
PDF takes one "slot" page in the materials, replaced by its own pages when the binder is
put together. Everything from names and documents is escaped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .catalogue import Entry, Volume, caption_of
from ...text import length_text, size_text

TABLE_ROWS = 25
TABLE_COLUMNS = 10
CELL_CHARS = 40

CSS = """
@page { size: A4; margin: 22mm 18mm 20mm 18mm; }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; line-height: 1.6; }
body { margin: 0; }
h1, h2, h3, th, .label, figcaption, .cover { font-family: "Noto Sans CJK SC", sans-serif; }
h1 { font-size: 18pt; margin: 0 0 6mm; }
h2 { font-size: 14pt; margin: 0 0 4mm; }
h3 { font-size: 11.5pt; margin: 4mm 0 2mm; }
section { break-before: page; }
section.heading { break-before: auto; }
section.cover { break-before: auto; text-align: center; padding-top: 55mm; }
.cover .unit { font-size: 20pt; margin-bottom: 12mm; }
.cover .title { font-size: 24pt; font-weight: bold; margin-bottom: 14mm; line-height: 1.4; }
.cover .sub { font-size: 16pt; margin-bottom: 10mm; }
.cover .meta { font-size: 12pt; margin-top: 50mm; line-height: 2; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 0.6pt solid #333; padding: 1.2mm 1.5mm; vertical-align: top; word-break: break-all; }
th { background: #eee; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.contents td { border: none; border-bottom: 0.4pt dotted #999; }
.contents td.page, .catalogue td.page { text-align: right; white-space: nowrap; }
.contents tr.category td { font-family: "Noto Sans CJK SC", sans-serif; font-weight: bold; padding-top: 4mm; }
.contents tr.indicator td.name { padding-left: 6mm; }
.catalogue { font-size: 9pt; }
.contents td.page { width: 18mm; }
.standard { margin: 0 0 5mm; break-inside: avoid-page; }
.standard .label { font-weight: bold; }
.requirements { margin: 1mm 0 0 6mm; padding: 0; list-style: none; }
.requirements li { margin: 1mm 0; }
.status { font-family: "Noto Sans CJK SC", sans-serif; font-size: 9pt; padding: 0 1.5mm; border: 0.6pt solid #333; }
.findings { margin: 1mm 0 0 10mm; font-size: 9pt; color: #333; }
.photos { display: flow-root; }
figure { float: left; width: 86mm; height: 121mm; margin: 0 0 4mm 0; padding: 0 1mm; box-sizing: border-box;
         break-inside: avoid; font-size: 9pt; text-align: center; overflow: hidden; }
figure img { max-width: 83mm; max-height: 100mm; }
figcaption { margin-top: 1.5mm; line-height: 1.4; }
.report p { text-indent: 2em; margin: 0 0 1.5mm; }
.report h3 { text-indent: 0; }
.data { font-size: 8.5pt; }
.note { color: #555; font-size: 9pt; margin-top: 3mm; }
.placeholder { border: 1pt solid #333; padding: 8mm; margin-top: 40mm; text-align: center; }
.placeholder .why { font-size: 12pt; margin-top: 6mm; }
.slot { height: 10mm; }
.scan { text-align: center; }
.scan img { max-width: 100%; max-height: 250mm; border: 0.4pt solid #bbb; }
.still { width: 150mm; height: 84mm; margin: 6mm auto 4mm; background: #3a3a3a; color: #fff; text-align: center;
         font-family: "Noto Sans CJK SC", sans-serif; padding-top: 22mm; box-sizing: border-box; }
.play { width: 0; height: 0; margin: 0 auto 5mm; border-style: solid; border-width: 9mm 0 9mm 15mm;
        border-color: transparent transparent transparent #fff; }
.still .kind { font-size: 14pt; }
.still.poster { position: relative; padding-top: 0; background: #000; }
.poster img { display: block; width: 150mm; height: 84mm; object-fit: contain; }
.poster .disc { position: absolute; left: 61mm; top: 28mm; width: 28mm; height: 28mm; border-radius: 14mm;
                background: rgba(0, 0, 0, 0.45); border: 0.8mm solid #fff; box-sizing: border-box; }
.poster .play { margin: 4.2mm 0 0 7.2mm; }
.still .stillname { font-size: 10pt; margin: 2mm 8mm 0; word-break: break-all; }
.facts { text-align: center; font-family: "Noto Sans CJK SC", sans-serif; }
.num { display: inline-block; width: 100%; height: 1em; }
"""


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


def page(body: str) -> str:
    return f"<!doctype html><html lang=zh-CN><head><meta charset=utf-8><style>{CSS}</style></head><body>{body}</body></html>"


def front_html(front: Front, volumes: list[Volume]) -> str:
    """Cover and contents; each contents row's number goes in the box 'c3' (indicator 3) or
    'k3' (the category starting with indicator 3)."""
    return page(_cover(front) + _contents(volumes))


def indicator_html(volume: Volume, edition: str, photo_paths: dict[int, Path],
                   tables: dict[int, list[list[str]]]) -> str:
    """One indicator: heading page ('h'), 卷内目录 ('d', the 页号 of entry 7 in the box 'n7'),
    then its materials ('e7')."""
    return page(_heading(volume, edition) + _catalogue(volume) + _materials(volume.entries, photo_paths, tables))


def number_box(anchor: str) -> str:
    """Where a page number is written once known (stamp.py)."""
    return f"<span class=num id={anchor}></span>"


def _cover(front: Front) -> str:
    edition = "迎检版" if front.edition == "inspector" else "内部自查版"
    return (f"<section class=cover id=cover><div class=unit>{escape(front.unit)}</div>"
            f"<div class=title>{escape(front.title)}</div>"
            + (f"<div class=sub>{escape(front.subtitle)}</div>" if front.subtitle else "")
            + f"<div class=sub>创建档案（{edition}）</div><div class=meta>"
            + (f"测评周期：{escape(front.period)}<br>" if front.period else "")
            + f"生成日期：{front.generated.year}年{front.generated.month}月{front.generated.day}日</div></section>")


def _contents(volumes: list[Volume]) -> str:
    rows, category = [], None
    for index, volume in enumerate(volumes):
        if volume.category.name != category:
            category = volume.category.name
            rows.append(f"<tr class=category><td class=name>{escape(category)}</td>"
                        f"<td class=page>{number_box(f'k{index}')}</td></tr>")
        rows.append(f"<tr class=indicator><td class=name>{escape(volume.indicator.title)}</td>"
                    f"<td class=page>{number_box(f'c{index}')}</td></tr>")
    return f"<section id=contents><h1>目　录</h1><table class=contents>{''.join(rows)}</table></section>"


def _heading(volume: Volume, edition: str) -> str:
    view = volume.view
    internal = edition == "internal"
    status = f" <span class=status>{view.status.label}</span>" if internal else ""
    out = [f"<section class=heading id=h><div class=note>{escape(volume.category.name)}</div>"
           f"<h1>{escape(volume.indicator.title)}{status}</h1>"]
    for standard_view in view.standards:
        standard = standard_view.standard
        mark = f" <span class=status>{standard_view.status.label}</span>" if internal else ""
        score = f"（{standard.score:g} 分）" if standard.score else ""
        out.append(f"<div class=standard><span class=label>测评标准 {escape(standard.label)}</span>{score}{mark}"
                   f"<div>{escape(standard.text)}</div><ul class=requirements>")
        for requirement_view in standard_view.requirements:
            requirement = requirement_view.requirement
            mark = f" <span class=status>{requirement_view.status.label}</span>" if internal else ""
            out.append(f"<li>{escape(requirement.label)} {escape(requirement.text)}{mark}")
            if internal and requirement_view.findings:
                out.append("<ul class=findings>" + "".join(
                    f"<li>{escape(f.severity.label)}：{escape(f.message)}</li>" for f in requirement_view.findings)
                    + "</ul>")
            out.append("</li>")
        out.append("</ul></div>")
    if internal:
        file_findings = [f for f in view.findings if f.file]
        if file_findings:
            out.append("<h3>文件问题</h3><ul class=findings>" + "".join(
                f"<li>{escape(f.file.rsplit('/', 1)[-1])}：{escape(f.message)}</li>" for f in file_findings) + "</ul>")
    out.append("</section>")
    return "".join(out)


def _catalogue(volume: Volume) -> str:
    """The 卷内目录 in the columns of DA/T 22-2015."""
    head = ("<thead><tr><th style='width:7%'>件号</th><th style='width:15%'>责任者</th><th style='width:13%'>文号</th>"
            "<th>题名</th><th style='width:11%'>日期</th><th style='width:7%'>页号</th><th style='width:10%'>备注</th></tr></thead>")
    rows = []
    for entry in volume.entries:
        date = entry.date.strftime("%Y%m%d") if entry.date else ""
        rows.append(f"<tr><td>{entry.number}</td><td>{escape(entry.responsible)}</td>"
                    f"<td>{escape(entry.document_number)}</td><td>{escape(entry.title)}</td><td>{date}</td>"
                    f"<td class=page>{number_box(f'n{entry.number}')}</td><td>{escape(_remark(entry))}</td></tr>")
    if not rows:
        rows.append("<tr><td colspan=7>本项没有归档材料。</td></tr>")
    return (f"<section id=d><h2>卷内目录　{escape(volume.indicator.title)}</h2>"
            f"<table class=catalogue>{head}<tbody>{''.join(rows)}</tbody></table></section>")


def _remark(entry: Entry) -> str:
    if entry.placement == "placeholder":
        return "未能并入，见占位页"
    return {"photo": "照片", "scan": "扫描图片", "media": "视频/音频，见电子档案",
            "table": "表格（节选）"}.get(entry.placement, "")


def _materials(entries: list[Entry], photo_paths: dict[int, Path], tables: dict[int, list[list[str]]]) -> str:
    """One indicator's materials. Each entry carries the anchor 'e{number}'; photos of one
    requirement share pages, four to a page; an evidence PDF is a one-page slot."""
    parts: list[str] = []
    open_photos: tuple | None = None
    for entry in entries:
        if entry.placement == "photo" and entry.number in photo_paths:
            place = (entry.standard, entry.requirement)
            if open_photos != place:
                if open_photos is not None:
                    parts.append("</section>")
                parts.append("<section class=photos>")
                open_photos = place
            parts.append(_photo(entry, photo_paths[entry.number]))
            continue
        if open_photos is not None:
            parts.append("</section>")
            open_photos = None
        parts.append(_material(entry, tables.get(entry.number), photo_paths.get(entry.number)))
    if open_photos is not None:
        parts.append("</section>")
    return "".join(parts)


def _photo(entry: Entry, path: Path) -> str:
    date, facts = caption_of(entry.view)
    return (f"<figure id=e{entry.number}><img src='{path.resolve().as_uri()}' alt=''>"
            f"<figcaption>{escape(date)}<br>{escape(facts)}</figcaption></figure>")


def _material(entry: Entry, table: list[list[str]] | None, picture: Path | None = None) -> str:
    anchor = f"id=e{entry.number}"
    name = escape(entry.name)
    if entry.placement == "pdf":
        return f"<section {anchor} class=slot>{name}</section>"
    if entry.placement == "scan" and picture is not None:
        return f"<section {anchor} class=scan><img src='{picture.resolve().as_uri()}' alt=''></section>"
    if entry.placement == "report":
        return f"<section {anchor} class=report>{_report(entry)}</section>"
    if entry.placement == "table" and table is not None:
        return f"<section {anchor}><h2>{escape(entry.title)}</h2>{_table(entry, table)}</section>"
    if entry.placement == "media":
        return f"<section {anchor}>{_media(entry, picture)}</section>"
    reason = entry.reason or "表格内容未能读出"
    return (f"<section {anchor}><div class=placeholder><h2>{name}</h2><div>此文件未能并入装订本</div>"
            f"<div class=why>原因：{escape(reason)}</div><p class=note>文件位置：{escape(entry.view.file.rel_path)}</p>"
            f"</div></section>")


def _media(entry: Entry, poster: Path | None) -> str:
    """A video or recording: its poster frame (a dark frame when it has none) under a play
    mark, with its name, length, picture size and file size (the file itself is in the
    electronic archive)."""
    inspected = entry.view.inspected
    video = getattr(inspected, "media", "") != "audio"
    kind = "视频" if video else "音频"
    length = getattr(inspected, "duration", None)
    width, height = getattr(inspected, "width", 0), getattr(inspected, "height", 0)
    facts = [f"时长：{length_text(length)}" if length is not None else "",
             f"分辨率：{width}×{height}" if width and height else "",
             f"大小：{size_text(inspected.size)}" if inspected else ""]
    return (f"<h2>{escape(entry.title)}</h2>{_still(entry, kind, poster)}"
            f"<p class=facts>{'　'.join(f for f in facts if f)}</p>"
            f"<p>{kind}文件，纸质装订本不能播放，请在电子档案中查看。</p>"
            f"<p class=note>文件位置：{escape(entry.view.file.rel_path)}</p>")


def _still(entry: Entry, kind: str, poster: Path | None) -> str:
    """The frame that stands for the video: its poster with the play mark over it, or the
    dark frame with the play mark, the kind and the name."""
    if poster is not None:
        return (f"<div class='still poster'><img src='{poster.resolve().as_uri()}' alt=''>"
                f"<div class=disc><div class=play></div></div></div>")
    return (f"<div class=still><div class=play></div>"
            f"<div class=kind>{kind}</div><div class=stillname>{escape(entry.name)}</div></div>")


def _report(entry: Entry) -> str:
    report = entry.view.inspected
    out = [f"<h2>{escape(entry.title)}</h2>"]
    skipped_title = False
    for paragraph in report.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        if not skipped_title and text == entry.title:
            skipped_title = True
            continue
        out.append(f"<h3>{escape(text)}</h3>" if paragraph.heading_level else f"<p>{escape(text)}</p>")
    if report.tables:
        out.append(f"<p class=note>报告中另有 {report.tables} 个表格，见原文件。</p>")
    return "".join(out)


def _table(entry: Entry, rows: list[list[str]]) -> str:
    inspected = entry.view.inspected
    width = max((len(r) for r in rows), default=0)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell[:CELL_CHARS])}</td>" for cell in row + [""] * (width - len(row)))
                   + "</tr>" for row in rows)
    total = getattr(inspected, "rows", 0)
    note = f"共 {total} 行，此处列出前 {len(rows)} 行。" if total > len(rows) else ""
    sheets = getattr(inspected, "sheets", ())
    sheet = f"工作表：{escape(sheets[0])}　" if sheets else ""
    return (f"<p class=note>{sheet}{escape(entry.name)}</p><table class=data>{body}</table>"
            f"<p class=note>{note}</p>")


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
