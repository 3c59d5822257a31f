"""Putting the archive's files into the site without ever exposing the archive.

A hard link to an archive file is that file: anything that writes into the site's copy
(an editor, a careless web server, a sync tool) would change the archive. So the site's
originals are hard links to read-only copies kept in the cache,
`<cache>/originals/<archive id>/<file signature>`, made once per version of a file (the
signature is the inspection cache's: path, size, modification time) and removed when
that version is gone. Where the cache and the site are on different disks they are
copied, read-only too. Only a site that is handed over read-only at once (a snapshot's)
links to the archive itself.

The copying is the one slow part of a first build (about the time the photos take to
decode, for an archive of 2 GB): it starts as soon as the archive is scanned and runs in a
thread beside the inspection (`Prestock`), copying each file as it is then; stocking after
the inspection only checks each copy is of the version that was inspected.

A file that vanished or changed since it was inspected is not placed: the pages describe
the version that was read. It is reported (a warning, a finding) and the build goes on.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import shutil
import stat
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..archive.inspection import signature
from ..archive.scan import ArchiveFile

log = logging.getLogger(__name__)

ORIGINALS = "originals"
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
_FICLONE = 0x40049409
"""ioctl of Linux's copy-on-write clone (btrfs, XFS): a copy that costs no space or time."""


@dataclass(frozen=True)
class Original:
    file: ArchiveFile
    signature: str
    """The file's signature when it was inspected."""
    copy: Path
    """Where the site takes it from: the cache's read-only copy (or the archive file)."""


@dataclass
class Stock:
    """The originals ready for the site, and the files that could not be."""

    sources: dict[Path, Path] = field(default_factory=dict)
    """Each archive file (absolute path) -> the file the site links to."""
    vanished: list[ArchiveFile] = field(default_factory=list)
    changed: list[ArchiveFile] = field(default_factory=list)


class OriginalsStore:
    """The cache's read-only copies of one archive's files."""

    def __init__(self, cache_dir: Path, archive_dir: Path):
        key = hashlib.sha1(os.fsencode(os.path.abspath(archive_dir))).hexdigest()[:16]
        self.folder = cache_dir / ORIGINALS / key

    def plan(self, files: list[ArchiveFile], signatures: Mapping[str, str | None]) -> list[Original]:
        """Each file that was inspected (a file with no stat then has no version to place)."""
        return [Original(f, sig, self.copy_for(sig)) for f in files
                if (sig := signatures.get(f.rel_path)) is not None]

    @staticmethod
    def bytes_to_copy(plan: list[Original]) -> int:
        """What stocking will write: the files not in the store yet (for the disk-full line)."""
        return sum(_size(o.file.abs_path) for o in plan if not o.copy.exists())

    def stock(self, plan: list[Original]) -> Stock:
        """Copy into the store what it lacks, check every file is still the version that was
        inspected, and drop the store's copies of versions no longer in the archive. A full
        disk raises (OSError ENOSPC): the build can't be complete then."""
        stock = Stock()
        for original in plan:
            now = signature(original.file.abs_path)
            if now != original.signature:
                (stock.vanished if now is None else stock.changed).append(original.file)
                continue
            try:
                if not original.copy.is_file():
                    _copy_read_only(original.file.abs_path, original.copy)
            except FileNotFoundError:
                stock.vanished.append(original.file)
                continue
            except _ChangedWhileCopied:
                stock.changed.append(original.file)
                continue
            except OSError as error:
                if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                    raise
                log.warning("无法复制原件 %s，未放入站点：%s", original.file.rel_path, error.strerror or error)
                continue
            stock.sources[original.file.abs_path] = original.copy
        for file in stock.vanished:
            log.warning("生成期间文件已被删除，未放入站点：%s", file.rel_path)
        for file in stock.changed:
            log.warning("生成期间文件已被修改，未放入站点（下次生成时重新检查）：%s", file.rel_path)
        self._prune({o.copy for o in plan})
        return stock

    def prestock(self, files: Iterable[ArchiveFile]) -> Prestock:
        """Start copying the files into the store in a thread, each as it is now; `stock`
        later copies whatever this did not (a file edited meanwhile, an error)."""
        return Prestock(self, list(files))

    def copy_for(self, sig: str) -> Path:
        return self.folder / sig[:2] / sig

    def _prune(self, keep: set[Path]) -> None:
        """Remove copies of versions this build does not use (edited or removed files);
        the caller holds the cache's lock, so no other build is using them."""
        if not self.folder.is_dir():
            return
        for bucket in self.folder.iterdir():
            for copy in bucket.iterdir() if bucket.is_dir() else ():
                if copy not in keep:
                    copy.unlink(missing_ok=True)


class Prestock:
    """Copies made in a background thread while the build inspects the archive. Any failure
    only stops it: stocking afterwards copies what is missing and reports what it must."""

    def __init__(self, store: OriginalsStore, files: list[ArchiveFile]):
        self._store, self._files = store, files
        self._stop = threading.Event()
        self.copied = 0
        self._thread = threading.Thread(target=self._run, name="binder-originals", daemon=True)
        self._thread.start()

    def finish(self) -> None:
        """Wait for the copies in progress (called before stocking)."""
        self._thread.join()

    def cancel(self) -> None:
        """Stop after the file being copied (the build failed)."""
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        for file in self._files:
            if self._stop.is_set():
                return
            sig = signature(file.abs_path)
            if sig is None:
                continue
            copy = self._store.copy_for(sig)
            try:
                if not copy.is_file():
                    _copy_read_only(file.abs_path, copy)
                    self.copied += 1
            except (OSError, _ChangedWhileCopied):
                continue  # stocking tries again and says what went wrong
            except BaseException:  # never a traceback from the thread: stocking will copy
                return


def archive_sources(plan: list[Original]) -> Stock:
    """The archive's own files as the site's sources: only for a site that is made read-only
    as a whole at once (a snapshot's). Files gone or changed since inspection are left out."""
    stock = Stock()
    for original in plan:
        now = signature(original.file.abs_path)
        if now == original.signature:
            stock.sources[original.file.abs_path] = original.file.abs_path
        else:
            (stock.vanished if now is None else stock.changed).append(original.file)
    return stock


class _ChangedWhileCopied(Exception):
    pass


def _copy_read_only(source: Path, target: Path) -> None:
    """Copy through a temporary name, checking the file did not change meanwhile, then make
    it read-only and give it its name: the store never holds a half or mixed copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    before = signature(source)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        _clone_or_copy(source, tmp)
        if signature(source) != before:
            raise _ChangedWhileCopied
        st = source.stat()
        os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))  # a download keeps the file's date
        os.chmod(tmp, READ_ONLY)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _clone_or_copy(source: Path, target: Path) -> None:
    try:
        import fcntl

        with open(source, "rb") as src, open(target, "wb") as dst:
            fcntl.ioctl(dst.fileno(), _FICLONE, src.fileno())
        return
    except (ImportError, OSError):
        pass  # no copy-on-write here (ext4, tmpfs, another disk, Windows): an ordinary copy
    shutil.copyfile(source, target)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def place(source: Path, dest: Path, link: bool, *, read_only: bool = False) -> bool | None:
    """Put one file into the site: a hard link where allowed, else a copy (read-only when
    `read_only`). True if linked, False if copied, None if the source is gone."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists() or dest.is_symlink():
        if _same_file(source, dest):
            return True
        dest.unlink()
    try:
        if link:
            try:
                os.link(source, dest)
                return True
            except FileNotFoundError:
                raise
            except OSError as error:
                if error.errno in (errno.ENOSPC, errno.EDQUOT):
                    raise
                # another filesystem, or links not allowed: copy instead
        shutil.copyfile(source, dest)
    except FileNotFoundError:
        if not source.exists():
            log.warning("文件已不存在，未放入站点：%s", source.name)
            return None
        raise
    if read_only:
        os.chmod(dest, READ_ONLY)
    return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
