"""Checks every file gets: unreadable files, stray files and folders, the two-digit sequence."""

from __future__ import annotations

from .. import naming
from ..inspectors.model import Inspected
from ..params import Params
from ..scan import ArchiveFile
from . import messages
from .model import Finding, Severity, at


def unreadable_file(file: ArchiveFile, inspected: Inspected) -> list[Finding]:
    """file.<problem>: corrupt, truncated, encrypted, empty or of an unknown type."""
    problem = inspected.problem
    if problem is None:
        return []
    message = problem.reason if problem.reason.startswith(problem.label) else \
        messages.UNREADABLE.format(label=problem.label, reason=problem.reason)
    return [at(file, f"file.{problem.code}", Severity.ERROR, message, messages.UNREADABLE_FIX)]


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
