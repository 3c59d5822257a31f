"""Laying out the binder: each indicator's document (heading, 卷内目录, materials) on the
worker processes and kept between runs when unchanged, the front matter (cover, contents)
once, and where every page and every page number lands in the binder.
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

from . import layout, pictures, render
from .catalogue import Entry, Volume

log = logging.getLogger(__name__)

LAYOUT_VERSION = "2"
"""Part of each kept indicator's key: change it when the materials' layout changes."""


@dataclass(frozen=True)
class Box:
    """An empty box a page number is written into: its anchor, page and place in points
    (right edge, baseline from the page's top; its height is the font size)."""

    anchor: str
    page: int
    right: float
    baseline: float
    size: float


def boxes_of(rendered: render.Rendered, prefix: str) -> list[Box]:
    """The number boxes (anchors starting with one of `prefix`) of a laid-out document."""
    return [Box(name, page, box[2] * render.PX, box[3] * render.PX, (box[3] - box[1]) * render.PX)
            for page, anchors in enumerate(rendered.anchors) for name, box in anchors.items()
            if name[:1] in prefix and name[1:].isdigit()]


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
    boxes: list[Box] = field(default_factory=list)
    """Where the 卷内目录's 页号 go (box 'n7': entry 7)."""
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
    placeholder), then lay out the indicator or take it from the cache."""
    entries, photos, tables, evidence_pages = [], {}, {}, {}
    for entry in volume.entries:
        entry = _readied(entry, cache, photos, tables, evidence_pages)
        entries.append(entry)
    volume = dataclasses.replace(volume, entries=entries)
    html = layout.indicator_html(volume, edition, photos, tables)
    key = _key(html, evidence_pages)
    materials = _kept(cache, key) or _lay_out(html, cache, key, evidence_pages)
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
        elif entry.placement in ("photo", "scan"):
            sha = entry.view.inspected.sha256 if entry.view.inspected else ""
            side = pictures.SCAN_LONG_SIDE if entry.placement == "scan" else pictures.PRINT_LONG_SIDE
            photos[entry.number] = pictures.print_copy(file.abs_path, sha, cache / "photos", side)
        elif entry.placement == "table":
            tables[entry.number] = layout.table_rows(file.abs_path)
        elif entry.placement == "media" and entry.poster is not None:
            _poster_copy(entry, cache, photos)
    except pikepdf.PasswordError:
        evidence_pages.pop(entry.number, None)
        return dataclasses.replace(entry, placement="placeholder", reason="PDF 已用密码加密，需要密码才能打开，不能并入装订本")
    except Exception:  # noqa: BLE001 - whatever a bad file raises, it becomes a placeholder page (in Chinese)
        evidence_pages.pop(entry.number, None)
        what = {"pdf": "PDF 结构损坏，无法打开，不能并入装订本", "photo": "照片无法解码，不能放入装订本",
                "scan": "图片无法解码，不能放入装订本",
                "table": "表格内容无法读出，不能放入装订本", "media": "视频或音频文件无法读取"}[entry.placement]
        return dataclasses.replace(entry, placement="placeholder", reason=what)
    return entry


def _poster_copy(entry: Entry, cache: Path, photos: dict) -> None:
    """The print copy of a video's poster frame, beside the photos' copies; none when the
    poster is gone (a cleared thumbnail folder): the page then shows the dark frame."""
    try:
        photos[entry.number] = pictures.print_copy(entry.poster, entry.poster.stem, cache / "photos")
    except (OSError, ValueError) as exc:
        log.debug("no print copy of the poster of %s: %r", entry.name, exc)


def _key(html: str, evidence_pages: dict[int, int]) -> str:
    """What the laid-out indicator depends on: its HTML (which names each photo's print copy
    by its content) and the pages each evidence PDF takes."""
    facts = [LAYOUT_VERSION, html, sorted(evidence_pages.items())]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def _kept(cache: Path, key: str) -> Materials | None:
    pdf, facts = cache / "materials" / f"{key}.pdf", cache / "materials" / f"{key}.json"
    try:
        data = json.loads(facts.read_text(encoding="utf-8"))
        if not pdf.is_file():
            return None
        return Materials(pdf, data["pages"], {int(k): v for k, v in data["anchors"].items()},
                         {int(k): v for k, v in data["slots"].items()}, [Box(*b) for b in data["boxes"]],
                         reused=True)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _lay_out(html: str, cache: Path, key: str, evidence_pages: dict[int, int]) -> Materials:
    rendered = render.render(html)
    anchors = {int(name[1:]): page for page, names in enumerate(rendered.anchors) for name in names
               if name[:1] == "e" and name[1:].isdigit()}
    slots = {anchors[n]: count for n, count in evidence_pages.items() if n in anchors}
    boxes = boxes_of(rendered, "n")
    folder = cache / "materials"
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"{key}.pdf"
    _write_atomic(pdf, rendered.pdf)
    _write_atomic(folder / f"{key}.json", json.dumps(
        {"pages": rendered.pages, "anchors": anchors, "slots": slots,
         "boxes": [dataclasses.astuple(b) for b in boxes]}).encode("utf-8"))
    return Materials(pdf, rendered.pages, anchors, slots, boxes)


def _write_atomic(path: Path, data: bytes) -> None:
    partial = path.with_suffix(f"{path.suffix}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, path)


@dataclass
class Layout:
    """The front matter laid out, and where everything lands in the binder."""

    front: render.Rendered
    starts: list[int]
    """Per indicator: its first page in the binder (from 0)."""
    numbers: dict[str, int]
    """Anchor -> page number in the binder (from 1): 'h3' (heading of indicator 3),
    'e3-7' (its entry 7), 'contents'."""
    total: int
    boxes: list[tuple[int, Box, str]]
    """(page of the binder, box, the number written in it): contents and 卷内目录."""

    @property
    def prefix(self) -> int:
        """Pages of cover and contents."""
        return self.front.pages


def lay_out_front(front: layout.Front, parts: list[Part]) -> Layout:
    """Cover and contents, laid out once (their numbers are written in later), and the place
    of everything in the binder."""
    rendered = render.render(layout.front_html(front, [p.volume for p in parts]))
    rendered.pdf  # written now, and its layout let go before the evidence is merged
    numbers = {"contents": (rendered.page_of("contents") or 0) + 1}
    starts, boxes, position = [], [], rendered.pages
    for index, part in enumerate(parts):
        starts.append(position)
        numbers[f"h{index}"] = position + 1
        materials = part.materials
        for number, page in materials.anchors.items():
            numbers[f"e{index}-{number}"] = position + materials.offset(page) + 1
        for box in materials.boxes:
            boxes.append((position + materials.offset(box.page), box, str(numbers.get(f"e{index}-{box.anchor[1:]}", ""))))
        position += materials.final_pages()
    for box in boxes_of(rendered, "ck"):
        boxes.append((box.page, box, str(numbers[f"h{box.anchor[1:]}"])))
    return Layout(rendered, starts, numbers, position, boxes)
