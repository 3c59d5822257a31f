"""Rules over the facts OCR read from a scan: the title's keywords, the date, the 文号, the
deadline; a finding from OCR says it is a reading to verify. Facts from a text layer are the
document's own words: the same rules, no hint."""

from __future__ import annotations

import datetime as dt

from generator.archive.inspectors.model import OfficialFacts
from generator.framework import Ask, Requirement, Standard
from generator.framework.deadlines import parse_deadline
from generator.framework.params import Params
from generator.rules import documents, messages, requirements
from tests.test_rules import DOC_REQ, INDICATOR, PERIOD, file, pdf

PLAN = Requirement("2", "提供开展活动的年度安排（规范文件）", asks=(Ask("document"),))


def scan(**facts) -> object:
    return pdf(ocr_pages=1, ocr_text="……", facts=OfficialFacts(**facts))


def text_layer(**facts) -> object:
    """A PDF exported with its text (page 1 reads the facts; nothing was OCR'd)."""
    read = OfficialFacts(**facts)
    return pdf(text="\n".join(v for v in (read.issuer, read.number, read.title, read.date) if v), facts=read)


def test_an_ocr_title_without_the_keywords_is_flagged_though_the_name_has_them():
    found = documents.document_keywords(file("01-中心组学习制度.pdf"), scan(title="关于召开职工大会的通知"),
                                        Params(), INDICATOR, DOC_REQ)
    assert [f.rule for f in found] == ["document.keywords"]
    assert "关于召开职工大会的通知" in found[0].message and messages.OCR_HINT in found[0].message


def test_an_ocr_title_with_the_keywords_passes():
    ok = scan(title="关于印发党组中心组学习制度的通知")
    assert documents.document_keywords(file("01-x.pdf"), ok, Params(), INDICATOR, DOC_REQ) == []


def test_an_ocr_title_too_short_to_judge_leaves_the_name_to_decide():
    assert documents.document_keywords(file("01-中心组学习制度.pdf"), scan(title="通知"),
                                        Params(), INDICATOR, DOC_REQ) == []


def test_a_routine_document_whose_scan_is_dated_after_june_is_late_from_ocr():
    found = documents.document_date(file("01-年度安排.pdf"), scan(date="2017-09-15"), Params(), PLAN, PERIOD)
    assert [f.rule for f in found] == ["document.late"] and messages.OCR_HINT in found[0].message
    assert documents.document_date(file("01-年度安排.pdf"), scan(date="2017-06-30"), Params(), PLAN, PERIOD) == []


def test_the_date_in_the_name_wins_over_the_ocr_date():
    found = documents.document_date(file("01-2017年5月2日-年度安排.pdf"), scan(date="2017-09-15"), Params(),
                                    PLAN, PERIOD)
    assert found == []


def test_an_ocr_date_outside_the_period():
    found = documents.document_date(file("01-制度.pdf"), scan(date="2015-03-01"), Params(), DOC_REQ, PERIOD)
    assert [f.rule for f in found] == ["document.date"] and messages.OCR_HINT in found[0].message


def test_a_red_head_without_a_number():
    assert documents.document_number(file("01-x.pdf"), scan(issuer="汕尾市经济和信息化局"))[0].rule == "document.number"
    assert documents.document_number(file("01-x.pdf"), scan(issuer="汕尾市经济和信息化局", number="汕经信〔2016〕1号")) == []
    assert documents.document_number(file("01-x.pdf"), scan(title="学习制度")) == []  # no head: no 正式发文
    assert documents.document_number(file("01-x.pdf"), pdf()) == []  # not OCR'd


def test_a_requirements_deadline_judged_on_the_ocr_date():
    requirement = Requirement("1", "提供计划（6月底前印发）", asks=(Ask("document", deadline=parse_deadline("6月底前")),))
    target = file("01-计划.pdf")
    found = requirements.deadlines(INDICATOR, Standard("1", ""), requirement, [target], {target.rel_path: "document"},
                                   {target.rel_path: scan(date="2017-07-01")})
    assert [f.rule for f in found] == ["requirement.deadline"]
    assert messages.OCR_DATE_SOURCE in found[0].message
    assert requirements.file_date(target, scan(date="2017-07-01")) == (dt.date(2017, 7, 1), messages.OCR_DATE_SOURCE)


def test_the_catalogue_takes_a_scans_facts_from_ocr():
    from generator.outputs.pdf.catalogue import date_of, document_number, title_of
    from generator.view import FileView

    view = FileView(file("01-扫描件.pdf"), scan(title="关于印发年度工作安排的通知", number="汕经信〔2017〕96号",
                                              date="2017-09-15"), [])
    assert title_of(view) == "关于印发年度工作安排的通知"
    assert document_number(view) == "汕经信〔2017〕96号"
    assert date_of(view) == dt.date(2017, 9, 15)
    unread = FileView(file("01-扫描件.pdf"), pdf(), [])
    assert (title_of(unread), document_number(unread), date_of(unread)) == ("扫描件", "", None)


AFTER_SUPERIOR = Requirement("1", "提供实施方案（上级发文后1个月内）",
                             asks=(Ask("document", deadline=parse_deadline("上级发文后1个月内")),))


def after_superior(date: str | None, superior: dt.date | None):
    target = file("01-实施方案.pdf")
    return requirements.deadlines(INDICATOR, Standard("1", ""), AFTER_SUPERIOR, [target],
                                  {target.rel_path: "document"},
                                  {target.rel_path: scan(date=date) if date else pdf()}, superior=superior)


def test_a_document_within_a_month_of_its_superior_document():
    assert after_superior("2016-10-12", dt.date(2016, 9, 12)) == []
    late = after_superior("2016-10-13", dt.date(2016, 9, 12))
    assert [f.rule for f in late] == ["requirement.deadline"] and messages.OCR_DATE_SOURCE in late[0].message
    assert after_superior("2017-02-28", dt.date(2017, 1, 31)) == []  # one month after 31 January
    assert [f.rule for f in after_superior("2017-03-01", dt.date(2017, 1, 31))] == ["requirement.deadline"]


def test_without_the_superior_documents_date_the_interval_is_left_to_verify_and_says_why():
    found = after_superior("2016-10-13", None)
    assert [f.rule for f in found] == ["requirement.deadline-to-verify"]
    assert "superior_date" in found[0].message and "上级发文" in found[0].message
    undated = after_superior(None, dt.date(2016, 9, 12))
    assert [f.rule for f in undated] == ["requirement.deadline-to-verify"] and "没有可读的日期" in undated[0].message


def test_late_after_counts_weeks_and_days_and_leaves_working_days():
    from generator.framework.deadlines import late_after
    start = dt.date(2016, 12, 20)
    assert late_after(parse_deadline("上级发文后2周内"), start, dt.date(2017, 1, 3)) is False
    assert late_after(parse_deadline("上级发文后2周内"), start, dt.date(2017, 1, 4)) is True
    assert late_after(parse_deadline("收到通知后10日内"), start, dt.date(2016, 12, 31)) is True
    assert late_after(parse_deadline("上级发文后5个工作日内"), start, dt.date(2017, 3, 1)) is None
    assert late_after(parse_deadline("6月底前"), start, dt.date(2017, 3, 1)) is None


# --- facts from a text layer: the document's own text, no hint to verify -------------------

def test_a_text_layer_title_never_makes_the_keyword_check_stricter_than_the_name():
    """Before text-layer facts the name and page 1 were judged: a name with the keywords
    still passes whatever the title reads."""
    found = documents.document_keywords(file("01-中心组学习制度.pdf"), text_layer(title="关于召开职工大会的通知"),
                                        Params(), INDICATOR, DOC_REQ)
    assert found == []


def test_a_text_layer_title_without_the_keywords_is_named_without_the_ocr_hint():
    found = documents.document_keywords(file("01-通知.pdf"), text_layer(title="关于召开职工大会的通知"),
                                        Params(), INDICATOR, DOC_REQ)
    assert [f.rule for f in found] == ["document.keywords"]
    assert "关于召开职工大会的通知" in found[0].message and messages.OCR_HINT not in found[0].message


def test_a_text_layer_date_judges_without_the_ocr_hint():
    found = documents.document_date(file("01-年度安排.pdf"), text_layer(date="2017-09-15"), Params(), PLAN, PERIOD)
    assert [f.rule for f in found] == ["document.late"] and messages.OCR_HINT not in found[0].message
    late = documents.document_date(file("01-制度.pdf"), text_layer(date="2015-03-01"), Params(), DOC_REQ, PERIOD)
    assert [f.rule for f in late] == ["document.date"] and messages.OCR_HINT not in late[0].message
    assert documents.dated_how(file("01-制度.pdf"), scan(date="2015-03-01")) == (dt.date(2015, 3, 1), True)
    assert documents.dated_how(file("01-制度.pdf"), text_layer(date="2015-03-01")) == (dt.date(2015, 3, 1), False)


def test_a_text_layer_red_head_without_a_number_is_named_as_the_documents_own():
    found = documents.document_number(file("01-x.pdf"), text_layer(issuer="汕尾市经济和信息化局"))
    assert [f.rule for f in found] == ["document.number"]
    assert "汕尾市经济和信息化局" in found[0].message
    assert messages.OCR_HINT not in found[0].message and "扫描件" not in found[0].message
    assert documents.document_number(file("01-x.pdf"), text_layer(title="党组中心组学习制度")) == []


def test_a_deadline_judged_on_a_text_layer_date_names_page_one_not_ocr():
    requirement = Requirement("1", "提供计划（6月底前印发）", asks=(Ask("document", deadline=parse_deadline("6月底前")),))
    target = file("01-计划.pdf")
    found = requirements.deadlines(INDICATOR, Standard("1", ""), requirement, [target], {target.rel_path: "document"},
                                   {target.rel_path: text_layer(date="2017-07-01")})
    assert [f.rule for f in found] == ["requirement.deadline"]
    assert messages.OCR_DATE_SOURCE not in found[0].message
    assert requirements.file_date(target, text_layer(date="2017-07-01")) == (dt.date(2017, 7, 1), "文件首页的日期")
