"""What the example site's pages show a person (issue 19): materials in the order things
happen, a summary at the top of each indicator page, previous/next, the status of each
indicator in the navigation, the date of generation on every page, the plan's matrix."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from generator.plugin.commands import build_site

from .conftest import REPO


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("pages")
    build_site(REPO / "mkdocs.yml", archive=REPO / "archive", site_dir=tmp / "site", cache_dir=tmp / "cache")
    return tmp / "site"


def _read(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def _text(html: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def test_a_meetings_notice_comes_before_its_photos_and_its_content_after(site):
    html = _read(site, "indicators/iii-2.html")
    meeting = html[html.index("第1次 2016年10月12日（"):]
    meeting = meeting[:meeting.index('<div class="binder-group">', 10) if '<div class="binder-group">' in meeting[10:] else None]
    notice, photos, content = (meeting.index("01-会议通知.pdf"), meeting.index('class="glightbox"'),
                               meeting.index("02-学习内容.pdf"))
    assert notice < photos < content


def test_an_indicator_page_sums_up_its_parts_at_the_top(site):
    html = _read(site, "indicators/iii-35.html")
    summary = html[html.index('<div class="binder-parts"'):]
    summary = summary[:summary.index("</div>")]
    # Ⅲ-35 ① (the 红黑名单 rules) is an empty folder: missing; ② and ③ have their report.
    assert "材料要求：已提供 2 / 3 项，缺少 1 项" in _text(summary)
    assert len(re.findall(r'class="binder-part binder-part--\S+ binder-part--missing"', summary)) == 1
    for anchor in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{anchor}"' in html


def test_every_indicator_page_links_to_the_previous_and_the_next(site):
    first, second = _read(site, "indicators/iii-2.html"), _read(site, "indicators/iii-5.html")
    assert 'class="binder-pager__next" href="iii-5.html"' in first
    assert "binder-pager__previous" not in first
    assert 'class="binder-pager__previous" href="iii-2.html"' in second


def test_the_navigation_shows_each_indicators_status(site):
    html = _read(site, "indicators/iii-10.html")
    assert 'href="../assets/binder-status.css"' in html
    css = _read(site, "assets/binder-status.css")
    rules = {status: rule for rule in css.splitlines() if "::before" in rule
             for status in ("--binder-ok", "--binder-fail", "--binder-verify") if status in rule}
    assert '[href="iii-2.html"]' in rules["--binder-fail"]  # Ⅲ-2 has errors (the README's defects)
    assert '[href="iii-10.html"]' in rules["--binder-ok"]   # complete and compliant


def test_every_page_says_when_it_was_generated(site):
    # Already so before issue 19 (site_overrides/partials/copyright.html): kept from regressing.
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts]
    assert len(pages) > 24
    for page in pages:
        assert re.search(r'class="binder-generated">生成日期：\d{4}年\d{1,2}月\d{1,2}日', page.read_text(encoding="utf-8")), page
