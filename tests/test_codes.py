import pytest
from hypothesis import given, settings
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


# --- the parser: every style, every separator, and the names that are not codes ---------

S = codes.Style
ROMAN_STYLE, DECIMAL, ARABIC, ARABIC_PAREN = S.ROMAN, S.DECIMAL, S.ARABIC, S.ARABIC_PAREN
CIRCLED, CHINESE, CHINESE_PAREN = S.CIRCLED, S.CHINESE, S.CHINESE_PAREN
ORDINAL, LETTER, POSITION = S.ORDINAL, S.LETTER, S.POSITION

PARSED = [
    # Roman numeral and number, any separator or none
    ("Ⅲ-2 健全完善学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "健全完善学习制度"),
    ("Ⅲ—2 健全完善学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "健全完善学习制度"),
    ("Ⅲ－2 健全完善学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "健全完善学习制度"),
    ("Ⅲ–2 健全完善学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "健全完善学习制度"),
    ("Ⅲ 2 健全完善学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "健全完善学习制度"),
    ("Ⅲ　2　健全完善学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "健全完善学习制度"),
    ("III.2 学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "学习制度"),
    ("Ⅲ2健全完善学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "健全完善学习制度"),
    ("iii_2 学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "学习制度"),
    ("III_2：学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "学习制度"),
    ("Ⅲ·2 学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "学习制度"),
    ("Ⅲ．2 学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "学习制度"),
    ("Ⅲ - 2 学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "学习制度"),
    ("III2 学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "学习制度"),
    ("ⅲ-2 学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "学习制度"),
    ("ＩＩＩ－２ 学习制度", ROMAN_STYLE, (3, 2), "Ⅲ-2", "学习制度"),
    ("Ⅲ 16 制度化建设", ROMAN_STYLE, (3, 16), "Ⅲ-16", "制度化建设"),
    ("Ⅻ-3", ROMAN_STYLE, (12, 3), "Ⅻ-3", ""),
    ("XII-3 队伍建设", ROMAN_STYLE, (12, 3), "Ⅻ-3", "队伍建设"),
    ("IV.10 文化建设", ROMAN_STYLE, (4, 10), "Ⅳ-10", "文化建设"),
    # a Roman numeral alone: a category
    ("Ⅲ 思想道德建设", ROMAN_STYLE, (3,), "Ⅲ", "思想道德建设"),
    ("Ⅱ、精神文明", ROMAN_STYLE, (2,), "Ⅱ", "精神文明"),
    ("III. 思想道德建设", ROMAN_STYLE, (3,), "Ⅲ", "思想道德建设"),
    # decimal codes
    ("1.1 组织领导", DECIMAL, (1, 1), "1.1", "组织领导"),
    ("1.1.1 组织领导", DECIMAL, (1, 1, 1), "1.1.1", "组织领导"),
    ("2-3 学习制度", DECIMAL, (2, 3), "2.3", "学习制度"),
    ("2－3 学习制度", DECIMAL, (2, 3), "2.3", "学习制度"),
    ("１．２ 学习制度", DECIMAL, (1, 2), "1.2", "学习制度"),
    ("1.1学习制度", DECIMAL, (1, 1), "1.1", "学习制度"),
    ("1.2.3、学习制度", DECIMAL, (1, 2, 3), "1.2.3", "学习制度"),
    ("10.12", DECIMAL, (10, 12), "10.12", ""),
    ("01.02 学习", DECIMAL, (1, 2), "1.2", "学习"),
    # numbers
    ("1. 中心组学习", ARABIC, (1,), "1", "中心组学习"),
    ("1、中心组学习", ARABIC, (1,), "1", "中心组学习"),
    ("1）中心组学习", ARABIC, (1,), "1", "中心组学习"),
    ("1) 中心组学习", ARABIC, (1,), "1", "中心组学习"),
    ("1 中心组学习", ARABIC, (1,), "1", "中心组学习"),
    ("1：中心组学习", ARABIC, (1,), "1", "中心组学习"),
    ("１２、中心组学习", ARABIC, (12,), "12", "中心组学习"),
    ("⒈中心组学习", ARABIC, (1,), "1", "中心组学习"),
    ("3", ARABIC, (3,), "3", ""),
    ("（1）会议材料", ARABIC_PAREN, (1,), "（1）", "会议材料"),
    ("(1)会议材料", ARABIC_PAREN, (1,), "（1）", "会议材料"),
    ("（ 12 ）会议材料", ARABIC_PAREN, (12,), "（12）", "会议材料"),
    ("（１）会议材料", ARABIC_PAREN, (1,), "（1）", "会议材料"),
    ("⑷会议材料", ARABIC_PAREN, (4,), "（4）", "会议材料"),
    ("①学习制度规范文件", CIRCLED, (1,), "①", "学习制度规范文件"),
    ("⑳ 会议", CIRCLED, (20,), "⑳", "会议"),
    ("㉑ 会议", CIRCLED, (21,), "㉑", "会议"),
    # Chinese numbers
    ("一、思想道德建设", CHINESE, (1,), "一", "思想道德建设"),
    ("十、文化建设", CHINESE, (10,), "十", "文化建设"),
    ("十一、文化建设", CHINESE, (11,), "十一", "文化建设"),
    ("二十．文化建设", CHINESE, (20,), "二十", "文化建设"),
    ("二十三 文化建设", CHINESE, (23,), "二十三", "文化建设"),
    ("九十九、末项", CHINESE, (99,), "九十九", "末项"),
    ("（一）学习制度", CHINESE_PAREN, (1,), "（一）", "学习制度"),
    ("(二)学习制度", CHINESE_PAREN, (2,), "（二）", "学习制度"),
    ("㈢学习制度", CHINESE_PAREN, (3,), "（三）", "学习制度"),
    ("第2条 文明家庭创建", ORDINAL, (2,), "第2条", "文明家庭创建"),
    ("第二条 文明家庭创建", ORDINAL, (2,), "第2条", "文明家庭创建"),
    ("第十二项 志愿服务", ORDINAL, (12,), "第12项", "志愿服务"),
    ("第３款：志愿服务", ORDINAL, (3,), "第3款", "志愿服务"),
    ("第一部分 基本情况", ORDINAL, (1,), "第1部分", "基本情况"),
    # letters
    ("A1 组织领导", LETTER, ("A", 1), "A1", "组织领导"),
    ("A-1 组织领导", LETTER, ("A", 1), "A1", "组织领导"),
    ("Ａ１、组织领导", LETTER, ("A", 1), "A1", "组织领导"),
    ("B12", LETTER, ("B", 12), "B12", ""),
    # position codes
    ("§3", POSITION, (3,), "§3", ""),
    ("Ⅲ-2§3", POSITION, (3, 2, 3), "Ⅲ-2§3", ""),
]

NOT_CODES = [
    "2016年10月12日+会议室", "2016 年度工作总结", "2016.10.12 会议", "20161012会议", "5G网络建设",
    "一带一路", "一级抓一级", "十八大精神", "三严三实", "四个全面", "一是加强领导", "第一时间",
    "第1次 2016年10月12日", "1.5万元", "3.5分", "2-3月活动", "2.0版", "0.5小时", "127.0.0.1",
    "270–330", "10:30 会议", "A4纸", "G20峰会", "A1:H1", "V8引擎", "X5型", "iii2", "Video-1",
    "临时", "学习会议材料", "01-中心组学习制度", "（2016）12号文件", "Ⅲ\\-2", "Mix-1", "二二",
]


@pytest.mark.parametrize("text, style, parts, canonical, name", PARSED, ids=[p[0] for p in PARSED])
def test_a_code_reads_into_style_parts_canonical_and_name(text, style, parts, canonical, name):
    code = codes.parse_code(text)
    assert (code.style, code.parts, code.canonical, code.name) == (style, parts, canonical, name)
    assert text[code.length:].strip() == name


@pytest.mark.parametrize("text", NOT_CODES)
def test_a_name_is_not_read_as_a_code(text):
    assert codes.parse_code(text) is None
    assert codes.strip_code(text) == text.strip()


@pytest.mark.parametrize("text", [p[0] for p in PARSED])
def test_the_canonical_text_reads_back_as_itself(text):
    code = codes.parse_code(text)
    again = codes.parse_code(code.canonical)
    assert (again.style, again.parts, again.canonical, again.name) == (code.style, code.parts, code.canonical, "")


ROMAN_SEPARATOR = st.sampled_from(["-", "—", "－", "–", "_", ".", "．", "·", " ", "　", " - ", ""])
AFTER_CODE = st.sampled_from([" ", "：", "、", "_", "-", ""])


@settings(deadline=None)  # a loaded machine is no failure of the parser
@given(ROMAN, st.integers(min_value=1, max_value=999), ROMAN_SEPARATOR, AFTER_CODE,
       st.sampled_from(["unicode", "upper", "lower"]))
def test_any_roman_code_typed_with_any_separator_parses_back_to_itself(roman, number, sep, after, case):
    numeral = codes.ROMAN_CHARS[roman - 1] if case == "unicode" else codes.ROMAN_LETTERS[roman - 1]
    if case == "lower":
        numeral = numeral.lower()
    if not sep and case != "unicode" and (case == "lower" or len(numeral) < 2):
        sep = "-"  # 'V8', 'iii2': a letter run into a number is not a code (see NOT_CODES)
    code = codes.parse_code(f"{numeral}{sep}{number}{after}健全完善学习制度")
    assert code.canonical == f"{codes.ROMAN_CHARS[roman - 1]}-{number}"
    assert code.name == "健全完善学习制度"


@settings(deadline=None)  # a loaded machine is no failure of the parser
@given(st.lists(st.integers(min_value=1, max_value=99), min_size=2, max_size=4),
       st.sampled_from([".", "．", "-", "－"]), st.sampled_from([" ", "、", "．", "：", ""]))
def test_any_decimal_code_parses_back_to_itself(parts, sep, after):
    text = sep.join(map(str, parts)) + after + "组织领导"
    code = codes.parse_code(text)
    assert (code.style, code.parts, code.canonical) == (DECIMAL, tuple(parts), ".".join(map(str, parts)))
    assert code.name == "组织领导"


@settings(deadline=None)  # a loaded machine is no failure of the parser
@given(st.integers(min_value=1, max_value=99),
       st.sampled_from(["{n}、", "{n}．", "{n} ", "（{n}）", "({n})", "第{n}条", "第{n}项"]),
       st.booleans())
def test_any_chinese_number_parses_back_to_itself(number, form, as_digits):
    numeral = codes.chinese_numeral(number)
    assert codes.chinese_value(numeral) == number
    code = codes.parse_code(form.format(n=str(number) if as_digits and "第" in form else numeral) + "学习制度")
    assert code.number == number and code.name == "学习制度"
    assert codes.parse_code(code.canonical).canonical == code.canonical


@settings(deadline=None)  # a loaded machine is no failure of the parser
@given(st.text(max_size=12))
def test_the_parser_never_fails_and_its_name_is_the_rest_of_the_text(text):
    code = codes.parse_code(text)
    if code is not None:
        assert code.name == text[code.length:].strip()
        assert codes.parse_code(code.canonical).canonical == code.canonical


# --- the level keys, widened ---------------------------------------------------------------

@pytest.mark.parametrize("function, text, key", [
    (codes.indicator_key, "Ⅲ 16 制度化建设", "Ⅲ-16"),
    (codes.indicator_key, "Ⅲ2 学习制度", "Ⅲ-2"),
    (codes.indicator_key, "Ⅲ—2 学习制度", "Ⅲ-2"),
    (codes.indicator_key, "1.1 组织领导", "1.1"),
    (codes.indicator_key, "A1 组织领导", "A1"),
    (codes.indicator_key, "Ⅲ 思想道德建设", None),
    (codes.indicator_key, "一、思想道德建设", None),
    (codes.standard_key, "第2条 文明家庭创建", "2"),
    (codes.standard_key, "第二条 文明家庭创建", "2"),
    (codes.standard_key, "（二）文明家庭创建", "2"),
    (codes.standard_key, "二、文明家庭创建", "2"),
    (codes.standard_key, "1.1 组织领导", None),
    (codes.standard_key, "① 学习制度", None),
    (codes.standard_key, "一是加强领导", None),
    (codes.requirement_key, "（二）会议材料", "2"),
    (codes.requirement_key, "㉑ 会议材料", "21"),
    (codes.requirement_key, "2. 会议材料", None),
])
def test_level_keys_read_the_styles_of_their_level(function, text, key):
    assert function(text) == key


def test_a_position_code_is_stable_and_reads_as_a_position():
    assert codes.position_code(None, 3) == codes.position_code("", 3) == "§3"
    assert codes.position_code("Ⅲ-2", 3) == "Ⅲ-2§3"
    assert codes.parse_code(codes.position_code("Ⅲ-2", 3)).style is codes.Style.POSITION
    assert codes.is_position_code("§3") and not codes.is_position_code("3") and not codes.is_position_code(None)
    assert codes.shown_code("Ⅲ-2§3") == "Ⅲ-2（无编号，第3项）" and codes.shown_code("§1") == "（无编号，第1项）"
    assert codes.shown_code("Ⅲ-2") == "Ⅲ-2"


@pytest.mark.parametrize("text, parent", [
    ("Ⅲ-2 学习制度", "Ⅲ"), ("III.16", "Ⅲ"), ("1.1.1 组织领导", "1.1"), ("2-3", "2"),
    ("Ⅲ-2§3", "Ⅲ-2"), ("§3", None), ("Ⅲ 思想道德建设", None), ("1、学习", None), ("（一）学习", None),
    ("A1", None),
])
def test_a_code_names_its_parent_where_it_says_it(text, parent):
    assert codes.parse_code(text).parent == parent


@settings(deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=99), min_size=2, max_size=4))
def test_a_decimal_code_is_kept_with_its_parent(parts):
    child = codes.parse_code(".".join(map(str, parts)))
    assert codes.parse_code(child.parent).parts == child.parts[:-1]
