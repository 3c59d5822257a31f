"""What a file's type lets a browser or a computer do with it when it is opened.

The binder shows an archive's files in a web site, often served from the intranet under
the same origin as its pages. A file a browser runs when it opens it (a web page, an SVG
or XML document with script, a script) would run with the binder's own rights there, so
such files reach the site only under a neutral name, as downloads. Executables are not
evidence at all. The lists are by extension, as browsers and servers decide by it; the
yearly 四性检测 reads the same lists.
"""

from __future__ import annotations

import os

ACTIVE_SUFFIXES = frozenset({
    ".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml",
    ".svg", ".svgz", ".xml", ".xsl", ".xslt",
})
"""Documents a browser renders with script enabled when served under their own type."""

EXECUTABLE_SUFFIXES = frozenset({
    ".js", ".mjs", ".vbs", ".vbe", ".jse", ".wsf", ".wsh", ".hta", ".ps1", ".psm1",
    ".exe", ".com", ".scr", ".pif", ".msi", ".msp", ".dll", ".cpl", ".jar",
    ".bat", ".cmd", ".sh", ".bash", ".py", ".pyw", ".php", ".lnk", ".reg", ".apk",
})
"""Programs and scripts: run by the computer (or a browser, for .js) rather than read."""

MACRO_SUFFIXES = frozenset({".docm", ".dotm", ".xlsm", ".xltm", ".xlsb", ".pptm", ".potm", ".ppsm"})
"""Office files that carry macros by their type."""

NEUTRAL_SUFFIX = ".txt"
"""Added to the site copy of an active file: a browser then shows its source as text."""


def suffix_of(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def is_active(name: str) -> bool:
    """A document a browser would run script in: it must not be served under its own type."""
    return suffix_of(name) in ACTIVE_SUFFIXES


def is_executable(name: str) -> bool:
    return suffix_of(name) in EXECUTABLE_SUFFIXES


def is_runnable(name: str) -> bool:
    """Anything that runs when opened: active documents and executables alike."""
    return is_active(name) or is_executable(name)


NOTE_NAMES = frozenset(stem + suffix for stem in ("说明", "情况说明") for suffix in (".txt", ".md"))
"""A note file: what a unit says about a requirement (why it has no material), in the
requirement's folder. The inspector edition shows its text, not the file (archive.notes
reads it). Exact names only: '01-…情况说明报告.docx' is a report, i.e. material."""


def is_note(name: str) -> bool:
    return name.strip().lower() in NOTE_NAMES
