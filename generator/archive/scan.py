"""The archive scan: one walk of the folder tree, matching folders and files to the framework.

Matching is by code, not by exact name: "Ⅲ-2 健全完善学习制度", "III-2_学习制度",
"Ⅲ 2 学习制度", "Ⅲ2学习制度" and "Ⅲ－2：学习制度" are the same indicator; "1 中心组学习",
"（一）中心组学习", "一、…" and "第1条 …" the same standard (codes.py reads every style). A folder below a requirement is a
group (one meeting, one activity). A file or folder that matches nothing is kept
as unclassified, never dropped. The scan reads names only, never contents, and
writes nothing.

It never follows a link: a symbolic link (to a file or a folder, inside the
archive or out of it) and any entry that is not a plain file or folder (a pipe, a
device) is kept as a hazard, shown and flagged, and nothing behind it is read. A
name whose bytes are not UTF-8 (a Windows zip unpacked on Linux) is shown decoded
as GB18030 where it decodes, escaped otherwise; the file is still opened by its
real name.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import codes
from ..framework import FRAMEWORK_FILE, Framework, Indicator, Standard
from ..review import REVIEW_FILE

ARCHIVE_NOTES = {FRAMEWORK_FILE, REVIEW_FILE, "README.md"}
"""Files at the archive's root that describe the archive rather than evidence it."""
FRAMEWORK_BACKUP = f"{FRAMEWORK_FILE}.bak-"
"""`binder init --force` keeps the replaced framework file as criteria.yml.bak-<time>."""


@dataclass(frozen=True)
class Place:
    """Where something sits in the framework; None for the levels it did not reach."""

    indicator: str | None = None
    standard: str | None = None
    requirement: str | None = None
    group: str | None = None
    """The folder below a requirement a file is in: one meeting, one activity."""

    @property
    def classified(self) -> bool:
        return self.indicator is not None


class Hazard(str, enum.Enum):
    """An archive entry that is not a plain file: never opened, copied, linked or bagged."""

    LINK_OUTSIDE = "link-outside"
    """A symbolic link whose target lies outside the archive (e.g. a system file)."""
    LINK_INSIDE = "link-inside"
    """A symbolic link to another place inside the archive."""
    LINK_BROKEN = "link-broken"
    """A symbolic link whose target does not exist (or loops)."""
    SPECIAL = "special"
    """A named pipe, socket or device: reading it could block the build for ever."""

    @property
    def is_link(self) -> bool:
        return self is not Hazard.SPECIAL


@dataclass(frozen=True)
class ArchiveFile:
    """One file of the archive and where the scan put it."""

    rel_path: str
    """'/'-separated path relative to the archive's root, as shown to people: always valid
    Unicode (a part whose bytes are not UTF-8 appears decoded, see `misnamed`)."""
    abs_path: Path
    """The real path, opened by the inspectors; may differ from `rel_path` in misnamed parts."""
    place: Place
    hazard: Hazard | None = None
    """Set for a link or special file: it is listed and flagged, never read."""
    misnamed: tuple[str, ...] = ()
    """Parts of the path (as shown) whose bytes on disk are not UTF-8."""
    misnamed_decoded: bool = True
    """Whether every misnamed part decoded as GB18030 (False: shown with escapes)."""

    @property
    def name(self) -> str:
        return self.rel_path.rsplit("/", 1)[-1]

    @property
    def stem(self) -> str:
        return os.path.splitext(self.name)[0]

    @property
    def suffix(self) -> str:
        return os.path.splitext(self.name)[1].lower()


@dataclass(frozen=True)
class UnlistedFolder:
    """A folder the scan could not list, and where it stands."""

    rel_path: str
    place: Place


@dataclass
class Scan:
    """Every file of the archive, placed, and the folders that matched nothing."""

    archive_dir: Path
    files: list[ArchiveFile] = field(default_factory=list)
    stray_folders: list[str] = field(default_factory=list)
    """Folders whose name matched no level of the framework where they stand."""
    unreadable_folders: list[UnlistedFolder] = field(default_factory=list)
    """Folders that could not be listed (no permission, gone): their files are unknown."""

    def files_of(self, indicator: str, standard: str | None = None,
                 requirement: str | None = None) -> list[ArchiveFile]:
        """Files placed exactly at this level (a requirement, or a standard's loose files)."""
        return [
            f for f in self.files
            if f.place.indicator == indicator and f.place.standard == standard
            and f.place.requirement == requirement
        ]

    @property
    def materials(self) -> list[ArchiveFile]:
        """The files that can be read: every file but links and special files."""
        return [f for f in self.files if f.hazard is None]

    def files_under(self, indicator: str) -> list[ArchiveFile]:
        return [f for f in self.files if f.place.indicator == indicator]

    def unplaced_in(self, indicator: str) -> list[ArchiveFile]:
        """Files inside an indicator's folder that reached no requirement."""
        return [f for f in self.files_under(indicator) if f.place.requirement is None]

    @property
    def unclassified(self) -> list[ArchiveFile]:
        """Files that matched no indicator at all."""
        return [f for f in self.files if not f.place.classified]


def scan_archive(archive_dir: Path, framework: Framework) -> Scan:
    """Walk the archive once and place every file in the framework."""
    scan = Scan(archive_dir=archive_dir)
    _walk(_Folder(Path(archive_dir), "", Place(), ()), framework, scan)
    return scan


@dataclass(frozen=True)
class _Folder:
    """A folder being walked: its real path, its shown path and what the walk knows of it."""

    path: Path
    rel: str
    """Shown path with a trailing '/', '' for the archive's root."""
    place: Place
    misnamed: tuple[str, ...]
    misnamed_decoded: bool = True


def _walk(folder: _Folder, framework: Framework, scan: Scan) -> None:
    entries = _entries(folder.path)
    if entries is None:
        scan.unreadable_folders.append(UnlistedFolder(folder.rel.rstrip("/") or ".", folder.place))
        return
    for entry, name, decoded in _shown_names(entries):
        rel_path = f"{folder.rel}{name}"
        misnamed = folder.misnamed + ((name,) if decoded is not None else ())
        all_decoded = folder.misnamed_decoded and decoded is not False
        hazard = _hazard(entry, scan.archive_dir)
        if hazard is None and entry.is_dir(follow_symlinks=False):
            inner = place_folder(name, folder.place, framework)
            if inner is None:
                scan.stray_folders.append(rel_path)
                inner = folder.place
            _walk(_Folder(Path(entry.path), rel_path + "/", inner, misnamed, all_decoded), framework, scan)
            continue
        if not folder.rel and (name in ARCHIVE_NOTES or name.startswith(FRAMEWORK_BACKUP)):
            continue
        scan.files.append(ArchiveFile(
            rel_path=rel_path, abs_path=Path(entry.path), place=_place_file(name, folder.place, framework),
            hazard=hazard, misnamed=misnamed, misnamed_decoded=all_decoded,
        ))


def _entries(folder: Path) -> list[os.DirEntry] | None:
    """A folder's entries in name order, hidden ones left out; None when it can't be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return None


def _hazard(entry: os.DirEntry, archive_dir: Path) -> Hazard | None:
    """None for a plain file or folder; what else the entry is otherwise. Only the link
    itself is read (lstat, readlink, resolving the path), never what it points to."""
    try:
        if entry.is_symlink():
            return _link_hazard(Path(entry.path), archive_dir)
        if entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False):
            return None
    except OSError:
        return None  # gone since the listing: the inspection says so
    return Hazard.SPECIAL


def _link_hazard(path: Path, archive_dir: Path) -> Hazard:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a loop
        return Hazard.LINK_BROKEN
    root = Path(archive_dir).resolve()
    return Hazard.LINK_INSIDE if target == root or root in target.parents else Hazard.LINK_OUTSIDE


def _shown_names(entries: list[os.DirEntry]) -> list[tuple[os.DirEntry, str, bool | None]]:
    """Each entry with the name people see and whether it had to be decoded: None for a
    UTF-8 name, True for one decoded as GB18030, False for one shown with escapes. A
    decoded name that clashes with a sibling's is shown escaped instead."""
    taken = {e.name for e in entries if _is_utf8(e.name)}
    shown = []
    for entry in entries:
        if _is_utf8(entry.name):
            shown.append((entry, entry.name, None))
            continue
        raw = os.fsencode(entry.name)
        try:
            name, decoded = raw.decode("gb18030"), True
        except UnicodeDecodeError:
            name, decoded = _escaped(raw), False
        if name in taken or "/" in name:
            name, decoded = _escaped(raw), False
        taken.add(name)
        shown.append((entry, name, decoded))
    return shown


def _is_utf8(name: str) -> bool:
    """False for a name the OS gave with undecodable bytes (as surrogate escapes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _escaped(raw: bytes) -> str:
    return raw.decode("utf-8", "backslashreplace")


def place_folder(name: str, place: Place, framework: Framework) -> Place | None:
    """Where a folder named `name` inside `place` belongs; None when its name matches nothing."""
    if place.indicator is None:
        indicator = _match_indicator(name, framework)
        return Place(indicator=indicator.code) if indicator else None
    indicator = framework.indicator(place.indicator)
    if place.standard is None:
        return _place_in_indicator(name, indicator)
    if place.requirement is None:
        standard = indicator.standard(place.standard)
        requirement = _match_requirement(name, standard)
        if requirement is not None:
            return replace(place, requirement=requirement)
        if standard and len(standard.requirements) == 1:
            # A meeting's folder put straight into a standard with a single requirement.
            return replace(place, requirement=standard.requirements[0].code or "", group=name)
        return None
    return place if place.group else replace(place, group=name)


def _place_in_indicator(name: str, indicator: Indicator) -> Place | None:
    code = indicator.code
    if name.lstrip()[:1] not in codes.CIRCLED:
        standard = _match_standard(name, indicator)
        if standard is not None:
            return Place(indicator=code, standard=standard.code or "")
    # A requirement's folder straight inside an indicator with a single standard.
    only = indicator.standard(None)
    if only is not None:
        requirement = _match_requirement(name, only)
        if requirement is not None:
            return Place(indicator=code, standard=only.code or "", requirement=requirement)
    return None


def _place_file(name: str, place: Place, framework: Framework) -> Place:
    """A file's place: its folder's, carried down to the only standard or requirement there is."""
    if place.indicator is None or place.requirement is not None:
        return place
    indicator = framework.indicator(place.indicator)
    if place.standard is None:
        standard = indicator.standard(None)
        if standard is None:
            return place
        place = replace(place, standard=standard.code or "")
    standard = indicator.standard(place.standard or None)
    if standard is None:
        return place
    only = standard.requirement(None)
    if only is not None:
        return replace(place, requirement=only.code or "")
    # "③中心组学习情况说明报告.docx" loose in a standard with several requirements.
    key = codes.requirement_key(name)
    if key and standard.requirement(key):
        return replace(place, requirement=key)
    return place


def _match_indicator(name: str, framework: Framework) -> Indicator | None:
    key = codes.indicator_key(name)
    if key:
        return framework.indicator(key)
    return next((i for i in framework.indicators if i.code == name or i.title == name), None)


def _match_standard(name: str, indicator: Indicator) -> Standard | None:
    key = codes.standard_key(name)
    if key:
        return indicator.standard(key) or _unnumbered(indicator, key)
    bare = codes.strip_code(name)
    return next((s for s in indicator.standards if s.text == bare), None)


def _unnumbered(indicator: Indicator, key: str) -> Standard | None:
    """'1 …' for an indicator whose only standard has no number."""
    only = indicator.standard(None)
    return only if only is not None and only.code is None and key == "1" else None


def _match_requirement(name: str, standard: Standard | None) -> str | None:
    """The requirement code ('' for an unnumbered one) a folder name stands for, or None."""
    if standard is None:
        return None
    key = codes.requirement_key(name) or codes.standard_key(name)
    if key and standard.requirement(key):
        return key
    bare = codes.strip_code(name)
    match = next((r for r in standard.requirements if r.text == bare), None)
    return None if match is None else (match.code or "")
