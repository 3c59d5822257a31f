"""The length an MP4/QuickTime file states in its header (the 'mvhd' box), read without
decoding anything: exact where a decoder's frame count is an estimate, and readable for
an M4A recording, which has no frames at all."""

from __future__ import annotations

import struct
from pathlib import Path

MP4_SUFFIXES = {".mp4", ".m4v", ".mov", ".m4a", ".3gp"}
CONTAINERS = {b"moov"}
MAX_BOXES = 10_000
"""Boxes looked at before giving up: a damaged file must not keep the inspector reading."""


def duration_seconds(path: Path) -> float | None:
    """The length of an MP4/QuickTime file in seconds; None for another format or a
    header that does not say (or cannot be read)."""
    if path.suffix.lower() not in MP4_SUFFIXES:
        return None
    try:
        with path.open("rb") as handle:
            end = path.stat().st_size
            return _find_mvhd(handle, 0, end, 0)
    except (OSError, struct.error, ValueError, IndexError):
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
    # 0 is what a fragmented MP4 (a browser's or a camera's live recording) often states,
    # all ones is 'unknown' by the standard: neither is a length.
    unknown = 0xFFFFFFFFFFFFFFFF if version == 1 else 0xFFFFFFFF
    return duration / timescale if timescale and duration not in (0, unknown) else None
