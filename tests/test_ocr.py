"""OCR of scanned documents: the facts of a red-header scan, read once and cached."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest

from generator import cli
from generator.archive.inspection import inspect_files
from generator.archive.inspectors import inspect_file
from generator.archive.inspectors.ocr import OcrLine
from generator.archive.inspectors.official import official_facts, official_facts_from_text
from generator.framework.params import InspectionLimits

from .conftest import one_requirement_criteria

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import ocr_set  # noqa: E402  (the benchmark's generator of red-header scans)

TRUTH = {
    "id": "t1", "issuer": "汕尾市经济和信息化局", "number": "汕经信〔2016〕12号",
    "title": "关于印发党组中心组学习制度的通知", "recipient": "局属各单位、机关各科室",
    "date": "2016-10-12", "date_text": "2016年10月12日",
    "body": ["为深入贯彻落实中央和省、市关于精神文明建设的部署要求，结合我局实际，制定本制度。",
             "请各单位高度重视，明确责任分工，加强组织领导，认真抓好落实。"],
}


@pytest.fixture(scope="module")
def scan_pdf(tmp_path_factory) -> Path:
    """An image-only PDF of a red-header document, scanned at 200 dpi with a slight skew."""
    rnd = random.Random(7)
    page = ocr_set.render(TRUTH)
    scanned, _ = ocr_set.degrade(page, rnd)
    path = tmp_path_factory.mktemp("scan") / "01-通知.pdf"
    scanned.save(path, "PDF", resolution=200)
    return path


def test_a_scanned_red_header_document_gives_its_facts(scan_pdf, tmp_path):
    result = inspect_file(scan_pdf, tmp_path)
    assert result.readable and result.first_page_text == ""
    assert result.ocr_pages == 1
    assert result.facts.number == "汕经信〔2016〕12号"
    assert result.facts.title == "关于印发党组中心组学习制度的通知"
    assert result.facts.date == "2016-10-12"
    assert result.facts.issuer == "汕尾市经济和信息化局"
    assert "组织领导" in result.ocr_text


def test_a_rebuild_with_nothing_changed_ocrs_nothing(scan_pdf, tmp_path):
    files = [(scan_pdf, "01-通知.pdf")]
    first = inspect_files(files, tmp_path / "cache", jobs=1)
    again = inspect_files(files, tmp_path / "cache", jobs=1)
    assert first.ocr_pages == 1
    assert again.ocr_pages == 0 and again.from_cache == 1
    assert again.results["01-通知.pdf"].facts == first.results["01-通知.pdf"].facts


def test_a_moved_scan_is_inspected_again_but_not_read_again(scan_pdf, tmp_path, monkeypatch):
    from generator.archive.inspectors import ocr

    monkeypatch.delenv(ocr.STORE_ENV, raising=False)  # the store of this cache, not the suite's
    read: list[int] = []
    real_read = ocr.read_page
    monkeypatch.setattr(ocr, "read_page", lambda image: read.append(1) or real_read(image))
    first = inspect_files([(scan_pdf, "01-通知.pdf")], tmp_path / "cache", jobs=1)
    moved = tmp_path / "另一个文件夹" / "01-会议通知.pdf"
    moved.parent.mkdir()
    shutil.copy2(scan_pdf, moved)  # another path: the inspection cache does not know it
    again = inspect_files([(moved, "另一个文件夹/01-会议通知.pdf")], tmp_path / "cache", jobs=1)
    assert again.from_cache == 0 and len(read) == 1  # inspected again, its page read once in all
    assert again.results["另一个文件夹/01-会议通知.pdf"].facts == first.results["01-通知.pdf"].facts
    assert list((tmp_path / "cache" / "ocr").rglob("*.json"))


def test_no_ocr_when_the_page_budget_is_zero(scan_pdf, tmp_path):
    result = inspect_file(scan_pdf, tmp_path, InspectionLimits(ocr_pages=0))
    assert result.readable and result.ocr_pages == 0 and result.facts is None and result.ocr_text == ""


def line(text: str, top: float, height: float = 30) -> OcrLine:
    return OcrLine(text, top, 100, 600, height)


def test_facts_from_lines_with_the_brackets_ocr_reads():
    facts = official_facts([
        line("汕尾市经济和信息化局文件", 100, 60), line("汕经信[2016]12号", 200),
        line("关于印发党组中心组学习制度", 300, 45), line("的通知", 350, 45),
        line("局属各单位：", 420), line("请认真贯彻执行。", 470),
        line("汕尾市经济和信息化局", 600), line("二O一六年十月十二日", 650),
    ])
    assert facts.issuer == "汕尾市经济和信息化局"
    assert facts.number == "汕经信〔2016〕12号"
    assert facts.title == "关于印发党组中心组学习制度的通知"
    assert facts.recipient == "局属各单位"
    assert facts.date == "2016-10-12"


def test_a_document_without_a_number_has_a_title_and_no_issuer():
    facts = official_facts([line("党组中心组学习制度", 100, 45), line("第一条 为加强学习，制定本制度。", 200),
                            line("2017年3月1日", 300)])
    assert facts.number == "" and facts.issuer == ""
    assert facts.title == "党组中心组学习制度"
    assert facts.date == "2017-03-01"


def test_no_lines_no_facts():
    assert official_facts([]).empty
    assert official_facts_from_text("").empty


def test_the_year_of_issue_is_the_numbers_year():
    facts = official_facts([line("汕尾市经济和信息化局文件", 100, 60), line("汕经信〔2017〕96号", 200),
                            line("关于印发年度工作安排的通知", 300, 45), line("二〇二七年九月十五日", 650)])
    assert facts.date == "2017-09-15"
    assert official_facts([line("汕经信〔2017〕3号", 200), line("2017年2月30日", 650)]).date == ""  # no such day


def test_no_ocr_on_the_command_line(scan_pdf, tmp_path, capsys):
    folder = tmp_path / "archive" / "Ⅲ-2 学习" / "1 示范" / "① 制度"
    folder.mkdir(parents=True)
    shutil.copy(scan_pdf, folder / "01-制度.pdf")
    (tmp_path / "archive" / "criteria.yml").write_text(one_requirement_criteria(), encoding="utf-8")
    code = cli.main(["check", "--archive", str(tmp_path / "archive"), "--cache-dir", str(tmp_path / "cache"),
                     "--no-ocr", "--format", "json", "-o", str(tmp_path / "out.json")])
    capsys.readouterr()
    assert code == 0
    with closing(sqlite3.connect(tmp_path / "cache" / "inspected.sqlite")) as db:
        results = [json.loads(row[0]) for row in db.execute("SELECT result FROM entries")]
    assert [(r["ocr_pages"], r["facts"]) for r in results] == [(0, None)]


def test_a_date_whose_year_the_seal_hid_takes_the_numbers_year():
    lines = [line("汕经信〔2016〕4号", 200), line("关于印发学习制度的通知", 300, 45),
             line("汕尾市经济和信息化局", 600), line("一六年五月十六日", 650)]
    assert official_facts(lines).date == "2016-05-16"
    assert official_facts(lines[1:]).date == ""  # no 文号: no year to take


def test_a_date_whose_day_was_misread_beside_the_seal():
    """'二〇一七年九月十五日' read at the edge of a seal as '二0二七年九月十五白' (the example's scan)."""
    lines = [line("汕经信〔2017〕96号", 200), line("关于印发年度工作安排的通知", 300, 45),
             line("汕尾市经济和信息化局", 600), line("二0二七年九月十五白", 650)]
    assert official_facts(lines).date == "2017-09-15"
    assert official_facts([*lines[:3], line("二〇一七年九月十五目", 650)]).date == "2017-09-15"
