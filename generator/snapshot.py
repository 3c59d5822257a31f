"""Yearly snapshots: the archive, its framework, the findings and the built site frozen
together as one BagIt bag (RFC 8493, SHA-256 manifests); their fixity; and what changed
in the findings since the newest one.

A snapshot is the folder `<snapshots dir>/<year>/` (one per year and snapshots folder):

    snapshots/2026/
      bagit.txt                BagIt-Version: 1.0
      bag-info.txt             unit, framework, year, counts, tool version, Bagging-Date, Payload-Oxum
      manifest-sha256.txt      the SHA-256 of every payload file
      tagmanifest-sha256.txt   the SHA-256 of the tag files above
      data/
        说明.txt                how to open and verify the snapshot
        archive/…              the archive as it was, every file (hidden ones too), copied
        criteria.yml           a copy of the framework file (when the archive has one)
        findings.json          the findings (`binder check --format json`) at the time
        site/…                 the built site, self-contained: open site/index.html

It is built in a hidden folder next to its destination and renamed into place at the
end, so an interrupted snapshot never leaves a half bag under the final name; an
existing snapshot is never overwritten; its files are made read-only.

Nothing here knows MkDocs: the caller builds the site and hands over its folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import bagit

from . import __version__, export
from .binder import Binder
from .codes import circled
from .framework import FRAMEWORK_FILE

log = logging.getLogger(__name__)

CHECKSUMS = ["sha256"]
BAGIT_VERSION = "1.0"
"""RFC 8493's version; bagit.py itself still writes the draft's 0.97."""
PAYLOAD_ARCHIVE = "archive"
PAYLOAD_SITE = "site"
PAYLOAD_FRAMEWORK = FRAMEWORK_FILE
PAYLOAD_FINDINGS = "findings.json"
PAYLOAD_README = "说明.txt"
STAGING_MARK = ".partial-"
"""Hidden staging folders are named '.<name>.partial-<random>'."""

# bag-info.txt: the standard tags where one fits, the binder's own ones prefixed 'Binder-'.
TAG_UNIT = "Source-Organization"
TAG_TITLE = "External-Description"
TAG_YEAR = "Binder-Year"
TAG_INDICATORS = "Binder-Indicators"
TAG_FILES = "Binder-Files"
TAG_FINDINGS = "Binder-Findings"
TAG_ERRORS = "Binder-Errors"
TAG_WARNINGS = "Binder-Warnings"
TAG_VERSION = "Binder-Version"
TAG_DATE = "Bagging-Date"

Progress = Callable[[int, int], None]
"""Called with (done, total) as files are copied or checked."""


class SnapshotError(Exception):
    """A snapshot could not be made or read; the message is for the user (Chinese)."""


class SnapshotExists(SnapshotError):
    def __init__(self, path: Path):
        super().__init__(f"存档已存在：{path}。存档一经生成不再覆盖或改动；"
                         f"如需另存一份，请用 --out 指定其他文件夹")
        self.path = path


class NotASnapshot(SnapshotError):
    def __init__(self, path: Path, reason: str):
        super().__init__(f"不是存档：{path}（{reason}）")
        self.path = path


# --- snapshots as they are on disk -------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """One snapshot folder, as its bag-info.txt describes it."""

    path: Path
    year: int | None
    """The year it freezes (bag-info's Binder-Year, else a folder name that is a year)."""
    date: str
    """Bagging-Date, 'YYYY-MM-DD' ('' when absent)."""
    unit: str
    title: str
    """The framework's title."""
    indicators: int | None
    files: int | None
    """Files of the archive (not of the whole bag)."""
    findings: int | None
    version: str
    """The binder version that made it."""
    payload_files: int | None = None
    payload_bytes: int | None = None
    """Files and bytes of the whole payload (Payload-Oxum)."""

    @property
    def label(self) -> str:
        """'2026 年，存档日期 2026-12-31'."""
        year = f"{self.year} 年" if self.year else "年份不明"
        return f"{year}，存档日期 {self.date}" if self.date else year

    @property
    def findings_path(self) -> Path:
        return self.path / "data" / PAYLOAD_FINDINGS

    @property
    def site_index(self) -> Path:
        return self.path / "data" / PAYLOAD_SITE / "index.html"

    def stored_bytes(self) -> int:
        """Bytes its files take, each hard-linked file once (the site's originals are
        links to the bag's copy of the archive)."""
        sizes: dict[tuple[int, int], int] = {}
        for dirpath, _, filenames in os.walk(self.path):
            for name in filenames:
                try:
                    st = os.lstat(os.path.join(dirpath, name))
                except OSError:
                    continue
                sizes[st.st_dev, st.st_ino] = st.st_size
        return sum(sizes.values())

    def load_findings(self) -> dict:
        """The findings json of the snapshot. Raises SnapshotError when it can't be read."""
        try:
            data = json.loads(self.findings_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SnapshotError(f"存档中没有问题清单 data/{PAYLOAD_FINDINGS}") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise SnapshotError(f"存档中的问题清单 data/{PAYLOAD_FINDINGS} 无法读取：{error}") from None
        if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
            raise SnapshotError(f"存档中的问题清单 data/{PAYLOAD_FINDINGS} 格式不对")
        return data


def snapshot_name(year: int) -> str:
    """The folder name of a year's snapshot."""
    return str(year)


def open_snapshot(path: Path) -> Snapshot:
    """The snapshot at `path`. Raises NotASnapshot when it is no bag."""
    bag = _open_bag(path)
    return _snapshot_of(Path(bag.path), bag.info)


def list_snapshots(snapshots_dir: Path) -> list[Snapshot]:
    """The snapshots in a folder, oldest first (by year, then date); other folders are left out."""
    found = []
    for entry in _subfolders(snapshots_dir):
        try:
            found.append(open_snapshot(entry))
        except SnapshotError:
            continue
    return sorted(found, key=lambda s: (s.year or 0, s.date, s.path.name))


def latest_snapshot(snapshots_dir: Path) -> Snapshot | None:
    """The newest snapshot in a folder (by year, then date), or None."""
    snapshots = list_snapshots(snapshots_dir)
    return snapshots[-1] if snapshots else None


def unfinished(snapshots_dir: Path) -> list[Path]:
    """Staging folders an interrupted snapshot left behind (safe to delete)."""
    if not snapshots_dir.is_dir():
        return []
    return sorted(p for p in snapshots_dir.iterdir()
                  if p.is_dir() and p.name.startswith(".") and STAGING_MARK in p.name)


def _subfolders(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def _open_bag(path: Path) -> bagit.Bag:
    if not path.is_dir():
        raise NotASnapshot(path, "文件夹不存在" if not path.exists() else "不是文件夹")
    if not (path / "bagit.txt").is_file():
        raise NotASnapshot(path, "没有 bagit.txt，不是 BagIt 存档包")
    try:
        return bagit.Bag(str(path))
    except (bagit.BagError, OSError, UnicodeDecodeError) as error:
        raise NotASnapshot(path, f"BagIt 存档包无法读取：{error}") from None


def _snapshot_of(path: Path, info: dict) -> Snapshot:
    def tag(name: str) -> str:
        value = info.get(name, "")
        return (value[0] if isinstance(value, list) else value).strip()

    def number(name: str) -> int | None:
        value = tag(name)
        return int(value) if value.isdigit() else None

    year = number(TAG_YEAR)
    if year is None and re.fullmatch(r"\d{4}", path.name):
        year = int(path.name)
    oxum = re.fullmatch(r"(\d+)\.(\d+)", tag("Payload-Oxum"))
    return Snapshot(
        path=path, year=year, date=tag(TAG_DATE), unit=tag(TAG_UNIT), title=tag(TAG_TITLE),
        indicators=number(TAG_INDICATORS), files=number(TAG_FILES), findings=number(TAG_FINDINGS),
        version=tag(TAG_VERSION),
        payload_files=int(oxum.group(2)) if oxum else None, payload_bytes=int(oxum.group(1)) if oxum else None,
    )


# --- making one --------------------------------------------------------------


def make_snapshot(binder: Binder, site_dir: Path, snapshots_dir: Path, year: int, *,
                  unit: str | None = None, today: date | None = None, processes: int = 1,
                  progress: Progress | None = None) -> Snapshot:
    """Freeze `binder`'s archive with its framework, findings and the built site at `site_dir`
    into `snapshots_dir/<year>/`. The archive and the site are copied: never moved, never
    linked to a file outside the bag.

    Raises SnapshotExists when that snapshot exists (it is left as it is), SnapshotError
    when a file can't be copied; nothing is left under the final name then.
    """
    archive_dir = binder.archive_dir.resolve()
    snapshots_dir = snapshots_dir.resolve()
    final = destination(archive_dir, snapshots_dir, year)
    if not (site_dir / "index.html").is_file():
        raise SnapshotError(f"站点尚未生成：{site_dir} 中没有 index.html")
    snapshots_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}{STAGING_MARK}", dir=snapshots_dir))
    try:
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's 0700 would become the bag's
        copies = _plan(archive_dir, PAYLOAD_ARCHIVE) + _plan(site_dir.resolve(), PAYLOAD_SITE)
        framework_file = archive_dir / FRAMEWORK_FILE
        if framework_file.is_file():
            copies.append((framework_file, PAYLOAD_FRAMEWORK))
        _copy_all(copies, staging, progress)
        (staging / PAYLOAD_FINDINGS).write_text(export.to_json(binder), encoding="utf-8")
        (staging / PAYLOAD_README).write_text(_readme(binder, year, unit), encoding="utf-8")
        info = _bag_info(binder, year, unit, today or date.today())
        bagit.make_bag(str(staging), info, processes=processes, checksums=CHECKSUMS)
        _mark_rfc_version(staging)
        _make_read_only(staging)
        if final.exists() or final.is_symlink():
            raise SnapshotExists(final)
        os.rename(staging, final)
    except BaseException:
        _remove(staging)
        raise
    log.info("snapshot: %s made", final)
    return open_snapshot(final)


def destination(archive_dir: Path, snapshots_dir: Path, year: int) -> Path:
    """Where the year's snapshot goes. Raises SnapshotExists when it is there already,
    SnapshotError when the snapshots folder is inside the archive."""
    archive_dir, snapshots_dir = archive_dir.resolve(), snapshots_dir.resolve()
    if snapshots_dir == archive_dir or archive_dir in snapshots_dir.parents:
        raise SnapshotError(f"存档文件夹不能放在档案里：{snapshots_dir}")
    final = snapshots_dir / snapshot_name(year)
    if final.exists() or final.is_symlink():
        raise SnapshotExists(final)
    return final


def _plan(root: Path, prefix: str) -> list[tuple[Path, str]]:
    """Every regular file under root, with its payload path; links to folders are not followed."""
    plan = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        here = Path(dirpath)
        rel = here.relative_to(root).as_posix()
        base = prefix if rel == "." else f"{prefix}/{rel}"
        for name in dirnames:
            if (here / name).is_symlink():
                log.warning("snapshot: %s is a link to a folder: not followed", here / name)
        for name in sorted(filenames):
            path = here / name
            try:
                regular = stat.S_ISREG(path.stat().st_mode)
            except OSError:
                regular = False
            if not regular:
                log.warning("snapshot: %s is no regular file (a broken link, a device…): left out", path)
                continue
            plan.append((path, f"{base}/{name}"))
        if not filenames and not dirnames:
            plan.append((here, base + "/"))  # an empty folder stays an empty folder
    return plan


def _copy_all(copies: list[tuple[Path, str]], staging: Path, progress: Progress | None) -> None:
    """Copy every planned file into the bag. A file that is one and the same as a file
    copied before (the site's originals are hard links to the archive) becomes a hard link
    to that copy, inside the bag: the bag then weighs about what the archive weighs, not
    twice it. Both names are in the manifest; both are read-only."""
    files = [c for c in copies if not c[1].endswith("/")]
    copied: dict[tuple[int, int], Path] = {}
    done = 0
    for source, rel in copies:
        dest = staging / rel
        if rel.endswith("/"):
            dest.mkdir(parents=True, exist_ok=True)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            identity = _identity_of(source)
            if not (identity in copied and _link(copied[identity], dest)):
                # A copy, never a link out of the bag: the site's originals are hard links
                # to the archive, and a snapshot must outlive later edits of the archive.
                shutil.copyfile(source, dest)
                shutil.copystat(source, dest)
                copied.setdefault(identity, dest)
        except OSError as error:
            raise SnapshotError(f"无法复制 {source}：{error.strerror or error}") from error
        done += 1
        if progress:
            progress(done, len(files))


def _identity_of(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_dev, st.st_ino


def _link(existing: Path, dest: Path) -> bool:
    """Hard-link `dest` to a file already in the bag; False where links are not allowed."""
    try:
        os.link(existing, dest)
    except OSError:
        return False
    return True


def _bag_info(binder: Binder, year: int, unit: str | None, today: date) -> dict[str, str]:
    framework = binder.framework
    errors = sum(f.severity.value == "error" for f in binder.findings)
    info = {
        TAG_UNIT: unit or framework.unit or "",
        TAG_TITLE: framework.title or "",
        TAG_YEAR: str(year),
        TAG_INDICATORS: str(len(framework.indicators)),
        TAG_FILES: str(len(binder.scan.files)),
        TAG_FINDINGS: str(len(binder.findings)),
        TAG_ERRORS: str(errors),
        TAG_WARNINGS: str(len(binder.findings) - errors),
        TAG_VERSION: __version__,
        TAG_DATE: today.isoformat(),
        "Bag-Software-Agent": f"archive-binder {__version__} (bagit.py {bagit.VERSION})",
    }
    return {k: v for k, v in info.items() if v}


def _readme(binder: Binder, year: int, unit: str | None) -> str:
    who = unit or binder.framework.unit or ""
    return (
        f"{who} {year} 年创建档案存档\n"
        f"测评体系：{binder.framework.title}\n\n"
        "本存档是一个 BagIt 存档包（RFC 8493）：\n"
        "  site/index.html   用浏览器打开即可离线浏览当时的电子档案\n"
        "  archive/          当时的档案原件，一个字节都未改动\n"
        "  criteria.yml      当时的测评体系文件\n"
        "  findings.json     当时的检查结果（问题清单）\n\n"
        "上一级文件夹中的 manifest-sha256.txt 记录了每个文件的 SHA-256 校验值。\n"
        "校验存档是否完好：binder verify 存档文件夹（或任何支持 BagIt 的工具）。\n"
    )


def _mark_rfc_version(bag_dir: Path) -> None:
    """Write RFC 8493's BagIt-Version and renew the tag manifest over it."""
    (bag_dir / "bagit.txt").write_text(
        f"BagIt-Version: {BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8")
    bagit.Bag(str(bag_dir)).save()


def _make_read_only(root: Path) -> None:
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            path = os.path.join(dirpath, name)
            os.chmod(path, stat.S_IMODE(os.lstat(path).st_mode) & ~0o222)


def _remove(folder: Path) -> None:
    def retry_writable(function, path, _):
        os.chmod(path, stat.S_IWUSR | stat.S_IRUSR | stat.S_IXUSR)
        function(path)

    shutil.rmtree(folder, onerror=retry_writable)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# --- fixity ------------------------------------------------------------------


@dataclass(frozen=True)
class Fixity:
    """What a check of a snapshot found."""

    snapshot: Snapshot
    fast: bool
    """Names, count and total size only (Payload-Oxum), no checksums."""
    checked: int
    """Payload files in the manifest."""
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """What is wrong beyond single files (the bag's structure, Payload-Oxum), Chinese."""

    @property
    def intact(self) -> bool:
        return not (self.changed or self.missing or self.added or self.problems)

    @property
    def differences(self) -> int:
        return len(self.changed) + len(self.missing) + len(self.added) + len(self.problems)


def verify(path: Path, *, fast: bool = False, workers: int | None = None,
           progress: Progress | None = None) -> Fixity:
    """Check a snapshot: every file against its SHA-256, or (fast) names, count and sizes.

    Raises NotASnapshot when `path` is no bag.
    """
    bag = _open_bag(path)
    snapshot = _snapshot_of(Path(bag.path), bag.info)
    missing, added = bag.compare_manifests_with_fs()
    added += _unlisted_tag_files(bag)
    changed: list[str] = []
    if not fast:
        changed = _changed_files(bag, set(missing), workers, progress)
    problems: list[str] = []
    if not (changed or missing or added):
        try:
            bag.validate(fast=True)  # bagit's own checks: structure, bagit.txt, Payload-Oxum
        except bagit.BagError as error:
            problems.append(_problem(error))
    return Fixity(
        snapshot=snapshot, fast=fast, checked=len(bag.payload_entries()),
        changed=_posix_sorted(changed), missing=_posix_sorted(missing), added=_posix_sorted(added),
        problems=problems,
    )


def _changed_files(bag: bagit.Bag, missing: set[str], workers: int | None,
                   progress: Progress | None) -> list[str]:
    """Files whose checksum differs from the manifest's."""
    entries = [(rel, hashes) for rel, hashes in bag.entries.items() if rel not in missing]
    root = Path(bag.path)

    def differs(item: tuple[str, dict[str, str]]) -> str | None:
        rel, hashes = item
        on_disk = bag.normalized_filesystem_names.get(bagit.normalize_unicode(rel), rel)
        try:
            found = _hash_file(root / on_disk, list(hashes))
        except OSError:
            return rel
        return rel if any(found[alg] != expected.lower() for alg, expected in hashes.items()) else None

    changed = []
    # Hashing releases the GIL: threads keep several disks or cores busy.
    with ThreadPoolExecutor(max_workers=workers or min(8, os.cpu_count() or 1)) as pool:
        for done, result in enumerate(pool.map(differs, entries), start=1):
            if result:
                changed.append(result)
            if progress:
                progress(done, len(entries))
    return changed


def _hash_file(path: Path, algorithms: Iterable[str]) -> dict[str, str]:
    hashers = {alg: hashlib.new(alg) for alg in algorithms}
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            for hasher in hashers.values():
                hasher.update(block)
    return {alg: h.hexdigest() for alg, h in hashers.items()}


def _unlisted_tag_files(bag: bagit.Bag) -> list[str]:
    """Files beside data/ that neither BagIt nor the tag manifest account for."""
    root = Path(bag.path)
    known = set(bag.tagfile_entries()) | {"bagit.txt"}
    unlisted = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if here == root:
            dirnames[:] = [d for d in dirnames if d != "data"]
        for name in filenames:
            rel = (here / name).relative_to(root).as_posix()
            if rel in known or (here == root and re.fullmatch(r"(tag)?manifest-\w+\.txt", name)):
                continue
            unlisted.append(rel)
    return unlisted


def _problem(error: bagit.BagError) -> str:
    text = str(error)
    match = re.search(r"Expected (\d+) files and (\d+) bytes but found (\d+) files and (\d+) bytes", text)
    if match:
        files, size, found_files, found_size = match.groups()
        return (f"文件数或总大小与存档记录（Payload-Oxum）不符：记录 {files} 个文件 {size} 字节，"
                f"现有 {found_files} 个文件 {found_size} 字节")
    return f"存档包结构有误：{text}"


def _posix_sorted(paths: Iterable[str]) -> list[str]:
    return sorted(p.replace(os.sep, "/") for p in paths)


# --- year over year ----------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """The current findings against a snapshot's, matched by their stable `id`."""

    resolved: list[dict]
    """In the snapshot, not now: as the snapshot recorded them (their old message)."""
    new: list[dict]
    """Now, not in the snapshot."""
    still_open: list[dict]
    """In both: as they are now."""


@dataclass(frozen=True)
class Baseline:
    """The newest snapshot and its findings, for the improve page."""

    snapshot: Snapshot
    findings: dict | None
    error: str | None = None
    """Why its findings could not be read (then `findings` is None)."""


def compare(current: dict | list[dict], previous: dict | list[dict]) -> Comparison:
    """Resolved, new and still open findings, from two findings json documents (or their
    'findings' lists). A finding that occurs n times before and m times now counts
    min(n, m) times as still open and the rest as resolved or new."""
    now: dict[str, list[dict]] = defaultdict(list)
    for record in _records(current):
        now[_identity(record)].append(record)
    before: dict[str, list[dict]] = defaultdict(list)
    for record in _records(previous):
        before[_identity(record)].append(record)
    resolved = [r for key, records in before.items() for r in records[len(now.get(key, [])):]]
    new = [r for key, records in now.items() for r in records[len(before.get(key, [])):]]
    still_open = [r for key, records in now.items() for r in records[:len(before.get(key, []))]]
    return Comparison(resolved=resolved, new=new, still_open=still_open)


def load_baseline(snapshots_dir: Path) -> Baseline | None:
    """The newest snapshot in `snapshots_dir` with its findings; None when there is none."""
    snapshot = latest_snapshot(snapshots_dir)
    if snapshot is None:
        return None
    try:
        return Baseline(snapshot, snapshot.load_findings())
    except SnapshotError as error:
        return Baseline(snapshot, None, str(error))


_RECORD_KEYS = ("rule", "severity", "severity_label", "indicator", "standard", "requirement", "file",
                "message", "fix")


def _records(document: dict | list[dict]) -> list[dict]:
    records = document.get("findings", []) if isinstance(document, dict) else document
    return [{**dict.fromkeys(_RECORD_KEYS, None), **r} for r in records if isinstance(r, dict)]


def _identity(record: dict) -> str:
    if record.get("id"):
        return str(record["id"])
    return "\x1f".join(str(record.get(k) or "") for k in ("rule", "indicator", "standard", "requirement",
                                                          "file", "message"))


# --- texts for the terminal --------------------------------------------------


def other_unit(snapshot: Snapshot, unit: str) -> str | None:
    """The snapshot's unit when it is not `unit` (both given): its findings are another
    unit's, and the comparison says little. None when they match or one is unknown."""
    theirs, ours = snapshot.unit.strip(), unit.strip()
    return theirs if theirs and ours and theirs != ours else None


def other_unit_text(theirs: str, ours: str) -> str:
    return f"注意：该存档属于“{theirs}”，当前档案属于“{ours}”，比较的是两个单位的问题，结果可能没有意义。"


def comparison_text(comparison: Comparison, snapshot: Snapshot, unit: str = "") -> str:
    """`binder check --since`: counts, then each group with its findings; a warning first
    when the snapshot is of another unit than `unit`."""
    theirs = other_unit(snapshot, unit)
    lines = [other_unit_text(theirs, unit)] if theirs else []
    lines += [
        f"与存档 {snapshot.path}（{snapshot.label}）相比：已整改 {len(comparison.resolved)} 条，"
        f"新发现 {len(comparison.new)} 条，仍未整改 {len(comparison.still_open)} 条。",
    ]
    groups = (("已整改", comparison.resolved, "，存档时的记录"), ("新发现", comparison.new, ""),
              ("仍未整改", comparison.still_open, ""))
    for title, records, note in groups:
        lines += ["", f"{title}（{len(records)} 条{note}）：" if records else f"{title}：无"]
        for record in records:
            label = record.get("severity_label") or ""
            lines.append(f"  {_pad(label, 7)}{_pad(_where(record), 12)} {record.get('message') or ''}")
            if record.get("file"):
                lines.append(f"{'':8}文件：{record['file']}")
    return "\n".join(lines) + "\n"


def fixity_text(fixity: Fixity) -> str:
    """`binder verify`: one line when intact, else one line per changed, missing or added file."""
    snapshot = fixity.snapshot
    where = f"{snapshot.path}（{snapshot.label}）"
    if fixity.intact:
        if fixity.fast:
            return (f"存档完好（快速检查）：{where}，{fixity.checked} 个文件的文件名、数量和总大小与记录一致。"
                    f"逐一核对校验值请去掉 --fast。\n")
        return f"存档完好：{where}，{fixity.checked} 个文件和存档清单的 SHA-256 校验值全部一致。\n"
    lines = [f"存档已被改动：{where}"]
    lines += [f"已改动：{p}" for p in fixity.changed]
    lines += [f"缺失：{p}" for p in fixity.missing]
    lines += [f"多出：{p}" for p in fixity.added]
    lines += fixity.problems
    lines.append(f"共 {fixity.differences} 处与存档记录不符。" + (
        "快速检查不计算校验值，内容的改动请去掉 --fast 再查。" if fixity.fast else ""))
    return "\n".join(lines) + "\n"


def listing_text(snapshots_dir: Path, rows: list[tuple[Snapshot, Fixity | None, str | None]]) -> str:
    """`binder snapshots`: one row per snapshot, newest first, with its fast check."""
    lines = [f"存档文件夹：{snapshots_dir}"]
    if not rows:
        lines.append("还没有存档。年末或迎检前运行 binder snapshot --year 年份 生成一份。")
        return "\n".join(lines) + "\n"
    header = ["年份", "存档日期", "单位", "测评内容", "文件", "问题", "状态（快速检查）", "文件夹"]
    table = [header]
    for snapshot, fixity, error in rows:
        if fixity is None:
            state = f"无法检查：{error}"
        elif fixity.intact:
            state = "完好"
        else:
            state = f"已改动（{fixity.differences} 处，详见 binder verify）"
        table.append([str(snapshot.year or "—"), snapshot.date or "—", snapshot.unit or "—",
                      _count(snapshot.indicators), _count(snapshot.files), _count(snapshot.findings),
                      state, snapshot.path.name])
    widths = [max(_width(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        lines.append("  ".join(_pad(cell, width) for cell, width in zip(row, widths)).rstrip())
    return "\n".join(lines) + "\n"


def _where(record: dict) -> str:
    parts = [record.get("indicator") or "未归类"]
    if record.get("standard"):
        parts.append(f"{record['standard']}）")
    requirement = record.get("requirement")
    if requirement:
        parts.append(circled(requirement) if str(requirement).isdigit() else str(requirement))
    return " ".join(parts)


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
