"""The framework (测评体系): categories, indicators, standards, requirements, and its loading.

The framework file is `criteria.yml` at the archive's root. Without it the folder
tree is the framework: each top-level folder an indicator, each folder below it a
standard, and each folder below that a requirement.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from .. import codes
from .deadlines import Deadline, DeadlineError, parse_deadline
from ..excerpt import excerpt
from ..guarded_yaml import GuardedLoader, YAMLRefused, load as load_guarded, not_regular_reason, read_regular_file
from .params import LIMIT_NAMES, InspectionLimits, Params, validate_params

FRAMEWORK_FILE = "criteria.yml"

KINDS = {
    "document": "规范文件",
    "report": "说明报告",
    "photo": "实景图片",
    "screenshot": "截图",
    "table": "统计表格",
    "meeting": "会议材料",
    "media": "音像资料",
    "evaluation": "部门评价",
    "other": "其他材料",
}
"""What a requirement can ask for, by code name, with the word the framework uses."""

MAX_SCORE = 1000
"""A standard's score: a whole framework has some 100 points."""
MAX_COUNT = 1000
"""Items a requirement can ask for (photos, meetings, activities)."""
MAX_CHARS = 100_000
"""The length of a report a requirement can ask for, in characters."""

PER_GROUPS = {"meeting": "每次会议", "activity": "每项活动", "category": "每类", "month": "每月",
              "quarter": "每季度", "half-year": "每半年", "year": "每年", "two-years": "每两年"}
"""What a count can be per: a group of the archive (meeting, activity, category) or a span of time."""
CAPTION_ELEMENTS = ("时间", "地点", "活动名称", "主办单位", "主题", "人物")
"""What a photo's name (its caption) can be asked to state ('图片需注明活动时间、主题')."""

_UNITS = {"meeting": "次", "photo": "张", "screenshot": "张", "document": "份", "report": "份", "table": "份"}


class FrameworkError(Exception):
    """A framework file that can't be read; the message is for the user (Chinese)."""

    def __init__(self, message: str, *, path: Path | None = None, line: int | None = None,
                 column: int | None = None):
        self.path = path
        self.line = line
        where = f"{path.name if path else FRAMEWORK_FILE}" + (f" 第 {line} 行" if line else "")
        where += f"第 {column} 列" if line and column else ""
        super().__init__(f"{where}：{message}")


@dataclass(frozen=True)
class Owner:
    """Who answers for a standard: 责任领导 / 责任科室 / 责任人."""

    leader: str = ""
    department: str = ""
    person: str = ""

    def __str__(self) -> str:
        return " / ".join(part for part in (self.leader, self.department, self.person) if part)


@dataclass(frozen=True)
class Ask:
    """One thing a requirement asks for: a kind of material and how much of it."""

    kind: str
    """One of KINDS: 'document', 'report', 'photo', ..."""
    count: int | None = None
    """How many items (photos, meetings, activities, kinds); None where the text names none."""
    chars: int | None = None
    """For a report: the length asked, in characters (±10% applies)."""
    per: str | None = None
    """One of PER_GROUPS when the count is per group: '5张实景照片' of each meeting, '每类各10张'."""
    at_least: bool = False
    """The count is a minimum ('不少于4次', '至少3个'; count_min in criteria.yml)."""
    chars_min: int | None = None
    """For a report: at least this many characters ('不少于500字', '800—1000字')."""
    chars_max: int | None = None
    """For a report: at most this many characters ('500字以内', '不超过800字')."""
    occasions: int | None = None
    """For photos per activity: how many activities at least ('至少3个传统节日', '不少于4次活动')."""
    caption: tuple[str, ...] = ()
    """CAPTION_ELEMENTS each item's name must state ('图片需注明活动时间、主题')."""
    seal: bool = False
    """The material bears the unit's seal ('加盖公章')."""
    deadline: Deadline | None = None
    """When the material is due ('每月25日前报送', '6月底前')."""

    @property
    def label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def summary(self) -> str:
        """What is asked, in the framework's words: '实景图片 5 张/每次会议', '说明报告（约 300 字）',
        '会议材料 至少 3 次/每年', '说明报告（不超过 500 字）', '统计表格，加盖公章，每月25日前'."""
        text = self.label
        if self.count:
            text += f" {'至少 ' if self.at_least else ''}{self.count} {_UNITS.get(self.kind, '个')}"
            text += f"/{PER_GROUPS[self.per]}" if self.per in PER_GROUPS else ""
        if self.occasions:
            text += f"，至少 {self.occasions} 项活动"
        length = self.length_words
        if length:
            text += f"（{length}）"
        if self.caption:
            text += f"，名称注明{'、'.join(self.caption)}"
        if self.seal:
            text += "，加盖公章"
        if self.deadline:
            text += f"，{self.deadline.label}"
        return text

    @property
    def length_words(self) -> str:
        """The length asked, in words: '约 300 字', '800–1000 字', '不少于 500 字', '不超过 800 字'; '' for none."""
        if self.chars:
            return f"约 {self.chars} 字"
        if self.chars_min and self.chars_max:
            return f"{self.chars_min}–{self.chars_max} 字"
        if self.chars_min:
            return f"不少于 {self.chars_min} 字"
        if self.chars_max:
            return f"不超过 {self.chars_max} 字"
        return ""


@dataclass(frozen=True)
class Requirement:
    """材料报送要求: one numbered part of what a standard asks to be submitted."""

    code: str | None
    """The part's number as text ('4' for ④); None for the single unnumbered part."""
    text: str
    """The framework's original words."""
    asks: tuple[Ask, ...] = ()
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    """Rule parameters set for this requirement only (they win over the framework's)."""

    @property
    def label(self) -> str:
        return codes.circled(self.code) if self.code else "材料"


@dataclass(frozen=True)
class Standard:
    """测评标准: what the indicator is measured against, with its score and owner."""

    code: str | None
    """'1' for '1）'; None for a standard without a number."""
    text: str
    score: float = 0.0
    methods: tuple[str, ...] = ()
    owner: Owner = Owner()
    requirements: tuple[Requirement, ...] = ()
    relapse: bool = False
    """易反弹: marked by a user as likely to slip back."""
    deadline: dt.date | None = None

    @property
    def label(self) -> str:
        return f"{self.code}）" if self.code else "标准"

    def requirement(self, key: str | None) -> Requirement | None:
        """The requirement numbered `key`, or the only one when `key` is None."""
        if key is None:
            return self.requirements[0] if len(self.requirements) == 1 else None
        return next((r for r in self.requirements if r.code == key), None)


@dataclass(frozen=True)
class Indicator:
    """测评内容: one indicator, one page of the binder."""

    code: str
    """Canonical code ('Ⅲ-2', '1.1', '3', or a position code '§2' for a row with none);
    for a folder-only framework the folder's name."""
    name: str
    category: str
    standards: tuple[Standard, ...] = ()
    group: str = ""
    """The sub-category it belongs to ('Ⅱ-1 深入学习宣传…') in a four-level table; '' without one."""
    item_score: float | None = None
    """The score the table prints for the whole item ('组织领导(15分)', a 分值 cell merged over its
    standards); None when it prints none. The tallies count the standards' scores (`score`):
    where the item's score is not their sum, the dashboard shows their sum and the import says so."""

    @property
    def shown_code(self) -> str:
        return codes.shown_code(self.code)

    @property
    def title(self) -> str:
        if codes.is_position_code(self.code):  # no code was typed: the name alone, never '§1'
            return self.name or codes.shown_code(self.code)
        return f"{self.code} {self.name}".strip() if self.name != self.code else self.code

    @property
    def slug(self) -> str:
        return codes.indicator_slug(self.code)

    @property
    def score(self) -> float:
        return round(sum(s.score for s in self.standards), 2)

    @property
    def owners(self) -> list[Owner]:
        return list(dict.fromkeys(s.owner for s in self.standards))

    def standard(self, key: str | None) -> Standard | None:
        """The standard numbered `key`, or the only one when `key` is None."""
        if key is None:
            return self.standards[0] if len(self.standards) == 1 else None
        return next((s for s in self.standards if s.code == key), None)


@dataclass(frozen=True)
class Category:
    """测评项目: a group of indicators, a section of the navigation."""

    name: str
    indicators: tuple[Indicator, ...] = ()
    code: str = ""
    """The category's code as the table numbers it ('Ⅰ-1'), '' when it has none."""

    @property
    def groups(self) -> list[tuple[str, list[Indicator]]]:
        """Its indicators by sub-category, in order ('' for indicators outside any)."""
        out: list[tuple[str, list[Indicator]]] = []
        for indicator in self.indicators:
            if not out or out[-1][0] != indicator.group:
                out.append((indicator.group, []))
            out[-1][1].append(indicator)
        return out


def indicator_code(text: str) -> str | None:
    """The canonical code of an indicator however typed ('III.2' -> 'Ⅲ-2', '1、' -> '1',
    '§2' stays); None for what is no code."""
    key = codes.indicator_key(text)
    if key is not None:
        return key
    code = codes.parse_code(text.strip())
    return code.canonical if code is not None and not code.name else None


@dataclass(frozen=True)
class Framework:
    """测评体系: everything the archive is checked against."""

    title: str
    categories: tuple[Category, ...]
    unit: str = ""
    period: tuple[dt.date, dt.date] | None = None
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    """Rule parameters for the whole framework (defaults of the rules otherwise)."""
    from_folders: bool = False
    """True when there was no framework file and the folder tree stood for it."""

    @property
    def indicators(self) -> list[Indicator]:
        return [i for c in self.categories for i in c.indicators]

    @property
    def standards(self) -> list[Standard]:
        return [s for i in self.indicators for s in i.standards]

    @property
    def score(self) -> float:
        return round(sum(i.score for i in self.indicators), 2)

    def indicator(self, code: str) -> Indicator | None:
        """The indicator whose code reads as `code` ('III-2' finds 'Ⅲ-2')."""
        key = indicator_code(code) or code.strip()
        return next((i for i in self.indicators if (indicator_code(i.code) or i.code) == key), None)

    def params_for(self, requirement: Requirement | None = None) -> Params:
        """The rule parameters in force: defaults, then the framework's, then the requirement's."""
        params = Params().with_overrides(self.params)
        return params.with_overrides(requirement.params) if requirement else params

    def inspection_limits(self) -> InspectionLimits:
        """How much of each file the inspectors may read: the framework's `params:`."""
        return InspectionLimits.from_params(self.params)

    def walk(self) -> Iterator[tuple[Indicator, Standard, Requirement]]:
        for indicator in self.indicators:
            for standard in indicator.standards:
                for requirement in standard.requirements:
                    yield indicator, standard, requirement


# --- loading ---------------------------------------------------------------------


def load_framework(archive_dir: Path) -> Framework:
    """The framework of an archive: its criteria.yml, or its folder tree where there is none."""
    path = archive_dir / FRAMEWORK_FILE
    if not path.exists() and not path.is_symlink():
        return framework_from_folders(archive_dir)
    # A link (even into the archive), a folder or a pipe at that name is refused, never
    # followed or read: what is read as the framework is the file the archive holds.
    reason = not_regular_reason(path)
    if reason is not None:
        raise FrameworkError(reason, path=path)
    return load_framework_file(path)


class _LineLoader(GuardedLoader):
    """The guarded YAML loader, remembering the line of every mapping for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_framework_file(path: Path) -> Framework:
    """Read a criteria.yml; a malformed one raises FrameworkError with its line."""
    try:
        data = load_guarded(read_regular_file(path), _LineLoader)
    except YAMLRefused as error:
        raise FrameworkError(error.message, path=path, line=error.line, column=error.column) from None
    return _read_framework(data, path)


def _read_framework(data: Any, path: Path) -> Framework:
    reader = _Reader(path)
    top = reader.mapping(data, "测评体系文件")
    categories = tuple(
        _read_category(reader, item) for item in reader.items(top, "categories", required=True)
    )
    seen: dict[str, int] = {}
    for indicator in (i for c in categories for i in c.indicators):
        key = indicator_code(indicator.code) or indicator.code
        if key in seen:
            raise FrameworkError(f"测评内容 {indicator.code} 重复出现（第 {seen[key]} 行已有）", path=path)
        seen[key] = reader.last_line
    return Framework(
        title=reader.text(top, "framework", required=True),
        unit=reader.text(top, "unit"),
        period=reader.period(top),
        params=reader.params(top),
        categories=categories,
    )


def _read_category(reader: _Reader, data: Any) -> Category:
    item = reader.mapping(data, "测评项目")
    name = reader.text(item, "name", required=True)
    return Category(
        name=name,
        indicators=tuple(
            _read_indicator(reader, i, name) for i in reader.items(item, "indicators", required=True)
        ),
        code=reader.text(item, "code"),
    )


def _read_indicator(reader: _Reader, data: Any, category: str) -> Indicator:
    item = reader.mapping(data, "测评内容")
    code = reader.text(item, "code", required=True)
    key = indicator_code(code)
    if key is None:
        reader.fail(item, f"测评内容编号“{excerpt(code)}”无法识别，应为“Ⅲ-2”“1.1”“3”这样的形式")
    return Indicator(
        code=key,
        name=reader.text(item, "name"),
        category=category,
        standards=tuple(_read_standard(reader, s) for s in reader.items(item, "standards", required=True)),
        group=reader.text(item, "group"),
        item_score=reader.number(item, "score") if item.get("score") is not None else None,
    )


def _read_standard(reader: _Reader, data: Any) -> Standard:
    item = reader.mapping(data, "测评标准")
    owner = reader.mapping(item.get("owner") or {"__line__": item["__line__"]}, "责任人")
    deadline = item.get("deadline")
    if deadline is not None and not isinstance(deadline, dt.date):
        reader.fail(item, f"deadline 应为日期（如 2017-06-30），而不是“{excerpt(deadline)}”")
    return Standard(
        code=reader.code(item, codes.standard_key),
        text=reader.text(item, "text", required=True),
        score=reader.number(item, "score"),
        methods=tuple(reader.strings(item, "methods")),
        owner=Owner(
            leader=reader.text(owner, "leader"),
            department=reader.text(owner, "department"),
            person=reader.text(owner, "person"),
        ),
        requirements=tuple(_read_requirement(reader, r) for r in reader.items(item, "requirements")),
        relapse=bool(item.get("relapse", False)),
        deadline=deadline,
    )


def _read_requirement(reader: _Reader, data: Any) -> Requirement:
    item = reader.mapping(data, "材料报送要求")
    return Requirement(
        code=reader.code(item, codes.requirement_key),
        text=reader.text(item, "text", required=True),
        asks=tuple(_read_ask(reader, a) for a in reader.items(item, "asks")),
        params=reader.params(item, top=False),
    )


def _read_ask(reader: _Reader, data: Any) -> Ask:
    item = reader.mapping(data, "材料种类")
    kind = reader.text(item, "kind", required=True)
    if kind not in KINDS:
        reader.fail(item, f"材料种类“{excerpt(kind)}”未知，可选：{'、'.join(KINDS)}")
    per = item.get("per")
    if per is not None and per not in PER_GROUPS:
        reader.fail(item, f"per 只能是 {'、'.join(PER_GROUPS)} 之一，而不是“{excerpt(per)}”")
    count, count_min = reader.integer(item, "count", MAX_COUNT), reader.integer(item, "count_min", MAX_COUNT)
    if count is not None and count_min is not None:
        reader.fail(item, "count（恰好）和 count_min（至少）只能写一个")
    chars, chars_min, chars_max = (reader.integer(item, key, MAX_CHARS) for key in ("chars", "chars_min", "chars_max"))
    if chars is not None and (chars_min is not None or chars_max is not None):
        reader.fail(item, "chars（约 N 字）不能与 chars_min、chars_max 同时写")
    if chars_min is not None and chars_max is not None and chars_min > chars_max:
        reader.fail(item, f"chars_min（{chars_min}）大于 chars_max（{chars_max}）")
    return Ask(
        kind=kind,
        count=count if count is not None else count_min,
        chars=chars,
        per=per,
        at_least=count_min is not None,
        occasions=reader.integer(item, "occasions", MAX_COUNT),
        chars_min=chars_min,
        chars_max=chars_max,
        caption=_read_caption(reader, item),
        seal=reader.flag(item, "seal"),
        deadline=_read_deadline(reader, item),
    )


def _read_caption(reader: _Reader, item: dict) -> tuple[str, ...]:
    elements = reader.strings(item, "caption")
    unknown = next((e for e in elements if e not in CAPTION_ELEMENTS), None)
    if unknown is not None:
        reader.fail(item, f"caption 中的“{excerpt(unknown)}”未知，可选：{'、'.join(CAPTION_ELEMENTS)}")
    return tuple(dict.fromkeys(elements))


def _read_deadline(reader: _Reader, item: dict) -> Deadline | None:
    value = item.get("deadline")
    if value is None:
        return None
    hint = "可写作“每月25日前”“6月底前”“11月25日前”“上级发文后1个月内”"
    if not isinstance(value, str):
        reader.fail(item, f"deadline 应为文字（{hint}），而不是“{excerpt(str(value))}”")
    try:
        deadline = parse_deadline(value)
    except DeadlineError as error:
        reader.fail(item, f"deadline {error}")
    if deadline is None:
        reader.fail(item, f"deadline“{excerpt(value)}”无法识别，{hint}")
    return deadline


class _Reader:
    """Typed access to the loaded YAML, failing with the line of the offending mapping."""

    def __init__(self, path: Path):
        self.path = path
        self.last_line: int | None = None

    def fail(self, item: dict, message: str) -> None:
        raise FrameworkError(message, path=self.path, line=item.get("__line__"))

    def mapping(self, data: Any, what: str) -> dict:
        if not isinstance(data, dict):
            raise FrameworkError(f"{what}应为“键: 值”的映射，而不是“{excerpt(data)}”", path=self.path,
                                 line=self.last_line)
        self.last_line = data.get("__line__", self.last_line)
        return data

    def items(self, item: dict, key: str, *, required: bool = False) -> list:
        value = item.get(key)
        if value is None:
            if required:
                self.fail(item, f"缺少 {key}")
            return []
        if not isinstance(value, list):
            self.fail(item, f"{key} 应为列表（每项以“- ”开头）")
        return value

    def text(self, item: dict, key: str, *, required: bool = False) -> str:
        value = item.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(item, f"缺少 {key}")
            return ""
        if isinstance(value, (dict, list)):
            self.fail(item, f"{key} 应为文字")
        return str(value).strip()

    def strings(self, item: dict, key: str) -> list[str]:
        value = item.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(item, f"{key} 应为文字列表")
        return value

    def flag(self, item: dict, key: str) -> bool:
        value = item.get(key, False)
        if not isinstance(value, bool):
            self.fail(item, f"{key} 应为 true 或 false，而不是“{excerpt(value)}”")
        return value

    def number(self, item: dict, key: str, most: float = MAX_SCORE) -> float:
        value = item.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(item, f"{key} 应为数字，而不是“{excerpt(value)}”")
        if not (math.isfinite(value) and 0 <= value <= most):
            self.fail(item, f"{key} 应在 0 到 {most} 之间，而不是“{excerpt(value)}”")
        return float(value)

    def integer(self, item: dict, key: str, most: int) -> int | None:
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
            self.fail(item, f"{key} 应为 0 到 {most} 之间的整数，而不是“{excerpt(value)}”")
        return value

    def code(self, item: dict, parse) -> str | None:
        value = item.get("code")
        if value is None or str(value).strip() == "":
            return None
        key = parse(str(value)) or (str(value).strip() if str(value).strip().isdigit() else None)
        if key is None:
            self.fail(item, f"编号“{excerpt(value)}”无法识别")
        return str(int(key))

    def period(self, item: dict) -> tuple[dt.date, dt.date] | None:
        value = item.get("period")
        if value is None:
            return None
        period = self.mapping(value, "period")
        start, end = period.get("start"), period.get("end")
        if not isinstance(start, dt.date) or not isinstance(end, dt.date):
            self.fail(period, "period 需要 start 和 end 两个日期（如 2016-08-01）")
        if start > end:
            self.fail(period, f"period 的 start（{start}）晚于 end（{end}）")
        return start, end

    def params(self, item: dict, top: bool = True) -> dict[str, Any]:
        value = item.get("params")
        if value is None:
            return {}
        params = self.mapping(value, "params")
        values, error = validate_params({k: v for k, v in params.items() if k != "__line__"})
        if error:
            self.fail(params, error)
        limit = next((name for name in values if name in LIMIT_NAMES), None)
        if limit and not top:
            # A file is inspected once for the whole archive, whatever requirement it serves.
            self.fail(params, f"参数 {limit} 是文件检查的上限，只能写在顶层的 params: 中")
        return values


# --- the folder tree as the framework -------------------------------------------


def framework_from_folders(archive_dir: Path) -> Framework:
    """Without criteria.yml: top-level folders are indicators, below them standards, then requirements."""
    indicators = []
    for folder in _subfolders(archive_dir):
        code = codes.indicator_key(folder.name) or folder.name
        standards = []
        for number, sub in enumerate(_subfolders(folder), start=1):
            requirements = tuple(
                Requirement(code=codes.requirement_key(req.name) or str(n), text=codes.strip_code(req.name))
                for n, req in enumerate(_subfolders(sub), start=1)
            ) or (Requirement(code=None, text=codes.strip_code(sub.name)),)
            standards.append(
                Standard(code=codes.standard_key(sub.name) or str(number), text=codes.strip_code(sub.name),
                         requirements=requirements)
            )
        if not standards:
            standards.append(Standard(code=None, text=codes.strip_code(folder.name),
                                      requirements=(Requirement(code=None, text="材料"),)))
        name = codes.strip_code(folder.name) if codes.indicator_key(folder.name) else folder.name
        indicators.append(Indicator(code=code, name=name, category="测评指标", standards=tuple(standards)))
    return Framework(
        title=archive_dir.resolve().name,
        categories=(Category(name="测评指标", indicators=tuple(indicators)),),
        from_folders=True,
    )


def _subfolders(folder: Path) -> list[Path]:
    try:
        return sorted(
            (p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")),
            key=lambda p: p.name,
        )
    except OSError:
        return []
