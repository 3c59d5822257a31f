"""What a unit says about a requirement it has no material for: a note file in the
requirement's folder (说明.txt, 情况说明.md ...). The inspector edition shows its text in
place of the materials; the internal edition lists it as any other file.

Read here, by the plugin, never by the renderer: bounded, never following a link, and a
note that can't be read is simply not shown (the internal edition's checks see the file).
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from ..content_types import NOTE_NAMES, is_note

__all__ = ["NOTE_NAMES", "is_note", "read_note"]

log = logging.getLogger(__name__)

NOTE_LIMIT = 20_000
"""Bytes of a note read and shown: a note is a few sentences, not a document."""


def read_note(path: Path) -> str | None:
    """The note's text (UTF-8, else GB18030, the encoding Windows' Notepad used for years),
    or None when it can't be read or says nothing."""
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # a pipe, a device
                return None
            data = handle.read(NOTE_LIMIT + 1)
    except OSError as exc:
        log.debug("note %s not read: %r", path, exc)
        return None
    cut = len(data) > NOTE_LIMIT
    data = data[:NOTE_LIMIT]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError as error:
            if cut and error.start >= len(data) - 4:  # a character cut at the limit
                text = data[:error.start].decode(encoding, errors="ignore")
                break
    else:
        return None
    text = text.strip()
    return (text + ("……" if cut else "")) if text else None
