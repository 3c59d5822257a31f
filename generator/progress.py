"""A progress line on the terminal while a long inspection runs.

`inspect_files` reports `(done, total)` after the cache and after each freshly inspected
file; `ProgressLine` turns that into one line rewritten in place on stderr:

    正在检查档案文件：523/1254（41%），约剩 12 秒

and closes it with what was done. It shows nothing unless the stream is a terminal and
enough files need inspecting to be worth it: a warm build, a test or a log file gets no
line at all.
"""

from __future__ import annotations

import sys
import time
import unicodedata
from typing import Callable, TextIO

MIN_FILES = 50
"""Files to inspect (not from the cache) below which no line is shown."""
INTERVAL = 0.25
"""Seconds between two redraws."""


class ProgressLine:
    """A `progress(done, total)` callback drawing one Chinese line on a terminal."""

    def __init__(self, stream: TextIO, *, min_files: int = MIN_FILES, interval: float = INTERVAL,
                 clock: Callable[[], float] = time.monotonic):
        self.stream = stream
        self.min_files = min_files
        self.interval = interval
        self.clock = clock
        self._first: int | None = None
        """Files already done at the first call: those from the cache."""
        self._shown = False
        self._started = 0.0
        self._drawn: float | None = None
        self._width = 0
        """Display width of the widest line drawn: a shorter one is padded over it."""

    @classmethod
    def on_terminal(cls, stream: TextIO | None = None) -> ProgressLine | None:
        """A progress line on `stream` (stderr by default) if it is a terminal, else None."""
        stream = sys.stderr if stream is None else stream
        try:
            interactive = stream.isatty()
        except (AttributeError, ValueError):
            interactive = False
        return cls(stream) if interactive else None

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if self._first is None:
            self._first, self._started = done, now
            self._shown = total - done >= self.min_files
        if not self._shown:
            return
        if done >= total:
            cached = f"（另有 {self._first} 个取自缓存）" if self._first else ""
            self._draw(f"已检查 {total - self._first} 个文件{cached}，用时 {now - self._started:.0f} 秒", end="\n")
            self._shown = False
            return
        if self._drawn is not None and now - self._drawn < self.interval:
            return
        self._drawn = now
        self._draw(f"正在检查档案文件：{done}/{total}（{done * 100 // total}%）{self._remaining(done, total, now)}")

    def _remaining(self, done: int, total: int, now: float) -> str:
        fresh, elapsed = done - (self._first or 0), now - self._started
        if fresh < 5 or elapsed < 1:
            return ""
        return f"，约剩 {(total - done) * elapsed / fresh:.0f} 秒"

    def _draw(self, line: str, end: str = "") -> None:
        """Rewrite the line in place: carriage return, the text, spaces over what was longer
        (no terminal escape codes: the Windows console shows them as they are)."""
        width = _display_width(line)
        padding = " " * max(0, self._width - width)
        self._width = max(self._width, width)
        try:
            self.stream.write(f"\r{line}{padding}{end}")
            self.stream.flush()
        except (OSError, ValueError):
            self._shown = False  # a closed terminal must not stop the build


def _display_width(text: str) -> int:
    """Terminal columns of `text`: Chinese characters and full-width forms take two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)
