"""Building the Framework from the rows read, and the notes a person should look at.

The builder walks each framework table's rows below its header: the level cells
(levels.py) say which category, sub-category and indicator a row belongs to; the
standard cell gives one or several standards (cells.py); the method, requirement,
score and owner cells are given to the standards, by number where the cell is keyed
by the standards' numbers. Everything it cannot place becomes a Note naming the
table, the row and the cell: nothing is dropped silently. What the rows give is kept in
drafts (drafts.py), made final in finish.py; the titles are read in titles.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ... import codes
from .. import Category, Framework, Indicator, Owner, Standard
from ..writer import Remarks
from ..prose import HINT, TO_VERIFY, Note, demands_in_standard, join_lines, parse_requirements
from .cells import PackedStandard, keyed, split_methods, split_standards
from .drafts import IndicatorDraft, RowContext, StandardDraft
from .finish import Finisher
from .header import Header, find_header, is_header_again
from .paragraphs import read_items
from .levels import LevelValue, level_names, level_text, read_level
from .tables import Document, ImportFailed, RawCell, RawTable, distinct, empty
from .titles import category_names, framework_title, period_from_title, table_title, unit_from_title


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


class Builder:
    def __init__(self, source: Path):
        self.source = source
        self.notes: list[Note] = []
        self.remarks = Remarks()
        self.indicators: dict[str, IndicatorDraft] = {}
        self.categories: dict[str, str] = {}
        """Category name -> its code, in order."""
        self.merging_tables: set[str] = set()
        self.last: IndicatorDraft | None = None
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
        titles = [table_title(table, header.row) for table, header in framework_tables]
        names = category_names(titles, [t.sheet for t, _ in framework_tables])
        context: RowContext | None = None
        previous_key: list[str] | None = None
        for (table, header), name in zip(framework_tables, names):
            if context is None or header.key != previous_key:  # a table continued keeps its levels open
                context = RowContext([None] * len(header.levels), [None] * len(header.levels))
            previous_key = header.key
            self._read_table(table, header, name, context)
        framework = Finisher(self.notes, self.remarks, self.merging_tables).framework(
            framework_title(titles, names, self.source), self.indicators.values(), self.categories)
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

    # one table

    def _read_table(self, table: RawTable, header: Header, category: str, context: RowContext) -> None:
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
                  context: RowContext, row: list[RawCell], number: int, where: str) -> None:
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
    def _item_score_merged(indicator: IndicatorDraft, drafts: list[StandardDraft]) -> None:
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
                   requirement: list[RawCell], indicator: IndicatorDraft, where: str) -> list[StandardDraft]:
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
            drafts.append(StandardDraft(
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
                   where: str) -> IndicatorDraft:
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
            draft = self.indicators[code] = IndicatorDraft(code, name, category, group)
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

    def _continue_standard(self, standard: StandardDraft, requirement: list[RawCell], row, header: Header,
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

    def _header_lines(self, framework: Framework, titles: list[str]) -> list[str]:
        return [
            f"来源：{self.source.name}（{len(titles)} 个表格：{'；'.join(t or '无标题' for t in titles)}）",
            f"导入时间：{dt.datetime.now():%Y-%m-%d %H:%M}",
            f"共 {len(framework.categories)} 个测评项目、{len(framework.indicators)} 项测评内容、"
            f"{len(framework.standards)} 条测评标准、合计 {framework.score:g} 分。",
        ]
