"""The inspector edition in Debian's Chromium: its cover and an indicator page as a person
sees them (screenshots in test-artifacts/), and an indicator page printed to A4."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest

from generator.plugin.commands import build_site

from .conftest import REPO
from .test_browser import ARTIFACTS, Visit, browser, screenshot  # noqa: F401 (browser: a fixture)

pytestmark = pytest.mark.browser

A4_WIDTH_PT, A4_HEIGHT_PT = 595.28, 841.89
PRINT_WIDTH_PX = 688
"""The printable width of an A4 sheet with binder.css's 14 mm side margins, in CSS pixels
(182 mm at 96 px per inch): the width the print emulation lays pages out at."""


@pytest.fixture(scope="module")
def inspector_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("inspector")
    build_site(REPO / "mkdocs.yml", archive=REPO / "archive", site_dir=tmp / "site", cache_dir=tmp / "cache",
               edition="inspector")
    return tmp / "site"


def test_the_cover_and_an_indicator_page(browser, inspector_site):
    visit = Visit(browser)
    page = visit.page
    page.goto((inspector_site / "index.html").as_uri())
    assert "汕尾市经济和信息化局" in page.locator(".binder-cover").inner_text()
    screenshot(page, "inspector-cover")
    page.locator(".binder-cover a", has_text="目录").click()
    page.wait_for_load_state()
    screenshot(page, "inspector-contents")
    page.locator(".binder-contents a", has_text="健全完善学习制度").click()
    page.wait_for_load_state()
    assert page.url.endswith("indicators/iii-2.html")
    assert page.locator(".binder-status, .binder-finding, .admonition").count() == 0
    screenshot(page, "inspector-indicator")
    page.locator(".binder-pager__next").click()
    page.wait_for_load_state()
    assert page.url.endswith("indicators/iii-5.html")
    assert visit.outside() == [] and visit.errors == []
    visit.close()


def _overflowing_tables(page) -> list[str]:
    """The tables (and the page) wider than the box they are in, as laid out now."""
    return page.evaluate("""() => {
        const wide = [];
        const root = document.documentElement;
        if (root.scrollWidth > root.clientWidth + 1) wide.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
        document.querySelectorAll('.md-content table').forEach((table, i) => {
            const box = table.closest('.md-typeset__table') || table.parentElement;
            const article = document.querySelector('.md-content__inner');
            if (table.scrollWidth > box.clientWidth + 1 || table.getBoundingClientRect().right > article.getBoundingClientRect().right + 1)
                wide.push(`table ${i} (${table.className || table.closest('div[class]').className}): ${table.scrollWidth} > ${box.clientWidth}`);
        });
        return wide;
    }""")


def test_every_indicator_page_prints_with_no_cut_table(browser, inspector_site):
    visit = Visit(browser)
    page = visit.page
    page.set_viewport_size({"width": PRINT_WIDTH_PX, "height": 1000})
    page.emulate_media(media="print")
    wide = {}
    for path in sorted((inspector_site / "indicators").glob("*.html")):
        page.goto(path.as_uri())
        assert not page.locator(".md-sidebar--primary").is_visible()
        assert not page.locator(".md-header").is_visible()
        if found := _overflowing_tables(page):
            wide[path.name] = found
    assert wide == {}
    visit.close()


def test_an_indicator_page_prints_on_a4_with_title_and_date_on_each_sheet(browser, inspector_site):
    pypdf = pytest.importorskip("pypdf")
    visit = Visit(browser)
    page = visit.page
    page.goto((inspector_site / "indicators" / "iii-2.html").as_uri())
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "inspector-indicator-print.pdf").write_bytes(pdf)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    for number, sheet in enumerate(reader.pages, start=1):
        assert abs(float(sheet.mediabox.width) - A4_WIDTH_PT) < 1 and abs(float(sheet.mediabox.height) - A4_HEIGHT_PT) < 1
        # The fonts map some characters to their Kangxi radicals (⽣ for 生): NFKC undoes that;
        # 页 comes out as the radical ⻚, which it does not.
        text = unicodedata.normalize("NFKC", sheet.extract_text())
        assert unicodedata.normalize("NFKC", "Ⅲ-2 健全完善学习制度") in text, (number, text[:200])
        assert re.search(r"生成于 \d{4}年\d{1,2}月\d{1,2}日", text), (number, text[-200:])
        assert re.search(rf"第 {number} [页⻚]", text), (number, text[:200])
    _sheet_png(pdf, 0, "inspector-indicator-print-1")
    visit.close()


def _sheet_png(pdf: bytes, index: int, name: str) -> None:
    """A printed sheet as an image, for a person to look at."""
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(pdf)
    document[index].render(scale=1.5).to_pil().save(ARTIFACTS / f"{name}.png")
    document.close()
