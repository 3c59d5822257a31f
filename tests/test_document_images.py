"""Images of documents: a paper scanned or photographed and saved as JPEG (or a multi-page
TIFF), placed where a document is asked, is read like a PDF scan: OCR, facts, the rules over
them, the site. An image among photos is not read."""

from __future__ import annotations

import json
import random
import shutil
import sys
from pathlib import Path

import pytest
from PIL import Image

from generator import cli
from generator.archive.inspection import inspect_files
from generator.archive.inspectors import inspect_file
from generator.archive.scan import ArchiveFile
from generator.framework import Ask, Requirement
from generator.rules.roles import DOCUMENT, PHOTO, placed_for_document, role_of
from generator.archive.inspectors.model import InspectedPhoto

from .conftest import one_requirement_criteria
from .test_ocr import TRUTH as OCR_TRUTH

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import ocr_set  # noqa: E402  (the benchmark's generator of red-header scans)

TRUTH = dict(OCR_TRUTH, id="img1", number="汕经信〔2016〕88号", date="2016-09-20", date_text="二〇一六年九月二十日")
"""test_ocr's document, another number and date: issued in September."""


@pytest.fixture(scope="module")
def scan_jpeg(tmp_path_factory) -> Path:
    """A red-header document scanned to JPEG at 200 dpi with a slight skew."""
    scanned, _ = ocr_set.degrade(ocr_set.render(TRUTH), random.Random(11))
    path = tmp_path_factory.mktemp("jpeg") / "01-2016年学习制度.jpg"
    scanned.save(path, "JPEG", quality=75)
    return path


def _requirement(*kinds: str) -> Requirement:
    return Requirement(code="1", text="提供学习制度的规范文件", asks=tuple(Ask(kind=k) for k in kinds))


def _archive_file(name: str) -> ArchiveFile:
    from generator.archive.scan import Place

    path = Path("/archive/Ⅲ-2 学习/1 示范/① 制度") / name
    return ArchiveFile(abs_path=path, rel_path=f"Ⅲ-2 学习/1 示范/① 制度/{name}",
                       place=Place("Ⅲ-2", "1", "1"))


def test_a_page_where_only_documents_are_asked_is_a_document():
    image = _archive_file("01-学习制度.jpg")
    page = InspectedPhoto(kind="photo", size=1, sha256="x", paper_share=0.95)
    assert placed_for_document(image, _requirement("document"))
    assert role_of(image, page, _requirement("document")) == DOCUMENT
    # Where pictures are asked too (a meeting, photos and papers), an image stays a picture.
    assert not placed_for_document(image, _requirement("document", "photo"))
    assert role_of(image, page, _requirement("meeting")) == PHOTO
    assert role_of(image, page, _requirement("photo")) == PHOTO


def test_a_photo_of_people_where_only_documents_are_asked_stays_a_photo():
    photo = InspectedPhoto(kind="photo", size=1, sha256="x", paper_share=0.3)
    assert role_of(_archive_file("2016年10月12日+会议室+学习.jpg"), photo, _requirement("document")) == PHOTO


def test_a_scan_looks_like_a_page_and_a_photo_does_not(scan_jpeg, tmp_path):
    example = REPO / "archive"
    photos = [p for p in example.rglob("*.jpg") if "+" in p.name]  # the activity photos: 时间+地点+活动
    assert len(photos) >= 10
    assert inspect_file(scan_jpeg, tmp_path, as_document=True).looks_like_page
    assert not any(inspect_file(p, tmp_path, as_document=True).looks_like_page for p in photos)
    # measured only where a document is asked: the 1,000 photos of a unit cost nothing more
    assert inspect_file(scan_jpeg, tmp_path).paper_share == 0.0


def test_an_activity_photo_where_a_document_is_asked_is_not_read(tmp_path):
    photo = next(p for p in (REPO / "archive").rglob("*.jpg") if "+" in p.name)
    result = inspect_file(photo, tmp_path, as_document=True)
    assert result.readable and result.ocr_pages == 0 and result.facts is None


def test_an_image_of_a_document_gives_its_facts(scan_jpeg, tmp_path):
    result = inspect_file(scan_jpeg, tmp_path / "thumbs", as_document=True)
    assert result.readable and result.kind == "photo" and result.thumbnail
    assert result.ocr_pages == 1
    assert result.facts.number == "汕经信〔2016〕88号"
    assert result.facts.title == "关于印发党组中心组学习制度的通知"
    assert result.facts.date == "2016-09-20"
    assert "组织领导" in result.ocr_text


def test_the_same_image_among_photos_is_not_read(scan_jpeg, tmp_path):
    result = inspect_file(scan_jpeg, tmp_path / "thumbs")
    assert result.readable and result.ocr_pages == 0 and result.facts is None


def test_a_multi_page_tiff_is_read_page_by_page_within_the_budget(tmp_path):
    second = dict(TRUTH, id="img2", title="关于做好学习制度落实工作的通知", number="汕经信〔2016〕89号")
    pages = [ocr_set.degrade(ocr_set.render(t), random.Random(3))[0] for t in (TRUTH, second, TRUTH)]
    path = tmp_path / "01-制度.tif"
    pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw")
    result = inspect_file(path, tmp_path / "thumbs", as_document=True)  # the budget: 2 pages
    assert result.ocr_pages == 2
    assert "关于做好学习制度落实工作的通知" in result.ocr_text.replace("\n", "")


def test_how_a_file_is_read_is_part_of_its_cache_entry(scan_jpeg, tmp_path):
    files = [(scan_jpeg, "01.jpg")]
    as_photo = inspect_files(files, tmp_path / "cache", jobs=1)
    as_document = inspect_files(files, tmp_path / "cache", jobs=1, documents={"01.jpg"})
    again = inspect_files(files, tmp_path / "cache", jobs=1, documents={"01.jpg"})
    assert as_photo.results["01.jpg"].facts is None
    assert as_document.from_cache == 0 and as_document.results["01.jpg"].facts.number == "汕经信〔2016〕88号"
    assert again.from_cache == 1 and again.ocr_pages == 0  # a rebuild with nothing changed reads nothing


@pytest.fixture(scope="module")
def archive_root(scan_jpeg, tmp_path_factory) -> Path:
    """An archive whose 规范文件 was scanned to JPEG (routine, issued in September), and its cache."""
    root = tmp_path_factory.mktemp("check")
    folder = root / "archive" / "Ⅲ-2 学习" / "1 示范" / "① 制度"
    folder.mkdir(parents=True)
    shutil.copy(scan_jpeg, folder / "01-2016年工作通知.jpg")  # the name has none of the words
    criteria = one_requirement_criteria("提供2016年度学习计划安排的规范文件", asks="[{kind: document}]")
    (root / "archive" / "criteria.yml").write_text(criteria, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def checked(archive_root):
    """`binder check` of that archive: the findings by rule."""
    out = archive_root / "findings.json"
    assert cli.main(["check", "--archive", str(archive_root / "archive"), "--cache-dir",
                     str(archive_root / "cache"), "--format", "json", "-o", str(out)]) == 0
    return {f["rule"]: f["message"] for f in json.loads(out.read_text(encoding="utf-8"))["findings"]}


def test_a_document_saved_as_an_image_is_in_the_wrong_format_and_still_judged(checked, capsys):
    capsys.readouterr()
    assert "JPG" in checked["document.format"]
    # Its date and title were read from the image: the routine document came out in September,
    # and its title (not its name) carries the framework's words (学习制度).
    assert "2016-09-20" in checked["document.late"] and "识别结果" in checked["document.late"]
    assert "document.keywords" not in checked
    # Not a photo: no photo checks, and the document is not "missing".
    assert not any(rule.startswith("photo.") for rule in checked)
    assert "requirement.missing-kind" not in checked


def test_the_printed_binder_gives_an_image_of_a_document_a_page_of_its_own(archive_root, monkeypatch):
    import pikepdf
    from PIL import ImageFile

    # WeasyPrint, imported by `binder pdf`, switches Pillow to load truncated images for the
    # whole process: the switch goes back for the tests that follow.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", ImageFile.LOAD_TRUNCATED_IMAGES)

    from generator.outputs.pdf.pictures import PRINT_LONG_SIDE, SCAN_LONG_SIDE

    out = archive_root / "binder.pdf"
    assert cli.main(["pdf", "--archive", str(archive_root / "archive"), "--cache-dir",
                     str(archive_root / "cache"), "-o", str(out)]) == 0
    with pikepdf.open(out) as pdf:
        drawn = {max(image.Width, image.Height) for page in pdf.pages for image in page.get_images().values()}
    # printed at page size (about 150 dpi on A4), not at a photo's quarter-page size
    assert SCAN_LONG_SIDE in drawn and PRINT_LONG_SIDE not in drawn
