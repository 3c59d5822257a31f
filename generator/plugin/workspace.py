"""The folders a build writes to: checked before, locked during, swapped in only when complete.

A build never writes into the live site: MkDocs writes into a staging folder beside it
(same disk, so the swap is two renames), the originals and thumbnails are placed there,
and only a complete site replaces the previous one. A build that fails, runs out of disk
or is killed leaves the previous site as it was; its staging folder is removed then, or
by the next build. Two builds on the same cache or site take turns through file locks.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout
from mkdocs.exceptions import Abort

log = logging.getLogger(__name__)

STAGING_MARK = ".binder-staging-"
OLD_MARK = ".binder-old-"
CACHE_LOCK = ".binder.lock"
DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
DISK_FULL_TEXTS = ("IO_ENOSPC", "IO_EFBIG", "IO_EDQUOT", "database or disk is full")
"""What libraries that don't raise OSError (lxml, SQLite) say when the disk is full."""


class WorkspaceError(Abort):
    """A build that can't or mustn't go on: one Chinese line for the user and an exit code
    (an Abort, so plain `mkdocs build` prints the line and exits with the code, no traceback)."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.message = message
        self.code = self.exit_code = code


class BadFolder(WorkspaceError):
    def __init__(self, message: str):
        super().__init__(message, 2)


class BuildRunning(WorkspaceError):
    def __init__(self, folder: Path):
        super().__init__(f"另一个生成正在使用 {folder}，请等它结束后再试，或用 binder build --wait 排队等待", 1)


class DiskFull(WorkspaceError):
    def __init__(self, message: str):
        super().__init__(message, 1)


# --- checks ---------------------------------------------------------------------


def folder_problem(folder: Path, what: str) -> str | None:
    """Why `folder` can't be written to, in one Chinese line; None when it can (or can be made)."""
    existing = folder
    while not existing.exists() and not existing.is_symlink() and existing != existing.parent:
        existing = existing.parent
    if existing != folder and not existing.is_dir():
        return f"{what}无法建立：{existing} 是文件，不是文件夹"
    if existing == folder and not folder.is_dir():
        return f"{what}是文件，不是文件夹：{folder}"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"没有写入{what}的权限：{existing}"
    return None


def check_folders(cache_dir: Path, site_dir: Path | None) -> None:
    """Raise BadFolder when the cache or the site (whose parent holds the staging folder)
    can't be written to."""
    problem = folder_problem(cache_dir, "缓存文件夹")
    if problem is None and site_dir is not None:
        problem = folder_problem(site_dir, "站点文件夹")
        if problem is None:
            problem = folder_problem(site_dir.parent, "站点所在的文件夹")
    if problem is not None:
        raise BadFolder(problem)


# --- locks ----------------------------------------------------------------------


def site_lock_path(site_dir: Path) -> Path:
    """Beside the site, not inside it: the site folder itself is swapped."""
    return site_dir.parent / f".{site_dir.name}{CACHE_LOCK}"


@dataclass
class Locks:
    """The locks of one build, taken in a fixed order (cache, then site) so two builds
    never hold one each and wait for the other."""

    held: list[FileLock] = field(default_factory=list)

    def take(self, path: Path, folder: Path, timeout: float) -> None:
        """timeout: 0 fails at once, a negative one waits as long as it takes."""
        lock = FileLock(str(path))
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise BuildRunning(folder) from None
        self.held.append(lock)

    def release(self) -> None:
        while self.held:
            self.held.pop().release()


def lock_build(cache_dir: Path, site_dir: Path | None, timeout: float) -> Locks:
    cache_dir.mkdir(parents=True, exist_ok=True)
    locks = Locks()
    try:
        locks.take(cache_dir / CACHE_LOCK, cache_dir, timeout)
        if site_dir is not None:
            site_dir.parent.mkdir(parents=True, exist_ok=True)
            locks.take(site_lock_path(site_dir), site_dir, timeout)
    except BaseException:
        locks.release()
        raise
    return locks


# --- staging and the swap -------------------------------------------------------


def staging_folder(site_dir: Path) -> Path:
    """A fresh staging folder beside the site; leftovers of killed builds are removed
    first (the caller holds the site's lock, so no other build is using them)."""
    for leftover in site_dir.parent.glob(f".{site_dir.name}{STAGING_MARK}*"):
        remove(leftover)
    for leftover in site_dir.parent.glob(f".{site_dir.name}{OLD_MARK}*"):
        remove(leftover)
    staging = site_dir.parent / f".{site_dir.name}{STAGING_MARK}{os.getpid()}"
    staging.mkdir()
    return staging


def swap_in(staging: Path, site_dir: Path) -> None:
    """Make the complete staging folder the site: the old site is renamed away, the new one
    renamed in, then the old one removed. Between the renames (microseconds) there is no
    site; at no moment is there a half site."""
    old = site_dir.parent / f".{site_dir.name}{OLD_MARK}{os.getpid()}"
    had_site = site_dir.exists() or site_dir.is_symlink()
    if had_site:
        os.rename(site_dir, old)
    try:
        os.rename(staging, site_dir)
    except BaseException:
        if had_site:
            os.rename(old, site_dir)
        raise
    if had_site:
        remove(old)


def remove(folder: Path) -> None:
    """Remove a folder the build made, read-only files included."""
    def retry_writable(function, path, _):
        try:
            os.chmod(path, 0o700 if os.path.isdir(path) else 0o600)
            function(path)
        except OSError:
            pass
    if folder.is_symlink() or folder.is_file():
        folder.unlink(missing_ok=True)
    elif folder.exists():
        shutil.rmtree(folder, onerror=retry_writable)


# --- disk full ------------------------------------------------------------------


def disk_full_cause(error: BaseException | None) -> BaseException | None:
    """The exception in `error`'s chain that says the disk (or a size limit) is full."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in DISK_FULL_ERRNOS:
            return error
        if any(text in str(error) for text in DISK_FULL_TEXTS):
            return error
        error = error.__cause__ or error.__context__
    return None


def disk_full_message(cause: BaseException, needed: int, folder: Path) -> str:
    """One Chinese line: what is full, about how much the build needed, what was kept."""
    existing = folder
    while not existing.exists() and existing != existing.parent:  # a first build has no site yet
        existing = existing.parent
    try:
        free = f"只剩 {_size(shutil.disk_usage(existing).free)}"
    except OSError:
        free = "空间不足"
    code = getattr(cause, "errno", None)
    text = str(cause)
    if code == errno.EFBIG or "EFBIG" in text:
        what = "文件超过了系统允许的大小（文件大小限制）"
    elif code == errno.EDQUOT or "EDQUOT" in text:
        what = "磁盘配额已用完"
    else:
        what = "磁盘已满"
    return (f"{what}：生成站点约需 {_size(needed)}，{folder} 所在磁盘{free}；"
            f"未完成的站点已删除，原来的站点保持不变")


def _size(count: int) -> str:
    if count >= 1024 ** 3:
        return f"{count / 1024 ** 3:.1f} GB"
    if count >= 1024 ** 2:
        return f"{count / 1024 ** 2:.1f} MB"
    return f"{max(count, 1024) // 1024} KB"


def tree_bytes(folder: Path, *, unlinked_only: bool = False) -> int:
    """Bytes under `folder`; with unlinked_only, only files not hard-linked elsewhere
    (a site's pages and assets, not its originals and thumbnails)."""
    total = 0
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            try:
                st = os.lstat(os.path.join(dirpath, name))
            except OSError:
                continue
            if not unlinked_only or st.st_nlink == 1:
                total += st.st_size
    return total
