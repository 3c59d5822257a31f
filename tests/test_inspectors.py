"""The inspectors: every tricky real file gives a result, and the right one."""

from __future__ import annotations

import io
import logging
import re
import shutil
import time
from pathlib import Path

import docx
import openpyxl
import pytest

from generator.archive.inspectors.common import THUMB_SIZE
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageFile, ImageOps, ImageStat
from pypdf import PdfWriter

from generator.archive import inspectors
from generator.framework.params import InspectionLimits
from generator.archive.inspectors import INSPECTOR_VERSION, inspect_file, kind_of
from generator.archive.inspectors import photo as photo_module
from generator.archive.inspectors import word_text
from generator.archive.inspectors.model import InspectedPhoto, from_dict, to_dict
from generator.text import count_chars

from .conftest import TESTDATA, tree_hashes

CHINESE = re.compile(r"[\u4e00-\u9fff]")

CORPUS = sorted(
    f"{folder}/{p.name}" for folder in ("photos", "pdfs", "docs")
    for p in (TESTDATA / folder).iterdir() if p.is_file()
) if TESTDATA.is_dir() else []

KIND_OF_FOLDER = {"photos": "photo", "pdfs": "document", "docs": "report"}

EXPECTED_PROBLEMS: dict[str, set[str]] = {
    "photos/broken.png": {"corrupt"},
    "photos/crash-86214e58da443d2b80820cff9677a38a33dcbbca.tif": {"corrupt"},
    "photos/decompression_bomb.gif": {"too-large"},
    "photos/empty.heic": {"empty"},
    "photos/png_decompression_dos.png": {"too-large", "corrupt"},
    "photos/truncated_image.png": {"truncated", "corrupt"},
    "photos/truncated_jpeg.jpg": {"truncated", "corrupt"},
    "photos/ultrahdr.jpg": {"truncated", "corrupt"},
    "pdfs/hopper_jpeg_named.pdf": {"mislabelled"},
    "pdfs/issue-143.pdf": {"corrupt", "truncated"},
    "pdfs/libreoffice-writer-password.pdf": {"encrypted"},
    "pdfs/unreadablemetadata.pdf": {"corrupt", "truncated"},
    "docs/example_password.docx": {"encrypted"},
    "docs/invalid_2007 onwards_corrupted.docx": {"corrupt", "truncated"},
    "docs/strict.docx": {"unsupported"},
}
"""Files of the corpus that can't be read, with the codes that describe them; every
other file of the corpus must read without a problem."""


@pytest.fixture
def thumbs(tmp_path) -> Path:
    return tmp_path / "thumbs"


def copy_in(tmp_path: Path, rel: str, name: str | None = None) -> Path:
    """A copy of a corpus file in tmp_path (the shared corpus is never handed out)."""
    target = tmp_path / "in" / (name or Path(rel).name)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(TESTDATA / rel, target)
    return target


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    target = tmp_path / "in" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return target


def jpeg_bytes(size=(64, 48), color=(200, 30, 30), exif: Image.Exif | None = None) -> bytes:
    out = io.BytesIO()
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.blend(image, Image.new("RGB", size, color), 0.5)
    image.save(out, "JPEG", quality=90, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def pdf_bytes(pages: int = 1, metadata: dict | None = None, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if metadata:
        writer.add_metadata(metadata)
    if password is not None:
        writer.encrypt(password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    return sum(ImageStat.Stat(diff).mean) / 3


# --- the whole corpus --------------------------------------------------------------


@pytest.mark.parametrize("rel", CORPUS)
def test_every_corpus_file_gives_a_result_of_its_kind(rel, tmp_path, thumbs):
    path = copy_in(tmp_path, rel)
    before = tree_hashes(path.parent)
    started = time.perf_counter()
    # The 5 s are for reading a file's structure; OCR of a scan's pages (seconds a page, on
    # one thread) is measured by `make bench-ocr` and tested in test_ocr.py.
    result = inspect_file(path, thumbs, InspectionLimits(ocr_pages=0))
    elapsed = time.perf_counter() - started
    assert result.kind == KIND_OF_FOLDER[rel.split("/")[0]]
    assert result.size == path.stat().st_size
    assert elapsed < 60, f"{rel} took {elapsed:.1f} s"  # a hang guard, not a speed test (that is make bench)
    assert tree_hashes(path.parent) == before, "the inspected file was modified"
    assert from_dict(to_dict(result)) == result
    expected = EXPECTED_PROBLEMS.get(rel)
    if expected is None:
        assert result.problem is None, result.problem
    else:
        assert result.problem is not None and result.problem.code in expected, result.problem
        assert CHINESE.search(result.problem.reason), result.problem.reason
        assert str(tmp_path) not in result.problem.reason, "a reason must not show the builder's folders"


def test_the_corpus_is_complete():
    assert len(CORPUS) == 58
    assert set(EXPECTED_PROBLEMS) <= set(CORPUS)


# --- kinds -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kind"), [
    ("a.jpg", "photo"), ("a.JPEG", "photo"), ("a.heic", "photo"), ("a.bmp", "photo"), ("a.Tif", "photo"),
    ("a.pdf", "document"), ("a.PDF", "document"),
    ("a.docx", "report"), ("a.doc", "report"), ("a.wps", "report"),
    ("a.xlsx", "table"), ("a.xls", "table"), ("a.et", "table"), ("a.csv", "table"),
    ("a.mp4", "media"), ("a.MOV", "media"), ("a.mp3", "media"), ("a.webm", "media"), ("a.wma", "media"),
    ("a.txt", "other"), ("a.zip", "other"), ("a", "other"),
])
def test_kind_of_by_extension(name, kind, tmp_path):
    assert kind_of(write(tmp_path, name, b"whatever")) == kind


def test_kind_of_by_content_when_the_extension_says_nothing(tmp_path):
    assert kind_of(write(tmp_path, "IMG_0001", jpeg_bytes())) == "photo"
    assert kind_of(write(tmp_path, "scan.download", pdf_bytes())) == "document"
    report = tmp_path / "in" / "report.bin"
    docx.Document().save(report)
    assert kind_of(report) == "report"
    assert kind_of(tmp_path / "missing") == "other"


def test_a_jpeg_named_pdf_goes_to_the_pdf_inspector(tmp_path, thumbs):
    path = write(tmp_path, "01-通知.pdf", jpeg_bytes())
    result = inspect_file(path, thumbs)
    assert result.kind == "document"
    assert result.problem.code == "mislabelled"
    assert "JPEG" in result.problem.reason


@pytest.mark.parametrize("name", ["a.jpg", "a.pdf", "a.docx", "a.doc", "a.xlsx", "a.xls", "a.csv",
                                  "a.mp4", "a.mp3", "a.xyz"])
def test_an_empty_file_of_any_kind_is_empty(name, tmp_path, thumbs):
    result = inspect_file(write(tmp_path, name, b""), thumbs)
    assert result.problem.code == "empty"
    assert result.kind == kind_of(Path(name))


def test_an_inspector_that_breaks_gives_unreadable(tmp_path, thumbs, monkeypatch):
    def broken(path, thumbs_dir, limits):
        raise RuntimeError("boom")

    monkeypatch.setitem(inspectors.KINDS, "photo", (InspectedPhoto, broken))
    result = inspect_file(write(tmp_path, "a.jpg", jpeg_bytes()), thumbs)
    assert isinstance(result, InspectedPhoto)
    assert result.problem.code == "unreadable"
    assert "RuntimeError" in result.problem.reason and CHINESE.search(result.problem.reason)


def test_a_missing_file_gives_unreadable(tmp_path, thumbs):
    result = inspect_file(tmp_path / "gone.pdf", thumbs)
    assert result.kind == "document"
    assert result.problem.code == "unreadable"
    assert str(tmp_path) not in result.problem.reason


def test_the_version_is_an_int():
    assert isinstance(INSPECTOR_VERSION, int)


# --- photos ------------------------------------------------------------------------


def thumb_of(result, thumbs: Path) -> Image.Image:
    assert result.thumbnail, result.problem
    with Image.open(thumbs / result.thumbnail) as image:
        image.load()
        return image


def test_oriented_thumbnails_are_upright(tmp_path, thumbs):
    images = {}
    for n in range(2, 9):
        result = inspect_file(copy_in(tmp_path, f"photos/hopper_orientation_{n}.jpg"), thumbs)
        assert result.orientation == n
        images[n] = thumb_of(result, thumbs)
    # An independent reference: Pillow's own exif_transpose of a fully decoded file.
    with Image.open(TESTDATA / "photos/hopper_orientation_6.jpg") as image:
        reference = ImageOps.exif_transpose(image).convert("RGB")
    for n, image in images.items():
        assert image.size == reference.size
        assert mean_difference(image, reference) < 8, f"orientation {n} is not upright"
    # And a picture that is not upright differs clearly: the check can fail.
    with Image.open(TESTDATA / "photos/hopper_orientation_6.jpg") as image:
        assert mean_difference(image.convert("RGB"), reference) > 20


def test_a_quarter_turn_swaps_width_and_height(tmp_path, thumbs):
    result = inspect_file(copy_in(tmp_path, "photos/g4_orientation_6.tif"), thumbs)
    assert (result.width, result.height) == (88, 590)
    assert result.thumb_height == THUMB_SIZE and result.thumb_width < result.thumb_height
    assert thumb_of(result, thumbs).size == (result.thumb_width, result.thumb_height)


def test_a_large_jpeg_is_decoded_at_reduced_scale(tmp_path, thumbs, monkeypatch):
    path = write(tmp_path, "big.jpg", jpeg_bytes((4000, 3000)))
    decoded_sizes = []
    make_thumbnail = photo_module.make_thumbnail

    def spy(image):
        decoded_sizes.append(image.size)
        return make_thumbnail(image)

    monkeypatch.setattr(photo_module, "make_thumbnail", spy)
    result = inspect_file(path, thumbs)
    assert (result.width, result.height) == (4000, 3000)
    assert decoded_sizes == [(500, 375)], "JPEG draft mode should decode at 1/8 scale"
    assert (result.thumb_width, result.thumb_height) == (THUMB_SIZE, THUMB_SIZE * 3 // 4)
    assert thumb_of(result, thumbs).size == (THUMB_SIZE, THUMB_SIZE * 3 // 4)


def test_a_large_turned_jpeg_reports_its_shown_size(tmp_path, thumbs):
    exif = Image.Exif()
    exif[0x0112] = 6
    result = inspect_file(write(tmp_path, "big.jpg", jpeg_bytes((4000, 3000), exif=exif)), thumbs)
    assert (result.width, result.height, result.orientation) == (3000, 4000, 6)
    assert (result.thumb_width, result.thumb_height) == (THUMB_SIZE * 3 // 4, THUMB_SIZE)


def test_decode_reduced_leaves_small_and_non_jpeg_images_whole(tmp_path):
    png = tmp_path / "a.png"
    Image.new("RGB", (2000, 1000)).save(png)
    with Image.open(png) as image:
        assert photo_module.decode_reduced(image, 480).size == (2000, 1000)


def test_exif_date_original_first_then_datetime(tmp_path, thumbs):
    exif = Image.Exif()
    exif[0x0132] = "2016:10:13 10:00:00"
    exif.get_ifd(0x8769)[0x9003] = "2016:10:12 09:30:00"
    result = inspect_file(write(tmp_path, "a.jpg", jpeg_bytes(exif=exif)), thumbs)
    assert result.exif_datetime == "2016-10-12T09:30:00"
    only_datetime = Image.Exif()
    only_datetime[0x0132] = "2016:10:13 10:00:00"
    result = inspect_file(write(tmp_path, "b.jpg", jpeg_bytes(exif=only_datetime)), thumbs)
    assert result.exif_datetime == "2016-10-13T10:00:00"
    zeros = Image.Exif()
    zeros[0x0132] = "0000:00:00 00:00:00"
    result = inspect_file(write(tmp_path, "c.jpg", jpeg_bytes(exif=zeros)), thumbs)
    assert result.exif_datetime is None and result.problem is None


def test_a_broken_exif_loses_nothing_else(tmp_path, thumbs):
    result = inspect_file(copy_in(tmp_path, "photos/hopper_bad_exif.jpg"), thumbs)
    assert result.problem is None
    assert (result.format, result.width, result.height) == ("JPEG", 500, 500)
    assert result.thumbnail


def test_flower_has_its_camera_date(tmp_path, thumbs):
    result = inspect_file(copy_in(tmp_path, "photos/flower.jpg"), thumbs)
    assert result.exif_datetime == "2003-12-14T12:01:44"
    assert result.orientation == 1


def test_transparency_is_flattened_on_white(tmp_path, thumbs):
    path = tmp_path / "in" / "t.png"
    path.parent.mkdir(parents=True)
    Image.new("RGBA", (40, 20), (255, 0, 0, 0)).save(path)
    image = thumb_of(inspect_file(path, thumbs), thumbs)
    assert image.mode == "RGB"
    assert all(v > 245 for v in image.getpixel((10, 10)))


def test_palette_transparency_and_cmyk_become_rgb(tmp_path, thumbs):
    for rel in ("photos/p_trns_single.png", "photos/pil_sample_cmyk.jpg", "photos/transparent.webp",
                "photos/iss634.gif", "photos/multipage.tiff", "photos/zPug_3.heic"):
        result = inspect_file(copy_in(tmp_path, rel), thumbs)
        assert thumb_of(result, thumbs).mode == "RGB", rel


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path, thumbs):
    path = tmp_path / "in" / "deep.png"
    path.parent.mkdir(parents=True)
    deep = Image.new("I;16", (64, 64))
    deep.putdata([x * 1000 for x in range(64)] * 64)
    deep.save(path)
    low, high = thumb_of(inspect_file(path, thumbs), thumbs).convert("L").getextrema()
    assert low < 10 and high > 245


def test_a_too_large_image_is_refused_with_pillow_defaults_intact(tmp_path, thumbs, monkeypatch):
    path = write(tmp_path, "wide.jpg", jpeg_bytes((150, 100)))
    # A test-local limit: 15,000 pixels is over 10,000 but under twice it, which Pillow
    # only warns about; the inspector must refuse it all the same.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)
    result = inspect_file(path, thumbs)
    assert result.problem.code == "too-large"
    assert result.thumbnail is None


def test_no_process_wide_switches():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    assert Image.MAX_IMAGE_PIXELS == int(1024 * 1024 * 1024 // 4 // 3)


@pytest.mark.parametrize(("name", "content", "code", "word"), [
    ("scan.jpg", pdf_bytes(), "mislabelled", "PDF"),
    ("photo.png", b"PK\x03\x04" + b"\x00" * 60, "mislabelled", "ZIP"),
    ("photo.jpg", b"this is not a picture at all", "unknown-type", ".jpg"),
    ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "corrupt", "PNG"),
])
def test_what_pillow_cannot_identify(name, content, code, word, tmp_path, thumbs):
    result = inspect_file(write(tmp_path, name, content), thumbs)
    assert result.kind == "photo"
    assert result.problem.code == code
    assert word in result.problem.reason


def test_thumbnails_are_named_by_content_and_version(tmp_path, thumbs):
    a = inspect_file(write(tmp_path, "a.jpg", jpeg_bytes()), thumbs)
    b = inspect_file(write(tmp_path, "sub/b.jpg", jpeg_bytes()), thumbs)
    assert a.thumbnail == b.thumbnail == f"{a.sha256}-v{INSPECTOR_VERSION}.jpg"
    assert [p.name for p in thumbs.iterdir()] == [a.thumbnail], "no temporary file left behind"
    # Readable by a web server serving the site, not private like a fresh temp file.
    assert (thumbs / a.thumbnail).stat().st_mode & 0o444 == 0o444


# --- PDF documents -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["r2-empty-password.pdf", "r6-empty-password.pdf"])
def test_an_empty_password_pdf_opens(name, tmp_path, thumbs):
    result = inspect_file(copy_in(tmp_path, f"pdfs/{name}"), thumbs)
    assert result.problem is None
    assert result.pages > 0 and result.encrypted is True
    assert result.preview and (thumbs / result.preview).is_file()


def test_a_password_pdf_is_encrypted(tmp_path, thumbs):
    result = inspect_file(write(tmp_path, "secret.pdf", pdf_bytes(password="secret")), thumbs)
    assert result.problem.code == "encrypted"
    assert result.encrypted is True
    assert result.preview is None


def test_pdf_metadata_and_preview(tmp_path, thumbs):
    content = pdf_bytes(pages=3, metadata={
        "/Title": "关于印发中心组学习制度的通知", "/Author": "人教科",
        "/CreationDate": "D:20161012093000+08'00'",
    })
    result = inspect_file(write(tmp_path, "01-学习制度.pdf", content), thumbs)
    assert result.problem is None
    assert (result.pages, result.title, result.author) == (3, "关于印发中心组学习制度的通知", "人教科")
    assert result.created == "2016-10-12T09:30:00+08:00"
    with Image.open(thumbs / result.preview) as preview:
        assert max(preview.size) == THUMB_SIZE
        assert preview.size[0] < preview.size[1]  # a portrait page


def test_a_long_pdf_reads_only_page_one(tmp_path, thumbs, monkeypatch):
    import pypdf

    read: list[int] = []
    real_extract = pypdf.PageObject.extract_text

    def counting_extract(page, *args, **kwargs):
        read.append(page.page_number)
        return real_extract(page, *args, **kwargs)

    monkeypatch.setattr(pypdf.PageObject, "extract_text", counting_extract)
    result = inspect_file(copy_in(tmp_path, "pdfs/GeoTopo-komprimiert.pdf"), thumbs)
    assert read == [0]  # the work a 117-page book costs is page one's (counted, not timed)
    assert result.pages == 117
    assert 0 < len(result.first_page_text) <= 2000
    assert result.title == "Geometrie und Topologie"


def test_chinese_first_page_text(tmp_path, thumbs):
    result = inspect_file(copy_in(tmp_path, "pdfs/issue-914-xmp-data.pdf"), thumbs)
    assert len(result.first_page_text) == 2000
    assert CHINESE.search(result.first_page_text)
    assert result.author == "微软用户"
    assert result.created == "2022-04-09T23:22:38+08:00"


def test_pypdf_logging_is_silenced_only_during_the_call(tmp_path, thumbs, caplog):
    logger = logging.getLogger("pypdf")
    logger.setLevel(logging.INFO)
    try:
        with caplog.at_level(logging.WARNING):
            inspect_file(copy_in(tmp_path, "pdfs/GeoTopo-komprimiert.pdf"), thumbs)
            inspect_file(copy_in(tmp_path, "pdfs/issue-297.pdf"), thumbs)
        assert not [r for r in caplog.records if r.name.startswith("pypdf")]
        assert logger.level == logging.INFO
    finally:
        logger.setLevel(logging.NOTSET)


def test_a_pdf_pypdf_rejects_but_the_browser_engine_reads(tmp_path, thumbs):
    result = inspect_file(copy_in(tmp_path, "pdfs/trailer_loop.pdf"), thumbs)
    assert result.problem is None and result.pages == 1 and result.preview


@pytest.mark.parametrize(("content", "code", "word"), [
    (b"PK\x03\x04" + b"\x00" * 100, "mislabelled", "ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "mislabelled", "OLE"),
    (b"garbage " * 50, "corrupt", "%PDF-"),
])
def test_what_is_not_a_pdf(content, code, word, tmp_path, thumbs):
    result = inspect_file(write(tmp_path, "a.pdf", content), thumbs)
    assert result.problem.code == code
    assert word in result.problem.reason


def test_a_pdf_without_pages_is_corrupt(tmp_path, thumbs):
    result = inspect_file(write(tmp_path, "a.pdf", pdf_bytes(pages=0)), thumbs)
    assert result.problem.code == "corrupt" and "页面" in result.problem.reason


def test_a_truncated_pdf_never_raises(tmp_path, thumbs):
    whole = (TESTDATA / "pdfs/GeoTopo-komprimiert.pdf").read_bytes()
    for cut in (20, 1000, len(whole) // 2, len(whole) - 50):
        result = inspect_file(write(tmp_path, f"cut{cut}.pdf", whole[:cut]), thumbs)
        assert result.problem is not None or result.pages > 0


# --- Word reports ------------------------------------------------------------------


def build_report(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("中心组学习情况说明报告", level=1)   # 11
    document.add_paragraph("一、基本情况")                    # 1 + 4 = 5
    document.add_paragraph("2016年共组织学习 12 次，参加人数 35 人。")  # 4+1+5 + 2+1 + 4+2+1 = 20
    document.add_heading("二、主要措施", level=2)             # 1 + 4 = 5
    document.add_paragraph("abc ＡＢ １２ Ⅲ-2")               # 3 + 2 + 2 + 1 + 1 = 9
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "表格内容不计入字数"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


def test_a_report_is_read_in_body_order(tmp_path, thumbs):
    result = inspect_file(build_report(tmp_path / "in" / "01-说明报告.docx"), thumbs)
    assert result.problem is None and result.text_readable
    assert result.title == "中心组学习情况说明报告"
    assert [(h.text, h.heading_level) for h in result.headings] == [
        ("中心组学习情况说明报告", 1), ("二、主要措施", 2)]
    assert [p.text for p in result.paragraphs][:3] == ["中心组学习情况说明报告", "一、基本情况",
                                                      "2016年共组织学习 12 次，参加人数 35 人。"]
    assert result.paragraphs[1].style == "Normal" and result.paragraphs[1].heading_level == 0
    assert result.tables == 1
    assert result.char_count == 11 + 5 + 20 + 5 + 9


def test_chinese_heading_styles_title_and_outline_levels(tmp_path, thumbs):
    document = docx.Document()
    document.add_paragraph("", style=None)
    document.add_heading("总标题", level=0)
    document.styles.add_style("标题 3", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("三级", style="标题 3")
    custom = document.add_paragraph("大纲二级")
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "1")
    custom._p.get_or_add_pPr().append(level)
    path = tmp_path / "in" / "r.docx"
    path.parent.mkdir(parents=True)
    document.save(path)
    result = inspect_file(path, thumbs)
    assert [(h.text, h.style, h.heading_level) for h in result.headings] == [
        ("总标题", "Title", 1), ("三级", "标题 3", 3), ("大纲二级", "Normal", 2)]
    assert result.title == "总标题"


def test_a_report_without_headings_takes_its_first_paragraph_as_title(tmp_path, thumbs):
    document = docx.Document()
    for text in ("", "  ", "关于2016年学习情况的说明报告", "正文"):
        document.add_paragraph(text)
    path = tmp_path / "in" / "r.docx"
    path.parent.mkdir(parents=True)
    document.save(path)
    assert inspect_file(path, thumbs).title == "关于2016年学习情况的说明报告"


def test_a_legacy_doc_is_recognised_and_read(tmp_path, thumbs):
    result = inspect_file(copy_in(tmp_path, "docs/test-ole-file.doc"), thumbs)
    assert result.problem is None
    if word_text.reader_available():  # else tools/ensure-doc-reader.sh was not run: text not read
        assert result.text_readable and result.title == "Test OLE file, saved as Word 97-2003 Document."


@pytest.mark.parametrize(("name", "content", "code", "word"), [
    ("a.doc", jpeg_bytes(), "mislabelled", "JPEG"),
    ("a.wps", b"\x01\x02garbage" * 10, "corrupt", ".wps"),
    ("a.docx", jpeg_bytes(), "mislabelled", "JPEG"),
    ("a.docx", b"plain text saved as docx", "corrupt", "ZIP"),
])
def test_what_is_not_a_word_file(name, content, code, word, tmp_path, thumbs):
    result = inspect_file(write(tmp_path, name, content), thumbs)
    assert (result.kind, result.problem.code) == ("report", code)
    assert word in result.problem.reason


def test_a_doc_renamed_docx_is_mislabelled_not_encrypted(tmp_path, thumbs):
    result = inspect_file(copy_in(tmp_path, "docs/test-ole-file.doc", "a.docx"), thumbs)
    assert result.problem.code == "mislabelled"
    assert ".doc" in result.problem.reason


def test_a_workbook_named_docx_is_mislabelled(tmp_path, thumbs):
    path = tmp_path / "in" / "a.docx"
    path.parent.mkdir(parents=True)
    openpyxl.Workbook().save(path)
    result = inspect_file(path, thumbs)
    assert result.problem.code == "mislabelled" and "Excel" in result.problem.reason


def test_encrypted_docx_reason_says_password(tmp_path, thumbs):
    result = inspect_file(copy_in(tmp_path, "docs/example_password.docx"), thumbs)
    assert "密码" in result.problem.reason


# --- character count ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "count"), [
    ("", 0),
    (" \t\n\r\u3000\u00a0", 0),
    ("，。、（）：；！？“”《》—…·", 0),
    (",.;:!?()[]-'\"", 0),
    ("中心组学习 2016年 abc", 13),
    ("１２３", 3),
    ("ＡＢｃ", 3),
    ("Ⅲ-2", 2),
    ("①②", 2),
    ("二〇一六年", 5),
    ("😀✓★", 0),
    ("Ελληνικά кириллица", 17),
])
def test_count_chars(text, count):
    assert count_chars(text) == count


@given(st.text(), st.text())
def test_count_chars_adds_up(a, b):
    assert count_chars(a + b) == count_chars(a) + count_chars(b)


@given(st.text())
def test_whitespace_and_punctuation_never_count(text):
    padded = "，。 \n".join(text)
    assert count_chars(padded) == count_chars(text)


# --- tables ------------------------------------------------------------------------


def test_an_xlsx_has_sheets_and_rows(tmp_path, thumbs):
    path = tmp_path / "in" / "统计表.xlsx"
    path.parent.mkdir(parents=True)
    workbook = openpyxl.Workbook()
    workbook.active.title = "汇总"
    for row in (["科室", "人数"], ["人教科", 5], [None, None], ["办公室", 3]):
        workbook.active.append(row)
    workbook.create_sheet("明细").append(["x"])
    workbook.save(path)
    result = inspect_file(path, thumbs)
    assert result.problem is None
    assert (result.sheets, result.rows) == (("汇总", "明细"), 4)


def test_a_cut_xlsx_is_truncated(tmp_path, thumbs):
    source = tmp_path / "whole.xlsx"
    openpyxl.Workbook().save(source)
    data = source.read_bytes()
    result = inspect_file(write(tmp_path, "cut.xlsx", data[: len(data) // 2]), thumbs)
    assert result.problem.code in {"truncated", "corrupt"}


def test_an_encrypted_xlsx(tmp_path, thumbs):
    result = inspect_file(copy_in(tmp_path, "docs/example_password.docx", "a.xlsx"), thumbs)
    assert result.problem.code == "encrypted" and "Excel" in result.problem.reason


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_csv_counts_its_rows(encoding, tmp_path, thumbs):
    text = "科室,人数\r\n人教科,5\r\n\r\n\"办公室\n（含档案室）\",3\r\n"
    result = inspect_file(write(tmp_path, "a.csv", text.encode(encoding)), thumbs)
    assert (result.kind, result.problem, result.rows) == ("table", None, 3)


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("a.xls", (TESTDATA / "docs/test-ole-file.doc").read_bytes() if TESTDATA.is_dir() else b"", "mislabelled"),
    ("a.xls", "<html><table><tr><td>1</td></tr></table></html>".encode(), None),
    ("a.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "corrupt"),
    ("a.xls", pdf_bytes(), "mislabelled"),
])
def test_legacy_sheets_are_recognised(name, content, problem, tmp_path, thumbs):
    result = inspect_file(write(tmp_path, name, content), thumbs)
    assert result.kind == "table"
    assert (result.problem.code if result.problem else None) == problem


# --- media and other ---------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "mime", "media"), [
    ("a.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, "video/mp4", "video"),
    ("a.mov", b"\x00\x00\x00\x14ftypqt  " + b"\x00" * 64, "video/quicktime", "video"),
    ("a.mp3", b"ID3\x03\x00" + b"\x00" * 64, "audio/mpeg", "audio"),
    ("a.mp3", b"\xff\xfb\x90\x00" + b"\x11" * 64, "audio/mpeg", "audio"),
    ("a.wav", b"RIFF\x00\x00\x00\x00WAVEfmt " + b"\x00" * 64, "audio/wav", "audio"),
    ("a.webm", b"\x1a\x45\xdf\xa3" + b"\x00" * 64, "video/webm", "video"),
    ("a.ogg", b"OggS" + b"\x00" * 64, "audio/ogg", "audio"),
])
def test_media_is_recognised_without_decoding(name, content, mime, media, tmp_path, thumbs):
    result = inspect_file(write(tmp_path, name, content), thumbs)
    assert (result.kind, result.problem, result.mime, result.media) == ("media", None, mime, media)


@pytest.mark.parametrize(("content", "code"), [
    (jpeg_bytes(), "mislabelled"),
    (b"\x00" * 5000, "corrupt"),
])
def test_media_that_is_not(content, code, tmp_path, thumbs):
    result = inspect_file(write(tmp_path, "会议录像.mp4", content), thumbs)
    assert result.problem.code == code and CHINESE.search(result.problem.reason)


def test_an_unknown_file_is_a_result_with_its_extension(tmp_path, thumbs):
    result = inspect_file(write(tmp_path, "备注.txt", "说明".encode()), thumbs)
    assert (result.kind, result.problem.code, result.mime) == ("other", "unknown-type", "text/plain")
    assert ".txt" in result.problem.reason
    archive = inspect_file(write(tmp_path, "材料.rar", b"Rar!\x1a\x07\x00" + b"\x00" * 20), thumbs)
    assert "RAR" in archive.problem.reason


def test_a_truncated_photo_stays_truncated_after_weasyprint_is_imported(tmp_path, thumbs, monkeypatch):
    # WeasyPrint switches Pillow to accept truncated images for the whole process on import
    # (binder pdf imports it); the photo inspector must not take a cut photo as whole.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # what `import weasyprint` does
    path = tmp_path / "04-截断.jpg"
    path.write_bytes((TESTDATA / "photos" / "truncated_jpeg.jpg").read_bytes())
    result = inspect_file(path, thumbs)
    assert result.problem is not None and result.problem.code in ("truncated", "corrupt")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # restored: WeasyPrint's own images still load
