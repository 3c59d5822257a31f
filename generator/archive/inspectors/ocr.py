"""Reading the text of a scanned page: RapidOCR (PP-OCRv4 Chinese models on onnxruntime).

Chosen over Debian's tesseract with chi_sim by measurement (benchmarks/ocr_set.py, see
benchmarks/README.md): on degraded red-header documents it read the fields right far more
often and in less time per page. The models ship inside the rapidocr_onnxruntime wheel:
nothing is downloaded at run time.

The engine is loaded once per process (about a second) on the first scan to read; a warm
build, which inspects nothing, never loads it. Each worker of the inspection pool runs it
on one thread: the pool already keeps every core busy.

What a page reads is kept by the file's content (`PageStore`: sha256 + page number + the
reading's settings), not by its path like the rest of the inspection cache: archive officers
move and rename folders, and a moved scan is inspected again but never OCR'd again (a
page costs a second or more). The store sits in the cache (`<cache>/ocr/`), or where
BINDER_OCR_CACHE points (one store for several archives or caches: the test suite's).
"""

from __future__ import annotations

import json
import logging
import math
import os
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from .seal import red_seals, without_seal_ink

log = logging.getLogger(__name__)

DETECT_SIDE = 960
"""Long side of the page as the line detector sees it: small print is still found there, and
detection costs what the area does."""
OCR_LONG_SIDE = 1600
"""Long side a page is brought to before reading: A4 at about 137 dpi, where characters of
body text are some 20 pixels high (the recogniser's input is 48). Chosen by measurement on
the 30 scans of benchmarks/ocr_set.py (title / 文号 / date right, s/page on 2 cores, MB per
process): 2000 px 100/100/87 %, 1.70 s, 1041 MB; 1600 px 93/100/97 %, 1.32 s, 810 MB;
1400 px 90/100/90 %, 1.16 s, 692 MB. Smaller, the recogniser is fed less noise around the
seal; much smaller, small print is lost."""


@dataclass(frozen=True)
class OcrLine:
    """One line of text found on a page, with where it stands (pixels of the page as read)."""

    text: str
    top: float
    left: float
    width: float
    height: float
    score: float = 1.0


def ocr_available() -> bool:
    """Whether the engine can be loaded (the package installed and its models readable)."""
    try:
        _engine()
    except Exception as exc:  # noqa: BLE001 - an engine that can't load is "no OCR", never a crash
        log.debug("OCR engine unavailable: %r", exc)
        return False
    return True


@lru_cache(maxsize=1)
def _engine():
    from rapidocr_onnxruntime import RapidOCR

    # One thread: the inspection pool runs a worker per core already.
    # The detector finds lines on the page brought to DETECT_SIDE; the recogniser reads each
    # line from the page as given. No angle classifier: a scan is upright or nearly so.
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, print_verbose=False, use_cls=False,
                    det_limit_side_len=DETECT_SIDE, det_limit_type="max")


def read_page(image: Image.Image) -> list[OcrLine]:
    """The lines of text on a page image, top to bottom."""
    import numpy as np

    image = _reading_size(image.convert("RGB"))
    image = without_seal_ink(image, red_seals(image))
    result, _ = _engine()(np.asarray(image))
    lines = [_line(box, text, score) for box, text, score in (result or []) if text.strip()]
    return sorted(lines, key=lambda line: (line.top, line.left))


def _reading_size(image: Image.Image) -> Image.Image:
    scale = OCR_LONG_SIDE / max(image.size)
    if 0.9 <= scale <= 1.1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC)


def _line(box, text: str, score: float) -> OcrLine:
    """A line from its quadrilateral (top-left, top-right, bottom-right, bottom-left): on a
    skewed scan the upright box of a long line is much higher than its characters, so the
    height is measured along the quadrilateral's sides."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = box
    height = (math.dist((x0, y0), (x3, y3)) + math.dist((x1, y1), (x2, y2))) / 2
    width = (math.dist((x0, y0), (x1, y1)) + math.dist((x3, y3), (x2, y2))) / 2
    return OcrLine(text=text.strip(), top=(y0 + y1 + y2 + y3) / 4 - height / 2, left=min(x0, x3),
                   width=width, height=height, score=float(score))


READING = f"v1-{OCR_LONG_SIDE}-{DETECT_SIDE}"
"""The settings a stored reading was made with: another reading is another key."""
STORE_ENV = "BINDER_OCR_CACHE"


class PageStore:
    """Pages already read, by the content of their file (see the module's docstring)."""

    def __init__(self, cache_dir: Path):
        self.folder = Path(os.environ.get(STORE_ENV) or cache_dir / "ocr")

    def _path(self, sha256: str, page: int) -> Path:
        return self.folder / sha256[:2] / f"{sha256}-{page}-{READING}.json"

    def get(self, sha256: str, page: int) -> list[OcrLine] | None:
        try:
            rows = json.loads(self._path(sha256, page).read_text(encoding="utf-8"))
            return [OcrLine(**row) for row in rows]
        except (OSError, ValueError, TypeError):
            return None  # not read yet, or a damaged entry: read again

    def put(self, sha256: str, page: int, lines: list[OcrLine]) -> None:
        path = self._path(sha256, page)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps([asdict(line) for line in lines], ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)  # whole entries only: another worker may read it at once
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            log.debug("OCR reading of %s page %d not stored: %r", sha256[:12], page, exc)


def page_text(lines: list[OcrLine]) -> str:
    return "\n".join(line.text for line in lines)
