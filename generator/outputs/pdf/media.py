"""What the printed binder says of a video or a recording: its length, read from the
MP4/QuickTime header (the 'mvhd' box) without decoding anything. Decoding a first frame
would need FFmpeg, which the binder does not depend on: the page shows a still-sized
frame with the name, length and size instead."""

from __future__ import annotations

import struct
from pathlib import Path

MP4_SUFFIXES = {".mp4", ".m4v", ".mov", ".m4a", ".3gp"}
CONTAINERS = {b"moov"}
MAX_BOXES = 10_000
"""Boxes looked at before giving up: a damaged file must not keep the binder reading."""


def duration_seconds(path: Path) -> float | None:
    """The length of an MP4/QuickTime file in seconds; None for another format or a
    header that does not say (or cannot be read)."""
    if path.suffix.lower() not in MP4_SUFFIXES:
        return None
    try:
        with path.open("rb") as handle:
            end = path.stat().st_size
            return _find_mvhd(handle, 0, end, 0)
    except (OSError, struct.error, ValueError):
        return None


def _find_mvhd(handle, start: int, end: int, seen: int) -> float | None:
    position = start
    while position + 8 <= end and seen < MAX_BOXES:
        seen += 1
        handle.seek(position)
        size, kind = struct.unpack(">I4s", handle.read(8))
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", handle.read(8))[0], 16
        elif size == 0:
            size = end - position
        if size < header:
            return None
        if kind == b"mvhd":
            return _mvhd_duration(handle.read(min(size - header, 32)))
        if kind in CONTAINERS:
            return _find_mvhd(handle, position + header, position + size, seen)
        position += size
    return None


def _mvhd_duration(body: bytes) -> float | None:
    version = body[0]
    if version == 1:
        timescale, duration = struct.unpack(">IQ", body[20:32])
    else:
        timescale, duration = struct.unpack(">II", body[12:20])
    return duration / timescale if timescale else None


def length_text(seconds: float | None) -> str:
    """'3分05秒', '1小时02分', '' when unknown."""
    if seconds is None or seconds < 0:
        return ""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}小时{minutes:02d}分" if hours else f"{minutes}分{secs:02d}秒"


def size_text(size: int) -> str:
    """'12.3 MB', '820 KB'."""
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"
