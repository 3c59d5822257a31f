"""Photos: format, pixels, EXIF date and orientation, and an upright thumbnail.

Each photo is decoded exactly once, at reduced scale where the format allows it
(JPEG draft mode: the decoder itself skips 7 of 8 pixels), and the thumbnail is made
from that decode. Pillow's safety limits stay at their defaults: a decompression bomb
or a truncated file is reported, never decoded anyway.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import logging
import math
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pillow_heif
from PIL import Image, ImageFile, ImageSequence, UnidentifiedImageError

from ...framework.params import InspectionLimits
from .scans import read_scan
from .seal import has_red_seal
from .common import (
    EMPTY_SHA256,
    THUMB_QUALITY,
    THUMB_SIZE,
    empty_problem,
    error_detail,
    ext_label,
    file_sha256,
    mislabelled_problem,
    sniff,
    thumb_name,
    write_atomic,
)
from .model import InspectedPhoto, Problem

log = logging.getLogger(__name__)

# Registering an opener adds a format to Pillow's registry; it switches no behaviour
# of the formats Pillow already reads.
pillow_heif.register_heif_opener()

EXIF_IFD = 0x8769
ORIENTATION = 0x0112
DATETIME = 0x0132
DATETIME_ORIGINAL = 0x9003
OFFSET_TIME_ORIGINAL = 0x9011
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
"""EXIF orientation -> the transposition that shows the picture upright."""
SWAPPING_ORIENTATIONS = {5, 6, 7, 8}
"""Orientations that turn the stored picture by a quarter: shown width is stored height."""
READ_ONCE_LIMIT = 64 * 2**20
"""Largest photo read into memory whole (a 4000x3000 JPEG is 2 MB, a raw TIFF 36 MB)."""


def inspect_photo(path: Path, thumbs_dir: Path, limits: InspectionLimits | None = None) -> InspectedPhoto:
    """What a photo is, with its upright thumbnail written into `thumbs_dir`."""
    size = path.stat().st_size
    if size == 0:
        return InspectedPhoto(kind="photo", size=0, sha256=EMPTY_SHA256, problem=empty_problem())
    source, sha256 = _read_once(path, size)
    try:
        with _decoding(), Image.open(source) as im:
            return _read(im, thumbs_dir, size=size, sha256=sha256)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        problem = Problem("too-large", f"图像像素数超过安全上限，疑似解压炸弹，拒绝解码{error_detail(exc)}")
    except UnidentifiedImageError as exc:
        problem = _unidentified(path, exc)
    except Exception as exc:  # noqa: BLE001 - every decoder error becomes a reason
        problem = _decode_problem(exc)
    return InspectedPhoto(kind="photo", size=size, sha256=sha256, problem=problem)


def _read_once(path: Path, size: int) -> tuple[Path | io.BytesIO, str]:
    """What Pillow is to read, and the file's SHA-256. A photo of usual size is read into
    memory once, hashed and decoded from there (the second read from the disk cache was
    2% of a photo's time); a huge file is hashed in chunks and decoded from the disk."""
    if size > READ_ONCE_LIMIT:
        return path, file_sha256(path)
    data = path.read_bytes()
    return io.BytesIO(data), hashlib.sha256(data).hexdigest()


@contextmanager
def _decoding() -> Iterator[None]:
    """Warnings of one decode: a decompression-bomb warning stops it, others are noise
    (corrupt EXIF, skipped TIFF tags) that must not reach the build's output.

    A truncated photo is a problem whatever another library switched: WeasyPrint turns on
    Pillow's process-wide LOAD_TRUNCATED_IMAGES when imported (`binder pdf`, or any
    inspection in a process that laid out a PDF before), which would decode the cut photo
    as if whole. The switch is off for the decode and restored after."""
    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated


def _read(im: Image.Image, thumbs_dir: Path, *, size: int, sha256: str) -> InspectedPhoto:
    """Read an opened photo: header facts first, then the one decode and the thumbnail."""
    fmt = im.format or ""
    stored = im.size
    exif_orientation = _exif_orientation(im)
    # HEIF decoders apply the orientation themselves and reset it to 1 in the EXIF.
    orientation = im.info.get("original_orientation", exif_orientation)
    taken = _exif_datetime(im)
    decoded = decode_reduced(im, THUMB_SIZE)
    upright, turned = _upright(decoded, exif_orientation)
    thumb = make_thumbnail(upright)
    name = thumb_name(sha256)
    save_thumbnail(thumb, thumbs_dir / name)
    width, height = stored[::-1] if turned else stored
    return InspectedPhoto(
        kind="photo", size=size, sha256=sha256, format=fmt, width=width, height=height,
        exif_datetime=taken, orientation=orientation, thumbnail=name,
        thumb_width=thumb.width, thumb_height=thumb.height, red_seal=has_red_seal(thumb),
    )


def paper_share(image: Image.Image) -> float:
    """Share of the pixels that are bare paper: light (every channel at least 150, so a grey
    scan's page counts) and colourless (channels within 40 of each other)."""
    import numpy as np

    rgb = np.asarray(image.convert("RGB"), dtype=np.int16)
    low, high = rgb.min(axis=2), rgb.max(axis=2)
    return round(float(((low >= 150) & (high - low <= 40)).mean()), 3)


def read_as_document(path: Path, photo: InspectedPhoto, limits: InspectionLimits,
                     thumbs_dir: Path) -> InspectedPhoto:
    """An image placed where a document is asked: how much of it is bare paper, and what OCR
    reads on it when it looks like a page (a paper scanned or photographed flat, saved as an
    image; a photo of a meeting there is left alone): its first `limits.ocr_pages` frames (a
    multi-page TIFF from a scanner has one per page), upright.

    Only these images are measured for paper, from their thumbnail: measuring every photo
    cost the benchmark's 1,000 photos some 2 s of a 17 s inspection, for nothing."""
    if not photo.readable or not photo.thumbnail:
        return photo
    try:
        with Image.open(thumbs_dir / photo.thumbnail) as thumb:
            photo = dataclasses.replace(photo, paper_share=paper_share(thumb))
    except OSError as exc:  # our own thumbnail gone meanwhile: the image stays a picture
        log.debug("paper share of %s not measured: %r", path, exc)
        return photo
    if not photo.looks_like_page or limits.ocr_pages <= 0:
        return photo
    read = read_scan(photo.sha256, limits.ocr_pages, lambda pages: _pages(path, pages), thumbs_dir.parent)
    return dataclasses.replace(photo, **read) if read else photo


def _pages(path: Path, pages: int) -> Iterator[Image.Image]:
    """The first `pages` frames of an image, each upright and decoded no larger than OCR needs."""
    from .ocr import OCR_LONG_SIDE

    with _decoding(), Image.open(path) as im:
        orientation = _exif_orientation(im)
        for index, _frame in enumerate(ImageSequence.Iterator(im)):
            if index >= pages:
                break
            upright, _ = _upright(to_rgb(decode_reduced(im, OCR_LONG_SIDE)), orientation)
            yield upright


def decode_reduced(im: Image.Image, target: int) -> Image.Image:
    """Decode the first frame, at the smallest JPEG scale (1/2, 1/4, 1/8) that still holds
    every pixel of the thumbnail (long side `target`); other formats decode at full size.

    The draft asks for the thumbnail's own size, not a `target` square: a 16:9 photo
    then decodes at 1/8 too, where a square would hold its short side to 1/4."""
    scale = min(1.0, target / max(1, *im.size))
    im.draft("RGB", (max(1, math.ceil(im.width * scale)), max(1, math.ceil(im.height * scale))))
    im.load()
    return im


def _exif_orientation(im: Image.Image) -> int | None:
    """EXIF orientation tag (1-8), None when absent, out of range or unreadable."""
    try:
        value = im.getexif().get(ORIENTATION)
    except Exception as exc:  # noqa: BLE001 - a broken EXIF loses only this field
        log.debug("EXIF orientation unreadable: %r", exc)
        return None
    return value if isinstance(value, int) and 1 <= value <= 8 else None


def _exif_datetime(im: Image.Image) -> str | None:
    """DateTimeOriginal, else DateTime, as ISO 8601 (with the offset when EXIF has one).
    The Exif sub-IFD and the main IFD are read apart: a broken one leaves the other."""
    try:
        exif = im.getexif()
    except Exception as exc:  # noqa: BLE001 - a broken EXIF loses only this field
        log.debug("EXIF unreadable: %r", exc)
        return None
    try:
        sub = exif.get_ifd(EXIF_IFD)
        original = _parse_exif_datetime(sub.get(DATETIME_ORIGINAL))
        if original is not None:
            return original.isoformat() + _offset(sub.get(OFFSET_TIME_ORIGINAL))
    except Exception as exc:  # noqa: BLE001 - see above
        log.debug("EXIF sub-IFD unreadable: %r", exc)
    changed = _parse_exif_datetime(exif.get(DATETIME))
    return changed.isoformat() if changed else None


def _parse_exif_datetime(raw: object) -> dt.datetime | None:
    """'2016:10:12 09:30:00' as a datetime; None for the zeros and garbage cameras write."""
    if isinstance(raw, bytes):
        raw = raw.decode("ascii", "replace")
    if not isinstance(raw, str):
        return None
    text = raw.strip("\x00 ").replace("-", ":")
    for pattern in ("%Y:%m:%d %H:%M:%S", "%Y:%m:%d %H:%M", "%Y:%m:%d"):
        try:
            return dt.datetime.strptime(text[:19], pattern)
        except ValueError:
            continue
    return None


def _offset(raw: object) -> str:
    """EXIF OffsetTime ('+08:00') when it is well formed, else nothing."""
    if isinstance(raw, str) and len(raw) == 6 and raw[0] in "+-" and raw[3] == ":":
        return raw
    return ""


def _upright(im: Image.Image, orientation: int | None) -> tuple[Image.Image, bool]:
    """The picture as shown (EXIF orientation applied) and whether a quarter turn happened.

    The orientation is the one read before decoding: ImageOps.exif_transpose reads it
    again after the decode, when a TIFF has already dropped it (g4_orientation_6.tif
    would stay on its side). The transpositions are exif_transpose's own.
    """
    method = _TRANSPOSE.get(orientation)
    if method is None:
        return im, False
    return im.transpose(method), orientation in SWAPPING_ORIENTATIONS


def make_thumbnail(im: Image.Image, long_side: int = THUMB_SIZE) -> Image.Image:
    """An RGB copy with the long side at most `long_side` pixels."""
    rgb = to_rgb(im)
    rgb.thumbnail((long_side, long_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return rgb


def to_rgb(im: Image.Image) -> Image.Image:
    """RGB for a JPEG: transparency flattened on white, 16-bit and float grey scaled to
    8 bits by their range (not clipped), CMYK and bilevel converted before resizing."""
    if im.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        return _scale_to_l(im).convert("RGB")
    if im.mode in ("RGBA", "LA", "PA", "La", "RGBa") or "transparency" in im.info:
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return im.convert("RGB")


def _scale_to_l(im: Image.Image) -> Image.Image:
    """8-bit grey from a 16/32-bit or float image, stretching its range to 0..255."""
    wide = im.convert("F")
    low, high = wide.getextrema()
    span = (high - low) or 1.0
    return wide.point(lambda v: (v - low) * (255.0 / span)).convert("L")


def save_thumbnail(thumb: Image.Image, target: Path) -> None:
    """Write the thumbnail unless this content's thumbnail of this version is there."""
    if target.exists():
        return
    write_atomic(target, lambda tmp: thumb.save(tmp, "JPEG", quality=THUMB_QUALITY, optimize=True))


def _unidentified(path: Path, exc: Exception) -> Problem:
    """Why Pillow could not identify a file: another type under an image name, a broken
    image header, or nothing recognisable."""
    sniffed = sniff(path)
    if sniffed is not None and sniffed.kind != "photo":
        return mislabelled_problem(path, sniffed)
    if sniffed is not None:
        return Problem("corrupt", f"{sniffed.label}的文件头可以识别，但图像数据已损坏，无法解析{error_detail(exc)}")
    return Problem("unknown-type", f"扩展名为 {ext_label(path)}，但文件内容不是可识别的图像格式{error_detail(exc)}")


def _decode_problem(exc: Exception) -> Problem:
    """A decoder error as a problem: truncated data has its own code."""
    if isinstance(exc, OSError) and "truncated" in str(exc):
        return Problem("truncated", f"图像文件不完整（被截断），无法完整解码{error_detail(exc)}")
    if isinstance(exc, ValueError) and "Decompressed data too large" in str(exc):
        return Problem("too-large", f"图像中的文本块解压后过大，疑似解压炸弹，拒绝读取{error_detail(exc)}")
    return Problem("corrupt", f"图像数据已损坏，无法解码{error_detail(exc)}")
