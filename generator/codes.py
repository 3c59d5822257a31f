"""Codes of the framework levels as people type them, read back to one form.

An indicator code is a Roman numeral and a number ("Ⅲ-2", "III-2", "Ⅲ－2",
"iii_2"); a standard code is a number ("1）", "1)", "1.", "1、", "（1）" at the
start of a name); a requirement code is a circled number ("①") or a number in
brackets ("(1)", "（1）"). Names drift, codes don't: matching is by code.
"""

from __future__ import annotations

import re
import unicodedata

ROMAN_CHARS = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
"""The Unicode Roman numerals, in order: 'Ⅲ' is 3."""

ROMAN_LETTERS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
"""Circled numbers ① to ⑳: '④' is requirement 4."""

SEPARATORS = r"[\s:：\-－—–_、.．·,，]"

_INDICATOR = re.compile(
    r"^\s*(?P<roman>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]|X{0,1}(?:IX|IV|V?I{0,3}))\s*[\-－—–_.．·]\s*(?P<number>\d+)",
    re.IGNORECASE,
)
_STANDARD = re.compile(r"^\s*[（(]?(?P<number>\d+)\s*(?:[）)]|[.．、]|\s|$)")
_REQUIREMENT = re.compile(r"^\s*(?:(?P<circled>[①-⑳])|[（(](?P<number>\d+)[）)])")


def fold_width(text: str) -> str:
    """Full-width ASCII forms to half-width ('Ｉ２' -> 'I2'); Roman numerals untouched."""
    return "".join(
        unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" else ch for ch in text
    )


def roman_value(text: str) -> int | None:
    """3 for 'Ⅲ', 'III' or 'iii'; None for what is not a Roman numeral of 1 to 12."""
    text = text.strip()
    if len(text) == 1 and text in ROMAN_CHARS:
        return ROMAN_CHARS.index(text) + 1
    upper = text.upper()
    if upper in ROMAN_LETTERS:
        return ROMAN_LETTERS.index(upper) + 1
    return None


def indicator_key(text: str) -> str | None:
    """The canonical code ('Ⅲ-2') an indicator name starts with, or None."""
    match = _INDICATOR.match(fold_width(text))
    if not match or not match.group("roman"):
        return None
    value = roman_value(match.group("roman"))
    if value is None:
        return None
    return f"{ROMAN_CHARS[value - 1]}-{int(match.group('number'))}"


def indicator_slug(code: str) -> str:
    """An ASCII name for an indicator's page: 'Ⅲ-2' -> 'iii-2'; other text kept safe."""
    key = indicator_key(code)
    if key:
        roman, number = key.split("-")
        return f"{ROMAN_LETTERS[ROMAN_CHARS.index(roman)].lower()}-{number}"
    return safe_slug(code)


def standard_key(text: str) -> str | None:
    """The number ('1') a standard's name or text starts with ('1）', '1)', '1.'), or None."""
    match = _STANDARD.match(fold_width(text))
    return str(int(match.group("number"))) if match else None


def requirement_key(text: str) -> str | None:
    """The number ('4') a requirement's name starts with ('④', '(4)', '（4）'), or None."""
    match = _REQUIREMENT.match(fold_width(text))
    if not match:
        return None
    if match.group("circled"):
        return str(CIRCLED.index(match.group("circled")) + 1)
    return str(int(match.group("number")))


def circled(number: str | int) -> str:
    """'④' for 4; the plain number past 20."""
    value = int(number)
    return CIRCLED[value - 1] if 1 <= value <= len(CIRCLED) else f"({value})"


def strip_code(text: str) -> str:
    """A name without its leading code and separators: '① 学习制度规范文件' -> '学习制度规范文件'."""
    folded = fold_width(text)
    for pattern in (_INDICATOR, _REQUIREMENT, _STANDARD):
        match = pattern.match(folded)
        if match:
            return re.sub(rf"^{SEPARATORS}+", "", text[match.end():]).strip() or text.strip()
    return text.strip()


def safe_slug(text: str) -> str:
    """Keep letters, digits, CJK and '-'; everything else becomes '-'."""
    slug = re.sub(r"[^\w\u4e00-\u9fff-]+", "-", fold_width(text), flags=re.UNICODE).strip("-")
    return slug.lower() or "x"
