"""The example site in a real browser: Debian's Chromium driven by Playwright, from file:// and HTTP.

Every request the pages make is recorded: none may leave the machine. Screenshots
go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import random
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.plugin.commands import build_site

from .conftest import REPO, write_tree

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def example_sites(tmp_path_factory) -> dict[str, Path]:
    """The example archive built by `binder build` and by `properdocs build`."""
    tmp = tmp_path_factory.mktemp("example")
    build_site(REPO / "mkdocs.yml", archive=REPO / "archive", site_dir=tmp / "binder", cache_dir=tmp / "cache")
    env = {**os.environ, "BINDER_ARCHIVE": str(REPO / "archive"), "BINDER_CACHE": str(tmp / "cache")}
    subprocess.run([str(Path(sys.executable).parent / "properdocs"), "build", "-q", "-f", str(REPO / "mkdocs.yml"),
                    "-d", str(tmp / "properdocs")], check=True, env=env, capture_output=True)
    return {"binder": tmp / "binder", "properdocs": tmp / "properdocs"}


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    assert CHROMIUM.exists(), "Debian's chromium is missing: run tools/ensure-browser.sh"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def serve(tmp_path_factory):
    """Serve a folder on 127.0.0.1 under a sub-path, as an intranet server would."""
    servers = []

    def start(site: Path) -> str:
        root = tmp_path_factory.mktemp("www")
        (root / "binder").symlink_to(site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/binder/"

    yield start
    for server in servers:
        server.shutdown()


def start_url(site: Path, where: str, serve) -> str:
    return (site / "index.html").as_uri() if where == "file" else serve(site) + "index.html"


class Visit:
    """A page with its requests and console errors recorded."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def outside(self) -> list[str]:
        # The browser's own PDF viewer loads from chrome-extension:// : inside the browser, no network.
        local = {"", "127.0.0.1", "localhost"}
        return [u for u in self.requests
                if urlparse(u).scheme not in ("file", "data", "blob", "about", "chrome", "chrome-extension")
                and urlparse(u).hostname not in local]

    def close(self):
        self.context.close()


def screenshot(page, name: str, **options) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), **options)


_VIEWERS_NEAR_SCREEN_MADE = """() => Array.from(document.querySelectorAll('.binder-pdf__viewer[data-src]'))
    .every(h => { const r = h.getBoundingClientRect(); return r.bottom < -300 || r.top > innerHeight + 300; })"""


def click_photo(page, photo) -> None:
    """Click a photo as a person does: scrolled to it, once the page has settled. A click sent
    in the same instant as the scroll that makes a PDF viewer beside it (a plugin frame) is
    sometimes lost by headless Chromium; nobody clicks that fast."""
    photo.scroll_into_view_if_needed()
    page.wait_for_function(_VIEWERS_NEAR_SCREEN_MADE)
    photo.click()


@pytest.mark.parametrize("builder", ["binder", "properdocs"])
@pytest.mark.parametrize("where", ["file", "http"])
def test_home_to_indicator_to_lightbox(browser, example_sites, serve, where, builder):
    visit = Visit(browser)
    page = visit.page
    page.goto(start_url(example_sites[builder], where, serve))
    assert "创建任务清单" in page.locator("h1").inner_text()
    screenshot(page, f"home-{where}-{builder}")

    page.locator(".binder-index a", has_text="健全完善学习制度").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("indicators/iii-2.html")
    assert page.locator("h1").inner_text().startswith("Ⅲ-2")
    # The browser's PDF viewers are made as they come near the screen, not all at load.
    pdfs = page.locator(".binder-pdf__body").count()
    assert pdfs >= 3
    assert page.locator("iframe.binder-pdf__viewer").count() < pdfs
    page.locator(".binder-pdf__viewer").last.scroll_into_view_if_needed()
    page.locator(".binder-pdf__body").last.locator("iframe.binder-pdf__viewer").wait_for(timeout=5000)
    assert page.locator(".binder-pdf__preview img").count() == pdfs
    assert page.locator("a.binder-open", has_text="打开原件").count() >= 1
    assert page.locator(".binder-chars").count() >= 1

    click_photo(page, page.locator("a.glightbox").first)
    page.locator(".glightbox-container .gslide-image img").first.wait_for(state="visible", timeout=5000)
    screenshot(page, f"lightbox-{where}-{builder}")
    page.keyboard.press("Escape")
    page.wait_for_timeout(500)
    screenshot(page, f"indicator-{where}-{builder}")

    assert visit.outside() == []
    assert visit.errors == []
    visit.close()


@pytest.mark.parametrize("where", ["file", "http"])
def test_chinese_search_finds_the_indicator(browser, example_sites, serve, where):
    visit = Visit(browser)
    page = visit.page
    page.goto(start_url(example_sites["binder"], where, serve))
    box = page.locator("input.md-search__input")
    box.click()
    box.type("中心组学习", delay=20)
    page.keyboard.press("End")  # an IME ends with a key event; typed text alone sends none
    first = page.locator(".md-search-result__item a").first
    first.wait_for(state="visible", timeout=10000)
    # Results are redrawn as each character arrives: wait for those of the whole query.
    page.wait_for_function("""() => {
        const first = document.querySelector('.md-search-result__item a');
        return first && first.innerText.includes('Ⅲ-2');
    }""", timeout=10000)
    screenshot(page, f"search-{where}")
    first.click()
    page.wait_for_load_state()
    assert "indicators/iii-2.html" in page.url
    assert visit.outside() == [] and visit.errors == []
    visit.close()


def test_the_dashboard_filters_its_findings(browser, example_sites):
    visit = Visit(browser)
    page = visit.page
    page.goto((example_sites["binder"] / "check.html").as_uri())
    rows = page.locator("#binder-all-findings tbody tr")
    total = rows.count()
    page.locator(".binder-filter select").select_option("warning")
    visible = page.locator("#binder-all-findings tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    page.locator(".binder-filter select").select_option("")
    page.locator(".binder-filter input").fill("Ⅲ-16")
    shown = visible.count()
    assert 0 < shown < total
    page.locator(".binder-filter input").fill("III-16")  # as a keyboard types it
    assert visible.count() == shown
    screenshot(page, "check")
    assert visit.errors == []
    visit.close()


def test_print_shows_the_page_without_navigation(browser, example_sites):
    visit = Visit(browser)
    page = visit.page
    page.goto((example_sites["binder"] / "indicators" / "iii-2.html").as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert page.locator("h1").is_visible() and page.locator(".binder-checklist").first.is_visible()
    page.pdf(path=str(ARTIFACTS / "indicator-print.pdf")) if ARTIFACTS.exists() else None
    visit.close()


# --- page weight: 100 real-size photos ---------------------------------------------

def _real_size_photos(count: int) -> dict[str, bytes]:
    """Distinct 4000×3000 JPEGs (a shared texture, a different crop and shapes each)."""
    from PIL import Image, ImageDraw

    texture = Image.blend(
        Image.effect_noise((600, 450), 70).convert("RGB").resize((4400, 3300), Image.Resampling.BICUBIC),
        Image.effect_noise((4400, 3300), 30).convert("RGB"), 0.2)
    photos = {}
    for index in range(count):
        rnd = random.Random(index)
        x0, y0 = rnd.randrange(400), rnd.randrange(300)
        image = texture.crop((x0, y0, x0 + 4000, y0 + 3000))
        draw = ImageDraw.Draw(image)
        for _ in range(10):
            x, y = rnd.randrange(4000), rnd.randrange(3000)
            draw.ellipse((x, y, x + rnd.randrange(200, 1500), y + rnd.randrange(200, 1000)),
                         fill=tuple(rnd.randrange(256) for _ in range(3)))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=78)
        name = f"2017年{index % 12 + 1}月{index % 28 + 1}日+局会议室+志愿服务活动{index}+市经信局+志愿服务.jpg"
        photos[f"Ⅲ-26 落实从严治党要求/{name}"] = buffer.getvalue()
    return photos


def test_an_indicator_page_with_100_photos_is_light_before_scrolling(browser, serve, tmp_path):
    criteria = (REPO / "archive" / "criteria.yml").read_text(encoding="utf-8")
    archive = write_tree(tmp_path / "archive", {"criteria.yml": criteria, **_real_size_photos(100)})
    plugin = build_site(REPO / "mkdocs.yml", archive=archive, site_dir=tmp_path / "site", cache_dir=tmp_path / "cache")
    assert plugin.binder.inspection.decoded["photo"] == 100
    visit = Visit(browser)
    page = visit.page
    page.goto(serve(tmp_path / "site") + "indicators/iii-26.html")
    page.wait_for_load_state("networkidle")
    weight = page.evaluate("""() => performance.getEntriesByType('navigation')
        .concat(performance.getEntriesByType('resource'))
        .reduce((sum, entry) => sum + entry.transferSize, 0)""")
    thumbnails = page.evaluate("""() => performance.getEntriesByType('resource')
        .filter(e => e.name.includes('/thumbs/')).length""")
    assert page.locator(".binder-gallery img").count() == 100
    assert thumbnails < 100, "thumbnails below the fold must wait for the user to scroll"
    assert weight <= 1.5 * 1024 * 1024, f"{weight / 1024 / 1024:.2f} MB before scrolling"
    screenshot(page, "indicator-100-photos")
    visit.close()


# --- hostile names -------------------------------------------------------------------

def test_a_photo_named_as_markup_opens_in_the_lightbox_as_text(browser, serve, tmp_path):
    """GLightbox writes a photo's title into the page as HTML: a name that is markup must
    stay text (it once ran its script when the photo was opened)."""
    from PIL import Image

    criteria = (REPO / "archive" / "criteria.yml").read_text(encoding="utf-8")
    evil = "<img src=x onerror=alert(41)>"
    photo = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 200)).save(photo, "JPEG")
    archive = write_tree(tmp_path / "archive", {
        "criteria.yml": criteria, f"Ⅲ-26 落实从严治党要求/{evil}.jpg": photo.getvalue()})
    build_site(REPO / "mkdocs.yml", archive=archive, site_dir=tmp_path / "site", cache_dir=tmp_path / "cache")
    for where in ("file", "http"):
        visit = Visit(browser)
        page = visit.page
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto((tmp_path / "site" / "indicators" / "iii-26.html").as_uri() if where == "file"
                  else serve(tmp_path / "site") + "indicators/iii-26.html")
        click_photo(page, page.locator("a.glightbox").first)
        title = page.locator(".glightbox-container .gslide-title").first
        title.wait_for(state="visible", timeout=5000)
        page.wait_for_timeout(300)
        assert evil in title.inner_text()
        assert page.locator(".glightbox-container .gslide-title img").count() == 0
        screenshot(page, f"lightbox-markup-name-{where}")
        assert dialogs == []
        visit.close()
