"""Checks every file gets: unreadable files, links and active content, names that are not
UTF-8, stray files and folders, the two-digit sequence."""

from __future__ import annotations

from .. import content_types, naming
from ..archive.inspectors.model import Inspected
from ..framework.params import Params
from ..archive.scan import ArchiveFile, Hazard, Place
from . import messages
from .model import Finding, Severity, at


def unreadable_file(file: ArchiveFile, inspected: Inspected) -> list[Finding]:
    """file.<problem>: corrupt, truncated, encrypted, empty or of an unknown type."""
    problem = inspected.problem
    if problem is None:
        return []
    message = problem.reason if problem.reason.startswith(problem.label) else \
        messages.UNREADABLE.format(label=problem.label, reason=problem.reason)
    fix = messages.UNKNOWN_TYPE_FIX if problem.code == "unknown-type" else messages.UNREADABLE_FIX
    return [at(file, f"file.{problem.code}", Severity.ERROR, message, fix)]


def hazard(file: ArchiveFile) -> list[Finding]:
    """file.link / file.special: a link or a special file, never read (安全性)."""
    if file.hazard is None:
        return []
    if file.hazard is Hazard.SPECIAL:
        return [at(file, "file.special", Severity.ERROR, messages.SPECIAL_FILE.format(name=file.name),
                   messages.SPECIAL_FILE_FIX)]
    message = {Hazard.LINK_OUTSIDE: messages.LINK_OUTSIDE, Hazard.LINK_INSIDE: messages.LINK_INSIDE,
               Hazard.LINK_BROKEN: messages.LINK_BROKEN}[file.hazard]
    return [at(file, "file.link", Severity.ERROR, message.format(name=file.name), messages.LINK_FIX)]


def active_content(file: ArchiveFile) -> list[Finding]:
    """file.executable (error) / file.active (warning): a program, or a document that runs
    script in a browser (served only as a download, under a neutral name)."""
    if content_types.is_executable(file.name):
        return [at(file, "file.executable", Severity.ERROR, messages.EXECUTABLE_FILE.format(name=file.name),
                   messages.EXECUTABLE_FILE_FIX)]
    if content_types.is_active(file.name):
        what = messages.ACTIVE_KINDS.get(file.suffix, messages.ACTIVE_KIND_DEFAULT)
        return [at(file, "file.active", Severity.WARNING, messages.ACTIVE_FILE.format(name=file.name, what=what),
                   messages.ACTIVE_FILE_FIX)]
    return []


def misnamed(file: ArchiveFile) -> list[Finding]:
    """file.encoding: a name (or a folder's) whose bytes are not UTF-8, shown decoded."""
    if not file.misnamed:
        return []
    how = messages.MISNAMED_DECODED if file.misnamed_decoded else messages.MISNAMED_ESCAPED
    return [at(file, "file.encoding", Severity.WARNING,
               messages.MISNAMED.format(how=how, parts="”“".join(file.misnamed)), messages.MISNAMED_FIX)]


def unreadable_folder(rel_path: str, place: Place) -> list[Finding]:
    """folder.unreadable: a folder the scan could not list; what it holds is unknown."""
    return [Finding(
        rule="folder.unreadable", severity=Severity.ERROR,
        message=messages.UNREADABLE_FOLDER.format(path=rel_path), fix=messages.UNREADABLE_FOLDER_FIX,
        indicator=place.indicator, standard=place.standard, requirement=place.requirement, file=rel_path,
    )]


def stray_file(file: ArchiveFile) -> list[Finding]:
    """file.stray: a file that reached no indicator, or no requirement inside one."""
    if file.place.requirement is not None:
        return []
    if file.place.indicator is None:
        message, fix = messages.STRAY_FILE, messages.STRAY_FILE_FIX
    else:
        message, fix = messages.UNPLACED_FILE, messages.UNPLACED_FILE_FIX
    return [at(file, "file.stray", Severity.WARNING, message.format(path=file.rel_path), fix)]


def stray_folder(rel_path: str) -> list[Finding]:
    """folder.stray: a folder whose name matched no level of the framework."""
    return [Finding(
        rule="folder.stray", severity=Severity.WARNING,
        message=messages.STRAY_FOLDER.format(path=rel_path), fix=messages.STRAY_FOLDER_FIX,
        file=rel_path,
    )]


def file_naming(file: ArchiveFile, params: Params) -> list[Finding]:
    """file.naming: documents, reports and tables are named '两位序号+主题' (seed 004)."""
    if not params.file_naming or naming.has_sequence(file.stem):
        return []
    return [at(file, "file.naming", Severity.WARNING,
               messages.FILE_NAMING.format(name=file.name), messages.FILE_NAMING_FIX)]


def changed_during_build(file: ArchiveFile, vanished: bool) -> list[Finding]:
    """file.changed: a file deleted or modified between its inspection and its placing in
    the site; the page describes the version read, the site has no original of it."""
    return [at(file, "file.changed", Severity.WARNING,
               messages.CHANGED_DURING_BUILD.format(how=messages.CHANGED_DURING_BUILD_HOW[vanished]),
               messages.CHANGED_DURING_BUILD_FIX)]
