"""Writing the framework out: criteria.yml for people to read and correct, and the archive's folders.

criteria.yml is written the way archive/criteria.yml is written by hand: one
mapping per level, a standard's owner and each ask on one line, the original words
in `text`, and comments beside the parsed terms saying what they were read from,
so that a user can see a mis-read quantity and fix it. `load_framework_file` reads
it back into an equal framework (the writer checks that before it replaces anything).

The folders are laid out one per indicator, standard and requirement. Nothing that
exists is renamed, moved, overwritten or deleted: a folder the scan would match to
the same place ('III-2_学习制度' for Ⅲ-2) counts as existing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import codes
from . import FRAMEWORK_FILE, PER_GROUPS, Ask, Framework, FrameworkError, Indicator, Standard, load_framework_file
from ..archive.scan import Place, place_folder  # the scan's own matching decides what "exists" means


@dataclass
class Remarks:
    """Comments written beside the terms, keyed by where they belong."""

    header: list[str] = field(default_factory=list)
    period_hint: str = ""
    """A commented `period:` line suggested from the title ('2016-2017年')."""
    from_title: str = ""
    """Said beside `unit:` and `period:` when they were read from the table's title."""
    indicator: dict[str, list[str]] = field(default_factory=dict)
    """By indicator code."""
    standard: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    """By (indicator code, standard's position): the original requirement cell."""
    requirement: dict[tuple[str, int, int], list[str]] = field(default_factory=dict)
    """By (indicator code, standard's position, requirement's position): doubts."""
    asks: dict[tuple[str, int, int], tuple[str, ...]] = field(default_factory=dict)
    """The words each ask of a requirement was read from ('说明报告，300字')."""


# --- criteria.yml ----------------------------------------------------------------------------

GUIDE = """\
# 测评体系文件（criteria.yml）
#
{header}
#
# 怎样核对、修改：
# - code 取原表编号："1）" 写作 1，"①" 写作 1；原表没有编号的标准或要求不写 code。
# - text 是原表文字（去掉了编号和句末的“；”“。”），请不要改动；改的是下面的 asks。
# - asks 列出每条要求需要的每一种材料：document 规范文件/正式发文，report 说明报告，
#   photo 实景图片，screenshot 截图，table 统计表格，meeting 会议材料，media 音像资料，
#   evaluation 部门评价/问卷调查，other 其他材料（未能识别，待核实）。
#   count 为数量（count_min 为“至少”的数量），per 表示数量按什么计：meeting 每次会议，activity 每项活动，
#   category 每类，month 每月，quarter 每季度，half-year 每半年，year 每年，two-years 每两年；
#   occasions 为至少几项活动（每项各有照片）；chars 为说明报告的大约字数（±10%），
#   chars_min / chars_max 为字数下限 / 上限；caption 为照片名称须注明的要素（时间、地点、活动名称、
#   主办单位、主题、人物）；seal: true 为须加盖公章；deadline 为报送时限（如“每月25日前”“6月底前”
#   “11月25日前”“上级发文后1个月内”）。
#   没写数量时不写 count / chars，检查时按默认规则（说明报告 800 字，专题活动至少 3 项、每项 3 张照片）。
# - 每行 asks 后面的注释是从原文哪几个字读出来的；读错了就改 asks，注释可以不管。
# - 标注“待核实”的，是没能识别材料种类的要求：请按原文改写 asks。
# - 改完运行 binder build 即可；重新导入清单（binder init --from … --force）会覆盖本文件，
#   原文件先备份为 criteria.yml.bak-日期-时间。
"""


def dump_framework(framework: Framework, remarks: Remarks | None = None) -> str:
    """The text of a criteria.yml holding the framework, commented for people."""
    remarks = remarks or Remarks()
    header = remarks.header or [f"测评体系：{framework.title}"]
    out = [GUIDE.format(header="\n".join(f"# {_one_line(line)}" for line in header))]
    out.append(f"framework: {_scalar(framework.title)}")
    said = f"   # {remarks.from_title}" if remarks.from_title else ""
    if framework.unit:
        out.append(f"unit: {_scalar(framework.unit)}{said}")
    else:
        out.append("# unit: 单位全称（可选）")
    if framework.period:
        start, end = framework.period
        out.append(f"period: {{start: {start.isoformat()}, end: {end.isoformat()}}}{said}")
    elif remarks.period_hint:
        out.append(remarks.period_hint)
    out.append(f"params: {_flow(framework.params) if framework.params else '{}'}")
    out.append("categories:")
    for category in framework.categories:
        out.append("")
        out.append(f"  # ===== {_one_line(category.name)} =====")
        out.append(f"  - name: {_scalar(category.name)}")
        if category.code:
            out.append(f"    code: {_scalar(category.code)}")
        out.append("    indicators:")
        for indicator in category.indicators:
            out.append("")
            out += _indicator_lines(indicator, remarks)
    return "\n".join(out) + "\n"


def _indicator_lines(indicator: Indicator, remarks: Remarks) -> list[str]:
    pad = " " * 6
    lines = [f"{pad}# {_one_line(c)}" for c in remarks.indicator.get(indicator.code, [])]
    lines.append(f"{pad}- code: {_scalar(indicator.code)}")
    if indicator.name:
        lines.append(f"{pad}  name: {_scalar(indicator.name)}")
    if indicator.group:
        lines.append(f"{pad}  group: {_scalar(indicator.group)}")
    if indicator.item_score is not None:  # the item's own score, as printed
        lines.append(f"{pad}  score: {indicator.item_score!r}")
    lines.append(f"{pad}  standards:")
    for index, standard in enumerate(indicator.standards):
        lines += _standard_lines(standard, remarks, (indicator.code, index))
    return lines


def _standard_lines(standard: Standard, remarks: Remarks, key: tuple[str, int]) -> list[str]:
    pad = " " * 10
    lines = []
    if standard.code is None:
        lines.append(f"{pad}# 原表此条标准没有编号")
    first = f"{pad}- "
    if standard.code is not None:
        lines.append(f"{first}code: {standard.code}")
        first = f"{pad}  "
    lines.append(f"{first}text: {_scalar(standard.text)}")
    if standard.methods:
        lines.append(f"{pad}  methods: [{', '.join(_scalar(m, flow=True) for m in standard.methods)}]")
    lines.append(f"{pad}  score: {standard.score!r}")
    owner = {k: v for k, v in (("leader", standard.owner.leader), ("department", standard.owner.department),
                               ("person", standard.owner.person)) if v}
    if owner:
        lines.append(f"{pad}  owner: {_flow(owner)}")
    if standard.relapse:
        lines.append(f"{pad}  relapse: true")
    if standard.deadline:
        lines.append(f"{pad}  deadline: {standard.deadline.isoformat()}")
    if not standard.requirements:
        return lines
    lines += [f"{pad}  # {_one_line(c)}" for c in remarks.standard.get(key, [])]
    lines.append(f"{pad}  requirements:")
    for index, requirement in enumerate(standard.requirements):
        rpad = pad + "    "
        where = (*key, index)
        lines += [f"{rpad}# {_one_line(c)}" for c in remarks.requirement.get(where, [])]
        first = f"{rpad}- "
        if requirement.code is not None:
            lines.append(f"{first}code: {requirement.code}")
            first = f"{rpad}  "
        lines.append(f"{first}text: {_scalar(requirement.text)}")
        if requirement.params:
            lines.append(f"{rpad}  params: {_flow(requirement.params)}")
        if requirement.asks:
            lines.append(f"{rpad}  asks:")
            readings = remarks.asks.get(where, ())
            for number, ask in enumerate(requirement.asks):
                reading = readings[number] if number < len(readings) else ""
                lines.append(f"{rpad}    - {_ask(ask)}{_ask_comment(ask, reading)}")
    return lines


def _ask(ask: Ask) -> str:
    """One ask on one line, in criteria.yml's terms (load_framework_file reads back the same Ask)."""
    fields = {"kind": ask.kind, "count_min" if ask.at_least else "count": ask.count, "per": ask.per,
              "occasions": ask.occasions, "chars": ask.chars, "chars_min": ask.chars_min,
              "chars_max": ask.chars_max, "caption": list(ask.caption) or None, "seal": ask.seal or None,
              "deadline": ask.deadline.label if ask.deadline else None}
    return _flow({k: v for k, v in fields.items() if v is not None})


def _ask_comment(ask: Ask, reading: str) -> str:
    if ask.kind == "other":
        return "  # 待核实：未能识别材料种类，请按原文改写"
    said = [ask.label]
    if ask.count:
        per = {**PER_GROUPS, "meeting": "每次会议", "activity": "每项活动"}.get(ask.per or "", "")
        least = "至少 " if ask.at_least else ""
        if ask.kind in ("photo", "screenshot"):
            said.append(f"{per} {least}{ask.count} 张".strip())
        elif ask.kind == "meeting":
            said.append(f"{per} {least}{ask.count} 次".strip())
        elif re.search(r"\d+\s*[种类]|[一二两三四五六七八九十]+\s*[种类]", reading):
            said.append(f"至少 {ask.count} 种")
        else:
            said.append(f"{ask.count} 份")
    if ask.length_words:
        said.append(ask.length_words)
    said += [f"至少 {ask.occasions} 项活动"] if ask.occasions else []
    said += [f"名称注明{'、'.join(ask.caption)}"] if ask.caption else []
    said += ["加盖公章"] if ask.seal else []
    said += [ask.deadline.label] if ask.deadline else []
    origin = f"（原文“{_one_line(reading)}”）" if reading and reading != ask.label else ""
    return f"  # {'，'.join(said)}{origin}"


def _flow(mapping: dict) -> str:
    return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in mapping.items()) + "}"


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return _flow(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return _scalar(str(value), flow=True)


def _scalar(text: str, *, flow: bool = False) -> str:
    """The text as a YAML scalar: plain where YAML reads it back as the same string, else quoted."""
    if text and text == text.strip() and "\n" not in text:
        probe = f"{{k: {text}}}" if flow else f"k: {text}"
        try:
            if yaml.safe_load(probe) == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What YAML does not take raw (control characters, and the line breaks NEL, LS, PS): escaped in
quoted scalars, dropped in comments."""


def _one_line(text: str) -> str:
    return " ".join(_UNPRINTABLE.sub("", str(text)).split())


@dataclass(frozen=True)
class Written:
    """What writing criteria.yml did."""

    path: Path
    backup: Path | None = None
    """Where the criteria.yml it replaced was kept."""


class FileExists(Exception):
    """criteria.yml exists and --force was not given; the message is for the user (Chinese)."""


def write_framework_file(archive_dir: Path, framework: Framework, remarks: Remarks | None = None, *,
                         force: bool = False, now: dt.datetime | None = None) -> Written:
    """Write criteria.yml into the archive, checked by loading it back.

    An existing criteria.yml (maybe edited by hand) is never lost: without `force`
    FileExists is raised and nothing is written; with it, the old file is first
    copied to criteria.yml.bak-YYYYMMDD-HHMMSS.
    """
    return _write(archive_dir, dump_framework(framework, remarks), framework, force=force, now=now)


def write_starter_file(archive_dir: Path) -> Written:
    """A small commented criteria.yml to fill in by hand; refuses to replace an existing one."""
    return _write(archive_dir, STARTER, None, force=False)


def _write(archive_dir: Path, text: str, expected: Framework | None, *, force: bool,
           now: dt.datetime | None = None) -> Written:
    path = archive_dir / FRAMEWORK_FILE
    if path.exists() and not force:
        raise FileExists(f"{path} 已经存在（里面可能有手工修改），没有覆盖")
    archive_dir.mkdir(parents=True, exist_ok=True)
    draft = archive_dir / f".{FRAMEWORK_FILE}.new"
    draft.write_text(text, encoding="utf-8")
    try:
        loaded = load_framework_file(draft)
        if expected is not None and loaded != expected:
            raise FrameworkError("写出的文件读回后与导入结果不一致（程序错误，请报告）", path=path)
    except FrameworkError:
        draft.unlink()
        raise
    backup = None
    if path.exists():
        stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        backup = archive_dir / f"{FRAMEWORK_FILE}.bak-{stamp}"
        number = 1
        while backup.exists():
            backup = archive_dir / f"{FRAMEWORK_FILE}.bak-{stamp}-{number}"
            number += 1
        shutil.copy2(path, backup)
    os.replace(draft, path)
    return Written(path=path, backup=backup)


STARTER = """\
# 测评体系文件（criteria.yml）：示例，请按本单位收到的测评体系（任务清单）改写。
#
# 最省事的办法：把收到的任务责任清单（Word 或 Excel 表格）直接导入：
#     binder init --from 任务责任清单.docx --force
# （--force：覆盖本示例文件，示例会先备份为 criteria.yml.bak-日期-时间）
#
# 手工填写时，层级是：测评项目（categories）→ 测评内容（indicators）→ 测评标准（standards）
# → 材料报送要求（requirements）→ 需要的材料（asks）。缩进用空格，不要用 Tab。

framework: 某单位2016-2017年省级文明城市创建任务清单   # 测评体系的名称
# unit: 某单位全称
# period: {start: 2016-08-01, end: 2017-12-31}        # 创建周期：文件日期应在此期间内
params: {}                                             # 检查规则的参数，不填用默认值

categories:
  - name: 共性任务                                     # 测评项目，如“共性任务”“思想道德建设”
    indicators:
      - code: Ⅲ-2                                      # 测评内容编号：罗马数字 + 序号
        name: 健全完善学习制度
        standards:
          - code: 1                                    # 测评标准编号：“1）”写作 1；没有编号就删掉这一行
            text: 以党委（党组）中心组学习为示范带动，一级抓一级、层层抓学习，完善督查考核办法。
            methods: [材料审核]                        # 测评方法
            score: 0.6                                 # 分值
            owner: {leader: 责任领导, department: 责任科室, person: 责任人}
            requirements:
              - code: 3                                # “③”写作 3
                text: 提供中心组学习的情况(说明报告，300字左右）
                asks: [{kind: report, chars: 300}]     # 说明报告，约 300 字（±10%）
              - code: 4
                text: 提供4次中心组学习会议材料（会议通知、学习内容、5张实景照片）
                # 4 次会议，每次会议 5 张实景照片
                asks: [{kind: meeting, count: 4}, {kind: photo, count: 5, per: meeting}]

# asks 的 kind 可选：document 规范文件，report 说明报告，photo 实景图片，screenshot 截图，
# table 统计表格，meeting 会议材料，media 音像资料，evaluation 部门评价，other 其他材料。
"""


# --- laying out the archive ---------------------------------------------------------------------

WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
STANDARD_NAME_CHARS = 12
REQUIREMENT_NAME_CHARS = 16
INDICATOR_NAME_CHARS = 30


@dataclass
class Layout:
    """What laying out the archive did."""

    created: list[str] = field(default_factory=list)
    """'/'-separated paths of the folders made, relative to the archive."""
    existing: list[str] = field(default_factory=list)
    """Folders that were there already and were used as they are."""
    skipped: list[str] = field(default_factory=list)
    """Chinese: levels no folder was made for, and why."""


def lay_out_archive(archive_dir: Path, framework: Framework) -> Layout:
    """Make the folders the framework asks for that are missing; touch nothing that exists."""
    layout = Layout()
    archive_dir.mkdir(parents=True, exist_ok=True)
    for indicator in framework.indicators:
        folder = _ensure(archive_dir, "", Place(), Place(indicator=indicator.code),
                         folder_name(indicator.code, indicator.name, INDICATOR_NAME_CHARS), framework, layout)
        if folder is None:
            continue
        only = indicator.standard(None)
        for standard in indicator.standards:
            place = Place(indicator=indicator.code, standard=standard.code or "")
            parent_place = place
            if standard.code is None:
                parent_place = Place(indicator=indicator.code)
                if only is None:
                    layout.skipped.append(f"{indicator.title}：有不止一条没有编号的测评标准，未建标准文件夹（请在 criteria.yml 中补编号）")
                    continue
                # An unnumbered only standard has no folder of its own: its requirements sit in the indicator's.
                standard_folder = folder
            else:
                name = folder_name(standard.code, short_name(standard.text, STANDARD_NAME_CHARS), None)
                standard_folder = _ensure(archive_dir, folder, Place(indicator=indicator.code), place, name,
                                          framework, layout)
                if standard_folder is None:
                    continue
            for requirement in standard.requirements:
                if requirement.code is None:
                    continue  # the single unnumbered requirement: files go straight into the standard's folder
                text = short_name(requirement.text, REQUIREMENT_NAME_CHARS, verbs=True) or \
                    "、".join(a.label for a in requirement.asks)
                name = folder_name(codes.circled(requirement.code), text, None)
                _ensure(archive_dir, standard_folder, parent_place,
                        Place(indicator.code, standard.code or "", requirement.code), name, framework, layout)
    return layout


def _ensure(archive_dir: Path, parent: str, parent_place: Place, target: Place, name: str,
            framework: Framework, layout: Layout) -> str | None:
    """The folder (relative path) standing for `target` inside `parent`: an existing one, or one made now."""
    parent_path = archive_dir / parent if parent else archive_dir
    for entry in _subfolders(parent_path):
        if place_folder(entry, parent_place, framework) == target:
            rel = f"{parent}/{entry}" if parent else entry
            layout.existing.append(rel)
            return rel
    rel = f"{parent}/{name}" if parent else name
    if place_folder(name, parent_place, framework) != target:
        layout.skipped.append(f"{rel}：这个名称对应不到测评体系中的位置，未建立")
        return None
    path = parent_path / name
    if path.exists() or path.is_symlink():
        layout.skipped.append(f"{rel}：已有同名的文件，未建立文件夹")
        return None
    path.mkdir()
    layout.created.append(rel)
    return rel


def _subfolders(folder: Path) -> list[str]:
    try:
        return sorted(e.name for e in os.scandir(folder)
                      if e.is_dir(follow_symlinks=False) and not e.name.startswith("."))
    except OSError:
        return []


def folder_name(code: str, name: str, limit: int | None) -> str:
    """'Ⅲ-2 健全完善学习制度': code and name, valid as a folder name on Windows too."""
    name = WINDOWS_FORBIDDEN.sub("", " ".join(name.split()))
    if limit:
        name = cut_at_word(name, limit)
    text = f"{code} {name}".strip().rstrip(". ")
    return text + "_" if text.upper() in WINDOWS_RESERVED else text


_BRACKETS = re.compile(r"[（(][^（）()]*[）)]|【[^【】]*】|〔[^〔〕]*〕")
_UNCLOSED = re.compile(r"[（(【〔].*$")
_YEARS = re.compile(r"^\d{4}\s*(?:年)?\s*(?:[-－—–~～至到]\s*\d{4}\s*)?年(?:度)?")
_LEAD_VERBS = re.compile(r"^(?:提供|说明|列举|统计|报送|上报|提交)")


def short_name(text: str, limit: int, *, verbs: bool = False) -> str:
    """A short name from a standard's or requirement's words: first clause, no brackets, quotes or years."""
    words = _UNCLOSED.sub("", _BRACKETS.sub("", _BRACKETS.sub("", text)))
    words = re.sub(r"[“”‘’\"'《》「」]", "", words)
    words = re.split(r"[，,；;。：:！!？?]", words)[0].strip()
    if verbs:
        words = _LEAD_VERBS.sub("", words)
    words = _YEARS.sub("", words).strip()
    words = WINDOWS_FORBIDDEN.sub("", words)
    if len(words) > limit:
        cut = words[:limit]
        pause = max(cut.rfind(word) for word in "、和及的")
        if pause >= limit * 2 // 3:
            cut = cut[:pause]
        else:
            cut = cut_at_word(words, limit)
        words = cut
    return words.rstrip("、和及的与. ")


def cut_at_word(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, ending where a word ends ('…示范带动', never '…示范带'):
    at punctuation or between the words jieba finds; numbers are words too ('参与率＞90%' whole or gone)."""
    if len(text) <= limit:
        return text
    kept = ""
    for word in _words(text):
        if len(kept) + len(word) > limit:
            break
        kept += word
    if not kept:  # one word longer than the limit: nowhere better to cut
        return text[:limit]
    return re.sub(r"[\d.％%＞>＜<≥≤=＝]+$", "", kept) if text[len(kept)].isdigit() else kept


def _words(text: str) -> list[str]:
    try:
        import jieba
    except ImportError:  # without jieba: the punctuation marks are the only word boundaries known
        return re.findall(r"[^、，,；;。：:（）()\s]+[、，,；;。：:（）()\s]*", text)
    import logging
    logging.getLogger("jieba").setLevel(logging.WARNING)  # its 'Building prefix dict' lines are not for users
    return jieba.lcut(text)
