"""The inspector edition: the binder handed to the inspection group shows the evidence only.

The example archive is built in both editions; every file of the inspector edition the site
makes (pages, search index, scripts, styles, sitemap) is read for the words of the self-check.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import pytest

from generator import cli
from generator.framework import load_framework

from .conftest import REPO, one_requirement_criteria, write_tree
from .test_framework_hostile import GOOD, assert_one_chinese_line, binder, site_config

ARCHIVE = REPO / "archive"

FORBIDDEN = ("未达标", "待核实", "风险分值", "整改建议", "整改清单", "细心检查", "精心改进", "未归类", "易反弹")
"""Words only the self-check writes. Not 整改, 问题清单 or 达标 on their own: the example's
evidence itself says them (a folder '2.问卷调查整改', a report's '一是列出问题清单', '服务时长达标
的志愿者'), and the inspectors must see the evidence as it is. 待核实 never occurs in the
example's evidence, so anywhere it is the status. The names of the pages the inspector
edition leaves out (细心检查, 精心改进, 未归类) would lead to them; 易反弹 is our own flag."""
FORBIDDEN_MARKUP = ("binder-status", "binder-finding", "data-rule=", "data-severity=", "binder-photo--problem",
                    "binder-problem-groups", "findings.json", ".xlsx")
"""What carries a status or a finding in the pages' HTML, text or not."""


def _build(tmp: Path, edition: str, archive: Path = ARCHIVE, config: Path = REPO / "mkdocs.yml") -> Path:
    site = tmp / edition
    assert cli.main(["build", "-f", str(config), "--archive", str(archive), "-d", str(site),
                     "--cache-dir", str(tmp / "cache"), "--edition", edition]) == 0
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("editions")
    return {edition: _build(tmp, edition) for edition in ("inspector", "internal")}


def _site_texts(site: Path) -> dict[str, str]:
    """Every file the site generator writes (not the archive's originals and thumbnails,
    which are the evidence), as text, with JSON's \\u escapes undone."""
    texts = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.split("/", 1)[0] in ("files", "thumbs"):
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        elif path.suffix not in (".html", ".js", ".json", ".css", ".xml", ".map", ".txt"):
            continue
        text = data.decode("utf-8", errors="replace")
        texts[rel] = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return texts


def _leaks(site: Path) -> dict[str, list[str]]:
    leaks = {}
    for rel, text in _site_texts(site).items():
        found = [w for w in FORBIDDEN if w in text]
        if rel.endswith(".html"):
            found += [m for m in FORBIDDEN_MARKUP if m in text]
        if found:
            leaks[rel] = found
    return leaks


def test_no_built_file_of_the_inspector_edition_gives_the_self_check_away(sites):
    site = sites["inspector"]
    texts = _site_texts(site)
    assert {"index.html", "contents.html", "search/search_index.json", "sitemap.xml", "assets/binder.css",
            "assets/binder.js"} <= set(texts)
    assert any(rel.startswith("assets/javascripts/") for rel in texts)
    assert _leaks(site) == {}
    assert not (site / "downloads").exists()
    for page in ("check.html", "improve.html", "unclassified.html", "plan.html", "guide.html"):
        assert not (site / page).exists(), page


def test_the_same_reading_finds_the_self_check_in_the_internal_edition(sites):
    """The scan above can fail: the internal edition shows every one of these."""
    leaks = _leaks(sites["internal"])
    found = {word for words in leaks.values() for word in words}
    assert {"未达标", "待核实", "风险分值", "整改建议", "整改清单", "细心检查", "binder-status", "data-rule="} <= found
    assert (sites["internal"] / "downloads" / "整改清单.xlsx").is_file()


def test_the_search_index_holds_the_evidence(sites):
    index = json.loads((sites["inspector"] / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"index.html", "contents.html", "indicators/iii-2.html"} <= locations
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "中心组学习制度" in text.replace("\u200b", "")


def test_the_cover_names_unit_framework_period_and_date(sites):
    cover = (sites["inspector"] / "index.html").read_text(encoding="utf-8")
    assert "汕尾市经济和信息化局" in cover
    assert "汕尾市经信局2016-2017年省级文明城市创建任务清单" in cover
    assert "2016-08-01 至 2017-12-31" in cover
    assert re.search(r'binder-cover__date">\d{4}年\d{1,2}月\d{1,2}日<', cover)


def test_the_contents_link_every_indicator_in_framework_order(sites):
    contents = _contents(sites["inspector"])
    links = re.findall(r'href="indicators/([^"]+)\.html"', contents)
    assert links == [i.slug for i in load_framework(ARCHIVE).indicators]
    assert len(links) == 24
    assert "共性任务" in contents and "个性任务" in contents
    assert contents.index("共性任务") < contents.index("个性任务")


def _contents(site: Path) -> str:
    """The contents page's own list (not the theme's navigation)."""
    page = (site / "contents.html").read_text(encoding="utf-8")
    return page[page.index('<div class="binder-contents">'):page.index("</article>")]


def _order(site: Path) -> list[str]:
    return re.findall(r'href="indicators/([^"]+)\.html"', _contents(site))


def test_previous_and_next_follow_the_contents(sites):
    site = sites["inspector"]
    order = _order(site)
    assert len(order) == 24
    for number, slug in enumerate(order):
        page = (site / "indicators" / f"{slug}.html").read_text(encoding="utf-8")
        pager = page[page.index('class="binder-pager"'):]
        previous = re.search(r'binder-pager__previous" href="([^"]+)\.html"', pager)
        following = re.search(r'binder-pager__next" href="([^"]+)\.html"', pager)
        assert (previous.group(1) if previous else None) == (order[number - 1] if number else None), slug
        assert (following.group(1) if following else None) == (order[number + 1] if number + 1 < len(order) else None), slug


def test_every_page_has_the_date_of_generation_in_its_footer(sites):
    pages = sorted(sites["inspector"].rglob("*.html"))
    assert len(pages) > 25
    for page in pages:
        text = page.read_text(encoding="utf-8")
        footer = text[text.index('<footer class="md-footer">'):]
        assert re.search(r"生成日期：\d{4}年\d{1,2}月\d{1,2}日", footer), page


def test_the_indicator_page_keeps_standards_requirements_and_materials(sites):
    page = (sites["inspector"] / "indicators" / "iii-2.html").read_text(encoding="utf-8")
    assert "以党委（党组）中心组学习为示范带动" in page
    assert "提供建立完善中心组学习制度的规范文件" in page
    assert "01-中心组学习制度.pdf" in page and 'class="glightbox"' in page
    assert "--binder-print-title: \"Ⅲ\\2d 2\\20 健全完善学习制度\"" in page


NOTE = "本单位该项工作于2017年并入市里统一开展，未单独形成材料。\n详见<script>alert(1)</script>市局通报。"


@pytest.fixture(scope="module")
def noted(tmp_path_factory) -> dict[str, Path]:
    """One requirement with no material and a note (GB18030, as Notepad saves it), one with a file."""
    tmp = tmp_path_factory.mktemp("noted")
    criteria = one_requirement_criteria() + """\
              - code: 2
                text: 提供学习计划
"""
    write_tree(tmp / "archive", {
        "criteria.yml": criteria,
        "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度/说明.txt": NOTE.encode("gb18030"),
        "Ⅲ-2 健全完善学习制度/1 中心组学习/② 学习计划/01-学习计划.pdf": b"%PDF-1.4 broken",
    })
    config = site_config(tmp, extra="use_directory_urls: false\n")
    return {edition: _build(tmp, edition, tmp / "archive", config) for edition in ("inspector", "internal")}


def test_a_note_file_says_what_the_unit_chose_to_say(noted):
    page = (noted["inspector"] / "indicators" / "iii-2.html").read_text(encoding="utf-8")
    assert "本单位该项工作于2017年并入市里统一开展，未单独形成材料。" in page
    assert "详见&lt;script&gt;alert(1)&lt;/script&gt;市局通报。" in page
    assert "<script>alert(1)" not in page
    assert "说明.txt" not in page
    assert "01-学习计划.pdf" in page
    assert "admonition" not in page and "无法" not in page
    assert not (noted["inspector"] / "files" / "Ⅲ-2 健全完善学习制度" / "1 中心组学习" / "① 学习制度" / "说明.txt").exists()


def test_the_internal_edition_lists_the_note_as_a_file(noted):
    page = (noted["internal"] / "indicators" / "iii-2.html").read_text(encoding="utf-8")
    assert "说明.txt" in page
    assert "本单位该项工作于2017年并入市里统一开展" not in page


def test_an_unknown_edition_is_one_chinese_line(tmp_path):
    write_tree(tmp_path / "archive", {"criteria.yml": GOOD})
    config = site_config(tmp_path, "      edition: printed\n")
    result = binder("build", "-f", str(config), cwd=tmp_path)
    line = assert_one_chinese_line(result, "站点配置文件有误：", "edition")
    assert "internal 或 inspector" in line and "printed" in line


def test_an_unknown_edition_on_the_command_line_is_refused_in_chinese(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["build", "--edition", "printed"])
    assert stop.value.code == 2
    assert "应为 internal 或 inspector" in capsys.readouterr().err


def test_serve_passes_the_edition_to_every_reload_of_mkdocs_yml(monkeypatch):
    """`serve` reloads mkdocs.yml on each rebuild: the edition reaches it through the
    environment (`!ENV BINDER_EDITION`), as the archive does."""
    from mkdocs.config import load_config

    from generator.plugin import commands

    monkeypatch.setenv("BINDER_EDITION", "internal")  # restored (to unset) after the test
    monkeypatch.delenv("BINDER_EDITION")
    seen = []
    monkeypatch.setattr(commands.mkdocs_serve, "serve",
                        lambda path, **options: seen.append(load_config(path).plugins["binder"].config.edition))
    commands.serve_site(REPO / "mkdocs.yml", edition="inspector")
    os.environ.pop("BINDER_EDITION")
    commands.serve_site(REPO / "mkdocs.yml")
    assert seen == ["inspector", "internal"]


def test_a_long_list_shows_no_problem_in_the_inspector_edition(tmp_path):
    """A place of more than LONG_LIST files: its page sums up problems by rule and its listing
    pages have a column of problems, in the internal edition only."""
    files = {f"Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度/{n:03d}-照片.jpg": b"" for n in range(205)}
    write_tree(tmp_path / "archive", {"criteria.yml": one_requirement_criteria(), **files})
    config = site_config(tmp_path, extra="use_directory_urls: false\n")
    sites = {edition: _build(tmp_path, edition, tmp_path / "archive", config) for edition in ("inspector", "internal")}
    listing = "indicators/iii-2--r-1-1-1.html"
    internal = (sites["internal"] / "indicators" / "iii-2.html").read_text(encoding="utf-8")
    assert "binder-problem-groups" in internal
    assert "<th>问题</th>" in (sites["internal"] / listing).read_text(encoding="utf-8")
    page = (sites["inspector"] / "indicators" / "iii-2.html").read_text(encoding="utf-8")
    assert "binder-problem-groups" not in page and "整改建议" not in page and "binder-finding" not in page
    assert "共 205 个文件" in page
    inspector_listing = (sites["inspector"] / listing).read_text(encoding="utf-8")
    assert "000-照片.jpg" in inspector_listing
    assert "<th>问题</th>" not in inspector_listing and "binder-finding" not in inspector_listing


def test_a_snapshot_keeps_the_internal_edition_whatever_mkdocs_yml_says(tmp_path, monkeypatch):
    """The year's snapshot is the unit's own record: its site shows the self-check."""
    monkeypatch.setenv("BINDER_EDITION", "inspector")  # mkdocs.yml: edition: !ENV [BINDER_EDITION, internal]
    write_tree(tmp_path / "archive", {"criteria.yml": GOOD})
    assert cli.main(["snapshot", "-f", str(REPO / "mkdocs.yml"), "--year", "2025", "--out", str(tmp_path / "snapshots"),
                     "--archive", str(tmp_path / "archive"), "--cache-dir", str(tmp_path / "cache"), "-j", "1"]) == 0
    site = tmp_path / "snapshots" / "2025" / "data" / "site"
    assert (site / "improve.html").is_file() and not (site / "contents.html").exists()
