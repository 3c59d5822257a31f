"""The example site's layout on a 1366-pixel laptop and a 390-pixel phone (issue 19):
no page scrolls sideways, every table fits its column (wrapping, or as a list on the
phone), statuses stay in view, photos sit in a grid and a PDF fills its block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.plugin.commands import build_site

from .conftest import REPO
from .test_browser import Visit, browser, click_photo, screenshot, serve, start_url  # noqa: F401 (browser, serve: fixtures)

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("layout")
    build_site(REPO / "mkdocs.yml", archive=REPO / "archive", site_dir=tmp / "site", cache_dir=tmp / "cache")
    return tmp / "site"


def _pages(site: Path) -> list[Path]:
    # 404.html is served by a web server at any depth: its links can't all work from file://.
    return sorted(p for p in site.rglob("*.html")
                  if "assets" not in p.relative_to(site).parts and p.name != "404.html")


def _visit(browser, viewport: dict) -> Visit:
    visit = Visit(browser)
    visit.page.set_viewport_size(viewport)
    return visit


OVERFLOWING = """() => {
    const wide = [];
    if (document.scrollingElement.scrollWidth > innerWidth) wide.push('page ' + document.scrollingElement.scrollWidth);
    for (const box of document.querySelectorAll('.md-typeset__scrollwrap, .md-typeset__table, .md-typeset table')) {
        if (box.offsetParent !== null && box.scrollWidth > box.clientWidth + 1)
            wide.push((box.closest('[class*="binder-"]') || box).className + ' ' + box.scrollWidth + '>' + box.clientWidth);
    }
    return wide;
}"""


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_no_page_and_no_table_scrolls_sideways(browser, example_site, viewport):
    visit = _visit(browser, viewport)
    wide = {}
    for path in _pages(example_site):
        visit.page.goto(path.as_uri())
        found = visit.page.evaluate(OVERFLOWING)
        if found:
            wide[str(path.relative_to(example_site))] = found
    assert wide == {}
    assert visit.errors == []
    visit.close()


def test_the_phone_shows_statuses_a_photo_grid_and_the_facts_as_a_list(browser, example_site):
    visit = _visit(browser, PHONE)
    page = visit.page
    page.goto((example_site / "indicators" / "iii-2.html").as_uri())
    screenshot(page, "phone-indicator")
    # Every requirement's status in the checklist is on the screen, not scrolled off to the right.
    statuses = page.locator(".binder-checklist .binder-status")
    assert statuses.count() >= 1
    for box in (statuses.nth(i).bounding_box() for i in range(statuses.count())):
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # The facts of a standard as a list: each value gets a line of its own, not one character's width.
    values = page.locator(".binder-standard-facts dd")
    assert values.count() >= 4
    assert min(values.nth(i).bounding_box()["width"] for i in range(values.count())) >= PHONE["width"] * 0.4
    # Photos two (or more) to a row.
    gallery = page.locator(".binder-gallery").first
    tops = [round(b["y"]) for b in (f.bounding_box() for f in gallery.locator("figure").all()[:2])]
    assert len(tops) == 2 and tops[0] == tops[1]
    # A PDF's first page fills its block (the browser's viewer can't show a PDF in a phone's frame).
    pdf = page.locator(".binder-pdf").first
    preview = pdf.locator(".binder-pdf__preview img")
    preview.scroll_into_view_if_needed()
    assert preview.bounding_box()["width"] >= 0.9 * pdf.bounding_box()["width"]
    visit.close()


def test_a_pdf_opens_at_page_width_across_its_block(browser, example_site):
    visit = _visit(browser, LAPTOP)
    page = visit.page
    page.goto((example_site / "indicators" / "iii-2.html").as_uri())
    pdf = page.locator(".binder-pdf").filter(has=page.locator(".binder-pdf__viewer")).first
    pdf.scroll_into_view_if_needed()
    frame = pdf.locator("iframe.binder-pdf__viewer")
    frame.wait_for(timeout=5000)
    assert frame.get_attribute("src").endswith("#view=FitH")
    block, shown = pdf.bounding_box(), frame.bounding_box()
    assert shown["width"] >= 0.9 * block["width"]
    # Tall enough to read a page, short enough to leave the heading in view.
    assert 0.5 * LAPTOP["height"] <= shown["height"] <= 0.85 * LAPTOP["height"]
    screenshot(page, "laptop-indicator-pdf")
    visit.close()


def test_the_lightbox_shows_a_photos_date_place_activity_and_finding(browser, example_site):
    visit = _visit(browser, LAPTOP)
    page = visit.page
    page.goto((example_site / "indicators" / "iii-2.html").as_uri())
    click_photo(page, page.locator('a.glightbox[data-title$="交流发言）.png"]'))
    description = page.locator(".glightbox-container .gslide-desc").first
    description.wait_for(state="visible", timeout=5000)
    text = description.inner_text()
    for words in ("名称日期 2017-03-15", "地点：局三楼会议室", "活动：中心组学习", "未达标："):
        assert words in text
    assert description.locator("br").count() >= 3  # one fact a line
    screenshot(page, "lightbox-caption")
    assert visit.errors == []
    visit.close()


SNIPPET_CHARS = 80
"""A search hit's text: a short piece around the match, not the section's whole text."""


@pytest.mark.parametrize("where", ["file", "http"])
def test_search_loads_its_index_on_the_first_search_and_shows_snippets(browser, example_site, serve, where):
    visit = _visit(browser, LAPTOP)
    page = visit.page
    page.goto(start_url(example_site, where, serve))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert [u for u in visit.requests if "search_index" in u] == [], "the index waits for the first search"
    box = page.locator("input.md-search__input")
    box.click()
    box.type("中心组学习", delay=20)
    page.keyboard.press("End")  # an IME ends with a key event; typed text alone sends none
    page.wait_for_function("""() => {
        const first = document.querySelector('.md-search-result__item a');
        return first && first.innerText.includes('Ⅲ-2');
    }""", timeout=15000)
    assert [u for u in visit.requests if "search_index" in u]
    page.wait_for_timeout(300)
    screenshot(page, f"search-snippets-{where}")
    teasers = page.locator(".binder-search-snippet")
    assert teasers.count() >= 1
    for i in range(teasers.count()):
        teaser = teasers.nth(i)
        text = re.sub(r"[\s\u200b]", "", teaser.inner_text())
        assert len(text) <= SNIPPET_CHARS + 2, text
    # Each hit on an indicator page names its indicator.
    hits = page.locator(".md-search-result__item article")
    for i in range(hits.count()):
        link = hits.nth(i).locator("xpath=..").get_attribute("href") or ""
        if "indicators/" in link or where == "file" and "iii-" in link:
            assert hits.nth(i).locator(".binder-search-indicator").count() == 1
    assert page.locator(".binder-search-indicator", has_text="Ⅲ-2").count() >= 1
    assert visit.outside() == [] and visit.errors == []
    visit.close()
