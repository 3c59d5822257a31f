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
from .layout import Front

BOOKMARK_CHARS = 40


def write_binder(path: Path, front: Front, document: str, placed: Layout, parts: list[Part],
                 jobs: int | None = None) -> int:
    """Write the binder to `path` (atomically); its number of pages."""
    # the stamps first, on the worker processes, while this one does not yet hold the merged pages
    pieces = stamp.stamp_pdfs(_headers(placed, parts), document, front.unit, jobs)
    with ExitStack() as stack, warnings.catch_warnings():
        # pikepdf warns (in English) that an evidence PDF's internal links do not follow its
        # pages: the printed binder does not need them
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning if hasattr(pikepdf, "PageCopyWarning") else Warning)
        out = stack.enter_context(pikepdf.new())
        front_pdf = stack.enter_context(pikepdf.open(_bytes_file(placed.front.pdf)))
        out.pages.extend(front_pdf.pages[:placed.prefix])
        for part, (start, end) in zip(parts, placed.heads):
            out.pages.extend(front_pdf.pages[start:end])
            materials = stack.enter_context(pikepdf.open(part.materials.pdf)) if part.materials.pages else None
            for page in range(part.materials.pages):
                if page in part.evidence:
                    evidence = stack.enter_context(pikepdf.open(part.evidence[page]))
                    out.pages.extend(evidence.pages)
                else:
                    out.pages.append(materials.pages[page])
        index = 0
        for piece in pieces:
            stamps = stack.enter_context(pikepdf.open(_bytes_file(piece)))
            for stamp_page in stamps.pages:
                if index:  # the cover stays bare
                    pikepdf.Page(out.pages[index]).add_overlay(stamp_page)
                index += 1
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


def _headers(placed: Layout, parts: list[Part]) -> list[str]:
    """The header of each page of the binder: nothing on the cover, 目录, then the indicator."""
    headers = [""] + ["目录"] * (placed.prefix - 1)
    for part, (start, end) in zip(parts, placed.heads):
        headers.extend([part.volume.indicator.title] * (end - start + part.materials.final_pages()))
    return headers


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
        standard_item = OutlineItem(_short(f"测评标准 {standard.code}） {standard.text}" if standard.code else f"测评标准 {standard.text}"),
                                    page_of(mine[0]) if mine else heading)
        item.children.append(standard_item)
        for requirement_view in standard_view.requirements:
            requirement = requirement_view.requirement
            files = [e for e in mine if e.requirement is requirement]
            requirement_item = OutlineItem(_short(f"{requirement.label} {requirement.text}"),
                                           page_of(files[0]) if files else heading)
            standard_item.children.append(requirement_item)
            requirement_item.children.extend(OutlineItem(e.name, page_of(e)) for e in files)
        standard_item.children.extend(OutlineItem(e.name, page_of(e)) for e in mine if e.requirement is None)
    item.children.extend(OutlineItem(e.name, page_of(e)) for e in entries if e.standard is None)


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
