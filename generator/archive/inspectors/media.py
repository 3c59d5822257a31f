"""Video and audio: recognised by extension, checked by their first bytes, not decoded.

The site plays them in the browser's own player; the inspector only makes sure the
file is not empty, not something else under a media name, and not zero-filled (what a
broken copy leaves behind).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from ...framework.params import InspectionLimits
from .common import (
    EMPTY_SHA256,
    Sniffed,
    ext_label,
    empty_problem,
    file_sha256,
    mislabelled_problem,
    read_head,
    sniff_bytes,
)
from .model import InspectedMedia, Problem

AUDIO_EXTENSIONS = {".mp3", ".wav", ".m4a", ".aac", ".wma", ".ogg", ".flac"}
VIDEO_EXTENSIONS = {".mp4", ".mov", ".avi", ".wmv", ".flv", ".mkv", ".m4v", ".webm"}

_MIMES = {
    ".mp4": "video/mp4", ".m4v": "video/mp4", ".mov": "video/quicktime",
    ".avi": "video/x-msvideo", ".wmv": "video/x-ms-wmv", ".flv": "video/x-flv",
    ".mkv": "video/x-matroska", ".webm": "video/webm", ".mp3": "audio/mpeg",
    ".wav": "audio/wav", ".m4a": "audio/mp4", ".aac": "audio/aac",
    ".wma": "audio/x-ms-wma", ".ogg": "audio/ogg", ".flac": "audio/flac",
}
"""Fixed MIME types: `mimetypes` reads the system's tables, which differ between
machines (Windows registry), and the player's type must not."""


def inspect_media(path: Path, thumbs_dir: Path, limits: InspectionLimits | None = None) -> InspectedMedia:
    """What a video or audio file is, from its name and first bytes."""
    size = path.stat().st_size
    media = "audio" if path.suffix.lower() in AUDIO_EXTENSIONS else "video"
    mime = mime_of(path)
    if size == 0:
        return InspectedMedia(kind="media", size=0, sha256=EMPTY_SHA256, problem=empty_problem(),
                              mime=mime, media=media)
    return InspectedMedia(kind="media", size=size, sha256=file_sha256(path), mime=mime, media=media,
                          problem=_content_problem(path))


def mime_of(path: Path) -> str:
    suffix = path.suffix.lower()
    return _MIMES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _content_problem(path: Path) -> Problem | None:
    """A problem when the first bytes are no media container: another known format, text,
    zeros, or bytes no player recognises."""
    head = read_head(path, 4096)
    sniffed = sniff_bytes(head)
    if sniffed is not None:
        return mislabelled_problem(path, sniffed) if sniffed.kind != "media" else None
    if _other_container(head):
        return None
    if not head.strip(b"\x00"):
        return Problem("corrupt", "音视频文件开头全是空字节，文件内容已丢失（常见于复制中断）")
    if is_text(head):
        return mislabelled_problem(path, Sniffed("TEXT", "文本文件", "other"))
    return Problem("corrupt", f"扩展名为 {ext_label(path)}，但文件开头不是可识别的音视频格式"
                              "（MP4/MOV、AVI、MKV、MP3 等的容器标记），播放器无法播放")


# Boxes a QuickTime/MP4 file may start with besides 'ftyp' (old QuickTime writers).
_ISO_BOXES = {b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot", b"uuid"}


def _other_container(head: bytes) -> bool:
    """Media containers sniff_bytes does not name: an MP4/MOV starting without 'ftyp',
    MPEG program and transport streams."""
    if head[4:8] in _ISO_BOXES:
        return True
    if head.startswith(b"\x00\x00\x01\xba"):
        return True
    return len(head) > 188 and head[0] == 0x47 and head[188] == 0x47


def is_text(head: bytes) -> bool:
    """Whether the bytes read as text (UTF-8 or GB18030, no NUL)."""
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut at the end of the sample
                return True
    return False
