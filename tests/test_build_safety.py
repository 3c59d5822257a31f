"""Builds that survive what happens around them: files deleted or changed while the build
runs, a second build on the same folders, a full disk, a file where a folder should be, a
damaged cache, a build stopped half-way, and a site whose originals someone writes into.
Each case crashed the build, or silently spoilt the site or the archive, once (issue 20)."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from filelock import FileLock
from PIL import Image

from generator import binder as binder_module
from generator.archive import inspection
from generator.plugin import workspace
from generator.cli import main as binder_main
from generator.archive.inspection import inspect_files
from generator.plugin import plugin as plugin_module
from generator.plugin.commands import build_site

from .conftest import REPO, one_requirement_criteria, tree_hashes, write_tree

CONFIG = REPO / "mkdocs.yml"
CRITERIA = one_requirement_criteria("提供学习会议照片")
FOLDER = "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习会议照片"
FIRST = f"{FOLDER}/01-2024年3月5日中心组学习.jpg"
SECOND = f"{FOLDER}/02-2024年4月9日中心组学习.jpg"


def jpeg(colour=(200, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture
def archive(tmp_path) -> Path:
    return write_tree(tmp_path / "archive", {
        "criteria.yml": CRITERIA, FIRST: jpeg((200, 40, 40)), SECOND: jpeg((40, 40, 200)),
    })


def build(archive: Path, tmp_path: Path, **options):
    return build_site(CONFIG, archive=archive, site_dir=tmp_path / "site", cache_dir=tmp_path / "cache",
                      jobs=1, **options)


def cli_build(archive: Path, tmp_path: Path, *more: str) -> int:
    return binder_main(["build", "-f", str(CONFIG), "--archive", str(archive), "-j", "1",
                        "--cache-dir", str(tmp_path / "cache"), "-d", str(tmp_path / "site"), *more])


def leftovers(tmp_path: Path) -> list[str]:
    return [p.name for p in tmp_path.iterdir() if workspace.STAGING_MARK in p.name or workspace.OLD_MARK in p.name]


def site_original(site: Path, rel: str) -> Path:
    [found] = [p for p in (site / "files").rglob(Path(rel).name)]
    return found


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in text, text
    return lines[0]


# --- 8: a file deleted or changed during the build ---------------------------------


def test_a_file_deleted_after_inspection_is_a_finding_and_the_rest_of_the_site_is_built(archive, tmp_path,
                                                                                       monkeypatch):
    real_check = binder_module.check

    def check_after_deleting(framework, scan, inspected):
        (archive / SECOND).unlink()  # deterministically between inspection and placement
        return real_check(framework, scan, inspected)

    monkeypatch.setattr(binder_module, "check", check_after_deleting)
    plugin = build(archive, tmp_path)
    [finding] = [f for f in plugin.binder.findings if f.rule == "file.changed"]
    assert finding.file == SECOND and "已被删除" in finding.message
    site = tmp_path / "site"
    assert site_original(site, FIRST).read_bytes() == (archive / FIRST).read_bytes()
    assert not list(site.rglob(Path(SECOND).name))
    assert "已被删除" in (site / "check.html").read_text(encoding="utf-8")


def test_a_file_changed_after_inspection_is_a_finding_and_its_new_version_is_not_placed(archive, tmp_path,
                                                                                        monkeypatch):
    real_check = binder_module.check

    def check_after_saving(framework, scan, inspected):
        stat = (archive / SECOND).stat()
        (archive / SECOND).write_bytes(jpeg((0, 0, 0)))
        os.utime(archive / SECOND, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
        return real_check(framework, scan, inspected)

    monkeypatch.setattr(binder_module, "check", check_after_saving)
    plugin = build(archive, tmp_path)
    [finding] = [f for f in plugin.binder.findings if f.rule == "file.changed"]
    assert finding.file == SECOND and "被修改" in finding.message
    assert not list((tmp_path / "site").rglob(Path(SECOND).name))


def test_a_file_changed_while_it_is_read_is_unreadable_and_not_cached(archive, tmp_path, monkeypatch):
    files = [(archive / FIRST, FIRST)]
    real_inspect = inspection.inspect_file

    def inspect_while_someone_saves(path, thumbs_dir, limits, **how):
        result = real_inspect(path, thumbs_dir, limits, **how)
        with open(path, "ab") as photo:
            photo.write(b"more bytes saved meanwhile")
        return result

    monkeypatch.setattr(inspection, "inspect_file", inspect_while_someone_saves)
    first = inspect_files(files, tmp_path / "cache", jobs=1)
    problem = first.results[FIRST].problem
    assert problem is not None and problem.code == "unreadable" and "检查过程中被修改" in problem.reason
    monkeypatch.setattr(inspection, "inspect_file", real_inspect)
    again = inspect_files(files, tmp_path / "cache", jobs=1)
    assert again.decoded == Counter({"photo": 1}) and again.results[FIRST].problem is None


# --- 9: two builds at once --------------------------------------------------------


def test_a_second_build_of_the_same_folders_is_told_another_is_running(archive, tmp_path, capsys):
    (tmp_path / "cache").mkdir()
    with FileLock(str(tmp_path / "cache" / workspace.CACHE_LOCK)):  # the other build
        assert cli_build(archive, tmp_path) == 1
    line = one_line(capsys.readouterr().err)
    assert "另一个生成正在使用" in line and "--wait" in line
    assert not (tmp_path / "site").exists() and not leftovers(tmp_path)


def test_the_site_is_locked_too_for_a_build_with_another_cache(archive, tmp_path, capsys):
    with FileLock(str(workspace.site_lock_path(tmp_path / "site"))):
        assert cli_build(archive, tmp_path) == 1
    assert "另一个生成正在使用" in one_line(capsys.readouterr().err)


def test_with_wait_the_second_build_waits_for_the_first_and_succeeds(archive, tmp_path, capsys):
    (tmp_path / "cache").mkdir()
    holding, released = threading.Event(), []

    def the_other_build():  # a thread of its own: a lock's holder is a thread
        with FileLock(str(tmp_path / "cache" / workspace.CACHE_LOCK)):
            holding.set()
            time.sleep(1)
            released.append(time.monotonic())

    other = threading.Thread(target=the_other_build)
    other.start()
    holding.wait()
    assert cli_build(archive, tmp_path, "--wait") == 0
    other.join()
    assert released and (tmp_path / "site" / "index.html").is_file()
    assert "已生成电子档案" in capsys.readouterr().out


@pytest.mark.parametrize("wait", [False, True])
def test_two_build_processes_at_once_never_crash(wait, archive, tmp_path):
    """The real thing: two `binder build` processes started together on one site and cache."""
    command = [sys.executable, "-m", "generator", "build", "-f", str(CONFIG), "--archive", str(archive), "-j", "1",
               "--cache-dir", str(tmp_path / "cache"), "-d", str(tmp_path / "site"), *(["--wait"] if wait else [])]
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    builds = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    results = [(b.wait(timeout=300), b.stderr.read()) for b in builds]
    for build_ in builds:
        build_.stdout.close(), build_.stderr.close()
    assert all("Traceback" not in err for _, err in results), results
    codes = sorted(code for code, _ in results)
    assert codes == [0, 0] if wait else codes in ([0, 0], [0, 1]), results
    assert all("另一个生成正在使用" in err for code, err in results if code == 1)
    assert (tmp_path / "site" / "index.html").is_file() and not leftovers(tmp_path)


# --- 10: a full disk, a file-size limit, a build stopped half-way --------------------


@pytest.mark.parametrize(("code", "said"), [(errno.ENOSPC, "磁盘已满"), (errno.EFBIG, "文件大小限制"),
                                            (errno.EDQUOT, "磁盘配额")])
def test_a_full_disk_is_one_line_and_the_previous_site_stays(code, said, archive, tmp_path, monkeypatch, capsys):
    assert cli_build(archive, tmp_path) == 0
    before = tree_hashes(tmp_path / "site")
    capsys.readouterr()

    def full(source, dest, *args, **kwargs):
        raise OSError(code, os.strerror(code), str(dest))

    monkeypatch.setattr(os, "link", full)
    monkeypatch.setattr("shutil.copyfile", full)
    assert cli_build(archive, tmp_path) == 1
    line = one_line(capsys.readouterr().err)
    assert said in line and "约需" in line and "原来的站点保持不变" in line
    assert tree_hashes(tmp_path / "site") == before
    assert not leftovers(tmp_path)


def test_a_disk_that_fills_while_the_originals_are_copied_into_the_cache_leaves_no_site(archive, tmp_path,
                                                                                          monkeypatch, capsys):
    def full(source, dest, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dest))

    monkeypatch.setattr("shutil.copyfile", full)
    assert cli_build(archive, tmp_path) == 1
    line = one_line(capsys.readouterr().err)
    needed = sum((archive / rel).stat().st_size for rel in (FIRST, SECOND)) // 1024
    assert "磁盘已满" in line and f"约需 {needed} KB" in line  # the originals it had to copy, at least
    assert not (tmp_path / "site").exists() and not leftovers(tmp_path)
    assert not [p for p in (tmp_path / "cache" / "originals").rglob("*") if p.is_file()]  # no half copies


def test_a_build_stopped_half_way_keeps_the_previous_site(archive, tmp_path, monkeypatch):
    build(archive, tmp_path)
    before = tree_hashes(tmp_path / "site")

    def stopped(*args, **kwargs):
        raise RuntimeError("the build stopped here")

    monkeypatch.setattr(plugin_module, "render_site", stopped)
    with pytest.raises(RuntimeError):
        build(archive, tmp_path)
    assert tree_hashes(tmp_path / "site") == before
    assert not leftovers(tmp_path)


def test_a_killed_builds_staging_folder_is_removed_by_the_next_build(archive, tmp_path):
    killed = tmp_path / f".site{workspace.STAGING_MARK}99999"
    (killed / "files").mkdir(parents=True)
    (killed / "files" / "half.pdf").write_bytes(b"%PDF-1.4 half")
    build(archive, tmp_path)
    assert not killed.exists() and (tmp_path / "site" / "index.html").is_file()


# --- 11: a file where a folder should be ---------------------------------------------


@pytest.mark.parametrize("option", ["--cache-dir", "-d"])
def test_a_file_given_as_a_folder_is_exit_2_and_one_line(option, archive, tmp_path, capsys):
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    args = {"--cache-dir": str(tmp_path / "cache"), "-d": str(tmp_path / "site"), option: str(a_file)}
    code = binder_main(["build", "-f", str(CONFIG), "--archive", str(archive), "-j", "1",
                        "--cache-dir", args["--cache-dir"], "-d", args["-d"]])
    assert code == 2
    line = one_line(capsys.readouterr().err)
    assert "是文件，不是文件夹" in line and str(a_file) in line


def test_check_with_a_file_as_its_cache_is_exit_2_and_one_line(archive, tmp_path, capsys):
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    assert binder_main(["check", "--archive", str(archive), "--cache-dir", str(a_file), "-j", "1"]) == 2
    assert "是文件，不是文件夹" in one_line(capsys.readouterr().err)


# --- 13: a damaged cache -------------------------------------------------------------


def test_a_damaged_thumbnail_in_the_cache_is_made_again(archive, tmp_path, caplog):
    files = [(archive / FIRST, FIRST), (archive / SECOND, SECOND)]
    first = inspect_files(files, tmp_path / "cache", jobs=1)
    thumb = first.thumbs_dir / first.results[FIRST].thumbnail
    whole = thumb.read_bytes()
    thumb.write_bytes(whole[: len(whole) // 2])  # cut short, as a full disk or a crash leaves it
    again = inspect_files(files, tmp_path / "cache", jobs=1)
    assert again.decoded == Counter({"photo": 1})
    assert thumb.read_bytes() == whole
    assert "缩略图已损坏" in caplog.text


# --- 14: the site's originals are not the archive's files ------------------------------


def test_writing_into_a_site_original_does_not_change_the_archive(archive, tmp_path):
    before = tree_hashes(archive)
    build(archive, tmp_path)
    original = site_original(tmp_path / "site", FIRST)
    assert not original.stat().st_mode & 0o222  # read-only in the site
    assert not os.path.samefile(original, archive / FIRST)
    os.chmod(original, 0o644)  # someone insists (or is root, whom the mode does not stop)
    with open(original, "r+b") as opened:
        opened.write(b"overwritten in the site")
    assert tree_hashes(archive) == before


def test_a_rebuild_after_an_edit_places_the_new_version_and_drops_the_old_copy(archive, tmp_path):
    build(archive, tmp_path)
    before = {p for p in (tmp_path / "cache" / "originals").rglob("*") if p.is_file()}
    stat = (archive / FIRST).stat()
    (archive / FIRST).write_bytes(jpeg((10, 200, 10)))
    os.utime(archive / FIRST, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    build(archive, tmp_path)
    assert site_original(tmp_path / "site", FIRST).read_bytes() == (archive / FIRST).read_bytes()
    after = {p for p in (tmp_path / "cache" / "originals").rglob("*") if p.is_file()}
    assert len(before) == len(after) == 2 and len(before - after) == 1  # the old version's copy is gone


def test_a_first_build_copies_the_originals_beside_the_inspection_and_a_rebuild_copies_none(archive, tmp_path,
                                                                                           monkeypatch):
    from generator.plugin import placement

    copied_in: list[str] = []
    real_copy = placement._copy_read_only

    def counting_copy(source, target):
        copied_in.append(threading.current_thread().name)
        real_copy(source, target)

    monkeypatch.setattr(placement, "_copy_read_only", counting_copy)
    build(archive, tmp_path)
    assert copied_in == ["binder-originals"] * 2  # both copied while the archive was inspected
    copied_in.clear()
    build(archive, tmp_path)
    assert copied_in == []
    assert site_original(tmp_path / "site", FIRST).read_bytes() == (archive / FIRST).read_bytes()
