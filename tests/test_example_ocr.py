"""The example archive's scans (Ⅲ-34): defects only OCR can see, and words only a scan holds
found by the site's search. The Ⅲ-34 folder is checked alone with the example's criteria.yml,
so three pages are read, not every scan of the example."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import cli
from generator.plugin.commands import build_site

from .conftest import REPO

FOLDER = "Ⅲ-34 社会信用体系建设"
LATE = "01-2017年诚信汕尾建设年度工作安排.pdf"
OFF_TOPIC = "02-诚信汕尾建设工作通知.pdf"
AS_IMAGE = "03-2017年诚信汕尾信用信息归集工作安排.jpg"


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    """One cache for the module: the scans are read once (the site's build reuses the check's)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def example_part(tmp_path_factory) -> Path:
    archive = tmp_path_factory.mktemp("example") / "archive"
    archive.mkdir()
    shutil.copy(REPO / "archive" / "criteria.yml", archive / "criteria.yml")
    shutil.copytree(REPO / "archive" / FOLDER, archive / FOLDER)
    return archive


def test_binder_check_reports_both_from_the_scans_alone(example_part, cache, tmp_path, capsys):
    output = tmp_path / "findings.json"
    code = cli.main(["check", "--archive", str(example_part), "--cache-dir", str(cache),
                     "--format", "json", "-o", str(output)])
    capsys.readouterr()
    assert code == 0
    findings = json.loads(output.read_text(encoding="utf-8"))["findings"]
    by_file = {(f["rule"], f["file"].rsplit("/", 1)[-1]): f["message"] for f in findings if f["file"]}
    late = by_file[("document.late", LATE)]
    assert "2017-09-15" in late and "识别结果" in late
    off_topic = by_file[("document.keywords", OFF_TOPIC)]
    assert "关于开展安全生产大检查的通知" in off_topic and "识别结果" in off_topic
    # Named and dated as asked: neither defect shows in the file names.
    assert "诚信汕尾" in OFF_TOPIC and "9月" not in LATE
    # A 正式发文 scanned to JPEG: the wrong format, and (read from the image) no 文号 under its head.
    assert "JPG" in by_file[("document.format", AS_IMAGE)]
    assert "汕尾市经济和信息化局" in by_file[("document.number", AS_IMAGE)]


def test_a_word_only_inside_a_scan_is_in_the_search_index(example_part, cache, tmp_path):
    site = tmp_path / "site"
    build_site(REPO / "mkdocs.yml", archive=example_part, site_dir=site, cache_dir=cache, jobs=1)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "".join(doc["text"] for doc in index["docs"]).replace("\u200b", "")
    assert "遏制重特大事故" in text  # a phrase of the scan's body, in no name or finding
    shown = [p for p in site.rglob("*.html") if "汕经信〔2017〕41号" in p.read_text(encoding="utf-8")]
    assert shown, "the facts read from the scan are shown beside its preview"
    page = (site / "indicators" / "iii-34.html").read_text(encoding="utf-8")
    image = page[page.index('<div class="binder-pdf binder-doc-image">'):]
    image = image[:image.index('binder-doc-image__page')]
    # shown as the document it is (not among photos), with what was read on it
    assert "信用信息归集" in image and "以上为扫描件前 1 页的文字识别结果" in image
    # a scan has no text layer: no empty "文字内容" box beside what OCR read
    scan = page[page.index("02-诚信汕尾建设工作通知.pdf"):]
    scan = scan[:scan.index("binder-file-head", 10) if "binder-file-head" in scan[10:] else len(scan)]
    assert "识别出的文字" in scan and "文字内容（前" not in scan


def test_the_inspector_edition_shows_no_ocr_reading(example_part, cache, tmp_path):
    site = tmp_path / "site"
    build_site(REPO / "mkdocs.yml", archive=example_part, site_dir=site, cache_dir=cache, jobs=1, edition="inspector")
    page = (site / "indicators" / "iii-34.html").read_text(encoding="utf-8")
    # readings to verify, with their misreadings, are the unit's work, not the inspectors'
    assert "02-诚信汕尾建设工作通知.pdf" in page
    assert "识别结果" not in page and "识别出的文字" not in page and "binder-doc-facts" not in page
