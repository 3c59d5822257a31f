"""The example archive of the repository, built the three ways a user can: `binder build`,
`mkdocs build` and `properdocs build`, giving the same site; and what its Ⅲ-2 page shows."""

from __future__ import annotations

import html as html_lib
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator import cli

from .conftest import REPO, tree_hashes

ARCHIVE = REPO / "archive"
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("example")
    before = tree_hashes(ARCHIVE)
    cache = tmp / "cache"
    assert cli.main(["build", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp / "binder"),
                     "--cache-dir", str(cache)]) == 0
    env = {**os.environ, "BINDER_CACHE": str(cache), "BINDER_ARCHIVE": str(ARCHIVE)}
    for tool in ("mkdocs", "properdocs"):
        subprocess.run([str(BIN / tool), "build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(tmp / tool)],
                       check=True, cwd=tmp, env=env, capture_output=True)
    return tmp, before


_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def _html_files(site: Path) -> dict[str, str]:
    """Every page, without the meta tag that names the tool and its version."""
    return {str(p.relative_to(site)): _GENERATOR.sub("", p.read_text(encoding="utf-8"))
            for p in sorted(site.rglob("*.html"))}


@pytest.mark.parametrize("tool", ["mkdocs", "properdocs"])
def test_binder_build_and_a_plain_build_give_the_same_site(sites, tool):
    tmp, _ = sites
    ours, theirs = _html_files(tmp / "binder"), _html_files(tmp / tool)
    assert ours.keys() == theirs.keys()
    assert len([k for k in ours if k.startswith("indicators/")]) == 24
    for name in ours:
        assert ours[name] == theirs[name], name
    assert {p.name for p in (tmp / "binder" / "files").rglob("*")} == {p.name for p in (tmp / tool / "files").rglob("*")}


def test_the_archive_is_untouched(sites):
    _, before = sites
    assert tree_hashes(ARCHIVE) == before


def test_the_iii_2_page_shows_standard_owner_requirements_and_materials(sites):
    tmp, _ = sites
    site = tmp / "binder"
    html = (site / "indicators" / "iii-2.html").read_text(encoding="utf-8")
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", html))
    assert "以党委（党组）中心组学习为示范带动，一级抓一级、层层抓学习，完善督查考核办法。" in text
    for words in ("郑泽梅", "人教科", "陈晓波", "0.6 分", "材料审核"):
        assert words in text
    for requirement in ("提供建立完善中心组学习制度的规范文件", "提供中心组学习的情况(说明报告，300字左右）",
                        "提供4次中心组学习会议材料"):
        assert requirement in text

    # Photos: thumbnails that open the original in the lightbox; both files are in the site.
    anchors = re.findall(r'<a class="glightbox" href="([^"]+)"[^>]*><img src="([^"]+)"', html)
    assert len(anchors) >= 5
    for original, thumb in anchors:
        assert (site / "indicators" / unquote(original)).resolve().is_file()
        assert (site / "indicators" / unquote(thumb)).resolve().is_file()
        assert unquote(original).lower().endswith((".jpg", ".jpeg", ".png"))
        assert (site / "indicators" / unquote(thumb)).stat().st_size < 200_000

    # The PDF in the browser's own viewer (made by binder.js when it comes near the screen),
    # with a first-page preview, and a link to the original that works without script too.
    viewers = re.findall(r'<div class="binder-pdf__viewer[^"]*" data-src="([^"]+)"[^>]*><a href="([^"]+)"', html)
    assert viewers and all(src == href for src, href in viewers)
    assert all((site / "indicators" / unquote(src)).resolve().is_file() for src, _ in viewers)
    assert "打开原件" in text

    # The report: its text and its measured length.
    assert "中心组学习情况说明报告" in text
    chars = [int(n) for n in re.findall(r'<span class="binder-chars">(\d+) 字</span>', html)]
    assert chars and all(n > 100 for n in chars)
    assert "一、基本情况" in text or "基本情况" in text


@pytest.fixture(scope="module")
def check_json(sites, capsysbinary=None):
    tmp, _ = sites
    out = tmp / "check.json"
    assert cli.main(["check", "--archive", str(ARCHIVE), "--cache-dir", str(tmp / "cache"),
                     "--format", "json", "-o", str(out)]) == 0
    import json
    return json.loads(out.read_text(encoding="utf-8"))


def _rules_at(data, indicator, requirement=None):
    return {(f["rule"], (f["file"] or "").rsplit("/", 1)[-1]) for f in data["findings"]
            if f["indicator"] == indicator and (requirement is None or f["requirement"] == requirement)}


def test_check_reports_the_deliberate_defects(check_json):
    data = check_json
    rules = {f["rule"] for f in data["findings"]}
    iii2 = _rules_at(data, "Ⅲ-2", "4")
    assert ("requirement.count", "") in iii2                       # 2 meetings of 4; 2 photos of 5
    assert any(r == "photo.format" and n.endswith(".png") for r, n in iii2)
    assert any(r == "photo.size" and n.endswith(".png") for r, n in iii2)
    assert ("photo.naming", "IMG_2034.JPG") in iii2
    assert any(r == "report.length" for r, _ in _rules_at(data, "Ⅲ-16", "1"))
    assert sum(r == "photo.size" for r, _ in _rules_at(data, "Ⅲ-16", "2")) == 3
    assert ("requirement.missing", "") in _rules_at(data, "Ⅲ-35", "1")
    assert any(f["rule"] == "file.stray" and f["file"] == "临时/新建文本文档.txt" for f in data["findings"])
    assert "requirement.missing" in rules


def test_no_error_on_the_compliant_materials(check_json):
    data = check_json
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    for indicator in ("Ⅲ-10", "Ⅲ-26", "Ⅲ-89"):
        assert [f for f in errors if f["indicator"] == indicator] == []
    # Ⅲ-2 ①②③ are complete and compliant; only ④ carries the defects.
    assert {f["requirement"] for f in errors if f["indicator"] == "Ⅲ-2"} == {"4"}
    statuses = {i["code"]: i["status"] for i in data["indicators"]}
    assert statuses["Ⅲ-10"] == statuses["Ⅲ-26"] == statuses["Ⅲ-89"] == "compliant"


def test_the_dashboard_shows_the_numbers_of_the_json(sites, check_json):
    tmp, _ = sites
    html = (tmp / "binder" / "check.html").read_text(encoding="utf-8")
    figures = dict(re.findall(r'data-figure="([a-z-]+)">([^<]+)<', html))
    summary = check_json["summary"]
    errors = sum(f["severity"] == "error" for f in check_json["findings"])
    warnings = sum(f["severity"] == "warning" for f in check_json["findings"])
    assert figures["completeness"] == f"{summary['completeness']}%"
    assert figures["at-risk"] == f"{summary['at_risk']} / {summary['score']}"
    assert figures["errors"] == str(errors) and figures["warnings"] == str(warnings)
    for tally in check_json["by_department"]:
        row = re.search(r'<tr data-tally="' + re.escape(tally["name"]) + r'">(.*?)</tr>', html, re.S).group(1)
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        assert cells[1] == str(tally["standards"])
        assert f"{tally['at_risk']} / {tally['score']}" in row
    assert (tmp / "binder" / "downloads" / "整改清单.xlsx").stat().st_size > 1000


OUTSIDE_TAG = re.compile(r'<(?:script|link|img|iframe|video|audio|source|embed)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)
OUTSIDE_CSS = re.compile(r'url\(\s*["\']?(?:https?:)?//|@import', re.I)
OUTSIDE_JS = re.compile(r'(?:unpkg\.com|cdn\.jsdelivr|fonts\.googleapis|fonts\.gstatic|cdnjs)', re.I)


@pytest.mark.parametrize("tool", ["binder", "properdocs"])
def test_the_site_references_nothing_outside(sites, tool):
    tmp, _ = sites
    site = tmp / tool
    for path in site.rglob("*"):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            assert not OUTSIDE_TAG.search(text), path
            assert not OUTSIDE_JS.search(text), path
        elif path.suffix == ".css":
            assert not OUTSIDE_CSS.search(path.read_text(encoding="utf-8")), path
        elif path.suffix == ".js" and not path.name.startswith(("bundle.", "search_index")):
            # Material's bundle names two CDN scripts it loads only when needed: a ResizeObserver
            # polyfill (every browser it supports has one) and mermaid (no diagram here). The
            # browser tests record every request and see neither.
            assert not OUTSIDE_JS.search(path.read_text(encoding="utf-8", errors="replace")), path
