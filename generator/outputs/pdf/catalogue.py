"""What the printed binder holds, in framework order, and what is known of each piece.

One `Entry` per file of an indicator (件), with the facts of its row in the 卷内目录
(DA/T 22-2015: 件号, 责任者, 文号, 题名, 日期, 页号, 备注) and how it is placed: its own
PDF pages merged, laid out by us (photo, report, table, video), or a page that names it
and says why it could not be placed. No layout and no PDF writing here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ... import dates, naming
from ...archive.inspectors.model import (
    InspectedDocument, InspectedMedia, InspectedPhoto, InspectedReport, InspectedTable, facts_of,
)
from ...archive.inspectors.official import MAX_TITLE_CHARS, document_number_in, reads_as_a_title
from ...framework import Category, Indicator, Requirement, Standard
from ...view import CheckedArchive, FileView, IndicatorView

MAX_MERGED_BYTES = 200 * 1024 * 1024
"""An evidence PDF bigger than this is named on a page instead of merged: the printed
binder would not carry it, and one such file must not hold the whole binder in memory."""


@dataclass(frozen=True)
class Entry:
    """One file of the binder: a row of its indicator's 卷内目录 and one bookmark."""

    number: int
    """件号: its place among the indicator's files, from 1."""
    view: FileView
    standard: Standard | None
    requirement: Requirement | None
    placement: str
    """'pdf' (its own pages merged), 'photo', 'scan' (an image of a document: a page of its
    own), 'report', 'table', 'media' or 'placeholder'."""
    responsible: str
    """责任者."""
    document_number: str
    """文号, '' when none is read."""
    title: str
    """题名."""
    date: dt.date | None
    titled: bool = False
    """The document's facts give its 文号, or a 题名 that reads as one ('关于…的通知'): they name
    it better than its file name (a first line that is just some text does not)."""
    reason: str = ""
    """Why a placeholder stands for the file (Chinese); '' for a placed file."""
    poster: Path | None = None
    """A video's poster frame (the inspector's JPEG in the thumbnail folder), when it has one."""

    @property
    def name(self) -> str:
        return self.view.file.name


@dataclass(frozen=True)
class Volume:
    """One indicator of the binder and its files in order."""

    category: Category
    view: IndicatorView
    entries: list[Entry]

    @property
    def indicator(self) -> Indicator:
        return self.view.indicator


def volumes(archive: CheckedArchive) -> list[Volume]:
    """Every indicator of the framework, in its order, with its entries."""
    out = []
    for category in archive.framework.categories:
        views = {v.indicator.code: v for v in archive.indicators}
        for indicator in category.indicators:
            view = views.get(indicator.code)
            if view is not None:
                out.append(Volume(category, view, _entries(archive, view)))
    return out


def _entries(archive: CheckedArchive, view: IndicatorView) -> list[Entry]:
    placed: list[tuple[FileView, Standard | None, Requirement | None]] = []
    for standard_view in view.standards:
        for requirement_view in standard_view.requirements:
            files = list(requirement_view.files)
            for group in requirement_view.groups.values():
                files.extend(group)
            placed.extend((f, standard_view.standard, requirement_view.requirement) for f in files)
        placed.extend((f, standard_view.standard, None) for f in standard_view.loose)
    placed.extend((f, None, None) for f in view.loose)
    return [_entry(archive, number, f, standard, requirement)
            for number, (f, standard, requirement) in enumerate(placed, start=1)]


def _entry(archive: CheckedArchive, number: int, view: FileView, standard: Standard | None,
           requirement: Requirement | None) -> Entry:
    placement, reason = placement_of(view)
    department = standard.owner.department if standard is not None else ""
    return Entry(
        number=number, view=view, standard=standard, requirement=requirement,
        placement=placement, reason=reason,
        responsible=f"{archive.unit}{department}" if department and archive.unit else (department or archive.unit),
        document_number=document_number(view), title=title_of(view), date=date_of(view),
        poster=_poster(archive, view) if placement == "media" else None,
        titled=_titled(view),
    )


def _poster(archive: CheckedArchive, view: FileView) -> Path | None:
    name = getattr(view.inspected, "thumbnail", None)
    return archive.thumbs_dir / name if name and archive.thumbs_dir is not None else None


def placement_of(view: FileView) -> tuple[str, str]:
    """How a file goes into the binder, and (for a placeholder) why it cannot."""
    inspected, file = view.inspected, view.file
    if file.hazard is not None:
        return "placeholder", "链接或特殊文件，不读取其内容"
    if inspected is None:
        return "placeholder", "未能检查此文件"
    if inspected.problem is not None:
        return "placeholder", chinese_reason(inspected.problem.reason, inspected.problem.label)
    if isinstance(inspected, InspectedDocument):
        if inspected.format == "OFD":  # not a PDF: its pages can't be merged as they are
            return "placeholder", "OFD 版式文件，不能直接并入装订本；请查看原件，或用 OFD 阅读器另存为 PDF"
        # encrypted with an empty user password: it opens without one and is merged as it is
        if inspected.damage:
            return "placeholder", f"文件结构有损坏（{chinese_reason(inspected.damage, '原因未能读出')}），不能并入装订本"
        if inspected.size > MAX_MERGED_BYTES:
            return "placeholder", f"文件过大（{inspected.size // (1024 * 1024)} MB），不能并入装订本"
        return "pdf", ""
    if isinstance(inspected, InspectedPhoto):
        return ("scan" if view.as_document else "photo"), ""  # a document's page, or a photo
    if isinstance(inspected, InspectedReport):
        if not inspected.text_readable:
            return "placeholder", "此 Word 文件（.doc/.wps）的正文未能读出；请另存为 .docx"
        return "report", ""
    if isinstance(inspected, InspectedTable):
        return ("table", "") if file.suffix in (".xlsx", ".csv") else (
            "placeholder", "旧版表格文件，不能读出内容；请另存为 .xlsx")
    if isinstance(inspected, InspectedMedia):
        return "media", ""
    return "placeholder", "此类文件不能打印"


_TECHNICAL_DETAIL = re.compile(r"[（(]\s*[A-Za-z_][\w.]*(?:Error|Exception|Warning|Exit|Interrupt)\b.*$", re.S)
_ENGLISH_ASIDE = re.compile(r"[（(][^（）()\u4e00-\u9fff]*[A-Za-z]{3}[^（）()\u4e00-\u9fff]*[）)]")
_ASCII_SENTENCE = re.compile(r"[A-Za-z]{3,}(?:\s+[A-Za-z]{2,}){2,}")


def chinese_reason(reason: str, label: str) -> str:
    """A problem's reason as the placeholder page prints it: without the exception's class
    and English message an inspector appends for the developer ('（PdfReadError: …）');
    its Chinese label when nothing Chinese is left."""
    text = _TECHNICAL_DETAIL.sub("", reason or "").strip()
    while _ENGLISH_ASIDE.search(text):  # '（qpdf：xref not found）', innermost first
        text = _ENGLISH_ASIDE.sub("", text)
    if _ASCII_SENTENCE.search(text) or not re.search(r"[\u4e00-\u9fff]", text):
        return label or "文件无法读取"
    return text


def title_of(view: FileView) -> str:
    """题名: the report's title, the title among the document's facts (its text layer, or OCR
    on a scan), else the file's name."""
    inspected = view.inspected
    if isinstance(inspected, InspectedReport) and inspected.title.strip():
        return inspected.title.strip()[:MAX_TITLE_CHARS]
    return _facts_title(view) or _name_without_date(view.file.stem) or view.file.stem


def _titled(view: FileView) -> bool:
    facts = facts_of(view.inspected)
    return bool(facts and facts.title and (facts.number or reads_as_a_title(facts.title)))


def _facts_title(view: FileView) -> str:
    facts = facts_of(view.inspected)
    return facts.title[:MAX_TITLE_CHARS] if facts else ""


def _name_without_date(stem: str) -> str:
    """A name's facts without its date and sequence number; '' for a camera's name (IMG_2034)."""
    parts = naming.name_parts(re.sub(r"^\d{1,3}[-_.、\s]+", "", stem))
    text = "　".join(_closed(p) for p in parts)
    return text if re.search(r"[\u4e00-\u9fff]", text) else ""


def document_number(view: FileView) -> str:
    """文号 ('汕经信〔2016〕12号') among the document's facts, else in its name; '' when none."""
    facts = facts_of(view.inspected)
    return (facts.number if facts else "") or document_number_in(view.file.stem)


def date_of(view: FileView) -> dt.date | None:
    """日期: from the name, else the document's 成文日期 among its facts, else the photo's EXIF
    or the document's creation."""
    named = dates.first_date(view.file.stem)
    if named:
        return named
    facts = facts_of(view.inspected)
    read = dates.iso_date(facts.date) if facts and facts.date else None
    if read:
        return read
    inspected = view.inspected
    if isinstance(inspected, InspectedPhoto):
        return dates.iso_date(inspected.exif_datetime)
    if isinstance(inspected, InspectedDocument):
        return dates.iso_date(inspected.created)
    return None


def caption_of(view: FileView) -> tuple[str, str]:
    """A photo's caption: its date and the place and activity its name states."""
    date = date_of(view)
    return (f"{date.year}年{date.month}月{date.day}日" if date else "",
            "　".join(_closed(p) for p in naming.name_parts(view.file.stem)) or view.file.stem)


def _closed(part: str) -> str:
    """A name's part with the bracket it opens closed again ('两学一做专题（专题辅导' ->
    '…（专题辅导）'): splitting a name strips the brackets at the ends of each part."""
    return part + "）" * max(0, part.count("（") - part.count("）")) + ")" * max(0, part.count("(") - part.count(")"))
