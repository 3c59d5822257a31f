"""Import a framework from the Word or Excel table a unit receives (任务责任清单, 测评细则).

Such a file holds one table per annex (附件1 共性任务, 附件2 个性任务), each under a
heading, with a header row naming its columns in one of several ways, and rows as
people lay them out: the indicator cell merged down over its standards (or repeated
on each row), the same indicator split over two groups of rows, line breaks inside
cells, methods run together ("材料审核问卷调查"), a standard without a number, a
title row above the header, empty rows at the end.

`import_framework(path)` reads the tables into a `Framework`; every doubt, and every
place where the reading had to guess, comes back as a `Note`. A table that is not a
framework table is skipped with a note, not misread.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import codes
from .framework import Category, Framework, Indicator, Owner, Requirement, Standard
from .framework_writer import Remarks
from .prose import HINT, TO_VERIFY, Note, Part, join_lines, parse_requirements

log = logging.getLogger(__name__)

SUFFIXES = {".docx", ".xlsx", ".xlsm"}
"""The files `import_framework` reads."""

OLD_FORMATS = {".doc": "Word", ".wps": "WPS 文字", ".xls": "Excel", ".et": "WPS 表格"}
"""Binary formats it can't read: the user is asked to save them as .docx / .xlsx."""


class ImportFailed(Exception):
    """A file that can't be imported; the message is for the user (Chinese)."""


# --- the columns -------------------------------------------------------------------------

COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("测评内容", "测评指标", "指标名称", "指标内容", "考核内容", "考核指标", "指标", "测评项目"),
    "standard": ("测评标准", "评分标准", "考核标准", "评价标准", "工作标准", "标准内容", "标准"),
    "requirement": ("材料报送要求", "申报材料要求", "报送材料要求", "资料要求", "材料要求", "报送材料",
                    "申报材料", "佐证材料", "备查材料", "需提供材料", "提供材料", "台账资料", "资料清单"),
    "method": ("测评方法", "考核方法", "评价方法", "检查方法", "测评方式", "考核方式", "方法"),
    "score": ("分值", "分数", "标准分", "权重"),
    "leader": ("责任领导", "分管领导", "牵头领导", "领导"),
    "department": ("责任科室", "责任单位", "牵头单位", "责任部门", "牵头科室", "牵头部门", "责任股室",
                   "承办科室", "责任处室"),
    "person": ("责任人", "具体责任人", "经办人", "联系人"),
}
"""Each column the importer reads, with the header names it goes by (and their common variants)."""

CATEGORY_COLUMN = "测评项目"
"""With both 测评项目 and 测评内容 present, 测评项目 is the category (思想道德建设) of each row."""

METHODS = ("材料审核", "实地考察", "问卷调查", "网上申报", "查阅资料", "查阅材料", "资料审核", "材料审查",
           "实地查看", "实地检查", "现场检查", "现场查看", "随机抽查", "入户调查", "电话访问", "电话调查",
           "网络调查", "网上调查", "抽样调查", "专项调查", "数据分析", "数据采集", "部门评价", "听取汇报",
           "个别访谈", "座谈会", "座谈", "暗访暗查", "暗访", "明察", "材料审查")
"""Methods of evaluation, for splitting a cell where they run together ("材料审核问卷调查")."""

_HEADER_ROWS = 6
"""How far down a table its header row is looked for (titles and notes may come first)."""


# --- what the import gives ---------------------------------------------------------------

@dataclass
class Imported:
    """A framework read from a table file, with what a person should look at."""

    framework: Framework
    source: Path
    notes: list[Note] = field(default_factory=list)
    remarks: Remarks = field(default_factory=Remarks)
    """Original cells and readings, written as comments beside the terms in criteria.yml."""

    @property
    def to_verify(self) -> list[Note]:
        return [n for n in self.notes if n.level == TO_VERIFY]


def import_framework(path: Path) -> Imported:
    """Read a .docx or .xlsx responsibility list into a framework; ImportFailed when nothing can be read."""
    suffix = path.suffix.lower()
    if suffix in OLD_FORMATS:
        raise ImportFailed(f"{path.name} 是旧的 {OLD_FORMATS[suffix]} 格式，无法直接读取："
                           f"请用 Word / Excel / WPS 打开后“另存为” .docx 或 .xlsx 再导入")
    if suffix not in SUFFIXES:
        raise ImportFailed(f"{path.name} 不是 Word（.docx）或 Excel（.xlsx）文件")
    if not path.is_file():
        raise ImportFailed(f"找不到文件：{path}")
    with path.open("rb") as stream:
        if stream.read(4) == b"\xd0\xcf\x11\xe0":  # an OLE container: encrypted, or an old format renamed
            raise ImportFailed(f"{path.name} 设了打开密码（已加密），或是改了扩展名的旧格式文件："
                               f"请去掉密码、另存为 .docx 或 .xlsx 后再导入")
    try:
        tables = list(_docx_tables(path) if suffix == ".docx" else _xlsx_tables(path))
    except ImportFailed:
        raise
    except Exception as error:  # a damaged or mislabelled file: say so, don't crash
        log.debug("reading %s failed", path, exc_info=True)
        raise ImportFailed(f"{path.name} 无法打开（文件损坏或不是真正的 {suffix} 文件：{error.__class__.__name__}）") from error
    return _Builder(path).build(tables)


# --- reading the tables as they come ---------------------------------------------------------

@dataclass
class RawCell:
    text: str
    origin: Any
    """The same object for every grid position of one merged cell (a continued indicator)."""


@dataclass
class RawTable:
    where: str
    """How the user finds the table: '第 1 个表格' or '工作表“附件1”'."""
    heading: str
    """The title above the table (the annex's name), '' when there is none."""
    rows: list[list[RawCell]]
    sheet: str = ""


def _docx_tables(path: Path) -> Iterator[RawTable]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    before: list[str] = []
    number = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                before.append(text)
        elif tag == "tbl":
            number += 1
            table = Table(child, document)
            rows = []
            for row in table.rows:
                rows.append([RawCell(cell.text, cell._tc) for cell in row.cells])
            yield RawTable(where=f"第 {number} 个表格", heading=_heading(before), rows=rows)
            before = []


def _heading(paragraphs: list[str]) -> str:
    """The annex's title among the paragraphs before a table: '附件1：' and its title line."""
    candidates = [re.sub(r"^附件\s*\d*\s*[：:.、]?\s*", "", text).strip() for text in paragraphs[-3:]]
    candidates = [text for text in candidates if text and len(text) <= 80]
    named = [text for text in candidates if re.search("清单|表|细则|体系|任务", text)]
    return (named or candidates or [""])[-1]


def _xlsx_tables(path: Path) -> Iterator[RawTable]:
    import openpyxl

    workbook = openpyxl.load_workbook(str(path), data_only=True)
    try:
        for sheet in workbook.worksheets:
            merged = {}
            for cell_range in sheet.merged_cells.ranges:
                top = (cell_range.min_row, cell_range.min_col)
                for r in range(cell_range.min_row, cell_range.max_row + 1):
                    for c in range(cell_range.min_col, cell_range.max_col + 1):
                        merged[(r, c)] = top
            rows = []
            for r, row in enumerate(sheet.iter_rows(min_row=1, min_col=1, values_only=True), start=1):
                cells = []
                for c, _ in enumerate(row, start=1):
                    top = merged.get((r, c), (r, c))
                    value = sheet.cell(*top).value
                    cells.append(RawCell(_cell_text(value), (sheet.title, top)))
                rows.append(cells)
            yield RawTable(where=f"工作表“{sheet.title}”", heading="", rows=rows, sheet=sheet.title)
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).replace("_x000D_", "")


# --- the header row ---------------------------------------------------------------------

def _normal(text: str) -> str:
    """A header cell as a key: no breaks, spaces, brackets' content or marks ('分值\\n（分）' -> '分值')."""
    text = codes.fold_width(join_lines(text))
    text = re.sub(r"\(.*?\)|【.*?】", "", text)
    return re.sub(r"[\s*：:.、]", "", text)


def _roles(row: list[RawCell]) -> dict[str, int]:
    """The column of each role in a row read as a header; {} when it is no header."""
    names = [_normal(cell.text) for cell in row]
    roles: dict[str, int] = {}
    if CATEGORY_COLUMN in names and "测评内容" in names:
        roles["category"] = names.index(CATEGORY_COLUMN)
    for index, name in enumerate(names):
        if not name or index in roles.values():
            continue
        for role, words in COLUMNS.items():
            if role in roles:
                continue
            if name in words or (len(name) <= 10 and any(name.startswith(w) for w in words if len(w) >= 3)):
                roles[role] = index
                break
    return roles if "indicator" in roles and ("standard" in roles or "requirement" in roles) else {}


def _find_header(table: RawTable) -> tuple[int, dict[str, int]] | None:
    """The header's row index and the column of each role, among the first rows that hold text."""
    filled = [index for index, row in enumerate(table.rows) if not _empty(row)][:_HEADER_ROWS]
    for index in filled:
        roles = _roles(table.rows[index])
        if roles:
            return index, roles
    return None


def _empty(row: list[RawCell]) -> bool:
    return not any(cell.text.strip() for cell in row)


# --- building the framework -----------------------------------------------------------------

@dataclass
class _StandardDraft:
    code: str | None
    text: str
    score: float
    methods: tuple[str, ...]
    owner: Owner
    parts: list[Part]
    cells: list[str]
    """The requirement cells it was read from (a standard may span rows)."""
    requirement_origins: list[Any]


@dataclass
class _IndicatorDraft:
    code: str
    name: str
    category: str
    standards: list[_StandardDraft] = field(default_factory=list)
    groups: list[tuple[str, int]] = field(default_factory=list)
    """(table, first row) of each group of rows the indicator was found in."""
    split: bool = False
    """Found again after another indicator: its groups of rows are apart."""


class _Builder:
    def __init__(self, source: Path):
        self.source = source
        self.notes: list[Note] = []
        self.remarks = Remarks()
        self.indicators: dict[str, _IndicatorDraft] = {}
        self.category_order: list[str] = []
        self.merging_tables: set[str] = set()
        """Tables that merge an indicator's cell down over its rows (so a repeated cell is a new group)."""
        self.last: _IndicatorDraft | None = None

    def note(self, level: str, where: str, message: str) -> None:
        self.notes.append(Note(level, message, where))

    def build(self, tables: list[RawTable]) -> Imported:
        framework_tables = []
        for table in tables:
            found = _find_header(table)
            if found is None:
                filled = [row for row in table.rows if not _empty(row)]
                if filled:
                    first = join_lines(" ".join(dict.fromkeys(c.text for c in filled[0] if c.text.strip())))
                    self.note(HINT, table.where, f"不是测评体系表格（没有“测评内容”“测评标准”等表头，"
                                                 f"首行为“{first[:30]}”），已跳过")
                continue
            framework_tables.append((table, *found))
        if not framework_tables:
            raise ImportFailed(f"{self.source.name} 中没有找到测评体系表格：需要有“测评内容”（或“测评项目”“指标”）"
                               f"和“测评标准”或“材料报送要求”等列的表头")
        titles = [self._title_of(table, header) for table, header, _ in framework_tables]
        names = _category_names(titles, [t.sheet for t, _, _ in framework_tables])
        for (table, header, roles), name in zip(framework_tables, names):
            self._read_table(table, header, roles, name)
        framework = self._framework(_framework_title(titles, names, self.source))
        self.remarks.header = self._header_lines(framework, titles)
        self.remarks.period_hint = period_hint(framework.title)
        return Imported(framework=framework, source=self.source, notes=self.notes, remarks=self.remarks)

    def _title_of(self, table: RawTable, header: int) -> str:
        """The table's own title row (xlsx: row 1) or else the heading above it."""
        for row in reversed(table.rows[:header]):
            texts = list(dict.fromkeys(join_lines(c.text) for c in row if c.text.strip()))
            if len(texts) == 1:
                return re.sub(r"^附件\s*\d*\s*[：:.、]?\s*", "", texts[0]).strip()
        return table.heading

    # one table

    def _read_table(self, table: RawTable, header: int, roles: dict[str, int], category: str) -> None:
        width = len(table.rows[header])
        used = set(roles.values())
        ignored = [join_lines(c.text) for i, c in enumerate(table.rows[header]) if i not in used and c.text.strip()]
        ignored = [name for name in dict.fromkeys(ignored) if _normal(name) not in ("序号", "编号", "备注")]
        if ignored:
            self.note(HINT, table.where, f"未导入的列：{'、'.join(ignored)}")
        if "requirement" not in roles:
            self.note(TO_VERIFY, table.where, "没有“材料报送要求”一列：各测评标准没有材料要求，请在 criteria.yml 中补上")
        header_key = [_normal(c.text) for c in table.rows[header]]
        previous: list[RawCell] | None = None
        indicator: _IndicatorDraft | None = None
        standard: _StandardDraft | None = None
        row_category = category
        for number, row in enumerate(table.rows[header + 1:], start=header + 2):
            if _empty(row):
                continue  # an empty row, often the last one
            row = row + [RawCell("", None)] * (width - len(row))
            if [_normal(c.text) for c in row[:width]] == header_key:
                continue  # the header typed again (a table continued over pages)
            where = f"{table.where}第 {number} 行"

            def cell(role: str) -> RawCell:
                return row[roles[role]] if role in roles else RawCell("", None)

            def continued(role: str) -> bool:
                this = cell(role)
                if not this.text.strip():
                    return True
                return previous is not None and role in roles and previous[roles[role]].origin is this.origin \
                    and this.origin is not None

            texts = {c.text.strip() for c in row[:width] if c.text.strip()}
            if len(texts) == 1 and sum(bool(c.text.strip()) for c in row[:width]) > width // 2:
                self.note(HINT, where, f"通栏文字“{join_lines(texts.pop())[:40]}”不是测评内容，未导入")
                continue  # a note or a section title across the whole table
            new_category = "category" in roles and not continued("category")
            same_indicator = continued("indicator")
            same_standard = continued("standard")
            previous = row
            if new_category:
                row_category = join_lines(cell("category").text) or category
            if not same_indicator or indicator is None:
                indicator = self._indicator(cell("indicator").text, row_category, where, table.where, number)
                standard = None
            elif cell("indicator").text.strip():
                self.merging_tables.add(table.where)
            if indicator is None:
                continue
            if standard is not None and (same_standard or self._same_standard(standard, cell("standard").text)):
                self._continue_standard(standard, cell("requirement"), row, roles, where)
                continue
            standard = self._standard(row, roles, cell, where)
            indicator.standards.append(standard)

    def _indicator(self, text: str, category: str, where: str, table: str, number: int) -> _IndicatorDraft | None:
        code, name = split_indicator(text)
        if code is None:
            self.note(TO_VERIFY, where, f"测评内容“{join_lines(text)[:30]}”没有可识别的编号（应为“Ⅲ-2”这样的形式），"
                                        f"这一组行未导入，请补上编号后重新导入或在 criteria.yml 中手工添加")
            return None
        draft = self.indicators.get(code)
        if draft is None:
            draft = self.indicators[code] = _IndicatorDraft(code, name, category)
            if category not in self.category_order:
                self.category_order.append(category)
        else:
            if name and draft.name and name != draft.name:
                self.note(TO_VERIFY, where, f"{code} 的名称前后不一致（“{draft.name}”与“{name}”），已用前者")
            if category != draft.category:
                self.note(TO_VERIFY, where, f"{code} 同时出现在“{draft.category}”和“{category}”中，已并入前者")
            draft.name = draft.name or name
        if self.last is not None and self.last is not draft and draft.groups:
            draft.split = True
        draft.groups.append((table, number))
        self.last = draft
        return draft

    def _same_standard(self, standard: _StandardDraft, text: str) -> bool:
        """A standard repeated on the next row (unmerged cells): the same standard continued."""
        code, words = split_standard(text)
        return (code, words) == (standard.code, standard.text)

    def _standard(self, row: list[RawCell], roles: dict[str, int], cell, where: str) -> _StandardDraft:
        code, text = split_standard(cell("standard").text)
        if not text:
            text = "（原表未填写测评标准）"
            self.note(TO_VERIFY, where, "测评标准一栏为空")
        requirement = cell("requirement")
        parts = parse_requirements(requirement.text)
        return _StandardDraft(
            code=code, text=text,
            score=self._score(cell("score").text, where) if "score" in roles else 0.0,
            methods=split_methods(cell("method").text),
            owner=Owner(leader=join_lines(cell("leader").text), department=join_lines(cell("department").text),
                        person=join_lines(cell("person").text)),
            parts=parts, cells=[requirement.text] if requirement.text.strip() else [],
            requirement_origins=[requirement.origin],
        )

    def _continue_standard(self, standard: _StandardDraft, requirement: RawCell, row, roles, where: str) -> None:
        """A further row of the same standard: its requirement cell adds parts (a merged one adds nothing)."""
        if not requirement.text.strip() or any(o is not None and o is requirement.origin
                                                for o in standard.requirement_origins):
            return
        if requirement.text in standard.cells:
            return
        standard.requirement_origins.append(requirement.origin)
        standard.cells.append(requirement.text)
        standard.parts += parse_requirements(requirement.text)
        score = row[roles["score"]].text.strip() if "score" in roles else ""
        if score and self._score(score, where) != standard.score:
            self.note(TO_VERIFY, where, f"同一测评标准的分值前后不一致（{standard.score:g} 与 {score}），已用前者")

    def _score(self, text: str, where: str) -> float:
        folded = codes.fold_width(join_lines(text))
        if not folded:
            self.note(HINT, where, "分值为空，记作 0 分")
            return 0.0
        match = re.search(r"\d+(?:\.\d+)?", folded)
        if match is None:
            self.note(TO_VERIFY, where, f"分值“{folded}”不是数字，记作 0 分")
            return 0.0
        if match.group() != folded.removesuffix("分").strip():
            self.note(HINT, where, f"分值“{folded}”读作 {match.group()}")
        return float(match.group())

    # the whole framework

    def _framework(self, title: str) -> Framework:
        by_category: dict[str, list[Indicator]] = {name: [] for name in self.category_order}
        for draft in self.indicators.values():
            by_category[draft.category].append(self._finish(draft))
        categories = tuple(Category(name, tuple(items)) for name, items in by_category.items() if items)
        return Framework(title=title, categories=categories)

    def _finish(self, draft: _IndicatorDraft) -> Indicator:
        if len(draft.groups) > 1:
            places = "、".join(f"{table}第 {row} 行" for table, row in draft.groups)
            # An unmerged indicator repeated on each row is the usual Excel layout: no note for it.
            if draft.split or any(table in self.merging_tables for table, _ in draft.groups):
                self.note(HINT, f"{draft.code} {draft.name}",
                          f"分 {len(draft.groups)} 组行出现（{places}），已合并为一项测评内容")
                self.remarks.indicator.setdefault(draft.code, []).append(
                    f"原表 {draft.code} 分 {len(draft.groups)} 组行出现，这里合为一项测评内容")
        standards = []
        seen: dict[str | None, int] = {}
        for index, sd in enumerate(draft.standards):
            where = f"{draft.code} {draft.name} / {sd.code + '）' if sd.code else '（无编号的标准）'}"
            seen[sd.code] = seen.get(sd.code, 0) + 1
            if seen[sd.code] == 2:
                self.note(TO_VERIFY, where, "同一测评内容中有两条编号相同（或都没有编号）的测评标准，请核对")
            requirements = self._requirements(sd, where, (draft.code, index))
            if len(sd.cells) > 1 or (sd.cells and len(sd.parts) > 1) or self._lead_in(sd):
                self.remarks.standard[(draft.code, index)] = [f"原表“材料报送要求”：{join_lines(c)}" for c in sd.cells]
            if not sd.owner.department and not sd.owner.person and not sd.owner.leader:
                self.note(HINT, where, "没有填写责任领导、责任科室或责任人")
            standards.append(Standard(code=sd.code, text=sd.text, score=round(sd.score, 4), methods=sd.methods,
                                      owner=sd.owner, requirements=requirements))
        if draft.standards and draft.standards[0].code is None and len(draft.standards) > 1:
            self.note(TO_VERIFY, f"{draft.code} {draft.name}", "有没有编号的测评标准，又不止一条：请在 criteria.yml 中补上编号")
        return Indicator(code=draft.code, name=draft.name, category=draft.category, standards=tuple(standards))

    @staticmethod
    def _lead_in(sd: _StandardDraft) -> bool:
        return any("编号前的文字" in n.message for p in sd.parts for n in p.notes)

    def _requirements(self, sd: _StandardDraft, where: str, key: tuple[str, int]) -> tuple[Requirement, ...]:
        parts = sd.parts
        if not parts:
            self.note(HINT, where, "没有材料报送要求（这条标准不检查材料）")
            return ()
        unnumbered = [p for p in parts if p.requirement.code is None]
        if unnumbered and len(parts) > 1:
            # Two unnumbered parts (from two rows) can't be told apart in the archive: number them.
            numbered = []
            used = {p.requirement.code for p in parts}
            counter = 0
            for p in parts:
                if p.requirement.code is None:
                    counter += 1
                    while str(counter) in used:
                        counter += 1
                    used.add(str(counter))
                    p = Part(Requirement(str(counter), p.requirement.text, p.requirement.asks),
                             p.notes + (Note(HINT, f"原表没有编号，按出现顺序编为 {codes.circled(counter)}"),),
                             p.readings)
                numbered.append(p)
            parts = sd.parts = numbered
        requirements = []
        for index, part in enumerate(parts):
            label = codes.circled(part.requirement.code) if part.requirement.code else "（无编号的要求）"
            for note in part.notes:
                self.notes.append(Note(note.level, f"{note.message}。原文：“{part.requirement.text}”"
                                       if note.level == TO_VERIFY else note.message, f"{where} / {label}"))
            self.remarks.asks[(*key, index)] = part.readings
            self.remarks.requirement[(*key, index)] = [
                f"{n.level}：{n.message}" for n in part.notes if n.level == TO_VERIFY or "编为" in n.message
            ]
            requirements.append(part.requirement)
        return tuple(requirements)

    def _header_lines(self, framework: Framework, titles: list[str]) -> list[str]:
        return [
            f"来源：{self.source.name}（{len(titles)} 个表格：{'；'.join(t or '无标题' for t in titles)}）",
            f"导入时间：{dt.datetime.now():%Y-%m-%d %H:%M}",
            f"共 {len(framework.categories)} 个测评项目、{len(framework.indicators)} 项测评内容、"
            f"{len(framework.standards)} 条测评标准、合计 {framework.score:g} 分。",
        ]


# --- cells read into terms ---------------------------------------------------------------------

def split_indicator(text: str) -> tuple[str | None, str]:
    """'Ⅲ-2\\n健全完善学习制度' -> ('Ⅲ-2', '健全完善学习制度'); the code None when there is none."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
    if not lines:
        return None, ""
    code = codes.indicator_key(lines[0])
    if code is not None:
        first = codes.strip_code(lines[0])
        if first == lines[0].strip():  # the line was the code alone
            first = ""
        return code, join_lines("\n".join([first, *lines[1:]]))
    joined = join_lines(text)  # a break inside the code: 'Ⅲ-\n2 名称'
    code = codes.indicator_key(joined)
    if code is None:
        return None, joined
    rest = codes.strip_code(joined)
    return code, "" if rest == joined else rest


def split_standard(text: str) -> tuple[str | None, str]:
    """'1）以党委…' -> ('1', '以党委…'); a standard without a number keeps code None."""
    words = join_lines(text).strip()
    key = codes.standard_key(words)
    if key is None:
        return None, words
    rest = codes.strip_code(words)
    return key, "" if rest == words else rest


def split_methods(text: str) -> tuple[str, ...]:
    """'材料审核问卷调查实地考察' -> ('材料审核', '问卷调查', '实地考察'); unknown words kept as they are."""
    methods: list[str] = []
    known = sorted(set(METHODS), key=len, reverse=True)
    for chunk in re.split(r"[\s、，,;；/／+＋和及]+", codes.fold_width(join_lines(text))):
        rest = ""
        while chunk:
            word = next((w for w in known if chunk.startswith(w)), None)
            if word is None:
                rest += chunk[0]
                chunk = chunk[1:]
                continue
            if rest:
                methods.append(rest)
                rest = ""
            methods.append(word)
            chunk = chunk[len(word):]
        if rest:
            methods.append(rest)
    return tuple(dict.fromkeys(m for m in methods if m))


def period_hint(title: str) -> str:
    """A commented `period:` line when the title names the years ('2016-2017年'), else ''."""
    match = re.search(r"(20\d\d)\s*(?:年)?\s*[-－—–~～至到]\s*(20\d\d)\s*年", codes.fold_width(title)) \
        or re.search(r"(20\d\d)()\s*年", title)
    if match is None:
        return ""
    first, last = match.group(1), match.group(2) or match.group(1)
    return (f"# period: {{start: {first}-01-01, end: {last}-12-31}}   "
            f"# 创建周期，由标题中的“{match.group().strip()}”推测：核对起止日期后删去行首的“# ”即可启用")


_LIST_WORDS = ("任务责任清单", "责任清单", "任务清单", "责任分解表", "任务分解表", "分解表", "一览表", "明细表",
               "测评细则", "细则", "清单", "表")


def _category_names(titles: list[str], sheets: list[str]) -> list[str]:
    """One category name per table: what tells the annexes' titles apart ('共性任务', '个性任务')."""
    prefix = _common_prefix(titles) if len(titles) > 1 else ""
    names = []
    for number, (title, sheet) in enumerate(zip(titles, sheets), start=1):
        name = _strip_list_word(title[len(prefix):].strip(" ：:-—_")) if title else ""
        if len(titles) == 1 and len(name) > 12:
            name = ""
        if not name and sheet and not re.fullmatch(r"(?i)(sheet|工作表|附件)\s*\d*", sheet):
            name = sheet
        names.append(name or ("测评指标" if len(titles) == 1 else f"附件{number}"))
    return names


def _strip_list_word(text: str) -> str:
    """'共性任务责任清单' -> '共性任务'; the list's own name is not the category."""
    for word in _LIST_WORDS:
        if text.endswith(word) and len(text) > len(word):
            stem = text[: -len(word)]
            return stem + "任务" if word.startswith("任务") and not stem.endswith("任务") else stem
    return text


def _framework_title(titles: list[str], categories: list[str], source: Path) -> str:
    """'汕尾市…创建' + '任务责任清单' from the annexes' titles; the file's name when they have none."""
    titles = [t for t in titles if t]
    if not titles:
        return source.stem
    if len(titles) == 1:
        return titles[0]
    prefix = _common_prefix(titles).rstrip(" ：:-—_")
    if len(prefix) < 4:
        return source.stem
    rest = titles[0][len(_common_prefix(titles)):]
    word = next((w for w in _LIST_WORDS if rest.endswith(w)), "清单")
    if all(c.endswith("任务") for c in categories) and not word.startswith("任务"):
        word = "任务" + word
    return prefix + word


def _common_prefix(texts: list[str]) -> str:
    if not texts:
        return ""
    shortest = min(texts, key=len)
    for i, ch in enumerate(shortest):
        if any(t[i] != ch for t in texts):
            return shortest[:i]
    return shortest


__all__ = ["Imported", "ImportFailed", "import_framework", "split_indicator", "split_standard", "split_methods"]
