"""Names that survive Windows and the zip readers used on it.

A package is unpacked on a Chinese Windows desktop, often by tools that read a zip entry's
name in the system code page (GBK) whatever flag it carries. So every name:
- has none of the characters Windows refuses (<>:"/\\|?* and controls): the full-width
  form takes their place, which reads the same to a person;
- encodes in GBK: a character that does not is replaced by its compatibility form when that
  one does ('ⅰ' -> 'i'), else by '_';
- is no reserved device name (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension);
- ends in neither a dot nor a space (Windows drops them and then can't find the file);
- keeps within a length that leaves a margin for where it is unpacked (MAX_PATH is 260);
- is unique in its folder the way Windows compares names (case-insensitively).
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME = 100
"""Characters in one file or folder name."""
MAX_PATH = 160
"""Characters in a path inside the package: MAX_PATH (260) less about 100 for where it is
unpacked ('C:\\Users\\某某\\Desktop\\网申资料包-某单位\\')."""

_FULL_WIDTH = str.maketrans({"<": "＜", ">": "＞", ":": "：", '"': "＂", "/": "／", "\\": "＼",
                             "|": "｜", "?": "？", "*": "＊"})
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def encodes_in_gbk(text: str) -> bool:
    try:
        text.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def safe_name(name: str, limit: int = MAX_NAME) -> str:
    """`name` (one component, extension included) made safe; never empty."""
    name = _CONTROLS.sub("", unicodedata.normalize("NFC", name)).translate(_FULL_WIDTH)
    name = "".join(_gbk_char(ch) for ch in name)
    stem, dot, extension = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    extension = extension.strip(" ")
    if len(extension) > 10 or not extension:  # no real extension: the dot belongs to the name
        stem, dot, extension = name, "", ""
    stem = stem.strip(" ")
    room = max(1, limit - len(dot + extension))
    stem = stem[:room].rstrip(". ") or "_"
    if stem.split(".")[0].strip(" ").upper() in _RESERVED:
        stem = "_" + stem[: room - 1]
    return (stem + dot + extension).rstrip(". ") or "_"


def numbered(name: str, number: int, keep_end: str = "") -> str:
    """The `number`th name of that name in a folder: '会议通知.pdf' -> '会议通知（2）.pdf'; the
    mark goes before `keep_end` when the name ends with it ('…（2）+说明报告.docx')."""
    stem, dot, extension = name.rpartition(".") if "." in name else (name, "", "")
    end = keep_end if keep_end and stem.endswith(keep_end) else ""
    stem = stem.removesuffix(end) if end else stem
    mark = f"（{number}）"
    return safe_name(stem[: MAX_NAME - len(mark + end) - len(dot + extension)] + mark + end + dot + extension)


class Folder:
    """The names given in one folder, compared as Windows compares them."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, name: str, limit: int = MAX_NAME, keep_end: str = "") -> str:
        """`name` made safe and unique here (numbered when it is taken, before `keep_end`), within `limit`."""
        candidate = safe_name(name, limit)
        number = 1
        while candidate.casefold() in self._taken:
            number += 1
            candidate = safe_name(numbered(safe_name(name, limit - 6), number, keep_end), limit)
        self._taken.add(candidate.casefold())
        return candidate


def _gbk_char(ch: str) -> str:
    if encodes_in_gbk(ch):
        return ch
    folded = unicodedata.normalize("NFKC", ch).translate(_FULL_WIDTH)
    if folded and encodes_in_gbk(folded) and not _CONTROLS.search(folded):
        return folded
    return "" if unicodedata.category(ch).startswith("S") else "_"  # an emoji adds nothing to a name
