"""Real little videos for the tests, written by OpenCV's bundled FFmpeg (MPEG-4 Part 2 in
MP4: the one MP4 codec the wheel encodes; its H.264 encoder is missing)."""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np

BLOCK = (slice(0, 60), slice(0, 80))
"""Top-left block whose grey level tells the frame: 8 × its index (see numbered_frame)."""


def numbered_frame(index: int, width: int = 320, height: int = 240) -> np.ndarray:
    """A BGR frame that is not uniform (a horizontal gradient) and tells its index by the
    grey level of its top-left block."""
    row = np.linspace(40, 220, width, dtype=np.uint8)
    frame = np.repeat(np.repeat(row[None, :, None], height, axis=0), 3, axis=2).copy()
    frame[BLOCK] = min(255, 8 * index)
    return frame


def write_video(path: Path, frames: list[np.ndarray], fps: float = 10.0, fourcc: str = "mp4v") -> Path:
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, (width, height))
    assert writer.isOpened(), f"OpenCV cannot write {fourcc}"
    for frame in frames:
        writer.write(frame)
    writer.release()
    return path


def phone_clip(path: Path, seconds: float = 3.0, fps: float = 10.0, black_start: int = 1) -> Path:
    """A clip as phones make them: `black_start` black frames, then numbered frames."""
    count = round(seconds * fps)
    black = np.zeros_like(numbered_frame(0))
    return write_video(path, [black if i < black_start else numbered_frame(i) for i in range(count)], fps)


def header_only_mp4(seconds: int, timescale: int = 600) -> bytes:
    """A small MP4 no decoder reads (its mdat holds no frames): ftyp, then moov holding an
    mvhd (version 0) that states the length."""
    mvhd_body = struct.pack(">B3xIIII", 0, 0, 0, timescale, seconds * timescale) + b"\0" * 80
    mvhd = struct.pack(">I4s", 8 + len(mvhd_body), b"mvhd") + mvhd_body
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    ftyp = struct.pack(">I4s4sI4s4s", 24, b"ftyp", b"isom", 512, b"isom", b"mp41")
    mdat = struct.pack(">I4s", 8 + 4096, b"mdat") + b"\x01" * 4096
    return ftyp + mdat + moov
