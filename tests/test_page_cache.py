"""The binder's pages as Markdown made them, kept between builds: a rebuild of the same
archive gives the same site without running Markdown for them, a changed page is made
again, and a damaged entry costs only that page's Markdown."""

from __future__ import annotations

import shutil

import markdown
import pytest

from generator.plugin.commands import build_site

from .conftest import REPO, tree_hashes

CONFIG = REPO / "mkdocs.yml"


@pytest.fixture
def archive(tmp_path):
    return shutil.copytree(REPO / "archive", tmp_path / "archive")


@pytest.fixture
def conversions(monkeypatch):
    """Counts the Markdown documents converted."""
    counted = []
    real = markdown.Markdown.convert
    monkeypatch.setattr(markdown.Markdown, "convert", lambda md, text: counted.append(1) or real(md, text))
    return counted


def build(archive, tmp_path, name):
    return build_site(CONFIG, archive=archive, site_dir=tmp_path / name, cache_dir=tmp_path / "cache", jobs=1)


def test_a_rebuild_gives_the_same_site_without_running_markdown_for_the_binders_pages(archive, tmp_path, conversions):
    first = build(archive, tmp_path, "first")
    made = len(conversions)
    binder_pages = len(first.site.pages)
    conversions.clear()
    second = build(archive, tmp_path, "second")
    assert second.page_cache.hits == binder_pages
    assert len(conversions) == made - binder_pages  # only the pages of docs/ (使用说明)
    first_site, second_site = tree_hashes(tmp_path / "first"), tree_hashes(tmp_path / "second")
    first_site.pop("sitemap.xml.gz", None), second_site.pop("sitemap.xml.gz", None)
    assert first_site == second_site


def test_a_changed_page_is_made_again_and_the_others_are_kept(archive, tmp_path, conversions):
    build(archive, tmp_path, "site")
    report = next(archive.rglob("*说明报告.docx"))
    report.rename(report.with_name("99-改名后的说明报告.docx"))
    plugin = build(archive, tmp_path, "site")
    assert 0 < plugin.page_cache.hits < len(plugin.site.pages)
    indicator = next(p for p in plugin.site.pages if "99-改名后的说明报告.docx" in p.content)
    assert "99-改名后的说明报告.docx" in (tmp_path / "site" / (indicator.src_uri[:-3] + ".html")).read_text(encoding="utf-8")


def test_a_damaged_entry_is_made_again(archive, tmp_path):
    build(archive, tmp_path, "first")
    entries = sorted((tmp_path / "cache" / "pages").glob("*.json"))
    entries[0].write_bytes(b"\x00garbage")
    entries[1].write_text("{}", encoding="utf-8")
    plugin = build(archive, tmp_path, "second")
    assert plugin.page_cache.hits == len(plugin.site.pages) - 2
    first_site, second_site = tree_hashes(tmp_path / "first"), tree_hashes(tmp_path / "second")
    first_site.pop("sitemap.xml.gz", None), second_site.pop("sitemap.xml.gz", None)
    assert first_site == second_site
