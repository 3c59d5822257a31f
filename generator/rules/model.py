"""Findings and statuses: what the checks say about the archive."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..archive.scan import ArchiveFile


class Severity(str, enum.Enum):
    ERROR = "error"
    """未达标: the evaluators will not accept it as it is."""
    WARNING = "warning"
    """待核实: a person has to look at it."""

    @property
    def label(self) -> str:
        return {"error": "未达标", "warning": "待核实"}[self.value]


class Status(str, enum.Enum):
    """The state of a requirement, standard or indicator, as the self-check names it."""

    COMPLIANT = "compliant"
    FAILING = "failing"
    TO_VERIFY = "to-verify"

    @property
    def label(self) -> str:
        return {"compliant": "达标", "failing": "未达标", "to-verify": "待核实"}[self.value]

    @classmethod
    def of(cls, findings: list[Finding]) -> Status:
        """未达标 with any error, 待核实 with warnings only, else 达标."""
        severities = {f.severity for f in findings}
        if Severity.ERROR in severities:
            return cls.FAILING
        if Severity.WARNING in severities:
            return cls.TO_VERIFY
        return cls.COMPLIANT


@dataclass(frozen=True)
class Finding:
    """One thing wrong or doubtful, where it is, and how to put it right."""

    rule: str
    """Stable rule code ('requirement.missing', 'file.unreadable', ...)."""
    severity: Severity
    message: str
    """Chinese, with the measured value against the expected one."""
    fix: str
    """Chinese: what to do about it."""
    indicator: str | None = None
    standard: str | None = None
    """'' for an unnumbered standard, None when the finding is above that level."""
    requirement: str | None = None
    file: str | None = None
    """The file's path relative to the archive's root."""
    subject: str = ""
    """What tells this finding from another of its rule at the same place (and file): the
    kind asked, the meeting or activity folder, the deadline; '' where the rule fires once
    there. Never a measured value: it is part of the finding's stable id (finding_ids.py),
    which must survive a partial fix ('照片 3 张' becoming '4 张')."""

    def concerns(self, indicator: str, standard: str | None = None,
                 requirement: str | None = None) -> bool:
        """True when the finding sits at or below this place."""
        return (
            self.indicator == indicator
            and (standard is None or self.standard == standard)
            and (requirement is None or self.requirement == requirement)
        )


def at(file: ArchiveFile, rule: str, severity: Severity, message: str, fix: str) -> Finding:
    """A finding about one file, placed where the file is."""
    return Finding(
        rule=rule, severity=severity, message=message, fix=fix,
        indicator=file.place.indicator, standard=file.place.standard,
        requirement=file.place.requirement, file=file.rel_path,
    )
