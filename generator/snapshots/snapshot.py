"""Yearly snapshots: the archive, its framework, the findings and the built site frozen
together as one BagIt bag (RFC 8493, SHA-256 and SM3 manifests), with its 四性检测
report; listing snapshots and checking their fixity.

Which module holds what: `bag` writes and reads the bag (manifests, tag files, fixity);
`four_properties` and `pronom` make the 四性检测 report; `comparison` compares the
findings with a snapshot's (year over year); this module puts them together.

A snapshot is the folder `<snapshots dir>/<year>/` (one per year and snapshots folder):

    snapshots/2026/
      bagit.txt                BagIt-Version: 1.0
      bag-info.txt             unit, framework, year, counts, tool version, Bagging-Date, Payload-Oxum
      manifest-sha256.txt      the SHA-256 of every payload file
      manifest-sm3.txt         their SM3 (GB/T 32905), where this Python's OpenSSL has it
      tagmanifest-*.txt        the checksums of the tag files (bag-info, manifests, report)
      四性检测/                  the 四性检测 report (DA/T 70-2018): .html, .xlsx, .json
      data/
        说明.txt                how to open and verify the snapshot
        archive/…              the archive as it was, every plain file (hidden ones too),
                               copied; links are left out and never followed; with it
                               review.yml, the reviewers' verdicts and remediations then
        criteria.yml           a copy of the framework file (when the archive has one)
        findings.json          the findings (`binder check --format json`) at the time
        site/…                 the built site, self-contained: open site/index.html

It is built in a hidden folder next to its destination and renamed into place at the
end, so an interrupted snapshot never leaves a half bag under the final name; an
existing snapshot is never overwritten; its files are made read-only.

Nothing here knows MkDocs: the caller builds the site and hands over its folder.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import __version__
from . import bag
from ..text import display_width, pad
from ..binder import Binder
from ..framework import FRAMEWORK_FILE
from ..review import REVIEW_FILE, Review, ReviewError, load_review

log = logging.getLogger(__name__)

PAYLOAD_ARCHIVE = "archive"
PAYLOAD_SITE = "site"
PAYLOAD_FRAMEWORK = FRAMEWORK_FILE
PAYLOAD_FINDINGS = "findings.json"
PAYLOAD_README = "说明.txt"
REPORT_DIR = "四性检测"
"""The tag folder holding the 四性检测 report."""
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
    return _snapshot_of(path, _open_bag(path))


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


def _open_bag(path: Path) -> dict[str, str]:
    """The bag-info of the bag at `path`."""
    if not path.is_dir():
        raise NotASnapshot(path, "文件夹不存在" if not path.exists() else "不是文件夹")
    if not (path / "bagit.txt").is_file():
        raise NotASnapshot(path, "没有 bagit.txt，不是 BagIt 存档包")
    try:
        return bag.read_info(path)
    except bag.BagReadError as error:
        raise NotASnapshot(path, f"BagIt 存档包无法读取：{error}") from None


def _snapshot_of(path: Path, info: dict) -> Snapshot:
    def tag(name: str) -> str:
        return info.get(name, "").strip()

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


def make_snapshot(binder: Binder, site_dir: Path, snapshots_dir: Path, year: int, *, findings: str,
                  unit: str | None = None, today: date | None = None, processes: int = 1,
                  progress: Progress | None = None, warn: Callable[[str], None] | None = None) -> Snapshot:
    """Freeze `binder`'s archive with its framework, its `findings` (the findings json) and
    the built site at `site_dir` into `snapshots_dir/<year>/`, with its 四性检测 report. The archive and the site are
    copied: never moved, never linked to a file outside the bag; links in them are left
    out with a warning, their targets never read.

    Raises SnapshotExists when that snapshot exists (it is left as it is), SnapshotError
    when a file can't be copied; nothing is left under the final name then. `warn` is told
    (in Chinese) of each link or special file left out; by default they are logged.
    """
    from . import four_properties

    archive_dir = binder.archive_dir.resolve()
    snapshots_dir = snapshots_dir.resolve()
    final = destination(archive_dir, snapshots_dir, year)
    if not (site_dir / "index.html").is_file():
        raise SnapshotError(f"站点尚未生成：{site_dir} 中没有 index.html")
    snapshots_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}{STAGING_MARK}", dir=snapshots_dir))
    try:
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's 0700 would become the bag's
        payload = staging / bag.PAYLOAD_DIR
        warn = warn or log.warning
        copies = _plan(archive_dir, PAYLOAD_ARCHIVE, warn) + _plan(site_dir.resolve(), PAYLOAD_SITE, warn)
        framework_file = archive_dir / FRAMEWORK_FILE
        if _is_plain_file(framework_file):
            copies.append((framework_file, PAYLOAD_FRAMEWORK))
        payload.mkdir()
        _copy_all(copies, payload, progress)
        (payload / PAYLOAD_FINDINGS).write_text(findings, encoding="utf-8")
        (payload / PAYLOAD_README).write_text(_readme(binder, year, unit), encoding="utf-8")
        size, count, digests = bag.write_payload_manifests(staging, workers=processes)
        info = _bag_info(binder, year, unit, today or date.today())
        info["Payload-Oxum"] = f"{size}.{count}"
        bag.write_declaration(staging, info)
        bag.write_tag_manifests(staging)
        # The payload was hashed from the bag's own files a moment ago: not read twice.
        report = four_properties.check(four_properties.gather(staging, workers=processes, known=digests,
                                                              name=final.name))
        four_properties.write_report(report, staging / REPORT_DIR)
        bag.write_tag_manifests(staging)  # now over the report too
        _make_read_only(staging)
        if final.exists() or final.is_symlink():
            raise SnapshotExists(final)
        os.rename(staging, final)
    except BaseException:
        _remove(staging)
        raise
    log.info("已存档：%s", final)
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


def _is_plain_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _plan(root: Path, prefix: str, warn: Callable[[str], None]) -> list[tuple[Path, str]]:
    """Every plain file under root, with its payload path. A link (to a file or a folder)
    or a special file is left out with a warning naming it: it is never followed, its
    target never read, copied or linked."""
    plan = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        here = Path(dirpath)
        rel = here.relative_to(root).as_posix()
        base = prefix if rel == "." else f"{prefix}/{rel}"
        for name in [d for d in dirnames if (here / d).is_symlink()]:
            warn(f"注意：{_shown(here / name)} 是指向文件夹的链接，未存入存档（链接一律不跟随、不存档）")
        for name in sorted(filenames):
            path = here / name
            if not _is_plain_file(path):
                what = "链接" if path.is_symlink() else "特殊文件（管道、设备等）"
                warn(f"注意：{_shown(path)} 是{what}，未存入存档（其指向的内容不读取、不复制）")
                continue
            plan.append((path, f"{base}/{name}"))
        if not filenames and not dirnames:
            plan.append((here, base + "/"))  # an empty folder stays an empty folder
    return plan


def _shown(path: Path) -> str:
    return bag.shown_path(str(path))


def _copy_all(copies: list[tuple[Path, str]], payload: Path, progress: Progress | None) -> None:
    """Copy every planned file into the bag. A file that is one and the same as a file
    copied before (the site's originals are hard links to the archive) becomes a hard link
    to that copy, inside the bag: the bag then weighs about what the archive weighs, not
    twice it. Both names are in the manifest; both are read-only."""
    files = [c for c in copies if not c[1].endswith("/")]
    copied: dict[tuple[int, int], Path] = {}
    done = 0
    for source, rel in copies:
        dest = payload / rel
        if rel.endswith("/"):
            dest.mkdir(parents=True, exist_ok=True)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            identity = _identity_of(source)
            if not (identity in copied and _link(copied[identity], dest)):
                # A copy, never a link out of the bag: the site's originals are hard links
                # to the archive, and a snapshot must outlive later edits of the archive.
                # O_NOFOLLOW: a file swapped for a link since the plan is not followed.
                _copy_no_follow(source, dest)
                copied.setdefault(identity, dest)
        except OSError as error:
            raise SnapshotError(f"无法复制 {_shown(source)}：{error.strerror or error}") from error
        done += 1
        if progress:
            progress(done, len(files))


def _copy_no_follow(source: Path, dest: Path) -> None:
    fd = os.open(source, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as src, open(dest, "wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)
    shutil.copystat(source, dest, follow_symlinks=False)


def _identity_of(path: Path) -> tuple[int, int]:
    st = os.lstat(path)
    return st.st_dev, st.st_ino


def _link(existing: Path, dest: Path) -> bool:
    """Hard-link `dest` to a file already in the bag; False where links are not allowed."""
    try:
        os.link(existing, dest, follow_symlinks=False)
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
        "Bag-Software-Agent": f"archive-binder {__version__}",
    }
    return {k: v for k, v in info.items() if v}


def _readme(binder: Binder, year: int, unit: str | None) -> str:
    who = unit or binder.framework.unit or ""
    sums = "、".join(bag.manifest_name(alg) for alg in bag.ALGORITHMS)
    return (
        f"{who} {year} 年创建档案存档\n"
        f"测评体系：{binder.framework.title}\n\n"
        "本存档是一个 BagIt 存档包（RFC 8493）：\n"
        "  site/index.html   用浏览器打开即可离线浏览当时的电子档案\n"
        "  archive/          当时的档案原件，一个字节都未改动\n"
        "  criteria.yml      当时的测评体系文件\n"
        "  findings.json     当时的检查结果（问题清单）\n\n"
        f"上一级文件夹中的 {sums} 记录了每个文件的校验值（SHA-256、SM3），\n"
        f"{REPORT_DIR}/ 中是存档时的四性检测报告（DA/T 70-2018）。\n"
        "校验存档是否完好：binder verify 存档文件夹（或任何支持 BagIt 的工具）。\n"
    )


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
    check: bag.BagCheck

    @property
    def fast(self) -> bool:
        """Names, count and total size only (Payload-Oxum), no checksums."""
        return self.check.fast

    @property
    def checked(self) -> int:
        return self.check.checked

    @property
    def changed(self) -> list[str]:
        return [m.path for m in self.check.changed]

    @property
    def missing(self) -> list[str]:
        return self.check.missing

    @property
    def added(self) -> list[str]:
        return self.check.added

    @property
    def intact(self) -> bool:
        return self.check.intact

    @property
    def differences(self) -> int:
        c = self.check
        return (len(c.changed) + len(c.missing) + len(c.added) + len(c.links) + len(c.outside)
                + len(c.tag_changed) + len(c.tag_missing) + len(c.problems))


def verify(path: Path, *, fast: bool = False, workers: int | None = None,
           progress: Progress | None = None) -> Fixity:
    """Check a snapshot: every file against every manifest (SHA-256, SM3) and the tag
    files against the tag manifests; or (fast) names, count and total size only.

    Raises NotASnapshot when `path` is no bag.
    """
    snapshot = _snapshot_of(path, _open_bag(path))
    return Fixity(snapshot, bag.check_bag(path, fast=fast, workers=workers, progress=progress))


# --- texts for the terminal --------------------------------------------------


def fixity_text(fixity: Fixity) -> str:
    """`binder verify`: one line when intact, else one line per changed, missing or added
    file, each changed file followed by the manifests it disagrees with."""
    snapshot, check = fixity.snapshot, fixity.check
    where = f"{snapshot.path}（{snapshot.label}）"
    sums = "、".join(bag.ALGORITHM_LABELS.get(a, a) for a in check.algorithms)
    if fixity.intact:
        if fixity.fast:
            return (f"存档完好（快速核验）：{where}，{fixity.checked} 个文件的文件名、数量和总大小与记录一致；"
                    f"快速核验不计算校验值，同样大小的内容改动查不出。完整核验：binder verify {snapshot.path}\n")
        return f"存档完好：{where}，{fixity.checked} 个文件和存档清单的 {sums} 校验值全部一致。\n"
    lines = [f"存档已被改动：{where}"]
    edited = {m.path: m for m in check.tag_changed}
    for mismatch in check.changed:
        lines.append(f"已改动：{bag.shown_path(mismatch.path)}")
        lines.append(f"    与 {'、'.join(mismatch.manifests)} 记录的校验值不符")
        for manifest in mismatch.agreeing:
            if manifest in edited:
                lines.append(f"    {manifest} 中此文件的记录与改动后的文件一致，而 {manifest} 本身与标签清单"
                             f"（{'、'.join(edited[manifest].manifests)}）不符：清单被改过以掩盖改动")
    lines += [f"缺失：{bag.shown_path(p)}" for p in check.missing]
    lines += [f"多出：{bag.shown_path(p)}" for p in check.added]
    lines += [f"链接或特殊文件（不读取）：{bag.shown_path(p)}" for p in check.links]
    lines += [f"清单记录了存档包之外的文件：{bag.shown_path(p)}" for p in check.outside]
    for mismatch in check.tag_changed:
        lines.append(f"已改动：{mismatch.path}")
        lines.append(f"    与 {'、'.join(mismatch.manifests)} 记录的校验值不符")
    lines += [f"缺失：{p}" for p in check.tag_missing]
    lines += check.problems
    lines.append(f"共 {fixity.differences} 处与存档记录不符。" + (
        f"快速核验不计算校验值，内容的改动请完整核验：binder verify {snapshot.path}" if fixity.fast else ""))
    return "\n".join(lines) + "\n"


def listing_text(snapshots_dir: Path, rows: list[tuple[Snapshot, Fixity | None, str | None]],
                 full: bool = False) -> str:
    """`binder snapshots`: one row per snapshot, newest first, with its check (fast unless
    `full`), and how to run the full one."""
    lines = [f"存档文件夹：{snapshots_dir}"]
    if not rows:
        lines.append("还没有存档。年末或迎检前运行 binder snapshot --year 年份 生成一份。")
        return "\n".join(lines) + "\n"
    kind = "完整核验" if full else "快速核验"
    header = ["年份", "存档日期", "单位", "测评内容", "文件", "问题", f"状态（{kind}）", "文件夹"]
    table = [header]
    for snapshot, fixity, error in rows:
        if fixity is None:
            state = f"无法检查：{error}"
        elif fixity.intact:
            state = "完好" if full else "文件名和大小相符"
        else:
            state = f"已改动（{fixity.differences} 处，详见 binder verify）"
        table.append([str(snapshot.year or "—"), snapshot.date or "—", snapshot.unit or "—",
                      _count(snapshot.indicators), _count(snapshot.files), _count(snapshot.findings),
                      state, snapshot.path.name])
    widths = [max(display_width(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        lines.append("  ".join(pad(cell, width) for cell, width in zip(row, widths)).rstrip())
    if not full:
        lines.append("快速核验只比较文件名、数量和大小，同样大小的内容改动查不出。逐一核对校验值（SHA-256、SM3）："
                     "binder snapshots --full，或 binder verify 存档文件夹")
    return "\n".join(lines) + "\n"


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)




@dataclass(frozen=True)
class Baseline:
    """The newest snapshot and its findings, for the improve page and `check --since`."""

    snapshot: Snapshot
    findings: dict | None
    error: str | None = None
    """Why its findings could not be read (then `findings` is None)."""
    review: Review | None = None
    """The review file the snapshot's archive held (None: none, or unreadable)."""


def load_baseline(snapshots_dir: Path) -> Baseline | None:
    """The newest snapshot in `snapshots_dir` with its findings; None when there is none."""
    snapshot = latest_snapshot(snapshots_dir)
    if snapshot is None:
        return None
    try:
        return Baseline(snapshot, snapshot.load_findings(), review=snapshot_review(snapshot))
    except SnapshotError as error:
        return Baseline(snapshot, None, str(error))


def snapshot_review(snapshot: Snapshot) -> Review | None:
    """The review file kept in the snapshot's copy of the archive; None when there is none
    or it can't be read (logged: the comparison then leaves remediations out)."""
    archive = snapshot.path / "data" / PAYLOAD_ARCHIVE
    if not (archive / REVIEW_FILE).is_file():
        return None
    try:
        return load_review(archive)
    except ReviewError as error:
        log.warning("存档 %s 中的审核记录无法读取（不比较整改记录）：%s", snapshot.path, error)
        return None
