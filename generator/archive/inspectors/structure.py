"""The structural check of a PDF that opens: qpdf's checks (`qpdf --check`, through
pikepdf), within a time budget.

pdfium and pypdf draw many broken PDFs (a page tree that loops, a file without a
cross-reference table, an object with a wrong length): the binder used to pass them.
Stricter readers and upload platforms refuse them, so what qpdf finds is reported (a
warning, document.damaged). Linearization ("fast web view") hints are not checked:
wrong hints cost a reader nothing, and many sound files carry them.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import pikepdf

log = logging.getLogger(__name__)

MAX_DAMAGE = 200
"""Characters of the damage text kept: the page shows it in one line."""

# What qpdf says -> what the user reads; the first match names a message.
_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"loop detected in /Pages", re.I), "页面树循环引用自身"),
    (re.compile(r"too deeply nested", re.I), "页面树嵌套过深"),
    (re.compile(r"page tree|/Pages|/Kids", re.I), "页面树结构错误"),
    (re.compile(r"xref|startxref|cross-reference|trailer", re.I), "交叉引用表缺失或错误"),
    (re.compile(r"endstream|stream length|/Length", re.I), "数据流长度与声明不符"),
    (re.compile(r"^page \d+:", re.I), "页面内容流有语法错误"),
    (re.compile(r"decod|stream", re.I), "数据流无法解码"),
)
_GENERIC = "对象格式错误"
_NOISE = re.compile(r"^file is damaged$|^Attempting to reconstruct", re.I)
"""qpdf lines that only announce the next one."""


class _OutOfTime(Exception):
    """The budget ran out; what was found so far stands."""


def pdf_damage(path: Path, seconds: float) -> str:
    """What qpdf finds wrong in the PDF at `path`, short and in Chinese; '' when nothing
    (or the check is off: `seconds` 0). Never raises: every error is itself a finding."""
    if seconds <= 0:
        return ""
    deadline = time.monotonic() + seconds
    problems: list[str] = []
    try:
        _check(path, deadline, problems)
    except _OutOfTime:
        log.debug("structural check of %s stopped after %g s", path, seconds)
    except pikepdf.PasswordError:
        return ""  # a user password: the inspector reports the encryption already
    except AttributeError as exc:
        # The steps of qpdf --check are pikepdf internals (check_pdf_syntax's own): a pikepdf
        # without them must not call every PDF damaged.
        log.debug("no structural check with this pikepdf: %r", exc)
        return ""
    except Exception as exc:  # noqa: BLE001 - qpdf's errors are the damage we look for
        problems.append(str(exc))
    return _describe(path, problems)


def _check(path: Path, deadline: float, problems: list[str]) -> None:
    """qpdf --check step by step (pikepdf.Pdf.check_pdf_syntax without linearization),
    collecting warnings into `problems`, stopping at `deadline`."""

    def on_time(*_args) -> None:
        if time.monotonic() > deadline:
            raise _OutOfTime

    with pikepdf.open(path) as pdf:
        try:
            pdf._check_document_structures()
            if len(pdf.pages) == 0:
                problems.append("file does not contain any pages")
            pdf._decode_all_streams_and_discard(on_time)
            for number, page in enumerate(pdf.pages, start=1):
                on_time()
                try:
                    pikepdf.parse_content_stream(page)
                except pikepdf.PdfError as exc:
                    problems.append(f"page {number}: {exc}")
        finally:
            problems[:0] = pdf.get_warnings()


def _describe(path: Path, problems: list[str]) -> str:
    """'页面树循环引用自身；交叉引用表缺失或错误（qpdf：...）' from qpdf's lines."""
    lines = [_without_path(path, p) for p in problems]
    lines = [line for line in lines if line and not _NOISE.search(line)] or lines
    if not lines:
        return ""
    kinds = list(dict.fromkeys(_kind(line) for line in lines))
    text = f"{'；'.join(kinds)}（qpdf：{lines[0]}）"
    return text if len(text) <= MAX_DAMAGE else text[:MAX_DAMAGE - 1] + "…"


def _kind(line: str) -> str:
    return next((label for pattern, label in _KINDS if pattern.search(line)), _GENERIC)


def _without_path(path: Path, line: str) -> str:
    """qpdf starts each line with the file's path ('/a/b.pdf (object 4 0, offset 9): ...'):
    the site must not show the folders of the machine that built it."""
    line = line.strip().replace(str(path), path.name)
    return re.sub(rf"^{re.escape(path.name)}(?: \([^)]*\))?: ", "", line)
