"""Yearly snapshots: the bag, its fixity, and what changed since the last one."""

from __future__ import annotations

import hashlib
import io
import os
import json
import re
import shutil
import stat
from pathlib import Path
from urllib.parse import unquote

import bagit
import pytest
from PIL import Image

from generator import cli
from generator.snapshots import snapshot
from generator import comparison as yearly
from generator.plugin.commands import build_site

from .conftest import REPO, tree_hashes, write_tree
from .test_framework import GOOD

CONFIG = REPO / "mkdocs.yml"
PHOTO = "Ⅲ-2 健全完善学习制度/1 中心组学习示范带动/④ 学习会议材料/第1次 2017年3月15日/2017年3月15日+局三楼会议室+中心组学习+市经信局+全国两会精神.jpg"
DOCUMENT = "Ⅲ-26 落实从严治党要求/01-党风廉政建设制度.pdf"
STRAY = "临时/新建文本文档.txt"


def jpeg(size=(320, 240)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 60, 40)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def pdf() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(buffer, "PDF")
    return buffer.getvalue()


ARCHIVE = {"criteria.yml": GOOD, PHOTO: jpeg(), DOCUMENT: pdf(), STRAY: "草稿", ".hidden": "kept too"}


def run(args, capsys):
    code = cli.main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def take_snapshot(archive: Path, out: Path, cache: Path, year: int, capsys, *extra):
    return run(["snapshot", "-f", CONFIG, "--year", year, "--out", out, "--archive", archive,
                "--cache-dir", cache, "-j", 1, *extra], capsys)


def writable_copy(bag: Path, dest: Path) -> Path:
    """A copy of a bag whose files the test may change (a snapshot's files are read-only)."""
    shutil.copytree(bag, dest)
    for path in dest.rglob("*"):
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    return dest


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """One snapshot of a small archive: (archive, bag, hashes of the archive before, output)."""
    tmp = tmp_path_factory.mktemp("snapshot")
    archive = write_tree(tmp / "archive", ARCHIVE)
    before = tree_hashes(archive)
    code = cli.main(["snapshot", "-f", str(CONFIG), "--year", "2025", "--out", str(tmp / "snapshots"),
                     "--archive", str(archive), "--cache-dir", str(tmp / "cache"), "-j", "1"])
    assert code == 0
    return archive, tmp / "snapshots" / "2025", before, tmp


# --- the bag -------------------------------------------------------------------------


def test_a_snapshot_is_a_valid_bag_with_the_archive_findings_and_site(made):
    archive, bag, before, _ = made
    assert (bag / "bagit.txt").read_text(encoding="utf-8").startswith("BagIt-Version: 1.0\n")
    assert sorted(p.name for p in bag.iterdir()) == [
        "bag-info.txt", "bagit.txt", "data", "manifest-sha256.txt", "manifest-sm3.txt",
        "tagmanifest-sha256.txt", "tagmanifest-sm3.txt", "四性检测"]
    assert bagit.Bag(str(bag)).is_valid()
    info = bagit.Bag(str(bag)).info
    findings = json.loads((bag / "data" / "findings.json").read_text(encoding="utf-8"))
    assert info["Source-Organization"] == "某单位" and info["External-Description"] == "测试体系"
    assert info["Binder-Year"] == "2025" and info["Binder-Indicators"] == "2"
    assert info["Binder-Files"] == "3"  # the scan's files: criteria.yml and hidden files are no evidence
    assert info["Binder-Findings"] == str(len(findings["findings"])) != "0"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", info["Bagging-Date"])
    from generator import __version__
    assert info["Binder-Version"] == __version__
    # The archive as it is, every file, hidden ones too; the framework beside it.
    assert tree_hashes(bag / "data" / "archive") == before
    assert (bag / "data" / "criteria.yml").read_text(encoding="utf-8") == GOOD
    assert all(f["id"] for f in findings["findings"])
    assert (bag / "data" / "site" / "index.html").is_file()
    assert (bag / "data" / "说明.txt").is_file()


def test_the_archive_is_byte_identical_after_a_snapshot(made):
    archive, _, before, _ = made
    assert tree_hashes(archive) == before


def test_snapshot_files_are_read_only_copies_never_links_out_of_the_bag(made):
    archive, bag, _, _ = made
    archive_inodes = {p.stat().st_ino for p in archive.rglob("*") if p.is_file()}
    files = [p for p in bag.rglob("*") if p.is_file()]
    assert files and all(not p.stat().st_mode & 0o222 for p in files)
    assert not {p.stat().st_ino for p in files} & archive_inodes


def test_the_sites_originals_share_the_archive_copy_inside_the_bag(made):
    """The live site's originals are hard links to the archive: in the bag they are one
    file with the bag's own copy of the archive, so the bag is not twice the archive."""
    _, bag, _, _ = made
    data = bag / "data"
    in_archive = {p.stat().st_ino: p for p in (data / "archive").rglob("*") if p.is_file()}
    originals = [p for p in (data / "site" / "files").rglob("*") if p.is_file()]
    assert len(originals) >= 2
    for original in originals:
        twin = in_archive[original.stat().st_ino]
        assert original.stat().st_nlink == 2 and twin.name == original.name
    manifest = (bag / "manifest-sha256.txt").read_text(encoding="utf-8")
    assert all(f"data/{p.relative_to(data).as_posix()}" in manifest for p in originals)
    assert bagit.Bag(str(bag)).is_valid()
    # The framework beside the archive is the archive's criteria.yml: one file too.
    framework = data / "criteria.yml"
    assert framework.stat().st_ino == (data / "archive" / "criteria.yml").stat().st_ino
    made_snapshot = snapshot.open_snapshot(bag)
    tags = sum(p.stat().st_size for p in bag.rglob("*") if p.is_file() and "data" not in p.relative_to(bag).parts)
    twins = sum(p.stat().st_size for p in [*originals, framework])
    assert made_snapshot.stored_bytes() == made_snapshot.payload_bytes + tags - twins


def test_the_snapshot_site_opens_from_inside_the_bag(made):
    _, bag, _, _ = made
    site = bag / "data" / "site"
    checked = 0
    for page in (site / "indicators").glob("*.html"):
        for target in re.findall(r'(?:href|src)="([^"#?]+)', page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target) or target.startswith("/"):
                continue
            path = (page.parent / unquote(target)).resolve()
            rel = path.relative_to(site.resolve()).as_posix()
            if rel.startswith(("files/", "thumbs/")):
                assert path.is_file(), f"{page.name}: {target}"
                checked += 1
    assert checked >= 3  # the photo, its thumbnail, the PDF (and its preview)


def test_no_snapshot_yet_on_the_snapshot_own_improve_page(made):
    _, bag, _, _ = made
    improve = (bag / "data" / "site" / "improve.html").read_text(encoding="utf-8")
    assert "还没有存档" in improve and "binder snapshot --year" in improve


# --- verify ------------------------------------------------------------------------


def test_an_intact_snapshot_verifies(made, capsys):
    _, bag, _, _ = made
    code, out, _ = run(["verify", bag], capsys)
    assert code == 0 and "存档完好" in out and "SHA-256" in out
    code, out, _ = run(["verify", "--fast", bag], capsys)
    assert code == 0 and "快速核验" in out and f"binder verify {bag}" in out


@pytest.mark.parametrize("tamper, line", [
    ("change", "已改动：data/archive/" + DOCUMENT),
    ("delete", "缺失：data/archive/" + PHOTO),
    ("add", "多出：data/archive/临时/新文件.txt"),
])
def test_a_changed_deleted_or_added_file_is_named(made, tmp_path, capsys, tamper, line):
    _, bag, _, _ = made
    copy = writable_copy(bag, tmp_path / "2025")
    if tamper == "change":
        target = copy / "data" / "archive" / DOCUMENT
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0x01  # one byte, same size: only the full check sees it
        target.write_bytes(bytes(data))
    elif tamper == "delete":
        (copy / "data" / "archive" / PHOTO).unlink()
    else:
        (copy / "data" / "archive" / "临时" / "新文件.txt").write_text("后加的", encoding="utf-8")
    code, out, _ = run(["verify", copy], capsys)
    assert code == 1 and line in out.splitlines() and "存档已被改动" in out
    assert out.count("：data/") == 1
    code, out, _ = run(["verify", "--fast", copy], capsys)
    if tamper == "change":
        assert code == 0  # same names and sizes: the fast check can't tell, and says so
    else:
        assert code == 1 and line in out.splitlines()


def test_a_changed_bag_info_is_reported(made, tmp_path, capsys):
    _, bag, _, _ = made
    copy = writable_copy(bag, tmp_path / "2025")
    info = copy / "bag-info.txt"
    info.write_text(info.read_text(encoding="utf-8").replace("Binder-Year: 2025", "Binder-Year: 2024"),
                    encoding="utf-8")
    code, out, _ = run(["verify", copy], capsys)
    assert code == 1 and "已改动：bag-info.txt" in out


def test_verify_on_a_folder_that_is_no_snapshot_exits_2(made, tmp_path, capsys):
    archive, _, _, _ = made
    code, _, err = run(["verify", archive], capsys)
    assert code == 2 and "不是存档" in err and "bagit.txt" in err
    code, _, err = run(["verify", tmp_path / "nowhere"], capsys)
    assert code == 2 and "不存在" in err


# --- never overwritten, never half-made ------------------------------------------------


def test_a_second_snapshot_of_the_same_year_is_refused(made, capsys):
    archive, bag, _, tmp = made
    before = tree_hashes(bag)
    stamps = {p: p.stat().st_mtime_ns for p in bag.rglob("*")}
    code, _, err = take_snapshot(archive, bag.parent, tmp / "cache", 2025, capsys)
    assert code == 2 and "存档已存在" in err and str(bag) in err
    assert tree_hashes(bag) == before
    assert {p: p.stat().st_mtime_ns for p in bag.rglob("*")} == stamps
    assert sorted(p.name for p in bag.parent.iterdir()) == ["2025"]


def test_a_failed_snapshot_leaves_nothing_under_the_final_name(make_archive, tmp_path, capsys, monkeypatch):
    archive = make_archive(ARCHIVE)
    before = tree_hashes(archive)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(snapshot.bag, "write_payload_manifests", interrupted)
    with pytest.raises(KeyboardInterrupt):
        take_snapshot(archive, tmp_path / "snapshots", tmp_path / "cache", 2026, capsys)
    assert list((tmp_path / "snapshots").iterdir()) == []  # no bag, no staging, no site left over
    assert tree_hashes(archive) == before


def test_snapshots_inside_the_archive_are_refused(make_archive, tmp_path, capsys):
    archive = make_archive(ARCHIVE)
    before = tree_hashes(archive)
    code, _, err = take_snapshot(archive, archive / "snapshots", tmp_path / "cache", 2026, capsys)
    assert code == 2 and "不能放在档案里" in err
    assert tree_hashes(archive) == before


def test_the_snapshot_list_shows_year_counts_and_state(made, tmp_path, capsys):
    _, bag, _, _ = made
    out_dir = tmp_path / "snapshots"
    shutil.copytree(bag, out_dir / "2025")
    writable_copy(bag, out_dir / "2024")
    (out_dir / "2024" / "data" / "findings.json").unlink()
    (out_dir / ".2026.partial-abc").mkdir()
    code, out, _ = run(["snapshots", "--out", out_dir], capsys)
    assert code == 1
    lines = out.splitlines()
    intact = next(line for line in lines if line.endswith(" 2025"))  # the folder is the last column
    changed = next(line for line in lines if line.endswith(" 2024"))
    assert intact.startswith("2025 ") and "某单位" in intact and "文件名和大小相符" in intact
    assert "已改动（1 处" in changed
    assert "未完成的存档" in out and ".2026.partial-abc" in out


def test_the_snapshot_list_says_its_check_is_the_fast_one_and_how_to_run_the_full(made, tmp_path, capsys):
    """A changed byte that keeps the size passes the fast check: the list must not call
    such a snapshot intact, and must say how to run the full check, which finds it."""
    _, bag, _, _ = made
    out_dir = tmp_path / "snapshots"
    copy = writable_copy(bag, out_dir / "2025")
    target = copy / "data" / "archive" / DOCUMENT
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    code, out, _ = run(["snapshots", "--out", out_dir], capsys)
    row = next(line for line in out.splitlines() if line.endswith(" 2025"))
    assert code == 0 and "快速核验" in out and "完好" not in row
    assert "binder snapshots --full" in out and "binder verify" in out
    code, out, _ = run(["snapshots", "--out", out_dir, "--full"], capsys)
    row = next(line for line in out.splitlines() if line.endswith(" 2025"))
    assert code == 1 and "完整核验" in out and "已改动（1 处" in row


# --- year over year -------------------------------------------------------------------


def record(n: int, **extra) -> dict:
    return {"id": f"id{n:02d}", "rule": "photo.size", "severity": "error", "severity_label": "未达标",
            "indicator": "Ⅲ-2", "standard": "1", "requirement": "4", "file": f"f{n}.jpg",
            "message": f"问题 {n}", "fix": "重拍", **extra}


def test_the_comparison_counts_are_exact():
    before = {"findings": [record(n) for n in range(1, 8)]}  # 1–3 fixed since, 4–7 still there
    now = {"findings": [record(n, message=f"问题 {n}（今年）") for n in range(4, 10)]}  # 8, 9 new
    comparison = yearly.compare(now, before)
    assert [r["id"] for r in comparison.resolved] == ["id01", "id02", "id03"]
    assert [r["id"] for r in comparison.new] == ["id08", "id09"]
    assert [r["id"] for r in comparison.still_open] == ["id04", "id05", "id06", "id07"]
    assert comparison.resolved[0]["message"] == "问题 1"  # as the snapshot recorded it
    assert comparison.still_open[0]["message"] == "问题 4（今年）"  # as it is now
    # The lists work as well as whole documents; the same finding twice counts twice.
    twice = yearly.compare([record(1), record(1)], [record(1)])
    assert (len(twice.resolved), len(twice.new), len(twice.still_open)) == (0, 1, 1)


def fake_snapshot(out_dir: Path, year: int, date: str, findings: list[dict], unit: str = "") -> Path:
    """A bag as `binder snapshot` makes one, with the findings given."""
    bag = write_tree(out_dir / str(year), {"findings.json": json.dumps({"version": 1, "findings": findings},
                                                                       ensure_ascii=False)})
    info = {"Binder-Year": str(year), "Bagging-Date": date, **({"Source-Organization": unit} if unit else {})}
    bagit.make_bag(str(bag), info, checksums=["sha256"])
    return bag


def test_a_snapshot_of_another_unit_is_pointed_out(make_archive, tmp_path, capsys):
    archive = make_archive(ARCHIVE)  # criteria.yml says unit: 某单位
    base = ["check", "--archive", archive, "--cache-dir", tmp_path / "cache", "--since"]
    other = fake_snapshot(tmp_path / "other", 2025, "2025-06-01", [record(1)], unit="<b>别的局</b>")
    code, out, _ = run(base + [other], capsys)
    assert code == 0
    assert out.splitlines()[0] == ("注意：该存档属于“<b>别的局</b>”，当前档案属于“某单位”，"
                                   "比较的是两个单位的问题，结果可能没有意义。")
    ours = fake_snapshot(tmp_path / "ours", 2025, "2025-06-01", [record(1)], unit="某单位")
    unknown = fake_snapshot(tmp_path / "unknown", 2025, "2025-06-01", [record(1)])
    for snapshot_dir in (ours, unknown):
        code, out, _ = run(base + [snapshot_dir], capsys)
        assert code == 0 and "注意" not in out and out.startswith("与存档")
    # The improve page says it too, escaped.
    build_site(CONFIG, archive=archive, site_dir=tmp_path / "site", cache_dir=tmp_path / "cache",
               snapshots_dir=tmp_path / "other", jobs=1)
    page = (tmp_path / "site" / "improve.html").read_text(encoding="utf-8")
    assert "该存档属于“&lt;b&gt;别的局&lt;/b&gt;”，当前档案属于“某单位”" in page and "<b>别的局" not in page


def test_check_since_prints_the_comparison(make_archive, tmp_path, capsys):
    archive = make_archive(ARCHIVE)
    base = ["check", "--archive", archive, "--cache-dir", tmp_path / "cache"]
    current = json.loads(run(base + ["--format", "json"], capsys)[1])["findings"]
    assert len(current) >= 4
    out_dir = tmp_path / "snapshots"
    fake_snapshot(out_dir, 2024, "2024-12-30", [record(n) for n in range(1, 9)])
    previous = current[2:] + [record(n) for n in range(1, 4)]  # 2 new now, 3 resolved since
    fake_snapshot(out_dir, 2025, "2025-06-01", previous)
    code, out, _ = run(base + ["--since", "latest", "--snapshots-dir", out_dir], capsys)
    assert code == 0
    assert f"已整改 3 条，新发现 2 条，仍未整改 {len(current) - 2} 条" in out.splitlines()[0]
    assert "2025 年，存档日期 2025-06-01" in out
    assert "已整改（3 条" in out and "问题 1" in out and "新发现（2 条）" in out
    assert f"仍未整改（{len(current) - 2} 条）" in out
    code, out, _ = run(base + ["--since", out_dir / "2024"], capsys)
    assert code == 0 and f"已整改 8 条，新发现 {len(current)} 条，仍未整改 0 条" in out
    code, _, err = run(base + ["--since", "latest", "--snapshots-dir", tmp_path / "none"], capsys)
    assert code == 2 and "还没有存档" in err
    code, _, err = run(base + ["--since", archive], capsys)
    assert code == 2 and "不是存档" in err
    code, _, err = run(base + ["--since", "latest", "--format", "json"], capsys)
    assert code == 2


def test_the_improve_page_compares_with_the_latest_snapshot(made, tmp_path):
    archive, bag, _, tmp = made
    snapshots_dir = tmp_path / "snapshots"
    shutil.copytree(bag, snapshots_dir / "2025")
    # Fix the stray file (its two findings go), add a photo in the wrong place (new ones come).
    fixed = write_tree(tmp_path / "archive", {**{k: v for k, v in ARCHIVE.items() if k != STRAY},
                                              "Ⅲ-26 落实从严治党要求/照片.png": jpeg((64, 64))})
    unchanged = tree_hashes(fixed), tree_hashes(snapshots_dir)
    plugin = build_site(CONFIG, archive=fixed, site_dir=tmp_path / "site", cache_dir=tmp / "cache",
                        snapshots_dir=snapshots_dir, jobs=1)
    assert (tree_hashes(fixed), tree_hashes(snapshots_dir)) == unchanged
    before = json.loads((bag / "data" / "findings.json").read_text(encoding="utf-8"))["findings"]
    after = json.loads((tmp_path / "site" / "downloads" / "findings.json").read_text(encoding="utf-8"))["findings"]
    comparison = yearly.compare(after, before)
    resolved = [r for r in before if r["file"] in (STRAY, "临时")]  # the file and its folder
    assert comparison.resolved == resolved and len(resolved) == 3 and len(comparison.new) >= 1
    assert len(plugin.binder.findings) == len(after)
    page = (tmp_path / "site" / "improve.html").read_text(encoding="utf-8")
    assert re.search(r"与上次存档（2025，\d{4}-\d{2}-\d{2}）相比", page)
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', page))
    assert counts == {"resolved": "3", "new": str(len(comparison.new)), "open": str(len(comparison.still_open))}
    assert all(r["message"] in page for r in resolved)  # the resolved ones, with their old message


def test_the_improve_page_says_how_to_make_a_first_snapshot(make_archive, tmp_path):
    archive = make_archive(ARCHIVE)
    before = tree_hashes(archive)
    build_site(CONFIG, archive=archive, site_dir=tmp_path / "site", cache_dir=tmp_path / "cache",
               snapshots_dir=tmp_path / "none", jobs=1)
    assert tree_hashes(archive) == before
    page = (tmp_path / "site" / "improve.html").read_text(encoding="utf-8")
    assert "还没有存档" in page and "binder snapshot --year" in page and 'id="since"' not in page


def test_names_in_the_comparison_are_escaped(make_archive, tmp_path):
    archive = make_archive(ARCHIVE)
    nasty = record(1, indicator=None, file="<script>alert(1)</script>.jpg", message="<b>x</b> & y")
    fake_snapshot(tmp_path / "snapshots", 2025, "2025-12-31", [nasty])
    build_site(CONFIG, archive=archive, site_dir=tmp_path / "site", cache_dir=tmp_path / "cache",
               snapshots_dir=tmp_path / "snapshots", jobs=1)
    page = (tmp_path / "site" / "improve.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;.jpg" in page
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in page


def test_latest_is_by_year_then_date(tmp_path):
    out_dir = tmp_path / "snapshots"
    fake_snapshot(out_dir, 2026, "2026-01-05", [])
    fake_snapshot(out_dir, 2025, "2025-12-31", [])
    (out_dir / "notes").mkdir()
    assert snapshot.latest_snapshot(out_dir).year == 2026
    assert [s.year for s in snapshot.list_snapshots(out_dir)] == [2025, 2026]
    assert snapshot.latest_snapshot(tmp_path / "none") is None


# --- links, names that are not UTF-8, edited manifests ---------------------------------


def test_a_link_to_a_file_outside_the_archive_is_never_bagged(make_archive, tmp_path, capsys):
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:系统文件", encoding="utf-8")
    archive = make_archive(ARCHIVE)
    link = archive / "临时" / "系统文件.txt"
    link.symlink_to(secret)
    (archive / "链接文件夹").symlink_to(secret.parent, target_is_directory=True)
    code, out, err = take_snapshot(archive, tmp_path / "snapshots", tmp_path / "cache", 2026, capsys)
    assert code == 0
    bag_dir = tmp_path / "snapshots" / "2026"
    payload = bag_dir / "data"
    assert not (payload / "archive" / "临时" / "系统文件.txt").exists()
    assert not (payload / "archive" / "链接文件夹").exists()
    assert not any(p.is_symlink() for p in bag_dir.rglob("*"))
    assert not any("root:x" in p.read_text(encoding="utf-8", errors="replace") for p in payload.rglob("*")
                   if p.is_file() and p.suffix in (".txt", ".html", ".json"))
    for manifest in ("manifest-sha256.txt", "manifest-sm3.txt"):
        text = (bag_dir / manifest).read_text(encoding="utf-8")
        assert "data/archive/临时/系统文件.txt" not in text and "链接文件夹" not in text
    warnings = err.splitlines()
    assert any("临时/系统文件.txt 是链接，未存入存档" in w for w in warnings), err
    assert any("链接文件夹 是指向文件夹的链接，未存入存档" in w for w in warnings), err
    assert "WARNING" not in err and "Traceback" not in err
    assert bagit.Bag(str(bag_dir)).is_valid()
    # The link is a finding of the archive, named under 安全性 in the snapshot's report.
    report = json.loads((bag_dir / "四性检测" / "四性检测报告.json").read_text(encoding="utf-8"))
    links = next(r for r in report["results"] if r["name"] == "档案中无链接（链接不存档）")
    assert links["property"] == "安全性" and links["verdict"] == "不通过"
    assert any("临时/系统文件.txt" in f for f in links["files"])


GBK_NAME = b"\xb2\xe2\xca\xd4.txt"  # 测试.txt in GBK: not UTF-8


def test_a_gbk_named_file_is_kept_with_its_exact_bytes_and_verified(make_archive, tmp_path, capsys):
    archive = make_archive(ARCHIVE)
    (archive / "临时").joinpath(os.fsdecode(GBK_NAME)).write_bytes(b"gbk-named")
    code, _, _ = take_snapshot(archive, tmp_path / "snapshots", tmp_path / "cache", 2026, capsys)
    assert code == 0
    bag_dir = tmp_path / "snapshots" / "2026"
    kept = os.path.join(os.fsencode(bag_dir / "data" / "archive" / "临时"), GBK_NAME)
    with open(kept, "rb") as f:
        assert f.read() == b"gbk-named"
    manifest = (bag_dir / "manifest-sha256.txt").read_text(encoding="utf-8")  # still UTF-8
    assert "data/archive/临时/%B2%E2%CA%D4.txt" in manifest
    code, out, _ = run(["verify", bag_dir], capsys)
    assert code == 0 and "存档完好" in out
    copy = writable_copy(bag_dir, tmp_path / "copy" / "2026")
    with open(os.path.join(os.fsencode(copy / "data" / "archive" / "临时"), GBK_NAME), "wb") as f:
        f.write(b"gbk-NAMED")
    code, out, _ = run(["verify", copy], capsys)
    assert code == 1 and "已改动：data/archive/临时/测试.txt" in out.splitlines()


def change_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("edited, catching", [("sha256", "manifest-sm3.txt"), ("sm3", "manifest-sha256.txt")])
def test_a_manifest_edited_to_match_a_changed_file_is_named_with_the_file(made, tmp_path, capsys, edited, catching):
    _, bag_dir, _, _ = made
    copy = writable_copy(bag_dir, tmp_path / "2025")
    target = copy / "data" / "archive" / DOCUMENT
    change_a_byte(target)
    manifest = copy / f"manifest-{edited}.txt"
    rel = "data/archive/" + DOCUMENT
    new = hashlib.new(edited, target.read_bytes()).hexdigest()
    manifest.write_text("".join(f"{new}  {rel}\n" if line.endswith(f"  {rel}") else line + "\n"
                                for line in manifest.read_text(encoding="utf-8").splitlines()), encoding="utf-8")
    code, out, _ = run(["verify", copy], capsys)
    lines = out.splitlines()
    assert code == 1 and f"已改动：{rel}" in lines
    detail = "\n".join(lines[lines.index(f"已改动：{rel}"):])
    assert catching in detail and f"manifest-{edited}.txt" in detail and "掩盖" in detail
    assert "tagmanifest-sha256.txt" in detail and "tagmanifest-sm3.txt" in detail
    assert f"已改动：manifest-{edited}.txt" in lines


def test_a_snapshot_reads_each_payload_file_once_for_its_checksums(make_archive, tmp_path, capsys, monkeypatch):
    """SM3 and SHA-256 come from one read, and the 四性检测 at snapshot time reuses the
    digests just written instead of reading the whole payload a second time."""
    hashed = []
    real = snapshot.bag.hash_file

    def counting(path, algorithms):
        hashed.append(str(path))
        return real(path, algorithms)

    monkeypatch.setattr(snapshot.bag, "hash_file", counting)
    archive = make_archive(ARCHIVE)
    code, _, _ = take_snapshot(archive, tmp_path / "snapshots", tmp_path / "cache", 2026, capsys)
    assert code == 0
    payload = [p for p in hashed if f"{os.sep}data{os.sep}" in p]
    assert payload and len(payload) == len(set(payload))
