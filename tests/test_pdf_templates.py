"""The printed binder's HTML comes from jinja templates (templates/pdf/), the way the site's
does: no markup in layout.py's strings, the CSS from its file, and every name and every text
from a document escaped, never markup (a file named `<script>&"'.jpg` included)."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import TEMPLATES_DIR
from generator.binder import assemble
from generator.outputs.pdf import book, catalogue, layout
from generator.view import build_view
from tests.test_pdf import CRITERIA, docx, jpeg, text_pdf, xlsx

HOSTILE = '<script>&"\''
UNIT = '测试<单位>&"\''

TAGS = {"html", "head", "meta", "style", "body", "section", "div", "br", "h1", "h2", "h3", "table", "thead",
        "tbody", "tr", "th", "td", "span", "ul", "li", "figure", "img", "figcaption", "p"}
"""Every element the binder's pages use: a name that became markup would add another."""


class _Page(HTMLParser):
    """The elements, attributes and text of a page, as a browser (or WeasyPrint) reads them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture
def hostile_pages(make_archive, tmp_path) -> list[str]:
    """The front matter and every indicator, both editions, of an archive whose unit, file
    names, report, table and video carry < > & " '."""
    root = make_archive({
        "criteria.yml": CRITERIA.replace("测试单位", UNIT),
        "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度/01-中心组学习制度.pdf": text_pdf("关于印发中心组学习制度的通知"),
        f"Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度/{HOSTILE}.pdf": b"not a pdf",
        "Ⅲ-2 健全完善学习制度/1 中心组学习/② 学习情况/01-学习情况说明报告.docx":
            docx("中心组学习情况说明报告<b>", [f"我局认真组织{HOSTILE}学习。"]),
        f"Ⅲ-2 健全完善学习制度/1 中心组学习/② 学习情况/{HOSTILE}.jpg": jpeg("green"),
        f"Ⅲ-5 学习教育系统化/2 党史国史教育/{HOSTILE}.csv": f"姓名,{HOSTILE}\n陈晓波,人教科\n".encode("utf-8"),
        "Ⅲ-5 学习教育系统化/2 党史国史教育/01-学习统计表.xlsx": xlsx(),
        f"Ⅲ-9 融入日常生活/1 核心价值观教育/{HOSTILE}.mp4": b"\x00\x00\x00\x18ftypmp42",
    })
    view = build_view(assemble(root, tmp_path / "cache", ocr=False, jobs=1))
    volumes = catalogue.volumes(view)
    pages = []
    for edition in ("inspector", "internal"):
        front = layout.Front(unit=view.unit, title=view.framework.title, subtitle=f"分册{HOSTILE}",
                             period=f"周期{HOSTILE}", generated=dt.date(2024, 5, 6), edition=edition)
        pages.append(layout.front_html(front, volumes))
        for volume in volumes:
            photos, tables, evidence = {}, {}, {}
            entries = [book._readied(e, tmp_path / "pdf", photos, tables, evidence) for e in volume.entries]
            pages.append(layout.indicator_html(dataclasses.replace(volume, entries=entries), edition, photos, tables))
    return pages


def test_names_with_markup_characters_are_text_never_markup(hostile_pages):
    placements = "".join(hostile_pages)
    for kind in ("class=slot", "class=placeholder", "class=report", "class=data", "class=still",
                 "<figure", "class=findings", "class=contents"):
        assert kind in placements, kind  # every kind of page met the hostile names
    for html in hostile_pages:
        page = _Page(html)
        assert page.tags <= TAGS, page.tags - TAGS
        assert all(HOSTILE not in (value or "") and "<" not in (value or "") for _, value in page.attributes)
    text = "".join("".join(_Page(html).text) for html in hostile_pages)
    assert text.count(HOSTILE) >= 10  # shown as written: in names, the report, the table, the cover
    assert UNIT in text and f"分册{HOSTILE}" in text and f"周期{HOSTILE}" in text


def test_the_page_carries_the_css_file_as_it_is(hostile_pages):
    css = (TEMPLATES_DIR / "pdf" / "binder.css").read_text(encoding="utf-8")
    assert "@page { size: A4;" in css
    for html in hostile_pages:
        assert f"<style>{css}</style>" in html


def test_layout_keeps_no_markup_in_its_strings():
    """House rule: HTML lives in templates. Any string of layout.py that starts a tag is markup
    that belongs in templates/pdf/."""
    source = Path(layout.__file__).read_text(encoding="utf-8")
    markup = [node.lineno for node in ast.walk(ast.parse(source))
              if isinstance(node, ast.Constant) and isinstance(node.value, str)
              and node.value.lstrip().startswith("<") and node.value.lstrip()[1:2].isalpha()]
    markup += [node.lineno for node in ast.walk(ast.parse(source)) if isinstance(node, ast.JoinedStr)
               and isinstance(node.values[0], ast.Constant) and node.values[0].value.lstrip().startswith("<")]
    assert not markup, f"markup in layout.py at lines {sorted(set(markup))}"


def test_the_binder_templates_are_found_where_the_site_finds_its_own():
    """templates/pdf/ sits in TEMPLATES_DIR, located as the site's and the office site's are."""
    assert layout.TEMPLATES == TEMPLATES_DIR / "pdf"
    for name in ("page.html.j2", "front.html.j2", "indicator.html.j2", "_materials.html.j2", "_marks.html.j2",
                 "binder.css"):
        assert (layout.TEMPLATES / name).is_file(), name


def test_a_template_line_break_adds_no_space_between_elements():
    """The templates are written one element a line; WeasyPrint gets them joined (a space
    between two inline elements would show on the page)."""
    html = layout._environment().get_template("_marks.html.j2").module.status(
        type("S", (), {"label": "达标"})(), True)
    assert str(html) == " <span class=status>达标</span>"
    assert "\n" not in layout._render("page.html.j2").replace(str(layout.css()), "")


def test_a_standard_without_a_number_is_headed_without_a_placeholder_word(make_archive, tmp_path):
    from .conftest import one_requirement_criteria

    criteria = one_requirement_criteria().replace("          - code: 1\n            text: 以党委", "          - text: 以党委")
    root = make_archive({"criteria.yml": criteria,
                         "Ⅲ-2 健全完善学习制度/01-中心组学习制度.pdf": text_pdf("关于印发中心组学习制度的通知")})
    view = build_view(assemble(root, tmp_path / "cache", ocr=False, jobs=1))
    [volume] = catalogue.volumes(view)
    text = "".join(_Page(layout.indicator_html(volume, "inspector", {}, {})).text)
    assert "测评标准（1分）" in text.replace(" ", "") and "测评标准 标准" not in text
