"""The archive scan: one walk of the folder tree, matching folders and files to the framework.

Matching is by code, not by exact name: "Ⅲ-2 健全完善学习制度", "III-2_学习制度"
and "Ⅲ－2：学习制度" are the same indicator. A folder below a requirement is a
group (one meeting, one activity). A file or folder that matches nothing is kept
as unclassified, never dropped. The scan reads names only, never contents, and
writes nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import codes
from .framework import FRAMEWORK_FILE, Framework, Indicator, Standard

ARCHIVE_NOTES = {FRAMEWORK_FILE, "README.md"}
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


@dataclass(frozen=True)
class ArchiveFile:
    """One file of the archive and where the scan put it."""

    rel_path: str
    """'/'-separated path relative to the archive's root."""
    abs_path: Path
    place: Place

    @property
    def name(self) -> str:
        return self.rel_path.rsplit("/", 1)[-1]

    @property
    def stem(self) -> str:
        return os.path.splitext(self.name)[0]

    @property
    def suffix(self) -> str:
        return os.path.splitext(self.name)[1].lower()


@dataclass
class Scan:
    """Every file of the archive, placed, and the folders that matched nothing."""

    archive_dir: Path
    files: list[ArchiveFile] = field(default_factory=list)
    stray_folders: list[str] = field(default_factory=list)
    """Folders whose name matched no level of the framework where they stand."""

    def files_of(self, indicator: str, standard: str | None = None,
                 requirement: str | None = None) -> list[ArchiveFile]:
        """Files placed exactly at this level (a requirement, or a standard's loose files)."""
        return [
            f for f in self.files
            if f.place.indicator == indicator and f.place.standard == standard
            and f.place.requirement == requirement
        ]

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
    _walk(archive_dir, "", Place(), framework, scan)
    return scan


def _walk(folder: Path, rel: str, place: Place, framework: Framework, scan: Scan) -> None:
    for entry in _entries(folder):
        rel_path = f"{rel}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            inner = place_folder(entry.name, place, framework)
            if inner is None:
                scan.stray_folders.append(rel_path)
                inner = place
            _walk(Path(entry.path), rel_path + "/", inner, framework, scan)
        elif entry.is_file():
            if not rel and (entry.name in ARCHIVE_NOTES or entry.name.startswith(FRAMEWORK_BACKUP)):
                continue
            file_place = _place_file(entry.name, place, framework)
            scan.files.append(ArchiveFile(rel_path=rel_path, abs_path=Path(entry.path), place=file_place))


def _entries(folder: Path) -> list[os.DirEntry]:
    """A folder's entries in name order, hidden ones left out; none when it can't be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return []


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
