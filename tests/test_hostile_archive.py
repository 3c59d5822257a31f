"""Archives that attack the binder or that careless hands made: links out of the archive,
active content, names that are not UTF-8 or that break URLs, folders that can't be opened,
special files. Each case was a hole once; none may reach the site or crash the build."""

from __future__ import annotations

import html
import io
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PIL import Image

from generator.cli import main as binder_main
from generator.plugin.commands import build_site

from .conftest import REPO, one_requirement_criteria, tree_hashes, write_tree

CONFIG = REPO / "mkdocs.yml"
CRITERIA = one_requirement_criteria()
REQUIREMENT = "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度规范文件"
SECRET = "root:x:0:0:the-secret-line-of-a-system-file\n"


def jpeg(size=(320, 240), colour=(200, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=90)
    return out.getvalue()


def build(archive: Path, tmp_path: Path, name: str = "site"):
    return build_site(CONFIG, archive=archive, site_dir=tmp_path / name, cache_dir=tmp_path / "cache", jobs=1)


def site_bytes(site_dir: Path) -> list[bytes]:
    return [p.read_bytes() for p in site_dir.rglob("*") if p.is_file()]


def findings(plugin, rule: str) -> list:
    return [f for f in plugin.binder.findings if f.rule == rule]


# --- links ---------------------------------------------------------------------------

@pytest.fixture
def linked_archive(tmp_path):
    outside = write_tree(tmp_path / "outside", {
        "passwd": SECRET,
        "photo.jpg": jpeg(colour=(1, 2, 3)),
        "folder/inner-secret.txt": SECRET,
    })
    archive = write_tree(tmp_path / "archive", {
        "criteria.yml": CRITERIA,
        f"{REQUIREMENT}/01-学习制度.txt": "一份真实的材料",
    })
    req = archive / REQUIREMENT
    (req / "02-系统文件.pdf").symlink_to(outside / "passwd")
    (req / "03-外部照片.jpg").symlink_to(outside / "photo.jpg")
    (req / "04-文件夹链接").symlink_to(outside / "folder", target_is_directory=True)
    (req / "05-档案内链接.txt").symlink_to(req / "01-学习制度.txt")
    (req / "06-失效链接.pdf").symlink_to(tmp_path / "nowhere.pdf")
    return archive, outside


def test_a_link_is_a_finding_and_nothing_behind_it_reaches_the_site(linked_archive, tmp_path):
    archive, _ = linked_archive
    plugin = build(archive, tmp_path)
    site = tmp_path / "site"
    assert not any(SECRET.encode() in content for content in site_bytes(site))
    # Nothing of a link was opened: the only file inspected is the real one.
    assert sum(plugin.binder.inspection.decoded.values()) == 1
    assert not any(p.is_symlink() for p in site.rglob("*"))
    shown = {f.file: f.message for f in findings(plugin, "file.link")}
    assert set(shown) == {f"{REQUIREMENT}/{n}" for n in
                          ("02-系统文件.pdf", "03-外部照片.jpg", "04-文件夹链接", "05-档案内链接.txt", "06-失效链接.pdf")}
    assert "档案以外" in shown[f"{REQUIREMENT}/02-系统文件.pdf"]
    assert "档案中另一处" in shown[f"{REQUIREMENT}/05-档案内链接.txt"]
    assert "失效" in shown[f"{REQUIREMENT}/06-失效链接.pdf"]
    page = (site / "indicators" / "iii-2.html").read_text(encoding="utf-8")
    assert "02-系统文件.pdf" in page and "未收入电子档案" in page
    assert not (site / "files" / REQUIREMENT / "02-系统文件.pdf").exists()
    assert not any("inner-secret" in str(p) for p in site.rglob("*"))


def test_a_requirement_with_only_a_link_has_no_material(tmp_path):
    outside = write_tree(tmp_path / "outside", {"scan.pdf": b"%PDF-1.4\n"})
    archive = write_tree(tmp_path / "archive", {"criteria.yml": CRITERIA, f"{REQUIREMENT}/": ""})
    (archive / REQUIREMENT / "01-制度.pdf").symlink_to(outside / "scan.pdf")
    plugin = build(archive, tmp_path)
    assert [f.rule for f in plugin.binder.findings if f.rule.startswith("requirement")] == ["requirement.missing"]


def test_a_named_pipe_is_flagged_and_never_opened(tmp_path):
    archive = write_tree(tmp_path / "archive", {"criteria.yml": CRITERIA, f"{REQUIREMENT}/01-制度.txt": "x"})
    os.mkfifo(archive / REQUIREMENT / "02-管道.pdf")  # opening it for reading would wait for ever
    plugin = build(archive, tmp_path)
    assert [f.file for f in findings(plugin, "file.special")] == [f"{REQUIREMENT}/02-管道.pdf"]


# --- active content ------------------------------------------------------------------

ACTIVE = {
    "01-页面.html": "<script>alert(1)</script>",
    "02-页面.htm": "<script>alert(2)</script>",
    "03-图.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(3)</script></svg>',
    "04-文档.xhtml": '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(4)</script></html>',
    "05-数据.xml": "<a>1</a>",
}


def test_active_files_reach_the_site_only_as_neutral_downloads(tmp_path):
    archive = write_tree(tmp_path / "archive", {
        "criteria.yml": CRITERIA,
        **{f"{REQUIREMENT}/{name}": text for name, text in ACTIVE.items()},
        f"{REQUIREMENT}/06-脚本.js": "alert(6)",
        f"{REQUIREMENT}/07-程序.exe": b"MZ\x90\x00",
    })
    plugin = build(archive, tmp_path)
    site = tmp_path / "site"
    originals = [p for p in (site / "files").rglob("*") if p.is_file()]
    active = {".html", ".htm", ".svg", ".xhtml", ".xml", ".js"}
    assert not [p for p in originals if p.suffix.lower() in active]
    page = (site / "indicators" / "iii-2.html").read_text(encoding="utf-8")
    for name in ACTIVE:
        link = re.search(r'<a [^>]*download="' + re.escape(name) + r'"[^>]*>', page)
        assert link, name
        href = re.search(r'href="([^"]+)"', link.group(0)).group(1)
        assert unquote(href).endswith(name + ".txt")
    assert {f.file.rsplit("/", 1)[1] for f in findings(plugin, "file.active")} == set(ACTIVE)
    assert {f.file.rsplit("/", 1)[1] for f in findings(plugin, "file.executable")} == {"06-脚本.js", "07-程序.exe"}


# --- names ---------------------------------------------------------------------------

def test_a_name_that_is_not_utf8_is_shown_decoded_and_linked(tmp_path):
    archive = write_tree(tmp_path / "archive", {"criteria.yml": CRITERIA})
    folder = os.fsencode(archive / REQUIREMENT)
    os.makedirs(folder)
    gbk_name = "01-测试文件.pdf".encode("gbk")
    with open(os.path.join(folder, gbk_name), "wb") as out:
        out.write(b"%PDF-1.4 not really\n")
    with open(os.path.join(folder, "03-坏照片.jpg".encode("gbk")), "wb") as out:
        out.write(b"\xff\xd8\xff\xe0 truncated")  # its reason may quote the name
    broken = b"02-\xff\xfe\xfd.txt"  # no encoding makes sense of these
    with open(os.path.join(folder, broken), "wb") as out:
        out.write(b"text")
    before = tree_hashes(archive)

    plugin = build(archive, tmp_path)
    site = tmp_path / "site"
    names = {f.name for f in plugin.binder.scan.files}
    assert "01-测试文件.pdf" in names
    assert any(n.startswith("02-") and "\\xff" in n for n in names)
    encoding = findings(plugin, "file.encoding")
    assert len(encoding) == 3 and any("GBK" in f.message for f in encoding)
    assert any(f.rule.startswith("file.") and f.file.endswith("03-坏照片.jpg") for f in plugin.binder.findings
               if f.rule != "file.encoding")
    assert (site / "files" / REQUIREMENT / "01-测试文件.pdf").read_bytes() == b"%PDF-1.4 not really\n"
    assert_every_link_resolves(site)
    assert tree_hashes(archive) == before


def test_check_and_build_commands_take_a_gbk_name(tmp_path, monkeypatch, capsys):
    archive = write_tree(tmp_path / "archive", {"criteria.yml": CRITERIA})
    os.makedirs(os.fsencode(archive / REQUIREMENT))
    with open(os.path.join(os.fsencode(archive / REQUIREMENT), "测试.pdf".encode("gbk")), "wb") as out:
        out.write(b"%PDF-1.4\n")
    monkeypatch.chdir(tmp_path)
    assert binder_main(["check", "--archive", str(archive), "--format", "json", "-o", "out.json", "-j", "1"]) == 0
    assert "测试.pdf" in (tmp_path / "out.json").read_text(encoding="utf-8")
    assert binder_main(["build", "--archive", str(archive), "-d", str(tmp_path / "site"), "-j", "1"]) == 0


@pytest.mark.parametrize("name", ["01-第#1次会议.txt", "02-问题?.txt", "03-100%完成.txt", "04-有 空 格.txt",
                                  "05-a&b;c.txt", "06-引号'和\".txt"])
def test_every_link_resolves_whatever_the_name(tmp_path, name):
    archive = write_tree(tmp_path / "archive", {
        "criteria.yml": CRITERIA,
        f"{REQUIREMENT}/{name}": "正文",
        f"{REQUIREMENT}/子文件夹#1/07-照片 #2.jpg": jpeg(),
    })
    build(archive, tmp_path)
    assert_every_link_resolves(tmp_path / "site")


def assert_every_link_resolves(site: Path) -> None:
    """Every href and src of every page names a file of the site (fragments and outside
    schemes aside), read as a browser reads it: entities decoded, then percent-decoded."""
    checked = 0
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # MkDocs' error page links from the server's root
            continue
        text = page.read_text(encoding="utf-8")
        for raw in re.findall(r'(?:href|src|data-src)="([^"]*)"', text):
            url = html.unescape(raw)
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#") or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/"):
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(site)}: {url}"
            checked += 1
    assert checked > 0


# --- folders -------------------------------------------------------------------------

def test_a_folder_that_cannot_be_opened_is_a_finding(tmp_path, monkeypatch):
    archive = write_tree(tmp_path / "archive", {
        "criteria.yml": CRITERIA,
        f"{REQUIREMENT}/01-制度.txt": "x",
        f"{REQUIREMENT}/锁住的文件夹/02-照片.jpg": jpeg(),
    })
    locked = archive / REQUIREMENT / "锁住的文件夹"
    real_scandir = os.scandir

    def scandir(path):  # root reads a chmod 000 folder anyway: refuse as the OS would for a user
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("generator.archive.scan.os.scandir", scandir)
    plugin = build(archive, tmp_path)
    unreadable = findings(plugin, "folder.unreadable")
    assert [f.file for f in unreadable] == [f"{REQUIREMENT}/锁住的文件夹"]
    assert unreadable[0].indicator == "Ⅲ-2" and unreadable[0].severity.value == "error"
    assert "锁住的文件夹" in (tmp_path / "site" / "unclassified.html").read_text(encoding="utf-8")
