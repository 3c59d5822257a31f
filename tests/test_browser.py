"""The example site in a real browser: Debian's Chromium driven by Playwright, from file:// and HTTP.

Every request the pages make is recorded: none may leave the machine. Screenshots
go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.plugin.commands import build_site

from .conftest import REPO

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("example")
    build_site(REPO / "mkdocs.yml", archive=REPO / "archive", site_dir=tmp / "site", cache_dir=tmp / "cache")
    return tmp / "site"


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
def http_root(example_site):
    """The site served by a plain static server on 127.0.0.1, under a sub-path."""
    root = example_site.parent / "www"
    root.mkdir(exist_ok=True)
    (root / "binder").symlink_to(example_site)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/binder/"
    server.shutdown()


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
                if urlparse(u).scheme not in ("file", "data", "blob", "about", "chrome", "chrome-extension") and urlparse(u).hostname not in local]

    def close(self):
        self.context.close()


@pytest.mark.parametrize("where", ["file", "http"])
def test_home_to_indicator_to_lightbox(browser, example_site, http_root, where):
    start = (example_site / "index.html").as_uri() if where == "file" else http_root + "index.html"
    visit = Visit(browser)
    page = visit.page
    page.goto(start)
    assert "创建任务清单" in page.locator("h1").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"home-{where}.png"))

    page.locator(".binder-index a", has_text="健全完善学习制度").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("indicators/iii-2.html")
    assert page.locator("h1").inner_text().startswith("Ⅲ-2")
    assert page.locator("iframe.binder-pdf__viewer").count() >= 1
    assert page.locator(".binder-chars").count() >= 1

    page.locator("a.glightbox").first.click()
    page.locator(".glightbox-container .gslide-image img").first.wait_for(state="visible", timeout=5000)
    page.screenshot(path=str(ARTIFACTS / f"lightbox-{where}.png"))
    page.keyboard.press("Escape")
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / f"indicator-{where}.png"), full_page=True)

    assert visit.outside() == []
    assert visit.errors == []
    visit.close()
