"""The whole pipeline through MkDocs: archives built in tmp_path, sites read back as HTML."""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter
from pathlib import Path

import docx
import pytest
from PIL import Image, ImageChops, ImageStat

from generator.plugin.commands import build_site

from .conftest import REPO, tree_hashes, write_tree

CONFIG = REPO / "mkdocs.yml"


def build(archive: Path, tmp_path: Path, name: str = "site"):
    return build_site(CONFIG, archive=archive, site_dir=tmp_path / name,
                      cache_dir=tmp_path / "cache", jobs=1)


def pages(site_dir: Path) -> dict[str, str]:
    return {str(p.relative_to(site_dir)): p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")}


def html_text(html: str) -> str:
    """The page's text as a browser shows it, entities decoded, for 'is this name on the page'."""
    import html as html_lib
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def testdata_site(tmp_path_factory, testdata):
    """Every file of the shared test data in a folder-only archive (no criteria.yml)."""
    tmp = tmp_path_factory.mktemp("testdata")
    archive = tmp / "archive"
    shutil.copytree(testdata, archive, ignore=shutil.ignore_patterns("*.md"))
    before = tree_hashes(archive)
    plugin = build(archive, tmp)
    return archive, plugin, pages(tmp / "site"), before, tmp


def test_every_testdata_file_appears_on_a_page(testdata_site):
    archive, plugin, site_pages, _, _ = testdata_site
    shown = " ".join(html_text(h) for h in site_pages.values())
    files = [p for p in archive.rglob("*") if p.is_file()]
    assert len(files) == 58
    for path in files:
        assert path.name in shown, path.name
    assert len(plugin.binder.scan.files) == 58


def test_unreadable_files_are_shown_with_their_reason(testdata_site):
    _, plugin, site_pages, _, _ = testdata_site
    binder = plugin.binder
    problems = {f.name: binder.inspected(f).problem for f in binder.scan.files if binder.inspected(f).problem}
    expected = {
        "empty.heic": "empty", "example_password.docx": "encrypted",
        "libreoffice-writer-password.pdf": "encrypted", "hopper_jpeg_named.pdf": "mislabelled",
        "decompression_bomb.gif": "too-large", "broken.png": "corrupt",
        "truncated_jpeg.jpg": "truncated", "invalid_2007 onwards_corrupted.docx": "truncated",
    }
    for name, code in expected.items():
        assert problems[name].code == code, name
    page_text = {uri: html_text(h) for uri, h in site_pages.items()}
    for name, problem in problems.items():
        page = next(text for text in page_text.values() if name in text and problem.reason in text)
        assert problem.label in page


def test_a_rotated_photo_has_an_upright_thumbnail(testdata_site):
    _, _, site_pages, _, tmp = testdata_site
    html = site_pages["indicators/photos.html"]

    def thumbnail(name: str) -> Image.Image:
        match = re.search(r'<img src="([^"]+)"[^>]*alt="' + re.escape(name) + '"', html)
        src = match.group(1).replace("../", "")
        return Image.open(tmp / "site" / src).convert("L")

    # The same picture stored in 7 orientations: every upright thumbnail is the same picture.
    reference = thumbnail("hopper_orientation_2")
    for n in range(3, 9):
        other = thumbnail(f"hopper_orientation_{n}")
        assert other.size == reference.size
        assert ImageStat.Stat(ImageChops.difference(reference, other)).mean[0] < 8, n


def test_the_archive_is_byte_identical_after_a_build(testdata_site):
    archive, _, _, before, _ = testdata_site
    assert tree_hashes(archive) == before


def test_the_second_build_decodes_no_photo(testdata_site, tmp_path):
    archive, first, _, _, tmp = testdata_site
    assert first.binder.inspection.decoded["photo"] > 0
    again = build(archive, tmp, "site-again")
    assert again.binder.inspection.decoded == Counter()
    assert again.binder.inspection.from_cache == len(again.binder.scan.files) - _not_cached(again)


def _not_cached(plugin) -> int:
    """Results that are never cached (a worker that died) are inspected again: none expected here."""
    return sum(1 for r in plugin.binder.inspection.results.values() if r.problem and r.problem.code == "unreadable")


def _docx_with(text: str) -> bytes:
    document = docx.Document()
    document.add_heading(text, level=1)
    document.add_paragraph(f"正文里有 {text} 和 \"引号\" 'single'")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_names_and_document_text_are_escaped(tmp_path):
    script = "<script>alert('x')</script>"
    evil = "<img src=x onerror=alert('x')>"  # no '/': it goes into file and folder names
    folder = 'Ⅲ-2 学习"制度"<b>粗<b>'
    archive = write_tree(tmp_path / "archive", {
        f"{folder}/1 标准/① 要求{evil}/01-{evil}.docx": _docx_with(script),
        f"{folder}/1 标准/① 要求{evil}/02-\"quoted\" & 'single'.pdf": b"%PDF-1.4 broken",
        f"{evil}/stray {evil}.jpg": b"not a jpeg",
    })
    build(archive, tmp_path)
    site_pages = pages(tmp_path / "site")
    for uri, html in site_pages.items():
        assert "<script>alert" not in html, uri
        assert "<img src=x" not in html, uri
        assert "<b>粗" not in html, uri
    everything = "".join(site_pages.values())
    assert "&lt;script&gt;alert" in everything  # the docx's text, shown as text
    assert "&lt;img src=x onerror=alert" in everything
    # Quotes are harmless in text (Markdown writes them back literally); '&' stays escaped.
    assert "正文里有 &lt;script&gt;alert('x')&lt;/script&gt; 和 \"引号\"" in everything
    assert "02-\"quoted\" &amp; 'single'.pdf" in everything
    assert str(tmp_path) not in everything, "the builder's folders leak into the site"


def test_every_unreadable_testdata_file_yields_a_finding_with_its_reason(testdata_site):
    _, plugin, _, _, _ = testdata_site
    binder = plugin.binder
    by_file = {}
    for finding in binder.findings:
        by_file.setdefault(finding.file, []).append(finding)
    unreadable = [f for f in binder.scan.files if binder.inspected(f).problem]
    assert len(unreadable) >= 15
    for file in unreadable:
        problem = binder.inspected(file).problem
        findings = [f for f in by_file.get(file.rel_path, []) if f.rule == f"file.{problem.code}"]
        assert findings and problem.reason in findings[0].message, file.rel_path
