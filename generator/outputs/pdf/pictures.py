"""Photos at print resolution: the printed binder never carries the 2 MB originals.

A photo is decoded once (JPEG at a reduced scale, so a 12-megapixel photo costs little),
turned upright and written as a JPEG whose long side prints at about 200 dpi in its
frame on the photo page; the copies live in the PDF cache and are kept between runs.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pillow_heif
from PIL import Image, ImageOps

PRINT_LONG_SIDE = 600
"""Pixels: a photo's frame is 8.3 cm wide, 600 px is ~180 dpi there (print quality for a
photo; a 4000×3000 JPEG is then decoded at a quarter scale)."""
SCAN_LONG_SIDE = 1600
"""Pixels: an image of a document fills a page (26 cm high), 1600 px is ~150 dpi there,
what a scanner's document setting gives."""
QUALITY = 80

pillow_heif.register_heif_opener()


def print_copy(source: Path, sha256: str, folder: Path, long_side: int = PRINT_LONG_SIDE) -> Path:
    """The print copy of a photo (made when missing), its long side `long_side` pixels at
    most. Raises OSError/ValueError for a photo that cannot be decoded."""
    size = "" if long_side == PRINT_LONG_SIDE else f"-{long_side}"
    target = folder / f"{sha256 or source.name}{size}.jpg"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings(), Image.open(source) as image:
        warnings.simplefilter("ignore")  # Pillow's English warnings about odd EXIF: the inspectors report the file
        image.draft("RGB", _draft_size(image.size, long_side))
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((long_side, long_side))
        rgb = upright.convert("RGB")
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    rgb.save(partial, "JPEG", quality=QUALITY, optimize=True)
    os.replace(partial, target)
    return target


def _draft_size(size: tuple[int, int], long_side: int) -> tuple[int, int]:
    """The smallest size a JPEG may be decoded at and still give the print copy: asking for a
    square of the long side would decode a 4000×3000 photo at half scale, not a quarter."""
    width, height = size
    scale = long_side / max(width, height, 1)
    if scale >= 1:
        return size
    return max(1, round(width * scale)), max(1, round(height * scale))
