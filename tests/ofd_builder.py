"""Real OFD files (GB/T 33190-2016) built part by part, as an OFD producer writes them:
OFD.xml -> Doc_0/Document.xml (CommonData with PageArea, PublicRes, DocumentRes; Pages) ->
Doc_0/Pages/Page_N/Content.xml (Layer of TextObject/TextCode and ImageObject), fonts in
Doc_0/PublicRes.xml, images in Doc_0/DocumentRes.xml and Doc_0/Res/. Element and
attribute names are the standard's (namespace http://www.ofdspec.org/2016)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

NS = "http://www.ofdspec.org/2016"


@dataclass
class Line:
    text: str
    x: float = 25.0
    y: float = 40.0
    size: float = 5.0
    color: str = "0 0 0"


@dataclass
class Picture:
    png: bytes
    boundary: str = "140 230 40 40"


@dataclass
class Page:
    lines: list[Line] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode("utf-8")


def ofd_parts(pages: list[Page], title: str = "", created: str = "2017-10-30") -> dict[str, bytes]:
    """The parts of a one-document OFD, by their path in the package."""
    parts = {
        "OFD.xml": _xml(
            f'<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
            f'<ofd:DocID>6d3e3c5a0f7b4f3e9a1c2b3d4e5f6a7b</ofd:DocID><ofd:Title>{escape(title)}</ofd:Title>'
            f'<ofd:Author>汕尾市经济和信息化局</ofd:Author><ofd:CreationDate>{created}</ofd:CreationDate>'
            '</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>'),
        "Doc_0/PublicRes.xml": _xml(
            f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'),
    }
    media, next_id = [], 100
    page_refs = []
    for index, page in enumerate(pages):
        objects = []
        for line in page.lines:
            next_id += 1
            objects.append(
                f'<ofd:TextObject ID="{next_id}" Boundary="{line.x} {line.y - line.size} 170 {line.size * 1.5}" '
                f'Font="2" Size="{line.size}"><ofd:FillColor Value="{line.color}"/>'
                f'<ofd:TextCode X="0" Y="{line.size}">{escape(line.text)}</ofd:TextCode></ofd:TextObject>')
        for picture in page.pictures:
            next_id += 1
            resource = next_id
            media.append((resource, f"image_{resource}.png", picture.png))
            next_id += 1
            objects.append(f'<ofd:ImageObject ID="{next_id}" ResourceID="{resource}" '
                           f'Boundary={quoteattr(picture.boundary)} CTM="40 0 0 40 0 0"/>')
        parts[f"Doc_0/Pages/Page_{index}/Content.xml"] = _xml(
            f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="{index + 10}">{"".join(objects)}'
            '</ofd:Layer></ofd:Content></ofd:Page>')
        page_refs.append(f'<ofd:Page ID="{index + 1}" BaseLoc="Pages/Page_{index}/Content.xml"/>')
    document_res = ""
    if media:
        parts["Doc_0/DocumentRes.xml"] = _xml(
            f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:MultiMedias>' + "".join(
                f'<ofd:MultiMedia ID="{rid}" Type="Image"><ofd:MediaFile>{name}</ofd:MediaFile></ofd:MultiMedia>'
                for rid, name, _ in media) + '</ofd:MultiMedias></ofd:Res>')
        for _, name, data in media:
            parts[f"Doc_0/Res/{name}"] = data
        document_res = "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
    parts["Doc_0/Document.xml"] = _xml(
        f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:MaxUnitID>{next_id}</ofd:MaxUnitID>'
        '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
        f'<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{document_res}</ofd:CommonData>'
        f'<ofd:Pages>{"".join(page_refs)}</ofd:Pages></ofd:Document>')
    return parts


def zip_parts(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(zipfile.ZipInfo(name, date_time=(2017, 10, 30, 16, 30, 0)), data)
    return out.getvalue()


def make_ofd(pages: list[Page], title: str = "") -> bytes:
    return zip_parts(ofd_parts(pages, title))


def report_pages(paragraphs: list[str], per_page: int = 20, width: int = 38) -> list[Page]:
    """Paragraphs laid out as lines of `width` characters, `per_page` lines a page."""
    lines = [p[i:i + width] for p in paragraphs for i in range(0, max(len(p), 1), width)]
    return [Page([Line(text, y=30 + 12 * row) for row, text in enumerate(lines[start:start + per_page])])
            for start in range(0, len(lines), per_page)]
