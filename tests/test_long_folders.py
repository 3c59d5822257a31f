"""A folder of thousands of files (a scanner's dump, an unpacked zip): its page shows the
first files in full and lists all of them on listing pages, the tables of findings sum up
what repeats, and the search index keeps to names. At 20,000 files the indicator page was
27.5 MB and the search index 77 MB before."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from generator.outputs import export, site as render
from generator.plugin.commands import build_site

from .conftest import REPO, write_tree
from .test_browser import browser  # noqa: F401 (the fixture)
from .test_hostile_archive import CRITERIA, REQUIREMENT

FILES = 23


@pytest.fixture
def small_limits(monkeypatch):
    """The real limits are in the hundreds; the same paths are taken with a few files."""
    monkeypatch.setattr(render, "LONG_LIST", 10)
    monkeypatch.setattr(render, "SHOWN_IN_FULL", 3)
    monkeypatch.setattr(render, "LISTING_PAGE_SIZE", 10)
    monkeypatch.setattr(render, "FINDINGS_PER_PLACE", 4)


@pytest.fixture
def built(tmp_path, small_limits):
    archive = tmp_path / "archive"
    write_tree(archive, {
        "criteria.yml": CRITERIA,
        **{f"{REQUIREMENT}/{n:03d}-记录第{n}条.txt": f"第{n}条\n" for n in range(1, FILES + 1)},
    })
    plugin = build_site(REPO / "mkdocs.yml", archive=archive, site_dir=tmp_path / "site",
                        cache_dir=tmp_path / "cache", jobs=1)
    return tmp_path / "site", plugin


def page(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def listing_pages(site: Path) -> list[Path]:
    return sorted((site / "indicators").glob("iii-2--r-1-1-*.html"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def test_a_long_folder_shows_its_first_files_and_links_listing_pages_that_hold_every_file(built):
    site, _ = built
    indicator = page(site, "indicators/iii-2.html")
    shown = re.findall(r'<strong class="binder-name">(\d{3})-记录', indicator)
    assert shown == ["001", "002", "003"]
    assert f"共 {FILES} 个文件" in indicator
    pages = listing_pages(site)
    assert [p.name for p in pages] == ["iii-2--r-1-1-1.html", "iii-2--r-1-1-2.html", "iii-2--r-1-1-3.html"]
    for listing in pages:
        assert f'href="{listing.name}"' in indicator
    listed = [name for p in pages for name in re.findall(r'>(\d{3})-记录第\d+条\.txt</a>', page(site, f"indicators/{p.name}"))]
    assert listed == [f"{n:03d}" for n in range(1, FILES + 1)]


def test_every_link_of_a_listing_page_resolves(built):
    site, _ = built
    for listing in listing_pages(site):
        for href in re.findall(r'href="([^"#]+)', page(site, f"indicators/{listing.name}")):
            if href.startswith(("http:", "https:", "data:")):
                continue
            assert (listing.parent / unquote(href)).resolve().exists(), href


def test_the_problems_of_a_long_folder_are_summed_up_by_rule(built):
    site, plugin = built
    indicator = page(site, "indicators/iii-2.html")
    rule = plugin.binder.findings_of_file(plugin.binder.scan.files[0])[0].rule
    group = re.search(rf'<tr class="binder-finding--\w+" data-rule="{re.escape(rule)}">(.*?)</tr>', indicator)
    assert group and f"<td>{FILES} 个</td>" in group.group(1)


def test_tables_of_findings_list_a_few_of_a_kind_and_count_the_rest(built):
    site, plugin = built
    rule = plugin.binder.findings_of_file(plugin.binder.scan.files[0])[0].rule
    for name in ("check.html", "improve.html"):
        html = page(site, name)
        rows = re.findall(rf'<tr class="binder-finding--\w+" data-severity="\w+" data-rule="{re.escape(rule)}">', html)
        assert len(rows) == 4, name
        more = re.search(rf'data-rule="{re.escape(rule)}" data-count="(\d+)"', html)
        assert more and int(more.group(1)) == FILES - 4, name
        assert f"还有 {FILES - 4} 条同类问题" in html


def test_the_workbook_still_holds_every_finding(built):
    site, plugin = built
    sheet = load_workbook(site / "downloads" / "整改清单.xlsx", read_only=True)["问题清单"]
    files = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sum(1 for f in files if f and f.endswith(".txt")) == FILES


def test_the_search_index_keeps_names_and_leaves_repeated_findings_out(built):
    site, plugin = built
    index = json.loads(page(site, "search/search_index.json"))
    text = "".join(doc["text"] for doc in index["docs"]).replace("\u200b", "")
    for n in range(1, FILES + 1):
        assert f"{n:03d}-记录第{n}条.txt" in text
    message = plugin.binder.findings_of_file(plugin.binder.scan.files[0])[0].message
    # Once beside each of the three files shown in full, and in the sum per rule; never per listed file.
    assert text.count(message) <= 4


def test_the_workbook_of_unchanged_findings_is_taken_from_the_cache(tmp_path, monkeypatch):
    archive = tmp_path / "archive"
    write_tree(archive, {"criteria.yml": CRITERIA, f"{REQUIREMENT}/说明.txt": "x"})
    made = []
    real = export._workbook
    # The remediation tracker's workbook (the progress workbook is made the same way, memoized apart).
    monkeypatch.setattr(export, "_workbook",
                        lambda sheets: (made.append(1) if sheets[0].title == "问题清单" else None) or real(sheets))

    def build():
        build_site(REPO / "mkdocs.yml", archive=archive, site_dir=tmp_path / "site",
                   cache_dir=tmp_path / "cache", jobs=1)
        return (tmp_path / "site" / "downloads" / "整改清单.xlsx").read_bytes()

    first = build()
    second = build()
    assert len(made) == 1 and first == second
    (archive / REQUIREMENT / "说明2.txt").write_text("y", encoding="utf-8")
    third = build()
    assert len(made) == 2 and third != first
    assert len(list((tmp_path / "cache" / "downloads").glob("*.xlsx"))) == 1


@pytest.mark.browser
def test_the_filter_of_the_check_page_counts_the_findings_a_row_stands_for(built, browser):
    site, plugin = built
    page_ = browser.new_page()
    try:
        page_.goto((site / "check.html").as_uri())
        count = page_.locator(".binder-filter__count")
        total = int(re.search(r"/ (\d+) 条", count.inner_text()).group(1))
        assert total == len(plugin.binder.findings)
        page_.locator(".binder-filter select").select_option("error")
        page_.wait_for_function("document.querySelector('.binder-filter__count').textContent.startsWith('显示 ')")
        shown = int(re.search(r"显示 (\d+) /", count.inner_text()).group(1))
        assert shown == sum(1 for f in plugin.binder.findings if f.severity.value == "error")
    finally:
        page_.close()
