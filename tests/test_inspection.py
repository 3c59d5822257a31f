"""The inspection runner: cache by signature, parallel workers, nothing in the archive touched."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import sqlite3
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import docx
import pytest
from PIL import Image

from generator.framework.params import InspectionLimits
from generator.archive import inspection
from generator.archive.inspection import inspect_files
from generator.archive.inspectors import inspect_file

from .conftest import TESTDATA, tree_hashes


def jpeg(color) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), color).save(out, "JPEG")
    return out.getvalue()


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("说明报告", level=1)
    document.add_paragraph("正文内容。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def corpus(rel: str) -> bytes:
    return (TESTDATA / rel).read_bytes()


@pytest.fixture
def archive(make_archive):
    return make_archive({
        "Ⅲ-2 学习制度/④ 会议材料/2016年10月12日+会议室+中心组学习.jpg": jpeg((200, 0, 0)),
        "Ⅲ-2 学习制度/④ 会议材料/02-同一张照片.jpg": jpeg((200, 0, 0)),
        "Ⅲ-2 学习制度/④ 会议材料/03-转了方向.jpg": corpus("photos/hopper_orientation_6.jpg"),
        "Ⅲ-2 学习制度/④ 会议材料/04-截断.jpg": corpus("photos/truncated_jpeg.jpg"),
        "Ⅲ-2 学习制度/① 规范文件/01-学习制度.pdf": corpus("pdfs/multilang.pdf"),
        "Ⅲ-2 学习制度/① 规范文件/02-加密.pdf": corpus("pdfs/libreoffice-writer-password.pdf"),
        "Ⅲ-2 学习制度/③ 说明报告/01-说明报告.docx": docx_bytes(),
        "Ⅲ-2 学习制度/③ 说明报告/02-旧格式.doc": corpus("docs/test-ole-file.doc"),
        "Ⅲ-2 学习制度/统计表.csv": "科室,人数\n人教科,5\n".encode("gb18030"),
        "Ⅲ-2 学习制度/录像.mp4": b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64,
        "Ⅲ-2 学习制度/备注.txt": "备注".encode(),
        "Ⅲ-2 学习制度/空文件.pdf": b"",
    })


def files_of(root: Path) -> list[tuple[Path, str]]:
    return sorted((p, p.relative_to(root).as_posix()) for p in root.rglob("*") if p.is_file())


FRESH = Counter({"photo": 4, "document": 3, "report": 2, "table": 1, "media": 1, "other": 1})


def test_a_cold_run_inspects_everything_and_a_warm_run_nothing(archive, tmp_path, monkeypatch):
    files = files_of(archive)
    cache = tmp_path / "cache"
    cold = inspect_files(files, cache, jobs=1)
    assert cold.decoded == FRESH and cold.from_cache == 0
    assert list(cold.results) == [key for _, key in files]
    assert cold.thumbs_dir == cache / "thumbs"

    def no_inspection(path, thumbs_dir):
        raise AssertionError(f"{path} inspected on a warm run")

    monkeypatch.setattr(inspection, "inspect_file", no_inspection)
    warm = inspect_files(files, cache, jobs=1)
    assert warm.decoded == Counter() and warm.from_cache == len(files)
    assert warm.results == cold.results


def test_results_name_their_thumbnails_in_the_cache(archive, tmp_path):
    result = inspect_files(files_of(archive), tmp_path / "cache", jobs=1)
    shown = result.results["Ⅲ-2 学习制度/④ 会议材料/03-转了方向.jpg"]
    assert (result.thumbs_dir / shown.thumbnail).is_file()
    same = [result.results[f"Ⅲ-2 学习制度/④ 会议材料/{n}"].thumbnail
            for n in ("2016年10月12日+会议室+中心组学习.jpg", "02-同一张照片.jpg")]
    assert same[0] == same[1], "the same content shares one thumbnail"
    pdf = result.results["Ⅲ-2 学习制度/① 规范文件/01-学习制度.pdf"]
    assert (result.thumbs_dir / pdf.preview).is_file()
    assert result.results["Ⅲ-2 学习制度/空文件.pdf"].problem.code == "empty"
    assert result.results["Ⅲ-2 学习制度/④ 会议材料/04-截断.jpg"].problem.code == "truncated"


def test_the_archive_is_never_written(archive, tmp_path):
    before = tree_hashes(archive)
    inspect_files(files_of(archive), tmp_path / "cache", jobs=2)
    assert tree_hashes(archive) == before


def test_a_touched_file_alone_is_inspected_again(archive, tmp_path):
    files = files_of(archive)
    cache = tmp_path / "cache"
    inspect_files(files, cache, jobs=1)
    touched = archive / "Ⅲ-2 学习制度/③ 说明报告/01-说明报告.docx"
    stat = touched.stat()
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    again = inspect_files(files, cache, jobs=1)
    assert again.decoded == Counter({"report": 1})
    assert again.from_cache == len(files) - 1


def test_a_replaced_file_of_another_size_is_inspected_again(archive, tmp_path):
    files = files_of(archive)
    cache = tmp_path / "cache"
    inspect_files(files, cache, jobs=1)
    replaced = archive / "Ⅲ-2 学习制度/统计表.csv"
    stat = replaced.stat()
    replaced.write_bytes("科室,人数\n人教科,5\n办公室,3\n".encode("gb18030"))
    os.utime(replaced, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = inspect_files(files, cache, jobs=1)
    assert again.decoded == Counter({"table": 1})
    assert again.results["Ⅲ-2 学习制度/统计表.csv"].rows == 3


@pytest.mark.parametrize(("rel", "attribute", "kind"), [
    ("Ⅲ-2 学习制度/④ 会议材料/03-转了方向.jpg", "thumbnail", "photo"),
    ("Ⅲ-2 学习制度/① 规范文件/01-学习制度.pdf", "preview", "document"),
])
def test_a_lost_thumbnail_is_made_again(rel, attribute, kind, archive, tmp_path):
    files = files_of(archive)
    cache = tmp_path / "cache"
    first = inspect_files(files, cache, jobs=1)
    image = first.thumbs_dir / getattr(first.results[rel], attribute)
    image.unlink()
    again = inspect_files(files, cache, jobs=1)
    assert again.decoded == Counter({kind: 1})
    assert image.is_file()


def cache_rows(cache: Path) -> list[tuple]:
    with sqlite3.connect(cache / "inspected.sqlite") as db:
        return db.execute("SELECT signature, path, kind, version, result FROM entries ORDER BY path").fetchall()


def test_broken_and_foreign_cache_entries_are_misses(archive, tmp_path):
    files = files_of(archive)
    cache = tmp_path / "cache"
    first = inspect_files(files, cache, jobs=1)
    rows = cache_rows(cache)
    assert len(rows) == len(files)
    broken = json.loads(rows[3][4])
    broken["type"] = "NoSuchResult"
    with sqlite3.connect(cache / "inspected.sqlite") as db:
        db.execute("UPDATE entries SET result = '{not json' WHERE signature = ?", (rows[0][0],))
        db.execute("UPDATE entries SET path = 'x' WHERE signature = ?", (rows[1][0],))
        db.execute("UPDATE entries SET version = -1 WHERE signature = ?", (rows[2][0],))
        db.execute("UPDATE entries SET result = ? WHERE signature = ?", (json.dumps(broken), rows[3][0]))
        db.execute("UPDATE entries SET result = x'fffe00' WHERE signature = ?", (rows[4][0],))
    again = inspect_files(files, cache, jobs=1)
    assert sum(again.decoded.values()) == 5 and again.from_cache == len(files) - 5
    assert again.results == first.results


def test_a_changed_file_replaces_its_entry(archive, tmp_path):
    files = files_of(archive)
    cache = tmp_path / "cache"
    inspect_files(files, cache, jobs=1)
    touched = archive / "Ⅲ-2 学习制度/③ 说明报告/01-说明报告.docx"
    for step in (1, 2):
        stat = touched.stat()
        os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + step * 1_000_000_000))
        inspect_files(files, cache, jobs=1)
    rows = cache_rows(cache)
    assert len(rows) == len(files), "one entry per file, however often it changes"
    assert sorted(kind for _, _, kind, _, _ in rows) == sorted(FRESH.elements())


def test_a_damaged_cache_database_is_replaced(archive, tmp_path):
    files = files_of(archive)
    cache = tmp_path / "cache"
    first = inspect_files(files, cache, jobs=1)
    (cache / "inspected.sqlite").write_bytes(b"not a database, " * 64)
    again = inspect_files(files, cache, jobs=1)
    assert again.decoded == FRESH and again.results == first.results
    assert inspect_files(files, cache, jobs=1).from_cache == len(files)


def test_a_cache_database_damaged_inside_is_replaced(archive, tmp_path, caplog):
    files = files_of(archive)
    cache = tmp_path / "cache"
    first = inspect_files(files, cache, jobs=1)
    database = cache / "inspected.sqlite"
    with sqlite3.connect(database) as db:
        page = db.execute("PRAGMA page_size").fetchone()[0]
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entries'").fetchone()[0]
    with database.open("r+b") as fh:  # the table's pages: opening still works, reading rows fails
        fh.seek((root - 1) * page)
        fh.write(b"\xff" * page)
    assert inspect_files(files, cache, jobs=1).results == first.results
    assert "已损坏，已重新建立" in caplog.text
    assert inspect_files(files, cache, jobs=1).results == first.results
    assert inspect_files(files, cache, jobs=1).from_cache == len(files)


def test_without_a_usable_cache_database_everything_is_inspected(archive, tmp_path):
    files = files_of(archive)
    cache = tmp_path / "cache"
    (cache / "inspected.sqlite").mkdir(parents=True)  # in the way: no database can be made there
    first = inspect_files(files, cache, jobs=1)
    again = inspect_files(files, cache, jobs=1)
    assert first.decoded == again.decoded == FRESH and again.results == first.results


def test_an_interrupted_run_keeps_the_entries_it_finished(archive, tmp_path, monkeypatch):
    monkeypatch.setattr(inspection._Cache, "BATCH_ROWS", 2)
    files = files_of(archive)
    cache = tmp_path / "cache"

    def stop_after_seven(done, total):
        if done == 7:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        inspect_files(files, cache, jobs=1, progress=stop_after_seven)
    again = inspect_files(files, cache, jobs=1)
    assert again.from_cache == 7 and sum(again.decoded.values()) == len(files) - 7


def test_no_temporary_files_are_left(archive, tmp_path):
    cache = tmp_path / "cache"
    inspect_files(files_of(archive), cache, jobs=2)
    assert not [p for p in cache.rglob("*") if p.name.endswith(".tmp")]


def test_two_jobs_and_one_give_the_same_results(archive, tmp_path):
    files = files_of(archive)
    one = inspect_files(files, tmp_path / "one", jobs=1)
    two = inspect_files(files, tmp_path / "two", jobs=2)
    assert two.results == one.results
    assert two.decoded == one.decoded == FRESH
    assert list(two.results) == list(one.results)
    assert sorted(p.name for p in (tmp_path / "one/thumbs").iterdir()) == \
        sorted(p.name for p in (tmp_path / "two/thumbs").iterdir())


def test_progress_reaches_the_total(archive, tmp_path):
    seen = []
    inspect_files(files_of(archive), tmp_path / "cache", jobs=2, progress=lambda done, total: seen.append((done, total)))
    total = len(files_of(archive))
    assert seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_vanished_file_is_reported_and_not_cached(archive, tmp_path):
    files = files_of(archive) + [(archive / "已删除.jpg", "已删除.jpg")]
    cache = tmp_path / "cache"
    first = inspect_files(files, cache, jobs=1)
    assert first.results["已删除.jpg"].problem.code == "unreadable"
    again = inspect_files(files, cache, jobs=1)
    assert again.decoded == Counter({"photo": 1})


def _crash_on_marked_files(path, thumbs_dir, limits, *, as_document=False):
    if "崩溃" in Path(path).name:
        os._exit(3)  # a native decoder crash kills the process without an exception
    return inspect_file(path, thumbs_dir, limits, as_document=as_document)


def test_a_file_that_kills_its_worker_is_reported_and_the_rest_goes_on(archive, tmp_path, monkeypatch):
    (archive / "崩溃.jpg").write_bytes(jpeg((0, 0, 200)))
    files = files_of(archive)
    # Fork so the child processes see the crashing inspector patched in.
    fork = multiprocessing.get_context("fork")
    monkeypatch.setattr(inspection, "_pool", lambda workers: ProcessPoolExecutor(workers, mp_context=fork))
    monkeypatch.setattr(inspection, "inspect_file", _crash_on_marked_files)
    result = inspect_files(files, tmp_path / "cache", jobs=2)
    crashed = result.results["崩溃.jpg"]
    assert crashed.problem.code == "unreadable" and "进程" in crashed.problem.reason
    assert all(r.problem is None or r.problem.code != "unreadable"
               for key, r in result.results.items() if key != "崩溃.jpg")
    assert len(result.results) == len(files)


def test_without_worker_processes_the_files_are_read_in_process(archive, tmp_path, monkeypatch):
    def no_pool(workers):
        raise OSError("no semaphores here")

    monkeypatch.setattr(inspection, "_pool", no_pool)
    files = files_of(archive)
    result = inspect_files(files, tmp_path / "cache", jobs=4)
    assert result.decoded == FRESH and len(result.results) == len(files)


def test_the_whole_corpus(tmp_path):
    files = [(p, p.relative_to(TESTDATA).as_posix()) for p in sorted(TESTDATA.rglob("*"))
             if p.is_file() and p.suffix != ".md"]
    started = time.perf_counter()
    no_ocr = InspectionLimits(ocr_pages=0)  # the budget is for structure; OCR: test_ocr.py, bench-ocr
    cold = inspect_files(files, tmp_path / "cache", limits=no_ocr)
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    warm = inspect_files(files, tmp_path / "cache", limits=no_ocr)
    warm_elapsed = time.perf_counter() - started
    print(f"\ncorpus: {len(files)} files, cold {elapsed:.2f} s ({os.cpu_count()} jobs), warm {warm_elapsed:.3f} s")
    assert sum(cold.decoded.values()) == len(files) and cold.from_cache == 0
    assert warm.from_cache == len(files) and warm.results == cold.results
