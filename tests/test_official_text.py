"""The facts of a document read from its text layer (no line heights): the red head, the
文号, a title over two or three lines, the 主送 and the date, on layouts as the OA systems
export them; no 发文机关 guessed without a head, no 文号 taken from a sentence citing one."""

from __future__ import annotations

from generator.archive.inspectors import inspect_file
from generator.archive.inspectors.official import document_number_in, official_facts_from_text

RED_HEAD = """\
汕尾市经济和信息化局文件
汕经信〔2016〕155号
关于印发《汕尾市经济和信息化局党组中心组
学习制度》的通知
局属各单位：
　　现将《汕尾市经济和信息化局党组中心组学习制度》印发给你们，请认真贯彻执行。
汕尾市经济和信息化局
2016年10月12日
"""


def test_a_red_head_document_with_its_title_over_two_lines():
    facts = official_facts_from_text(RED_HEAD)
    assert facts.issuer == "汕尾市经济和信息化局"
    assert facts.number == "汕经信〔2016〕155号"
    assert facts.title == "关于印发《汕尾市经济和信息化局党组中心组学习制度》的通知"
    assert facts.recipient == "局属各单位"
    assert facts.date == "2016-10-12"


def test_a_title_over_three_lines_after_a_number_with_its_signer():
    facts = official_facts_from_text("""\
汕尾市经济和信息化局文件
汕经信〔2017〕96号　　　签发人：陈晓波
关于印发《汕尾市经济和信息化局
2017年诚信汕尾建设
年度工作安排》的通知
市社会信用体系建设统筹协调小组办公室：
　　根据工作部署，现将我局安排报送如下。
二〇一七年九月十五日
""")
    assert facts.number == "汕经信〔2017〕96号"
    assert facts.title == "关于印发《汕尾市经济和信息化局2017年诚信汕尾建设年度工作安排》的通知"
    assert facts.recipient == "市社会信用体系建设统筹协调小组办公室"
    assert facts.date == "2017-09-15"


def test_a_head_without_the_word_file_and_a_title_not_starting_with_about():
    """The layout of the example's 学习计划: the head is a party group's name, the title runs
    over two lines and ends with 计划."""
    facts = official_facts_from_text("""\
中共汕尾市经济和信息化局党组
汕经信党〔2016〕8号
中共汕尾市经济和信息化局党组2016—2017年理论
学习中心组学习计划
各党支部、局属各单位：
　　为贯彻落实党委（党组）中心组学习制度，推进学习教育系统化、长期化，结合本局实际，制定
2016—2017年党组理论学习中心组学习计划如下。
一、学习内容
""")
    assert facts.issuer == "中共汕尾市经济和信息化局党组"
    assert facts.number == "汕经信党〔2016〕8号"
    assert facts.title == "中共汕尾市经济和信息化局党组2016—2017年理论学习中心组学习计划"
    assert facts.recipient == "各党支部、局属各单位"


def test_a_notice_without_a_head_has_no_issuer():
    facts = official_facts_from_text("""\
关于召开2017年第一次党组中心组学习会议的通知
各科室：
　　定于2017年3月15日召开党组中心组学习会议，请准时参加。
人教科
2017年3月10日
""")
    assert facts.issuer == "" and facts.number == ""
    assert facts.title == "关于召开2017年第一次党组中心组学习会议的通知"
    assert facts.recipient == "各科室"
    assert facts.date == "2017-03-10"


def test_a_rule_book_whose_first_line_is_its_title():
    facts = official_facts_from_text("""\
党组中心组学习制度
第一章　总则
第一条　为加强党组中心组学习，根据有关规定，制定本制度。
第二条　中心组每月集中学习一次。
""")
    assert (facts.issuer, facts.number, facts.title) == ("", "", "党组中心组学习制度")


def test_a_report_citing_another_documents_number_has_none_of_its_own():
    facts = official_facts_from_text("""\
汕尾市经济和信息化局2017年文明单位创建工作总结
　　2017年，我局根据《关于深化文明单位创建的意见》（汕文明〔2017〕12号）的部署，
开展了多项创建工作，现总结如下。
一、主要工作
""")
    assert facts.number == "" and facts.issuer == ""
    assert facts.title == "汕尾市经济和信息化局2017年文明单位创建工作总结"


def test_a_body_heading_is_never_the_title():
    """The example's 学习内容: a first line without a title's words, then a date and numbered
    headings, one of which ends like a title (…要点)."""
    facts = official_facts_from_text("""\
党组理论学习中心组集中学习材料
（2016年10月12日）
一、学习篇目
1．《中国共产党章程》
二、学习要点
""")
    assert facts.title == "党组理论学习中心组集中学习材料"
    assert facts.date == "2016-10-12"


def test_a_text_layers_date_is_not_repaired_like_ocr():
    """OCR moves a date into the 文号's year (a misread 二〇一七); a text layer is exact."""
    facts = official_facts_from_text("汕尾市经济和信息化局文件\n汕经信〔2016〕160号\n关于做好年度总结的通知\n"
                                     "各科室：\n请于2017年1月10日前报送。\n2016年12月28日\n附：2017年1月5日召开总结会")
    assert facts.date == "2017-01-05"


def test_a_first_line_titled_like_a_notice_is_no_head():
    facts = official_facts_from_text("关于召开职工大会的通知\n各科室：\n定于下周召开。")
    assert facts.issuer == "" and facts.title == "关于召开职工大会的通知"


def test_a_page_of_nothing_gives_no_facts():
    assert official_facts_from_text("— 1 —\n\n").empty


def test_a_number_in_a_files_name():
    assert document_number_in("01-汕经信[2016]12号-会议通知") == "汕经信〔2016〕12号"
    assert document_number_in("01-会议通知") == ""


# --- the inspectors: a PDF or an OFD with a text layer gets its facts, with no OCR ------------

def text_layer_pdf(lines: list[str]) -> bytes:
    """A PDF whose page 1 holds `lines` as its text layer, one line each, as an OA system
    exports a 正式发文 (laid out by WeasyPrint, as the binder is)."""
    import html

    import weasyprint

    body = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
    return weasyprint.HTML(string="<html><body style='font-family:Noto Sans CJK SC;font-size:10pt'>"
                                  f"{body}</body></html>").write_pdf()


def test_a_pdf_with_a_text_layer_gets_its_facts_without_ocr(tmp_path):
    path = tmp_path / "01-中心组学习制度.pdf"
    path.write_bytes(text_layer_pdf(RED_HEAD.splitlines()))
    result = inspect_file(path, tmp_path / "thumbs")
    assert result.problem is None and result.ocr_pages == 0 and result.ocr_text == ""
    assert result.facts is not None
    assert (result.facts.issuer, result.facts.number) == ("汕尾市经济和信息化局", "汕经信〔2016〕155号")
    assert result.facts.title == "关于印发《汕尾市经济和信息化局党组中心组学习制度》的通知"
    assert result.facts.date == "2016-10-12"


def test_a_text_layer_that_reads_no_facts_gives_none(tmp_path):
    path = tmp_path / "01-x.pdf"
    path.write_bytes(text_layer_pdf(["Quarterly figures 2017", "12345 67890 12345 67890"]))
    result = inspect_file(path, tmp_path / "thumbs")
    assert result.problem is None and result.first_page_text and result.facts is None


def test_an_ofd_gets_the_facts_of_its_first_page(tmp_path):
    from .ofd_builder import make_ofd
    from .test_ofd import NOTICE

    path = tmp_path / "01-通知.ofd"
    path.write_bytes(make_ofd(NOTICE))
    result = inspect_file(path, tmp_path / "thumbs")
    assert result.format == "OFD" and result.ocr_pages == 0
    assert (result.facts.issuer, result.facts.number, result.facts.title, result.facts.recipient) == (
        "汕尾市经济和信息化局", "汕经信〔2016〕12号", "关于印发中心组学习制度的通知", "各科室")


def test_the_site_shows_text_layer_facts_as_the_documents_own(make_archive, tmp_path):
    from .test_build import build, pages
    from .test_framework import GOOD

    archive = make_archive({
        "criteria.yml": GOOD,
        "Ⅲ-26 从严治党/01-学习制度通知.pdf": text_layer_pdf(RED_HEAD.splitlines()),
    })
    build(archive, tmp_path)
    html = pages(tmp_path / "site")["indicators/iii-26.html"]
    assert "汕经信〔2016〕155号" in html and "以上摘自文件首页的文字" in html
    assert "识别结果" not in html and "请核实" not in html


# --- the printed binder: 卷内目录 rows and bookmarks from the facts --------------------------

def test_catalogue_entries_take_the_text_layers_facts_with_the_name_as_fallback():
    from generator.outputs.pdf.catalogue import date_of, document_number, title_of
    from generator.view import FileView

    from .test_rules import file, pdf

    notice = FileView(file("01-学习制度.pdf"), pdf(text=RED_HEAD, facts=official_facts_from_text(RED_HEAD)), [])
    assert title_of(notice) == "关于印发《汕尾市经济和信息化局党组中心组学习制度》的通知"  # both lines
    assert document_number(notice) == "汕经信〔2016〕155号"
    assert str(date_of(notice)) == "2016-10-12"
    named = FileView(file("01-汕经信[2016]12号-会议通知.pdf"), pdf(text="Page 1"), [])
    assert (title_of(named), document_number(named), date_of(named)) == (
        "汕经信[2016]12号　会议通知", "汕经信〔2016〕12号", None)


def test_bookmarks_name_a_document_by_its_number_and_title(make_archive, tmp_path):
    import pikepdf

    from .test_pdf import CRITERIA, text_pdf, write

    folder = "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度"
    archive = make_archive({
        "criteria.yml": CRITERIA,
        f"{folder}/01-学习制度.pdf": text_layer_pdf(RED_HEAD.splitlines()),
        f"{folder}/02-学习笔记.pdf": text_pdf("学习笔记摘抄若干"),  # a first line, no title's words
    })
    [written] = write(archive, tmp_path)
    with pikepdf.open(written.path) as binder, binder.open_outline() as outline:
        titles = []
        stack = list(outline.root)
        while stack:
            item = stack.pop(0)
            titles.append(item.title)
            stack[:0] = list(item.children)
    assert "汕经信〔2016〕155号 关于印发《汕尾市经济和信息化局党组中心组学习制度》…" in titles  # shortened to 40
    assert "02-学习笔记.pdf" in titles
