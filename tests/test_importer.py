"""Importing a framework from the Word and Excel tables units receive, writing criteria.yml,
laying out the archive, and `binder init`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import cli
from generator.framework import (
    Ask, Category, Framework, Indicator, Owner, Requirement, Standard, load_framework, load_framework_file,
)
from generator.framework.writer import (
    FileExists, dump_framework, folder_name, lay_out_archive, short_name, write_framework_file,
)
from generator.framework.importer import ImportFailed, import_framework, split_indicator, split_methods
from generator.framework.prose import TO_VERIFY
from generator.archive.scan import scan_archive

from .conftest import EXAMPLES, REPO, tree_hashes, write_tree

EXAMPLE_DOCX = EXAMPLES / "任务责任清单-示例.docx"
EXAMPLE_XLSX = EXAMPLES / "任务责任清单-示例.xlsx"
HAND_CHECKED = REPO / "archive" / "criteria.yml"

HEADER = ["测评内容", "测评标准", "材料报送要求", "测评方法", "分值\n（分）", "责任\n领导", "责任\n科室", "责任人"]


# --- building tables as they arrive ---------------------------------------------------------------

def make_docx(path: Path, tables: list[dict]) -> Path:
    """Each table: {'heading': [paragraphs], 'rows': [[cell, ...], ...], 'merge': [(col, first, last)]}."""
    document = docx.Document()
    document.add_paragraph("关于印发实施方案的通知")
    for spec in tables:
        for paragraph in spec.get("heading", []):
            document.add_paragraph(paragraph)
        rows = spec["rows"]
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        for col, first, last in spec.get("merge", []):
            text = rows[first][col]
            merged = table.cell(first, col).merge(table.cell(last, col))
            merged.text = text
        document.add_paragraph("")
    document.save(str(path))
    return path


def make_xlsx(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cell_range in (merges or {}).get(title, []):
            sheet.merge_cells(cell_range)
    workbook.save(str(path))
    return path


ROW_2 = ["Ⅲ-2\n健全完善学习制度", "1）以党委（党组）中心组学习为示范带动。",
         "①提供学习制度的规范文件；②提供学习情况(说明报告，300字左右）。", "材料审核", "0.6", "郑泽梅", "人教科", "陈晓波"]
ROW_8A = ["Ⅲ-8\n深化推广普及", "1）主要媒体宣传普及12个主题词。", "提供统计表格。", "材料审核问卷调查",
          "0.5", "郑泽梅", "办公室", "徐渭滨"]
ROW_8B = ["Ⅲ-8\n深化推广普及", "2）在公共场所宣传展示核心价值观。", "提供实景图片。", "材料审核问卷调查实地考察",
          "0.6", "郑泽梅", "办公室", "徐渭滨"]
ROW_20 = ["Ⅲ-20\n公益广告宣传形成制度", "1）落实《广告法》。", "②提供运行机制的规范文件。", "材料审核", "0.5",
          "许骏涛", "信息\n化科", "吴扬"]
ROW_35 = ["Ⅲ-35\n诚信奖罚制度", "依法建立诚信“红黑名单”制度。", "①提供规范文件；②列举措施（说明报告）。", "材料审核",
          "0.5", "翁汉辉", "中小局", "柯小林"]


def as_data(framework: Framework) -> list:
    """What the hand-checked file and an import are compared on: codes, texts, scores, owners, asks."""
    return [
        (c.name, [
            (i.code, i.name, [
                (s.code, s.text, s.score, s.methods, s.owner, [
                    (r.code, r.text, [(a.kind, a.count, a.chars, a.per) for a in r.asks]) for r in s.requirements
                ]) for s in i.standards
            ]) for i in c.indicators
        ]) for c in framework.categories
    ]


# --- the example ------------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["docx", "xlsx"])
def example(request):
    return import_framework(EXAMPLE_DOCX if request.param == "docx" else EXAMPLE_XLSX)


def test_the_example_imports_to_its_24_indicators(example):
    framework = example.framework
    assert [c.name for c in framework.categories] == ["共性任务", "个性任务"]
    assert len(framework.indicators) == 24
    assert len(framework.standards) == 36
    assert framework.score == 17.0
    assert all(s.owner.leader and s.owner.department and s.owner.person for s in framework.standards)
    assert [s.code for s in framework.indicator("Ⅲ-16").standards] == ["2", "3"]  # two groups, one indicator
    assert framework.indicator("Ⅲ-20").standards[0].owner == Owner("许骏涛", "信息化科", "吴扬")
    assert framework.indicator("Ⅲ-8").standards[1].methods == ("材料审核", "问卷调查", "实地考察")
    assert framework.indicator("Ⅲ-26").standards[0].code is None
    assert example.to_verify == []


def test_the_four_parts_of_iii_2_in_the_example(example):
    (standard,) = example.framework.indicator("Ⅲ-2").standards
    assert [(r.code, [a.kind for a in r.asks]) for r in standard.requirements] == [
        ("1", ["document"]), ("2", ["document", "report"]), ("3", ["report"]), ("4", ["meeting", "photo"]),
    ]
    assert standard.requirement("3").asks == (Ask("report", chars=300),)
    assert standard.requirement("4").asks == (Ask("meeting", count=4), Ask("photo", count=5, per="meeting"))


def test_the_example_imports_as_the_hand_checked_criteria_yml(example):
    hand = load_framework_file(HAND_CHECKED)
    assert as_data(example.framework) == as_data(hand)
    assert example.framework.categories == hand.categories


def test_word_and_excel_give_the_same_framework():
    assert import_framework(EXAMPLE_DOCX).framework == import_framework(EXAMPLE_XLSX).framework


def test_the_title_comes_from_the_annexes_headings(example):
    assert example.framework.title == "汕尾市经信局2016-2017年省级文明城市创建任务责任清单"
    assert example.framework.unit == "汕尾市经信局"
    assert [d.isoformat() for d in example.framework.period] == ["2016-01-01", "2017-12-31"]


def test_what_the_import_says_about_the_example():
    # Word merges each indicator's cell down its rows, so Ⅲ-16's two cells are two groups worth saying;
    # Excel repeats the indicator on every row, the usual layout, with nothing to say.
    (note,) = import_framework(EXAMPLE_DOCX).notes
    assert note.where == "Ⅲ-16 制度化建设" and "合并" in note.message
    assert import_framework(EXAMPLE_XLSX).notes == []


# --- criteria.yml -----------------------------------------------------------------------------------

def test_criteria_yml_loads_back_into_the_same_framework(example, tmp_path):
    written = write_framework_file(tmp_path, example.framework, example.remarks)
    assert load_framework_file(written.path) == example.framework
    text = written.path.read_text(encoding="utf-8")
    # The original words beside the parsed terms, for a person to correct them.
    assert "text: 提供4次中心组学习会议材料（会议通知、学习内容、5张实景照片）" in text
    assert "- {kind: photo, count: 5, per: meeting}  # 实景图片，每次会议 5 张（原文“实景照片，5张”）" in text
    assert "- {kind: table, count_min: 2}  # 统计表格，至少 2 种（原文“统计表格，不少于2种”）" in text
    assert "# 原表“材料报送要求”：①提供建立完善中心组学习制度的规范文件；" in text


def test_a_fix_by_hand_survives_a_load(example, tmp_path):
    written = write_framework_file(tmp_path, example.framework, example.remarks)
    text = written.path.read_text(encoding="utf-8").replace(
        "- {kind: report, chars: 300}  # 说明报告，约 300 字（原文“说明报告，300字左右”）",
        "- {kind: report, chars: 500}", 1)
    written.path.write_text(text, encoding="utf-8")
    assert load_framework_file(written.path).indicator("Ⅲ-2").standards[0].requirement("3").asks == \
        (Ask("report", chars=500),)


AWKWARD = st.one_of(
    st.lists(st.sampled_from(list("测评abc1: #-'\"[]{},&*!|>%@`?“”（）\\\t") + ["yes", "null", "1.0", "~"]),
             min_size=1, max_size=12).map("".join),
    st.text(min_size=1, max_size=12),
).map(str.strip).filter(bool)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60,
          deadline=None)  # a loaded machine makes single examples slow: not a failure
@given(AWKWARD, AWKWARD, AWKWARD, AWKWARD)
def test_any_words_round_trip_through_criteria_yml(tmp_path, name, text, department, method):
    framework = Framework(title=text, categories=(Category(name, (Indicator("Ⅲ-7", name, name, (
        Standard("1", text, 0.25, (method,), Owner(department, department, ""), (
            Requirement("2", text, (Ask("report", chars=300), Ask("photo", count=3, per="activity"))),
            Requirement(None, name, (Ask("other"),)),
        )),
        Standard(None, department, 0.5),
    )),)),))
    path = tmp_path / "criteria.yml"
    path.write_text(dump_framework(framework), encoding="utf-8")
    assert load_framework_file(path) == framework


# --- table shapes ---------------------------------------------------------------------------------

def test_several_annexes_become_categories(tmp_path):
    path = make_docx(tmp_path / "清单.docx", [
        {"heading": ["附件1：", "某局2016-2017年创建共性任务责任清单"], "rows": [HEADER, ROW_2]},
        {"heading": ["附件2：某局2016-2017年创建个性任务责任清单"], "rows": [HEADER, ROW_20]},
    ])
    framework = import_framework(path).framework
    assert [(c.name, [i.code for i in c.indicators]) for c in framework.categories] == \
        [("共性任务", ["Ⅲ-2"]), ("个性任务", ["Ⅲ-20"])]
    assert framework.title == "某局2016-2017年创建任务责任清单"


@pytest.mark.parametrize("header", [
    ["测评内容", "测评标准", "材料报送要求", "测评方法", "分值（分）", "责任领导", "责任科室", "责任人"],
    ["测评项目", "评分标准", "申报材料要求", "测评方法", "分值\n（分）", "责任\n领导", "责任单位", "责任人"],
    ["指标", "考核标准", "资料要求", "测评\n方法", "分值", "责任领导", "牵头单位", "责任人"],
    ["测评内容", "测评标准", "材料报送要求", "测评方法", "分值", "责任领导", "责任部门", "责任人"],
])
def test_header_names_and_their_variants(tmp_path, header):
    framework = import_framework(make_docx(tmp_path / "t.docx", [{"rows": [header, ROW_2]}])).framework
    (standard,) = framework.indicator("Ⅲ-2").standards
    assert (standard.score, standard.methods, standard.owner) == (0.6, ("材料审核",), Owner("郑泽梅", "人教科", "陈晓波"))
    assert [r.code for r in standard.requirements] == ["1", "2"]


def test_columns_in_another_order_and_extra_columns(tmp_path):
    header = ["序号", "责任科室", "测评内容", "分值", "测评标准", "材料报送要求", "备注", "完成时限"]
    row = ["1", "人教科", "Ⅲ-2 健全完善学习制度", "0.6", "1）中心组学习。", "提供规范文件", "", "6月底"]
    imported = import_framework(make_docx(tmp_path / "t.docx", [{"rows": [header, row]}]))
    (standard,) = imported.framework.indicator("Ⅲ-2").standards
    assert standard.owner.department == "人教科" and standard.score == 0.6
    assert any("完成时限" in n.message for n in imported.notes)  # a column not read is said so


def test_a_vertically_merged_indicator_cell(tmp_path):
    path = make_docx(tmp_path / "t.docx", [{"rows": [HEADER, ROW_8A, ROW_8B], "merge": [(0, 1, 2)]}])
    imported = import_framework(path)
    indicator = imported.framework.indicator("Ⅲ-8")
    assert indicator.name == "深化推广普及"
    assert [(s.code, s.score) for s in indicator.standards] == [("1", 0.5), ("2", 0.6)]
    assert not any("合并" in n.message for n in imported.notes)  # one group of rows: nothing to say


def test_one_indicator_split_over_two_groups_of_rows(tmp_path):
    first = ["Ⅲ-16\n制度化建设", "2）大力弘扬志愿精神。", "①提供统计表格。", "材料审核", "0.5", "郑泽梅", "人教科", "陈晓波"]
    second = ["Ⅲ-16\n制度化建设", "3）建立健全机制。", "①提供说明报告。", "材料审核", "0.4", "郑泽梅", "人教科", "陈晓波"]
    path = make_docx(tmp_path / "t.docx", [{"rows": [HEADER, ROW_8A, ROW_8B, first, ROW_2, second],
                                            "merge": [(0, 1, 2)]}])
    imported = import_framework(path)
    assert [i.code for i in imported.framework.indicators] == ["Ⅲ-8", "Ⅲ-16", "Ⅲ-2"]
    assert [s.code for s in imported.framework.indicator("Ⅲ-16").standards] == ["2", "3"]
    assert imported.framework.indicator("Ⅲ-16").score == 0.9
    assert any(n.where.startswith("Ⅲ-16") and "2 组" in n.message for n in imported.notes)


def test_a_standard_merged_over_two_requirement_rows(tmp_path):
    rows = [HEADER,
            ["Ⅲ-9\n融入日常生活", "1）开展核心价值观教育。", "提供规范文件。", "材料审核", "0.5", "郑泽梅", "人教科", "陈晓波"],
            ["Ⅲ-9\n融入日常生活", "1）开展核心价值观教育。", "提供说明报告。", "材料审核", "0.5", "郑泽梅", "人教科", "陈晓波"]]
    path = make_docx(tmp_path / "t.docx", [{"rows": rows, "merge": [(0, 1, 2), (1, 1, 2), (4, 1, 2)]}])
    (standard,) = import_framework(path).framework.indicator("Ⅲ-9").standards
    assert standard.score == 0.5  # counted once
    assert [(r.code, r.asks) for r in standard.requirements] == [("1", (Ask("document"),)), ("2", (Ask("report"),))]


def test_line_breaks_inside_cells(tmp_path):
    imported = import_framework(make_docx(tmp_path / "t.docx", [{"rows": [HEADER, ROW_20]}]))
    indicator = imported.framework.indicator("Ⅲ-20")
    assert (indicator.code, indicator.name) == ("Ⅲ-20", "公益广告宣传形成制度")
    assert indicator.standards[0].owner.department == "信息化科"
    assert indicator.standards[0].requirements[0].code == "2"


@pytest.mark.parametrize("cell, expected", [
    ("Ⅲ-2\n健全完善学习制度", ("Ⅲ-2", "健全完善学习制度")),
    ("Ⅲ-2 健全完善\n学习制度", ("Ⅲ-2", "健全完善学习制度")),
    ("III－2：健全完善学习制度", ("Ⅲ-2", "健全完善学习制度")),
    ("Ⅲ-\n2 健全完善学习制度", ("Ⅲ-2", "健全完善学习制度")),
    ("Ⅲ-25\n“三严三实”专题教育", ("Ⅲ-25", "“三严三实”专题教育")),
    ("Ⅲ-8\n12个主题词", ("Ⅲ-8", "12个主题词")),
    ("健全完善学习制度", (None, "健全完善学习制度")),
])
def test_indicator_cells(cell, expected):
    assert split_indicator(cell) == expected


@pytest.mark.parametrize("cell, expected", [
    ("材料审核问卷调查实地考察", ("材料审核", "问卷调查", "实地考察")),
    ("材料审核实地考察问卷调查", ("材料审核", "实地考察", "问卷调查")),
    ("材料审核、问卷调查", ("材料审核", "问卷调查")),
    ("材料审核\n问卷调查", ("材料审核", "问卷调查")),
    ("网上申报查阅资料座谈暗访", ("网上申报", "查阅资料", "座谈", "暗访")),
    ("材料审核 专家评议", ("材料审核", "专家评议")),
    ("", ()),
])
def test_methods_run_together(cell, expected):
    assert split_methods(cell) == expected


def test_a_standard_without_a_number(tmp_path):
    (standard,) = import_framework(make_docx(tmp_path / "t.docx", [{"rows": [HEADER, ROW_35]}])) \
        .framework.indicator("Ⅲ-35").standards
    assert standard.code is None and standard.text == "依法建立诚信“红黑名单”制度。"
    assert [r.code for r in standard.requirements] == ["1", "2"]


def test_excel_title_on_the_first_row_header_on_the_second(tmp_path):
    path = make_xlsx(tmp_path / "t.xlsx", {
        "附件1": [["某局2016-2017年创建共性任务责任清单"], HEADER, ROW_2, ROW_8A, ROW_8B],
        "附件2": [["某局2016-2017年创建个性任务责任清单"], HEADER, ROW_20],
    }, merges={"附件1": ["A1:H1"]})
    framework = import_framework(path).framework
    assert [(c.name, len(c.indicators)) for c in framework.categories] == [("共性任务", 2), ("个性任务", 1)]
    assert framework.score == 2.2


def test_excel_merged_cells_and_sheet_names(tmp_path):
    rows = [HEADER, ROW_8A, ["", *ROW_8B[1:]], ["", "", "", "", "", "", "", ""]]
    path = make_xlsx(tmp_path / "t.xlsx", {"思想道德建设": rows}, merges={"思想道德建设": ["A2:A3"]})
    framework = import_framework(path).framework
    assert [c.name for c in framework.categories] == ["思想道德建设"]
    assert [s.code for s in framework.indicator("Ⅲ-8").standards] == ["1", "2"]


def test_excel_numbers_as_numbers(tmp_path):
    row = [*ROW_2[:4], 0.6, *ROW_2[5:]]
    framework = import_framework(make_xlsx(tmp_path / "t.xlsx", {"Sheet1": [HEADER, row]})).framework
    assert framework.indicator("Ⅲ-2").standards[0].score == 0.6
    assert [c.name for c in framework.categories] == ["测评指标"]


def test_a_word_header_on_the_second_row_under_a_title_row(tmp_path):
    title = ["某局创建任务责任清单"] * 8
    path = make_docx(tmp_path / "t.docx", [{"rows": [title, HEADER, ROW_2]}])
    imported = import_framework(path)
    assert [i.code for i in imported.framework.indicators] == ["Ⅲ-2"]


def test_empty_trailing_rows_and_a_note_row(tmp_path):
    note = ["备注：材料于每月25日前报送。"] * 8
    path = make_docx(tmp_path / "t.docx", [{"rows": [HEADER, ROW_2, [""] * 8, note, [""] * 8]}])
    imported = import_framework(path)
    assert [i.code for i in imported.framework.indicators] == ["Ⅲ-2"]
    assert any("备注" in n.message and "未导入" in n.message for n in imported.notes)


def test_a_table_that_is_not_a_framework_table_is_skipped_with_a_note(tmp_path):
    contacts = [["姓名", "职务", "电话"], ["陈晓波", "科员", "0660-1234567"]]
    path = make_docx(tmp_path / "t.docx", [{"rows": contacts}, {"heading": ["附件1：共性任务责任清单"],
                                                                "rows": [HEADER, ROW_2]}])
    imported = import_framework(path)
    assert [i.code for i in imported.framework.indicators] == ["Ⅲ-2"]
    assert any("第 1 个表格" in n.where and "跳过" in n.message for n in imported.notes)


def test_a_file_without_a_framework_table_fails_with_a_reason(tmp_path):
    path = make_docx(tmp_path / "t.docx", [{"rows": [["姓名", "电话"], ["陈晓波", "1234"]]}])
    with pytest.raises(ImportFailed, match="没有找到测评体系表格"):
        import_framework(path)


@pytest.mark.parametrize("name, content, words", [
    ("清单.doc", b"\xd0\xcf\x11\xe0", "另存为"),
    ("清单.xls", b"\xd0\xcf\x11\xe0", "另存为"),
    ("清单.docx", b"not a zip at all", "无法打开"),
    ("清单.xlsx", b"", "无法打开"),
    ("清单.pdf", b"%PDF-1.4", "不是 Word"),
])
def test_files_that_cannot_be_imported(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=words):
        import_framework(path)


def test_no_office_file_of_the_shared_test_data_crashes_the_import(testdata):
    files = [p for p in sorted(testdata.rglob("*")) if p.suffix.lower() in (".docx", ".xlsx", ".doc", ".xls")]
    assert files
    for path in files:
        try:
            import_framework(path)
        except ImportFailed as error:
            assert path.name in str(error)


def test_an_encrypted_file_is_said_to_be_encrypted(testdata):
    with pytest.raises(ImportFailed, match="密码"):
        import_framework(testdata / "docs" / "example_password.docx")


def test_an_indicator_without_a_code_is_numbered_by_position_not_dropped(tmp_path):
    row = ["健全完善学习制度", *ROW_2[1:]]
    imported = import_framework(make_docx(tmp_path / "t.docx", [{"rows": [HEADER, row, ROW_20]}]))
    assert [i.code for i in imported.framework.indicators] == ["§1", "Ⅲ-20"]
    assert any("健全完善学习制度" in n.message and "无编号" in n.message for n in imported.notes)


def test_a_requirement_that_cannot_be_typed_is_kept_and_to_verify(tmp_path):
    row = [*ROW_2[:2], "①提供规范文件；②按要求落实到位。", *ROW_2[3:]]
    imported = import_framework(make_docx(tmp_path / "t.docx", [{"rows": [HEADER, row]}]))
    requirement = imported.framework.indicator("Ⅲ-2").standards[0].requirement("2")
    assert requirement.text == "按要求落实到位" and requirement.asks == (Ask("other"),)
    (note,) = imported.to_verify
    assert note.level == TO_VERIFY and "②" in note.where and "按要求落实到位" in note.message
    text = dump_framework(imported.framework, imported.remarks)
    assert "- {kind: other}  # 待核实" in text


def test_scores_as_written(tmp_path):
    rows = [HEADER, [*ROW_2[:4], "0.6分", *ROW_2[5:]], [*ROW_20[:4], "", *ROW_20[5:]]]
    imported = import_framework(make_docx(tmp_path / "t.docx", [{"rows": rows}]))
    assert [s.score for s in imported.framework.standards] == [0.6, 0.0]
    assert any("分值为空" in n.message for n in imported.notes)


def test_a_category_column_beside_the_indicator_column(tmp_path):
    header = ["测评项目", "测评内容", "测评标准", "材料报送要求", "分值"]
    rows = [header, ["思想道德建设", "Ⅲ-2 学习制度", "1）学习。", "提供规范文件", "0.6"],
            ["", "Ⅲ-8 推广普及", "1）宣传。", "提供实景图片", "0.5"],
            ["公共服务", "Ⅲ-47 文化服务供给", "2）阅读。", "提供说明报告", "0.3"]]
    framework = import_framework(make_xlsx(tmp_path / "t.xlsx", {"Sheet1": rows})).framework
    assert [(c.name, [i.code for i in c.indicators]) for c in framework.categories] == \
        [("思想道德建设", ["Ⅲ-2", "Ⅲ-8"]), ("公共服务", ["Ⅲ-47"])]


# --- laying out the archive --------------------------------------------------------------------------

def test_layout_makes_one_folder_per_level_that_the_scan_matches(tmp_path):
    framework = import_framework(EXAMPLE_DOCX).framework
    layout = lay_out_archive(tmp_path / "a", framework)
    assert "Ⅲ-2 健全完善学习制度" in layout.created
    iii_2 = [p for p in layout.created if p.startswith("Ⅲ-2 ")]
    assert len(iii_2) == 6 and all(len(p.split("/")[1]) <= 2 + 12 for p in iii_2[1:])
    assert [p.rsplit("/", 1)[-1][:1] for p in iii_2[2:]] == ["①", "②", "③", "④"]
    assert not any(p.startswith("Ⅲ-35 诚信奖罚制度/1") for p in layout.created)  # unnumbered standard: no level
    assert scan_archive(tmp_path / "a", framework).stray_folders == []
    assert lay_out_archive(tmp_path / "a", framework).created == []  # a second run makes nothing


def test_layout_never_touches_what_exists(tmp_path):
    archive = write_tree(tmp_path / "a", {
        "III-2_学习制度/1）中心组/①制度/01-中心组学习制度.pdf": b"%PDF-1.4 original",
        "III-2_学习制度/1）中心组/说明.txt": "留着",
        "Ⅲ－35 诚信奖罚制度/": "",
        "Ⅲ-8 深化推广普及": b"a file where a folder would go",
        "临时/草稿.docx": b"draft",
        "README.md": "档案说明",
    })
    before = tree_hashes(archive)
    framework = import_framework(EXAMPLE_DOCX).framework
    layout = lay_out_archive(archive, framework)
    after = tree_hashes(archive)
    assert {k: after.get(k) for k in before} == before  # nothing changed, renamed, moved or deleted
    assert not any(p.startswith("Ⅲ-2 ") or p.startswith("Ⅲ-35 ") for p in layout.created)  # no duplicates
    assert "III-2_学习制度/1）中心组/② 党委中心组学习计划规范文件" in layout.created
    assert "III-2_学习制度/1）中心组" in layout.existing
    assert any("Ⅲ-8" in reason for reason in layout.skipped)
    assert all((archive / p).is_dir() for p in layout.created)


@pytest.mark.parametrize("text, verbs, expected", [
    ("以党委（党组）中心组学习为示范带动，一级抓一级。", False, "以党委中心组学习为示范"),  # never mid-word
    ("主要新闻媒体、都市类媒体、网络媒体持续有效宣传普及12个主题词。", False, "主要新闻媒体、都市类媒体"),
    ("创建活动的群众参与率＞90%。", False, "创建活动的群众参与率"),
    ("落实《广告法》、《公益广告促进和管理暂行办法》", False, "落实广告法、公益广告促进"),
    ("提供2016-2017年党委（党组）中心组学习计划规范文件，将…", True, "党委中心组学习计划规范文件"),
    ("提供中心组学习的情况(说明报告，300字左右）", True, "中心组学习的情况"),
    ("提供在“i志愿”系统发布志愿服务项目的情况（统计表格）", True, "在i志愿系统发布志愿服务项目"),
])
def test_short_names_of_standards_and_requirements(text, verbs, expected):
    assert short_name(text, 16 if verbs else 12, verbs=verbs) == expected


def test_every_standard_folder_name_is_short(tmp_path):
    layout = lay_out_archive(tmp_path, import_framework(EXAMPLE_XLSX).framework)
    standards = [p.split("/")[1] for p in layout.created if p.count("/") == 1 and p.split("/")[1][0] not in "①②③④⑤"]
    assert len(standards) == 34  # 36 standards; those of Ⅲ-26 and Ⅲ-35 have no number and no folder
    assert all(len(name.split(" ", 1)[1]) <= 12 for name in standards)


@pytest.mark.parametrize("code, name, expected", [
    ("Ⅲ-2", "健全完善学习制度", "Ⅲ-2 健全完善学习制度"),
    ("Ⅲ-3", 'a<b>c:d"e/f\\g|h?i*j', "Ⅲ-3 abcdefghij"),
    ("Ⅲ-4", "名称以点结尾...  ", "Ⅲ-4 名称以点结尾"),
    ("①", "  ", "①"),
])
def test_folder_names_are_valid_on_windows(code, name, expected):
    assert folder_name(code, name, None) == expected


# --- binder init ------------------------------------------------------------------------------------

def test_init_from_the_example_then_build_lists_every_indicator_and_every_missing_requirement(tmp_path, capsys):
    from generator.plugin.commands import build_site

    archive = tmp_path / "a"
    assert cli.main(["init", "--from", str(EXAMPLE_DOCX), "--archive", str(archive)]) == 0
    out = capsys.readouterr().out
    assert "24 项测评内容、36 条测评标准，合计 17.0 分" in out and "待核实：无" in out
    assert "Ⅲ-2 健全完善学习制度/" in out

    plugin = build_site(REPO / "mkdocs.yml", archive=archive, site_dir=tmp_path / "site",
                        cache_dir=tmp_path / "cache", jobs=1)
    binder = plugin.binder
    assert len(binder.framework.indicators) == 24
    assert len(list((tmp_path / "site" / "indicators").glob("*.html"))) == 24
    missing = {(f.indicator, f.standard, f.requirement) for f in binder.findings if f.rule == "requirement.missing"}
    # Every requirement is empty; one asking only for the evaluators' survey (Ⅲ-88 3）) needs no material.
    expected = {(i.code, s.code or "", r.code or "") for i, s, r in binder.framework.walk()
                if any(a.kind != "evaluation" for a in r.asks)}
    assert missing == expected and len(expected) == 59
    assert binder.scan.stray_folders == []


def test_a_second_init_refuses_and_leaves_the_edited_file_untouched(tmp_path, capsys):
    archive = tmp_path / "a"
    assert cli.main(["init", "--from", str(EXAMPLE_XLSX), "--archive", str(archive)]) == 0
    criteria = archive / "criteria.yml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace("chars: 300", "chars: 500", 1), encoding="utf-8")
    before = tree_hashes(archive)
    capsys.readouterr()
    assert cli.main(["init", "--from", str(EXAMPLE_XLSX), "--archive", str(archive)]) == 2
    assert "--force" in capsys.readouterr().err
    assert tree_hashes(archive) == before
    assert cli.main(["init", "--archive", str(archive)]) == 2  # nor does the starter replace it
    assert tree_hashes(archive) == before


def test_init_with_force_keeps_the_old_file_as_a_backup(tmp_path, capsys):
    archive = tmp_path / "a"
    assert cli.main(["init", "--from", str(EXAMPLE_DOCX), "--archive", str(archive)]) == 0
    criteria = archive / "criteria.yml"
    edited = criteria.read_text(encoding="utf-8") + "# 手工修改\n"
    criteria.write_text(edited, encoding="utf-8")
    (archive / "Ⅲ-2 健全完善学习制度" / "01-材料.pdf").write_bytes(b"%PDF-1.4")
    before = tree_hashes(archive)
    assert cli.main(["init", "--from", str(EXAMPLE_DOCX), "--archive", str(archive), "--force"]) == 0
    backups = list(archive.glob("criteria.yml.bak-*"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == edited
    assert "备份" in capsys.readouterr().out
    after = tree_hashes(archive)
    assert {k: after[k] for k in before if k != "criteria.yml"} == {k: v for k, v in before.items() if k != "criteria.yml"}
    assert load_framework(archive) == import_framework(EXAMPLE_DOCX).framework


def test_the_backup_name_carries_the_date_and_time(tmp_path):
    framework = import_framework(EXAMPLE_XLSX).framework
    write_framework_file(tmp_path, framework)
    with pytest.raises(FileExists):
        write_framework_file(tmp_path, framework)
    now = dt.datetime(2017, 3, 5, 14, 30, 9)
    assert write_framework_file(tmp_path, framework, force=True, now=now).backup.name == "criteria.yml.bak-20170305-143009"
    assert write_framework_file(tmp_path, framework, force=True, now=now).backup.name == "criteria.yml.bak-20170305-143009-1"


def test_init_without_a_list_writes_a_starter_that_loads(tmp_path, capsys):
    archive = tmp_path / "new"
    assert cli.main(["init", "--archive", str(archive)]) == 0
    framework = load_framework(archive)
    assert len(framework.categories) == 1 and len(framework.indicators) == 1
    assert len(framework.standards) == 1 and len(framework.standards[0].requirements) == 2
    assert "criteria.yml" in capsys.readouterr().out


def test_init_from_a_file_that_is_not_a_list(tmp_path, capsys):
    path = make_docx(tmp_path / "通知.docx", [{"rows": [["姓名", "电话"], ["张三", "1"]]}])
    assert cli.main(["init", "--from", str(path), "--archive", str(tmp_path / "a")]) == 2
    assert "没有找到测评体系表格" in capsys.readouterr().err
    assert not (tmp_path / "a" / "criteria.yml").exists()


def test_indicator_numbers_that_restart_under_each_category_are_kept_apart(tmp_path):
    header = ["测评项目", "测评内容", "测评标准", "材料报送要求", "分值"]
    rows = [header, ["一、思想道德建设", "1.学习制度", "1）学习。", "提供规范文件", "0.6"],
            ["", "2.推广普及", "1）宣传。", "提供实景图片", "0.5"],
            ["二、公共服务", "1.文化服务供给", "1）阅读。", "提供说明报告", "0.3"]]
    imported = import_framework(make_xlsx(tmp_path / "t.xlsx", {"Sheet1": rows}))
    framework = imported.framework
    assert [(c.name, [(i.code, i.name) for i in c.indicators]) for c in framework.categories] == [
        ("思想道德建设", [("1.1", "学习制度"), ("1.2", "推广普及")]), ("公共服务", [("2.1", "文化服务供给")])]
    assert [s.text for s in framework.indicator("2.1").standards] == ["阅读。"]
    assert not any("并入" in n.message for n in imported.notes)
    path = tmp_path / "criteria.yml"
    path.write_text(dump_framework(framework, imported.remarks), encoding="utf-8")
    assert load_framework_file(path).categories == framework.categories
