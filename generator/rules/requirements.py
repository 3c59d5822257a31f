"""Requirement-level checks: is there material, of every kind asked, in the numbers asked?

Meetings and activities are told apart by their folders (one folder a meeting) or, where
photos lie loose, by the activity their names describe.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .. import naming
from ..framework import Indicator, Requirement, Standard
from ..params import Params
from ..scan import ArchiveFile
from . import messages
from .model import Finding, Severity
from .roles import DOCUMENT, PHOTO, REPORT, SCREENSHOT, fills

PICTURES = (PHOTO, SCREENSHOT)
_ACTIVITY = re.compile(r"活动|节日")


def missing_material(indicator: Indicator, standard: Standard, requirement: Requirement,
                     files: list[ArchiveFile]) -> list[Finding]:
    """requirement.missing: no file at all (a requirement met by the evaluators' own survey
    — 问卷调查 — needs none)."""
    if files or (requirement.asks and all(a.kind == "evaluation" for a in requirement.asks)):
        return []
    asked = _asked(requirement)
    place = " / ".join(p for p in (indicator.title, standard.code and standard.label,
                                   requirement.code and requirement.label) if p)
    return [_finding(indicator, standard, requirement, "requirement.missing", Severity.ERROR,
                     messages.MISSING_MATERIAL.format(asked=asked),
                     messages.MISSING_MATERIAL_FIX.format(asked=asked, place=place))]


def missing_kinds(indicator: Indicator, standard: Standard, requirement: Requirement,
                  roles: dict[str, str]) -> list[Finding]:
    """requirement.kind: a kind asked for that no file provides ('说明报告，实景图片' with photos only)."""
    if not roles:
        return []
    findings = []
    for ask in requirement.asks:
        if not any(fills(role, ask.kind) for role in roles.values()):
            findings.append(_finding(indicator, standard, requirement, "requirement.kind", Severity.ERROR,
                                     messages.MISSING_KIND.format(kind=ask.label, asked=_asked(requirement)),
                                     messages.MISSING_KIND_FIX.format(kind=ask.label)))
    return findings


def too_few(indicator: Indicator, standard: Standard, requirement: Requirement, params: Params,
            files: list[ArchiveFile], roles: dict[str, str]) -> list[Finding]:
    """requirement.count: fewer photos, meetings or activities than asked; counts the checks
    can't make (kinds named in a report) are left to a person."""
    if not files:
        return []
    pictures = [f for f in files if roles.get(f.rel_path) in PICTURES]
    groups = _groups(files, roles)
    findings: list[Finding] = []
    place = (indicator, standard, requirement)
    for ask in requirement.asks:
        if ask.kind in PICTURES and ask.count and ask.per is None and len(pictures) < ask.count:
            findings.append(_finding(*place, "requirement.count", Severity.ERROR,
                                     messages.TOO_FEW_PHOTOS.format(what=ask.label, found=len(pictures), count=ask.count),
                                     messages.TOO_FEW_PHOTOS_FIX.format(count=ask.count)))
        elif ask.kind in PICTURES and ask.count and ask.per:
            unit = "次会议" if ask.per == "meeting" else "项活动"
            for group, members in groups.items():
                found = sum(1 for f in members if roles.get(f.rel_path) in PICTURES)
                if found < ask.count:
                    findings.append(_finding(*place, "requirement.count", Severity.ERROR,
                                             messages.TOO_FEW_GROUP_PHOTOS.format(group=group, found=found, unit=unit, count=ask.count),
                                             messages.TOO_FEW_GROUP_PHOTOS_FIX.format(group=group)))
        elif ask.kind == "meeting":
            findings += _meetings(place, ask.count, groups, roles)
        elif ask.count and ask.kind not in PICTURES and ask.kind != "evaluation":
            findings.append(_finding(*place, "requirement.count-to-verify", Severity.WARNING,
                                     messages.COUNT_TO_VERIFY.format(what=ask.label, count=ask.count, unit="种（项）"),
                                     messages.COUNT_TO_VERIFY_FIX))
    if _thematic(requirement, params):
        findings += _activities(place, params, groups, roles)
    return findings


def _meetings(place, count: int | None, groups: dict[str, list[ArchiveFile]],
              roles: dict[str, str]) -> list[Finding]:
    findings = []
    if count and len(groups) < count:
        findings.append(_finding(*place, "requirement.count", Severity.ERROR,
                                 messages.TOO_FEW_MEETINGS.format(found=len(groups), count=count),
                                 messages.TOO_FEW_MEETINGS_FIX))
    for group, members in groups.items():
        if not any(roles.get(f.rel_path) in (DOCUMENT, REPORT) for f in members):
            findings.append(_finding(*place, "requirement.meeting-papers", Severity.WARNING,
                                     messages.MEETING_WITHOUT_PAPERS.format(group=group),
                                     messages.MEETING_WITHOUT_PAPERS_FIX))
    return findings


def _activities(place, params: Params, groups: dict[str, list[ArchiveFile]],
                roles: dict[str, str]) -> list[Finding]:
    """Thematic activities (seed 000): at least N activities with at least M photos each."""
    full = [g for g, members in groups.items()
            if sum(1 for f in members if roles.get(f.rel_path) in PICTURES) >= params.activity_min_photos]
    if len(full) >= params.activity_min_count:
        return []
    message = messages.TOO_FEW_ACTIVITIES.format(found=len(full), count=params.activity_min_count,
                                                 photos=params.activity_min_photos)
    return [_finding(*place, "requirement.activities", Severity.ERROR, message, messages.TOO_FEW_ACTIVITIES_FIX)]


def _thematic(requirement: Requirement, params: Params) -> bool:
    """A thematic activity: set in the framework, or a text about 活动 asking photos without a count."""
    if params.thematic is not None:
        return params.thematic
    photo_asks = [a for a in requirement.asks if a.kind == PHOTO]
    if any(a.per == "activity" for a in photo_asks):
        return False  # counted per activity by too_few already
    return bool(photo_asks) and not any(a.count for a in photo_asks) and bool(_ACTIVITY.search(requirement.text))


def _groups(files: list[ArchiveFile], roles: dict[str, str]) -> dict[str, list[ArchiveFile]]:
    """Meetings or activities: one per sub-folder; loose photos grouped by the activity their
    names describe."""
    groups: dict[str, list[ArchiveFile]] = defaultdict(list)
    for file in files:
        if file.place.group:
            groups[file.place.group].append(file)
        elif roles.get(file.rel_path) in PICTURES:
            groups[naming.activity_key(file.stem)].append(file)
    return dict(groups)


def _asked(requirement: Requirement) -> str:
    return "、".join(a.label for a in requirement.asks) or "材料"


def _finding(indicator: Indicator, standard: Standard, requirement: Requirement, rule: str,
             severity: Severity, message: str, fix: str) -> Finding:
    return Finding(rule=rule, severity=severity, message=message, fix=fix, indicator=indicator.code,
                   standard=standard.code or "", requirement=requirement.code or "")
