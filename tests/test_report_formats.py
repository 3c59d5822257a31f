"""A report submitted as PDF (or OFD) is counted from its text like a .docx."""

from __future__ import annotations

import html

from PIL import ImageFile

from generator.archive.inspectors import inspect_file
from generator.framework.params import InspectionLimits
from generator.rules.reports import readable_report

from .test_word_text import docx_of, findings_of, make_tool, report_archive


def report_pdf(path, key: str = "Ⅲ-89-2", keep=lambda index: True, css: str = ""):
    """The example report `key` laid out as a PDF with a text layer (WeasyPrint, a project
    dependency), one <p> per paragraph as Word has them."""
    paragraphs = [text for index, (_, text) in enumerate(make_tool().REPORTS[key].paragraphs()) if keep(index)]
    body = "".join(f"<p>{html.escape(text)}</p>" for text in paragraphs)
    path.parent.mkdir(parents=True, exist_ok=True)
    page = f"<html><head><style>{css}</style></head><body style='font-family: Noto Serif CJK SC'>{body}</body></html>"
    import weasyprint  # on first use: its import switches Pillow to load truncated images,
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # which the inspector tests must see off

    weasyprint.HTML(string=page).write_pdf(path)
    return path


def test_a_pdf_report_is_counted_like_its_docx(tmp_path):
    pdf = inspect_file(report_pdf(tmp_path / "in" / "r.pdf"), tmp_path / "thumbs")
    docx = inspect_file(docx_of(tmp_path, "Ⅲ-89-2", "r.docx"), tmp_path / "thumbs")
    counted = readable_report(pdf)
    assert pdf.text_pages == pdf.pages >= 1
    assert (counted.title, counted.char_count) == (docx.title, docx.char_count)


def test_the_page_budget_bounds_the_text_read(tmp_path):
    path = report_pdf(tmp_path / "in" / "r.pdf", css="p { break-after: page }")
    whole = inspect_file(path, tmp_path / "thumbs")
    assert whole.pages >= 2, "the report must span pages for this test"
    first = inspect_file(path, tmp_path / "thumbs", InspectionLimits(text_pages=1))
    none = inspect_file(path, tmp_path / "thumbs", InspectionLimits(text_pages=0))
    assert first.text_pages == 1 and 0 < len(first.text) < len(whole.text)
    assert whole.text_pages == 5  # the default budget
    assert none.text == "" and readable_report(none) is None


def test_binder_check_counts_a_pdf_report_like_its_docx(tmp_path, capsys):
    name = "01-Ⅲ-2征求民意突出问题整改情况说明报告"
    from_docx = report_archive(tmp_path / "a", f"{name}.docx", docx_of(tmp_path, "Ⅲ-89-2", "r.docx").read_bytes())
    from_pdf = report_archive(tmp_path / "b", f"{name}.pdf", report_pdf(tmp_path / "p" / "r.pdf").read_bytes())
    docx_rules = findings_of(from_docx, tmp_path, capsys)
    pdf_rules = findings_of(from_pdf, tmp_path, capsys)
    assert [f for f in pdf_rules if f[0] != "report.format"] == docx_rules
    assert any(rule == "report.format" for rule, _ in pdf_rules)
    short = report_archive(tmp_path / "c", f"{name}.pdf",
                           report_pdf(tmp_path / "s" / "r.pdf", keep=lambda index: index < 4).read_bytes())
    assert "report.length" in dict(findings_of(short, tmp_path, capsys))


def test_a_long_pdf_is_read_on_page_one_only(tmp_path, monkeypatch):
    from generator.archive.inspectors import document

    path = report_pdf(tmp_path / "in" / "r.pdf", css="p { break-after: page }")
    whole = inspect_file(path, tmp_path / "thumbs", InspectionLimits(text_pages=100))
    assert 5 < whole.pages <= document.LONG_DOCUMENT_PAGES and whole.text_pages == whole.pages
    monkeypatch.setattr(document, "LONG_DOCUMENT_PAGES", whole.pages - 1)
    assert inspect_file(path, tmp_path / "thumbs", InspectionLimits(text_pages=100)).text_pages == 1
