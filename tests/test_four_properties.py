"""The yearly 四性检测 (DA/T 70-2018): the report a snapshot carries, and the same report
after each way a snapshot can be tampered with, each named under the right property."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.snapshots import bag, four_properties, pronom
from generator import cli

from .conftest import write_tree
from .test_snapshot import ARCHIVE, CONFIG, DOCUMENT, PHOTO, change_a_byte, pdf, writable_copy

REPORT = Path("四性检测") / "四性检测报告.json"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("four")
    archive = write_tree(tmp / "archive", ARCHIVE)
    code = cli.main(["snapshot", "-f", str(CONFIG), "--year", "2025", "--out", str(tmp / "snapshots"),
                     "--archive", str(archive), "--cache-dir", str(tmp / "cache"), "-j", "1"])
    assert code == 0
    return tmp / "snapshots" / "2025"


def report_of(bag_dir: Path, out: Path, capsys) -> tuple[int, dict[str, dict], str]:
    """`binder verify BAG --report -o OUT`: exit code, results by check name, stdout."""
    code = cli.main(["verify", str(bag_dir), "--report", "-o", str(out)])
    stdout = capsys.readouterr().out
    document = json.loads((out / "四性检测报告.json").read_text(encoding="utf-8"))
    return code, {r["name"]: r for r in document["results"]}, stdout


def failing(results: dict[str, dict]) -> dict[str, dict]:
    return {name: r for name, r in results.items() if r["verdict"] == "不通过"}


@pytest.fixture(scope="module")
def baseline(made, tmp_path_factory):
    out = tmp_path_factory.mktemp("baseline")
    code = cli.main(["verify", str(made), "--report", "-o", str(out)])
    assert code == 0
    document = json.loads((out / "四性检测报告.json").read_text(encoding="utf-8"))
    return {r["name"]: r for r in document["results"]}


def test_the_snapshot_carries_its_report_as_page_workbook_and_json(made, baseline):
    stored = json.loads((made / REPORT).read_text(encoding="utf-8"))
    assert stored["bag_name"] == made.name  # the snapshot's own name, not the one it was made under
    results = {r["name"]: r for r in stored["results"]}
    assert {r["property"] for r in results.values()} == {"真实性", "完整性", "可用性", "安全性"}
    assert all(r["verdict"] in ("通过", "不通过") for r in results.values())
    # The fixity checks hold on a fresh snapshot, and a report made later agrees with the stored one.
    for name in ("固定性：SHA-256 校验值一致（manifest-sha256.txt）", "固定性：SM3 校验值一致（manifest-sm3.txt）",
                 "存档信息和清单未被改动（tagmanifest 核对）", "清单所列文件无缺失", "无清单以外的文件",
                 "存档包中无链接或特殊文件", "存档元数据（单位、测评体系、年份、日期）与内容一致",
                 "文件格式（PRONOM 识别）与扩展名一致"):
        assert results[name]["verdict"] == "通过", results[name]
    assert {n: r["verdict"] for n, r in results.items()} == {n: r["verdict"] for n, r in baseline.items()}
    # What the small archive lacks is named: requirements without materials (③: no report),
    # a .txt draft; the unnumbered Ⅲ-26 requirement and ④ have theirs, counted as the rules count them.
    empty = results["各项材料要求均有材料"]["files"]
    assert "Ⅲ-2 1） ③" in empty and not any(label.startswith("Ⅲ-26") or "④" in label for label in empty)
    assert "新建文本文档.txt" in "".join(results["文件格式适合长期保存"]["files"])
    page = (made / "四性检测" / "四性检测报告.html").read_text(encoding="utf-8")
    assert "真实性" in page and "不通过" in page and "http" not in page.replace("http-equiv", "")
    sheet = load_workbook(made / "四性检测" / "四性检测报告.xlsx").active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(results) and {r[2] for r in rows} <= {"通过", "不通过"}
    # The report is a tag file: covered by the tag manifests, so it can't be edited unseen.
    for alg in bag.ALGORITHMS:
        assert "四性检测/四性检测报告.json" in (made / f"tagmanifest-{alg}.txt").read_text(encoding="utf-8")


def rename(copy: Path) -> None:
    source = copy / "data" / "archive" / DOCUMENT
    source.rename(source.with_name("02-改名后.pdf"))


def edit_manifest(copy: Path) -> None:
    target = copy / "data" / "archive" / DOCUMENT
    change_a_byte(target)
    rel = "data/archive/" + DOCUMENT
    manifest = copy / "manifest-sha256.txt"
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    manifest.write_text("".join(f"{digest}  {rel}\n" if line.endswith(f"  {rel}") else line + "\n"
                                for line in manifest.read_text(encoding="utf-8").splitlines()), encoding="utf-8")


def symlink(copy: Path) -> None:
    (copy / "data" / "archive" / "临时" / "系统.pdf").symlink_to("/etc/passwd")


SHA256, SM3 = "固定性：SHA-256 校验值一致（manifest-sha256.txt）", "固定性：SM3 校验值一致（manifest-sm3.txt）"
TAGS, MISSING, ADDED, LINKS = ("存档信息和清单未被改动（tagmanifest 核对）", "清单所列文件无缺失", "无清单以外的文件",
                               "存档包中无链接或特殊文件")
TAMPERS = {  # how, the property, and the checks that must fail with the file each names
    "changed byte": (lambda c: change_a_byte(c / "data" / "archive" / DOCUMENT), "真实性",
                     {SHA256: DOCUMENT, SM3: DOCUMENT}),
    "deleted file": (lambda c: (c / "data" / "archive" / PHOTO).unlink(), "完整性", {MISSING: PHOTO}),
    "added file": (lambda c: (c / "data" / "archive" / "临时" / "后加的.pdf").write_bytes(pdf()), "完整性",
                   {ADDED: "临时/后加的.pdf"}),
    "renamed file": (rename, "完整性", {MISSING: DOCUMENT, ADDED: "02-改名后.pdf"}),
    "edited manifest": (edit_manifest, "真实性", {SM3: DOCUMENT, TAGS: "manifest-sha256.txt"}),
    "symlink": (symlink, "安全性", {LINKS: "临时/系统.pdf"}),
}


@pytest.mark.parametrize("tamper", list(TAMPERS))
def test_each_tamper_is_named_under_its_property(made, baseline, tmp_path, capsys, tamper):
    change, prop, checks = TAMPERS[tamper]
    copy = writable_copy(made, tmp_path / "2025")
    change(copy)
    code, results, out = report_of(copy, tmp_path / "report", capsys)
    assert code == 1 and "存档已被改动" in out
    newly_failing = {n: r for n, r in failing(results).items() if baseline[n]["verdict"] == "通过"}
    assert set(newly_failing) >= set(checks), newly_failing
    assert {r["property"] for r in newly_failing.values()} == {prop}
    for name, file in checks.items():
        assert any(file in f for f in results[name]["files"]), results[name]
    assert f"{prop}不通过" in out


def test_a_manifest_edit_is_explained_as_hiding_a_change(made, tmp_path, capsys):
    copy = writable_copy(made, tmp_path / "2025")
    edit_manifest(copy)
    _, results, _ = report_of(copy, tmp_path / "report", capsys)
    tags = results["存档信息和清单未被改动（tagmanifest 核对）"]
    assert "manifest-sha256.txt" in tags["files"] and "掩盖" in tags["note"] and DOCUMENT in tags["note"]


# --- the checks on their own ---------------------------------------------------------


def facts(**changes) -> four_properties.BagFacts:
    base = dict(name="2025", check=bag.BagCheck(fast=False, algorithms=("sha256", "sm3"), checked=2),
                info={"Source-Organization": "某单位", "External-Description": "测试体系", "Binder-Year": "2025",
                      "Bagging-Date": "2026-01-05"},
                archive_files=[], formats={}, framework_title="测试体系", framework_unit="某单位",
                framework_indicators=None, findings=[])
    return four_properties.BagFacts(**{**base, **changes})


def test_sequence_gaps_are_named_per_folder():
    files = ["data/archive/甲/01-通知.pdf", "data/archive/甲/02-方案.pdf", "data/archive/甲/04-总结.pdf",
             "data/archive/乙/01-通知.pdf", "data/archive/乙/2017年3月15日+会议.jpg"]
    result = four_properties.sequences_continuous(facts(archive_files=files))
    assert not result.passed and result.files == ("甲：缺 03",)


def test_a_format_that_contradicts_its_extension_fails_authenticity():
    rel = "data/archive/甲/01-照片.pdf"
    jpeg = pronom.Identified(puid="fmt/43", format_name="JPEG File Interchange Format",
                             extensions=("jpeg", "jpg"), how="signature")
    result = four_properties.format_identification(facts(archive_files=[rel], formats={rel: jpeg}))
    assert not result.passed and "fmt/43" in result.files[0] and "01-照片.pdf" in result.files[0]


def test_metadata_that_disagrees_with_the_content_fails():
    result = four_properties.metadata_agrees(facts(framework_unit="另一单位"))
    assert not result.passed and "另一单位" in result.files[0]
    assert four_properties.metadata_agrees(facts()).passed
    assert not four_properties.metadata_agrees(facts(name="2024")).passed


def test_active_content_and_unopened_files_are_listed():
    files = ["data/archive/甲/说明.html", "data/archive/甲/宏.xlsm", "data/archive/甲/工具.exe", "data/archive/甲/01-通知.pdf"]
    result = four_properties.no_active_content(facts(archive_files=files))
    assert not result.passed and len(result.files) == 3
    broken = four_properties.files_open(facts(findings=[{"rule": "file.corrupt", "file": "甲/坏.pdf", "message": "已损坏"},
                                                        {"rule": "file.active", "file": "甲/说明.html"}]))
    assert not broken.passed and broken.files == ("甲/坏.pdf（已损坏）",)


def test_pronom_identifies_by_signature_with_a_time_budget(tmp_path):
    photo = tmp_path / "照片.pdf"
    from .test_snapshot import jpeg
    photo.write_bytes(jpeg())
    found = pronom.identify([str(photo)])[str(photo)]
    assert found.puid == "fmt/43" and pronom.extension_matches(photo.name, found) is False
    late = pronom.identify([str(photo)], budget=0.01)[str(photo)]
    assert not late.identified and "超时" in late.error


def test_names_with_control_characters_reach_the_workbook_and_the_page_safely():
    name = "data/archive/甲/<script>alert(1)</script>\x07.pdf"
    result = four_properties.CheckResult("安全性", "存档包中无链接或特殊文件", False, (name,))
    report = four_properties.Report("2025", "某单位", "2025", "2026-01-05", (result,))
    sheet = load_workbook(__import__("io").BytesIO(four_properties.to_xlsx(report))).active
    assert "<script>alert(1)</script>" in sheet.cell(3, 4).value
    page = four_properties.to_html(report)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_pronom_splits_many_files_over_processes_and_keeps_each_result(tmp_path, monkeypatch):
    from .test_snapshot import jpeg
    monkeypatch.setattr(pronom, "FILES_PER_PROCESS", 1)
    photo, document = tmp_path / "照片.jpg", tmp_path / "文件.pdf"
    photo.write_bytes(jpeg())
    document.write_bytes(pdf())
    found = pronom.identify([str(photo), str(document)], jobs=2)
    assert found[str(photo)].puid == "fmt/43" and found[str(document)].puid.startswith("fmt/")
    assert pronom.extension_matches(document.name, found[str(document)]) is True
