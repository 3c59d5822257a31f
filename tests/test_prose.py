"""Requirement prose read into checkable terms: numbered parts, kinds, quantities as people write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import codes
from generator.framework import Ask
from generator.framework.prose import (
    HINT, TO_VERIFY, chinese_number, cn_number, parse_part, parse_requirements, split_parts,
)


def asks(text: str) -> list[tuple]:
    """The asks of a one-part text as (kind, count, chars, per)."""
    (part,) = parse_requirements(text)
    return [(a.kind, a.count, a.chars, a.per) for a in part.requirement.asks]


def kinds(text: str) -> list[str]:
    return [kind for kind, *_ in asks(text)]


# --- the example's Ⅲ-2 cell -------------------------------------------------------------------

III_2 = ("①提供建立完善中心组学习制度的规范文件；②提供2016-2017年党委（党组）中心组学习计划规范文件，"
         "将习近平总书记系列重要讲话、培育和践行社会主义核心价值观、“四个全面”战略部署、中国特色社会主义理论、"
         "中国梦、宪法法律和精神文明建设工作纳入学习计划的情况（说明报告）；③提供中心组学习的情况(说明报告，300字左右）；"
         "④提供4次中心组学习会议材料（会议通知、学习内容、5张实景照片）。")


def test_the_four_parts_of_iii_2():
    parts = parse_requirements(III_2)
    assert [p.requirement.code for p in parts] == ["1", "2", "3", "4"]
    assert [p.requirement.asks for p in parts] == [
        (Ask("document"),),
        (Ask("document"), Ask("report")),  # the plan, and a report on what it covers
        (Ask("report", chars=300),),
        (Ask("meeting", count=4), Ask("photo", count=5, per="meeting")),
    ]
    assert parts[0].requirement.text == "提供建立完善中心组学习制度的规范文件"
    assert parts[3].requirement.text == "提供4次中心组学习会议材料（会议通知、学习内容、5张实景照片）"
    assert not any(p.notes for p in parts)


# --- numbered parts ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("①提供规范文件；②提供说明报告。", [("1", "提供规范文件"), ("2", "提供说明报告")]),
    ("\n②说明队伍建设情况（说明报告）。\n", [("2", "说明队伍建设情况（说明报告）")]),
    ("(1)提供规范文件；(2)提供说明报告", [("1", "提供规范文件"), ("2", "提供说明报告")]),
    ("（1）提供规范文件；\n（2）提供说明报告", [("1", "提供规范文件"), ("2", "提供说明报告")]),
    ("1.提供规范文件\n2.提供说明报告", [("1", "提供规范文件"), ("2", "提供说明报告")]),
    ("1、提供规范文件；2、提供说明报告", [("1", "提供规范文件"), ("2", "提供说明报告")]),
    ("提供：(1)规范文件；(2)说明报告", [("1", "规范文件"), ("2", "说明报告")]),
    ("提供1、2月份的统计表格", [(None, "提供1、2月份的统计表格")]),
    ("提供规范文件\x0b（正式发文）\x07", [(None, "提供规范文件（正式发文）")]),
    ("提供2016-2017年的规范文件，分值0.5。", [(None, "提供2016-2017年的规范文件，分值0.5")]),
    ("提供（统计时限为每月25日前）的统计表格", [(None, "提供（统计时限为每月25日前）的统计表格")]),
    ("提供培训的现场图片(3张)", [(None, "提供培训的现场图片(3张)")]),
])
def test_a_cell_splits_into_its_numbered_parts(text, expected):
    parts = parse_requirements(text)
    assert [(p.requirement.code, p.requirement.text) for p in parts] == expected


def test_words_before_the_first_number_are_not_lost_silently():
    parts = parse_requirements("提供以下材料：①规范文件；②说明报告")
    assert [p.requirement.code for p in parts] == ["1", "2"]
    assert any(n.level == HINT and "提供以下材料" in n.message for n in parts[0].notes)


def test_a_number_used_twice_is_to_verify():
    parts = parse_requirements("①提供规范文件；①提供说明报告")
    assert parts[1].to_verify


PART_TEXTS = ["提供建立制度的规范文件", "提供开展活动的情况（说明报告，实景图片）", "提供统计表格",
              "提供4次会议材料（会议通知、5张实景照片）", "说明工作举措（说明报告，300字左右）", "提供网页截图"]


def _marker(style: str, number: int) -> str:
    return {"circled": codes.circled(number), "paren": f"({number})", "full": f"（{number}）",
            "dot": f"{number}.", "comma": f"{number}、"}[style]


@given(st.lists(st.sampled_from(PART_TEXTS), min_size=1, max_size=8),
       st.sampled_from(["circled", "paren", "full", "dot", "comma"]),
       st.sampled_from(["；", "；\n", "\n", "。"]))
def test_numbered_parts_round_trip(texts, style, separator):
    if style in ("dot", "comma") and separator == "。" and len(texts) == 1:
        return
    cell = separator.join(f"{_marker(style, n)}{t}" for n, t in enumerate(texts, start=1)) + "。"
    parts = parse_requirements(cell)
    assert [(p.requirement.code, p.requirement.text) for p in parts] == \
        [(str(n), t) for n, t in enumerate(texts, start=1)]


# --- kinds -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("提供建立完善中心组学习制度的规范文件", ["document"]),
    ("提供正式发文", ["document"]),
    ("提供部署开展文明单位创建活动的实施意见（规范文件）", ["document"]),
    ("提供开展活动的年度安排（规范文件）", ["document"]),
    ("提供反映主要领导亲自抓精神文明建设的情况说明（说明报告，实景图片）", ["report", "photo"]),
    ("列举守信优待政策和失信联合惩戒措施（说明报告）", ["report"]),
    ("提供开展活动的情况（说明报告，实景图片）", ["report", "photo"]),
    ("提供张贴刊播核心价值观的实景图片", ["photo"]),
    ("提供活动照片", ["photo"]),
    ("提供培训的现场图片", ["photo"]),
    ("提供关注“文明汕尾”微信、微博的统计表格、截图", ["table", "screenshot"]),
    ("提供志愿者名单（数据表格）", ["table"]),
    ("提供会议材料", ["meeting"]),
    ("提供会议通知", ["meeting"]),
    ("提供宣传视频", ["media"]),
    ("提供音像资料", ["media"]),
    ("问卷调查", ["evaluation"]),
    ("提供反映建立和规范礼仪制度的规范文件，说明开展活动的情况（说明报告，实景图片）", ["document", "report", "photo"]),
    ("提供部署“两学一做”活动的规范文件，提供开展“两学一做”活动的情况（说明报告、实景图片）",
     ["document", "report", "photo"]),
    ("说明运用微信、微博、微视频、微电影等新媒体（不少于2种）的情况（统计表格，实景图片）", ["table", "photo"]),
    ("提供宣讲报告会的实景图片", ["photo"]),
])
def test_every_kind_a_part_asks_for(text, expected):
    assert kinds(text) == expected


def test_a_part_that_cannot_be_typed_is_kept_as_other_and_to_verify():
    (part,) = parse_requirements("按要求落实到位。")
    assert part.requirement.text == "按要求落实到位"
    assert part.requirement.asks == (Ask("other"),)
    assert part.to_verify and part.notes[0].level == TO_VERIFY


def test_a_part_that_only_says_explain_is_a_report_with_a_hint():
    part = parse_part("说明开展活动的做法")
    assert part.requirement.asks == (Ask("report"),)
    assert [n.level for n in part.notes] == [HINT]


def test_an_account_of_what_was_done_is_a_report_without_a_hint():
    part = parse_part("说明开展活动的情况")  # '情况' names a written account
    assert part.requirement.asks == (Ask("report"),)
    assert part.notes == ()


# --- quantities ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("提供中心组学习的情况(说明报告，300字左右）", [("report", None, 300, None)]),
    ("提供2016-2017年对志愿者给予回馈的情况(说明报告，200字)", [("report", None, 200, None)]),
    ("提供学习优秀党员干部的情况（说明报告，200字左右，实景图片2张）",
     [("report", None, 200, None), ("photo", 2, None, None)]),
    ("提供活动情况（说明报告，5张实景照片）", [("report", None, None, None), ("photo", 5, None, None)]),
    ("提供张贴刊播的实景图片（每类各10张）", [("photo", 10, None, "category")]),
    ("提供开展活动的实景图片3张", [("photo", 3, None, None)]),
    ("提供培训的方案(说明报告，300字左右)，培训的现场图片(3张)",
     [("report", None, 300, None), ("photo", 3, None, None)]),
    ("提供4次中心组学习会议材料（会议通知、学习内容、5张实景照片）",
     [("meeting", 4, None, None), ("photo", 5, None, "meeting")]),
    ("提供至少3个传统节日期间开展主题活动的情况（说明报告，实景图片）",
     [("report", None, None, None), ("photo", None, None, "activity")]),  # 3 occasions: see the table below
    ("说明运用门户网站、微信等新媒体（不少于2种）拓展传播平台的情况（统计表格，实景图片）",
     [("table", 2, None, None), ("photo", None, None, None)]),
    ("说明开展公益活动（至少4种）的情况（说明报告）", [("report", 4, None, None)]),
    ("提供会议材料，每次会议5张照片", [("meeting", None, None, None), ("photo", 5, None, "meeting")]),
    ("提供3个宣传视频", [("media", 3, None, None)]),
])
def test_quantities_written_in_prose(text, expected):
    assert asks(text) == expected


@pytest.mark.parametrize("text", [
    "提供“四个全面”战略部署的学习情况（说明报告）",  # a policy's name, not four reports
    "提供在十字路口开展文明劝导的情况（说明报告）",    # a crossroads, not a ten-character report
    "提供从三个方面开展工作的情况（说明报告）",        # 'three aspects' without 至少: no count
])
def test_numbers_that_are_no_quantity(text):
    assert asks(text) == [("report", None, None, None)]


def test_no_quantity_leaves_count_and_chars_to_the_rules():
    assert asks("提供开展活动的情况（说明报告，实景图片）") == [("report", None, None, None), ("photo", None, None, None)]


# Round trips: a number written the ways people write it, read back.

def _digits(n: int, form: str) -> str:
    if form == "arabic":
        return str(n)
    if form == "fullwidth":
        return "".join(chr(ord(d) - ord("0") + ord("０")) for d in str(n))
    return chinese_number(n)


NUMBER_FORM = st.sampled_from(["arabic", "fullwidth", "chinese"])


@given(st.integers(min_value=20, max_value=9999), NUMBER_FORM,
       st.sampled_from(["（说明报告，{n}字左右）", "(说明报告，{n}字)", "（说明报告，约{n}字）",
                        "（说明报告，不少于{n}字）", "（说明报告，{n}字以上）", "（{n}字左右的说明报告）"]))
def test_report_length_round_trip(n, form, template):
    text = "提供开展活动的情况" + template.format(n=_digits(n, form))
    (part,) = parse_requirements(text)
    (ask,) = part.requirement.asks
    at_least = "不少于" in template or "以上" in template
    assert (ask.kind, ask.chars, ask.chars_min) == (("report", None, n) if at_least else ("report", n, None))


@given(st.integers(min_value=1, max_value=99), NUMBER_FORM,
       st.sampled_from(["提供{n}张实景照片", "提供实景图片{n}张", "提供现场图片({n}张)", "提供现场图片（{n}张）",
                        "提供实景图片（每类各{n}张）", "提供活动照片，不少于{n}张"]))
def test_photo_count_round_trip(n, form, template):
    per = "category" if "每类" in template else None
    assert asks(template.format(n=_digits(n, form))) == [("photo", n, None, per)]


@given(st.integers(min_value=1, max_value=30), st.integers(min_value=1, max_value=30), NUMBER_FORM)
def test_meetings_and_their_photos_round_trip(meetings, photos, form):
    text = f"提供{_digits(meetings, form)}次中心组学习会议材料（会议通知、学习内容、{_digits(photos, form)}张实景照片）"
    assert asks(text) == [("meeting", meetings, None, None), ("photo", photos, None, "meeting")]


@given(st.integers(min_value=1, max_value=20), NUMBER_FORM, st.sampled_from(["至少", "不少于"]),
       st.sampled_from(["种", "类"]))
def test_at_least_n_kinds_round_trip(n, form, qualifier, unit):
    text = f"说明开展公益活动（{qualifier}{_digits(n, form)}{unit}）的情况（说明报告）"
    assert asks(text) == [("report", n, None, None)]


@given(st.integers(min_value=1, max_value=20), NUMBER_FORM, st.sampled_from(["传统节日", "主题活动", "节日"]))
def test_at_least_n_activities_round_trip(n, form, what):
    text = f"提供至少{_digits(n, form)}个{what}期间开展活动的情况（说明报告，实景图片）"
    (part,) = parse_requirements(text)
    assert part.requirement.asks == (Ask("report"), Ask("photo", per="activity", occasions=n))


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numbers_round_trip(n):
    assert cn_number(chinese_number(n)) == n
    assert cn_number(str(n)) == n


@pytest.mark.parametrize("text, value", [("两", 2), ("十", 10), ("十五", 15), ("二十", 20), ("三百", 300),
                                         ("三百零五", 305), ("一千二百", 1200), ("３００", 300), ("三五", None)])
def test_chinese_numbers_as_written(text, value):
    assert cn_number(text) == value


def test_split_parts_reports_the_lead_in_separately():
    assert split_parts("提供：①甲；②乙") == [("", "提供："), ("1", "甲；"), ("2", "乙")]


# --- an unnumbered list of demands, and one account of each activity ----------------------------

def test_an_unnumbered_list_of_demands_is_split_at_its_semicolons():
    text = "提供召开专题会议的图片3张和领导讲话等文字材料;提供2次班子会议纪要(包括研究会议题、时间;地点);提供年度工作实施方案"
    parts = parse_requirements(text)
    assert [p.requirement.text[:6] for p in parts] == ["提供召开专题", "提供2次班子", "提供年度工作"]
    assert [a.kind for a in parts[1].requirement.asks] == ["meeting"] and parts[1].requirement.asks[0].count == 2


def test_a_clause_that_qualifies_the_one_before_is_no_demand_of_its_own():
    (part,) = parse_requirements("提供会议材料；每次会议5张照片")
    assert [(a.kind, a.count, a.per) for a in part.requirement.asks] == [("meeting", None, None), ("photo", 5, "meeting")]


def test_the_report_named_after_activities_is_one_account_of_each():
    (part,) = parse_requirements("提供2次开展学习教育活动的文字资料和现场图片(每次3张)")
    assert part.requirement.asks == (Ask("report", count=2), Ask("photo", count=3, per="activity", occasions=2))


# --- demands in a standard's own text (a table without a materials column) ----------------------

@pytest.mark.parametrize("text, expected", [
    # clauses next to each other are one part
    ("建立工作机制,每年至少召开3次工作会议研究解决有关问题,年初有计划、年底有总结;",
     [[("meeting", 3, True, "year"), ("document", None, False, None), ("report", None, False, None)]]),
    # a score mark ends a part
    ("建立工作机制(1分)每年至少召开3次工作会议研究解决有关问题,(1分)年初有计划、年底有总结。(1分)",
     [[("meeting", 3, True, "year")], [("document", None, False, None), ("report", None, False, None)]]),
    ("做到每年专题研究精神文明建设工作1次以上(0.5分),每两年召开文明单位创建动员会1次(0.5分)",
     [[("meeting", 1, True, "year")], [("meeting", 1, False, "two-years")]]),
    ("每半年召开一次会议,年初有工作方案,年中有工作小结",
     [[("meeting", 1, False, "half-year"), ("document", None, False, None), ("report", None, False, None)]]),
    ("精神文明建设工作信息上报及时,每月不少于1篇,稿件采用率高(2分)。", [[("document", 1, True, "month")]]),
    ("领导班子务实清廉、作风正派,干群关系融洽。", []),
    ("创建工作台帐和资料积累齐全,分类科学", []),  # no '有': a quality, not a demand
])
def test_the_demands_a_standards_own_text_makes(text, expected):
    from generator.framework.prose import demands_in_standard
    assert [[(a.kind, a.count, a.at_least, a.per) for a in p.requirement.asks]
            for p in demands_in_standard(text)] == expected
