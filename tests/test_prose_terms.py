"""Prose → terms (issue 13): lengths as maximum / minimum / range / about, counts exact or at least,
counts per group, occasions, screenshots, caption demands, seals and deadlines, read from
real phrases (the issue's, the fixture corpus's, the seeds')."""

from __future__ import annotations

import pytest

from generator.framework.deadlines import DATE, MONTH_END, MONTHLY, RELATIVE, Deadline
from generator.framework import Ask
from generator.framework.prose import TO_VERIFY, parse_requirements

MONTHLY_25 = Deadline(MONTHLY, day=25)


def read(text: str) -> tuple[Ask, ...]:
    (part,) = parse_requirements(text)
    return part.requirement.asks


PHRASES = [
    # lengths: about, maximum, minimum, range (the issue's and the seeds')
    ("提供中心组学习的情况(说明报告，300字左右）", (Ask("report", chars=300),)),
    ("提供工作情况（说明报告，800字）", (Ask("report", chars=800),)),
    ("提供工作情况（说明报告，约800字）", (Ask("report", chars=800),)),
    ("提供工作情况（说明报告，500字以内）", (Ask("report", chars_max=500),)),
    ("提供工作情况（说明报告，不超过800字）", (Ask("report", chars_max=800),)),
    ("提供工作情况（说明报告，字数不超过1000字）", (Ask("report", chars_max=1000),)),
    ("提供工作情况（说明报告，800字以下）", (Ask("report", chars_max=800),)),
    ("提供工作情况（说明报告，控制在600字以内）", (Ask("report", chars_max=600),)),
    ("提供工作情况（说明报告，不少于500字）", (Ask("report", chars_min=500),)),
    ("提供工作情况（说明报告，1000字以上）", (Ask("report", chars_min=1000),)),
    ("提供工作情况（说明报告，至少300字）", (Ask("report", chars_min=300),)),
    ("提供工作情况（说明报告，800—1000字）", (Ask("report", chars_min=800, chars_max=1000),)),
    ("提供工作情况（说明报告，800-1000字）", (Ask("report", chars_min=800, chars_max=1000),)),
    ("提供工作情况（说明报告，800字至1000字）", (Ask("report", chars_min=800, chars_max=1000),)),
    ("提供工作情况（说明报告，五百至八百字）", (Ask("report", chars_min=500, chars_max=800),)),
    ("提供工作情况（说明报告，800~1000字）", (Ask("report", chars_min=800, chars_max=1000),)),
    ("提供学习优秀党员干部的情况（说明报告，200字左右，实景图片2张）",
     (Ask("report", chars=200), Ask("photo", count=2))),
    ("③提供注册志愿者参加志愿服务活动的情况（说明报告，300字左右）", (Ask("report", chars=300),)),
    ("②提供2016-2017年培训志愿者的方案(说明报告，300字左右)，培训的现场图片(3张)",
     (Ask("report", chars=300), Ask("photo", count=3))),
    # counts: exact or at least, per group, occasions
    ("提供活动照片，不少于5张", (Ask("photo", count=5, at_least=True),)),
    ("提供活动照片，至少5张", (Ask("photo", count=5, at_least=True),)),
    ("提供活动照片5张以上", (Ask("photo", count=5, at_least=True),)),
    ("提供活动照片5张", (Ask("photo", count=5),)),
    ("提供张贴刊播的实景图片（每类各10张）", (Ask("photo", count=10, per="category"),)),
    ("提供公益广告实景图片，每类10张", (Ask("photo", count=10, per="category"),)),
    ("提供2次开展学习教育活动的文字资料和现场图片(每次3张)", None),  # checked below: two activities, 3 photos each
    # meetings held, from the corpus (05, 06, 11, 14)
    ("每年至少召开3次工作会议研究解决有关问题", (Ask("meeting", count=3, at_least=True, per="year"),)),
    ("每两年召开文明单位创建动员会1次", (Ask("meeting", count=1, per="two-years"),)),
    ("每半年召开一次会议", (Ask("meeting", count=1, per="half-year"),)),
    ("提供2次开展爱国主义教育活动的图文简报(含现场图片3张)",
     (Ask("report", count=2), Ask("photo", count=3, per="activity", occasions=2))),  # 简报: one account of each
    ("提供会议材料，每次会议5张照片", (Ask("meeting"), Ask("photo", count=5, per="meeting"))),
    ("提供4次中心组学习会议材料（会议通知、学习内容、5张实景照片）",
     (Ask("meeting", count=4), Ask("photo", count=5, per="meeting"))),
    ("提供不少于4次中心组学习会议材料", (Ask("meeting", count=4, at_least=True),)),
    ("提供至少3个传统节日期间开展主题活动的情况（说明报告，实景图片）",
     (Ask("report"), Ask("photo", per="activity", occasions=3))),
    ("提供开展不少于4次活动的实景图片", (Ask("photo", per="activity", occasions=4),)),
    ("提供开展志愿服务的实景图片，不少于4次活动，每次活动3张",
     (Ask("photo", count=3, per="activity", occasions=4),)),
    ("需提供诚信教育的活动照片,活动项目不少于3项,每项照片不少于3张",
     (Ask("photo", count=3, at_least=True, per="activity", occasions=3),)),
    ("每年至少召开3次工作会议", (Ask("meeting", count=3, at_least=True, per="year"),)),
    ("提供每年至少召开3次工作会议的会议纪要", (Ask("meeting", count=3, at_least=True, per="year"),)),
    ("提供每半年召开一次工作会议的会议记录", (Ask("meeting", count=1, per="half-year"),)),
    ("提供每季度至少召开一次创建领导小组会议的会议纪要", (Ask("meeting", count=1, at_least=True, per="quarter"),)),
    ("提供上报的工作信息（规范文件），每月不少于1篇", (Ask("document", count=1, at_least=True, per="month"),)),
    ("说明开展公益活动（至少4种）的情况（说明报告）", (Ask("report", count=4, at_least=True),)),
    ("②提供领导带头参加公益活动（至少3种）的简要情况（说明报告）", (Ask("report", count=3, at_least=True),)),
    ("说明运用门户网站、微信等新媒体（不少于2种）拓展传播平台的情况（统计表格，实景图片）",
     (Ask("table", count=2, at_least=True), Ask("photo"))),
    ("提供召开专题会议的图片3张和领导讲话等文字材料", (Ask("photo", count=3), Ask("document"))),  # a speech's text
    ("提供反映干部职工学习研讨及交流发言的文字资料和现场图片3张", (Ask("report"), Ask("photo", count=3))),
    ("提供3个宣传视频", (Ask("media", count=3),)),
    # screenshots are their own kind
    ("提供网页截图3张", (Ask("screenshot", count=3),)),
    ("提供宣传报道的网页截图，不少于5张", (Ask("screenshot", count=5, at_least=True),)),
    ("①提供关注“文明汕尾”微信、微博的统计表格、截图", (Ask("table"), Ask("screenshot"))),
    ("提供实景照片3张、网页截图2张", (Ask("photo", count=3), Ask("screenshot", count=2))),
    ("提供电视截屏", (Ask("screenshot"),)),
    # caption demands
    ("②提供开展活动的情况（说明报告，实景图片，图片需注明活动时间、主题等）",
     (Ask("report"), Ask("photo", caption=("时间", "主题")))),
    ("说明实施文明交通行动计划的主要举措（说明报告，实景图片，图片需注明活动时间、主题等）",
     (Ask("report"), Ask("photo", caption=("时间", "主题")))),
    ("提供活动照片，照片需注明时间、地点、活动名称", (Ask("photo", caption=("时间", "地点", "活动名称")),)),
    ("提供活动照片，标注时间地点和参加人员", (Ask("photo", caption=("时间", "地点", "人物")),)),
    ("提供现场图片3张，注明主办单位和活动主题", (Ask("photo", count=3, caption=("主办单位", "主题")),)),
    ("提供网页截图，注明日期", (Ask("screenshot", caption=("时间",)),)),
    # seals
    ("提供“好人线索”推荐情况统计表格（加盖公章）", (Ask("table", seal=True),)),
    ("提供加盖单位公章的统计表格", (Ask("table", seal=True),)),
    ("提供志愿者名单（数据表格，盖章）", (Ask("table", seal=True),)),
    ("提供创建工作方案（规范文件，加盖公章）", (Ask("document", seal=True),)),
    ("提供情况说明（说明报告，签字盖章）", (Ask("report", seal=True),)),
    # deadlines
    ("提供“好人线索”推荐情况统计表格（统计时限为每月25日前）", (Ask("table"),)),  # a counting period, not a deadline
    ("提供推荐情况统计表格，每月25日前报送", (Ask("table", deadline=MONTHLY_25),)),
    ("每月25日前报送统计表格", (Ask("table", deadline=MONTHLY_25),)),
    ("提供年度学习计划（规范文件），6月底前印发", (Ask("document", deadline=Deadline(MONTH_END, month=6)),)),
    ("提供工作总结（说明报告），11月25日前报送", (Ask("report", deadline=Deadline(DATE, month=11, day=25)),)),
    ("提供实施方案（规范文件），上级发文后1个月内制定",
     (Ask("document", deadline=Deadline(RELATIVE, after="上级发文", within=1, unit="个月")),)),
    ("提供工作总结（说明报告），年底前报送", (Ask("report", deadline=Deadline(MONTH_END, month=12)),)),
    ("提供统计表格，每月5号前上报，加盖公章", (Ask("table", seal=True, deadline=Deadline(MONTHLY, day=5)),)),
    ("提供实施方案（规范文件），收到通知后三个工作日内报送",
     (Ask("document", deadline=Deadline(RELATIVE, after="收到通知", within=3, unit="个工作日")),)),
]


@pytest.mark.parametrize("text, expected", [p for p in PHRASES if p[1] is not None])
def test_real_phrases_read_into_terms(text, expected):
    assert read(text) == expected


def test_the_table_has_enough_real_phrases():
    assert len(PHRASES) >= 60


def test_photos_each_time_of_an_activity_are_per_group():
    asks = read("提供2次开展学习教育活动的文字资料和现场图片(每次3张)")
    photo = next(a for a in asks if a.kind == "photo")
    assert (photo.count, photo.per, photo.occasions) == (3, "activity", 2)


def test_a_deadline_that_cannot_be_is_to_verify():
    (part,) = parse_requirements("提供统计表格，13月底前报送")
    assert part.requirement.asks == (Ask("table"),)
    assert any(n.level == TO_VERIFY and "13月底前" in n.message for n in part.notes)


def test_a_deadline_is_no_count():
    asks = read("提供实施方案（规范文件），上级发文后1个月内制定")
    assert asks[0].count is None


def test_caption_words_without_a_picture_are_no_caption():
    assert read("提供统计表格（注明统计时间）") == (Ask("table"),)


@pytest.mark.parametrize("ask, words", [
    (Ask("report", chars=300), "说明报告（约 300 字）"),
    (Ask("report", chars_max=500), "说明报告（不超过 500 字）"),
    (Ask("report", chars_min=500), "说明报告（不少于 500 字）"),
    (Ask("report", chars_min=800, chars_max=1000), "说明报告（800–1000 字）"),
    (Ask("meeting", count=3, at_least=True, per="year"), "会议材料 至少 3 次/每年"),
    (Ask("photo", count=10, per="category"), "实景图片 10 张/每类"),
    (Ask("photo", count=3, per="activity", occasions=4), "实景图片 3 张/每项活动，至少 4 项活动"),
    (Ask("photo", caption=("时间", "主题")), "实景图片，名称注明时间、主题"),
    (Ask("table", seal=True, deadline=MONTHLY_25), "统计表格，加盖公章，每月25日前"),
    (Ask("document", deadline=Deadline(RELATIVE, after="上级发文", within=1, unit="个月")), "规范文件，上级发文后1个月内"),
])
def test_summaries_say_every_term(ask, words):
    assert ask.summary == words


# --- criteria.yml: the loader reads and range-checks the terms; the writer writes them back ----------

from pathlib import Path  # noqa: E402

from generator.framework import (  # noqa: E402
    Category, Framework, FrameworkError, Indicator, Requirement, Standard, load_framework_file,
)
from generator.framework.writer import dump_framework  # noqa: E402

EVERY_TERM = (
    Ask("report", chars_min=800, chars_max=1000, seal=True, deadline=Deadline(DATE, month=11, day=25)),
    Ask("report", chars_max=500),
    Ask("report", chars_min=300),
    Ask("meeting", count=3, at_least=True, per="year"),
    Ask("photo", count=3, at_least=True, per="activity", occasions=4, caption=("时间", "地点", "主题")),
    Ask("photo", count=10, per="category"),
    Ask("screenshot", count=2, caption=("时间",)),
    Ask("table", seal=True, deadline=MONTHLY_25),
    Ask("document", deadline=Deadline(MONTH_END, month=6)),
    Ask("document", count=1, at_least=True, per="month",
        deadline=Deadline(RELATIVE, after="上级发文", within=1, unit="个月")),
)


def test_every_term_round_trips_through_criteria_yml(tmp_path):
    framework = Framework(title="t", categories=(Category("共性任务", (Indicator("Ⅲ-7", "n", "共性任务", (
        Standard("1", "s", 1.0, requirements=(Requirement("1", "r", EVERY_TERM),)),)),)),))
    path = tmp_path / "criteria.yml"
    path.write_text(dump_framework(framework), encoding="utf-8")
    assert load_framework_file(path).categories == framework.categories


def test_every_phrase_read_round_trips_through_criteria_yml(tmp_path):
    requirements = tuple(Requirement(str(n), text, read(text)) for n, (text, _) in enumerate(PHRASES, start=1))
    framework = Framework(title="t", categories=(Category("共性任务", (Indicator("Ⅲ-7", "n", "共性任务", (
        Standard("1", "s", 1.0, requirements=requirements),)),)),))
    path = tmp_path / "criteria.yml"
    path.write_text(dump_framework(framework), encoding="utf-8")
    assert load_framework_file(path).categories == framework.categories


HEAD = ("framework: x\ncategories:\n  - name: 共性\n    indicators:\n      - code: Ⅲ-2\n        standards:\n"
        "          - text: t\n            requirements:\n              - text: r\n                asks:\n")


@pytest.mark.parametrize("ask, words", [
    ("{kind: report, chars_min: 900, chars_max: 800}", "chars_min（900）大于 chars_max（800）"),
    ("{kind: report, chars: 300, chars_max: 800}", "chars（约 N 字）不能与 chars_min、chars_max 同时写"),
    ("{kind: report, chars_max: -1}", "chars_max 应为 0 到 100000 之间的整数"),
    ("{kind: photo, count: 3, count_min: 3}", "count（恰好）和 count_min（至少）只能写一个"),
    ("{kind: photo, count_min: 1001}", "count_min 应为 0 到 1000 之间的整数"),
    ("{kind: photo, occasions: 2.5}", "occasions 应为 0 到 1000 之间的整数"),
    ("{kind: photo, per: week}", "per 只能是"),
    ("{kind: photo, caption: [时间, 颜色]}", "caption 中的“颜色”未知"),
    ("{kind: photo, caption: 3}", "caption 应为文字列表"),
    ("{kind: table, seal: 是}", "seal 应为 true 或 false"),
    ("{kind: table, deadline: 尽快}", "deadline“尽快”无法识别"),
    ("{kind: table, deadline: 13月底前}", "月份应在 1 到 12 之间"),
    ("{kind: table, deadline: 2月30日前}", "日期应在 1 到 29 之间"),
    ("{kind: table, deadline: 每月0日前}", "日期应在 1 到 31 之间"),
    ("{kind: table, deadline: 2017-11-25}", "deadline 应为文字"),
])
def test_a_bad_term_is_one_chinese_line_naming_it(tmp_path, ask, words):
    path = tmp_path / "criteria.yml"
    path.write_text(HEAD + f"                  - {ask}\n", encoding="utf-8")
    with pytest.raises(FrameworkError) as error:
        load_framework_file(path)
    message = str(error.value)
    assert words in message and "第 11 行" in message and "\n" not in message
