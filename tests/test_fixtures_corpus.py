"""The framework-table corpus itself (tests/fixtures/): files, readings, regeneration.

These tests check the corpus, not the importer: every fixture the README names exists
and opens, every hand-written reading parses and has the keys the format requires,
and make_fixtures.py writes the same bytes again.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import docx
import olefile
import openpyxl
import pytest
import yaml

FIXTURES = Path(__file__).parent / "fixtures"
FRAMEWORKS = FIXTURES / "frameworks"
README = FIXTURES / "README.md"
NEGATIVE = {"15-staff-list.xlsx", "16-empty.docx", "17-old-word-renamed.docx"}
TOP_KEYS = {"fixture", "source", "kind", "excerpt", "framework", "levels"}
CODE_KEYS = {"code", "name"}
KINDS = {"document", "report", "photo", "screenshot", "table", "meeting", "media", "evaluation", "other"}


def named_fixtures() -> list[str]:
    """The fixture files listed in the README's table (first column, in backticks)."""
    names = re.findall(r"^\| `frameworks/([^`]+)` \|", README.read_text(encoding="utf-8"), flags=re.M)
    return names


def framework_fixtures() -> list[str]:
    return [name for name in named_fixtures() if name not in NEGATIVE]


def test_the_readme_names_ten_frameworks_and_three_negatives():
    names = named_fixtures()
    assert len(framework_fixtures()) >= 10
    assert NEGATIVE <= set(names)
    assert len(names) == len(set(names))


def test_every_file_in_the_folder_is_in_the_readme():
    on_disk = {p.name for p in FRAMEWORKS.iterdir() if p.suffix in {".docx", ".xlsx"}}
    assert on_disk == set(named_fixtures())


@pytest.mark.parametrize("name", framework_fixtures() + ["15-staff-list.xlsx", "16-empty.docx"])
def test_fixture_opens(name):
    path = FRAMEWORKS / name
    assert path.is_file()
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        assert any(cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)
    else:
        document = docx.Document(str(path))
        text = [p.text for p in document.paragraphs] + [
            cell.text for table in document.tables for row in table.rows for cell in row.cells]
        assert any(text) or name == "16-empty.docx"


def test_the_empty_document_is_empty():
    document = docx.Document(str(FRAMEWORKS / "16-empty.docx"))
    assert not document.tables
    assert not any(p.text for p in document.paragraphs)


def test_the_renamed_old_word_file_is_an_ole_file():
    path = FRAMEWORKS / "17-old-word-renamed.docx"
    assert olefile.isOleFile(str(path))
    with olefile.OleFileIO(str(path)) as ole:
        assert ole.exists("WordDocument")


def _walk_standards(node: dict):
    """Every standard in a reading, whatever levels it has."""
    for standard in node.get("standards") or ():
        yield standard
    for key in ("categories", "subcategories", "indicators"):
        for child in node.get(key) or ():
            yield from _walk_standards(child)


def _walk_requirements(node: dict):
    """Every requirement, on a standard or on an indicator."""
    for requirement in node.get("requirements") or ():
        yield requirement
    for key in ("categories", "subcategories", "indicators", "standards"):
        for child in node.get(key) or ():
            yield from _walk_requirements(child)


def _walk_levels(node: dict):
    for key in ("categories", "subcategories", "indicators"):
        for child in node.get(key) or ():
            yield child
            yield from _walk_levels(child)


@pytest.mark.parametrize("name", framework_fixtures())
def test_expected_reading_parses_and_has_the_required_keys(name):
    reading_path = FRAMEWORKS / (Path(name).stem + ".expected.yml")
    reading = yaml.safe_load(reading_path.read_text(encoding="utf-8"))
    assert TOP_KEYS <= set(reading), f"{reading_path.name}: missing {TOP_KEYS - set(reading)}"
    assert reading["fixture"] == name
    assert reading["source"].startswith("http")
    assert reading["levels"][-1] == "standard"
    for level in _walk_levels(reading):
        assert CODE_KEYS <= set(level), level
        if level["code"] is not None:
            assert "canonical" in level, level
    standards = list(_walk_standards(reading))
    assert standards, "a reading with no standard"
    for standard in standards:
        assert {"code", "text"} <= set(standard), standard
        assert standard["text"], standard
    for requirement in _walk_requirements(reading):
        assert {"code", "text", "asks"} <= set(requirement), requirement
        for ask in requirement["asks"]:
            assert ask["kind"] in KINDS, ask


@pytest.mark.parametrize("name", framework_fixtures())
def test_each_standard_text_is_in_its_fixture(name):
    """The readings quote the fixtures: a typo in either shows here."""
    path = FRAMEWORKS / name
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        text = "\n".join(str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows()
                         for cell in row if cell.value is not None)
    else:
        document = docx.Document(str(path))
        text = "\n".join([p.text for p in document.paragraphs] + [
            cell.text for table in document.tables for row in table.rows for cell in row.cells])
    reading = yaml.safe_load((FRAMEWORKS / (path.stem + ".expected.yml")).read_text(encoding="utf-8"))
    for standard in _walk_standards(reading):
        assert standard["text"] in text, standard["text"]
    for requirement in _walk_requirements(reading):
        assert requirement["text"] in text, requirement["text"]
    squeezed = re.sub(r"\s", "", text)  # names printed one character per line
    for level in _walk_levels(reading):
        if level.get("name"):
            assert re.sub(r"\s", "", level["name"]) in squeezed, level["name"]


def test_make_fixtures_regenerates_identical_bytes(tmp_path):
    script = FRAMEWORKS / "make_fixtures.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True)
    for name in named_fixtures():
        assert (tmp_path / name).read_bytes() == (FRAMEWORKS / name).read_bytes(), name
