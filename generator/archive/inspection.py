"""Inspecting an archive's files: cached by file signature, run across processes.

The cache lives outside the archive. Each file's entry is keyed by its signature,
made from its absolute path, size, modification time (ns) and the inspector
version, all from `stat`: a warm build reads no file content at all. Entries are
rows of one SQLite database written in transactions, thumbnails are files written
atomically, so two builds running at once never see half of either. Files missing
from the cache are inspected in a process pool; workers take paths and return
results (frozen dataclasses), never file contents.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import multiprocessing
import os
import sqlite3
from collections import Counter, deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Collection, Iterable, Iterator, NamedTuple

from .inspectors import INSPECTOR_VERSION, KINDS, inspect_file, kind_of
from .inspectors.common import error_detail
from .inspectors.model import Inspected, Problem, from_dict, to_dict
from ..framework.params import InspectionLimits

log = logging.getLogger(__name__)

IN_FLIGHT_PER_WORKER = 2
"""Tasks queued per worker: keeps workers busy without a future per archive file."""
BATCH = 4
"""Files per task while many are left: a round trip to a worker costs the main process
about a millisecond, a tenth of a photo's decode, and on a machine whose every core
decodes that millisecond is taken from a worker. Near the end tasks carry one file, so
the workers finish together."""


@dataclass
class Inspection:
    """The inspected files of one build."""

    results: dict[str, Inspected]
    """Result per relative key, in the order the files were given."""
    thumbs_dir: Path
    """Folder holding the thumbnails and previews the results name."""
    decoded: Counter[str]
    """Files freshly inspected this run (photos decoded, PDFs parsed, ...), by kind."""
    from_cache: int
    """Files whose result came from the cache."""
    ocr_pages: int = 0
    """Pages of scans whose OCR text was taken this run, by the engine or from the store of
    readings by content (cached results take none: a warm build OCRs nothing)."""
    signatures: dict[str, str | None] = field(default_factory=dict)
    """Each file's signature as inspected (None: no stat): placing the originals checks
    that the file is still the one the pages describe."""


class _Item(NamedTuple):
    path: Path
    key: str
    signature: str | None
    """None when the file could not even be stat'ed: inspected, never cached."""
    as_document: bool = False
    """The file stands where a document is asked: an image there is read as a scan (OCR)."""


_Row = tuple[str, str, str, int, str]
"""An entry as written: signature, absolute path, kind, inspector version, result as JSON."""


class _Cache:
    """Results in one SQLite database, `<cache_dir>/inspected.sqlite`, a row per file
    signature (the file's latest only); thumbnails and previews as files in
    `<cache_dir>/thumbs/`, where the site links them from.

    One database rather than a file per result: creating a file is the dearest thing a
    filesystem does (half a millisecond each on the benchmark machine, more on Windows
    with a virus scanner), and a warm build reads one file instead of thousands. Rows
    are written in batches, each a transaction: two builds at once never see half an
    entry, and an interrupted build keeps what it finished. A database that can't be
    used costs re-inspection, never the build."""

    FILE = "inspected.sqlite"
    BATCH_ROWS = 64
    """Rows per transaction while files come in (a commit costs about a millisecond)."""

    def __init__(self, cache_dir: Path, limits: InspectionLimits | None = None):
        self.limits_key = (limits or InspectionLimits()).key()
        self.thumbs_dir = cache_dir / "thumbs"
        self.thumbs_dir.mkdir(parents=True, exist_ok=True)
        self.path = cache_dir / self.FILE
        self.db: sqlite3.Connection | None = None
        self._pending: list[_Row] = []
        self._open()

    def _open(self) -> None:
        """The database, made if new; a damaged one (or any file there that is not a
        database) is replaced; none when none can be used (no permission, a folder in the
        way, locked by another build for longer than the timeout)."""
        try:
            self.db = _connect(self.path)
        except sqlite3.OperationalError as exc:
            log.warning("无法使用检查结果缓存 %s，本次逐个检查文件：%s", self.path, exc)
        except sqlite3.DatabaseError as exc:
            self._replace_damaged(exc)

    def _replace_damaged(self, exc: sqlite3.DatabaseError) -> None:
        log.warning("检查结果缓存 %s 已损坏，已重新建立（受影响的文件重新检查）：%s", self.path, exc)
        if self.db is not None:
            self.db.close()
            self.db = None
        try:
            self.path.unlink(missing_ok=True)
            self.db = _connect(self.path)
        except (OSError, sqlite3.Error) as error:
            log.warning("无法使用检查结果缓存 %s，本次逐个检查文件：%s", self.path, error)

    def key(self, item: _Item) -> str | None:
        """The entry's key: the file's signature, the inspection limits (a file refused
        under one limit is read again under a larger one) and how it is read (an image moved
        where a document is asked is read again, as a scan)."""
        if item.signature is None:
            return None
        reading = "\0document" if item.as_document else ""
        return hashlib.sha1(f"{item.signature}\0{self.limits_key}{reading}".encode("utf-8")).hexdigest()

    def load(self, item: _Item) -> Inspected | None:
        """The cached result, or None for no entry, a broken or foreign one, or one whose
        thumbnail is gone (so the file is inspected again and the thumbnail remade)."""
        if item.signature is None or self.db is None:
            return None
        try:
            row = self.db.execute("SELECT path, version, result FROM entries WHERE signature = ?",
                                  (self.key(item),)).fetchone()
            if row is None or row[1] != INSPECTOR_VERSION or row[0] != _path_text(item.path):
                return None
            result = from_dict(json.loads(row[2]))
        except sqlite3.OperationalError as exc:
            log.debug("cache entry for %s unreadable: %r", item.path, exc)
            return None
        except sqlite3.DatabaseError as exc:  # damaged pages: every later lookup would fail too
            self._replace_damaged(exc)
            return None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            log.debug("cache entry for %s unusable: %r", item.path, exc)
            return None
        return result if self._images_present(result) else None

    def _images_present(self, result: Inspected) -> bool:
        """Whether the result's thumbnail and preview are there and whole: a damaged one
        (cut short by a full disk, a crash, a copy) is remade with its file's entry."""
        for name in (getattr(result, "thumbnail", None), getattr(result, "preview", None)):
            if not name or whole_jpeg(self.thumbs_dir / name):
                continue
            if (self.thumbs_dir / name).exists():
                log.warning("缓存中的缩略图已损坏，重新生成：%s", name)
                # The inspectors keep a thumbnail that is there (one per content): remove it.
                (self.thumbs_dir / name).unlink(missing_ok=True)
            return False
        return True

    def store(self, item: _Item, result: Inspected) -> None:
        """Queue the entry, written with the next batch. Unexpected failures ('unreadable')
        are not stored: they may be passing (a file locked by another program) and are
        retried on the next build."""
        if item.signature is None or self.db is None or (result.problem and result.problem.code == "unreadable"):
            return
        # ASCII JSON: a reason may quote a name whose bytes are not UTF-8 (kept as surrogate
        # escapes), which SQLite's UTF-8 text can't hold; json restores it as it was.
        text = json.dumps(to_dict(result), ensure_ascii=True)
        self._pending.append((self.key(item), _path_text(item.path), result.kind, INSPECTOR_VERSION, text))
        if len(self._pending) >= self.BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        """Write the queued entries in one transaction, each replacing its file's older one;
        a failed write (disk full, a lock held too long) only costs a re-inspection later."""
        rows, self._pending = self._pending, []
        if not rows or self.db is None:
            return
        try:
            self._write(rows)
        except sqlite3.OperationalError as exc:
            log.warning("无法写入检查结果缓存（%d 条，下次生成时重新检查）：%s", len(rows), exc)
        except sqlite3.DatabaseError as exc:
            self._replace_damaged(exc)
            try:
                if self.db is not None:
                    self._write(rows)
            except sqlite3.Error as error:
                log.warning("无法写入检查结果缓存（%d 条，下次生成时重新检查）：%s", len(rows), error)

    def _write(self, rows: list[_Row]) -> None:
        with self.db:
            self.db.executemany("DELETE FROM entries WHERE path = ? AND signature <> ?",
                                [(path, signature) for signature, path, *_ in rows])
            self.db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)", rows)

    def close(self) -> None:
        self.flush()
        if self.db is not None:
            self.db.close()
            self.db = None


def signature(path: Path) -> str | None:
    """sha1 of absolute path, size, st_mtime_ns and inspector version; None if no stat."""
    try:
        st = path.stat()
    except OSError:
        return None
    text = f"{os.path.abspath(path)}\0{st.st_size}\0{st.st_mtime_ns}\0{INSPECTOR_VERSION}"
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def whole_jpeg(path: Path) -> bool:
    """A JPEG that starts with its start marker and ends with its end marker: cheap (two
    reads of two bytes) and catches the usual damage, a file cut short."""
    try:
        with open(path, "rb") as image:
            head = image.read(2)
            image.seek(-2, os.SEEK_END)
            return head == b"\xff\xd8" and image.read(2) == b"\xff\xd9"
    except OSError:
        return False


def _path_text(path: Path) -> str:
    """A file's absolute path as text SQLite can hold: a name whose bytes are not UTF-8
    (a Windows zip unpacked here) keeps them as backslash escapes, one text per path."""
    return os.fsencode(os.path.abspath(path)).decode("utf-8", "backslashreplace")


SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    signature TEXT PRIMARY KEY,  -- signature(): path, size, mtime, inspector version
    path TEXT NOT NULL,          -- absolute path of the file
    kind TEXT NOT NULL,          -- 'photo', 'document', ...
    version INTEGER NOT NULL,    -- INSPECTOR_VERSION
    result TEXT NOT NULL         -- the result as JSON (model.to_dict)
);
CREATE INDEX IF NOT EXISTS entries_by_path ON entries (path);
"""


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30)
    try:
        db.executescript(SCHEMA)
    except BaseException:
        db.close()
        raise
    return db


def inspect_files(
    files: Iterable[tuple[Path, str]],
    cache_dir: Path,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    limits: InspectionLimits | None = None,
    documents: Collection[str] = (),
) -> Inspection:
    """Inspect `files` ((absolute path, relative key) pairs), from the cache where it
    knows them, the rest with `jobs` processes (default: one per CPU; 1: in process),
    each reading no more than `limits` allow. `documents`: keys of the files that stand
    where a document is asked (an image there is read as a scan)."""
    limits = limits or InspectionLimits()
    cache = _Cache(Path(cache_dir), limits)
    documents = frozenset(documents)
    items = [_Item(Path(path), key, signature(Path(path)), key in documents) for path, key in files]
    results: dict[str, Inspected] = {}
    decoded: Counter[str] = Counter()
    ocr_pages = 0
    misses = []
    try:
        # First the cache: hits cost a stat and a row read each.
        for item in items:
            cached = cache.load(item)
            if cached is None:
                misses.append(item)
            else:
                results[item.key] = cached
        from_cache = len(results)
        _tick(progress, from_cache, len(items))
        # Then the misses, stored in batches as they arrive so an interrupted build keeps its work.
        for item, result in _inspect(misses, cache.thumbs_dir, jobs or os.cpu_count() or 1, limits):
            result = _unless_changed(item, result)
            results[item.key] = result
            decoded[result.kind] += 1
            ocr_pages += getattr(result, "ocr_pages", 0)
            cache.store(item, result)
            _tick(progress, len(results), len(items))
    finally:
        cache.close()
    ordered = {item.key: results[item.key] for item in items}
    return Inspection(results=ordered, thumbs_dir=cache.thumbs_dir, decoded=decoded, from_cache=from_cache, ocr_pages=ocr_pages,
                      signatures={item.key: item.signature for item in items})


def _unless_changed(item: _Item, result: Inspected) -> Inspected:
    """The result, or 'unreadable' (never cached) when the file changed or went away while
    it was read: what was read may be half of the old file and half of the new."""
    if item.signature is None or signature(item.path) == item.signature:
        return result
    return dataclasses.replace(result, problem=Problem(
        "unreadable", "文件在检查过程中被修改或删除，本次未能完整读取；文件不再变动后重新生成即可"))


def _tick(progress: Callable[[int, int], None] | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _inspect(items: list[_Item], thumbs_dir: Path, jobs: int,
             limits: InspectionLimits) -> Iterator[tuple[_Item, Inspected]]:
    """Results as they come: in process for one job or one file, else in a pool."""
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            yield item, _inspect_item(item, thumbs_dir, limits)
        return
    yield from _inspect_in_pool(items, thumbs_dir, jobs, limits)


def _worker(paths: list[tuple[str, bool]], thumbs_dir: str, limits: InspectionLimits) -> list[Inspected]:
    """Run in a worker process: (path, as_document) pairs in, results out."""
    return [inspect_file(Path(path), Path(thumbs_dir), limits, as_document=as_document)
            for path, as_document in paths]


def _inspect_item(item: _Item, thumbs_dir: Path, limits: InspectionLimits) -> Inspected:
    return inspect_file(item.path, thumbs_dir, limits, as_document=item.as_document)


def _task(items: list[_Item]) -> list[tuple[str, bool]]:
    """What a worker is sent: paths and how to read them, never file contents."""
    return [(str(item.path), item.as_document) for item in items]


WORKER_PRELOAD = [f"{__package__}.inspectors.{kind}" for kind in ("photo", "document", "report", "table", "media")]
"""Modules the workers' fork server imports once, so no worker imports a decoder itself."""


def _pool_context() -> multiprocessing.context.BaseContext:
    # A forked child of a threaded parent (mkdocs serve) can deadlock on a lock some
    # thread held; forkserver forks from a clean single-threaded server instead.
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WORKER_PRELOAD)
    return context


def start_workers_server() -> None:
    """Start the server the workers are forked from ahead of the first file to inspect:
    it imports the decoders (a third of a second) while the build still reads its
    framework and scans the archive. Optional: a pool starts it anyway when needed."""
    if _pool_context().get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver  # POSIX only

    try:
        forkserver.ensure_running()
    except (OSError, ValueError) as exc:
        log.debug("fork server not started early: %r", exc)


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context())


def _inspect_in_pool(items: list[_Item], thumbs_dir: Path, jobs: int,
                     limits: InspectionLimits) -> Iterator[tuple[_Item, Inspected]]:
    """Results from a pool of `jobs` workers. A worker killed by a file (a crash inside a
    native decoder) breaks the whole pool: the files in flight then become suspects, the
    others go on in a new pool, and each suspect is retried alone to find the culprit.
    Where no pool can start at all (no process support), the files are read in process."""
    pending = deque(items)
    suspects: list[_Item] = []
    while pending:
        in_flight: dict[Future[list[Inspected]], list[_Item]] = {}
        try:
            with _pool(min(jobs, len(pending))) as pool:
                while pending or in_flight:
                    while pending and len(in_flight) < jobs * IN_FLIGHT_PER_WORKER:
                        many = len(pending) > jobs * IN_FLIGHT_PER_WORKER * BATCH
                        batch = list(islice(pending, BATCH if many else 1))
                        # Submit before taking the items off: a refused submit loses nothing.
                        future = pool.submit(_worker, _task(batch), str(thumbs_dir), limits)
                        for _ in batch:
                            pending.popleft()
                        in_flight[future] = batch
                    done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield from _collect(future, in_flight, suspects)
        except BrokenProcessPool:
            if not in_flight:
                log.warning("检查用的子进程未能启动，改在主进程中逐个检查文件（会慢一些）")
                break
            unfinished = [item for batch in in_flight.values() for item in batch]
            log.warning("一个检查子进程意外退出，其中的 %d 个文件逐个重新检查", len(unfinished))
            suspects.extend(unfinished)
        except (OSError, NotImplementedError) as exc:
            log.warning("无法启动检查子进程（%s），改在主进程中逐个检查文件（会慢一些）", exc)
            pending.extendleft(reversed([item for batch in in_flight.values() for item in batch]))
            break
    for item in pending:
        yield item, _inspect_item(item, thumbs_dir, limits)
    for item in suspects:
        yield item, _inspect_alone(item, thumbs_dir, limits)


def _collect(future: Future[list[Inspected]], in_flight: dict[Future[list[Inspected]], list[_Item]],
             suspects: list[_Item]) -> list[tuple[_Item, Inspected]]:
    """The results of a finished task; its items leave `in_flight` only once they have
    results, so a broken pool still counts them among the suspects. A task of several
    files that fails otherwise (a result that can't be sent back) sends them all to be
    retried one by one."""
    batch = in_flight[future]
    try:
        results = future.result()
    except BrokenProcessPool:
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. a result that can't be sent back
        if len(batch) > 1:
            suspects.extend(batch)
            results = []
        else:
            results = [_crashed(batch[0], f"检查进程返回结果失败{error_detail(exc)}")]
    del in_flight[future]
    return list(zip(batch, results))


def _inspect_alone(item: _Item, thumbs_dir: Path, limits: InspectionLimits) -> Inspected:
    """Inspect one file in a process of its own: if that process dies, the file did it."""
    try:
        with _pool(1) as pool:
            return pool.submit(_worker, _task([item]), str(thumbs_dir), limits).result()[0]
    except (OSError, NotImplementedError) as exc:
        log.warning("无法为 %s 启动检查子进程（%s），改在主进程中检查", item.path, exc)
        return _inspect_item(item, thumbs_dir, limits)
    except BrokenProcessPool:
        log.error("检查 %s 时子进程意外退出：该文件记为无法读取", item.path)
        return _crashed(item, "检查该文件时处理进程意外退出（文件可能触发了解码库的缺陷），无法读取")
    except Exception as exc:  # noqa: BLE001 - e.g. a result that can't be sent back
        return _crashed(item, f"检查进程返回结果失败{error_detail(exc)}")


def _crashed(item: _Item, reason: str) -> Inspected:
    kind = kind_of(item.path)
    result_class = KINDS[kind][0]
    try:
        size = item.path.stat().st_size
    except OSError:
        size = 0
    return result_class(kind=kind, size=size, sha256="", problem=Problem("unreadable", reason))
