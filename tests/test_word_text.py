"""Reports in Word 97 binary (.doc, and WPS Office's .wps): their text read by antiword and
counted like a .docx; a damaged one flagged by name; read once per file signature."""

from __future__ import annotations

import importlib.util
import json
import shutil
import struct
import sys

import olefile
import pytest

from generator import cli
from generator.archive import inspection
from generator.archive.inspectors import inspect_file, word_text

from .conftest import REPO, one_requirement_criteria, write_tree

pytestmark = pytest.mark.skipif(not word_text.reader_available(),
                                reason="antiword not installed (tools/ensure-doc-reader.sh)")

EXAMPLE_DOC = REPO / "archive/Ⅲ-89、群众评价/2.问卷调查整改/（2）突出问题整改/01-Ⅲ-89征求民意突出问题整改情况说明报告.doc"
EXAMPLE_WPS = REPO / "archive/III-10_发挥榜样作用/2）最美人物学习宣传/01-Ⅲ-10最美人物南粤楷模凡人善举学习情况说明报告.wps"
FIB_FC_CLX = 154 + 33 * 8
"""Offset of fcClx in the FIB: FibBase (32) + csw, FibRgW97 (30) + cslw, FibRgLw97 (90) + cbRgFcLcb
(2), then the 34th fc/lcb pair of FibRgFcLcb97 ([MS-DOC] 2.5.6)."""


def make_tool():
    spec = importlib.util.spec_from_file_location("make_example_archive", REPO / "tools/make_example_archive.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_example_archive", module)
    spec.loader.exec_module(module)
    return module


def docx_of(tmp_path, key: str, name: str):
    """The .docx the example tool writes for report `key` (the source of its .doc/.wps)."""
    tool = make_tool()
    path = tmp_path / "docx" / name
    tool.write_docx(path, tool.REPORTS[key], author="x", keywords="x")
    return path


def texts(result) -> list[str]:
    return [p.text.strip() for p in result.paragraphs if p.text.strip()]


@pytest.mark.parametrize(("example", "key"), [(EXAMPLE_DOC, "Ⅲ-89-2"), (EXAMPLE_WPS, "Ⅲ-10-2")])
def test_a_doc_and_a_wps_are_read_like_their_docx(example, key, tmp_path):
    legacy = inspect_file(example, tmp_path / "thumbs")
    docx = inspect_file(docx_of(tmp_path, key, "r.docx"), tmp_path / "thumbs")
    assert legacy.problem is None and legacy.text_readable
    assert (legacy.title, legacy.char_count) == (docx.title, docx.char_count)
    assert legacy.char_count > 500 and "说明报告" in legacy.title
    assert texts(legacy) == texts(docx)


def report_archive(root, name: str, content: bytes):
    criteria = one_requirement_criteria("提供中心组学习的情况(说明报告，800字左右）",
                                        asks="[{kind: report, chars: 800}]")
    return write_tree(root, {"criteria.yml": criteria,
                             f"Ⅲ-2 健全完善学习制度/1 中心组/① 说明报告/{name}": content})


def findings_of(archive, tmp_path, capsys) -> list[tuple[str, str]]:
    code = cli.main(["check", "--archive", str(archive), "--cache-dir", str(tmp_path / f"c-{archive.name}"),
                     "--format", "json"])
    out = capsys.readouterr().out
    assert code in (0, 1)
    return sorted((f["rule"], f["message"]) for f in json.loads(out)["findings"] if f["file"])


def test_binder_check_counts_a_doc_like_its_docx(tmp_path, capsys):
    name = "01-Ⅲ-2征求民意突出问题整改情况说明报告"
    from_docx = report_archive(tmp_path / "a", f"{name}.docx", docx_of(tmp_path, "Ⅲ-89-2", "r.docx").read_bytes())
    from_doc = report_archive(tmp_path / "b", f"{name}.doc", EXAMPLE_DOC.read_bytes())
    assert findings_of(from_doc, tmp_path, capsys) == findings_of(from_docx, tmp_path, capsys)
    short = report_archive(tmp_path / "c", f"{name}.doc", blanked(EXAMPLE_DOC.read_bytes()))
    rules = dict(findings_of(short, tmp_path, capsys))
    assert "report.length" in rules and "report.legacy" not in rules


def blanked(data: bytes) -> bytes:
    """The .doc with the body of its report ('一、基本情况' onwards) overwritten by ideographic
    spaces in place: the same structure, far fewer characters."""
    start = data.find("一、基本情况".encode("utf-16-le"))
    end = data.find("汕尾市经济和信息化局".encode("utf-16-le"), start)
    assert 0 < start < end
    return data[:start] + "\u3000".encode("utf-16-le") * ((end - start) // 2) + data[end:]


# --- damaged .doc ---------------------------------------------------------------------------


def fib_offset(data: bytes) -> int:
    with olefile.OleFileIO(data) as ole:
        fib = ole.openstream("WordDocument").read(64)
    return data.find(fib)


def with_fib(data: bytes, offset: int, value: int) -> bytes:
    out = bytearray(data)
    struct.pack_into("<I", out, fib_offset(data) + offset, value)
    return bytes(out)


def with_piece_table_destroyed(data: bytes) -> bytes:
    with olefile.OleFileIO(data) as ole:
        fc, lcb = struct.unpack_from("<II", ole.openstream("WordDocument").read(FIB_FC_CLX + 8), FIB_FC_CLX)
        table = ole.openstream("1Table").read()
    at = data.find(table[fc:fc + 40])
    return data[:at] + b"\xff" * lcb + data[at + lcb:]


def with_short_stream(data: bytes) -> bytes:
    out = bytearray(data)
    entry = data.find("WordDocument".encode("utf-16-le"))
    struct.pack_into("<I", out, entry + 120, 1024)  # the directory entry's stream size
    return bytes(out)


DAMAGE = {
    "truncated": lambda data: data[:len(data) * 3 // 4],
    "FIB's text pointer out of range": lambda data: with_fib(data, FIB_FC_CLX, 0xFFFFFF),
    "piece table overwritten": with_piece_table_destroyed,
    "WordDocument stream short": with_short_stream,
    "FIB identifier wrong": lambda data: with_fib(data, 0, 0x12345678),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_doc_is_a_problem_with_a_chinese_reason(damage, tmp_path):
    path = tmp_path / "in" / "01-Ⅲ-2说明报告.doc"
    path.parent.mkdir()
    path.write_bytes(DAMAGE[damage](EXAMPLE_DOC.read_bytes()))
    result = inspect_file(path, tmp_path / "thumbs")
    assert result.problem is not None and result.problem.code == "corrupt"
    assert "Word 文档已损坏" in result.problem.reason
    assert result.char_count == 0


def test_binder_check_flags_a_damaged_doc_by_name(tmp_path, capsys):
    name = "01-Ⅲ-2中心组学习情况说明报告.doc"
    archive = report_archive(tmp_path / "a", name, with_piece_table_destroyed(EXAMPLE_DOC.read_bytes()))
    cli.main(["check", "--archive", str(archive), "--cache-dir", str(tmp_path / "c"), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    damaged = [f for f in findings if f["file"] and f["file"].endswith(name) and f["rule"] == "file.corrupt"]
    assert damaged and "Word 文档已损坏" in damaged[0]["message"]


def test_a_reader_that_hangs_is_stopped_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(word_text, "_COMMAND", ("sh", "-c", "exec sleep 30", "sh"))
    monkeypatch.setattr(word_text, "TIMEOUT_SECONDS", 0.5)
    result = word_text.read_word_text(EXAMPLE_DOC)
    assert not result.readable and "超过" in result.problem.reason


def test_without_antiword_the_text_is_to_verify_not_a_problem(tmp_path, monkeypatch):
    monkeypatch.setattr(word_text.shutil, "which", lambda name: None)
    result = inspect_file(EXAMPLE_DOC, tmp_path / "thumbs")
    assert result.problem is None and result.text_readable is False


def test_a_rebuild_with_nothing_changed_reads_no_doc_again(tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    files = []
    for source in (EXAMPLE_DOC, EXAMPLE_WPS):
        shutil.copy(source, archive / source.name)
        files.append((archive / source.name, source.name))
    before = word_text.reads
    first = inspection.inspect_files(files, tmp_path / "cache", jobs=1)
    assert word_text.reads - before == 2
    second = inspection.inspect_files(files, tmp_path / "cache", jobs=1)
    assert word_text.reads - before == 2
    assert second.from_cache == 2 and second.results == first.results


def test_the_example_s_doc_and_wps_pass_binder_check_like_its_docx_reports(tmp_path, capsys):
    code = cli.main(["check", "--archive", str(REPO / "archive"), "--cache-dir", str(tmp_path / "c"),
                     "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert code in (0, 1)
    on_legacy = [f for f in findings if f["file"] and f["file"].endswith((".doc", ".wps"))]
    assert on_legacy == []
    short_docx = [f["rule"] for f in findings if f["file"] and f["file"].endswith("01-Ⅲ-16招募志愿者情况说明报告.docx")]
    assert "report.length" in short_docx  # the planted defect: the same checks ran on the .docx
