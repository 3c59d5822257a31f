"""The text of a Word 97-2003 binary document (.doc, and the .wps of WPS Office), read by
Debian's antiword in a subprocess.

Why antiword: it is the reader Debian keeps for this format (security fixes included,
0.37-16+deb12u1), it decodes the Unicode pieces a Chinese document is stored in, it is a
single small binary (1.3 MB installed) that answers in 17-19 ms per report here, and it
is installed by tools/ensure-doc-reader.sh (called by `make test`); with `-w 0` it prints
one line per paragraph. The alternatives: LibreOffice (`soffice --headless
--convert-to`) reads the same files but took 4.5 s for one conversion and is a 263 MB
install; catdoc (Debian too) printed the same text of the corpus's .doc but was not
measured further; the pure-Python reader on PyPI (legacy-doc 0.2.1) is alpha, searches
the table stream for something that looks like a piece table instead of reading fcClx
from the FIB, and trusts FIB fields [MS-DOC] says to ignore.

What a .wps is: WPS Office (2005 and later) saves "WPS 文字" documents as the Word 97
binary format in an OLE compound file, the same 'WordDocument' stream and FIB as a .doc,
so the same reader reads both. The DOS-era Kingsoft WPS format and Microsoft Works .wps
have no 'WordDocument' stream: legacy.word_problem reports them before this runs.

antiword is C reading hostile bytes: it runs under `prlimit` (address space and CPU
time) and a wall-clock timeout, with no shell; whatever goes wrong is a Problem with a
Chinese reason, or "text not read" when the tool is missing, never an exception.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .model import Paragraph, Problem

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 20.0
"""Wall-clock time one document may take (a 300-page .doc reads in well under a second)."""
MEMORY_BYTES = 512 * 1024 * 1024
"""Address space antiword may map: a document that needs more is hostile."""
MAX_OUTPUT_CHARS = 2_000_000
"""Text kept of one document (a 500-page report is ~400,000 characters)."""

_COMMAND = ("antiword", "-m", "UTF-8.txt", "-w", "0")
"""UTF-8 output, one line per paragraph (no wrapping)."""

reads = 0
"""How many documents this process handed to antiword (tests count re-reads with it)."""


@dataclass(frozen=True)
class WordText:
    """What reading a binary Word document gave."""

    paragraphs: tuple[Paragraph, ...] = ()
    readable: bool = False
    """False when the text was not read (no reader installed): the checks say 'to verify'."""
    problem: Problem | None = None


def reader_available() -> bool:
    """Whether antiword and prlimit are on this machine."""
    return shutil.which(_COMMAND[0]) is not None and shutil.which("prlimit") is not None


def read_word_text(path: Path) -> WordText:
    """The paragraphs of a .doc/.wps whose OLE header was found sound (legacy.word_problem)."""
    global reads
    if not reader_available():
        log.debug("antiword not installed: text of %s not read", path)
        return WordText()
    reads += 1
    try:
        done = subprocess.run(_limited(path), capture_output=True, timeout=TIMEOUT_SECONDS,
                              env=_environment(), stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired:
        return WordText(problem=Problem(
            "unsupported", f"读取 Word 文档的文字超过 {TIMEOUT_SECONDS:.0f} 秒仍未完成，已停止；"
                           "文件可能已损坏，请在 Word/WPS 中打开后另存为 .docx"))
    except OSError as exc:
        log.debug("antiword could not start for %s: %r", path, exc)
        return WordText()
    if done.returncode != 0:
        return WordText(problem=_failure(done))
    text = done.stdout.decode("utf-8", errors="replace")[:MAX_OUTPUT_CHARS]
    return WordText(paragraphs=tuple(_paragraphs(text)), readable=True)


def _limited(path: Path) -> list[str]:
    """The command under prlimit: an absolute path, so a name starting with '-' stays a name."""
    cpu = str(max(1, math.ceil(TIMEOUT_SECONDS)))
    return ["prlimit", f"--as={MEMORY_BYTES}", f"--cpu={cpu}", "--", *_COMMAND, str(path.resolve())]


def _environment() -> dict[str, str]:
    """A minimal environment: the system's mapping files, UTF-8, no user configuration."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "HOME": "/nonexistent"}


def _failure(done: subprocess.CompletedProcess) -> Problem:
    """Why antiword gave up on a file whose OLE header looked like Word."""
    said = done.stderr.decode("utf-8", errors="replace").strip().splitlines()
    if done.returncode < 0:
        return Problem("corrupt", "Word 文档已损坏：读取文字时读取程序异常终止"
                                  f"（信号 {-done.returncode}），Word/WPS 可能也无法正常打开")
    if any("not a Word Document" in line for line in said):
        return Problem("corrupt", "Word 文档已损坏：文件头完整，但正文数据（文本段表）无法读取，"
                                  "Word/WPS 可能无法打开")
    if any("encrypt" in line.lower() for line in said):
        return Problem("encrypted", "Word 文档受密码保护（已加密），无法读取内容；请取消密码后重新保存")
    detail = f"（{said[-1][:120]}）" if said else ""
    return Problem("corrupt", f"Word 文档已损坏：正文文字无法读取{detail}")


def _paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-empty line (antiword prints a blank line between paragraphs);
    its picture placeholders are not text."""
    lines = (line.replace("[pic]", "").strip() for line in text.replace("\f", "\n").splitlines())
    return [Paragraph(text=line) for line in lines if line]
