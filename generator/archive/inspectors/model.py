"""What the inspectors found in a file: one frozen dataclass per kind of file.

Every result carries the file's size and content hash and, where the file could
not be read, a Problem with its reason. Results travel between processes and
live in the cache as JSON: `to_dict` / `from_dict` round-trip them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

PROBLEMS = {
    "empty": "空文件",
    "corrupt": "文件已损坏",
    "truncated": "文件不完整（被截断）",
    "encrypted": "文件已加密，无法读取",
    "unknown-type": "无法识别的文件类型",
    "mislabelled": "扩展名与实际内容不符",
    "too-large": "图像尺寸过大，拒绝解码",
    "inflated": "解压后异常巨大（疑似压缩炸弹）",
    "unsupported": "格式无法读取内容",
    "unreadable": "无法读取",
}
"""Problem codes and their Chinese label; the reason says more."""


@dataclass(frozen=True)
class Problem:
    """Why a file could not be read (fully)."""

    code: str
    """One of PROBLEMS."""
    reason: str
    """A Chinese sentence for the user, with the detail ('PDF 以密码加密，空密码无法打开')."""

    @property
    def label(self) -> str:
        return PROBLEMS.get(self.code, self.code)


@dataclass(frozen=True)
class Inspected:
    """What every inspector reports, whatever the kind of file."""

    kind: str
    """'photo', 'document', 'report', 'table', 'media' or 'other'."""
    size: int
    """Bytes on disk."""
    sha256: str
    """Hash of the content: finds the same file twice, and identifies a finding's file."""
    problem: Problem | None = None

    @property
    def readable(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class OfficialFacts:
    """What the first pages of an official document (公文) say about it
    (generator.archive.inspectors.official): read by OCR on a scan (hints to verify: the
    result's `ocr_pages` is then above 0) or from page 1's text layer (the document's own
    words); '' where nothing was read."""

    issuer: str = ""
    """发文机关: the red head without its trailing 文件 ('汕尾市经济和信息化局')."""
    number: str = ""
    """文号, normalised to 〔〕: '汕经信〔2016〕12号'."""
    title: str = ""
    date: str = ""
    """成文日期 as ISO 8601 (the last date of the pages read: the one under the signature)."""
    recipient: str = ""
    """主送机关."""

    @property
    def empty(self) -> bool:
        return not (self.issuer or self.number or self.title or self.date)


def facts_of(result: Inspected | None) -> OfficialFacts | None:
    """The official facts a result carries (a PDF or an OFD; a photo of a document may too);
    None when it has none."""
    return getattr(result, "facts", None)


def facts_by_ocr(result: Inspected | None) -> bool:
    """Whether a result's facts were read by OCR on a scan (readings to verify: whoever shows
    them says so) rather than taken from the document's text layer."""
    return facts_of(result) is not None and getattr(result, "ocr_pages", 0) > 0


@dataclass(frozen=True)
class DocumentReading:
    """What was read of a document: OCR of a scan (the first InspectionLimits.ocr_pages pages
    of an image-only PDF, or an image of a document: a paper scanned or photographed and
    saved as JPEG, placed where a document is asked; archive.inspectors.scans), and its facts."""

    ocr_pages: int = 0
    """Pages read by OCR (0: none: a PDF with a text layer, a photo, or OCR off)."""
    ocr_text: str = ""
    """The text OCR read, line by line (at most scans.MAX_OCR_TEXT characters): for search."""
    facts: OfficialFacts | None = None
    """The document's facts, read by OCR on a scan (`ocr_pages` > 0) or from page 1's text
    layer; None when none was read."""


@dataclass(frozen=True)
class InspectedPhoto(DocumentReading, Inspected):
    format: str = ""
    """Pillow's format name ('JPEG', 'PNG', 'HEIF', ...)."""
    width: int = 0
    """Pixels, as shown (EXIF orientation applied)."""
    height: int = 0
    exif_datetime: str | None = None
    """DateTimeOriginal (else DateTime) as ISO 8601, when the EXIF has one."""
    orientation: int | None = None
    """EXIF orientation tag (1-8) as stored."""
    thumbnail: str | None = None
    """File name of the upright JPEG thumbnail in the cache's thumbnail folder."""
    thumb_width: int = 0
    thumb_height: int = 0
    red_seal: bool = False
    """A red unit seal seems to be on it (a table photographed or scanned as an image)."""
    paper_share: float = 0.0
    """Share of the picture that is bare paper (light and colourless, on the thumbnail);
    measured only for an image placed where a document is asked (0.0 elsewhere)."""

    @property
    def looks_like_page(self) -> bool:
        """A page of a document (scanned or photographed flat), not a photo of people or places."""
        return self.paper_share >= PAGE_PAPER_SHARE


PAGE_PAPER_SHARE = 0.65
"""Measured on the thumbnails: 0.94-0.96 on the 30 generated red-header scans, 0.89-0.96 on
the example's scanned table and notice and testdata's G4 fax TIFF; 0.14-0.47 on the
example's 12 activity photos and testdata's photos."""


@dataclass(frozen=True)
class InspectedDocument(DocumentReading, Inspected):
    """A PDF or OFD (official document, scan, table as PDF, report as PDF)."""

    pages: int = 0
    encrypted: bool = False
    """True even when it opened with an empty password."""
    first_page_text: str = ""
    """Text layer of page 1 (at most 2,000 characters); empty for a scan."""
    title: str = ""
    author: str = ""
    created: str | None = None
    """Creation date from the metadata, ISO 8601."""
    preview: str | None = None
    """File name of a JPEG of page 1 in the cache's thumbnail folder."""
    red_seal: bool = False
    """A red unit seal seems to be on page 1 (from its preview)."""
    damage: str = ""
    """What a structural check (qpdf) found wrong in a PDF that still opens, short and in
    Chinese; stricter readers and upload platforms refuse such files. '' when sound."""
    # Whole text (issue 16, reports in every format): a report submitted as PDF or OFD is
    # counted from it like a .docx, and the site's search finds words in it.
    text: str = ""
    """Text layer of the first `InspectionLimits.text_pages` pages (MAX_TEXT_CHARS at most);
    pages end with a newline. Empty for a scan."""
    text_pages: int = 0
    """Pages whose text was read (the page budget or the whole document, whichever is less)."""
    format: str = "PDF"
    """'PDF' or 'OFD' (GB/T 33190)."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = ""
    heading_level: int = 0
    """1-9 for a heading, 0 for body text."""


@dataclass(frozen=True)
class InspectedReport(Inspected):
    """A Word report (.docx read with python-docx; .doc/.wps text read by antiword, no headings)."""

    title: str = ""
    """The first heading or, failing that, the first non-empty paragraph."""
    paragraphs: tuple[Paragraph, ...] = ()
    tables: int = 0
    char_count: int = 0
    """Characters as an official counts them: CJK characters, letters and digits (generator.text)."""
    text_readable: bool = True
    """False when the text was not read: a .doc/.wps saved as RTF/HTML, or antiword missing."""

    @property
    def headings(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.heading_level]


@dataclass(frozen=True)
class InspectedTable(Inspected):
    """A spreadsheet (.xlsx read; .xls/.et/.csv recognised)."""

    sheets: tuple[str, ...] = ()
    rows: int = 0
    """Rows holding any value among the cells read."""
    cells_read: int = 0
    rows_complete: bool = True
    """False when the cell budget (InspectionLimits.xlsx_cells) ended the reading: `rows`
    is then a lower bound."""


@dataclass(frozen=True)
class InspectedMedia(Inspected):
    """Video or audio."""

    mime: str = ""
    media: str = ""
    """'video' or 'audio'."""
    duration: float | None = None
    """Length in seconds: the MP4/QuickTime header's, else frames over frame rate as
    OpenCV's FFmpeg reads them; None when neither says."""
    width: int = 0
    """Pixels of a video's picture as shown (a phone's rotation applied); 0 when unknown."""
    height: int = 0
    thumbnail: str | None = None
    """File name of the poster (an upright JPEG of a frame near the first second) in the
    cache's thumbnail folder; None for audio and for a video OpenCV cannot decode."""
    thumb_width: int = 0
    thumb_height: int = 0


@dataclass(frozen=True)
class InspectedOther(Inspected):
    mime: str = ""


_TYPES = {cls.__name__: cls for cls in (
    Inspected, InspectedPhoto, InspectedDocument, InspectedReport, InspectedTable,
    InspectedMedia, InspectedOther,
)}


def to_dict(result: Inspected) -> dict[str, Any]:
    """A JSON-ready dict of a result, tagged with its type."""
    return {"type": type(result).__name__, **dataclasses.asdict(result)}


def from_dict(data: dict[str, Any]) -> Inspected:
    """The result `to_dict` made; KeyError/TypeError for data of another version."""
    data = dict(data)
    cls = _TYPES[data.pop("type")]
    if data.get("problem"):
        data["problem"] = Problem(**data["problem"])
    if "paragraphs" in data:
        data["paragraphs"] = tuple(Paragraph(**p) for p in data["paragraphs"])
    if data.get("facts"):
        data["facts"] = OfficialFacts(**data["facts"])
    for key in ("sheets",):
        if key in data:
            data[key] = tuple(data[key])
    return cls(**data)
