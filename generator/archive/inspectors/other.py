"""Files of no kind the binder reads: still a result with its reason, never skipped."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from ...framework.params import InspectionLimits
from .common import EMPTY_SHA256, empty_problem, ext_label, file_sha256, sniff
from .model import InspectedOther, Problem


def inspect_other(path: Path, thumbs_dir: Path, limits: InspectionLimits | None = None) -> InspectedOther:
    """A file of unknown type: its guessed MIME type and why it can't be used."""
    size = path.stat().st_size
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if size == 0:
        return InspectedOther(kind="other", size=0, sha256=EMPTY_SHA256, problem=empty_problem(), mime=mime)
    return InspectedOther(kind="other", size=size, sha256=file_sha256(path), mime=mime,
                          problem=Problem("unknown-type", _reason(path)))


def _reason(path: Path) -> str:
    sniffed = sniff(path)
    found = f"（内容为{sniffed.label}）" if sniffed else ""
    return (f"无法识别的文件类型：扩展名 {ext_label(path)}{found}，"
            "不属于图片、PDF、Word、表格或音视频材料")
