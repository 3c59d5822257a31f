"""The binder's pages in order, merged (pikepdf: evidence PDFs keep their own pages), with
nested bookmarks (category -> indicator -> standard -> requirement -> document), page
labels, and the header and footer laid over every page."""

from __future__ import annotations

import os
import warnings
from contextlib import ExitStack
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem

from . import stamp
from .book import Layout, Part
from .catalogue import Entry
from .layout import Front

BOOKMARK_CHARS = 40


def write_binder(path: Path, front: Front, document: str, placed: Layout, parts: list[Part]) -> int:
    """Write the binder to `path` (atomically); its number of pages."""
    with ExitStack() as stack, warnings.catch_warnings():
        # pikepdf's warnings are English and about the evidence's own structure: not the user's
        warnings.simplefilter("ignore")
        out = stack.enter_context(pikepdf.new())
        front_pdf = stack.enter_context(pikepdf.open(_bytes_file(placed.front.pdf)))
        out.pages.extend(front_pdf.pages)
        headers = ["", *["目录"] * (placed.prefix - 1)]
        merged: set[int] = set()
        for part in parts:
            materials = stack.enter_context(pikepdf.open(part.materials.pdf))
            for page in range(part.materials.pages):
                if page in part.evidence:
                    evidence = stack.enter_context(pikepdf.open(part.evidence[page]))
                    # with its named destinations, so its own links still lead to its pages;
                    # its bookmarks are left out (the binder's name it)
                    first = len(out.pages)
                    out.add_pages_from(evidence, outlines="ignore")
                    merged.update(range(first, len(out.pages)))
                else:
                    out.pages.append(materials.pages[page])
            headers.extend([part.volume.indicator.title] * part.materials.final_pages())
        stamp.stamp(out, _stamps(placed, headers, document, front.unit), merged)
        _bookmarks(out, placed, parts)
        _labels(out)
        _metadata(out, document, front.unit)
        partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            out.save(partial, object_stream_mode=pikepdf.ObjectStreamMode.generate)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        return len(out.pages)


def _stamps(placed: Layout, headers: list[str], document: str, unit: str) -> list[list[stamp.Text]]:
    """What is written on each page: nothing on the cover; on every other page its header
    and footer, and the page numbers of the contents and the 卷内目录 where they go."""
    total = len(headers)
    lines = [[] if number == 1 else stamp.header_and_footer(number, total, header, document, unit)
             for number, header in enumerate(headers, start=1)]
    for page, box, text in placed.boxes:
        if text and 0 <= page < total:
            lines[page].append(stamp.Text(text, box.right, box.baseline, box.size, "right", 0))
    return lines


def _bytes_file(data: bytes):
    import io

    return io.BytesIO(data)


def _bookmarks(out: pikepdf.Pdf, placed: Layout, parts: list[Part]) -> None:
    numbers = placed.numbers
    with out.open_outline() as outline:
        outline.root.append(OutlineItem("目录", numbers["contents"] - 1))
        category_item, category = None, None
        for index, part in enumerate(parts):
            volume = part.volume
            heading = numbers[f"h{index}"] - 1
            if volume.category.name != category:
                category = volume.category.name
                category_item = OutlineItem(category, heading)
                outline.root.append(category_item)
            indicator_item = OutlineItem(volume.indicator.title, heading)
            category_item.children.append(indicator_item)
            _indicator_bookmarks(indicator_item, index, part, numbers, heading)


def _indicator_bookmarks(item: OutlineItem, index: int, part: Part, numbers: dict[str, int], heading: int) -> None:
    def page_of(entry) -> int:
        return numbers.get(f"e{index}-{entry.number}", heading + 1) - 1

    entries = part.volume.entries
    for standard_view in part.volume.view.standards:
        standard = standard_view.standard
        mine = [e for e in entries if e.standard is standard]
        children = []
        for requirement_view in standard_view.requirements:
            requirement = requirement_view.requirement
            files = [e for e in mine if e.requirement is requirement]
            # a requirement without files is found on the heading page, which lists it
            requirement_item = OutlineItem(_short(f"{requirement.label} {requirement.text}"),
                                           page_of(files[0]) if files else heading)
            requirement_item.children.extend(OutlineItem(_file_bookmark(e), page_of(e)) for e in files)
            children.append(requirement_item)
        children += [OutlineItem(_file_bookmark(e), page_of(e)) for e in mine if e.requirement is None]
        # a standard opens where its first part does: never after one of its own requirements
        standard_item = OutlineItem(_short(f"测评标准 {standard.code}） {standard.text}" if standard.code
                                           else f"测评标准 {standard.text}"),
                                    min((child.destination for child in children), default=heading))
        standard_item.children.extend(children)
        item.children.append(standard_item)
    item.children.extend(OutlineItem(_file_bookmark(e), page_of(e)) for e in entries if e.standard is None)


def _file_bookmark(entry: Entry) -> str:
    """A file's bookmark: '文号 题名' where the document's facts name it ('汕经信〔2016〕155号
    关于…的通知': what an officer looks for), else its file name (also for a file whose page
    only names it: the placeholder says which file to look at)."""
    if not entry.titled or entry.placement == "placeholder":
        return entry.name
    return _short(" ".join(part for part in (entry.document_number, entry.title) if part))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= BOOKMARK_CHARS else text[:BOOKMARK_CHARS - 1] + "…"


def _labels(out: pikepdf.Pdf) -> None:
    """The cover is labelled 封面; every other page by its number in the binder, as printed."""
    out.Root.PageLabels = Dictionary(Nums=Array([
        0, Dictionary(P=pikepdf.String("封面")),
        1, Dictionary(S=Name.D, St=2),
    ]))


def _metadata(out: pikepdf.Pdf, document: str, unit: str) -> None:
    out.Root.Lang = pikepdf.String("zh-CN")
    out.Root.PageMode = Name.UseOutlines
    with out.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = document
        meta["dc:creator"] = [unit] if unit else []
