"""What every inspector needs: the inspector version, content hashing, signature
sniffing, atomic writes of thumbnails and the Chinese wording of common problems.

Kept apart from `__init__` so the per-kind modules can import it without a cycle.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .model import Problem

INSPECTOR_VERSION = 11
"""Bump when what any inspector reports changes: cached results and thumbnails of
another version are ignored (they are keyed by it)."""

THUMB_SIZE = 360
"""Long side in pixels of photo thumbnails and PDF previews: a gallery cell is about
250 CSS pixels wide, and a page of 100 photos must stay light (the originals are one
click away in the lightbox)."""

THUMB_QUALITY = 75
"""JPEG quality of thumbnails and previews."""

SNIFF_BYTES = 2048
"""How much of a file's head the signature sniffing reads."""

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


@dataclass(frozen=True)
class Sniffed:
    """What a file's first bytes say it is."""

    name: str
    """Short technical name ('JPEG', 'PDF', 'ZIP', 'OLE')."""
    label: str
    """How the user calls it, in Chinese ('JPEG 图像')."""
    kind: str
    """The inspector kind that reads it ('photo', 'document', ...), 'other' if none."""


def _riff(head: bytes) -> Sniffed | None:
    form = head[8:12]
    if form == b"WEBP":
        return Sniffed("WEBP", "WebP 图像", "photo")
    if form == b"AVI ":
        return Sniffed("AVI", "AVI 视频", "media")
    if form == b"WAVE":
        return Sniffed("WAV", "WAV 音频", "media")
    return None


_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs",
                b"mif1", b"msf1", b"avif", b"avis"}


def _iso_media(head: bytes) -> Sniffed | None:
    """ISO base media (ftyp box at offset 4): HEIF photos, MP4/MOV video, M4A audio."""
    brand = head[8:12]
    if brand in _HEIF_BRANDS:
        return Sniffed("HEIF", "HEIF 图像", "photo")
    if brand in (b"M4A ", b"M4B ", b"M4P "):
        return Sniffed("M4A", "M4A 音频", "media")
    if brand == b"qt  ":
        return Sniffed("MOV", "QuickTime 视频", "media")
    return Sniffed("MP4", "MP4 视频", "media")


# Fixed signatures at offset 0, longest first where they share a prefix.
_SIGNATURES: tuple[tuple[bytes, Sniffed], ...] = (
    (b"\xff\xd8\xff", Sniffed("JPEG", "JPEG 图像", "photo")),
    (b"\x89PNG\r\n\x1a\n", Sniffed("PNG", "PNG 图像", "photo")),
    (b"GIF87a", Sniffed("GIF", "GIF 图像", "photo")),
    (b"GIF89a", Sniffed("GIF", "GIF 图像", "photo")),
    (b"II*\x00", Sniffed("TIFF", "TIFF 图像", "photo")),
    (b"MM\x00*", Sniffed("TIFF", "TIFF 图像", "photo")),
    (b"II+\x00", Sniffed("TIFF", "TIFF 图像", "photo")),
    (b"%PDF-", Sniffed("PDF", "PDF 文件", "document")),
    (b"PK\x03\x04", Sniffed("ZIP", "ZIP 压缩包（或 Office 2007 及以后的文档）", "other")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     Sniffed("OLE", "OLE 复合文档（旧版 Office 文件或加密的 Office 文件）", "other")),
    (b"{\\rtf", Sniffed("RTF", "RTF 文档", "report")),
    (b"Rar!\x1a\x07", Sniffed("RAR", "RAR 压缩包", "other")),
    (b"7z\xbc\xaf\x27\x1c", Sniffed("7Z", "7z 压缩包", "other")),
    (b"\x1f\x8b", Sniffed("GZIP", "gzip 压缩文件", "other")),
    (b"\x1a\x45\xdf\xa3", Sniffed("MKV", "Matroska/WebM 视频", "media")),
    (b"OggS", Sniffed("OGG", "Ogg 音频", "media")),
    (b"ID3", Sniffed("MP3", "MP3 音频", "media")),
    (b"FLV\x01", Sniffed("FLV", "FLV 视频", "media")),
    (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", Sniffed("ASF", "Windows Media 音视频", "media")),
    (b"fLaC", Sniffed("FLAC", "FLAC 音频", "media")),
)


def sniff_bytes(head: bytes) -> Sniffed | None:
    """What a file's first bytes say it is; None when they match no known signature."""
    for signature, sniffed in _SIGNATURES:
        if head.startswith(signature):
            return sniffed
    if head.startswith(b"RIFF"):
        return _riff(head)
    if head[4:8] == b"ftyp":
        return _iso_media(head)
    if head[:2] == b"BM" and head[6:10] == b"\x00\x00\x00\x00":
        return Sniffed("BMP", "BMP 图像", "photo")
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0:
        return Sniffed("AAC", "AAC 音频", "media")
    if len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return Sniffed("MP3", "MP3 音频", "media")
    if b"%PDF-" in head[:1024]:
        # PDF readers accept junk before the header within the first kilobyte.
        return Sniffed("PDF", "PDF 文件", "document")
    return None


def read_head(path: Path, size: int = SNIFF_BYTES) -> bytes:
    """The first `size` bytes of a file (fewer for a shorter file)."""
    with path.open("rb") as fh:
        return fh.read(size)


def sniff(path: Path) -> Sniffed | None:
    """What a file's content says it is, from its first bytes only."""
    return sniff_bytes(read_head(path))


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    """SHA-256 of a file, read in chunks so a large video never sits in memory."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def contains_utf16(path: Path, name: str, chunk: int = 1 << 20) -> bool:
    """Whether a UTF-16LE name (an OLE directory entry) occurs anywhere in the file."""
    needle = name.encode("utf-16-le")
    tail = b""
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            if needle in tail + block:
                return True
            tail = block[-len(needle):]
    return False


def thumb_name(sha256: str, suffix: str = "") -> str:
    """File name of a thumbnail: the content hash and the inspector version, so the same
    content shares one thumbnail and a version bump never reuses an old one."""
    return f"{sha256}-v{INSPECTOR_VERSION}{suffix}.jpg"


def write_atomic(target: Path, write: Callable[[Path], None]) -> None:
    """Write `target` through a temporary file in the same folder, then rename it over:
    two processes writing the same file never leave a half-written one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        # mkstemp makes the file private (0600); a thumbnail must be readable by the web
        # server that serves the site on the intranet, like any file the build writes.
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def extension(path: Path) -> str:
    """The lower-case extension with its dot ('.jpg'), '' for none."""
    return path.suffix.lower()


def ext_label(path: Path) -> str:
    """The extension as shown in a reason ('.JPG' stays as the user typed it)."""
    return path.suffix or "（无扩展名）"


def empty_problem() -> Problem:
    return Problem("empty", "文件大小为 0 字节，没有任何内容")


def mislabelled_problem(path: Path, sniffed: Sniffed) -> Problem:
    return Problem(
        "mislabelled",
        f"扩展名为 {ext_label(path)}，但文件内容实际是 {sniffed.label}，请按实际格式重新保存或改正扩展名",
    )


_QUOTED_PATH = re.compile(r"""(['"])(?:/|[A-Za-z]:[\\/]|\\\\)(?:[^'"]*[\\/])?([^'"\\/]*)\1""")


def error_detail(exc: BaseException) -> str:
    """The technical detail of an exception for a reason: '（PdfReadError: ...）'.

    Quoted absolute paths in the message keep only the file name: the reason is shown
    on the site, which must not reveal the folders of the machine that built it.
    """
    text = _QUOTED_PATH.sub(r"\1\2\1", str(exc)).strip().replace("\n", " ")
    if len(text) > 160:
        text = text[:157] + "..."
    return f"（{type(exc).__name__}{': ' + text if text else ''}）"


OLE_STREAMS = (
    ("WordDocument", "旧版 Word 文档（.doc）"),
    ("Workbook", "旧版 Excel 工作簿（.xls）"),
    ("Book", "旧版 Excel 工作簿（.xls）"),
    ("PowerPoint Document", "旧版 PowerPoint 演示文稿（.ppt）"),
)
"""Streams that tell a legacy Office file inside an OLE container, with its label."""

OFFICE_NAMES = {"report": "Word 文档", "table": "Excel 工作簿"}


def office_container_problem(path: Path, kind: str) -> Problem | None:
    """Why an Office 2007+ file (.docx/.xlsx, a ZIP package) can't be opened as one,
    judged from its bytes before any parser runs; None when it is a readable ZIP.

    An encrypted .docx/.xlsx is an OLE container holding an 'EncryptedPackage' stream
    (python-docx only says 'Package not found'); a legacy .doc/.xls renamed to .docx/.xlsx
    is an OLE container too, told apart by its main stream.
    """
    name = OFFICE_NAMES[kind]
    head = read_head(path)
    sniffed = sniff_bytes(head)
    if sniffed is not None and sniffed.name == "OLE":
        if not contains_utf16(path, "EncryptedPackage"):
            for stream, label in OLE_STREAMS:
                if contains_utf16(path, stream):
                    return mislabelled_problem(path, Sniffed("OLE", label, "other"))
        return Problem("encrypted", f"{name}受密码保护（加密的 Office 文件），无法读取内容；请取消密码后重新保存")
    if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        if sniffed is not None:
            return mislabelled_problem(path, sniffed)
        return Problem("corrupt", f"不是有效的{name}：文件头不是 ZIP 格式（Office 2007 及以后的文档都是 ZIP 包）")
    if not zipfile.is_zipfile(path):
        return Problem("truncated", f"{name}不完整：ZIP 包缺少中央目录，文件可能在复制或下载时被截断")
    return None
