"""Codes of the framework levels as people type them, read back to one form.

People number a framework's levels in many ways: Roman numerals with any
separator or none ("Ⅲ-2", "Ⅲ—2", "Ⅲ 2", "III.2", "Ⅲ2", "iii_2"), decimal codes
("1.1", "1.1.1", "2-3"), Chinese ordinals ("一、", "（一）", "第2条"), numbers
("1.", "1、", "1）", "（1）"), circled numbers ("①") and letters ("A1").
`parse_code` reads the code a name starts with into a `Code`: its style, its
numeric parts and one canonical text, however it was typed (full-width forms
folded). Names drift, codes don't: matching is by code.

Telling a code from a name: a code is read only where what follows it closes it.
- Self-delimiting styles may run straight into the name: circled numbers ("①学习"),
  bracketed numbers ("（一）学习", "(1)学习"), "第N条/项/款/章/节/部分" ("第1次",
  "第一时间" are names), Unicode Roman numerals ("Ⅲ2学习", "Ⅲ 思想建设") and
  position codes.
- A bare number ("1", "一"), a letter code ("A1") and an ASCII Roman numeral
  standing alone ("III.") need the end of the text or a separator after them: a
  blank, "、", ".", "：", "，" or ")" (a "." or "：" not followed by a digit: "1.5",
  "10:30" are numbers). So "2016年", "5G", "一带一路", "一级抓一级", "十八大",
  "三严三实", "四个全面", "一是…", "A4纸", "01-…" stay names.
- An ASCII Roman numeral runs into its number only in capitals of two letters or
  more ("III2"); "V8", "X5", "iii2" are model names, not codes.
- A decimal code ("1.1", "2-3") has parts of one or two digits, none of them 0, and
  may run into a name ("1.1学习") but not into a unit ("1.5万元", "3.5分", "2-3月").
- Numbers of four digits or more are never codes (years, dates, file numbers).

The level-keyed functions (`indicator_key`, `standard_key`, `requirement_key`)
take from this parser the styles each level is written in.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

ROMAN_CHARS = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
"""The Unicode Roman numerals, in order: 'Ⅲ' is 3."""

ROMAN_LETTERS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
"""Circled numbers ① to ⑳: '④' is requirement 4."""

CIRCLED_ALL = CIRCLED + "".join(map(chr, range(0x3251, 0x3260))) + "".join(map(chr, range(0x32B1, 0x32C0)))
"""Circled numbers ① to ㊿ (Unicode has single characters up to 50)."""

CHINESE_DIGITS = "一二三四五六七八九"

POSITION_MARK = "§"
"""Marks a code given by position to a row that had none ('§3', 'Ⅲ-2§3'): nobody types
it in a Chinese archive, it is no separator, and YAML reads it as plain text (a '#'
would start a comment)."""

SEPARATORS = r"[\s:：\-－—–_、.．·,，]"

ORDINAL_WORDS = ("部分", "条", "项", "款", "章", "节")
"""What may follow '第N' in a code: '第2条', '第三项'. '第1次', '第一时间' are names."""

UNITS = set("年月日号时分秒点万千百亿元角倍个%‰℃米斤吨克度版级届期岁天周人次名位")
"""Words that make a number a quantity ('1.5万元', '3.5分', '2-3月'), not a code."""


class Style(str, enum.Enum):
    """How a code is written; codes of two styles are two codes ('一' is not '（一）')."""

    ROMAN = "roman"                  # Ⅲ-2, Ⅲ (a category)
    DECIMAL = "decimal"              # 1.1, 1.1.1, 2-3 (read as 2.3)
    ARABIC = "arabic"                # 1. 1、 1） 1
    ARABIC_PAREN = "arabic-paren"    # （1） (1)
    CIRCLED = "circled"              # ①
    CHINESE = "chinese"              # 一、
    CHINESE_PAREN = "chinese-paren"  # （一）
    ORDINAL = "ordinal"              # 第2条 第二项
    LETTER = "letter"                # A1 A-1
    POSITION = "position"            # §3, Ⅲ-2§3: no code typed, numbered by position


@dataclass(frozen=True)
class Code:
    """A code read from the start of a name."""

    style: Style
    parts: tuple[int | str, ...]
    """Its numbers: (3, 2) for 'Ⅲ-2', (1, 1, 1) for '1.1.1', (1,) for '（一）', ('A', 1) for 'A1'."""
    canonical: str
    """One text per code, however typed: 'Ⅲ-2', '1.1.1', '一', '（一）', '第2条', 'A1', '§3'."""
    name: str
    """The text after the code and its separators, stripped ('' for a code alone)."""
    length: int
    """How many characters of the text the code and the separators after it take."""

    @property
    def number(self) -> int | str:
        """The last part: the code's number within its parent."""
        return self.parts[-1]

    @property
    def parent(self) -> str | None:
        """The canonical code of the level above, where the code itself says it: 'Ⅲ' for
        'Ⅲ-2', '1.1' for '1.1.1', 'Ⅲ-2' for 'Ⅲ-2§3'; None for a code numbered within a
        parent it does not name ('1', '（一）', '①', 'A1')."""
        if self.style is Style.POSITION:
            return self.canonical.rpartition(POSITION_MARK)[0] or None
        if self.style is Style.ROMAN and len(self.parts) == 2:
            return ROMAN_CHARS[self.parts[0] - 1]
        if self.style is Style.DECIMAL:
            return ".".join(map(str, self.parts[:-1]))
        return None


def fold_width(text: str) -> str:
    """Full-width ASCII forms to half-width ('Ｉ２' -> 'I2'); Roman numerals untouched."""
    return "".join(
        unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" else ch for ch in text
    )


def _fold_char(ch: str) -> str:
    """One character as the parser reads it: full-width ASCII, '⑴', '⒈', '㈠' and the
    ideographic space by NFKC ('(1)', '1.', '(一)', ' '); small Roman numerals to capitals."""
    if "\uff01" <= ch <= "\uff5e" or "\u2474" <= ch <= "\u249b" or "\u3220" <= ch <= "\u3229" \
            or ch == "\u3000":
        return unicodedata.normalize("NFKC", ch)
    if "\u2170" <= ch <= "\u217b":
        return chr(ord(ch) - 0x10)
    return ch


_FOLDABLE = re.compile("[\uff01-\uff5e\u2474-\u249b\u3220-\u3229\u3000\u2170-\u217b]")


def _folded(text: str) -> tuple[str, Sequence[int]]:
    """The folded text, and for each of its characters the index it came from in `text`."""
    if not _FOLDABLE.search(text):
        return text, range(len(text) + 1)
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(text))
    return "".join(out), origin


# --- numbers -------------------------------------------------------------------------

_CHINESE_NUMBER = "(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
"""一 to 九十九: '十', '十一', '二十', '二十三'."""


def chinese_value(text: str) -> int | None:
    """23 for '二十三'; None for what is not a Chinese number from 一 to 九十九 (a code)."""
    return cn_number(text) if re.fullmatch(_CHINESE_NUMBER, text) else None


def chinese_numeral(value: int) -> str:
    """'二十三' for 23 (1 to 99)."""
    return chinese_number(value)


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
def cn_number(text: str) -> int | None:
    """The value of a number written in digits or in Chinese ('三百五十' -> 350); None otherwise."""
    text = fold_width(text.strip())
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0:
                return None  # '三五': not a number as people write them
            digit = _CN_DIGITS[ch]
        else:
            unit = _CN_UNITS[ch]
            total += (1 if digit is None else digit) * unit
            digit = None
    return total + (digit or 0)


def chinese_number(value: int) -> str:
    """A positive integer below 10000 in Chinese numerals as people write them: 350 -> '三百五十'."""
    if not 0 < value < 10000:
        raise ValueError(value)
    names = "零一二三四五六七八九"
    parts, zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit % 10
        if digit == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零")
            zero = False
        parts.append(("" if unit == 10 and digit == 1 and not parts else names[digit]) + name)
    return "".join(parts)


def roman_value(text: str) -> int | None:
    """3 for 'Ⅲ', 'III' or 'iii'; None for what is not a Roman numeral of 1 to 12."""
    text = text.strip()
    if len(text) == 1 and text in ROMAN_CHARS:
        return ROMAN_CHARS.index(text) + 1
    upper = text.upper()
    if upper in ROMAN_LETTERS:
        return ROMAN_LETTERS.index(upper) + 1
    return None


def _number(text: str) -> int | None:
    """The value of 1 to 3 digits or a Chinese number; None otherwise."""
    return int(text) if text.isdigit() else chinese_value(text)


# --- the matchers: each reads one style at the start of the folded text --------------

_ROMAN_ASCII = "(?:XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)"
_ROMAN_NUMBER = re.compile(
    rf"(?P<roman>[{ROMAN_CHARS}]|(?i:{_ROMAN_ASCII}))"
    r"(?P<sep>\s*[-—–_.·]\s*|\s+|)(?P<number>\d+)"
)
_ROMAN_ALONE = re.compile(
    rf"(?P<roman>[{ROMAN_CHARS}])(?=$|[\s、.:：,，)）\u4e00-\u9fff])|(?P<ascii>{_ROMAN_ASCII})[.、:：)）](?!\d)"
)
_DECIMAL = re.compile(r"(?P<parts>\d{1,2}(?:[.\-—–_]\d{1,2})+)(?=(?P<next>.?))", re.DOTALL)
_PAREN = re.compile(rf"[（(]\s*(?P<number>\d{{1,3}}|{_CHINESE_NUMBER})\s*[）)]")
_ORDINAL = re.compile(rf"第\s*(?P<number>\d{{1,3}}|{_CHINESE_NUMBER})\s*(?P<word>{'|'.join(ORDINAL_WORDS)})")
_LETTER = re.compile(r"(?P<letter>[A-Z])[-_.]?(?P<number>\d{1,3})(?=(?P<next>.?))", re.DOTALL)
_BARE = re.compile(rf"(?P<number>\d{{1,3}}|{_CHINESE_NUMBER})(?P<close>[)）、.．:：,，]?)")
_POSITION = re.compile(rf"(?P<parent>[^\s{POSITION_MARK}]*){POSITION_MARK}(?P<number>\d+)")

_CLOSING = re.compile(r"$|[\s、,，)）]|[:：](?![A-Za-z0-9])|\.(?!\d)")
"""What may follow a bare number, a letter code or a decimal code."""

_Read = tuple[Style, tuple, str, int]
"""A matcher's reading: style, parts, canonical text, where the code ends in the folded text."""


def _read_position(text: str, at: int) -> _Read | None:
    match = _POSITION.match(text, at) if POSITION_MARK in text else None
    if not match:
        return None
    parent, number = match.group("parent"), int(match.group("number"))
    if not parent:
        return Style.POSITION, (number,), f"{POSITION_MARK}{number}", match.end()
    code = parse_code(parent)
    if code is None or code.canonical != parent:
        return None
    return Style.POSITION, (*code.parts, number), f"{parent}{POSITION_MARK}{number}", match.end()


def _read_ordinal(text: str, at: int) -> _Read | None:
    match = _ORDINAL.match(text, at)
    if not match:
        return None
    number = _number(match.group("number"))
    return Style.ORDINAL, (number,), f"第{number}{match.group('word')}", match.end()


def _read_circled(text: str, at: int) -> _Read | None:
    if at < len(text) and text[at] in CIRCLED_ALL:
        return Style.CIRCLED, (CIRCLED_ALL.index(text[at]) + 1,), text[at], at + 1
    return None


def _read_paren(text: str, at: int) -> _Read | None:
    match = _PAREN.match(text, at)
    if not match:
        return None
    raw = match.group("number")
    number = _number(raw)
    if raw.isdigit():
        return Style.ARABIC_PAREN, (number,), f"（{number}）", match.end()
    return Style.CHINESE_PAREN, (number,), f"（{raw}）", match.end()


def _read_roman(text: str, at: int) -> _Read | None:
    match = _ROMAN_NUMBER.match(text, at)
    if match and _roman_number_closes(text, match):
        value = roman_value(match.group("roman"))
        number = int(match.group("number"))
        return Style.ROMAN, (value, number), f"{ROMAN_CHARS[value - 1]}-{number}", match.end()
    match = _ROMAN_ALONE.match(text, at)
    if match:
        value = roman_value(match.group("roman") or match.group("ascii"))
        return Style.ROMAN, (value,), ROMAN_CHARS[value - 1], match.end()
    return None


def _roman_number_closes(text: str, match: re.Match) -> bool:
    """'Ⅲ2' and 'III2' are codes; 'V8', 'X5', 'iii2' (a letter and a number run together)
    and 'III2A' are not."""
    roman = match.group("roman")
    if roman in ROMAN_CHARS or match.group("sep"):
        return True
    if len(roman) < 2 or not roman.isupper():
        return False
    return not re.match(r"[A-Za-z0-9]", text[match.end():match.end() + 1])


def _read_decimal(text: str, at: int) -> _Read | None:
    match = _DECIMAL.match(text, at)
    if not match:
        return None
    parts = tuple(int(p) for p in re.split(r"[.\-—–_]", match.group("parts")))
    following = match.group("next")
    runs_into_name = following and "\u4e00" <= following <= "\u9fff" and following not in UNITS
    if 0 in parts or not (_CLOSING.match(text, match.end()) or runs_into_name):
        return None
    return Style.DECIMAL, parts, ".".join(map(str, parts)), match.end()


def _read_letter(text: str, at: int) -> _Read | None:
    match = _LETTER.match(text, at)
    if not match or not _CLOSING.match(text, match.end()):
        return None
    letter, number = match.group("letter"), int(match.group("number"))
    return Style.LETTER, (letter, number), f"{letter}{number}", match.end()


def _read_bare(text: str, at: int) -> _Read | None:
    """'1.', '1、', '1）', '1 ', '一、', '一 ', or a number alone."""
    match = _BARE.match(text, at)
    if not match:
        return None
    end = match.end()
    close = match.group("close")
    if close in (".", "．", ":", "：") and re.match(r"\d", text[end:end + 1]):
        return None  # 1.5, 10:30
    if not close and not _CLOSING.match(text, end):
        return None
    raw = match.group("number")
    number = _number(raw)
    if raw.isdigit():
        return Style.ARABIC, (number,), str(number), end
    return Style.CHINESE, (number,), raw, end


_READERS = (_read_position, _read_ordinal, _read_circled, _read_paren, _read_roman,
            _read_decimal, _read_letter, _read_bare)
"""In order: the self-delimiting styles first, the bare number last."""

_SEPARATOR_RUN = re.compile(rf"{SEPARATORS}*")


_CODE_START = re.compile(
    rf"\s*[0-9０-９（(第§A-ZＡ-Ｚ{ROMAN_CHARS}ⅰ-ⅻiIvVxXｉｖｘ{CIRCLED_ALL}{CHINESE_DIGITS}十\u2474-\u249b\u3220-\u3229]"
)
"""The characters a code can start with: most names start otherwise and are let go at once."""

CODE_PREFIX = 40
"""Characters read past leading blanks: a code and what closes it are shorter."""


@functools.lru_cache(maxsize=8192)
def parse_code(text: str) -> Code | None:
    """The code `text` starts with, or None when it starts with a name."""
    if not _CODE_START.match(text):
        return None
    blank = len(text) - len(text.lstrip())
    folded, origin = _folded(text[:blank + CODE_PREFIX])
    for reader in _READERS:
        reading = reader(folded, blank)
        if reading is not None:
            style, parts, canonical, end = reading
            start = _SEPARATOR_RUN.match(text, origin[end]).end()
            return Code(style=style, parts=parts, canonical=canonical,
                        name=text[start:].strip(), length=start)
    return None


def canonical(text: str) -> str | None:
    """The canonical text of the code `text` starts with ('III.2 学习' -> 'Ⅲ-2'), or None."""
    code = parse_code(text)
    return code.canonical if code else None


def position_code(parent_code: str | None, index: int) -> str:
    """The code of a row typed without one, from its place: '§3' (the third), 'Ⅲ-2§3'
    (the third below Ⅲ-2). It reads back as a code of style POSITION, and no person
    types it, so the site can show it as a position rather than a number."""
    return f"{parent_code or ''}{POSITION_MARK}{index}"


def is_position_code(code: str | None) -> bool:
    return bool(code) and POSITION_MARK in code


def shown_code(code: str) -> str:
    """A code as the site shows it: a position code says it is one ('Ⅲ-2§3' ->
    'Ⅲ-2（无编号，第3项）'), so nobody takes it for a number typed in the table."""
    if not is_position_code(code):
        return code
    parent, _, index = code.rpartition(POSITION_MARK)
    return f"{parent}（无编号，第{index}项）"


# --- one level's code ------------------------------------------------------------------

INDICATOR_STYLES = {Style.ROMAN, Style.DECIMAL, Style.LETTER}
STANDARD_STYLES = {Style.ARABIC, Style.ARABIC_PAREN, Style.CHINESE, Style.CHINESE_PAREN, Style.ORDINAL}
REQUIREMENT_STYLES = {Style.CIRCLED, Style.ARABIC_PAREN, Style.CHINESE_PAREN}


def _level_code(text: str, styles: set[Style]) -> Code | None:
    code = parse_code(text)
    return code if code is not None and code.style in styles else None


def indicator_key(text: str) -> str | None:
    """The canonical code an indicator name starts with ('Ⅲ-2' for 'III.2 学习制度',
    'Ⅲ 16 制度化建设' -> 'Ⅲ-16'; '1.1', 'A1' for frameworks numbered so), or None."""
    code = _level_code(text, INDICATOR_STYLES)
    if code is None or (code.style is Style.ROMAN and len(code.parts) != 2):
        return None
    return code.canonical


def indicator_slug(code: str) -> str:
    """An ASCII name for an indicator's page: 'Ⅲ-2' -> 'iii-2'; other text kept safe."""
    read = _level_code(code, {Style.ROMAN})
    if read is not None and len(read.parts) == 2:
        roman, number = read.parts
        return f"{ROMAN_LETTERS[roman - 1].lower()}-{number}"
    return safe_slug(code)


def standard_key(text: str) -> str | None:
    """The number ('1') a standard's name or text starts with ('1）', '1)', '1.', '（一）',
    '二、', '第2条'), or None."""
    code = _level_code(text, STANDARD_STYLES)
    return str(code.number) if code else None


def requirement_key(text: str) -> str | None:
    """The number ('4') a requirement's name starts with ('④', '(4)', '（4）', '（四）'), or None."""
    code = _level_code(text, REQUIREMENT_STYLES)
    return str(code.number) if code else None


def circled(number: str | int) -> str:
    """'④' for 4; the plain number past 20."""
    value = int(number)
    return CIRCLED[value - 1] if 1 <= value <= len(CIRCLED) else f"({value})"


def strip_code(text: str) -> str:
    """A name without its leading code and separators: '① 学习制度规范文件' -> '学习制度规范文件'."""
    code = parse_code(text)
    return (code.name if code else "") or text.strip()


def safe_slug(text: str) -> str:
    """Keep letters, digits, CJK and '-'; everything else becomes '-'."""
    slug = re.sub(r"[^\w\u4e00-\u9fff-]+", "-", fold_width(text), flags=re.UNICODE).strip("-")
    return slug.lower() or "x"
