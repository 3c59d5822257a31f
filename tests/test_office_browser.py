"""The office site in Chromium from file://: the matrix sorts by a clicked column, the pages
make no request outside their folder."""

from __future__ import annotations

import json
import random
import sys

import pytest

from generator.cli import main

from .conftest import REPO
from .test_browser import CHROMIUM, CHROMIUM_ARGS

sys.path.insert(0, str(REPO / "benchmarks"))
import office as generated  # noqa: E402

pytestmark = pytest.mark.browser


def test_the_matrix_sorts_and_stays_offline(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    paths = []
    for index in range(6):
        document = generated.unit_document(f"单位{index}", random.Random(index))
        path = tmp_path / f"{index}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        paths.append(str(path))
    site = tmp_path / "office"
    assert main(["office", *paths, "-d", str(site)]) == 0
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file://") else None)
        page.goto((site / "index.html").as_uri())
        column = "#office-matrix thead th:nth-child(8)"  # 未达标问题
        page.click(column)
        ascending = page.eval_on_selector_all("#office-matrix tbody tr td:nth-child(8)", "cs => cs.map(c => +c.textContent)")
        page.click(column)
        descending = page.eval_on_selector_all("#office-matrix tbody tr td:nth-child(8)", "cs => cs.map(c => +c.textContent)")
        for name in ("tongbao.html", "categories/c01-1.html", "indicators.html"):
            page.goto((site / name).as_uri())
        browser.close()
    assert ascending == sorted(ascending) and descending == sorted(ascending, reverse=True)
    assert len(set(ascending)) > 1
    assert outside == []
