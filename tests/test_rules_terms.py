"""The rules of the terms prose gives (issue 13), at their edges: report length bounds, counts at
least and per category, occasions, caption demands, seals and deadlines."""

from __future__ import annotations

import pytest

from generator.framework.deadlines import DATE, MONTH_END, MONTHLY, RELATIVE, Deadline
from generator.framework import Ask, Requirement
from generator.framework.params import Params
from generator.rules import photos, reports
from generator.rules.model import Severity
from generator.archive.scan import ArchiveFile, Place

from .test_rules import GOOD_NAME, file, pdf, photo, report, run


def length_of(ask: Ask, chars: int) -> list:
    return reports.report_length(file("01-情况说明报告.docx"), report(chars), Params(),
                                 Requirement("1", "t", asks=(ask,)))


@pytest.mark.parametrize("chars, ok", [(0, True), (500, True), (501, False)])
def test_report_length_at_most(chars, ok):
    found = length_of(Ask("report", chars_max=500), chars)
    assert (found == []) is ok
    if not ok:
        assert found[0].message == "说明报告正文 501 字，要求不超过 500 字" and "精简" in found[0].fix


@pytest.mark.parametrize("chars, ok", [(499, False), (500, True), (100_000, True)])
def test_report_length_at_least(chars, ok):
    found = length_of(Ask("report", chars_min=500), chars)
    assert (found == []) is ok
    if not ok:
        assert found[0].message == "说明报告正文 499 字，要求不少于 500 字" and "补充" in found[0].fix


@pytest.mark.parametrize("chars, ok", [(799, False), (800, True), (1000, True), (1001, False)])
def test_report_length_in_a_range(chars, ok):
    found = length_of(Ask("report", chars_min=800, chars_max=1000), chars)
    assert (found == []) is ok
    if not ok:
        assert "要求800–1000 字" in found[0].message and found[0].severity is Severity.ERROR


def test_report_length_about_keeps_its_ten_percent():
    assert length_of(Ask("report", chars=300), 330) == []
    assert length_of(Ask("report", chars=300), 331)[0].message.endswith("（270–330 字）")


# --- counts ------------------------------------------------------------------------------------

def pictures(groups: dict[str, int], requirement: str = "1", name: str = GOOD_NAME) -> dict:
    files = {}
    for group, count in groups.items():
        for n in range(count):
            files[file(f"{name}（{group}{n}）.jpg", group or None, requirement)] = photo(sha256=f"{group}{n}")
    return files


@pytest.mark.parametrize("count, ok", [(4, False), (5, True)])
def test_photos_at_least(count, ok):
    requirement = Requirement("1", "提供活动照片，不少于5张", asks=(Ask("photo", count=5, at_least=True),))
    findings, _ = run(requirement, pictures({"": count}))
    assert ("requirement.count" not in [f.rule for f in findings]) is ok


@pytest.mark.parametrize("second, ok", [(9, False), (10, True)])
def test_photos_per_category(second, ok):
    requirement = Requirement("1", "实景图片（每类各10张）", asks=(Ask("photo", count=10, per="category"),))
    findings, _ = run(requirement, pictures({"公益广告": 10, "图说我们的价值观": second}))
    counts = [f.message for f in findings if f.rule == "requirement.count"]
    assert (counts == []) is ok
    if not ok:
        assert counts == [f"“图说我们的价值观”的照片 {second} 张，要求每类至少 10 张"]


@pytest.mark.parametrize("groups, ok", [({"a": 3, "b": 3, "c": 3}, False), ({"a": 3, "b": 3, "c": 3, "d": 3}, True),
                                        ({"a": 3, "b": 3, "c": 3, "d": 2}, False)])
def test_occasions_each_with_their_photos(groups, ok):
    requirement = Requirement("1", "不少于4次活动，每次活动3张",
                              asks=(Ask("photo", count=3, per="activity", occasions=4),))
    findings, _ = run(requirement, pictures(groups))
    activities = [f for f in findings if f.rule == "requirement.activities"]
    assert (activities == []) is ok
    assert not [f for f in findings if f.rule == "requirement.count"]  # one finding for the activities, not one per group
    if not ok:
        assert activities[0].message == f"有至少 3 张照片的活动 {sum(v >= 3 for v in groups.values())} 项，要求至少 4 项"


def test_occasions_without_a_count_use_the_default_photos():
    requirement = Requirement("1", "至少3个传统节日（实景图片）", asks=(Ask("photo", per="activity", occasions=3),))
    findings, _ = run(requirement, pictures({"春节": 3, "端午": 3, "中秋": 2}), params={"activity_min_photos": 2})
    assert "requirement.activities" not in [f.rule for f in findings]
    findings, _ = run(requirement, pictures({"春节": 3, "端午": 3, "中秋": 2}))
    assert "requirement.activities" in [f.rule for f in findings]


def test_a_count_per_span_of_time_is_to_verify():
    requirement = Requirement("1", "每年至少召开3次工作会议", asks=(Ask("meeting", count=3, at_least=True, per="year"),))
    findings, _ = run(requirement, {file("01-会议纪要.pdf", "第1次"): pdf()})
    (verify,) = [f for f in findings if f.rule == "requirement.count-to-verify"]
    assert verify.severity is Severity.WARNING and "每年至少 3 次" in verify.message
    assert "requirement.count" not in [f.rule for f in findings]


# --- caption demands ---------------------------------------------------------------------------

CAPTION = Requirement("1", "实景图片，图片需注明活动时间、主题等", asks=(Ask("photo", caption=("时间", "主题")),))


@pytest.mark.parametrize("name, missing", [
    (GOOD_NAME, None),
    ("2016年10月12日+局三楼会议室+中心组学习", "主题"),
    ("局三楼会议室+中心组学习+市经信局+两学一做专题", "时间"),
    ("IMG_0001", "时间、主题"),
    ("2017年3月5日学雷锋志愿服务主题活动", None),
])
def test_caption_demands_checked_against_photo_names(name, missing):
    found = photos.photo_caption(file(name + ".jpg"), CAPTION, screenshot=False)
    if missing is None:
        assert found == []
    else:
        assert [f.message for f in found] == [f"照片名称未注明{missing}；测评体系要求注明时间、主题"]
        assert found[0].severity is Severity.WARNING and found[0].rule == "photo.caption"


@pytest.mark.parametrize("element, name, ok", [
    ("地点", "2016年10月12日+局三楼会议室", True), ("地点", "2016年10月12日+学习", False),
    ("活动名称", "2016年10月12日+中心组学习", True), ("活动名称", "2016年10月12日+市经信局", False),
    ("主办单位", "2016年10月12日+市经信局", True), ("主办单位", "2016年10月12日+学习", False),
    ("人物", "IMG_0001", True),  # who is in a photo can't be told from words: never reported
])
def test_each_caption_element(element, name, ok):
    requirement = Requirement("1", "t", asks=(Ask("photo", caption=(element,)),))
    assert (photos.photo_caption(file(name + ".jpg"), requirement, screenshot=False) == []) is ok


def test_no_caption_demand_no_caption_finding():
    assert photos.photo_caption(file("IMG_0001.jpg"), Requirement("1", "t", asks=(Ask("photo"),)),
                                screenshot=False) == []


def test_caption_finding_reaches_the_check():
    findings, _ = run(CAPTION, {file("2016年10月12日+局三楼会议室+中心组学习.jpg"): photo()})
    assert "photo.caption" in [f.rule for f in findings]


# --- seals --------------------------------------------------------------------------------------

SEALED = Requirement("1", "提供创建工作方案（规范文件，加盖公章）", asks=(Ask("document", seal=True),))


@pytest.mark.parametrize("red_seal, ok", [(False, False), (True, True)])
def test_seal_demand_uses_the_seal_detection(red_seal, ok):
    findings, _ = run(SEALED, {file("01-创建工作方案.pdf"): pdf(text="工作方案", red_seal=red_seal)})
    seals = [f for f in findings if f.rule == "requirement.seal"]
    assert (seals == []) is ok
    if not ok:
        assert seals[0].file.endswith("01-创建工作方案.pdf") and "未在“01-创建工作方案.pdf”中检测到红色公章" in seals[0].message


def test_seal_demand_on_word_is_to_verify_once():
    requirement = Requirement("1", "情况说明（说明报告，签字盖章）", asks=(Ask("report", seal=True),))
    findings, _ = run(requirement, {file("01-情况说明报告.docx"): report(800), file("02-补充说明报告.docx"): report(800)})
    (verify,) = [f for f in findings if f.rule == "requirement.seal-to-verify"]
    assert "2 个文件无法自动识别公章" in verify.message and verify.severity is Severity.WARNING


def test_no_seal_demand_no_seal_finding():
    findings, _ = run(Requirement("1", "规范文件", asks=(Ask("document"),)), {file("01-创建工作方案.pdf"): pdf()})
    assert not [f for f in findings if f.rule.startswith("requirement.seal")]


# --- deadlines ----------------------------------------------------------------------------------

def deadline_run(deadline: Deadline, name: str, **kw):
    requirement = Requirement("1", "t", asks=(Ask("document", deadline=deadline),))
    return [f for f in run(requirement, {file(name): pdf(**kw)})[0] if f.rule.startswith("requirement.deadline")]


@pytest.mark.parametrize("deadline, date, ok", [
    (Deadline(MONTHLY, day=25), "2017年3月25日", True), (Deadline(MONTHLY, day=25), "2017年3月26日", False),
    (Deadline(MONTH_END, month=6), "2017年6月30日", True), (Deadline(MONTH_END, month=6), "2017年7月1日", False),
    (Deadline(DATE, month=11, day=25), "2016年11月25日", True),
    (Deadline(DATE, month=11, day=25), "2016年11月26日", False),
])
def test_a_dated_document_against_its_deadline(deadline, date, ok):
    found = deadline_run(deadline, f"01-统计表{date}.pdf")
    assert (found == []) is ok
    if not ok:
        assert found[0].rule == "requirement.deadline" and deadline.label in found[0].message
        assert "名称中的日期" in found[0].message


def test_a_deadline_read_from_the_pdf_metadata():
    found = deadline_run(Deadline(MONTH_END, month=6), "01-年度计划.pdf", created="2017-07-02T10:00:00+08:00")
    assert [f.rule for f in found] == ["requirement.deadline"] and "PDF 创建日期" in found[0].message


def test_an_undated_document_is_to_verify_once_per_requirement():
    requirement = Requirement("1", "t", asks=(Ask("document", deadline=Deadline(MONTHLY, day=25)),))
    findings, _ = run(requirement, {file("01-统计表.pdf"): pdf(), file("02-统计表.pdf"): pdf()})
    (verify,) = [f for f in findings if f.rule.startswith("requirement.deadline")]
    assert verify.rule == "requirement.deadline-to-verify" and "材料上没有可读的日期" in verify.message
    assert verify.file is None


def test_a_relative_deadline_is_to_verify():
    found = deadline_run(Deadline(RELATIVE, after="上级发文", within=1, unit="个月"), "01-实施方案2017年3月1日.pdf")
    assert [f.rule for f in found] == ["requirement.deadline-to-verify"] and "从其他事件起算" in found[0].message
