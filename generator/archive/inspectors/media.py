"""Video and audio: recognised by extension, checked by their first bytes; a video's
length, picture size and a poster frame read with the FFmpeg that OpenCV bundles.

The site plays them in the browser's own player; the inspector makes sure the file is
not empty, not something else under a media name, and not zero-filled (what a broken
copy leaves behind). A video whose bytes look right but that OpenCV cannot open or
decode stays readable (a browser may still play it) and only goes without a poster.
Decoding is bounded: one open, one seek, at most POSTER_READS frames.
"""

from __future__ import annotations

import logging
import math
import mimetypes
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import cv2
import numpy as np
from PIL import Image

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
    thumb_name,
)
from .model import InspectedMedia, Problem
from .mp4_header import duration_seconds
from .photo import make_thumbnail, save_thumbnail

log = logging.getLogger(__name__)

# FFmpeg writes what it finds wrong in a file ('moov atom not found') straight to stderr,
# in English, in the middle of the build's output; the inspector says it in Chinese
# instead. Read by OpenCV when it first opens a video; set OPENCV_FFMPEG_LOGLEVEL to see them.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")  # AV_LOG_QUIET

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


POSTER_AT_MS = 1000
"""Where the poster frame is taken: the first second is often a fade-in or the phone
still focusing. A video shorter than twice this gives its first frame (no seek)."""
POSTER_READS = 4
"""Frames read after the seek at most, looking for one that is not near-uniform."""
UNIFORM_SPREAD = 6.0
"""Standard deviation of grey levels (0-255) under which a frame is blank (black, white
or one colour) and a later one is tried."""
POSTER_SIZE = 720
"""Long side in pixels of a video's poster: it fills the player on the site (a content
column is about 700 CSS pixels wide) and a 150 mm frame in the printed binder, where
a photo's 360-pixel gallery thumbnail would look blurred."""
OPEN_TIMEOUT_MS = 10_000
"""OpenCV gives up opening or reading after this: FFmpeg probing a hostile file must not
hold a worker (the pool isolates crashes, not slowness)."""


@dataclass(frozen=True)
class VideoFacts:
    """What decoding a video's header and one frame told."""

    duration: float | None = None
    width: int = 0
    height: int = 0
    poster: Image.Image | None = None


def inspect_media(path: Path, thumbs_dir: Path, limits: InspectionLimits | None = None) -> InspectedMedia:
    """What a video or audio file is: its name and first bytes, its length, and for a
    video its picture size and a poster frame written into `thumbs_dir`."""
    size = path.stat().st_size
    media = "audio" if path.suffix.lower() in AUDIO_EXTENSIONS else "video"
    mime = mime_of(path)
    if size == 0:
        return InspectedMedia(kind="media", size=0, sha256=EMPTY_SHA256, problem=empty_problem(),
                              mime=mime, media=media)
    sha256 = file_sha256(path)
    problem = _content_problem(path)
    header_length = duration_seconds(path) if problem is None else None
    if problem is not None or media == "audio":
        return InspectedMedia(kind="media", size=size, sha256=sha256, mime=mime, media=media,
                              problem=problem, duration=header_length)
    facts = read_video(path)
    thumbnail, thumb = None, None
    if facts.poster is not None:
        thumb = make_thumbnail(facts.poster, POSTER_SIZE)
        thumbnail = thumb_name(sha256)
        save_thumbnail(thumb, thumbs_dir / thumbnail)
    return InspectedMedia(
        kind="media", size=size, sha256=sha256, mime=mime, media=media,
        duration=header_length if header_length is not None else facts.duration,
        width=facts.width, height=facts.height, thumbnail=thumbnail,
        thumb_width=thumb.width if thumb else 0, thumb_height=thumb.height if thumb else 0,
    )


def read_video(path: Path) -> VideoFacts:
    """Length, picture size (as shown: a phone's rotation applied) and a poster frame of a
    video, by OpenCV's FFmpeg; empty facts when it cannot open the file. Never raises for
    what the file holds."""
    try:
        with _opencv_warnings_off():
            capture = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG, [
                cv2.CAP_PROP_N_THREADS, 1,  # the inspection pool already uses every core
                cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, OPEN_TIMEOUT_MS,
                cv2.CAP_PROP_READ_TIMEOUT_MSEC, OPEN_TIMEOUT_MS,
            ])
    except cv2.error as exc:
        log.debug("OpenCV cannot open %s: %s", path.name, exc)
        return VideoFacts()
    try:
        if not capture.isOpened():
            return VideoFacts()
        duration = _stream_length(capture)
        poster = _poster_frame(capture, duration)
        width, height = _shown_size(capture, poster)
        return VideoFacts(duration, width, height, poster)
    except cv2.error as exc:  # a decoder error loses the facts, not the file
        log.debug("OpenCV cannot decode %s: %s", path.name, exc)
        return VideoFacts()
    finally:
        capture.release()


@contextmanager
def _opencv_warnings_off() -> Iterator[None]:
    """OpenCV's own warning when FFmpeg refuses a file ('can't be used to capture by name')
    is no news: the file then simply goes without a poster."""
    before = cv2.utils.logging.getLogLevel()
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
    try:
        yield
    finally:
        cv2.utils.logging.setLogLevel(before)


def _stream_length(capture: cv2.VideoCapture) -> float | None:
    """Frames over frame rate, when the container states both (an estimate for some
    containers; an MP4's header length is preferred by the caller)."""
    frames, fps = capture.get(cv2.CAP_PROP_FRAME_COUNT), capture.get(cv2.CAP_PROP_FPS)
    if not (math.isfinite(frames) and math.isfinite(fps)) or frames <= 0 or fps <= 0:
        return None
    return frames / fps


def _poster_frame(capture: cv2.VideoCapture, duration: float | None) -> Image.Image | None:
    """The frame at about POSTER_AT_MS (the first for a shorter video), or one of the next
    few when it is blank; the first frame read when all are blank; None when none decodes."""
    if duration is not None and duration * 1000 > 2 * POSTER_AT_MS:
        capture.set(cv2.CAP_PROP_POS_MSEC, POSTER_AT_MS)
    first = None
    for _ in range(POSTER_READS):
        ok, frame = capture.read()
        if not ok or frame is None or frame.ndim != 3 or not frame.size:
            break
        if first is None:
            first = frame
        if not near_uniform(frame):
            return _to_image(frame)
    return _to_image(first) if first is not None else None


def near_uniform(frame: np.ndarray) -> bool:
    """Whether a BGR frame is all one shade (a black start, a white flash)."""
    small = frame[::8, ::8]
    return float(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY).std()) < UNIFORM_SPREAD


def _to_image(frame: np.ndarray) -> Image.Image:
    return Image.fromarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))


def _shown_size(capture: cv2.VideoCapture, poster: Image.Image | None) -> tuple[int, int]:
    """Width and height as the video is shown. A decoded frame has them (OpenCV turns it by
    the rotation a phone records); without one, the stream's size turned by that rotation."""
    if poster is not None:
        return poster.size
    width, height = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)), int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
    if int(capture.get(cv2.CAP_PROP_ORIENTATION_META)) % 180 == 90:
        width, height = height, width
    return max(width, 0), max(height, 0)


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
