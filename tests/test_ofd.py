"""OFD (GB/T 33190): recognised, text read, page 1 previewed, damage a problem."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image, ImageDraw

from generator.archive.inspectors import inspect_file, kind_of
from generator.framework.params import InspectionLimits
from generator.rules.reports import readable_report

from .ofd_builder import Line, Page, Picture, make_ofd, ofd_parts, report_pages, zip_parts
from .test_word_text import docx_of, findings_of, make_tool, report_archive

NOTICE = [Page([
    Line("汕尾市经济和信息化局文件", x=40, y=40, size=9, color="230 0 0"),
    Line("汕经信〔2016〕12号", x=80, y=60, size=4),
    Line("关于印发中心组学习制度的通知", x=45, y=80, size=6),
    Line("各科室：", y=100),
    Line("现将《中心组学习制度》印发给你们，请认真贯彻执行。", y=112),
]), Page([Line("附件：中心组学习制度", y=40), Line("二〇一六年十月十二日", x=120, y=250)])]


def red_seal_png() -> bytes:
    image = Image.new("RGB", (400, 400), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 380, 380), outline=(220, 20, 30), width=18)
    draw.regular_polygon((200, 200, 70), 5, fill=(220, 20, 30))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_an_ofd_is_recognised_by_extension_and_by_content(tmp_path):
    data = make_ofd(NOTICE)
    assert kind_of(write(tmp_path, "通知.ofd", data)) == "document"
    assert kind_of(write(tmp_path, "通知", data)) == "document"  # no extension: sniffed


def test_an_ofd_s_text_title_pages_and_preview(tmp_path):
    thumbs = tmp_path / "thumbs"
    result = inspect_file(write(tmp_path, "01-中心组学习制度.ofd", make_ofd(NOTICE, title="中心组学习制度")), thumbs)
    assert result.problem is None and (result.kind, result.format, result.pages) == ("document", "OFD", 2)
    assert result.title == "中心组学习制度" and result.created == "2017-10-30"
    assert result.first_page_text.splitlines()[:3] == ["汕尾市经济和信息化局文件", "汕经信〔2016〕12号",
                                                       "关于印发中心组学习制度的通知"]
    assert "二〇一六年十月十二日" in result.text and result.text_pages == 2
    with Image.open(thumbs / result.preview) as preview:
        assert preview.format == "JPEG" and max(preview.size) == 360
        pixels = preview.convert("RGB").tobytes()
        red = sum(1 for r, g, b in zip(pixels[0::3], pixels[1::3], pixels[2::3]) if r > 150 and r - g > 60)
        assert red > 20  # the red head was drawn in red


def test_an_ofd_preview_draws_its_images(tmp_path):
    page = Page([Line("汕尾市经济和信息化局", y=250)], [Picture(red_seal_png(), "120 200 60 60")])
    result = inspect_file(write(tmp_path, "a.ofd", make_ofd([page])), tmp_path / "thumbs")
    assert result.problem is None and result.red_seal


def test_the_page_budget_bounds_the_ofd_text(tmp_path):
    result = inspect_file(write(tmp_path, "a.ofd", make_ofd(NOTICE)), tmp_path / "thumbs", InspectionLimits(text_pages=1))
    assert result.text_pages == 1 and "二〇一六年" not in result.text and result.pages == 2


def parts_without(name):
    parts = ofd_parts(NOTICE)
    del parts[name]
    return zip_parts(parts)


def parts_with(name, data):
    parts = ofd_parts(NOTICE)
    parts[name] = data
    return zip_parts(parts)


DAMAGED = {
    "truncated": (lambda: make_ofd(NOTICE)[:300], "压缩包"),
    "no OFD.xml": (lambda: parts_without("OFD.xml"), "OFD.xml"),
    "no document root": (lambda: parts_without("Doc_0/Document.xml"), "文档根节点"),
    "page content missing": (lambda: parts_without("Doc_0/Pages/Page_1/Content.xml"), "页面内容"),
    "broken XML": (lambda: parts_with("Doc_0/Pages/Page_0/Content.xml", b"<ofd:Page><unclosed>"), "XML"),
    "no DocRoot": (lambda: parts_with("OFD.xml", b'<OFD xmlns="http://www.ofdspec.org/2016"><DocBody/></OFD>'),
                   "DocRoot"),
    "entity bomb": (lambda: parts_with("OFD.xml", b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>'),
                    "OFD"),
    "not a zip": (lambda: b"\x00\x01 plain bytes, not an OFD" * 4, "ZIP"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_a_damaged_ofd_is_a_problem_with_a_chinese_reason(damage, tmp_path):
    make, words = DAMAGED[damage]
    result = inspect_file(write(tmp_path, "01-通知.ofd", make()), tmp_path / "thumbs")
    assert result.kind == "document" and result.problem is not None
    assert result.problem.code in ("corrupt", "inflated") and words in result.problem.reason


def test_a_pdf_named_ofd_is_mislabelled(tmp_path, testdata):
    data = next(testdata.joinpath("pdfs").glob("*.pdf")).read_bytes()
    result = inspect_file(write(tmp_path, "a.ofd", data), tmp_path / "thumbs")
    assert result.problem.code == "mislabelled" and "PDF" in result.problem.reason


def test_an_ofd_report_is_counted_like_its_docx(tmp_path, capsys):
    paragraphs = [text for _, text in make_tool().REPORTS["Ⅲ-89-2"].paragraphs()]
    ofd = inspect_file(write(tmp_path, "r.ofd", make_ofd(report_pages(paragraphs))), tmp_path / "thumbs")
    docx = inspect_file(docx_of(tmp_path, "Ⅲ-89-2", "r.docx"), tmp_path / "thumbs")
    assert ofd.pages >= 2 and readable_report(ofd).char_count == docx.char_count
    assert readable_report(ofd).title == docx.title
    name = "01-Ⅲ-2征求民意突出问题整改情况说明报告"
    from_docx = report_archive(tmp_path / "a", f"{name}.docx", docx_of(tmp_path, "Ⅲ-89-2", "r2.docx").read_bytes())
    from_ofd = report_archive(tmp_path / "b", f"{name}.ofd", (tmp_path / "in" / "r.ofd").read_bytes())
    ofd_rules = [f for f in findings_of(from_ofd, tmp_path, capsys) if f[0] != "report.format"]
    assert [rule for rule, _ in ofd_rules] == [rule for rule, _ in findings_of(from_docx, tmp_path, capsys)]


def test_the_site_shows_and_indexes_the_text_of_an_ofd_and_a_doc(make_archive, tmp_path):
    from .test_build import build, pages
    from .test_framework import GOOD
    from .test_word_text import EXAMPLE_DOC

    notice = [Page([Line("关于开展廉洁自律专题教育的通知"), Line("<img src=x onerror=alert(1)> 独一无二的检索词甲乙丙", y=60)])]
    archive = make_archive({
        "criteria.yml": GOOD,
        "Ⅲ-26 从严治党/01-廉洁自律专题教育通知.ofd": make_ofd(notice),
        "Ⅲ-26 从严治党/02-整改情况说明报告.doc": EXAMPLE_DOC.read_bytes(),
    })
    build(archive, tmp_path)
    site = tmp_path / "site"
    html = pages(site)["indicators/iii-26.html"]
    assert "独一无二的检索词甲乙丙" in html and "<img src=x" not in html
    assert "binder-pdf__viewer" not in html  # no browser viewer for an OFD: its preview links to it
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    index = "".join(doc["text"] for doc in docs).replace("\u200b", "")
    assert "独一无二的检索词甲乙丙" in index and "整改后再次开展问卷调查" in index


def test_the_printable_binder_holds_an_ofd_s_place_with_a_reason(tmp_path):
    from generator.archive.scan import ArchiveFile, Place
    from generator.outputs.pdf.catalogue import placement_of
    from generator.view import FileView

    path = write(tmp_path, "01-通知.ofd", make_ofd(NOTICE))
    view = FileView(ArchiveFile("01-通知.ofd", path.parent, Place()), inspect_file(path, tmp_path / "thumbs"), [])
    placement, reason = placement_of(view)
    assert placement == "placeholder" and "OFD" in reason
