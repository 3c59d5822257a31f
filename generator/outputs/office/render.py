"""The office site: plain html pages from jinja2 templates (templates/office/), a small CSS
and JS, and the 通报 as a workbook. Offline: no request leaves the folder, every link is
relative, so it works from file:// and a USB stick."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import jinja2

from ... import TEMPLATES_DIR
from .model import STATUS_LABELS, IndicatorFailures, OfficeView

OFFICE_TEMPLATES = TEMPLATES_DIR / "office"
SITE_TITLE = "创建材料检查汇总"
UNITS_PER_PAGE = 200
"""Rows of a category page: past it the category's table is split, so that no page grows with
the number of units (300 units × 36 indicators in one page would be several MB)."""
MARKS = {"failing": "✗", "to-verify": "!", "compliant": "✓"}
ASSETS = ("office.css", "office.js")


@dataclass(frozen=True)
class WrittenSite:
    index: Path
    pages: int
    workbook: Path


def write_site(view: OfficeView, site_dir: Path, month: date | None = None) -> WrittenSite:
    env = _environment()
    month = month or date.today()
    site_dir.mkdir(parents=True, exist_ok=True)
    categories_dir = site_dir / "categories"
    if categories_dir.is_dir():
        shutil.rmtree(categories_dir)  # pages of an earlier run with other units or categories
    categories_dir.mkdir()
    (site_dir / "assets").mkdir(exist_ok=True)
    for name in ASSETS:
        shutil.copyfile(OFFICE_TEMPLATES / name, site_dir / "assets" / name)

    category_pages = _category_pages(view)
    common = {"view": view, "site_title": SITE_TITLE, "category_pages": category_pages,
              "generated": datetime.now().strftime("%Y-%m-%d %H:%M")}
    pages = 0

    def page(template: str, path: str, title: str, **context) -> None:
        nonlocal pages
        root = "../" * path.count("/")
        html = env.get_template(template).render(title=title, root=root, **common, **context)
        (site_dir / path).write_text(html, encoding="utf-8")
        pages += 1

    page("index.html.j2", "index.html", "各单位测评项目矩阵")
    page("ranking.html.j2", "ranking.html", "单位排名")
    page("indicators.html.j2", "indicators.html", "各测评内容未达标情况")
    page("trends.html.j2", "trends.html", "年度变化")
    page("mismatches.html.j2", "mismatches.html", "测评体系差异")
    month_label = f"{month.year}年{month.month}月"
    page("tongbao.html.j2", "tongbao.html", f"关于{month_label}创建材料检查情况的通报",
         month_label=month_label, totals=_totals(view), worst=_worst(view.failures), body_class="tongbao-page")
    for category, paths in category_pages.items():
        indicators = [r for r in view.indicators if r.category == category]
        rows_of = [view.units[i:i + UNITS_PER_PAGE] for i in range(0, len(view.units), UNITS_PER_PAGE)] or [[]]
        for number, (path, rows) in enumerate(zip(paths, rows_of), 1):
            page("category.html.j2", path, category, category=category, indicators=indicators, rows=rows,
                 pages=paths, page=number, any_link=any(c.link for r in rows for c in r.cells.values()))
    workbook = site_dir / "tongbao.xlsx"
    workbook.write_bytes(tongbao_xlsx(view))
    return WrittenSite(site_dir / "index.html", pages, workbook)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(OFFICE_TEMPLATES)), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["g"] = _number
    env.filters["basename"] = lambda path: path.rsplit("/", 1)[-1]
    env.globals.update(labels=STATUS_LABELS, marks=MARKS)
    return env


def _number(value: float) -> str:
    """12.0 -> '12', 0.60000001 -> '0.6'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _category_pages(view: OfficeView) -> dict[str, list[str]]:
    """Each category's page paths (ASCII names: a category's name may hold anything)."""
    count = max(1, -(-len(view.units) // UNITS_PER_PAGE))
    return {category: [f"categories/c{index:02d}-{page}.html" for page in range(1, count + 1)]
            for index, category in enumerate(view.categories, 1)}


def _totals(view: OfficeView) -> dict:
    t = [row.totals for row in view.units]
    standards = sum(x.standards for x in t)
    compliant = sum(x.compliant for x in t)
    return {"standards": standards, "compliant": compliant, "failing": sum(x.failing for x in t),
            "to_verify": sum(x.to_verify for x in t), "at_risk": round(sum(x.at_risk for x in t), 2),
            "errors": sum(x.errors for x in t), "warnings": sum(x.warnings for x in t),
            "rate": round(100 * compliant / standards, 1) if standards else 0}


def _worst(failures: list[IndicatorFailures], count: int = 10) -> list[IndicatorFailures]:
    return sorted((f for f in failures if f.failing), key=lambda f: -f.failing)[:count]


def tongbao_xlsx(view: OfficeView) -> bytes:
    """The 通报 as a workbook: the ranking, the unit × category matrix, the indicators, the
    framework differences (write-only openpyxl: rows streamed, styles made once)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    bold = Font(bold=True)
    fills = {"failing": PatternFill("solid", fgColor="FFCDD2"), "to-verify": PatternFill("solid", fgColor="FFF3C4"),
             "compliant": PatternFill("solid", fgColor="DCEDC8")}
    workbook = Workbook(write_only=True)

    def sheet(title: str, header: list[str], rows, widths: list[int]) -> None:
        ws = workbook.create_sheet(title)
        for index, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + index)].width = width
        ws.freeze_panes = "C2" if title == "单位×测评项目" else "A2"
        head = []
        for value in header:
            cell = WriteOnlyCell(ws, value=value)
            cell.font = bold
            head.append(cell)
        ws.append(head)
        for values, status in rows:
            cells = []
            for index, value in enumerate(values):
                cell = WriteOnlyCell(ws, value=value)
                fill = status[index] if isinstance(status, list) else None
                if fill in fills:
                    cell.fill = fills[fill]
                cells.append(cell)
            ws.append(cells)

    sheet("单位排名", ["名次", "单位", "测评标准", "达标", "未达标", "待核实", "总分", "风险分值", "未达标问题", "待核实问题", "结果来自"],
          (([r.rank, r.unit, r.totals.standards, r.totals.compliant, r.totals.failing, r.totals.to_verify,
             r.totals.score, r.totals.at_risk, r.totals.errors, r.totals.warnings, r.result.source], None)
           for r in view.units), [6, 28, 9, 7, 7, 7, 7, 9, 10, 10, 40])
    header = ["名次", "单位"] + [f"{c}（未达标/待核实/达标 项，风险分值）" for c in view.categories]
    sheet("单位×测评项目", header,
          (([r.rank, r.unit] + [f"{r.categories[c].failing}/{r.categories[c].to_verify}/{r.categories[c].compliant}，"
                                f"{_number(r.categories[c].at_risk)} 分" for c in view.categories],
            [None, None] + [r.categories[c].status for c in view.categories]) for r in view.units),
          [6, 28] + [24] * len(view.categories))
    sheet("测评内容", ["编号", "测评内容", "测评项目", "未达标单位", "待核实单位", "有此项的单位", "最常见的问题"],
          (([f.indicator.code, f.indicator.name, f.indicator.category, f.failing, f.to_verify, f.units,
             "、".join(f"{name}（{n}）" for _, name, n in f.top_rules)], None) for f in view.failures),
          [8, 30, 14, 10, 10, 10, 50])
    sheet("体系差异", ["单位", "差异", "是否计入矩阵"],
          (([m.unit, m.text, "按名称计入" if m.merged else "未计入"], None) for m in view.mismatches), [28, 80, 12])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
