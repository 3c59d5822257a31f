"""What a framework table's titles say: the table's own title, the category each annex
stands for, the framework's title, and the unit and period the title names.

'汕尾市经信局2016-2017年创建省级文明单位任务责任清单' gives the unit (汕尾市经信局), the
period (2016-01-01..2017-12-31) and, beside a second annex's title, the categories
(共性任务, 个性任务): what tells the annexes' titles apart.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ... import codes
from ..prose import join_lines
from .tables import RawTable


def table_title(table: RawTable, header: int) -> str:
    """The table's own title row (xlsx: row 1) or else the heading above it."""
    for row in reversed(table.rows[:header]):
        texts = list(dict.fromkeys(join_lines(c.text) for c in row if c.text.strip()))
        if len(texts) == 1 and len(texts[0]) <= 60:
            return re.sub(r"^附件\s*\d*\s*[：:.、]?\s*", "", texts[0]).strip()
    return table.heading


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


def category_names(titles: list[str], sheets: list[str]) -> list[str]:
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


def framework_title(titles: list[str], categories: list[str], source: Path) -> str:
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


