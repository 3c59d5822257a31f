"""Requirement-level checks: is there material for what the framework asks?"""

from __future__ import annotations

from ..framework import Indicator, Requirement, Standard
from ..scan import ArchiveFile
from . import messages
from .model import Finding, Severity


def missing_material(indicator: Indicator, standard: Standard, requirement: Requirement,
                     files: list[ArchiveFile]) -> list[Finding]:
    """requirement.missing: a requirement with no file at all."""
    if files:
        return []
    asked = "、".join(a.label for a in requirement.asks) or "材料"
    place = " / ".join(p for p in (indicator.title, standard.label, requirement.label) if p)
    return [Finding(
        rule="requirement.missing",
        severity=Severity.ERROR,
        message=messages.MISSING_MATERIAL.format(asked=asked),
        fix=messages.MISSING_MATERIAL_FIX.format(asked=asked, place=place),
        indicator=indicator.code,
        standard=standard.code or "",
        requirement=requirement.code or "",
    )]
