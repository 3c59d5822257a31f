"""Every rule at its edges. Rules are pure: inputs are built here, no file is read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.framework import Ask, Framework, Category, Indicator, Requirement, Standard
from generator.archive.inspectors.model import InspectedDocument, InspectedPhoto, InspectedReport, Paragraph
from generator.framework.params import MIB, Params
from generator.rules import check, documents, photos, reports, requirements, tables
from generator.rules.model import Severity, Status
from generator.archive.scan import ArchiveFile, Place, Scan

PERIOD = (dt.date(2016, 8, 1), dt.date(2017, 12, 31))
GOOD_NAME = "2016年10月12日+局三楼会议室+中心组学习+市经信局+两学一做专题"


def file(name: str, group: str | None = None, requirement: str = "1") -> ArchiveFile:
    rel = f"Ⅲ-2/1/①/{group + '/' if group else ''}{name}"
    return ArchiveFile(rel, Path("/nowhere") / rel, Place("Ⅲ-2", "1", requirement, group))


def photo(size_mb: float = 1.7, width: int = 4000, height: int = 3000, **kw) -> InspectedPhoto:
    return InspectedPhoto(kind="photo", size=round(size_mb * MIB), sha256=kw.pop("sha256", "a"),
                          format=kw.pop("format", "JPEG"), width=width, height=height, **kw)


def report(chars: int, title: str = "关于中心组学习情况的说明报告", paragraphs=None) -> InspectedReport:
    paragraphs = paragraphs or (
        Paragraph(title, heading_level=1), Paragraph("一、基本情况", heading_level=2),
        Paragraph("全年组织学习12次，参学156人次，覆盖率100%。"),
        Paragraph("二、主要措施", heading_level=2), Paragraph("建立制度。"),
        Paragraph("三、取得成效", heading_level=2), Paragraph("成效明显。"),
    )
    return InspectedReport(kind="report", size=1000, sha256="r", title=title,
                           paragraphs=tuple(paragraphs), char_count=chars)


# --- photos ----------------------------------------------------------------------

@pytest.mark.parametrize("size_mb, ok", [(1.49, False), (1.50, True), (2.00, True), (2.01, False)])
def test_photo_size_window(size_mb, ok):
    found = photos.photo_size(file(GOOD_NAME + ".jpg"), photo(size_mb), Params())
    assert (found == []) is ok
    if not ok:
        assert found[0].severity is Severity.ERROR and "要求 1.5–2 MB" in found[0].message
        assert f"{size_mb:.2f} MB" in found[0].message


def test_photo_size_window_is_a_parameter():
    assert photos.photo_size(file("a.jpg"), photo(1.2), Params(photo_min_mb=1.0)) == []


def test_photo_format_jpeg_only():
    assert photos.photo_format(file("a.jpg"), photo(), Params()) == []
    assert photos.photo_format(file("a.JPEG"), photo(), Params()) == []
    png = photos.photo_format(file("a.png"), photo(format="PNG"), Params())
    assert "PNG" in png[0].message and "JPG/JPEG" in png[0].message
    # A PNG renamed .jpg is still a PNG.
    assert photos.photo_format(file("a.jpg"), photo(format="PNG"), Params())


@pytest.mark.parametrize("width, ok", [(1599, False), (1600, True)])
def test_photo_clarity(width, ok):
    assert (photos.photo_clarity(file("a.jpg"), photo(width=width, height=900), Params()) == []) is ok


@pytest.mark.parametrize("name, missing", [
    (GOOD_NAME, None),
    ("20161012_会议室_中心组学习_经信局_两学一做", None),
    ("2016年10月12日局三楼会议室中心组学习（市经信局）两学一做", None),
    ("IMG_2034", "时间"),
    ("2016年10月12日+会议室", "地点、活动名称"),
])
def test_scene_photo_naming(name, missing):
    found = photos.photo_naming(file(name + ".jpg"), Params(), screenshot=False)
    if missing is None:
        assert found == []
    else:
        assert found[0].severity is Severity.WARNING and missing in found[0].message


def test_screenshot_naming():
    assert photos.photo_naming(file("汕尾日报+2017年3月15日+创文专题报道.jpg"), Params(), screenshot=True) == []
    assert "日期" in photos.photo_naming(file("微信截图.jpg"), Params(), screenshot=True)[0].message


def test_same_photo_twice():
    first, second = file("a.jpg"), file("b.jpg", requirement="2")
    assert photos.photo_duplicate(first, first) == []
    assert "a.jpg" in photos.photo_duplicate(second, first)[0].message


@pytest.mark.parametrize("name, exif, ok", [
    (GOOD_NAME, None, True),
    ("2015年3月1日+会议室+学习+局+专题", None, False),
    ("IMG_1", "2018-01-02T10:00:00", False),
    ("IMG_1", "2017-12-31T23:59:00", True),
])
def test_photo_date_in_period(name, exif, ok):
    assert (photos.photo_date(file(name + ".jpg"), photo(exif_datetime=exif), PERIOD) == []) is ok


@pytest.mark.parametrize("name, exif, ok", [
    (GOOD_NAME, None, True),                        # no EXIF date: nothing to compare
    ("IMG_2034", "2016-10-20T10:00:00", True),      # no date in the name: photo.naming's
    (GOOD_NAME, "2016-10-12T09:30:00+08:00", True),  # the same day
    (GOOD_NAME, "2016-10-11T23:50:00", True),       # a day apart: a camera on UTC, past midnight
    (GOOD_NAME, "2016-10-13T00:10:00", True),
    (GOOD_NAME, "2016-10-10T10:00:00", False),      # two days apart: another day
    (GOOD_NAME, "2017-10-12T10:00:00", False),      # another year
    (GOOD_NAME, "not a date", True),                # an unreadable EXIF date counts as none
])
def test_photo_name_date_against_exif_date(name, exif, ok):
    found = photos.photo_exif_date(file(name + ".jpg"), photo(exif_datetime=exif))
    assert (found == []) is ok
    if not ok:
        assert found[0].rule == "photo.exif_date" and found[0].severity is Severity.WARNING
        assert "2016-10-12" in found[0].message and exif[:10] in found[0].message


def test_a_scene_photo_is_held_to_its_exif_date_and_a_screenshot_is_not():
    """A screenshot's name carries the day of the article it shows, not the day it was taken."""
    taken = photo(exif_datetime="2017-03-01T10:00:00")
    scene = Requirement("1", "提供活动实景图片", asks=(Ask("photo"),))
    findings, _ = run(scene, {file(GOOD_NAME + ".jpg"): taken})
    assert [f.rule for f in findings if f.rule == "photo.exif_date"] == ["photo.exif_date"]
    shots = Requirement("1", "提供宣传报道截图", asks=(Ask("screenshot"),))
    findings, _ = run(shots, {file("汕尾日报+2016年10月12日+创文专题报道.jpg"): taken})
    assert [f for f in findings if f.rule == "photo.exif_date"] == []


# --- reports ---------------------------------------------------------------------

REQ_300 = Requirement("3", "提供中心组学习的情况(说明报告，300字左右）", asks=(Ask("report", chars=300),))


@pytest.mark.parametrize("chars, ok", [(269, False), (270, True), (330, True), (331, False)])
def test_report_length_300_around(chars, ok):
    found = reports.report_length(file("01-Ⅲ-2中心组学习情况说明报告.docx"), report(chars), Params(), REQ_300)
    assert (found == []) is ok
    if not ok:
        assert f"{chars} 字" in found[0].message and "270–330" in found[0].message


@pytest.mark.parametrize("chars, ok", [(719, False), (720, True), (880, True), (881, False)])
def test_report_length_defaults_to_800(chars, ok):
    requirement = Requirement("1", "情况（说明报告）", asks=(Ask("report"),))
    assert (reports.report_length(file("01-x说明报告.docx"), report(chars), Params(), requirement) == []) is ok


def test_report_name_title_parts_numbers():
    assert reports.report_name(file("01-Ⅲ-2中心组学习情况说明报告.docx")) == []
    assert reports.report_name(file("Ⅲ-2中心组学习情况说明报告.docx")) == []
    assert reports.report_name(file("中心组学习情况.docx"))
    assert reports.report_title(file("a.docx"), report(300)) == []
    assert reports.report_title(file("a.docx"), report(300, title="中心组学习情况"))
    assert reports.report_parts(file("a.docx"), report(300)) == []
    assert reports.report_numbers(file("a.docx"), report(300), Params()) == []
    thin = report(300, paragraphs=[Paragraph("一、基本情况"), Paragraph("我们认真学习。")])
    parts = reports.report_parts(file("a.docx"), thin)
    assert "主要措施、取得成效" in parts[0].message
    assert "0 处" in reports.report_numbers(file("a.docx"), thin, Params())[0].message


def test_report_formats():
    word = InspectedReport(kind="report", size=1, sha256="x", text_readable=False)
    assert reports.report_format(file("a.docx"), report(300), Params()) == []
    assert reports.report_format(file("a.doc"), word, Params())[0].severity is Severity.WARNING
    pdf = InspectedDocument(kind="document", size=1, sha256="x", pages=1)
    assert reports.report_format(file("a.pdf"), pdf, Params())[0].severity is Severity.ERROR


# --- documents and tables --------------------------------------------------------

DOC_REQ = Requirement("1", "提供建立完善中心组学习制度的规范文件", asks=(Ask("document"),))
INDICATOR = Indicator("Ⅲ-2", "健全完善学习制度", "共性任务")


def pdf(size_mb: float = 0.3, text: str = "", **kw) -> InspectedDocument:
    return InspectedDocument(kind="document", size=round(size_mb * MIB), sha256="d", pages=1,
                             first_page_text=text, **kw)


@pytest.mark.parametrize("size_mb, ok", [(1.99, True), (2.0, False)])
def test_document_size(size_mb, ok):
    assert (documents.document_size(file("01-x.pdf"), pdf(size_mb), Params()) == []) is ok


def test_document_format_word_only_where_secret():
    word = report(300)
    assert documents.document_format(file("01-制度.docx"), word, Params())[0].severity is Severity.ERROR
    assert documents.document_format(file("01-制度.docx"), word, Params(secret=True)) == []


def test_document_title_keywords():
    assert documents.document_keywords(file("01-中心组学习制度.pdf"), pdf(), Params(), INDICATOR, DOC_REQ) == []
    found = documents.document_keywords(file("01-关于召开职工大会的通知.pdf"), pdf(), Params(), INDICATOR, DOC_REQ)
    assert "中心组学习制度" in found[0].message
    assert documents.document_keywords(file("01-x.pdf"), pdf(), Params(keywords=("职工",)), INDICATOR, DOC_REQ)


@pytest.mark.parametrize("name, text, rule", [
    ("01-中心组学习制度.pdf", "……汕尾市经济和信息化局\n2016年11月1日", None),
    ("01-中心组学习制度.pdf", "二〇一五年三月一日", "document.date"),
    ("01-2018.1.5-中心组学习制度.pdf", "", "document.date"),
    ("01-中心组学习制度.pdf", "", None),
])
def test_document_date(name, text, rule):
    found = documents.document_date(file(name), pdf(text=text), Params(), DOC_REQ, PERIOD)
    assert [f.rule for f in found] == ([rule] if rule else [])


def test_routine_documents_before_june():
    plan = Requirement("2", "提供开展活动的年度安排（规范文件）", asks=(Ask("document"),))
    assert documents.document_date(file("01-2017年5月20日-年度安排.pdf"), pdf(), Params(), plan, PERIOD) == []
    late = documents.document_date(file("01-2017年7月3日-年度安排.pdf"), pdf(), Params(), plan, PERIOD)
    assert late[0].rule == "document.late"
    assert documents.document_date(file("01-2017年7月3日-x.pdf"), pdf(), Params(routine=False), plan, PERIOD) == []


def test_tables_are_sealed_scans_or_pictures():
    assert tables.table_format(file("01-统计表.pdf"), pdf(red_seal=True), Params()) == []
    assert tables.table_seal(file("01-统计表.pdf"), pdf(red_seal=True), Params()) == []
    assert tables.table_seal(file("01-统计表.pdf"), pdf(red_seal=False), Params())[0].severity is Severity.WARNING
    from generator.archive.inspectors.model import InspectedTable
    xlsx = InspectedTable(kind="table", size=1, sha256="t", sheets=("Sheet1",), rows=3)
    assert tables.table_format(file("01-统计表.xlsx"), xlsx, Params())[0].severity is Severity.ERROR


# --- requirements: counts and activities ------------------------------------------

def framework_with(requirement: Requirement, params: dict | None = None) -> Framework:
    standard = Standard("1", "标准", score=0.5, requirements=(requirement,))
    indicator = Indicator("Ⅲ-2", "健全完善学习制度", "共性任务", standards=(standard,))
    return Framework("测试", (Category("共性任务", (indicator,)),), period=PERIOD, params=params or {})


def run(requirement: Requirement, files: dict[ArchiveFile, object], params: dict | None = None):
    framework = framework_with(requirement, params)
    scan = Scan(Path("/nowhere"), files=list(files))
    findings = check(framework, scan, {f.rel_path: r for f, r in files.items()})
    indicator = framework.indicators[0]
    return findings, Status.of([f for f in findings if f.indicator == indicator.code])


THEMATIC = Requirement("2", "提供开展活动的情况（说明报告，实景图片）", asks=(Ask("report"), Ask("photo")))


def activities(count: int, photos_each: int = 3) -> dict:
    files = {file("01-开展活动情况说明报告.docx"): report(800)}
    for a in range(count):
        for p in range(photos_each):
            name = f"2017年{a + 1}月1日+会议室+活动{a}+市经信局+主题{a}（{p}）.jpg"
            files[file(name, requirement="2")] = photo(sha256=f"{a}-{p}")
    return {ArchiveFile(f.rel_path, f.abs_path, Place("Ⅲ-2", "1", "2", f.place.group)): r for f, r in files.items()}


@pytest.mark.parametrize("count, ok", [(2, False), (3, True)])
def test_thematic_activities_three_with_three_photos(count, ok):
    findings, _ = run(THEMATIC, activities(count))
    rules = [f.rule for f in findings]
    assert ("requirement.activities" not in rules) is ok
    if not ok:
        message = next(f.message for f in findings if f.rule == "requirement.activities")
        assert f"{count} 项" in message and "至少 3 项" in message


def test_an_activity_with_two_photos_does_not_count():
    findings, _ = run(THEMATIC, activities(3, photos_each=2))
    assert "requirement.activities" in [f.rule for f in findings]


MEETINGS = Requirement("4", "提供4次中心组学习会议材料（会议通知、学习内容、5张实景照片）",
                       asks=(Ask("meeting", count=4), Ask("photo", count=5, per="meeting")))


def meeting_files(meetings: int, photos_each: int) -> dict:
    files = {}
    for m in range(meetings):
        group = f"第{m + 1}次 2017年{m + 1}月5日"
        files[file("01-会议通知.pdf", group, "4")] = pdf(text="关于召开中心组学习会议的通知 2017年1月1日")
        for p in range(photos_each):
            files[file(f"2017年{m + 1}月5日+会议室+中心组学习+市经信局+专题（{p}）.jpg", group, "4")] = \
                photo(sha256=f"{m}-{p}")
    return files


def test_meetings_and_their_photos_are_counted():
    findings, status = run(MEETINGS, meeting_files(4, 5))
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    findings, status = run(MEETINGS, meeting_files(3, 4))
    messages = [f.message for f in findings if f.rule == "requirement.count"]
    assert "会议材料 3 次，要求 4 次" in messages
    assert sum("要求每次会议至少 5 张" in m for m in messages) == 3
    assert status is Status.FAILING


def test_missing_kind_and_missing_material():
    findings, status = run(THEMATIC, {k: v for k, v in activities(3).items() if k.suffix == ".jpg"})
    assert any(f.rule == "requirement.kind" and "说明报告" in f.message for f in findings)
    findings, status = run(THEMATIC, {})
    assert [f.rule for f in findings] == ["requirement.missing"] and status is Status.FAILING


def test_a_survey_requirement_needs_no_material():
    survey = Requirement(None, "问卷调查", asks=(Ask("evaluation"),))
    findings, status = run(survey, {})
    assert findings == [] and status is Status.COMPLIANT


def test_photos_asked_per_requirement():
    requirement = Requirement("1", "学习优秀党员干部的情况（说明报告，200字左右，实景图片2张）",
                              asks=(Ask("report", chars=200), Ask("photo", count=2)))
    files = {file("01-学习优秀党员干部情况说明报告.docx"): report(200),
             file(GOOD_NAME + ".jpg"): photo()}
    findings, _ = run(requirement, files)
    assert "实景图片 1 张，要求至少 2 张" in [f.message for f in findings]


def test_params_per_requirement_win_over_the_framework():
    requirement = Requirement("1", "实景图片", asks=(Ask("photo"),), params={"photo_min_mb": 0.5})
    findings, _ = run(requirement, {file(GOOD_NAME + ".jpg"): photo(0.6)}, params={"photo_min_mb": 1.0})
    assert "photo.size" not in [f.rule for f in findings]
    findings, _ = run(Requirement("1", "实景图片", asks=(Ask("photo"),)),
                      {file(GOOD_NAME + ".jpg"): photo(0.6)}, params={"photo_min_mb": 1.0})
    assert "photo.size" in [f.rule for f in findings]


def test_a_standard_that_lists_no_material_is_never_compliant_by_default():
    indicator = Indicator("Ⅲ-2", "健全完善学习制度", "思想道德建设",
                          (Standard("1", "以党委中心组学习为示范带动", 1.0, ()),))
    standard = indicator.standards[0]
    found = requirements.no_listed_material(indicator, standard, [])
    assert [(f.rule, f.severity) for f in found] == [("standard.unlisted", Severity.WARNING)]
    assert "Ⅲ-2" in found[0].fix and found[0].standard == "1"
    material = ArchiveFile("Ⅲ-2 健全完善学习制度/1 示范带动/01-学习制度.pdf", Path("/x"),
                           Place(indicator="Ⅲ-2", standard="1"))
    assert requirements.no_listed_material(indicator, standard, [material]) == []


def test_a_note_explaining_missing_material_is_a_warning_and_not_material():
    note = file("说明.txt", requirement="2")
    findings, status = run(THEMATIC, {note: None})
    assert [f.rule for f in findings] == ["requirement.explained"] and status is Status.TO_VERIFY
    assert "说明.txt" in findings[0].message


def test_a_file_of_no_material_type_is_told_to_be_converted_or_removed_not_rescanned():
    from generator.archive.inspectors.model import InspectedOther, Problem
    from generator.archive.scan import ArchiveFile, Place
    from generator.rules import files as file_rules

    note = ArchiveFile(rel_path="临时/新建文本文档.txt", abs_path=Path("/a/x.txt"), place=Place())
    other = InspectedOther(kind="other", size=3, sha256="x", problem=Problem("unknown-type", "无法识别的文件类型：扩展名 .txt"))
    [finding] = file_rules.unreadable_file(note, other)
    assert "移出档案" in finding.fix and "重新扫描" not in finding.fix


def test_the_keywords_a_finding_quotes_carry_no_spaces():
    from generator.rules.documents import core_words

    assert core_words("提供规范文件 社会信用体系建设") == ["社会信用体系建设"]
