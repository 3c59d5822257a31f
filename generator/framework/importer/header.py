"""Finding a table's header row and what each column holds.

Shapes read:
- a header row anywhere among the first rows (titles, a 申报条件 note, blank rows first);
- header names in their many synonyms (测评内容 / 指标名称 / 考核内容 / 测评项目 / 测评指标 /
  一级指标 / 二级指标; 测评标准 / 评分标准 / 考核标准 / 测评细则 / 指标描述; 材料报送要求 /
  材料要求 / 申报材料 / 佐证材料 / 资料清单 / 具体要求; 责任单位 / 牵头单位 / 责任部门 / 配合单位 /
  负责部门; 分值 / 分数 / 权重; 测评方法 / 测评方式 / 测评措施);
- one header cell merged over several columns (测评项目 over a number and a name; 测评标准
  over three merged columns);
- the levels above the standard: every name column left of the standard column is a
  level (category → sub-category → indicator), top down. Where no column is called
  测评标准 (or a synonym), the last "content" column (测评内容, 考核内容) holds the standards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ... import codes
from ..prose import join_lines
from .tables import RawCell, RawTable, empty

LEVEL_WORDS = ("测评类别", "测评项目", "考核项目", "考评项目", "评价项目", "一级指标", "二级指标", "三级指标",
               "指标名称", "测评指标", "考评指标", "考核指标", "评价指标", "指标", "项目", "类别")
"""Columns naming a level above the standard."""

CONTENT_WORDS = ("测评内容", "考核内容", "考评内容", "指标内容", "评价内容", "工作内容")
"""Columns that hold the indicator when a standard column follows, else the standards."""

COLUMNS: dict[str, tuple[str, ...]] = {
    "standard": ("测评标准", "评分标准", "考核标准", "考评标准", "评价标准", "工作标准", "标准内容", "测评细则",
                 "评分细则", "考核细则", "考评细则", "指标描述", "标准"),
    "requirement": ("材料报送要求", "申报材料要求", "报送材料要求", "资料要求", "材料要求", "报送材料",
                    "申报材料", "佐证材料", "备查材料", "需提供材料", "提供材料", "台账资料", "资料清单",
                    "材料清单", "见证材料", "具体要求"),
    "method": ("测评方法", "考核方法", "考评方法", "评价方法", "检查方法", "测评方式", "考核方式", "考评方式", "测评措施",
               "方法"),
    "score": ("分值", "分数", "标准分", "权重"),
    "leader": ("责任领导", "分管领导", "牵头领导", "领导"),
    "department": ("责任科室", "责任单位", "牵头单位", "责任部门", "牵头科室", "牵头部门", "责任股室",
                   "承办科室", "责任处室", "配合单位", "负责部门", "提供材料部门"),
    "person": ("责任人", "具体责任人", "经办人", "联系人"),
    "ignored": ("得分", "序号", "编号", "备注", "自评得分", "扣分"),
}
"""Each column the importer reads, with the header names it goes by."""

HEADER_ROWS = 8
"""How far down a table its header row is looked for (titles and notes may come first)."""


@dataclass
class Header:
    row: int
    """The header's row index in the table."""
    roles: dict[str, list[int]]
    """The columns of each role ('standard', 'method', …); a role merged over columns has several."""
    levels: list[list[int]] = field(default_factory=list)
    """The columns of each level above the standard, top down (a number column joins its name)."""
    key: list[str] = field(default_factory=list)
    """The header's cells as keys: the same row further down is the header repeated."""

    def has(self, role: str) -> bool:
        return bool(self.roles.get(role))


def normal(text: str) -> str:
    """A header cell as a key: no breaks, spaces, brackets' content or marks ('分值\\n（分）' -> '分值')."""
    text = codes.fold_width(join_lines(text))
    text = re.sub(r"\(.*?\)|【.*?】", "", text)
    return re.sub(r"[\s*：:.、]", "", text)


def _role(name: str) -> str | None:
    if not name or len(name) > 12:
        return None
    if name in CONTENT_WORDS:
        return "content"
    for role, words in COLUMNS.items():
        if name in words:
            return role
    if name in LEVEL_WORDS:
        return "level"
    for role, words in COLUMNS.items():  # '开展活动和材料清单', '测评方法及要求'
        if any(w in name for w in words if len(w) >= 4):
            return role
    if any(name.endswith(w) for w in ("项目", "指标", "类别")):
        return "level"
    return None


def read_header(table: RawTable, index: int) -> Header | None:
    """The row at `index` read as a header, or None when it is not one."""
    row = table.rows[index]
    names = [normal(cell.text) for cell in row]
    roles: dict[str, list[int]] = {}
    for column, name in enumerate(names):
        role = _role(name)
        if role:
            roles.setdefault(role, []).append(column)
    content = roles.pop("content", [])
    if not roles.get("standard") and content:
        standard_name = names[content[-1]]
        roles["standard"] = [c for c in content if names[c] == standard_name]
        content = [c for c in content if names[c] != standard_name]
    roles.setdefault("level", [])
    roles["level"] = sorted(roles["level"] + content)
    if not roles.get("standard") or not roles["level"] and not roles.get("requirement"):
        return None
    first_standard = min(roles["standard"])
    roles["level"] = [c for c in roles["level"] if c < first_standard]
    if not roles["level"] and not (roles.get("requirement") or roles.get("method") or roles.get("score")):
        return None
    header = Header(row=index, roles=roles, key=names)
    header.levels = _levels(table, header, names)
    return header


def _levels(table: RawTable, header: Header, names: list[str]) -> list[list[int]]:
    """The level columns grouped: one header name over several columns is one group, where a
    column holding only codes ('1', 'Ⅱ-1') joins the name column after it, and any other
    column is a level of its own (07: 指标名称 over category | number | name)."""
    groups: list[list[int]] = []
    for column in header.roles["level"]:
        if groups and names[groups[-1][-1]] == names[column] and groups[-1][-1] == column - 1:
            groups[-1].append(column)
        else:
            groups.append([column])
    levels: list[list[int]] = []
    for group in groups:
        pending: list[int] = []
        for column in group:
            pending.append(column)
            if column != group[-1] and _codes_only(table, header.row, column):
                continue
            levels.append(pending)
            pending = []
    return levels


def _codes_only(table: RawTable, header_row: int, column: int) -> bool:
    texts = [row[column].text.strip() for row in table.rows[header_row + 1:] if column < len(row)]
    texts = [t for t in texts if t][:60]
    if not texts:
        return False
    # A note row across the table puts its text in every column: a few long texts are let go.
    bare = [t for t in texts if len(t) < 12 and (c := codes.parse_code(t)) is not None and not c.name]
    return len(bare) >= 0.8 * len(texts)


def find_header(table: RawTable) -> Header | None:
    """The header among the first rows that hold text."""
    filled = [index for index, row in enumerate(table.rows) if not empty(row)][:HEADER_ROWS]
    for index in filled:
        header = read_header(table, index)
        if header is not None:
            return header
    return None


def is_header_again(row: list[RawCell], header: Header) -> bool:
    """The header typed again (a table continued on the next page)."""
    return [normal(c.text) for c in row[:len(header.key)]] == header.key[:len(row)]
