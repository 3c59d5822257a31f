"""From many units' results to the office view: each unit read and reduced in turn, its
framework mapped onto the reference one (by code and name, every difference listed), the
ranking, the failures per indicator and the trends between years."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import quote

from ...codes import indicator_slug
from ...comparison import compare
from ...rules.messages import rule_name
from .contract import ContractError, parse
from .model import (Cell, CategoryCell, IndicatorFailures, Mismatch, OfficeView, ReferenceIndicator, Trend,
                    UnitResult, UnitRow)

TOP_RULES = 3
_NOW = 10 ** 6
"""The sort key of results without a year (a check json or an archive): newer than any snapshot."""


@dataclass(frozen=True)
class UnitSource:
    """One input of `binder office`: where it came from, its year (a snapshot's) and how to
    read its check json (a callable, so that only one unit's findings are in memory at a time)."""

    source: str
    year: int | None
    load: Callable[[], object]


def gather(sources: Iterable[UnitSource], site_dir: Path) -> OfficeView:
    years, refused = _read_all(sources)
    newest = {unit: by_year[max(by_year)] for unit, by_year in years.items()}
    title, reference = _reference(list(newest.values()))
    categories = list(dict.fromkeys(r.category for r in reference))
    mismatches: list[Mismatch] = []
    rows = []
    for unit, result in newest.items():
        row = UnitRow(unit=unit, key=folder_key(unit), result=result,
                      categories={c: CategoryCell() for c in categories})
        mismatches += _place(row, result, title, reference)
        _link(row, site_dir.resolve().parent)
        rows.append(row)
    rows.sort(key=lambda r: (r.totals.risk_share, r.totals.errors, r.totals.warnings, r.unit))
    for rank, row in enumerate(rows, 1):
        row.rank = rank
    trends, single = _trends(years)
    return OfficeView(
        reference_title=title, categories=categories, indicators=reference, units=rows,
        failures=_failures(reference, rows, newest), mismatches=mismatches, trends=trends,
        single_year=single, refused=refused, top_rules=_top(_all_rules(newest.values()), 10),
    )


def folder_key(unit: str) -> str:
    """The unit's name as a folder name (Windows-safe): where its binder sits beside the office site."""
    key = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", unit).strip(" .")
    return key[:80] or "_"


def _read_all(sources: Iterable[UnitSource]) -> tuple[dict[str, dict[int, UnitResult]], list[str]]:
    years: dict[str, dict[int, UnitResult]] = {}
    refused: list[str] = []
    for source in sources:
        try:
            result = parse(source.load(), source.source, source.year)
        except ContractError as error:
            refused.append(str(error))
            continue
        by_year = years.setdefault(result.unit, {})
        key = result.year if result.year is not None else _NOW
        if key in by_year:
            when = f"{result.year} 年" if result.year else "当前"
            refused.append(f"{by_year[key].source} 与 {result.source} 都是“{result.unit}”{when}的结果，只采用后者")
        by_year[key] = result
        # Trends compare the newest two years only: older results are let go at once.
        for old in sorted(by_year)[:-2]:
            by_year[old] = _without_findings(by_year[old])
    return years, refused


def _without_findings(result: UnitResult) -> UnitResult:
    return replace(result, finding_ids=b"", indicators=())


def _reference(results: list[UnitResult]) -> tuple[str, list[ReferenceIndicator]]:
    """The framework most units use (its title), with its indicators as the office's rows."""
    if not results:
        return "", []
    title = Counter(r.title for r in results).most_common(1)[0][0]
    first = next(r for r in results if r.title == title)
    return title, [ReferenceIndicator(i.code, i.name, i.category, indicator_slug(i.code)) for i in first.indicators]


def _normal(name: str) -> str:
    return re.sub(r"\s+", "", name)


def _place(row: UnitRow, result: UnitResult, title: str, reference: list[ReferenceIndicator]) -> list[Mismatch]:
    """Put the unit's indicators under the reference ones: the same code and name, or the
    same name under another code (counted, and listed); the same code with another name, or
    an indicator the reference lacks, is listed and not counted."""
    unit = row.unit
    found: list[Mismatch] = []
    if result.title != title:
        found.append(Mismatch(unit, "framework", f"测评体系不同：本单位为《{result.title or '未填写'}》，"
                                                 f"多数单位为《{title}》", merged=False))
    by_code = {r.code: r for r in reference}
    by_name = {_normal(r.name): r for r in reference}
    for own in result.indicators:
        target = by_code.get(own.code)
        if target is not None and _normal(target.name) == _normal(own.name):
            pass
        elif _normal(own.name) in by_name:
            target = by_name[_normal(own.name)]
            found.append(Mismatch(unit, "code", f"“{own.name}”编号不同：本单位 {own.code}，多数单位 {target.code}；"
                                                f"按名称对应，计入 {target.code}", merged=True))
        elif target is not None:
            found.append(Mismatch(unit, "name", f"编号 {own.code} 名称不同：本单位“{own.name}”，多数单位“{target.name}”；"
                                                f"未合并，不计入 {target.code}", merged=False))
            continue
        else:
            found.append(Mismatch(unit, "extra", f"多数单位的测评体系中没有 {own.code}“{own.name}”；未计入矩阵",
                                  merged=False))
            continue
        if target.code in row.cells:
            found.append(Mismatch(unit, "code", f"{own.code}“{own.name}”与已对应到 {target.code} 的测评内容重复；"
                                                f"只计入第一项", merged=False))
            continue
        cell = Cell(status=own.status, at_risk=own.at_risk, unit_code=own.code)
        row.cells[target.code] = cell
        row.categories[target.category].add(cell)
    for ref in reference:
        if ref.code not in row.cells:
            found.append(Mismatch(unit, "missing", f"本单位没有 {ref.code}“{ref.name}”", merged=False))
    return found


def _link(row: UnitRow, beside: Path) -> None:
    """Links to the unit's own binder when it sits beside the office site as <key>/site/."""
    binder = beside / row.key / "site"
    if not (binder / "index.html").is_file():
        return
    prefix = f"../{quote(row.key)}/site"
    row.binder = f"{prefix}/index.html"
    for cell in row.cells.values():
        page = f"indicators/{indicator_slug(cell.unit_code)}.html"
        if (binder / page).is_file():
            cell.link = f"{prefix}/{quote(page)}"


def _failures(reference: list[ReferenceIndicator], rows: list[UnitRow],
              newest: dict[str, UnitResult]) -> list[IndicatorFailures]:
    rules: dict[str, Counter] = {r.code: Counter() for r in reference}
    for row in rows:
        placed = {cell.unit_code: code for code, cell in row.cells.items()}
        for own in newest[row.unit].indicators:
            if own.code in placed:
                rules[placed[own.code]].update(own.rules)
    found = []
    for ref in reference:
        cells = [row.cells[ref.code] for row in rows if ref.code in row.cells]
        found.append(IndicatorFailures(
            indicator=ref, failing=sum(c.status == "failing" for c in cells),
            to_verify=sum(c.status == "to-verify" for c in cells), units=len(cells),
            top_rules=_top(rules[ref.code], TOP_RULES)))
    return found


def _all_rules(results: Iterable[UnitResult]) -> Counter:
    total: Counter = Counter()
    for result in results:
        for indicator in result.indicators:
            total.update(indicator.rules)
        total.update(result.unplaced_rules)
    return total


def _top(counter: Counter, count: int) -> list[tuple[str, str, int]]:
    return [(rule, rule_name(rule), n) for rule, n in counter.most_common(count)]


def _trends(years: dict[str, dict[int, UnitResult]]) -> tuple[list[Trend], list[str]]:
    trends, single = [], []
    for unit, by_year in sorted(years.items()):
        if len(by_year) < 2:
            single.append(unit)
            continue
        before, now = (by_year[k] for k in sorted(by_year)[-2:])
        comparison = compare([{"id": i.hex()} for i in now.identities()],
                             [{"id": i.hex()} for i in before.identities()])
        trends.append(Trend(unit, before.year, now.year, len(comparison.resolved), len(comparison.new),
                            len(comparison.still_open)))
    return trends, single
