"""Writing the package: each file streamed from the archive into a folder or a zip, hashed on
the way, then the manifest.

The archive is only ever opened for reading (never through a link: O_NOFOLLOW, plain files
only). Nothing is held whole in memory: files go through in chunks. The package is written
beside its destination under a temporary name and takes its name only when complete, so a
failed run leaves no half package.

Zip entry names: `utf8` (the default) stores them as UTF-8 with the zip's UTF-8 flag (0x800),
which 7-Zip, WinRAR, Bandizip and the Windows 10+ Explorer read; `gbk` stores them in GBK
without the flag, for the older tools that read every name in the system code page, and adds
the Info-ZIP Unicode Path field (0x7075) with the UTF-8 name for the tools that know it. Every
name encodes in GBK either way (names.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import struct
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .manifest import Row, manifest_files
from .plan import Entry, LeftOut, Plan

CHUNK = 1024 * 1024
ZIP_NAMES = ("utf8", "gbk")
_STORED = {".jpg", ".jpeg", ".png", ".gif", ".pdf", ".docx", ".xlsx", ".pptx", ".zip", ".mp4", ".mp3",
           ".ofd", ".heic", ".webp", ".rar", ".7z"}
"""Formats already compressed: stored as they are (deflating them again costs time, saves nothing)."""
_UNICODE_PATH_FIELD = 0x7075


class PackageError(Exception):
    """The package could not be written; the message is for the user (Chinese)."""


@dataclass
class Written:
    path: Path
    rows: list[Row] = field(default_factory=list)
    """One per file packed, in the package's order."""
    failed: list[LeftOut] = field(default_factory=list)
    """Files that could not be opened when packing (gone, no permission, no longer a plain file)."""

    @property
    def bytes(self) -> int:
        return sum(r.size for r in self.rows)


def write_package(plan: Plan, output: Path, *, zip_names: str = "utf8",
                  progress: Callable[[int, int], None] | None = None) -> Written:
    """Write `plan` to `output`: a zip when its name ends in .zip, else a folder (new or empty)."""
    if zip_names not in ZIP_NAMES:
        raise ValueError(zip_names)
    output = Path(output)
    as_zip = output.suffix.lower() == ".zip"
    try:
        if as_zip and output.is_dir():
            raise PackageError(f"{output} 是文件夹，不能写成 zip 文件")
        if not as_zip and output.exists() and (not output.is_dir() or any(output.iterdir())):
            raise PackageError(f"{output} 已存在且不是空文件夹：请换一个文件夹，或先删除它")
        output.parent.mkdir(parents=True, exist_ok=True)
        if as_zip:
            return _write_zip(plan, output, zip_names, progress)
        return _write_folder(plan, output, progress)
    except OSError as error:
        raise PackageError(f"资料包未能写出：{output}（{error.strerror or error}）") from error


def _write_folder(plan: Plan, output: Path, progress) -> Written:
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".partial", dir=output.parent))
    os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's 0700 would keep the package from the office's colleagues
    try:
        written = Written(output)
        for done, entry in enumerate(plan.entries, 1):
            target = staging / entry.path
            target.parent.mkdir(parents=True, exist_ok=True)
            _copy_one(entry, written, lambda info: open(target, "wb"), lambda info: os.utime(
                target, ns=(info.st_atime_ns, info.st_mtime_ns)))
            _tick(progress, done, len(plan.entries))
        for name, data in manifest_files(written.rows, plan, written.failed).items():
            (staging / name).write_bytes(data)
        if output.exists():
            output.rmdir()
        staging.rename(output)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_zip(plan: Plan, output: Path, zip_names: str, progress) -> Written:
    handle, partial = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".partial", dir=output.parent)
    os.close(handle)
    os.chmod(partial, 0o666 & ~_umask())  # as a file the user makes, not mkstemp's 0600
    try:
        written = Written(output)
        with zipfile.ZipFile(partial, "w", allowZip64=True) as package:
            for done, entry in enumerate(plan.entries, 1):
                def entry_stream(info, entry=entry):
                    zinfo = _zip_info(entry.path, zip_names, info)
                    return package.open(zinfo, "w", force_zip64=info.st_size > zipfile.ZIP64_LIMIT // 2)
                _copy_one(entry, written, entry_stream, None)
                _tick(progress, done, len(plan.entries))
            for name, data in manifest_files(written.rows, plan, written.failed).items():
                package.writestr(_zip_info(name, zip_names, None, compress=True), data)
        os.replace(partial, output)
        return written
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def _copy_one(entry: Entry, written: Written, open_target, after) -> None:
    """Stream one archive file into the package and record its row; a file that can't be
    opened is listed as failed, a read that breaks off midway fails the package."""
    source = entry.view.file
    try:
        fd = os.open(source.abs_path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        written.failed.append(LeftOut(entry.view, f"打包时无法打开（{error.strerror or error}）", entry.material))
        return
    with os.fdopen(fd, "rb") as reader:
        info = os.fstat(reader.fileno())
        if not stat.S_ISREG(info.st_mode):
            written.failed.append(LeftOut(entry.view, "打包时已不是普通文件", entry.material))
            return
        digest, size = hashlib.sha256(), 0
        try:
            with open_target(info) as target:
                while chunk := reader.read(CHUNK):
                    digest.update(chunk)
                    target.write(chunk)
                    size += len(chunk)
        except OSError as error:
            raise PackageError(f"复制 {source.rel_path} 时出错（{error.strerror or error}），未生成资料包") from error
    if after is not None:
        after(info)
    sha256 = digest.hexdigest()
    inspected = entry.view.inspected
    changed = bool(inspected and inspected.sha256 and inspected.sha256 != sha256)
    written.rows.append(Row(entry.path, source.rel_path, entry.material, size, sha256, entry, changed))


def _zip_info(name: str, zip_names: str, info: os.stat_result | None, compress: bool = False) -> zipfile.ZipInfo:
    made = time.localtime(info.st_mtime if info else time.time())
    date_time = max((1980, 1, 1, 0, 0, 0), tuple(made[:6]))
    zinfo = (_GbkZipInfo if zip_names == "gbk" else zipfile.ZipInfo)(name, date_time=date_time)
    stored = not compress and os.path.splitext(name)[1].lower() in _STORED
    zinfo.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    zinfo.external_attr = 0o644 << 16
    if zip_names == "gbk":
        raw, utf8 = name.encode("gbk"), name.encode("utf-8")
        if raw != utf8:
            zinfo.extra = struct.pack("<HHBI", _UNICODE_PATH_FIELD, 5 + len(utf8), 1, zlib.crc32(raw)) + utf8
    return zinfo


class _GbkZipInfo(zipfile.ZipInfo):
    """A zip entry whose name is stored in GBK, without the UTF-8 flag."""

    __slots__ = ()

    def _encodeFilenameFlags(self):  # zipfile's hook for the stored name (CPython 3.8-3.13)
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _tick(progress, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
