"""The checks: pure functions from the framework, the scan and what the inspectors found to findings.

No rule reads a file, looks at the clock or logs: everything it needs is passed in.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..framework import Framework
from ..inspectors.model import Inspected
from ..scan import Scan
from . import files, requirements
from .model import Finding, Severity, Status

__all__ = ["check", "Finding", "Severity", "Status"]


def check(framework: Framework, scan: Scan, inspected: Mapping[str, Inspected]) -> list[Finding]:
    """Every finding about the archive, in framework order, then the unclassified ones."""
    findings: list[Finding] = []
    for indicator, standard, requirement in framework.walk():
        placed = scan.files_of(indicator.code, standard.code or "", requirement.code or "")
        findings += requirements.missing_material(indicator, standard, requirement, placed)
    for file in scan.files:
        result = inspected.get(file.rel_path)
        if result is not None:
            findings += files.unreadable_file(file, result)
        findings += files.stray_file(file)
    for folder in scan.stray_folders:
        findings += files.stray_folder(folder)
    return findings
