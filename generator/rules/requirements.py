"""Requirement-level checks: is there material, of every kind asked, in the numbers asked?

Meetings and activities are told apart by their folders (one folder a meeting) or, where
photos lie loose, by the activity their names describe.
"""

from __future__ import annotations

import re
from collections import defaultdict

import datetime as dt
from collections.abc import Mapping

from .. import dates, naming
from ..framework.deadlines import RELATIVE, late, late_after
from ..framework import PER_GROUPS, Ask, Indicator, Requirement, Standard
from ..archive.inspectors.model import Inspected, facts_by_ocr
from ..framework.params import Params
from ..archive.scan import ArchiveFile
from . import messages
from .documents import facts_date
from .model import Finding, Severity
from .roles import DOCUMENT, PHOTO, REPORT, SCREENSHOT, TABLE, fills

PICTURES = (PHOTO, SCREENSHOT)
TIME_SPANS = ("month", "quarter", "half-year", "year", "two-years")
"""Counts per span of time ('每年至少召开3次'): the archive is not sorted by time, a person counts."""
_GROUP_UNITS = {"meeting": "次会议", "activity": "项活动", "category": "类"}
_ACTIVITY = re.compile(r"活动|节日")


def missing_material(indicator: Indicator, standard: Standard, requirement: Requirement,
                     files: list[ArchiveFile], notes: list[ArchiveFile] = ()) -> list[Finding]:
    """requirement.missing: no file at all (a requirement met by the evaluators' own survey
    — 问卷调查 — needs none). requirement.explained: none, but the unit's note file says why:
    a person weighs the reason, so 待核实 rather than 未达标."""
    if files or (requirement.asks and all(a.kind == "evaluation" for a in requirement.asks)):
        return []
    asked = _asked(requirement)
    place = " / ".join(p for p in (indicator.title, standard.code and standard.label,
                                   requirement.code and requirement.label) if p)
    if notes:
        return [_finding(indicator, standard, requirement, "requirement.explained", Severity.WARNING,
                         messages.EXPLAINED_MATERIAL.format(asked=asked, note=notes[0].name),
                         messages.MISSING_MATERIAL_FIX.format(asked=asked, place=place))]
    return [_finding(indicator, standard, requirement, "requirement.missing", Severity.ERROR,
                     messages.MISSING_MATERIAL.format(asked=asked),
                     messages.MISSING_MATERIAL_FIX.format(asked=asked, place=place))]


def no_listed_material(indicator: Indicator, standard: Standard, files: list[ArchiveFile]) -> list[Finding]:
    """standard.unlisted: the framework lists no material for the standard (its table had no
    materials column) and its folder holds none: nothing says the standard is met, so a
    person decides what proves it. Never 达标 by default."""
    if standard.requirements or files:
        return []
    place = " / ".join(p for p in (indicator.title, standard.code and standard.label) if p)
    return [Finding(rule="standard.unlisted", severity=Severity.WARNING, message=messages.NO_LISTED_MATERIAL,
                    fix=messages.NO_LISTED_MATERIAL_FIX.format(place=place), indicator=indicator.code,
                    standard=standard.code or "")]


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
                                     messages.MISSING_KIND_FIX.format(kind=ask.label), subject=ask.kind))
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
        if ask.count and ask.per in TIME_SPANS:
            findings.append(_per_span(place, ask))
        elif ask.kind in PICTURES and ask.occasions:
            findings += _occasions(place, ask, params, groups, roles)
        elif ask.kind in PICTURES and ask.count and ask.per is None and len(pictures) < ask.count:
            findings.append(_finding(*place, "requirement.count", Severity.ERROR,
                                     messages.TOO_FEW_PHOTOS.format(what=ask.label, found=len(pictures), count=ask.count),
                                     messages.TOO_FEW_PHOTOS_FIX.format(count=ask.count), subject=_subject(ask)))
        elif ask.kind in PICTURES and ask.count and ask.per:
            unit = _GROUP_UNITS.get(ask.per, "项活动")
            for group, members in groups.items():
                found = sum(1 for f in members if roles.get(f.rel_path) in PICTURES)
                if found < ask.count:
                    findings.append(_finding(*place, "requirement.count", Severity.ERROR,
                                             messages.TOO_FEW_GROUP_PHOTOS.format(group=group, found=found, unit=unit, count=ask.count),
                                             messages.TOO_FEW_GROUP_PHOTOS_FIX.format(group=group),
                                             subject=_subject(ask, group)))
        elif ask.kind == "meeting":
            findings += _meetings(place, ask, groups, roles)
        elif ask.count and ask.kind not in PICTURES and ask.kind != "evaluation":
            findings.append(_finding(*place, "requirement.count-to-verify", Severity.WARNING,
                                     messages.COUNT_TO_VERIFY.format(what=ask.label, count=ask.count, unit="种（项）"),
                                     messages.COUNT_TO_VERIFY_FIX, subject=_subject(ask)))
    if _thematic(requirement, params):
        findings += _activities(place, params, groups, roles)
    return findings


def _per_span(place, ask: Ask) -> Finding:
    unit = {"meeting": "次", "photo": "张", "screenshot": "张"}.get(ask.kind, "份")
    message = messages.COUNT_PER_SPAN_TO_VERIFY.format(what=ask.label, span=PER_GROUPS[ask.per],
                                                       least="至少 " if ask.at_least else " ",
                                                       count=ask.count, unit=unit)
    return _finding(*place, "requirement.count-to-verify", Severity.WARNING, message,
                    messages.COUNT_PER_SPAN_TO_VERIFY_FIX, subject=_subject(ask))


def _occasions(place, ask: Ask, params: Params, groups: dict[str, list[ArchiveFile]],
               roles: dict[str, str]) -> list[Finding]:
    """Occasions ('至少3个传统节日', '不少于4次活动'): at least N activities, each with its photos
    (as many as asked per activity, else activity_min_photos)."""
    photos = ask.count or params.activity_min_photos
    full = [g for g, members in groups.items()
            if sum(1 for f in members if roles.get(f.rel_path) in PICTURES) >= photos]
    if len(full) >= ask.occasions:
        return []
    return [_finding(*place, "requirement.activities", Severity.ERROR,
                     messages.TOO_FEW_OCCASIONS.format(found=len(full), count=ask.occasions, photos=photos),
                     messages.TOO_FEW_OCCASIONS_FIX.format(photos=photos), subject=_subject(ask))]


def seals(indicator: Indicator, standard: Standard, requirement: Requirement, files: list[ArchiveFile],
          roles: dict[str, str], inspected: Mapping[str, Inspected]) -> list[Finding]:
    """requirement.seal: material asked '加盖公章' shows no red seal where the inspectors look for
    one (PDFs and images); where they can't (Word), one 待核实 for the requirement. Tables are
    left to table.seal, which checks every table already."""
    findings: list[Finding] = []
    place = (indicator, standard, requirement)
    for ask in (a for a in requirement.asks if a.seal and a.kind != "table"):
        members = [f for f in files if fills(roles.get(f.rel_path, ""), ask.kind) and roles.get(f.rel_path) != TABLE]
        blind = 0
        for file in members:
            result = inspected.get(file.rel_path)
            if result is None or not hasattr(result, "red_seal"):
                blind += 1
            elif not result.red_seal:
                findings.append(_file_finding(place, file, "requirement.seal", messages.SEAL_MISSING.format(
                    name=file.name), messages.SEAL_MISSING_FIX, subject=ask.kind))
        if blind:
            findings.append(_finding(*place, "requirement.seal-to-verify", Severity.WARNING,
                                     messages.SEAL_TO_VERIFY.format(what=ask.label, count=blind),
                                     messages.SEAL_TO_VERIFY_FIX, subject=ask.kind))
    return findings


def deadlines(indicator: Indicator, standard: Standard, requirement: Requirement, files: list[ArchiveFile],
              roles: dict[str, str], inspected: Mapping[str, Inspected],
              superior: dt.date | None = None) -> list[Finding]:
    """requirement.deadline: a dated file of the kind asked dated after the deadline; where no
    file's date can tell (no date in its name or PDF, a deadline counted from another event),
    one 待核实 for the requirement."""
    findings: list[Finding] = []
    place = (indicator, standard, requirement)
    for ask in (a for a in requirement.asks if a.deadline):
        checked = 0
        for file in (f for f in files if fills(roles.get(f.rel_path, ""), ask.kind)):
            date, source = file_date(file, inspected.get(file.rel_path))
            verdict = _late(ask.deadline, date, superior) if date else None
            if verdict is None:
                continue
            checked += 1
            if verdict:
                findings.append(_file_finding(place, file, "requirement.deadline", messages.DEADLINE_LATE.format(
                    deadline=ask.deadline.label, name=file.name, date=date, source=source),
                    messages.DEADLINE_LATE_FIX, subject=_deadline_subject(ask)))
        if not checked:
            why = (_why_relative(ask.deadline, superior) if late(ask.deadline, dt.date(2000, 1, 1)) is None
                   else "材料上没有可读的日期")
            findings.append(_finding(*place, "requirement.deadline-to-verify", Severity.WARNING,
                                     messages.DEADLINE_TO_VERIFY.format(what=ask.label, deadline=ask.deadline.label,
                                                                        why=why),
                                     messages.DEADLINE_TO_VERIFY_FIX, subject=_deadline_subject(ask)))
    return findings


def _late(deadline, date: dt.date, superior: dt.date | None) -> bool | None:
    """Whether `date` missed the deadline; one counted from the superior document is judged
    only when its date is known (params.superior_date)."""
    if deadline.kind == RELATIVE:
        return late_after(deadline, superior, date) if superior else None
    return late(deadline, date)


def _why_relative(deadline, superior: dt.date | None) -> str:
    if superior is None:
        return messages.DEADLINE_NO_SUPERIOR.format(after=deadline.after)
    return "材料上没有可读的日期" if deadline.unit != "个工作日" else "按工作日计的时限需扣除节假日"


FIRST_PAGE_DATE = "文件首页的日期"


def file_date(file: ArchiveFile, result: Inspected | None) -> tuple[dt.date | None, str]:
    """A file's date and where it was read: its name, else its 成文日期 (OCR on a scan: to
    verify; or its text layer), else a PDF's first page, else its metadata."""
    named = dates.first_date(file.stem)
    if named:
        return named, "名称中的日期"
    read = facts_date(result)
    if read:
        return read, messages.OCR_DATE_SOURCE if facts_by_ocr(result) else FIRST_PAGE_DATE
    page = getattr(result, "first_page_text", "")
    signed = dates.last_date(page) if page else None
    if signed:
        return signed, FIRST_PAGE_DATE
    created = dates.iso_date(getattr(result, "created", None))
    return (created, "PDF 创建日期") if created else (None, "")


def _meetings(place, ask: Ask, groups: dict[str, list[ArchiveFile]],
              roles: dict[str, str]) -> list[Finding]:
    findings = []
    if ask.count and len(groups) < ask.count:
        findings.append(_finding(*place, "requirement.count", Severity.ERROR,
                                 messages.TOO_FEW_MEETINGS.format(found=len(groups), count=ask.count),
                                 messages.TOO_FEW_MEETINGS_FIX, subject=_subject(ask)))
    for group, members in groups.items():
        if not any(roles.get(f.rel_path) in (DOCUMENT, REPORT) for f in members):
            findings.append(_finding(*place, "requirement.meeting-papers", Severity.WARNING,
                                     messages.MEETING_WITHOUT_PAPERS.format(group=group),
                                     messages.MEETING_WITHOUT_PAPERS_FIX, subject=group))
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
    return [_finding(*place, "requirement.activities", Severity.ERROR, message, messages.TOO_FEW_ACTIVITIES_FIX,
                     subject="thematic")]


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


def _subject(ask: Ask, group: str = "") -> str:
    """What tells a finding about this ask from one about another ask (or group) of the same
    requirement: the kind, what it is counted per, the group; never the counts, found or asked."""
    return "/".join(part for part in (ask.kind, ask.per or "", group) if part)


def _deadline_subject(ask: Ask) -> str:
    """An ask with a deadline: its kind and the deadline's words ('每月25日前')."""
    return f"{ask.kind}/{ask.deadline.label}" if ask.deadline else ask.kind


def _file_finding(place, file: ArchiveFile, rule: str, message: str, fix: str, subject: str = "") -> Finding:
    indicator, standard, requirement = place
    return Finding(rule=rule, severity=Severity.WARNING, message=message, fix=fix, indicator=indicator.code,
                   standard=standard.code or "", requirement=requirement.code or "", file=file.rel_path,
                   subject=subject)


def _finding(indicator: Indicator, standard: Standard, requirement: Requirement, rule: str,
             severity: Severity, message: str, fix: str, subject: str = "") -> Finding:
    """A finding about a requirement (no file); `subject` where the rule can fire more than
    once there (see Finding.subject)."""
    return Finding(rule=rule, severity=severity, message=message, fix=fix, indicator=indicator.code,
                   standard=standard.code or "", requirement=requirement.code or "", subject=subject)
