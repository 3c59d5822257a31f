"""File-level checks that need no rule parameters: unreadable files, stray files and folders."""

from __future__ import annotations

from dataclasses import replace

from ..inspectors.model import Inspected
from ..scan import ArchiveFile
from . import messages
from .model import Finding, Severity


def unreadable_file(file: ArchiveFile, inspected: Inspected) -> list[Finding]:
    """file.unreadable: corrupt, truncated, encrypted, empty or of an unknown type."""
    problem = inspected.problem
    if problem is None:
        return []
    message = problem.reason if problem.reason.startswith(problem.label) else \
        messages.UNREADABLE.format(label=problem.label, reason=problem.reason)
    return [_at(file, Finding(
        rule=f"file.{problem.code}",
        severity=Severity.ERROR,
        message=message,
        fix=messages.UNREADABLE_FIX,
    ))]


def stray_file(file: ArchiveFile) -> list[Finding]:
    """file.stray: a file that reached no indicator, or no requirement inside one."""
    if file.place.requirement is not None:
        return []
    if file.place.indicator is None:
        message, fix = messages.STRAY_FILE, messages.STRAY_FILE_FIX
    else:
        message, fix = messages.UNPLACED_FILE, messages.UNPLACED_FILE_FIX
    return [_at(file, Finding(
        rule="file.stray", severity=Severity.WARNING,
        message=message.format(path=file.rel_path), fix=fix,
    ))]


def stray_folder(rel_path: str) -> list[Finding]:
    """folder.stray: a folder whose name matched no level of the framework."""
    return [Finding(
        rule="folder.stray", severity=Severity.WARNING,
        message=messages.STRAY_FOLDER.format(path=rel_path), fix=messages.STRAY_FOLDER_FIX,
        file=rel_path,
    )]


def _at(file: ArchiveFile, finding: Finding) -> Finding:
    """The finding placed where the file is."""
    return replace(
        finding, indicator=file.place.indicator, standard=file.place.standard,
        requirement=file.place.requirement, file=file.rel_path,
    )
