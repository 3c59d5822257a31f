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
QUALITY = 80

pillow_heif.register_heif_opener()


def print_copy(source: Path, sha256: str, folder: Path) -> Path:
    """The print copy of a photo (made when missing). Raises OSError/ValueError for a photo
    that cannot be decoded."""
    target = folder / f"{sha256 or source.name}.jpg"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings(), Image.open(source) as image:
        warnings.simplefilter("ignore")  # Pillow's English warnings about odd EXIF: the inspectors report the file
        image.draft("RGB", _draft_size(image.size))
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((PRINT_LONG_SIDE, PRINT_LONG_SIDE))
        rgb = upright.convert("RGB")
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    rgb.save(partial, "JPEG", quality=QUALITY, optimize=True)
    os.replace(partial, target)
    return target


def _draft_size(size: tuple[int, int]) -> tuple[int, int]:
    """The smallest size a JPEG may be decoded at and still give the print copy: asking for a
    square of the long side would decode a 4000×3000 photo at half scale, not a quarter."""
    width, height = size
    scale = PRINT_LONG_SIDE / max(width, height, 1)
    if scale >= 1:
        return size
    return max(1, round(width * scale)), max(1, round(height * scale))
