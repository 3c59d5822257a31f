"""Files made to hurt the inspectors or broken in ways one reader forgives: Office zip
bombs, a million-row sheet, a text file named .mp4, a .doc with a damaged header, PDFs
whose structure is broken but that pdfium still draws. Each is a finding by name, within
bounded time and memory, and no reader's exception reaches the log as a traceback
(issue 20, items 5 and 12)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from generator.binder import assemble
from generator.framework import FrameworkError, load_framework_file
from generator.archive.inspection import inspect_files
from generator.archive.inspectors import inspect_file, word_text
from generator.archive.inspectors.structure import pdf_damage
from generator.framework.params import InspectionLimits

from .conftest import REPO, TESTDATA, one_requirement_criteria, write_tree

MIB = 1024 * 1024
REQUIREMENT = "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度规范文件"
CRITERIA = one_requirement_criteria(head="framework: 测试测评体系\nunit: 测试单位\n{params}")


# --- hostile files, made here ---------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="{target}"/></Relationships>'
)


def docx_bomb(path: Path, inflated: int = 64 * MIB) -> Path:
    """A .docx whose word/document.xml inflates to `inflated` bytes of short paragraphs
    (deflate packs the repeated markup about 1000:1; python-docx builds a node for each)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES.format(overrides=(
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/>')))
        package.writestr("_rels/.rels", RELS.format(target="word/document.xml"))
        head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'.encode()
        tail = b"</w:body></w:document>"
        paragraph = b"<w:p><w:r><w:t>" + "炸弹".encode() * 8 + b"</w:t></w:r></w:p>"  # 81 bytes
        chunk = paragraph * (MIB // len(paragraph))
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head)
            chunks, rest = divmod(inflated - len(head) - len(tail), MIB)
            for _ in range(chunks):
                part.write(chunk)
            part.write(b" " * rest + tail)
    return path


def million_row_xlsx(path: Path, rows: int = 1_000_000) -> Path:
    """An .xlsx of one sheet with `rows` rows of one number each, its XML written directly
    (openpyxl would take minutes to write it)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES.format(overrides=(
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/>')))
        package.writestr("_rels/.rels", RELS.format(target="xl/workbook.xml"))
        package.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        package.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'))
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                       b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for start in range(1, rows + 1, 10_000):
                part.write("".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>'
                                   for r in range(start, min(start + 10_000, rows + 1))).encode())
            part.write(b"</sheetData></worksheet>")
    return path


def pdf(objects: list[bytes], xref: bool = True) -> bytes:
    """A PDF of `objects` (object 1 the catalog), with a correct xref table or none."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    if not xref:
        return bytes(out + trailer + b"%%EOF\n")
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    return bytes(out + trailer + f"startxref\n{start}\n%%EOF\n".encode())


TEXT = b"BT /F1 24 Tf 72 720 Td (Hello) Tj ET"
CONTENT = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(TEXT), TEXT)
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"


def page(parent: int) -> bytes:
    return (f"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>").encode()


def sound_pdf(xref: bool = True) -> bytes:
    return pdf([CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page(2), CONTENT, FONT], xref)


def looping_pdf() -> bytes:
    """The page tree's root lists itself among its kids: pdfium and pypdf draw page 1."""
    return pdf([CATALOG, b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>", page(2), CONTENT, FONT])


def deep_pdf(depth: int = 300) -> bytes:
    """A page tree `depth` levels deep (pypdf stops at 100 with LimitReachedError)."""
    first = 6
    objects = [b"<< /Type /Catalog /Pages 6 0 R >>", b"<< >>", page(first + depth - 1), CONTENT, FONT]
    for level in range(depth):
        parent = f"/Parent {first + level - 1} 0 R " if level else ""
        kid = first + level + 1 if level < depth - 1 else 3
        objects.append(f"<< /Type /Pages {parent}/Kids [{kid} 0 R] /Count 1 >>".encode())
    return pdf(objects)


def malformed_pdf() -> bytes:
    """A content stream whose /Length points far past its end."""
    wrong = b"<< /Length 9999 >>\nstream\n%s\nendstream" % TEXT
    return pdf([CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page(2), wrong, FONT])


def ole_doc(*, ident: bytes | None = None, encrypted: bool = False) -> bytes:
    """The corpus's Word 2010 .doc with its FIB's wIdent replaced, or its fEncrypted set."""
    data = bytearray((TESTDATA / "docs/test-ole-file.doc").read_bytes())
    fib = data.find(b"\xec\xa5\xc1\x00")
    assert fib > 0 and data.count(b"\xec\xa5\xc1\x00") == 1
    if ident is not None:
        data[fib:fib + 2] = ident
    if encrypted:
        data[fib + 11] |= 0x01  # flags word at FIB offset 10, little-endian: bit 8 is byte 11 bit 0
    return bytes(data)


def ole_xls(head: bytes | None = None) -> bytes:
    """The corpus's .doc with its 'WordDocument' stream renamed 'Workbook' (an .xls to
    olefile), the stream starting with `head` (else with Word's FIB: no BOF record)."""
    data = bytearray(ole_doc())
    old, new = ("WordDocument".encode("utf-16-le") + b"\0\0", "Workbook".encode("utf-16-le") + b"\0\0")
    entry = data.find(old)
    assert entry > 0 and data.count(old) == 1
    data[entry:entry + 64] = new.ljust(64, b"\0")  # the directory entry's name field
    data[entry + 64:entry + 66] = len(new).to_bytes(2, "little")  # and its length
    if head is not None:
        fib = data.find(b"\xec\xa5\xc1\x00")
        data[fib:fib + len(head)] = head
    return bytes(data)


BOF = b"\x09\x08\x10\x00" + b"\x00" * 16
FILEPASS = b"\x2f\x00\x00\x00"


# --- helpers ---------------------------------------------------------------------------

def archive_of(root: Path, files: dict[str, bytes], params: str = "") -> Path:
    write_tree(root, {"criteria.yml": CRITERIA.format(params=params),
                      **{f"{REQUIREMENT}/{name}": content for name, content in files.items()}})
    (root / REQUIREMENT).mkdir(parents=True, exist_ok=True)
    return root


def rules_by_file(root: Path, cache: Path) -> dict[str, dict[str, str]]:
    """rule -> message, per file name, of a whole check of the archive."""
    binder = assemble(root, cache, jobs=1)
    found: dict[str, dict[str, str]] = {}
    for finding in binder.findings:
        if finding.file:
            found.setdefault(Path(finding.file).name, {})[finding.rule] = finding.message
    return found


@pytest.fixture
def quiet(caplog, capfd):
    """Every log record (debug included) and both output streams, checked after the test
    for tracebacks."""
    caplog.set_level(logging.DEBUG)
    yield
    out, err = capfd.readouterr()
    for text in (caplog.text, out, err):
        assert "Traceback" not in text, text[-2000:]


def run_limited(code: str, memory_mb: int, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter whose address space is capped at `memory_mb`."""
    prelude = textwrap.dedent(f"""\
        import resource
        resource.setrlimit(resource.RLIMIT_AS, ({memory_mb} * 1024 * 1024,) * 2)
    """)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=timeout, env=env, cwd=REPO)


# --- zip bombs ------------------------------------------------------------------------

def test_a_docx_bomb_is_a_finding_with_its_sizes(tmp_path, quiet):
    root = archive_of(tmp_path / "archive", {})
    docx_bomb(root / REQUIREMENT / "01-说明报告.docx")
    found = rules_by_file(root, tmp_path / "cache")["01-说明报告.docx"]
    assert "file.inflated" in found
    assert "word/document.xml" in found["file.inflated"] and "64.0 MB" in found["file.inflated"]
    assert found["file.inflated"].count("解压后异常巨大") == 1  # the label is not said twice


def test_a_docx_bomb_is_refused_in_bounded_memory(tmp_path):
    bomb = docx_bomb(tmp_path / "bomb.docx")
    result = run_limited(f"""
        from pathlib import Path
        from generator.archive.inspectors import inspect_file
        print(inspect_file(Path({str(bomb)!r}), Path({str(tmp_path / 'thumbs')!r})).problem.code)
    """, memory_mb=1024)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["inflated"] and "Traceback" not in result.stderr


def test_a_part_that_inflates_beyond_the_ratio_is_refused(tmp_path, thumbs):
    bomb = docx_bomb(tmp_path / "a.docx", inflated=4 * MIB)  # under the part cap, ~1000:1
    assert inspect_file(bomb, thumbs).problem.code == "inflated"
    generous = InspectionLimits(zip_ratio_max=1e9)
    assert inspect_file(bomb, thumbs, generous).problem is None


def test_an_xlsx_bomb_is_refused_too(tmp_path, thumbs):
    sheet = million_row_xlsx(tmp_path / "a.xlsx", rows=2000)
    result = inspect_file(sheet, thumbs, InspectionLimits(zip_total_max_mb=0.01))
    assert result.kind == "table" and result.problem.code == "inflated"
    assert "超过上限 0.01 MB" in result.problem.reason


def test_xml_with_a_dtd_is_refused(tmp_path, thumbs):
    path = tmp_path / "a.docx"
    document = docx.Document()
    document.add_paragraph("正文")
    document.save(path)
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"?>", b'?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>', 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    result = inspect_file(path, thumbs)
    assert result.problem.code == "corrupt" and "DTD" in result.problem.reason


def test_the_limits_are_set_in_criteria_yml(tmp_path, quiet):
    document = docx.Document()
    document.add_paragraph("正文" * 100)
    root = archive_of(tmp_path / "archive", {}, params="params:\n  zip_total_max_mb: 0.001\n")
    document.save(root / REQUIREMENT / "01-说明报告.docx")
    assert "file.inflated" in rules_by_file(root, tmp_path / "cache")["01-说明报告.docx"]
    (root / "criteria.yml").write_text(CRITERIA.format(params="params:\n  zip_total_max_mb: -1\n"), "utf-8")
    with pytest.raises(FrameworkError, match="zip_total_max_mb"):
        load_framework_file(root / "criteria.yml")


def test_the_cache_tells_results_of_other_limits_apart(tmp_path):
    sheet = million_row_xlsx(tmp_path / "a.xlsx", rows=2000)
    files = [(sheet, "a.xlsx")]
    small = inspect_files(files, tmp_path / "cache", jobs=1, limits=InspectionLimits(zip_total_max_mb=0.01))
    assert small.results["a.xlsx"].problem.code == "inflated"
    default = inspect_files(files, tmp_path / "cache", jobs=1)
    assert default.from_cache == 0 and default.results["a.xlsx"].problem is None


# --- a million rows -------------------------------------------------------------------

def test_a_million_row_sheet_is_read_within_its_cell_budget(tmp_path, thumbs):
    sheet = million_row_xlsx(tmp_path / "a.xlsx")
    result = inspect_file(sheet, thumbs)
    assert result.problem is None and result.sheets == ("数据",)
    assert not result.rows_complete and result.cells_read == result.rows == 100_000  # the work done, counted


def test_a_sheet_within_the_budget_is_read_completely(tmp_path, thumbs):
    result = inspect_file(million_row_xlsx(tmp_path / "a.xlsx", rows=1234), thumbs)
    assert result.rows_complete and result.rows == 1234


# --- media ----------------------------------------------------------------------------

@pytest.mark.parametrize(("content", "problem"), [
    ("这是一段文字，不是视频。\n".encode() * 20, "mislabelled"),
    (b"#EXTM3U\n#EXT-X-VERSION:3\nsegment0.ts\n", "mislabelled"),
    (bytes(range(1, 256)) * 10, "corrupt"),
    (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 100, None),
    (b"\x00\x00\x00\x08wide\x00\x00\x10\x00mdat" + b"\x01" * 100, None),
])
def test_a_video_must_start_like_a_video(content, problem, tmp_path, thumbs):
    path = tmp_path / "01-活动视频.mp4"
    path.write_bytes(content)
    result = inspect_file(path, thumbs)
    assert result.kind == "media" and (result.problem.code if result.problem else None) == problem


def test_a_text_file_named_mp4_is_a_finding(tmp_path, quiet):
    root = archive_of(tmp_path / "archive", {"01-活动视频.mp4": "会议记录：……\n" * 50})
    found = rules_by_file(root, tmp_path / "cache")["01-活动视频.mp4"]
    assert "file.mislabelled" in found and "文本文件" in found["file.mislabelled"]


# --- legacy Office --------------------------------------------------------------------

@pytest.mark.skipif(not TESTDATA.is_dir(), reason="shared test data missing")
@pytest.mark.parametrize(("name", "content", "rule", "words"), [
    ("01-报告.doc", lambda: ole_doc(ident=b"\x00\x00"), "file.corrupt", "0xA5EC"),
    ("01-报告.wps", lambda: ole_doc(ident=b"\xff\xff"), "file.corrupt", "FIB"),
    ("01-报告.doc", lambda: ole_doc(encrypted=True), "file.encrypted", "密码"),
    ("01-表格.xls", lambda: ole_doc(), "file.mislabelled", "Word"),
    ("01-报告.doc", lambda: (TESTDATA / "docs/example_password.docx").read_bytes(), "file.encrypted", "密码"),
    ("01-表格.xls", lambda: ole_xls(), "file.corrupt", "BOF"),
    ("01-表格.et", lambda: ole_xls(BOF + FILEPASS), "file.encrypted", "密码"),
    ("01-报告.doc", lambda: ole_xls(BOF), "file.mislabelled", "Excel"),
])
def test_a_legacy_office_file_is_checked_inside(name, content, rule, words, tmp_path, quiet):
    root = archive_of(tmp_path / "archive", {name: content()})
    found = rules_by_file(root, tmp_path / "cache")[name]
    assert rule in found and words in found[rule]


@pytest.mark.skipif(not TESTDATA.is_dir(), reason="shared test data missing")
def test_a_sound_doc_and_xls_still_pass(tmp_path, thumbs):
    path = tmp_path / "a.doc"
    path.write_bytes(ole_doc())
    result = inspect_file(path, thumbs)
    assert result.problem is None and result.text_readable == word_text.reader_available()
    path = tmp_path / "a.xls"
    path.write_bytes(ole_xls(BOF))
    assert inspect_file(path, thumbs).problem is None


# --- PDFs whose structure is broken ---------------------------------------------------

@pytest.mark.parametrize(("content", "words"), [
    (looping_pdf, "页面树循环引用自身"),
    (lambda: sound_pdf(xref=False), "交叉引用表"),
    (malformed_pdf, "数据流长度"),
])
def test_a_pdf_that_opens_but_is_broken_is_a_warning(content, words, tmp_path, quiet):
    root = archive_of(tmp_path / "archive", {"01-学习制度.pdf": content()})
    found = rules_by_file(root, tmp_path / "cache")["01-学习制度.pdf"]
    assert "document.damaged" in found and not any(rule.startswith("file.") for rule in found if rule != "file.naming")
    message = found["document.damaged"]
    assert message.startswith("PDF 结构损坏，部分阅读器可能无法打开，建议重新扫描或另存") and words in message
    assert str(tmp_path) not in message


def test_a_sound_pdf_is_not_damaged(tmp_path, thumbs):
    path = tmp_path / "a.pdf"
    path.write_bytes(sound_pdf())
    assert inspect_file(path, thumbs).damage == ""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    with (tmp_path / "b.pdf").open("wb") as fh:
        writer.write(fh)
    assert inspect_file(tmp_path / "b.pdf", thumbs).damage == ""


@pytest.mark.parametrize(("depth", "rule", "words"), [
    (300, "document.damaged", "页面树嵌套过深"),  # pdfium still draws it
    (3000, "file.corrupt", "LimitReachedError"),  # pdfium can't load page 1 either
])
def test_a_deep_page_tree_is_a_finding_not_a_traceback(depth, rule, words, tmp_path, quiet):
    root = archive_of(tmp_path / "archive", {"01-学习制度.pdf": deep_pdf(depth)})
    found = rules_by_file(root, tmp_path / "cache")["01-学习制度.pdf"]
    assert rule in found and words in found[rule]


def test_the_structural_check_keeps_to_its_time_budget(tmp_path, thumbs, monkeypatch):
    path = tmp_path / "a.pdf"
    path.write_bytes(looping_pdf())
    assert inspect_file(path, thumbs, InspectionLimits(pdf_check_seconds=0)).damage == ""
    book = TESTDATA / "pdfs/GeoTopo-komprimiert.pdf"  # a 117-page book: about 1 s for the whole check
    if book.is_file():
        from generator.archive.inspectors import structure

        parsed: list[object] = []
        real_parse = structure.pikepdf.parse_content_stream
        monkeypatch.setattr(structure.pikepdf, "parse_content_stream",
                            lambda page, *a, **k: parsed.append(page) or real_parse(page, *a, **k))
        assert pdf_damage(book, 0.01) == ""
        assert len(parsed) < 117  # stopped by the budget before the last page (a count, not a time)
        parsed.clear()
        assert pdf_damage(book, 600) == "" and len(parsed) == 117  # the whole check reads every page


# --- unreadable files and the whole corpus --------------------------------------------

def test_an_unreadable_file_is_a_finding_without_traceback(tmp_path):
    """chmod 000 stops no root: as root the check runs without the capabilities that
    override file permissions (setpriv)."""
    root = archive_of(Path(tmp_path) / "archive", {"01-学习制度.pdf": sound_pdf()})
    (root / REQUIREMENT / "01-学习制度.pdf").chmod(0)
    code = f"""
        import logging, sys
        from pathlib import Path
        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
        from generator.binder import assemble
        binder = assemble(Path({str(root)!r}), Path({str(tmp_path / 'cache')!r}), jobs=1)
        print("\\n".join(f.rule + " " + f.message for f in binder.findings))
    """
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: permissions can't be denied")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]
    result = subprocess.run([*prefix, sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "file.unreadable 无法读取：没有读取该文件的权限" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not TESTDATA.is_dir(), reason="shared test data missing")
def test_every_corpus_file_gives_its_findings_without_traceback(tmp_path, quiet):
    files = {f"{i:02d}-{p.name}": p.read_bytes() for i, p in enumerate(sorted(TESTDATA.rglob("*")), start=1)
             if p.is_file() and p.suffix != ".md"}
    root = archive_of(tmp_path / "archive", files)
    found = rules_by_file(root, tmp_path / "cache")
    by_origin = {name.split("-", 1)[1]: found.get(name, {}) for name in files}
    assert "file.encrypted" in by_origin["example_password.docx"]
    assert "file.truncated" in by_origin["invalid_2007 onwards_corrupted.docx"]
    assert "file.mislabelled" in by_origin["hopper_jpeg_named.pdf"]
    assert "file.too-large" in by_origin["decompression_bomb.gif"]
    assert "document.damaged" in by_origin["issue-297.pdf"] and "document.damaged" in by_origin["trailer_loop.pdf"]
    sound = ("multilang.pdf", "Simple PDF 2.0 file.pdf", "GeoTopo-komprimiert.pdf", "grayscale-image.pdf",
             "issue-914-xmp-data.pdf", "test-ole-file.doc", "libreoffice_conversion.docx")
    for name in sound:
        assert not any(r.startswith("file.") and r != "file.naming" or r == "document.damaged"
                       for r in by_origin[name]), (name, by_origin[name])


@pytest.fixture
def thumbs(tmp_path) -> Path:
    return tmp_path / "thumbs"


def test_the_hostile_files_leave_the_archive_untouched(tmp_path):
    root = archive_of(tmp_path / "archive", {"01-学习制度.pdf": looping_pdf(), "02-视频.mp4": b"text\n"})
    docx_bomb(root / REQUIREMENT / "03-说明报告.docx", inflated=40 * MIB)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    rules_by_file(root, tmp_path / "cache")
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_the_page_says_when_a_sheet_was_not_read_to_its_end(tmp_path):
    from generator.plugin.commands import build_site

    root = archive_of(tmp_path / "archive", {}, params="params:\n  xlsx_cells: 500\n")
    million_row_xlsx(root / REQUIREMENT / "01-统计表.xlsx", rows=2000)
    build_site(REPO / "mkdocs.yml", archive=root, site_dir=tmp_path / "site", cache_dir=tmp_path / "cache", jobs=1)
    pages = "".join(p.read_text("utf-8") for p in (tmp_path / "site").rglob("*.html"))
    assert "至少 500 行" in pages and "（表格过大，只读取了前 500 个单元格）" in pages


def test_a_limit_under_a_requirement_is_refused(tmp_path):
    criteria = CRITERIA.format(params="").replace(
        "                text: 提供学习制度的规范文件\n",
        "                text: 提供学习制度的规范文件\n                params: {xlsx_cells: 10}\n")
    path = tmp_path / "criteria.yml"
    path.write_text(criteria, "utf-8")
    with pytest.raises(FrameworkError, match="xlsx_cells.*顶层"):
        load_framework_file(path)


def test_a_big_sheet_is_no_bomb_but_a_big_workbook_part_is(tmp_path, thumbs):
    """The sheets are streamed within the cell budget, so only the parts parsed whole
    (the workbook) are held to the size of one part."""
    sheet = million_row_xlsx(tmp_path / "a.xlsx", rows=30_000)  # a 1.5 MB sheet
    assert inspect_file(sheet, thumbs, InspectionLimits(zip_part_max_mb=1)).problem is None
    assert inspect_file(sheet, thumbs, InspectionLimits(zip_part_max_mb=0.0001)).problem.code == "inflated"
