"""Putting the binder together: materials laid out per indicator (kept between runs when
unchanged), the front matter laid out twice (once to measure, once with the page numbers),
evidence PDFs merged with their own pages, then bookmarks, page labels, header and footer.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from . import layout, pictures, render, stamp
from .catalogue import Entry, Volume

log = logging.getLogger(__name__)

LAYOUT_VERSION = "1"
"""Part of each kept indicator's key: change it when the materials' layout changes."""


@dataclass
class Materials:
    """One indicator's laid-out materials."""

    pdf: Path
    pages: int
    """Pages of the laid-out document (each evidence PDF counted as its one slot page)."""
    anchors: dict[int, int]
    """Entry number -> page of the laid-out document where it starts."""
    slots: dict[int, int]
    """Slot page -> pages of the evidence PDF that replaces it."""
    reused: bool = False

    def final_pages(self) -> int:
        return self.pages + sum(n - 1 for n in self.slots.values())

    def offset(self, page: int) -> int:
        """Where a page of the laid-out document lands once the slots before it are expanded."""
        return page + sum(n - 1 for slot, n in self.slots.items() if slot < page)


@dataclass
class Part:
    """One indicator as it goes into the binder."""

    volume: Volume
    materials: Materials
    evidence: dict[int, Path] = field(default_factory=dict)
    """Slot page -> the evidence PDF merged there."""


def prepare_all(volumes: list[Volume], cache: Path, edition: str, jobs: int | None = None) -> list[Part]:
    """Every indicator prepared, on `jobs` processes (default: every core): the photos' print
    copies and WeasyPrint's layout are the binder's costs and indicators don't share them.
    The biggest indicators go first so the cores finish together."""
    workers = min(jobs or os.cpu_count() or 1, len(volumes))
    if workers <= 1:
        return [prepare(volume, cache, edition) for volume in volumes]
    order = sorted(range(len(volumes)), key=lambda i: -len(volumes[i].entries))
    photos = [(e.view.file.abs_path, e.view.inspected.sha256) for v in volumes for e in v.entries
              if e.placement == "photo" and e.view.inspected]
    parts: dict[int, Part] = {}
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver")) as pool:
            # the print copies first, spread evenly: one indicator often holds most of the photos
            list(pool.map(_print_copy_quietly, photos, [cache / "photos"] * len(photos), chunksize=16))
            futures = {i: pool.submit(prepare, volumes[i], cache, edition) for i in order}
            for i, future in futures.items():
                parts[i] = future.result()
    except BrokenProcessPool:
        log.warning("排版装订本的一个子进程意外退出，其余材料改在主进程中排版（会慢一些）")
    return [parts[i] if i in parts else prepare(volumes[i], cache, edition) for i in range(len(volumes))]


def _print_copy_quietly(photo: tuple[Path, str], folder: Path) -> None:
    """Make a print copy ahead; a photo that fails is met again (and named) in `prepare`."""
    try:
        pictures.print_copy(photo[0], photo[1], folder)
    except Exception:  # noqa: BLE001 - reported where the photo is placed
        pass


def prepare(volume: Volume, cache: Path, edition: str) -> Part:
    """Check each evidence PDF opens and each photo and table reads (else it becomes a
    placeholder), then lay out the materials or take them from the cache."""
    entries, photos, tables, evidence_pages = [], {}, {}, {}
    for entry in volume.entries:
        entry = _readied(entry, cache, photos, tables, evidence_pages)
        entries.append(entry)
    volume = dataclasses.replace(volume, entries=entries)
    key = _key(volume, edition, evidence_pages)
    materials = _kept(cache, key) or _lay_out(volume, cache, key, photos, tables, evidence_pages)
    evidence = {page: volume.entries[number - 1].view.file.abs_path
                for number, page in materials.anchors.items() if number in evidence_pages}
    return Part(volume, materials, evidence)


def _readied(entry: Entry, cache: Path, photos: dict, tables: dict, evidence_pages: dict) -> Entry:
    file = entry.view.file
    try:
        if entry.placement == "pdf":
            with pikepdf.open(file.abs_path) as pdf:
                evidence_pages[entry.number] = len(pdf.pages)
            if not evidence_pages[entry.number]:
                raise ValueError("no pages")
        elif entry.placement == "photo":
            sha = entry.view.inspected.sha256 if entry.view.inspected else ""
            photos[entry.number] = pictures.print_copy(file.abs_path, sha, cache / "photos")
        elif entry.placement == "table":
            tables[entry.number] = layout.table_rows(file.abs_path)
    except pikepdf.PasswordError:
        evidence_pages.pop(entry.number, None)
        return dataclasses.replace(entry, placement="placeholder", reason="文件已加密，不能并入装订本")
    except Exception as error:  # noqa: BLE001 - whatever a bad file raises, it becomes a placeholder page
        evidence_pages.pop(entry.number, None)
        what = {"pdf": "PDF 无法打开", "photo": "照片无法解码", "table": "表格内容无法读出"}[entry.placement]
        return dataclasses.replace(entry, placement="placeholder", reason=f"{what}（{type(error).__name__}）")
    return entry


def _key(volume: Volume, edition: str, evidence_pages: dict[int, int]) -> str:
    """What the laid-out materials depend on: the layout, and each file's content and place."""
    facts = [LAYOUT_VERSION, layout.CSS, edition, volume.indicator.code]
    for entry in volume.entries:
        inspected = entry.view.inspected
        facts.append([entry.number, entry.view.file.rel_path, inspected.sha256 if inspected else "",
                      entry.placement, entry.reason, entry.title, str(entry.date),
                      entry.standard.code if entry.standard else None,
                      entry.requirement.code if entry.requirement else None,
                      evidence_pages.get(entry.number)])
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def _kept(cache: Path, key: str) -> Materials | None:
    pdf, facts = cache / "materials" / f"{key}.pdf", cache / "materials" / f"{key}.json"
    try:
        data = json.loads(facts.read_text(encoding="utf-8"))
        if not pdf.is_file():
            return None
        return Materials(pdf, data["pages"], {int(k): v for k, v in data["anchors"].items()},
                         {int(k): v for k, v in data["slots"].items()}, reused=True)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _lay_out(volume: Volume, cache: Path, key: str, photos: dict, tables: dict,
             evidence_pages: dict[int, int]) -> Materials:
    rendered = render.render(layout.materials_html(volume.entries, photos, tables))
    anchors = {e.number: rendered.page_of(f"e{e.number}") for e in volume.entries}
    anchors = {n: p for n, p in anchors.items() if p is not None}
    slots = {anchors[n]: count for n, count in evidence_pages.items() if n in anchors}
    # with no entries the document is one empty page: nothing of it goes into the binder
    pages = rendered.pages if volume.entries else 0
    folder = cache / "materials"
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"{key}.pdf"
    _write_atomic(pdf, rendered.pdf)
    _write_atomic(folder / f"{key}.json", json.dumps(
        {"pages": pages, "anchors": anchors, "slots": slots}).encode("utf-8"))
    return Materials(pdf, pages, anchors, slots)


def _write_atomic(path: Path, data: bytes) -> None:
    partial = path.with_suffix(f"{path.suffix}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, path)


@dataclass
class Layout:
    """The front matter laid out, and where everything lands in the binder."""

    front: render.Rendered
    heads: list[tuple[int, int]]
    """Per indicator: the front matter's pages [start, end) of its heading page and 卷内目录."""
    prefix: int
    """Pages of cover and contents."""
    numbers: dict[str, int]
    """Anchor -> page number in the binder (from 1): 'h3', 'e3-7', 'contents'."""
    total: int


def lay_out_front(front: layout.Front, parts: list[Part]) -> Layout:
    """The front matter with its page numbers right: measured, numbered and laid out again
    until the numbers no longer move a page (once in practice: the number columns are of
    fixed width). Only the last layout is written."""
    volumes = [p.volume for p in parts]
    measured = render.render(layout.front_html(front, volumes, None))
    for _ in range(3):
        placed = _place(measured, parts)
        again = render.render(layout.front_html(front, volumes, placed.numbers))
        if again.anchors == measured.anchors:
            del measured
            again.pdf  # written now, and its layout let go before the evidence is merged
            placed.front = again
            return placed
        measured = again
    placed = _place(measured, parts)
    measured.pdf
    placed.front = measured
    return placed


def _place(rendered: render.Rendered, parts: list[Part]) -> Layout:
    starts = [rendered.page_of(f"h{i}") for i in range(len(parts))]
    prefix = starts[0] if starts else rendered.pages
    heads = [(start, starts[i + 1] if i + 1 < len(starts) else rendered.pages) for i, start in enumerate(starts)]
    numbers = {"contents": (rendered.page_of("contents") or 0) + 1}
    position = prefix
    for index, (part, (start, end)) in enumerate(zip(parts, heads)):
        numbers[f"h{index}"] = position + 1
        numbers[f"d{index}"] = position + 1 + ((rendered.page_of(f"d{index}") or start) - start)
        position += end - start
        for number, page in part.materials.anchors.items():
            numbers[f"e{index}-{number}"] = position + part.materials.offset(page) + 1
        position += part.materials.final_pages()
    return Layout(rendered, heads, prefix, numbers, position)
