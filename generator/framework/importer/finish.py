"""From drafts to the Framework: each indicator's standards and requirements made final,
with the notes a person should look at (an indicator found in several groups of rows, two
standards with the same number, scores that don't add up, requirements numbered by place).
"""

from __future__ import annotations

from collections.abc import Iterable

from ... import codes
from .. import Category, Framework, Indicator, Requirement, Standard
from ..prose import HINT, TO_VERIFY, Note, Part, join_lines
from ..writer import Remarks
from .drafts import IndicatorDraft, StandardDraft


class Finisher:
    """Writes its notes and remarks into the builder's (one list, one Remarks)."""

    def __init__(self, notes: list[Note], remarks: Remarks, merging_tables: set[str]):
        self.notes, self.remarks, self.merging_tables = notes, remarks, merging_tables

    def note(self, level: str, where: str, message: str) -> None:
        self.notes.append(Note(level, message, where))

    def framework(self, title: str, indicators: Iterable[IndicatorDraft], categories: dict[str, str]) -> Framework:
        """The framework of the drafts, in the categories' order (name -> code)."""
        by_category: dict[str, list[Indicator]] = {name: [] for name in categories}
        for draft in indicators:
            by_category[draft.category].append(self._finish(draft))
        return Framework(title=title, categories=tuple(
            Category(name, tuple(items), code=categories.get(name, "")) for name, items in by_category.items() if items))

    def _finish(self, draft: IndicatorDraft) -> Indicator:
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
    def _lead_in(sd: StandardDraft) -> bool:
        return any("编号前的文字" in n.message for p in sd.parts for n in p.notes)

    def _requirements(self, sd: StandardDraft, where: str, key: tuple[str, int]) -> tuple[Requirement, ...]:
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
