"""Photo checks (seed 000, 图片资料): format, size, clarity, naming, the same photo twice, date."""

from __future__ import annotations

import datetime as dt

from .. import dates, naming
from ..framework import Requirement
from ..archive.inspectors.model import InspectedPhoto
from ..framework.params import MIB, Params
from ..archive.scan import ArchiveFile
from . import messages
from .model import Finding, Severity, at


def photo_format(file: ArchiveFile, photo: InspectedPhoto, params: Params) -> list[Finding]:
    """photo.format: JPG/JPEG only, by extension and by content."""
    extension = file.suffix.lstrip(".")
    if extension in params.photo_formats and photo.format in ("JPEG", "MPO", ""):
        return []
    found = photo.format or extension.upper()
    expected = "/".join(f.upper() for f in params.photo_formats)
    return [at(file, "photo.format", Severity.ERROR,
               messages.PHOTO_FORMAT.format(found=found, expected=expected), messages.PHOTO_FORMAT_FIX)]


def photo_size(file: ArchiveFile, photo: InspectedPhoto, params: Params) -> list[Finding]:
    """photo.size: between photo_min_mb and photo_max_mb (MB as Windows counts them)."""
    low, high = params.photo_min_mb * MIB, params.photo_max_mb * MIB
    if low <= photo.size <= high:
        return []
    fix = messages.PHOTO_SIZE_FIX_SMALL if photo.size < low else \
        messages.PHOTO_SIZE_FIX_LARGE.format(high=params.photo_max_mb)
    message = messages.PHOTO_SIZE.format(found=photo.size / MIB, low=params.photo_min_mb, high=params.photo_max_mb)
    return [at(file, "photo.size", Severity.ERROR, message, fix)]


def photo_clarity(file: ArchiveFile, photo: InspectedPhoto, params: Params) -> list[Finding]:
    """photo.clarity: the long side has at least photo_min_long_side pixels."""
    if max(photo.width, photo.height) >= params.photo_min_long_side:
        return []
    message = messages.PHOTO_CLARITY.format(width=photo.width, height=photo.height,
                                            required=params.photo_min_long_side)
    return [at(file, "photo.clarity", Severity.ERROR, message, messages.PHOTO_CLARITY_FIX)]


def photo_naming(file: ArchiveFile, params: Params, *, screenshot: bool) -> list[Finding]:
    """photo.naming: scene photos carry time + place + activity + organizer + theme;
    screenshots media + date + topic. A warning: a name is judged by people in the end."""
    if not params.photo_naming:
        return []
    if screenshot:
        missing = naming.screenshot_missing(file.stem)
        template, fix = messages.SCREENSHOT_NAMING, messages.SCREENSHOT_NAMING_FIX
    else:
        missing = naming.scene_photo_missing(file.stem)
        template, fix = messages.PHOTO_NAMING, messages.PHOTO_NAMING_FIX
    if not missing:
        return []
    return [at(file, "photo.naming", Severity.WARNING, template.format(missing="、".join(missing)), fix)]


def photo_caption(file: ArchiveFile, requirement: Requirement | None, *, screenshot: bool) -> list[Finding]:
    """photo.caption: the name states what the framework demands of it ('图片需注明活动时间、主题').
    A warning: the elements are told by their words, a person judges in the end."""
    kinds = ("screenshot", "photo") if screenshot else ("photo", "screenshot")
    asks = [a for a in (requirement.asks if requirement else ()) if a.caption and a.kind in kinds]
    if not asks:
        return []
    demanded = asks[0].caption
    missing = naming.caption_missing(file.stem, demanded)
    if not missing:
        return []
    what = "截图" if screenshot else "照片"
    message = messages.PHOTO_CAPTION.format(what=what, missing="、".join(missing), demanded="、".join(demanded))
    return [at(file, "photo.caption", Severity.WARNING, message,
               messages.PHOTO_CAPTION_FIX.format(demanded="、".join(demanded)))]


def photo_duplicate(file: ArchiveFile, first: ArchiveFile | None) -> list[Finding]:
    """photo.duplicate: the same photo (same bytes) already used elsewhere in the archive."""
    if first is None or first.rel_path == file.rel_path:
        return []
    return [at(file, "photo.duplicate", Severity.WARNING,
               messages.PHOTO_DUPLICATE.format(other=first.rel_path), messages.PHOTO_DUPLICATE_FIX)]


def photo_date(file: ArchiveFile, photo: InspectedPhoto,
               period: tuple[dt.date, dt.date] | None) -> list[Finding]:
    """photo.date: the date in its name (else its EXIF date) lies outside the period."""
    if period is None:
        return []
    named = dates.first_date(file.stem)
    date, source = (named, "名称中的") if named else (dates.iso_date(photo.exif_datetime), "拍摄")
    if date is None or period[0] <= date <= period[1]:
        return []
    message = messages.PHOTO_DATE.format(source=source, date=date, start=period[0], end=period[1])
    return [at(file, "photo.date", Severity.WARNING, message, messages.PHOTO_DATE_FIX)]


EXIF_DATE_TOLERANCE = dt.timedelta(days=1)
"""How far the date in a photo's name may be from its EXIF date. One day: a camera whose
clock is on UTC (eight hours behind Beijing) dates a morning photo the day before, and an
evening activity past midnight carries the first day's date; two days apart is another day."""


def photo_exif_date(file: ArchiveFile, photo: InspectedPhoto) -> list[Finding]:
    """photo.exif_date: the date in the name and the date the camera recorded (EXIF) disagree:
    the photo may be of another activity, and inspectors look at both. Nothing to compare when
    either is missing (a name with no date is photo.naming's)."""
    named = dates.first_date(file.stem)
    taken = dates.iso_date(photo.exif_datetime)
    if named is None or taken is None or abs(named - taken) <= EXIF_DATE_TOLERANCE:
        return []
    message = messages.PHOTO_EXIF_DATE.format(named=named, taken=taken, days=abs((named - taken).days))
    return [at(file, "photo.exif_date", Severity.WARNING, message, messages.PHOTO_EXIF_DATE_FIX)]
