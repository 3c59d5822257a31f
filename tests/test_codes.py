from hypothesis import given
from hypothesis import strategies as st

from generator import codes

ROMAN = st.integers(min_value=1, max_value=12)
NUMBER = st.integers(min_value=1, max_value=99)
SEPARATOR = st.sampled_from(["-", "－", "—", "_", ".", "·"])
NAME_SEPARATOR = st.sampled_from([" ", ":", "：", "-", "_", "、", ".", ""])


@given(ROMAN, NUMBER, SEPARATOR, NAME_SEPARATOR, st.booleans(), st.booleans())
def test_indicator_codes_read_back_however_typed(roman, number, sep, name_sep, letters, full_width):
    numeral = codes.ROMAN_LETTERS[roman - 1] if letters else codes.ROMAN_CHARS[roman - 1]
    digits = str(number)
    if full_width:
        digits = "".join(chr(ord(d) + 0xFEE0) for d in digits)
    name = f"{numeral}{sep}{digits}{name_sep}健全完善学习制度"
    assert codes.indicator_key(name) == f"{codes.ROMAN_CHARS[roman - 1]}-{number}"


@given(NUMBER, st.sampled_from(["{n}）", "{n})", "{n}.", "{n}、", "（{n}）", "({n})", "{n} "]))
def test_standard_codes_read_back(number, form):
    assert codes.standard_key(form.format(n=number) + "中心组学习示范带动") == str(number)


@given(st.integers(min_value=1, max_value=20), st.booleans())
def test_requirement_codes_read_back(number, circled):
    name = (codes.circled(number) if circled else f"（{number}）") + " 学习制度规范文件"
    assert codes.requirement_key(name) == str(number)


def test_names_that_are_not_codes():
    assert codes.indicator_key("临时") is None
    assert codes.indicator_key("Video-1") is None
    assert codes.standard_key("2016年10月12日+会议室") is None
    assert codes.requirement_key("学习会议材料") is None


def test_lowercase_letters_and_slug():
    assert codes.indicator_key("iii-16 制度化建设") == "Ⅲ-16"
    assert codes.indicator_slug("Ⅲ-16") == "iii-16"
    assert codes.strip_code("① 学习制度规范文件") == "学习制度规范文件"
    assert codes.strip_code("Ⅲ-2：健全完善学习制度") == "健全完善学习制度"
