"""Official document checks (seed 000, 正式发文): PDF, size, title keywords, date."""

from __future__ import annotations

import datetime as dt
import re

from .. import dates
from ..framework import Indicator, Requirement
from ..archive.inspectors.model import Inspected, InspectedDocument, facts_by_ocr, facts_of
from ..framework.params import MIB, Params
from ..archive.scan import ArchiveFile
from . import messages
from .model import Finding, Severity, at

_GENERIC = re.compile(
    r"提供|建立|完善|健全|规范性?文件|正式发文|说明报告|情况|材料|反映|部署|开展|落实|"
    r"有关|相关|的|和|及|与|等|（|）|\(|\)|，|。|、|；|：|“|”|\d+|\s+"
)
_ROUTINE = re.compile(r"年度|计划|安排")
KEYWORD_MIN = 4
"""Characters a title must share in one run with the framework's words."""


def document_format(file: ArchiveFile, inspected: Inspected, params: Params) -> list[Finding]:
    """document.format: a PDF scan (a Word file only where the requirement is marked secret)."""
    extension = file.suffix.lstrip(".")
    allowed = set(params.document_formats) | ({"doc", "docx", "wps"} if params.secret else set())
    if inspected.kind == "document" or extension in allowed:
        return []
    secret = "（涉密文件可为 Word）" if not params.secret else ""
    message = messages.DOCUMENT_FORMAT.format(found=extension.upper() or "未知", secret=secret)
    return [at(file, "document.format", Severity.ERROR, message, messages.DOCUMENT_FORMAT_FIX)]


def document_size(file: ArchiveFile, inspected: Inspected, params: Params) -> list[Finding]:
    """document.size: under document_max_mb."""
    if inspected.size < params.document_max_mb * MIB:
        return []
    message = messages.DOCUMENT_SIZE.format(found=inspected.size / MIB, high=params.document_max_mb)
    return [at(file, "document.size", Severity.ERROR, message, messages.DOCUMENT_SIZE_FIX)]


def document_keywords(file: ArchiveFile, document: InspectedDocument | None, params: Params,
                      indicator: Indicator, requirement: Requirement) -> list[Finding]:
    """document.keywords: the title carries the framework's words (its own `keywords`, or a run
    of at least KEYWORD_MIN characters shared with the requirement's or indicator's words)."""
    title = document_title(file, document)
    read, by_ocr = _read_title(document), facts_by_ocr(document)
    if read and by_ocr:  # a title read from the scan is the document's own: the name is only the unit's label
        haystack = read
    else:  # the text layer's title joins what was judged before: never stricter than the name
        haystack = " ".join((read, title, file.stem, getattr(document, "first_page_text", "")[:200]))
    if params.keywords:
        if any(k in haystack for k in params.keywords):
            return []
        keywords = "、".join(params.keywords)
    else:
        source = f"{requirement.text} {indicator.name}"
        if _shared_run(haystack, source) >= KEYWORD_MIN:
            return []
        keywords = "“" + "”“".join(core_words(source)[:4]) + "”"
    message = messages.DOCUMENT_KEYWORDS.format(title=read or title, keywords=keywords)
    if read and by_ocr:
        message += messages.OCR_HINT
    return [at(file, "document.keywords", Severity.WARNING, message, messages.DOCUMENT_KEYWORDS_FIX)]


def document_date(file: ArchiveFile, document: InspectedDocument | None, params: Params,
                  requirement: Requirement, period: tuple[dt.date, dt.date] | None) -> list[Finding]:
    """document.date: dated within the period; a routine document by the end of routine_month.
    A scan whose name gives no date can't be judged: no finding (the page shows its date as
    unknown) rather than a warning on every scanned document."""
    date, read = dated_how(file, document)
    if date is None:
        return []
    hint = messages.OCR_HINT if read else ""
    if period and not period[0] <= date <= period[1]:
        message = messages.DOCUMENT_DATE.format(date=date, start=period[0], end=period[1]) + hint
        return [at(file, "document.date", Severity.WARNING, message, messages.DOCUMENT_DATE_FIX)]
    routine = params.routine if params.routine is not None else bool(_ROUTINE.search(requirement.text))
    if routine and date.month > params.routine_month:
        message = messages.DOCUMENT_LATE.format(month=params.routine_month, date=date) + hint
        return [at(file, "document.late", Severity.WARNING, message, messages.DOCUMENT_LATE_FIX)]
    return []


def dated(file: ArchiveFile, document: InspectedDocument | None) -> dt.date | None:
    return dated_how(file, document)[0]


def dated_how(file: ArchiveFile, document: InspectedDocument | None) -> tuple[dt.date | None, bool]:
    """A document's date and whether OCR read it: in its name, else its 成文日期 (read by OCR
    on a scan, or from page 1's text layer), else the last date on its first page's text
    (where a notice is signed and dated), else none."""
    named = dates.first_date(file.stem)
    if named:
        return named, False
    read = facts_date(document)
    if read:
        return read, facts_by_ocr(document)
    page = getattr(document, "first_page_text", "")  # a photo of a document has no text layer
    if page:
        return dates.last_date(page), False
    return None, False


def facts_date(document: Inspected | None) -> dt.date | None:
    """The 成文日期 among a document's facts, if any."""
    facts = facts_of(document)
    return dates.iso_date(facts.date) if facts and facts.date else None


def _read_title(document: Inspected | None) -> str:
    """The title among a document's facts, when long enough to judge ('' otherwise)."""
    facts = facts_of(document)
    return facts.title if facts and len(facts.title) >= 4 else ""


def document_number(file: ArchiveFile, document: InspectedDocument | None) -> list[Finding]:
    """document.number: a document with a red head (an issuing office: a 正式发文), read by
    OCR on a scan or from its text layer, shows no 文号. Only where a head was read: a 制度
    without a head needs no number."""
    facts = facts_of(document)
    if not facts or not facts.issuer or facts.number:
        return []
    message = messages.DOCUMENT_NUMBER_MISSING if facts_by_ocr(document) else messages.DOCUMENT_NUMBER_MISSING_TEXT
    return [at(file, "document.number", Severity.WARNING,
               message.format(issuer=facts.issuer), messages.DOCUMENT_NUMBER_MISSING_FIX)]


def document_title(file: ArchiveFile, document: InspectedDocument | None) -> str:
    """The PDF's own title where it has a meaningful one, else its file name."""
    own = getattr(document, "title", "")  # a PDF's metadata title (an image has none)
    if own and len(own) >= 4 and not own.lower().startswith(("microsoft", "untitled", "无标题", "scan")):
        return own
    return file.stem


def core_words(text: str) -> list[str]:
    """The framework's words without the generic ones: '提供建立完善中心组学习制度的规范文件'
    -> ['中心组学习制度']."""
    return [w for w in _GENERIC.split(text) if len(w) >= 2]


def _shared_run(a: str, b: str) -> int:
    """Length of the longest run of characters of `a` found in the core words of `b`."""
    words = core_words(b)
    best = 0
    for start in range(len(a)):
        for end in range(start + best + 1, len(a) + 1):
            piece = a[start:end]
            if any(piece in w for w in words):
                best = end - start
            else:
                break
    return best


def document_damaged(file: ArchiveFile, document: InspectedDocument) -> list[Finding]:
    """document.damaged: a PDF that opens but whose structure qpdf finds broken (stricter
    readers and upload platforms refuse it), whatever role it plays."""
    if not document.damage:
        return []
    return [at(file, "document.damaged", Severity.WARNING,
               messages.DOCUMENT_DAMAGED.format(damage=document.damage), messages.DOCUMENT_DAMAGED_FIX)]
