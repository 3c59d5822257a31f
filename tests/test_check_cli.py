import json

from openpyxl import load_workbook

from generator import cli

from .test_framework import GOOD


def run(args, capsys):
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_exit_codes_and_formats(make_archive, tmp_path, capsys):
    archive = make_archive({"criteria.yml": GOOD})
    base = ["check", "--archive", str(archive), "--cache-dir", str(tmp_path / "cache")]
    code, out, _ = run(base, capsys)
    assert code == 0 and "Ⅲ-2 健全完善学习制度" in out and "未提供材料" in out
    code, _, _ = run(base + ["--strict"], capsys)
    assert code == 1
    code, out, _ = run(base + ["--format", "json"], capsys)
    data = json.loads(out)
    assert data["version"] == 1
    assert set(data) == {"version", "framework", "summary", "by_category", "by_group", "by_department", "by_person",
                         "indicators", "findings"}
    finding = data["findings"][0]
    assert set(finding) == {"id", "rule", "severity", "severity_label", "indicator", "standard", "requirement",
                            "file", "message", "fix", "owner"}
    code, out, _ = run(base + ["--format", "csv"], capsys)
    assert out.startswith("\ufeff级别,测评内容")
    code, _, err = run(base + ["--format", "xlsx"], capsys)
    assert code == 2 and "-o" in err
    target = tmp_path / "out.xlsx"
    code, _, _ = run(base + ["--format", "xlsx", "-o", str(target)], capsys)
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["问题清单", "审核结论", "责任人汇总", "导出时的值"]
    assert workbook["导出时的值"].sheet_state == "hidden"
    assert workbook["问题清单"].max_row == len(data["findings"]) + 1


def test_a_broken_framework_exits_2(make_archive, tmp_path, capsys):
    archive = make_archive({"criteria.yml": "framework: x\ncategories: a: b\n"})
    code, _, err = run(["check", "--archive", str(archive), "--cache-dir", str(tmp_path / "c")], capsys)
    assert code == 2 and "第 2 行" in err


def test_finding_ids_survive_a_rebuild(make_archive, tmp_path, capsys):
    archive = make_archive({"criteria.yml": GOOD, "Ⅲ-26 从严治党/x.txt": "stray"})
    base = ["check", "--archive", str(archive), "--format", "json"]
    first = json.loads(run(base + ["--cache-dir", str(tmp_path / "a")], capsys)[1])
    second = json.loads(run(base + ["--cache-dir", str(tmp_path / "b")], capsys)[1])
    assert [f["id"] for f in first["findings"]] == [f["id"] for f in second["findings"]]
    assert len({f["id"] for f in first["findings"]}) == len(first["findings"])
