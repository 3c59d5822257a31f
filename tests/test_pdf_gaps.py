"""The printable binder's remaining cases: videos as their poster frame (or a dark frame)
with length, picture size and file size; empty-password PDFs merged; one PDF per indicator with its own bookmarks and
numbering; placeholder reasons in Chinese for every tricky real file; and a second run
that lays out only the indicator whose file changed (a count of layouts, not a time)."""

from __future__ import annotations

import re

import pikepdf
import pytest
from pypdf import PdfReader

from generator.archive.inspectors.mp4_header import duration_seconds
from generator.outputs.pdf import book
from generator.text import length_text
from tests.test_pdf import CRITERIA, docx, jpeg, outline, text_pdf, write, xlsx
from tests.video_builder import header_only_mp4 as mp4
from tests.video_builder import phone_clip

ASKED = "Ⅲ-9 融入日常生活/1 核心价值观教育"


def test_mp4_length_is_read_from_its_header(tmp_path):
    clip = tmp_path / "a.mp4"
    clip.write_bytes(mp4(125))
    assert duration_seconds(clip) == 125
    assert length_text(125) == "2分05秒" and length_text(3725) == "1小时02分"
    broken = tmp_path / "b.mp4"
    broken.write_bytes(b"\0\0\0\x01moov" + b"\xff" * 8)  # a 64-bit size beyond the file
    assert duration_seconds(broken) is None
    (tmp_path / "c.avi").write_bytes(b"RIFF")
    assert duration_seconds(tmp_path / "c.avi") is None
    cut = tmp_path / "d.mp4"
    cut.write_bytes(b"\0\0\0\x08mvhd")  # an mvhd box with no body
    assert duration_seconds(cut) is None


def linked_pdf() -> bytes:
    """Two pages: on the first a link to the web and a link to the second page (a named destination)."""
    import weasyprint

    return weasyprint.HTML(string="<p><a href='https://example.org/'>外部链接</a> <a href='#two'>见第二页</a></p>"
                                  "<p id=two style='break-before:page'>第二页</p>").write_pdf()


@pytest.fixture
def archive(make_archive, testdata):
    return make_archive({
        "criteria.yml": CRITERIA,
        "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度/01-中心组学习制度.pdf": text_pdf("关于印发中心组学习制度的通知", 2),
        "Ⅲ-2 健全完善学习制度/1 中心组学习/② 学习情况/01-学习情况说明报告.docx": docx("中心组学习情况说明报告", ["全年学习十二次。"]),
        "Ⅲ-2 健全完善学习制度/1 中心组学习/② 学习情况/2016年10月12日+局三楼会议室+中心组学习.jpg": jpeg("red"),
        "Ⅲ-5 学习教育系统化/2 党史国史教育/01-学习统计表.xlsx": xlsx(),
        "Ⅲ-5 学习教育系统化/2 党史国史教育/02-党史教育专题片.mp4": mp4(125),
        "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度/02-有链接的文件.pdf": linked_pdf(),
        f"{ASKED}/01-空密码加密的规范文件.pdf": (testdata / "pdfs" / "r2-empty-password.pdf").read_bytes(),
        f"{ASKED}/02-空密码加密的AES文件.pdf": (testdata / "pdfs" / "r6-empty-password.pdf").read_bytes(),
        f"{ASKED}/03-要密码的文件.pdf": (testdata / "pdfs" / "libreoffice-writer-password.pdf").read_bytes(),
    })


def test_a_video_is_a_still_sized_frame_with_its_name_length_and_size(archive, tmp_path):
    [written] = write(archive, tmp_path)
    reader = PdfReader(written.path)
    marks = {title: page for _, title, page in outline(reader)}
    text = reader.pages[marks["02-党史教育专题片.mp4"]].extract_text()
    assert "02-党史教育专题片.mp4" in text and "视频" in text
    assert "时长：2分05秒" in text and "大小：" in text and "KB" in text
    assert not any(name.endswith(".mp4") for name, _ in written.placeholders)


def drawn_images(page: pikepdf.Page) -> list[pikepdf.Stream]:
    """The images a page draws: WeasyPrint's pages share one resource dictionary, so what
    page.get_images() lists is every image of the document; the content stream says which."""
    images = page.get_images()
    used = {str(operands[0]) for operands, operator in pikepdf.parse_content_stream(page, "Do")}
    return [image for name, image in images.items() if name in used]


def test_a_decoded_video_shows_its_poster_frame_and_an_undecodable_one_the_dark_frame(archive, tmp_path):
    clip = phone_clip(archive / "Ⅲ-5 学习教育系统化/2 党史国史教育/03-活动录像.mp4", seconds=3.0)
    [written] = write(archive, tmp_path)
    marks = {title: page for _, title, page in outline(PdfReader(written.path))}
    with pikepdf.open(written.path) as binder:
        [poster] = drawn_images(binder.pages[marks[clip.name]])
        assert min(poster.Width, poster.Height) >= 200
        assert not drawn_images(binder.pages[marks["02-党史教育专题片.mp4"]])
    text = PdfReader(written.path).pages[marks[clip.name]].extract_text()
    assert "时长：0分03秒" in text and "分辨率：320×240" in text


def test_empty_password_pdfs_are_merged_and_a_password_one_is_named(archive, tmp_path):
    [written] = write(archive, tmp_path)
    reader = PdfReader(written.path)
    marks = {title: page for _, title, page in outline(reader)}
    placeholders = {name.rsplit("/", 1)[-1]: why for name, why in written.placeholders}
    assert set(placeholders) == {"03-要密码的文件.pdf"} and "密码" in placeholders["03-要密码的文件.pdf"]
    for name in ("01-空密码加密的规范文件.pdf", "02-空密码加密的AES文件.pdf"):
        with pikepdf.open(archive / ASKED / name) as source:
            own = len(source.pages)
        start = marks[name]
        following = sorted(p for p in marks.values() if p > start)
        assert (following[0] if following else len(reader.pages)) - start == own, f"{name}: its own pages merged"
        assert "未能并入" not in reader.pages[start].extract_text()


def test_split_by_indicator_each_file_with_its_bookmarks_and_numbering(archive, tmp_path):
    written = write(archive, tmp_path, split="indicator")
    assert [w.path.name for w in written] == ["Ⅲ-2 健全完善学习制度.pdf", "Ⅲ-5 学习教育系统化.pdf", "Ⅲ-9 融入日常生活.pdf"]
    for one in written:
        reader = PdfReader(one.path)
        indicator = one.path.stem
        marks = outline(reader)
        assert [level for level, _, _ in marks[:3]] == [0, 0, 1] and [t for _, t, _ in marks[:3]][::2] == ["目录", indicator]
        assert one.indicators == 1 and indicator in reader.pages[0].extract_text(), "the cover names the indicator"
        total = len(reader.pages)
        assert one.pages == total
        for index in range(1, total):
            assert f"第 {index + 1} 页 共 {total} 页" in reader.pages[index].extract_text()
        assert reader.page_labels[1:] == [str(n) for n in range(2, total + 1)]
        contents = reader.pages[1].extract_text(extraction_mode="layout")
        listed = re.search(re.escape(indicator) + r"\s*(\d+)", contents)
        assert listed and int(listed.group(1)) == marks[2][2] + 1


def test_a_second_run_lays_out_only_the_indicator_whose_file_changed(archive, tmp_path, monkeypatch):
    laid_out = []
    real = book._lay_out

    def counted(html, cache, key, evidence_pages):
        laid_out.append(key)
        return real(html, cache, key, evidence_pages)

    monkeypatch.setattr(book, "_lay_out", counted)
    [first] = write(archive, tmp_path, jobs=1)
    assert len(laid_out) == first.indicators == 3
    [again] = write(archive, tmp_path, jobs=1)
    assert len(laid_out) == 3 and again.reused == 3, "nothing changed: nothing laid out again"
    table = archive / "Ⅲ-5 学习教育系统化/2 党史国史教育/01-学习统计表.xlsx"
    from openpyxl import load_workbook
    workbook = load_workbook(table)
    workbook.active.append(["李明", "办公室", 1])
    workbook.save(table)
    [third] = write(archive, tmp_path, jobs=1)
    assert len(laid_out) == 4 and third.reused == 2, "only the changed indicator laid out again"


ALLOWED_ASCII = {"PDF", "Word", "Excel", "MB", "KB", "GB", "docx", "doc", "wps", "xlsx", "xls", "zip", "ZIP",
                 "Office", "EXIF", "JPEG", "PNG", "HEIC", "HEIF", "OLE", "XML"}


def test_every_placeholder_reason_is_chinese_for_the_tricky_real_files(make_archive, testdata, tmp_path):
    files = {"criteria.yml": CRITERIA}
    for kind in ("pdfs", "docs", "photos"):
        for path in sorted((testdata / kind).iterdir()):
            files[f"{ASKED}/{kind}-{path.name}"] = path.read_bytes()
    archive = make_archive(files, "tricky")
    [written] = write(archive, tmp_path)
    assert written.placeholders, "some of these files cannot be placed"
    reader = PdfReader(written.path)
    marks = {title: page for _, title, page in outline(reader)}
    for name, why in written.placeholders:
        words = set(re.findall(r"(?<![.\w])[A-Za-z]{2,}", why))  # not extensions (.pdf)
        assert words <= ALLOWED_ASCII, f"{name}: {why}"
        assert re.search(r"[\u4e00-\u9fff]", why)
        page = reader.pages[marks[name.rsplit("/", 1)[-1]]].extract_text()
        assert "未能并入" in page and why.replace(" ", "") in page.replace(" ", "").replace("\n", "")
        assert not re.search(r"\b\w*(Error|Exception)\b", page), f"{name}: an exception's name on the page"


def test_links_inside_a_merged_pdf_still_lead_where_they_led(archive, tmp_path):
    [written] = write(archive, tmp_path)
    marks = {title: page for _, title, page in outline(PdfReader(written.path))}
    first = marks["02-有链接的文件.pdf"]
    with pikepdf.open(written.path) as binder:
        annots = list(binder.pages[first].get("/Annots", []))
        uris = [a.A.URI for a in annots if "/A" in a and a.A.get("/S") == "/URI"]
        assert uris == ["https://example.org/"]
        named = [a.Dest for a in annots if "/Dest" in a]
        assert named, "the internal link is there"
        destinations = pikepdf.NameTree(binder.Root.Names.Dests)
        target = destinations[str(named[0])]
        target = target.D if isinstance(target, pikepdf.Dictionary) else target
        assert pikepdf.Page(target[0]).index == first + 1, "it leads to the merged copy of its second page"


def test_a_full_bleed_evidence_page_is_shrunk_clear_of_the_header_and_footer(make_archive, tmp_path):
    import weasyprint

    bleed = weasyprint.HTML(string="<style>@page{margin:0}body{margin:0;font-family:'Noto Sans CJK SC'}</style>"
                                   "<p style='margin:0'>顶端的文字</p><p style='position:absolute;bottom:0;margin:0'>底端的页码</p>"
                            ).write_pdf()
    archive = make_archive({"criteria.yml": CRITERIA, f"{ASKED}/01-满版扫描件.pdf": bleed}, "bleed")
    [written] = write(archive, tmp_path)
    reader = PdfReader(written.path)
    marks = {title: page for _, title, page in outline(reader)}
    page = reader.pages[marks["01-满版扫描件.pdf"]]
    heights: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if "顶端" in text or "底端" in text:
            heights[text.strip()] = tm[5] * cm[3] + cm[5]  # the baseline on the page (no rotation here)

    page.extract_text(visitor_text=visit)
    top, bottom = heights["顶端的文字"], heights["底端的页码"]
    height = float(page.mediabox.height)
    assert top < height - 14 * 72 / 25.4 - 2, "below the header's line"
    assert bottom > 10 * 72 / 25.4 + 9, "above the footer's line"
    assert "第 " in page.extract_text() and "顶端的文字" in page.extract_text()
