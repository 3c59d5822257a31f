"""A short text of any value for a message, built without ever building the whole of it.

`f"{value!r:.40}"` builds the full repr and then cuts it: for a nested list that
aliases share (a YAML alias bomb) or an int of thousands of digits that is gigabytes
or an exception. `excerpt` walks the value lazily and stops at the limit.
"""

from __future__ import annotations

import math
from typing import Any, Iterator

MAX_DEPTH = 8
"""Deeper than this a container is shown as '…' (the limit stops it sooner in practice)."""
BIG_INT_BITS = 128
"""Integers longer than this are shown by their number of digits, not their digits."""
HIDDEN_KEYS = ("__line__",)
"""Bookkeeping keys the framework loader adds to mappings: never the user's words."""


def excerpt(value: Any, limit: int = 40) -> str:
    """`value` as text of at most `limit` characters (plus '…' where cut).

    Text is shown as it is, without quotes; anything else as Python would write it.
    """
    if isinstance(value, str):
        return value if len(value) <= limit else value[: limit - 1] + "…"
    pieces: list[str] = []
    length = 0
    for piece in _pieces(value, 0, limit):
        pieces.append(piece)
        length += len(piece)
        if length > limit:
            return "".join(pieces)[: limit - 1] + "…"
    return "".join(pieces)


def _pieces(value: Any, depth: int, limit: int) -> Iterator[str]:
    """The repr of `value` in small pieces, produced only as far as they are consumed."""
    if depth > MAX_DEPTH:
        yield "…"
    elif isinstance(value, str):
        # Never more than the limit of a long string: its repr is cut anyway.
        yield repr(value[: limit + 1])
    elif isinstance(value, bool) or value is None:
        yield repr(value)
    elif isinstance(value, int):
        yield _integer(value)
    elif isinstance(value, (list, tuple)):
        opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
        yield opening
        for index, item in enumerate(value):
            if index:
                yield ", "
            yield from _pieces(item, depth + 1, limit)
        yield closing
    elif isinstance(value, dict):
        yield "{"
        first = True
        for key, item in value.items():
            if key in HIDDEN_KEYS:
                continue
            if not first:
                yield ", "
            first = False
            yield from _pieces(key, depth + 1, limit)
            yield ": "
            yield from _pieces(item, depth + 1, limit)
        yield "}"
    elif isinstance(value, (float, bytes)) or hasattr(value, "isoformat"):
        text = repr(value[: limit + 1]) if isinstance(value, bytes) else repr(value)
        yield text
    else:
        # Unknown objects: their type only, since their repr may be anything.
        yield f"<{type(value).__name__}>"


def _integer(value: int) -> str:
    if abs(value).bit_length() <= BIG_INT_BITS:
        return repr(value)
    return f"{_digits(abs(value))} 位的整数"


def _digits(number: int) -> int:
    """How many decimal digits `number` (> 0) has, without converting it to text."""
    digits = int(math.log10(number)) + 1
    # log10 of a huge int is a float: correct its last step exactly.
    if number >= 10 ** digits:
        digits += 1
    elif number < 10 ** (digits - 1):
        digits -= 1
    return digits
