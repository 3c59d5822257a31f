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

    # The PDF in the browser's own viewer, with a first-page preview and a link to the original.
    viewers = re.findall(r'<iframe class="binder-pdf__viewer" src="([^"]+)"', html)
    assert viewers and all((site / "indicators" / unquote(v)).resolve().is_file() for v in viewers)
    assert "打开原件" in text

    # The report: its text and its measured length.
    assert "中心组学习情况说明报告" in text
    chars = [int(n) for n in re.findall(r'<span class="binder-chars">(\d+) 字</span>', html)]
    assert chars and all(n > 100 for n in chars)
    assert "一、基本情况" in text or "基本情况" in text
