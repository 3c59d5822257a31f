"""Counting text: the way an official counts a report's length, and terminal columns.

An official asking for "300字左右" counts what carries content: Chinese characters,
letters and digits. Whitespace and punctuation do not count.
"""

from __future__ import annotations

import unicodedata


def is_counted(ch: str) -> bool:
    """Whether one character counts towards a report's length.

    Counted: every Unicode letter (categories L*, which hold the CJK ideographs, kana,
    Latin, Cyrillic, ...) and every Unicode number (N*: ASCII and full-width digits
    '2' '２', Roman numerals 'Ⅲ', '〇', circled numbers '①'). Not counted: whitespace,
    punctuation (Chinese '，。、（）' or ASCII), symbols, emoji, control characters.
    """
    return unicodedata.category(ch)[0] in "LN"


def count_chars(text: str) -> int:
    """Number of counted characters in `text` (see `is_counted`).

    Each CJK ideograph counts one, and so does each letter and each digit: a Latin word
    counts its letters, not one per word ('中心组学习 2016年 abc' counts 5 + 4 + 1 + 3 = 13).
    """
    return sum(1 for ch in text if is_counted(ch))


def display_width(text: str) -> int:
    """Terminal columns `text` takes (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal columns."""
    return text + " " * max(width - display_width(text), 0)


def size_text(size: int) -> str:
    """A file's size as the user reads it: '1.86 MB', '820 KB', '96 B'. The site, the
    printed binder and the CLI all say it this way."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.2f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} B"


def length_text(seconds: float | None) -> str:
    """A video's or recording's length as the user reads it: '3分05秒', '1小时02分';
    '' when unknown. The site and the printed binder both say it this way."""
    if seconds is None or seconds < 0:
        return ""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}小时{minutes:02d}分" if hours else f"{minutes}分{secs:02d}秒"
