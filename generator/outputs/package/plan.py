"""What goes into the package under which name, decided from the view alone (no file is read).

Names follow the submission rules (seed 000):
- 说明报告: "材料编号+内容+说明报告", 内容 from the report's title ("事项+说明报告"), else its
  file name's subject, else the requirement's words;
- 正式发文, 部门评价, 数据表格: "材料编号+内容", 内容 from the document's title, else the
  file name's subject, else the requirement's words;
- 图片资料: scene photos "时间+地点+活动名称+主办单位+活动主题", screenshots
  "媒体名称+刊播时间+报道主题": facts only the person who took the photo knows. A name the
  checks found complete is kept; one that lacks only the time gets the date the camera
  wrote; any other is packed under its own name and listed as not named, with the check's
  words as the reason.

材料编号 is the file's place in the framework: indicator, standard, requirement
('Ⅲ-2-1-④'; 'Ⅲ-26' for an indicator with no lower level).

Files the platform would refuse are those the checks already found out of format or size
(photo.format, photo.size, document.format, document.size, report.format, table.format) or
unreadable: they are listed and left out unless asked for. Links and special files are never
read, and files that reached no indicator have no 材料编号: both are listed, never packed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import codes, dates, naming
from ...rules.roles import role_of
from ...view import CheckedArchive, FileView, IndicatorView
from ...framework import Requirement
from .names import MAX_NAME, MAX_PATH, Folder, encodes_in_gbk, safe_name

MATERIAL_TYPES = ("图片资料", "正式发文", "部门评价", "说明报告", "数据表格")
"""The five types of submitted material (seed 000), in the seed's order."""
OTHER_TYPE = "其他材料"
"""Files of no type (video, audio, anything else): the platform takes none of them."""

GROUPINGS = ("type", "indicator")

REFUSING_RULES = {"photo.format", "photo.size", "document.format", "document.size", "report.format",
                  "table.format", "file.executable"}
"""Findings that mean the platform would refuse the file (seed 000's formats and sizes)."""
UNREADABLE_RULES = {"file.empty", "file.corrupt", "file.truncated", "file.encrypted", "file.unknown-type",
                    "file.mislabelled", "file.too-large", "file.inflated", "file.unsupported", "file.unreadable"}

_ROLE_TYPES = {"photo": "图片资料", "screenshot": "图片资料", "document": "正式发文", "report": "说明报告",
               "table": "数据表格"}
_REPORT_WORD = "说明报告"
_SUBJECT_NOISE = re.compile(r"^[\s\-－_:：.．、]+|[\s\-－_:：.．、]+$")
_REQUIREMENT_NOISE = re.compile(r"[（(][^）)]*[）)]|^提供|^报送|^上传")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SEQUENCE = re.compile(r"^\s*\d{1,3}(?:[\s\-－_:：.．、]+|(?=[^\d" + "".join(sorted(codes.UNITS)) + r"]))")
"""A file name's leading sequence number ('01-', '02 ', '03会议'), not a quantity ('12月')."""

NOT_TYPED = "不属于网申资料的五种类型（图片资料、正式发文、部门评价、说明报告、数据表格），网申平台不收"
NO_PLACE = "未归入任何测评内容，没有材料编号"
HAZARD = "是链接或特殊文件，从不读取"
NO_CONTENT = "文件名、标题和材料要求中都读不出内容"
PHOTO_FACTS = "照片名称须写明时间、地点、活动名称、主办单位和活动主题，只有拍摄的人知道"


@dataclass(frozen=True)
class Entry:
    """One file put into the package."""

    view: FileView
    path: str
    """Where it goes in the package: '/'-separated, safe for Windows."""
    material: str
    """One of MATERIAL_TYPES, or OTHER_TYPE."""
    named: bool
    """False: packed under its own name, which does not follow the rules (see `reason`)."""
    reason: str = ""
    refused: str = ""
    """Why the platform would refuse it, when it is packed all the same (include_refused)."""


@dataclass(frozen=True)
class LeftOut:
    """A file not packed, and why."""

    view: FileView
    reason: str
    material: str = ""


@dataclass
class Plan:
    entries: list[Entry] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)

    @property
    def unnamed(self) -> list[Entry]:
        return [e for e in self.entries if not e.named]

    @property
    def refused(self) -> list[LeftOut]:
        """Files left out because the platform would refuse them (not those that can't be placed)."""
        return [item for item in self.left_out if item.material]


@dataclass(frozen=True)
class _Candidate:
    view: FileView
    indicator: IndicatorView
    number: str
    requirement: Requirement | None
    group: str | None


def plan_package(archive: CheckedArchive, *, group: str = "type", include_refused: bool = False) -> Plan:
    """The package of `archive`: each placed file with its new name, grouped by material type
    (`group='type'`) or by indicator, and the files left out with the reason."""
    if group not in GROUPINGS:
        raise ValueError(group)
    plan = Plan()
    folders: dict[str, Folder] = {}
    for candidate in _candidates(archive):
        view = candidate.view
        if view.file.hazard is not None:
            plan.left_out.append(LeftOut(view, HAZARD))
            continue
        material = _material(candidate)
        refusal = refusal_of(view) or (NOT_TYPED if material == OTHER_TYPE else "")
        if refusal and not include_refused:
            plan.left_out.append(LeftOut(view, refusal, material))
            continue
        name, reason = submission_name(candidate, material)
        folder = _folder(candidate, material, group)
        taken = folders.setdefault(folder, Folder())
        limit = min(MAX_NAME, MAX_PATH - len(folder) - 1)
        keep_end = f"+{_REPORT_WORD}" if name and material == "说明报告" else ""  # the name must end so
        path = f"{folder}/{taken.claim(name or view.file.name, limit, keep_end)}"
        plan.entries.append(Entry(view, path, material, name is not None, reason, refusal))
    seen = {e.view.file.rel_path for e in plan.entries} | {item.view.file.rel_path for item in plan.left_out}
    plan.left_out += [LeftOut(v, NO_PLACE) for path, v in archive.files.items() if path not in seen]
    return plan


def refusal_of(view: FileView) -> str:
    """Why the platform would refuse the file, in the checks' own words; '' when it would not."""
    for finding in view.findings:
        if finding.rule in REFUSING_RULES or finding.rule in UNREADABLE_RULES:
            return finding.message
    return ""


def material_number(indicator: str, standard: str | None, requirement: str | None) -> str:
    """'Ⅲ-2-1-④': the codes of the file's place; a requirement by its circled number (GBK has
    ① to ⑩; past them the number in brackets)."""
    parts = [indicator.replace(codes.POSITION_MARK, "-").strip("-")]
    if standard:
        parts.append(standard.replace(codes.POSITION_MARK, ""))
    if requirement:
        circled = codes.circled(requirement) if requirement.isdigit() else requirement
        parts.append(circled if encodes_in_gbk(circled) else f"（{requirement}）")
    return "-".join(p for p in parts if p)


def submission_name(candidate: _Candidate, material: str) -> tuple[str | None, str]:
    """(the name the rules ask for, '') or (None, why it can't be made)."""
    view, suffix = candidate.view, candidate.view.file.suffix
    if material == "图片资料":
        return _photo_name(view)
    if material == OTHER_TYPE:
        return None, NOT_TYPED
    content = _content(candidate, material)
    if not content:
        return None, NO_CONTENT
    if material == "说明报告":
        return f"{candidate.number}+{content}+{_REPORT_WORD}{suffix}", ""
    return f"{candidate.number}+{content}{suffix}", ""


def _candidates(archive: CheckedArchive):
    """Every placed file in framework order, with its 材料编号 and requirement."""
    for iv in archive.indicators:
        code = iv.indicator.code
        for sv in iv.standards:
            for rv in sv.requirements:
                number = material_number(code, sv.standard.code, rv.requirement.code)
                for view in rv.files:
                    yield _Candidate(view, iv, number, rv.requirement, None)
                for name, views in rv.groups.items():
                    for view in views:
                        yield _Candidate(view, iv, number, rv.requirement, name)
            for view in sv.loose:
                yield _Candidate(view, iv, material_number(code, sv.standard.code, None), None, None)
        for view in iv.loose:
            yield _Candidate(view, iv, material_number(code, None, None), None, None)


def _material(candidate: _Candidate) -> str:
    view, requirement = candidate.view, candidate.requirement
    if view.inspected is None:
        return OTHER_TYPE
    asked = {a.kind for a in requirement.asks} if requirement else set()
    role = role_of(view.file, view.inspected, requirement) if view.inspected.readable else view.kind
    if asked == {"evaluation"} and role in ("document", "report", "table"):
        return "部门评价"
    return _ROLE_TYPES.get(role, OTHER_TYPE)


def _folder(candidate: _Candidate, material: str, group: str) -> str:
    """The indicator's folder; or the type's, photos in it by 材料编号 (their names carry none)."""
    if group == "indicator":
        return safe_name(candidate.indicator.indicator.title, 40)
    order = MATERIAL_TYPES.index(material) + 1 if material in MATERIAL_TYPES else len(MATERIAL_TYPES) + 1
    folder = f"{order}-{material}"
    return f"{folder}/{safe_name(candidate.number, 40)}" if material == "图片资料" else folder


def _photo_name(view: FileView) -> tuple[str | None, str]:
    lacking = [f for f in view.findings if f.rule == "photo.naming"]
    if not lacking:
        return view.file.name, ""
    taken = dates.iso_date(getattr(view.inspected, "exif_datetime", None))
    if taken is not None and naming.scene_photo_missing(view.file.stem) == ["时间"]:
        return f"{taken.year}年{taken.month}月{taken.day}日+{view.file.name}", ""
    return None, lacking[0].message


def _content(candidate: _Candidate, material: str) -> str:
    """内容: the title, else the file name's subject, else the requirement's words; with the
    group (the meeting, the activity) in front for papers of one meeting."""
    view = candidate.view
    code = candidate.indicator.indicator.code
    for text in (_without_code(_title(view), code), _subject(view.file.stem, code), _asked(candidate)):
        text = text.strip()
        if material == "说明报告":
            text = text.removesuffix(_REPORT_WORD).strip()
        if len(_CJK.findall(text)) >= 2:
            if candidate.group and material != "说明报告":
                text = f"{codes.strip_code(candidate.group) or candidate.group} {text}"
            return text
    return ""


def _title(view: FileView) -> str:
    title = getattr(view.inspected, "title", "") or ""
    if title.lower().startswith(("microsoft", "untitled", "无标题", "scan")):
        return ""
    return title


def _subject(stem: str, indicator_code: str) -> str:
    """'01-Ⅲ-2中心组学习情况说明报告' -> '中心组学习情况说明报告'; '12月工作总结' stays."""
    return _without_code(_SEQUENCE.sub("", stem), indicator_code)


def _without_code(text: str, indicator_code: str) -> str:
    """The text without a leading code of the file's own indicator (the 材料编号 says it)."""
    text = _SUBJECT_NOISE.sub("", text)
    key = codes.indicator_key(text)
    if key is not None and key == codes.indicator_key(indicator_code):
        text = codes.strip_code(text)
    return _SUBJECT_NOISE.sub("", text)


def _asked(candidate: _Candidate) -> str:
    if candidate.requirement is None:
        return ""
    return _REQUIREMENT_NOISE.sub("", candidate.requirement.text)[:30]
