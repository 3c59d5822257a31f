"""`binder office`: many units' check json (the contract, version 1) in one offline site: the
unit × category matrix with the right counts, links to the units' own binders only where
they sit beside it, trends from snapshots, the 通报, framework differences listed, and an
unknown version of the json refused with a sentence naming the file and the version."""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.cli import main
from generator.codes import indicator_slug
from generator.outputs import export, office
from generator.rules.messages import rule_name

from .conftest import REPO, one_requirement_criteria, write_tree

sys.path.insert(0, str(REPO / "benchmarks"))
import office as generated  # noqa: E402

SCHEMA = json.loads((REPO / "generator" / "outputs" / "check_schema.json").read_text(encoding="utf-8"))
ALL_FAILING = {i["code"]: "failing" for i in generated.framework()}


class Cells(HTMLParser):
    """Rows of a page's tables: per row, its cells as (attributes, text, hrefs)."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[tuple[dict, str, list[str]]]] = []
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = (attrs, [], [])
        elif tag == "a" and self._cell is not None:
            self._cell[2].append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            attrs, text, hrefs = self._cell
            self.rows[-1].append((attrs, "".join(text).strip(), hrefs))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1].append(data)


def cells_of(page: Path) -> list[list[tuple[dict, str, list[str]]]]:
    parser = Cells()
    parser.feed(page.read_text(encoding="utf-8"))
    return [row for row in parser.rows if row]


def write_unit(folder: Path, name: str, document: dict) -> Path:
    path = folder / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def three_units(tmp_path):
    """Three units: one all compliant, one failing everywhere, one of mixed statuses."""
    rng = random.Random(7)
    documents = {
        "甲单位": generated.unit_document("甲单位", rng, statuses={c: "compliant" for c in ALL_FAILING}),
        "乙单位": generated.unit_document("乙单位", rng, statuses=ALL_FAILING),
        "丙单位": generated.unit_document("丙单位", rng, quality=0.4),
    }
    statuses = Counter(i["status"] for i in documents["丙单位"]["indicators"])
    assert len(statuses) == 3, "the mixed unit should have every status"
    paths = [write_unit(tmp_path / "results", name, doc) for name, doc in documents.items()]
    return tmp_path, documents, paths


def expected_counts(document: dict) -> dict[str, tuple[int, int, int, float]]:
    """Per category: (failing, to-verify, compliant indicators, score at risk), from the json itself."""
    counts: dict[str, list] = {}
    for indicator in document["indicators"]:
        c = counts.setdefault(indicator["category"], [0, 0, 0, 0.0])
        c[{"failing": 0, "to-verify": 1, "compliant": 2}[indicator["status"]]] += 1
        c[3] += sum(s["score"] for s in indicator["standards"] if s["status"] != "compliant")
    return {k: (v[0], v[1], v[2], round(v[3], 2)) for k, v in counts.items()}


def test_the_matrix_counts_each_units_indicators_per_category(three_units):
    root, documents, paths = three_units
    site = root / "office"
    assert main(["office", *map(str, paths), "-d", str(site)]) == 0
    rows = cells_of(site / "index.html")
    header = [text for _, text, _ in rows[0]]
    categories = list(generated.CATEGORIES)
    assert header[2:2 + len(categories)] == [f"{c}逐项查看" for c in categories]
    seen = set()
    for row in rows[1:]:
        unit = row[1][1]
        seen.add(unit)
        expected = expected_counts(documents[unit])
        for category, (attrs, text, _) in zip(categories, row[2:]):
            failing, to_verify, compliant, at_risk = expected[category]
            numbers = re.match(r"✗(\d+) !(\d+) ✓(\d+)\s*风险 ([\d.]+) 分", text)
            assert numbers, text
            assert tuple(int(n) for n in numbers.groups()[:3]) == (failing, to_verify, compliant), (unit, category)
            assert float(numbers.group(4)) == at_risk
            status = "failing" if failing else "to-verify" if to_verify else "compliant"
            assert attrs["class"] == f"s-{status}"
    assert seen == set(documents)
    ranking = [row[1][1] for row in cells_of(site / "ranking.html")[1:]]
    assert ranking[0] == "甲单位" and ranking[-1] == "乙单位"


def test_failures_per_indicator_count_units_and_name_the_rules(three_units):
    root, documents, paths = three_units
    site = root / "office"
    assert main(["office", *map(str, paths), "-d", str(site)]) == 0
    rows = {row[0][1]: row for row in cells_of(site / "indicators.html")[1:]}
    for code in ALL_FAILING:
        failing = sum(next(i for i in d["indicators"] if i["code"] == code)["status"] == "failing"
                      for d in documents.values())
        assert int(rows[code][3][1]) == failing
    rules = Counter(f["rule"] for d in documents.values() for f in d["findings"] if f["indicator"] == "Ⅲ-1")
    top_rule = rules.most_common(1)[0]
    assert rows["Ⅲ-1"][6][1].startswith(f"{rule_name(top_rule[0])}（{top_rule[1]}）")


def fake_binder(folder: Path, indicator_codes: list[str]) -> None:
    """A unit's binder beside the office site: its home page and some indicator pages."""
    write_tree(folder, {"index.html": "<html>binder</html>",
                        **{f"indicators/{indicator_slug(c)}.html": c for c in indicator_codes}})


def test_cells_link_to_the_units_binders_that_sit_beside_the_site(three_units):
    root, documents, paths = three_units
    fake_binder(root / "甲单位" / "site", [i["code"] for i in documents["甲单位"]["indicators"]])
    fake_binder(root / "乙单位" / "site", ["Ⅲ-1"])  # one indicator page only
    site = root / "office"
    assert main(["office", *map(str, paths), "-d", str(site)]) == 0
    links: dict[str, list[str]] = {}
    for page in sorted((site / "categories").glob("*.html")):
        for row in cells_of(page)[1:]:
            unit = row[1][1]
            hrefs = [h for _, _, cell_hrefs in row[2:] for h in cell_hrefs]
            for href in hrefs:
                target = (page.parent / unquote(href)).resolve()
                assert target.is_file(), href
            links.setdefault(unit, []).extend(hrefs)
    assert len(links["甲单位"]) == len(documents["甲单位"]["indicators"])
    assert [unquote(h).rsplit("/", 1)[-1] for h in links["乙单位"]] == [f"{indicator_slug('Ⅲ-1')}.html"]
    assert links["丙单位"] == []
    home = {row[1][1]: row[1][2] for row in cells_of(site / "index.html")[1:]}
    assert (site / unquote(home["甲单位"][0])).resolve() == (root / "甲单位" / "site" / "index.html").resolve()
    assert home["丙单位"] == []


def test_an_unknown_version_is_refused_with_the_file_and_the_version(three_units, capsys):
    root, documents, paths = three_units
    newer = write_unit(root / "results", "丁单位", {**documents["甲单位"], "version": 2})
    site = root / "office"
    assert main(["office", *map(str, paths), str(newer), "-d", str(site)]) == 1
    err = capsys.readouterr().err
    assert f"无法读取 {newer}：检查结果的格式版本为 2，本工具只能读取第 1 版" in err
    assert "Traceback" not in err
    assert "格式版本为 2" in (site / "index.html").read_text(encoding="utf-8")
    assert main(["office", str(newer), "-d", str(root / "none")]) == 2
    with pytest.raises(office.ContractError, match="格式版本为 \"1.0\""):
        office.parse({**documents["甲单位"], "version": "1.0"}, "x.json")
    with pytest.raises(office.ContractError, match="没有格式版本"):
        office.parse({"findings": []}, "y.json")


def test_a_broken_json_is_refused_not_a_crash(tmp_path, capsys):
    broken = write_unit(tmp_path, "坏", {})
    broken.write_text("{不是json", encoding="utf-8")
    shape = write_unit(tmp_path, "缺", {"version": 1, "framework": {}, "findings": []})
    assert main(["office", str(broken), str(shape), "-d", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "不是有效的 json" in err and "检查结果格式不对（缺少" in err and "Traceback" not in err


def test_a_framework_of_another_version_is_mapped_and_every_difference_listed(three_units):
    root, documents, paths = three_units
    rng = random.Random(3)
    old = write_unit(root / "results", "戊单位", generated.unit_document("戊单位", rng, old_framework=True))
    site = root / "office"
    assert main(["office", *map(str, paths), str(old), "-d", str(site)]) == 0
    listed = [(row[0][1], row[1][1], row[2][1]) for row in cells_of(site / "mismatches.html")[1:]]
    ours = [entry for entry in listed if entry[0] == "戊单位"]
    assert ("戊单位", f"测评体系不同：本单位为《{generated.OLD_TITLE}》，多数单位为《{generated.TITLE}》", "未计入") in ours
    assert ("戊单位", "“创建工作督查”编号不同：本单位 Ⅲ-25，多数单位 Ⅲ-24；按名称对应，计入 Ⅲ-24", "按名称计入") in ours
    assert ("戊单位", "编号 Ⅲ-23 名称不同：本单位“创建经费落实”，多数单位“创建档案管理”；未合并，不计入 Ⅲ-23",
            "未计入") in ours
    assert ("戊单位", "本单位没有 Ⅲ-23“创建档案管理”", "未计入") in ours
    assert len(ours) == 4
    assert all(entry[0] == "戊单位" for entry in listed)
    # In the matrix: Ⅲ-24 shows the unit's Ⅲ-25, Ⅲ-23 is absent (not merged).
    page = next(p for p in (site / "categories").glob("*.html") if "Ⅲ-23" in p.read_text(encoding="utf-8"))
    rows = cells_of(page)
    codes = [text for _, text, _ in rows[0]]
    row = next(r for r in rows[1:] if r[1][1] == "戊单位")
    assert row[codes.index("Ⅲ-23")][1] == "—"
    assert row[codes.index("Ⅲ-24")][1] in "✗!✓"


def make_bag(folder: Path, document: dict, year: int) -> Path:
    import bagit

    write_tree(folder, {"findings.json": json.dumps(document, ensure_ascii=False)})
    bagit.make_bag(str(folder), {"Binder-Year": str(year), "Source-Organization": document["framework"]["unit"]})
    return folder


def test_trends_compare_a_units_snapshots(tmp_path):
    rng = random.Random(11)
    before = generated.unit_document("己单位", rng, statuses=ALL_FAILING, year=2025)
    after = generated.unit_document("己单位", rng, quality=0.6, year=2026)
    snapshots = tmp_path / "snapshots"
    make_bag(snapshots / "2025", before, 2025)
    make_bag(snapshots / "2026", after, 2026)
    site = tmp_path / "office"
    assert main(["office", str(snapshots), "-d", str(site)]) == 0
    ids_before = Counter(f["id"] for f in before["findings"])
    ids_after = Counter(f["id"] for f in after["findings"])
    still = sum((ids_before & ids_after).values())
    row = cells_of(site / "trends.html")[1]
    assert [text for _, text, _ in row] == [
        "己单位", "2025 年 → 2026 年", str(sum(ids_before.values()) - still), str(sum(ids_after.values()) - still),
        str(still)]


def test_an_archive_folder_is_checked_first(tmp_path):
    archive = write_tree(tmp_path / "archive", {
        "criteria.yml": one_requirement_criteria(),
        "Ⅲ-2 健全完善学习制度/1/": "",
    })
    site = tmp_path / "office"
    assert main(["office", str(archive), "-d", str(site), "--cache-dir", str(tmp_path / "cache")]) == 0
    rows = cells_of(site / "index.html")
    assert rows[1][1][1] == "测试单位"
    assert rows[1][2][1].startswith("✗1 !0 ✓0")


def test_names_are_escaped(tmp_path):
    rng = random.Random(5)
    document = generated.unit_document("<script>alert(1)</script>单位", rng)
    path = write_unit(tmp_path, "x", document)
    site = tmp_path / "office"
    assert main(["office", str(path), "-d", str(site)]) == 0
    for page in site.rglob("*.html"):
        assert "<script>alert" not in page.read_text(encoding="utf-8"), page


def test_the_tongbao_page_and_workbook(three_units):
    from openpyxl import load_workbook

    root, documents, paths = three_units
    site = root / "office"
    assert main(["office", *map(str, paths), "-d", str(site), "--month", "2026-11"]) == 0
    text = (site / "tongbao.html").read_text(encoding="utf-8")
    assert "关于2026年11月创建材料检查情况的通报" in text
    standards = sum(d["summary"]["standards"] for d in documents.values())
    assert f"测评标准合计 {standards} 条" in text
    workbook = load_workbook(site / "tongbao.xlsx", read_only=True)
    assert workbook.sheetnames == ["单位排名", "单位×测评项目", "测评内容", "体系差异"]
    ranking = list(workbook["单位排名"].iter_rows(values_only=True))
    assert [r[1] for r in ranking[1:]][0] == "甲单位" and len(ranking) == 4


# --- the contract -------------------------------------------------------------------


def test_the_schema_describes_what_binder_check_writes(tmp_path, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["version"]["const"] == export.JSON_VERSION
    assert office.KNOWN_VERSIONS == (export.JSON_VERSION,)
    archive = write_tree(tmp_path / "archive", {"criteria.yml": one_requirement_criteria(),
                                                "Ⅲ-2 健全完善学习制度/1/": ""})
    out = tmp_path / "check.json"
    assert main(["check", "--format", "json", "--archive", str(archive), "--cache-dir", str(tmp_path / "c"),
                 "-o", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA)
    jsonschema.validate(generated.unit_document("u", random.Random(1)), SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**document, "version": 2}, SCHEMA)


def test_the_site_is_never_written_into_a_unit_folder(tmp_path, capsys):
    archive = write_tree(tmp_path / "archive", {"criteria.yml": one_requirement_criteria()})
    before = sorted(p.name for p in archive.rglob("*"))
    assert main(["office", str(archive), "-d", str(archive / "汇总")]) == 2
    assert "汇总站点不能写进单位的档案或存档文件夹" in capsys.readouterr().err
    assert sorted(p.name for p in archive.rglob("*")) == before


def test_the_link_convention_follows_the_binders_page_names():
    """The office links to <unit>/site/indicators/<slug>.html: what the binder's site renderer
    names an indicator's page, built without directory URLs (mkdocs.yml)."""
    import yaml

    from generator.framework import Indicator
    from generator.outputs.site import _Renderer

    for code in ("Ⅲ-2", "Ⅲ－35", "1.1", "III-10"):
        indicator = Indicator(code=code, name="x", category="y")
        assert _Renderer._indicator_uri(indicator) == f"indicators/{indicator_slug(code)}.md"
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nplugins:")[0])
    assert config["use_directory_urls"] is False
