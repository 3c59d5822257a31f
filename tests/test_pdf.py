"""The printable binder (`binder pdf`), read back with pypdf: bookmarks follow the framework,
the contents' numbers are the pages the bookmarks point to, page labels and footers are
there, Chinese text extracts as written, and a file that cannot be placed gets its page."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from docx import Document
from openpyxl import Workbook
from PIL import Image
from pypdf import PdfReader

from generator import cli
from generator.binder import assemble
from generator.outputs import pdf
from generator.outputs.pdf import pictures
from generator.view import build_view

CRITERIA = """\
framework: 测试测评体系
unit: 测试单位
period: {start: 2016-08-01, end: 2017-12-31}
categories:
  - name: 思想道德建设
    indicators:
      - code: Ⅲ-2
        name: 健全完善学习制度
        standards:
          - code: 1
            text: 以党委中心组学习为示范带动
            score: 1
            owner: {department: 人教科}
            requirements:
              - code: 1
                text: 提供学习制度的规范文件
                asks: [{kind: document}]
              - code: 2
                text: 提供学习情况的说明报告和实景图片
                asks: [{kind: report}, {kind: photo}]
      - code: Ⅲ-5
        name: 学习教育系统化
        standards:
          - code: 2
            text: 广泛开展党史国史教育
            requirements:
              - text: 提供统计表格
                asks: [{kind: table}]
  - name: 文明单位创建
    indicators:
      - code: Ⅲ-9
        name: 融入日常生活
        standards:
          - code: 1
            text: 开展核心价值观教育
            requirements:
              - text: 提供规范文件
                asks: [{kind: document}]
"""


def text_pdf(text: str, pages: int = 1) -> bytes:
    """A real PDF with a Chinese text layer (laid out by WeasyPrint, as the binder is)."""
    import weasyprint

    body = "".join(f"<p style='break-after:page'>{text}（第{i + 1}页）</p>" for i in range(pages))
    return weasyprint.HTML(string=f"<html><body style='font-family:Noto Sans CJK SC'>{body}</body></html>").write_pdf()


def encrypted_pdf() -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(text_pdf("机密文件"))) as source:
        source.save(out, encryption=pikepdf.Encryption(owner="o", user="secret"))
    return out.getvalue()


def jpeg(color: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2400, 1800), color).save(out, "JPEG")
    return out.getvalue()


def docx(title: str, paragraphs: list[str]) -> bytes:
    document = Document()
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "科室", "推荐次数"])
    sheet.append(["陈晓波", "人教科", 3])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


NOTICE = "关于印发中心组学习制度的通知"
"""How the bookmark of 01-中心组学习制度.pdf begins: its title as its facts read it (its page 1,
with fewer than 20 characters of text, is OCR'd: what follows the title is as OCR reads it)."""


def notice_page(marks: dict[str, int]) -> int:
    [page] = [page for title, page in marks.items() if title.startswith(NOTICE)]
    return page


@pytest.fixture
def archive(make_archive):
    return make_archive({
        "criteria.yml": CRITERIA,
        "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度/01-中心组学习制度.pdf": text_pdf("关于印发中心组学习制度的通知", 3),
        "Ⅲ-2 健全完善学习制度/1 中心组学习/② 学习情况/01-学习情况说明报告.docx":
            docx("中心组学习情况说明报告", ["我局认真组织中心组学习。", "全年学习十二次。"]),
        "Ⅲ-2 健全完善学习制度/1 中心组学习/② 学习情况/2016年10月12日+局三楼会议室+中心组学习+市经信局+两学一做.jpg": jpeg("red"),
        "Ⅲ-2 健全完善学习制度/1 中心组学习/② 学习情况/2016年11月2日+局三楼会议室+中心组学习+市经信局+党史教育.jpg": jpeg("blue"),
        "Ⅲ-5 学习教育系统化/2 党史国史教育/01-学习统计表.xlsx": xlsx(),
        "Ⅲ-9 融入日常生活/1 核心价值观教育/01-加密的规范文件.pdf": encrypted_pdf(),
    })


def write(archive, tmp_path, **options):
    binder = assemble(archive, tmp_path / "cache")
    view = build_view(binder)
    return pdf.write_pdfs(view, tmp_path / "binder.pdf" if not options.get("split") else tmp_path / "parts",
                          tmp_path / "cache" / "pdf", **options)


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page index) of every bookmark, in order."""
    out = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                out.append((level, item.title, reader.get_destination_page_number(item)))
    walk(reader.outline, 0)
    return out


def test_bookmarks_follow_the_framework(archive, tmp_path):
    [written] = write(archive, tmp_path)
    marks = outline(PdfReader(written.path))
    assert [(level, NOTICE if title.startswith(NOTICE) else title) for level, title, _ in marks] == [
        (0, "目录"),
        (0, "思想道德建设"),
        (1, "Ⅲ-2 健全完善学习制度"),
        (2, "测评标准 1） 以党委中心组学习为示范带动"),
        (3, "① 提供学习制度的规范文件"),
        (4, NOTICE),  # a document with a title: named by it
        (3, "② 提供学习情况的说明报告和实景图片"),
        (4, "01-学习情况说明报告.docx"),
        (4, "2016年10月12日+局三楼会议室+中心组学习+市经信局+两学一做.jpg"),
        (4, "2016年11月2日+局三楼会议室+中心组学习+市经信局+党史教育.jpg"),
        (1, "Ⅲ-5 学习教育系统化"),
        (2, "测评标准 2） 广泛开展党史国史教育"),
        (3, "材料 提供统计表格"),
        (4, "01-学习统计表.xlsx"),
        (0, "文明单位创建"),
        (1, "Ⅲ-9 融入日常生活"),
        (2, "测评标准 1） 开展核心价值观教育"),
        (3, "材料 提供规范文件"),
        (4, "01-加密的规范文件.pdf"),
    ]
    pages = [page for _, _, page in marks]
    assert pages[5] < pages[7] < pages[8] <= pages[9], "documents in framework order, photos after the report"


def test_contents_numbers_are_the_pages_the_bookmarks_point_to(archive, tmp_path):
    [written] = write(archive, tmp_path)
    reader = PdfReader(written.path)
    marks = {title: page for level, title, page in outline(reader) if level == 1}
    contents = reader.pages[1].extract_text(extraction_mode="layout")  # numbers are written in last: read by place
    for title, page in marks.items():
        listed = re.search(re.escape(title) + r"\s*(\d+)", contents)
        assert listed, f"{title} not in the contents"
        assert int(listed.group(1)) == page + 1
        assert title in reader.pages[page].extract_text(), "the bookmark opens the indicator's heading page"


def test_evidence_pdf_pages_are_merged_not_rasterised(archive, tmp_path):
    [written] = write(archive, tmp_path)
    reader = PdfReader(written.path)
    marks = {title: page for _, title, page in outline(reader)}
    first = notice_page(marks)
    for offset in range(3):
        assert f"关于印发中心组学习制度的通知（第{offset + 1}页）" in reader.pages[first + offset].extract_text()


def test_page_labels_footer_and_header(archive, tmp_path):
    [written] = write(archive, tmp_path)
    reader = PdfReader(written.path)
    total = len(reader.pages)
    assert reader.page_labels[0] == "封面"
    assert reader.page_labels[1:] == [str(n) for n in range(2, total + 1)]
    for index in range(1, total):
        text = reader.pages[index].extract_text()
        assert f"第 {index + 1} 页 共 {total} 页" in text
        assert "测试测评体系" in text and "测试单位" in text
    marks = {title: page for _, title, page in outline(reader)}
    evidence = reader.pages[notice_page(marks)].extract_text()
    assert "Ⅲ-2 健全完善学习制度" in evidence, "the header names the indicator on evidence pages too"
    assert "第 1 页" not in reader.pages[0].extract_text(), "no page number on the cover"


def test_chinese_heading_extracts_as_its_text_and_fonts_are_embedded(archive, tmp_path):
    [written] = write(archive, tmp_path)
    reader = PdfReader(written.path)
    marks = {title: page for _, title, page in outline(reader)}
    heading = reader.pages[marks["Ⅲ-2 健全完善学习制度"]].extract_text()
    assert "Ⅲ-2 健全完善学习制度" in heading and "以党委中心组学习为示范带动" in heading
    assert "测试单位" in reader.pages[0].extract_text() and "2016年08月01日 至 2017年12月31日" in reader.pages[0].extract_text()
    fonts = [font.get_object() for font in reader.pages[marks["Ⅲ-2 健全完善学习制度"]]["/Resources"]["/Font"].values()]
    descendants = [f["/DescendantFonts"][0].get_object() for f in fonts if "/DescendantFonts" in f]
    assert descendants and all("/FontFile2" in d["/FontDescriptor"] or "/FontFile3" in d["/FontDescriptor"]
                               for d in descendants)


def test_catalogue_rows_in_the_columns_of_da_t_22(archive, tmp_path):
    [written] = write(archive, tmp_path)
    reader = PdfReader(written.path)
    marks = {title: page for _, title, page in outline(reader)}
    raw = reader.pages[marks["Ⅲ-2 健全完善学习制度"] + 1].extract_text()
    catalogue = raw.replace("\n", "")  # cells wrap
    for column in ("件号", "责任者", "文号", "题名", "日期", "页号", "备注"):
        assert column in catalogue
    assert "测试单位人教科" in catalogue
    assert "中心组学习情况说明报告" in catalogue, "a report's 题名 is its title"
    assert "20161012" in catalogue
    laid_out = reader.pages[marks["Ⅲ-2 健全完善学习制度"] + 1].extract_text(extraction_mode="layout")
    row = re.search(r"^\s*1\s+测试单位人教科\s+关于印发\S*\s+(\d+)\s*$", laid_out, re.M)  # 件号 1 ... its 页号
    assert row and int(row.group(1)) == notice_page(marks) + 1, "页号 is the page in this PDF"


def test_materials_report_photos_table(archive, tmp_path):
    [written] = write(archive, tmp_path)
    reader = PdfReader(written.path)
    marks = {title: page for _, title, page in outline(reader)}
    report = reader.pages[marks["01-学习情况说明报告.docx"]].extract_text()
    assert "中心组学习情况说明报告" in report and "全年学习十二次。" in report
    photos = reader.pages[marks["2016年10月12日+局三楼会议室+中心组学习+市经信局+两学一做.jpg"]]
    assert "2016年10月12日" in photos.extract_text() and "2016年11月2日" in photos.extract_text(), "photos share a page"
    images = list(photos.images)
    assert len(images) == 2 and max(images[0].image.size) <= pictures.PRINT_LONG_SIDE, "photos at print resolution, not the originals"
    table = reader.pages[marks["01-学习统计表.xlsx"]].extract_text()
    assert "陈晓波" in table and "推荐次数" in table


def test_an_encrypted_pdf_gets_its_named_placeholder_page(archive, tmp_path):
    [written] = write(archive, tmp_path)
    reader = PdfReader(written.path)
    marks = {title: page for _, title, page in outline(reader)}
    page = reader.pages[marks["01-加密的规范文件.pdf"]].extract_text()
    assert "01-加密的规范文件.pdf" in page and "加密" in page and "未能并入" in page
    assert written.placeholders and written.placeholders[0][0].endswith("01-加密的规范文件.pdf")


def test_inspector_edition_shows_evidence_only_internal_shows_statuses(archive, tmp_path):
    [inspector] = write(archive, tmp_path, edition="inspector")
    text = "".join(p.extract_text() for p in PdfReader(inspector.path).pages)
    assert not [word for word in ("未达标", "待核实", "达标", "整改", "风险") if word in text]
    [internal] = write(archive, tmp_path, edition="internal")
    text = "".join(p.extract_text() for p in PdfReader(internal.path).pages)
    assert "达标" in text and "未达标" in text, "statuses and findings on the heading pages"


def test_unchanged_indicators_are_not_laid_out_again(archive, tmp_path):
    [first] = write(archive, tmp_path)
    assert first.reused == 0
    (archive / "Ⅲ-5 学习教育系统化/2 党史国史教育/01-学习统计表.xlsx").unlink()
    [second] = write(archive, tmp_path)
    assert second.reused == 2


def test_split_by_category(archive, tmp_path):
    written = write(archive, tmp_path, split="category")
    assert [w.path.name for w in written] == ["思想道德建设.pdf", "文明单位创建.pdf"]
    marks = outline(PdfReader(written[1].path))
    assert [t for _, t, _ in marks][:3] == ["目录", "文明单位创建", "Ⅲ-9 融入日常生活"]


def test_cli_writes_the_pdf_in_chinese_and_names_placeholders(archive, tmp_path, capsys):
    target = tmp_path / "装订本.pdf"
    code = cli.main(["pdf", "--archive", str(archive), "--cache-dir", str(tmp_path / "cache"), "-o", str(target)])
    captured = capsys.readouterr()
    assert code == 0 and target.is_file()
    assert "已生成装订本" in captured.out and "01-加密的规范文件.pdf" in captured.out
    assert "Traceback" not in captured.err
    code = cli.main(["pdf", "--archive", str(archive), "--cache-dir", str(tmp_path / "cache"),
                     "-o", str(tmp_path / "no-such-folder" / "x" / "装订本.pdf")])
    captured = capsys.readouterr()
    assert code == 1 and "装订本未能写出" in captured.err and "Traceback" not in captured.err


def test_a_standard_opens_no_later_than_its_first_requirement(archive, tmp_path):
    # ① has no file left (the unit emptied its folder): it is found on the heading page, and
    # its standard must not send the reader past it, to ②'s report.
    (archive / "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度/01-中心组学习制度.pdf").unlink()
    [written] = write(archive, tmp_path)
    marks = outline(PdfReader(written.path))
    standard = next(page for level, title, page in marks if title.startswith("测评标准 1）"))
    first = next(page for level, title, page in marks if title.startswith("① 提供学习制度"))
    assert standard <= first
