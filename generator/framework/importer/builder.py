"""Building the Framework from the rows read, and the notes a person should look at.

The builder walks each framework table's rows below its header: the level cells
(levels.py) say which category, sub-category and indicator a row belongs to; the
standard cell gives one or several standards (cells.py); the method, requirement,
score and owner cells are given to the standards, by number where the cell is keyed
by the standards' numbers. Everything it cannot place becomes a Note naming the
table, the row and the cell: nothing is dropped silently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import codes
from .. import Category, Framework, Indicator, Owner, Requirement, Standard
from ..writer import Remarks
from ..prose import HINT, TO_VERIFY, Note, Part, demands_in_standard, join_lines, parse_requirements
from .cells import PackedStandard, clean, keyed, split_methods, split_standards
from .header import Header, find_header, is_header_again, normal
from .paragraphs import read_items
from .levels import LevelValue, level_names, level_text, read_level
from .tables import Document, ImportFailed, RawCell, RawTable, distinct, empty


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
    origin: Any = None
    """The standard cell it was read from: the same cell on the next row continues it."""
    score_origin: Any = None
    """The score cell it took its score from: one cell merged over several standards is the item's."""


@dataclass
class _IndicatorDraft:
    code: str
    name: str
    category: str
    group: str = ""
    standards: list[_StandardDraft] = field(default_factory=list)
    groups: list[tuple[str, int]] = field(default_factory=list)
    """(table, first row) of each group of rows the indicator was found in."""
    split: bool = False
    """Found again after another indicator: its groups of rows are apart."""
    score: float | None = None
    """The score printed beside its name or in the 分值 column for all its standards."""


@dataclass
class _RowContext:
    """What the rows above left open: the value of each level, the indicator, the standard."""

    texts: list[str | None]
    values: list[LevelValue | None]
    origins: list[Any] = field(default_factory=list)
    merging: bool = False
    """The table merges level cells down over their rows: a new merged cell with the same
    text is the same indicator found again (a second group of rows)."""
    indicator: _IndicatorDraft | None = None
    standard: _StandardDraft | None = None


class Builder:
    def __init__(self, source: Path):
        self.source = source
        self.notes: list[Note] = []
        self.remarks = Remarks()
        self.indicators: dict[str, _IndicatorDraft] = {}
        self.categories: dict[str, str] = {}
        """Category name -> its code, in order."""
        self.merging_tables: set[str] = set()
        self.last: _IndicatorDraft | None = None
        self.unnumbered = 0
        self.restarts = False
        """The table numbers its items anew under each category: codes are 'category.item'."""

    def note(self, level: str, where: str, message: str) -> None:
        self.notes.append(Note(level, message, where))

    def build(self, document: Document) -> Imported:
        framework_tables: list[tuple[RawTable, Header]] = []
        for table in document.tables:
            header = find_header(table)
            if header is None:
                filled = [row for row in table.rows if not empty(row)]
                if filled:
                    first = join_lines(" ".join(dict.fromkeys(c.text for c in filled[0] if c.text.strip())))
                    self.note(HINT, table.where, f"不是测评体系表格（没有“测评内容”“测评标准”等表头，"
                                                 f"首行为“{first[:30]}”），已跳过")
                continue
            framework_tables.append((table, header))
        if not framework_tables and not document.tables:
            read = self._from_paragraphs(document.paragraphs)
            if read is not None:
                return read
        if not framework_tables:
            what = (f"{len(document.tables)} 个表格都没有" if document.tables else "没有表格，也没有")
            raise ImportFailed(f"{self.source.name} 中没有找到测评体系表格：{what}“测评内容”（或“测评项目”“指标名称”）"
                               f"和“测评标准”（或“测评内容”“材料要求”）这样的表头，未写入任何文件。")
        titles = [self._title_of(table, header.row) for table, header in framework_tables]
        names = _category_names(titles, [t.sheet for t, _ in framework_tables])
        context: _RowContext | None = None
        previous_key: list[str] | None = None
        for (table, header), name in zip(framework_tables, names):
            if context is None or header.key != previous_key:  # a table continued keeps its levels open
                context = _RowContext([None] * len(header.levels), [None] * len(header.levels))
            previous_key = header.key
            self._read_table(table, header, name, context)
        framework = self._framework(_framework_title(titles, names, self.source))
        if not framework.standards:
            raise ImportFailed(f"{self.source.name} 的{framework_tables[0][0].where}有表头，"
                               f"但表头下没有读出任何测评标准，未写入任何文件。")
        self.remarks.header = self._header_lines(framework, titles)
        framework = self._with_title_facts(framework)
        return Imported(framework=framework, source=self.source, notes=self.notes, remarks=self.remarks)

    def _from_paragraphs(self, paragraphs: list[str]) -> Imported | None:
        """A framework written as numbered paragraphs (paragraphs.py): one indicator, named by
        the title, whose standards are the items; None when the paragraphs are not one."""
        title, items, loose = read_items(paragraphs)
        if not items:
            return None
        title = title or self.source.stem
        code = codes.position_code(None, 1)
        where = "正文段落"
        standards = []
        for index, item in enumerate(items):
            text = join_lines(item.text + (f"（{item.veto}）" if item.veto else ""))
            if item.name:  # the standard has no name of its own: the item's name goes in a comment
                self.remarks.indicator.setdefault(code, []).append(f"第 {item.number} 条的名称：{item.name}")
            if item.veto:
                self.note(HINT, f"{where}第 {item.number} 条", f"含否决条款“{join_lines(item.veto)[:40]}”，已写入该条标准的文字")
            if item.score is None:
                self.note(HINT, f"{where}第 {item.number} 条", "没有写分值，记作 0 分")
            standards.append(Standard(code=str(item.number), text=text, score=item.score or 0.0))
        for line in loose:
            self.note(HINT, where, f"“{join_lines(line)[:40]}”不是编号条目，未导入")
        self.note(TO_VERIFY, where, "这是写成段落的测评标准（没有表格），没有材料要求：请在 criteria.yml 中补上")
        indicator = Indicator(code=code, name=title, category=title, standards=tuple(standards))
        framework = Framework(title=title, categories=(Category(title, (indicator,)),))
        self.remarks.header = self._header_lines(framework, [title])
        self.remarks.header[0] = f"来源：{self.source.name}（没有表格，{len(items)} 个编号段落：{title}）"
        framework = self._with_title_facts(framework)
        return Imported(framework=framework, source=self.source, notes=self.notes, remarks=self.remarks)

    def _with_title_facts(self, framework: Framework) -> Framework:
        """The framework with the unit and the period its title names ('汕尾市经信局2016-2017年…'):
        written into criteria.yml, where a comment asks to check them."""
        unit, period = unit_from_title(framework.title), period_from_title(framework.title)
        if unit or period:
            self.remarks.from_title = f"由标题“{framework.title}”读出，请核对"
        return dataclasses.replace(framework, unit=framework.unit or unit, period=framework.period or period)

    def _title_of(self, table: RawTable, header: int) -> str:
        """The table's own title row (xlsx: row 1) or else the heading above it."""
        for row in reversed(table.rows[:header]):
            texts = list(dict.fromkeys(join_lines(c.text) for c in row if c.text.strip()))
            if len(texts) == 1 and len(texts[0]) <= 60:
                return re.sub(r"^附件\s*\d*\s*[：:.、]?\s*", "", texts[0]).strip()
        return table.heading

    # one table

    def _read_table(self, table: RawTable, header: Header, category: str, context: _RowContext) -> None:
        width = len(table.rows[header.row])
        used = {c for columns in header.roles.values() for c in columns}
        ignored = [join_lines(c.text) for i, c in enumerate(table.rows[header.row]) if i not in used and c.text.strip()]
        if ignored:
            self.note(HINT, table.where, f"未导入的列：{'、'.join(dict.fromkeys(ignored))}")
        if not header.has("requirement"):
            self.note(TO_VERIFY, table.where, "没有“材料报送要求”一列：材料要求只从测评标准的文字中读出"
                                              "（如“每年至少召开3次工作会议”），其余请在 criteria.yml 中补上")
        levels = level_names(len(header.levels))
        for number, row in enumerate(table.rows[header.row + 1:], start=header.row + 2):
            if empty(row):
                continue
            row = row + [RawCell("", None)] * (width - len(row))
            if is_header_again(row, header):
                continue
            where = f"{table.where}第 {number} 行"
            texts = [c.text.strip() for c in distinct(row[:width]) if c.text.strip()]
            if len(set(texts)) == 1 and sum(bool(c.text.strip()) for c in row[:width]) > width // 2 and width > 2:
                self.note(HINT, where, f"通栏文字“{join_lines(texts[0])[:60]}”不是测评内容（注释或说明），未导入")
                continue
            self._read_row(table, header, levels, category, context, row, number, where)

    def _cells(self, row: list[RawCell], header: Header, role: str) -> list[RawCell]:
        return distinct([row[c] for c in header.roles.get(role, []) if c < len(row)])

    def _text(self, row: list[RawCell], header: Header, role: str) -> str:
        return "\n".join(c.text.strip() for c in self._cells(row, header, role) if c.text.strip())

    def _read_row(self, table: RawTable, header: Header, levels: list[str], category: str,
                  context: _RowContext, row: list[RawCell], number: int, where: str) -> None:
        changed = False
        if len(context.origins) != len(header.levels):
            context.origins = [None] * len(header.levels)
        for index, columns in enumerate(header.levels):
            text = level_text(row, columns)
            if not text:
                continue  # blank: the value above goes on
            origin = row[columns[0]].origin
            same_cell = origin is not None and origin == context.origins[index]
            context.merging = context.merging or same_cell
            context.origins[index] = origin
            if changed or text != context.texts[index] or (context.merging and not same_cell):
                changed = True
                context.texts[index] = text
                context.values[index] = read_level(text)
                for below in range(index + 1, len(header.levels)):
                    context.texts[below] = None
                    context.values[below] = None
        values = dict(zip(levels, context.values))
        if header.levels and values.get("indicator") is None:
            self.note(TO_VERIFY, where, "这一行没有测评内容（指标）名称，也不在上一项的合并单元格中，未导入")
            return
        if changed or context.indicator is None:
            context.indicator = self._indicator(values, category, table.where, number, where)
            context.standard = None
            if context.merging:
                self.merging_tables.add(table.where)
        indicator = context.indicator
        standard_cells = self._cells(row, header, "standard")
        origin = standard_cells[0].origin if standard_cells else None
        requirement = self._cells(row, header, "requirement")
        if context.standard is not None and origin is not None and context.standard.origin is origin:
            self._continue_standard(context.standard, requirement, row, header, where)
            return
        packed, grading = split_standards(self._text(row, header, "standard"))
        if grading:
            self.note(HINT, where, f"评分等级说明“{join_lines(grading)[:60]}”不是测评标准，未导入为标准")
            self.remarks.indicator.setdefault(indicator.code, []).append(f"原表评分等级：{join_lines(grading)}")
        if not packed:
            packed = [PackedStandard(None, "", "（原表未填写测评标准）")]
            self.note(TO_VERIFY, where, "测评标准一栏为空")
        if len(packed) == 1 and indicator.standards and context.standard is not None \
                and (packed[0].code, packed[0].text) == (context.standard.code, context.standard.text):
            self._continue_standard(context.standard, requirement, row, header, where)
            return
        drafts = self._standards(packed, row, header, requirement, indicator, where)
        score_cells = self._cells(row, header, "score")
        for draft in drafts:
            draft.origin = origin
            draft.score_origin = score_cells[0].origin if score_cells and len(packed) == 1 else None
        self._item_score_merged(indicator, drafts)
        indicator.standards += drafts
        context.standard = drafts[-1]

    @staticmethod
    def _item_score_merged(indicator: _IndicatorDraft, drafts: list[_StandardDraft]) -> None:
        """A score cell merged down over several standards' rows (分值 beside the item's name,
        07) is the item's score, not each standard's: the standards sharing it keep none."""
        new = drafts[0] if len(drafts) == 1 else None
        if new is None or new.score_origin is None:
            return
        sharing = [s for s in indicator.standards if s is not new and s.score_origin is new.score_origin]
        if not sharing:
            return
        indicator.score = new.score or indicator.score
        for standard in [*sharing, new]:
            standard.score = 0.0

    def _standards(self, packed: list[PackedStandard], row: list[RawCell], header: Header,
                   requirement: list[RawCell], indicator: _IndicatorDraft, where: str) -> list[_StandardDraft]:
        methods = keyed(self._text(row, header, "method"))
        requirement_text = "\n".join(c.text.strip() for c in requirement if c.text.strip())
        by_number = keyed(requirement_text) if len(packed) > 1 else {}
        numbers = {p.code for p in packed if p.code}
        keyed_requirements = bool(by_number) and None not in by_number and set(by_number) <= numbers
        column_score = self._score(self._text(row, header, "score"), where) if header.has("score") else None
        if len(packed) > 1 and column_score:
            indicator.score = column_score
        owner = Owner(leader=join_lines(self._text(row, header, "leader")),
                      department=join_lines(self._text(row, header, "department")),
                      person=join_lines(self._text(row, header, "person")))
        drafts = []
        for index, piece in enumerate(packed):
            if len(packed) == 1:
                text = requirement_text
            elif keyed_requirements:
                text = by_number.get(piece.code or "", "")
            else:
                text = requirement_text if index == 0 else ""
            parts = parse_requirements(text) if text else []
            if not header.has("requirement"):
                # No materials column: what the standard's own words demand ('每年至少召开3次…').
                parts = demands_in_standard(piece.printed or piece.text)
            score = piece.score if piece.score is not None else (column_score if len(packed) == 1 else None)
            drafts.append(_StandardDraft(
                code=piece.code, text=piece.text, score=score or 0.0,
                methods=split_methods(methods.get(piece.code, methods.get(None, ""))),
                owner=owner, parts=parts, cells=[text] if text else [],
                requirement_origins=[c.origin for c in requirement],
            ))
        if len(packed) > 1 and requirement_text and not keyed_requirements:
            self.note(TO_VERIFY, where, f"材料要求一栏没有按标准编号分开，{len(packed)} 条测评标准的材料要求"
                                        f"已全部放在第一条标准下，请在 criteria.yml 中核对")
        return drafts

    def _indicator(self, values: dict[str, LevelValue | None], category: str, table: str, number: int,
                   where: str) -> _IndicatorDraft:
        value = values.get("indicator")
        top = values.get("category")
        if top is not None:
            category = top.name or top.text
            self.categories.setdefault(category, top.code or "")
        else:
            self.categories.setdefault(category, "")
        group = " ".join(f"{v.code or ''} {v.name}".strip()
                         for key, v in values.items() if key == "subcategory" and v is not None)
        if value is None:  # a table with no level column: one indicator per table
            code, name = codes.position_code(None, len(self.indicators) + 1), category
        elif value.code is None:
            self.unnumbered += 1
            code, name = codes.position_code(None, self.unnumbered), value.name or value.text
            self.note(HINT, where, f"“{name[:30]}”没有编号，按位置编为 {codes.shown_code(code)}")
        else:
            code, name = value.code, value.name
            code = self._restarting(code, category)
        draft = self.indicators.get(code)
        if draft is None:
            draft = self.indicators[code] = _IndicatorDraft(code, name, category, group)
            if value is not None and value.score is not None:
                draft.score = value.score
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

    def _restarting(self, code: str, category: str) -> str:
        """The code an indicator keeps when the table numbers its items anew under each
        category ('一、… 1. 2.', '二、… 1.'): plain numbers found again in another category are
        the category's own items, made unique as '2.1' (category number . item number), never
        merged; once a restart is seen, every item is coded so. Other codes are left as read."""
        if not self.restarts:
            found = self.indicators.get(code)
            if found is None or found.category == category or not code.isdigit() \
                    or not all(d.code.isdigit() for d in self.indicators.values()):
                return code
            self.restarts = True
            renamed = {}
            for draft in self.indicators.values():
                new = f"{self._category_number(draft.category)}.{draft.code}"
                if draft.code in self.remarks.indicator:
                    self.remarks.indicator[new] = self.remarks.indicator.pop(draft.code)
                draft.code = new
                renamed[new] = draft
            self.indicators = renamed
        return f"{self._category_number(category)}.{code}" if code.isdigit() else code

    def _category_number(self, category: str) -> int:
        """The category's own number ('二、' -> 2), else its place among the categories."""
        code = self.categories.get(category, "")
        return int(code) if code.isdigit() else list(self.categories).index(category) + 1

    def _continue_standard(self, standard: _StandardDraft, requirement: list[RawCell], row, header: Header,
                           where: str) -> None:
        """A further row of the same standard: its requirement cell adds parts (a merged one adds nothing)."""
        for cell in requirement:
            if not cell.text.strip() or any(o is not None and o is cell.origin for o in standard.requirement_origins):
                continue
            if cell.text in standard.cells:
                continue
            standard.requirement_origins.append(cell.origin)
            standard.cells.append(cell.text)
            standard.parts += parse_requirements(cell.text)
        score = self._text(row, header, "score").strip()
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
        by_category: dict[str, list[Indicator]] = {name: [] for name in self.categories}
        for draft in self.indicators.values():
            by_category[draft.category].append(self._finish(draft))
        categories = tuple(Category(name, tuple(items), code=self.categories.get(name, ""))
                           for name, items in by_category.items() if items)
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
        if draft.score and not any(s.score for s in standards):
            self.note(HINT, f"{codes.shown_code(draft.code)} {draft.name}",
                      f"分值 {draft.score:g} 分是整项的，没有分到各条测评标准")
        total = round(sum(s.score for s in standards), 4)
        if draft.score and total and abs(total - draft.score) > 1e-6:
            self.note(HINT, f"{codes.shown_code(draft.code)} {draft.name}",
                      f"原表整项 {draft.score:g} 分，各条测评标准合计 {total:g} 分：统计按各条标准的分值计")
        return Indicator(code=draft.code, name=draft.name, category=draft.category, standards=tuple(standards),
                         group=draft.group, item_score=draft.score)

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


# --- names and titles ---------------------------------------------------------------

def period_hint(title: str) -> str:
    """A commented `period:` line when the title names the years ('2016-2017年'), else ''."""
    match = re.search(r"(20\d\d)\s*(?:年)?\s*[-－—–~～至到]\s*(20\d\d)\s*年", codes.fold_width(title)) \
        or re.search(r"(20\d\d)()\s*年", title)
    if match is None:
        return ""
    first, last = match.group(1), match.group(2) or match.group(1)
    return (f"# period: {{start: {first}-01-01, end: {last}-12-31}}   "
            f"# 创建周期，由标题中的“{match.group().strip()}”推测：核对起止日期后删去行首的“# ”即可启用")


_YEAR_SPAN = re.compile(r"(20\d\d)\s*年?\s*(?:(\d{1,2})\s*月份?)?\s*[-－—–~～至到]\s*(20\d\d)\s*年?\s*(?:(\d{1,2})\s*月)?")
_ONE_YEAR = re.compile(r"(20\d\d)\s*年(?:度)?(?!\s*版)")
_UNIT_ENDS = ("委员会", "办公室", "管理局", "局", "委", "办", "厅", "学校", "小学", "中学", "大学", "学院", "幼儿园",
              "街道", "社区", "镇", "乡", "村", "医院", "中心", "公司", "集团", "银行", "支行", "分行", "所", "站", "院", "馆")
_KINDS_OF_UNIT = ("中小学", "各学校", "各单位", "各镇", "各村")
"""Ending like a unit's name but naming a kind of unit ('海南省中小学文明校园测评细则')."""
_BEFORE_UNIT = re.compile(r"^(?:关于|附件\s*\d*[：:]?)")


def period_from_title(title: str) -> tuple[dt.date, dt.date] | None:
    """The period a title names: '2016-2017年' → 2016-01-01..2017-12-31, '2016年8月至2017年12月' →
    2016-08-01..2017-12-31, '2023年度' → that year; None when it names no year."""
    text = codes.fold_width(title)
    span = _YEAR_SPAN.search(text)
    if span:
        first, last = int(span.group(1)), int(span.group(3))
        start_month, end_month = int(span.group(2) or 1), int(span.group(4) or 12)
        if first <= last and 1 <= start_month <= 12 and 1 <= end_month <= 12:
            return dt.date(first, start_month, 1), _month_end(last, end_month)
    one = _ONE_YEAR.search(text)
    if one:
        return dt.date(int(one.group(1)), 1, 1), dt.date(int(one.group(1)), 12, 31)
    return None


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))


def unit_from_title(title: str) -> str:
    """The unit a title starts with, before its year ('汕尾市经信局2016-2017年…' → '汕尾市经信局'), or
    before the work it names ('某某中学文明校园创建…'); '' when the words there don't end like a unit's name."""
    text = _BEFORE_UNIT.sub("", codes.fold_width(title).strip())
    match = re.search(r"20\d\d|(?:创建|争创|文明|测评|精神文明)", text)
    head = text[: match.start()].strip(" ：:-—_《") if match else ""
    if 2 <= len(head) <= 30 and head.endswith(_UNIT_ENDS) and not head.endswith(_KINDS_OF_UNIT):
        return head
    return ""


_LIST_WORDS = ("任务责任清单", "责任清单", "任务清单", "责任分解表", "任务分解表", "分解表", "一览表", "明细表",
               "测评细则", "细则", "清单", "表")


def _category_names(titles: list[str], sheets: list[str]) -> list[str]:
    """One category name per table: what tells the annexes' titles apart ('共性任务', '个性任务')."""
    prefix = _common_prefix(titles) if len(titles) > 1 else ""
    names = []
    for number, (title, sheet) in enumerate(zip(titles, sheets), start=1):
        name = _strip_list_word(codes.strip_code(title[len(prefix):].strip(" ：:-—_"))) if title else ""
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


