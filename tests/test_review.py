"""The review file (review.yml), verdicts and waivers in the view, and the Excel round trip."""

from __future__ import annotations

import datetime as dt
import re
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator import cli
from generator.binder import assemble
from generator.outputs import export, tracker
from generator.review import (Remediation, RequirementReview, Review, Verdict, Waiver, dump_review, load_review,
                              read_review, save_review)
from generator.rules import Status
from generator.view import build_view

from .conftest import tree_hashes

CRITERIA = (Path(__file__).parent / "fixtures" / "review_criteria.yml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def archive(make_archive):
    return make_archive({"criteria.yml": CRITERIA, "Ⅲ-5 主题实践/1 活动/① 方案/": ""})


def view_of(archive: Path, cache: Path, review: Review | None = None):
    binder = assemble(archive, cache, jobs=1)
    return build_view(binder, review=review if review is not None else load_review(archive), today=TODAY)


def run(args, capsys):
    code = cli.main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- the file ---------------------------------------------------------------------


def test_the_review_file_round_trips_sorted_and_readable(tmp_path):
    review = Review()
    review.requirements[("Ⅲ-5", "1", "2")] = RequirementReview("Ⅲ-5", "1", "2", Verdict("退回", "王审核", TODAY, "照片不足"))
    review.requirements[("Ⅲ-2", "1", "1")] = RequirementReview("Ⅲ-2", "1", "1", Verdict("通过", "王审核", TODAY))
    review.findings["bbb"] = Remediation("bbb", department="办公室", deadline=dt.date(2026, 12, 31), progress="整改中")
    review.findings["aaa"] = Remediation("aaa", waiver=Waiver("照片 1.4 MB，清晰可用", "王审核", TODAY))
    save_review(tmp_path, review)
    text = (tmp_path / "review.yml").read_text(encoding="utf-8")
    assert text.index("Ⅲ-2") < text.index("Ⅲ-5") and text.index("id: aaa") < text.index("id: bbb")
    assert "verdict: 退回" in text and "\\u" not in text  # Chinese as written, not escaped
    again = load_review(tmp_path)
    assert again.requirements == review.requirements and again.findings == review.findings
    assert dump_review(again) == text
    assert not list(tmp_path.glob(".review-*"))  # the temporary file of the atomic write is gone


def test_what_the_file_cannot_say_is_kept_and_reported():
    review = read_review({"requirements": [{"indicator": "Ⅲ-2", "standard": "1", "requirement": "1",
                                            "verdict": "同意"}],
                          "findings": [{"id": "x", "deadline": "下月底", "progress": "快好了"}]})
    assert review.requirements[("Ⅲ-2", "1", "1")].verdict.verdict == "同意"
    assert review.findings["x"].deadline == "下月底"
    assert len(review.problems) == 3 and any("同意" in p for p in review.problems)


# --- the view ---------------------------------------------------------------------


def test_a_waiver_turns_its_indicator_compliant_and_stays_visible(archive, tmp_path):
    view = view_of(archive, tmp_path / "cache")
    indicator = next(v for v in view.indicators if v.indicator.code == "Ⅲ-9")
    assert indicator.status is Status.FAILING and len(indicator.findings) == 1
    finding = indicator.findings[0]
    review = Review(findings={view.finding_id(finding): Remediation(
        view.finding_id(finding), waiver=Waiver("制度文件并入Ⅲ-2 报送", "王审核", TODAY))})
    waived = view_of(archive, tmp_path / "cache", review)
    indicator = next(v for v in waived.indicators if v.indicator.code == "Ⅲ-9")
    assert indicator.status is Status.COMPLIANT
    assert indicator.findings and waived.waived(indicator.findings[0])  # still shown, as waived
    assert waived.summary.indicator_count(Status.COMPLIANT) == view.summary.indicator_count(Status.COMPLIANT) + 1
    assert waived.summary.overall.errors == view.summary.overall.errors - 1
    record = next(r for r in waived.records if r["indicator"] == "Ⅲ-9")
    assert record["waived"] == "制度文件并入Ⅲ-2 报送"


def test_overdue_remediations_and_the_progress_rows(archive, tmp_path):
    view = view_of(archive, tmp_path / "cache")
    late, due = [f for f in view.findings if f.indicator == "Ⅲ-5"]
    review = Review(findings={
        view.finding_id(late): Remediation(view.finding_id(late), deadline=dt.date(2026, 11, 30), progress="整改中"),
        view.finding_id(due): Remediation(view.finding_id(due), deadline=dt.date(2026, 12, 12)),
    })
    review.requirements[("Ⅲ-5", "1", "2")] = RequirementReview("Ⅲ-5", "1", "2", Verdict("退回", "王审核", TODAY))
    view = view_of(archive, tmp_path / "cache", review)
    late, due = [f for f in view.findings if f.indicator == "Ⅲ-5"]
    assert view.overdue(late) and not view.overdue(due)
    row = next(r for r in view.progress() if r.person == "李明")
    assert (row.open, row.overdue, row.returned, row.next_deadline, row.days_left) == (
        3, 1, 1, dt.date(2026, 11, 30), -2)


def test_an_item_that_no_longer_exists_is_reported_not_dropped(archive, tmp_path):
    review = Review(findings={"0123456789abcdef": Remediation("0123456789abcdef", where="Ⅲ-7 1）", person="张三")})
    review.requirements[("Ⅲ-7", "1", "1")] = RequirementReview("Ⅲ-7", "1", "1", Verdict("通过"))
    view = view_of(archive, tmp_path / "cache", review)
    assert any("Ⅲ-7 1） 1" in n and "已不存在" in n for n in view.review_notes)
    assert any("0123456789abcdef" in n for n in view.review_notes)
    assert "0123456789abcdef" in view.review.findings


def test_a_file_verdict_follows_the_file_across_a_rename(make_archive, tmp_path):
    folder = "Ⅲ-2 学习/1 示范/① 制度/"
    archive = make_archive({"criteria.yml": CRITERIA, folder + "01-学习制度.pdf": b"%PDF-1.4\n%%EOF\n",
                            "Ⅲ-5 主题实践/1 活动/① 方案/01-方案.pdf": b"%PDF-1.4\n1 0 obj\n%%EOF\n"})
    view = view_of(archive, tmp_path / "cache")
    sha = view.files[folder + "01-学习制度.pdf"].inspected.sha256
    review = Review()
    review.files[folder + "01-学习制度.pdf"] = __import__("generator.review", fromlist=["FileReview"]).FileReview(
        folder + "01-学习制度.pdf", sha, Verdict("退回", "王审核", TODAY, "缺文号"))
    before = sorted(view.finding_id(f) for f in view.findings if f.indicator == "Ⅲ-2")
    (archive / "Ⅲ-5 主题实践/1 活动/① 方案/01-方案.pdf").rename(archive / "Ⅲ-5 主题实践/1 活动/① 方案/01-活动方案.pdf")
    (archive / folder / "01-学习制度.pdf").rename(archive / folder / "01-中心组学习制度.pdf")
    view = view_of(archive, tmp_path / "cache", review)
    assert view.file_verdict(folder + "01-中心组学习制度.pdf").comment == "缺文号"
    assert any("已改名" in n for n in view.review_moves) and not view.review_notes
    # the findings (and so their remediations) keep their ids across both renames
    assert sorted(view.finding_id(f) for f in view.findings if f.indicator == "Ⅲ-2") == before


# --- the Excel round trip ---------------------------------------------------------


def export_tracker(archive, tmp_path, capsys) -> Path:
    target = tmp_path / "整改清单.xlsx"
    code, _, _ = run(["check", "--archive", str(archive), "--cache-dir", str(tmp_path / "cache"),
                      "--format", "xlsx", "-o", str(target)], capsys)
    assert code == 0
    return target


def import_tracker(archive, tmp_path, capsys, workbook: Path, *extra):
    return run(["review", "import", str(workbook), "--archive", str(archive),
                "--cache-dir", str(tmp_path / "cache"), "--reviewer", "王审核", *extra], capsys)


def rows_by_id(sheet) -> dict[str, int]:
    header = [c.value for c in sheet[1]]
    column = header.index("编号") + 1
    return {sheet.cell(row, column).value: row for row in range(2, sheet.max_row + 1)}


def test_the_tracker_has_the_columns_a_header_filters_and_drop_downs(archive, tmp_path, capsys):
    workbook = load_workbook(export_tracker(archive, tmp_path, capsys))
    sheet = workbook["问题清单"]
    header = [c.value for c in sheet[1]]
    for name in ("序号", "测评内容", "测评标准", "要求", "问题", "严重程度", "责任科室", "责任人", "整改时限", "完成情况",
                 "复核意见", "编号"):
        assert name in header
    assert header[-1] == "编号" and sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert sheet.cell(2, header.index("问题") + 1).value == "未提供材料"  # the rule's name, not its code
    lists = {v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert '"未开始,整改中,已完成"' in lists
    verdicts = workbook["审核结论"]
    assert '"通过,退回,待审"' in {v.formula1 for v in verdicts.data_validations.dataValidation}


def fill_in(path: Path, ids: list[str]) -> None:
    """As a person would: some rows filled, a typo in a drop-down, an extra column, a row deleted."""
    workbook = load_workbook(path)
    sheet = workbook["问题清单"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in header}
    rows = rows_by_id(sheet)
    sheet.cell(rows[ids[0]], col["完成情况"]).value = "整改中"
    sheet.cell(rows[ids[0]], col["整改时限"]).value = dt.datetime(2026, 12, 31)
    sheet.cell(rows[ids[1]], col["责任人"]).value = "张三"
    sheet.cell(rows[ids[2]], col["完成情况"]).value = "已完成了"  # the typo
    sheet.cell(rows[ids[3]], col["豁免理由"]).value = "制度文件并入Ⅲ-2 报送"
    sheet.insert_cols(3)
    sheet.cell(1, 3).value = "备注"
    sheet.cell(rows[ids[1]], 3).value = "催办两次"
    sheet.delete_rows(rows[ids[4]])
    verdicts = workbook["审核结论"]
    vheader = [c.value for c in verdicts[1]]
    vrows = rows_by_id(verdicts)
    verdicts.cell(vrows["Ⅲ-5|1|2"], vheader.index("审核结论") + 1).value = "退回"
    verdicts.cell(vrows["Ⅲ-5|1|2"], vheader.index("审核意见") + 1).value = "照片不足3张"
    workbook.save(path)


def test_export_fill_import_gives_exactly_the_filled_verdicts(archive, tmp_path, capsys):
    path = export_tracker(archive, tmp_path, capsys)
    view = view_of(archive, tmp_path / "cache")
    ids = [view.finding_id(f) for f in view.findings]
    before = tree_hashes(archive)
    fill_in(path, ids)
    code, out, _ = import_tracker(archive, tmp_path, capsys, path)
    assert code == 1  # something was not imported: the typo
    assert "已完成了" in out and "第 4 行" in out  # the typo, with its row (ids[2] is row 4)
    review = load_review(archive)
    assert set(review.findings) == {ids[0], ids[1], ids[3]}
    assert review.findings[ids[0]].progress == "整改中" and review.findings[ids[0]].deadline == dt.date(2026, 12, 31)
    assert review.findings[ids[1]].person == "张三" and not review.findings[ids[1]].department
    assert review.findings[ids[3]].waiver.reason == "制度文件并入Ⅲ-2 报送" and review.findings[ids[3]].waiver.reviewer == "王审核"
    assert set(review.requirements) == {("Ⅲ-5", "1", "2")}
    verdict = review.requirements[("Ⅲ-5", "1", "2")].verdict
    assert (verdict.verdict, verdict.reviewer, verdict.comment) == ("退回", "王审核", "照片不足3张")
    changed = set(tree_hashes(archive).items()) ^ set(before.items())
    assert {name for name, _ in changed} == {"review.yml"}  # nothing else in the archive
    text = (archive / "review.yml").read_text(encoding="utf-8")
    code, out, _ = import_tracker(archive, tmp_path, capsys, path)
    assert "没有需要并入的改动" in out and (archive / "review.yml").read_text(encoding="utf-8") == text


def test_a_verdict_changed_since_the_export_is_a_conflict_and_kept(archive, tmp_path, capsys):
    path = export_tracker(archive, tmp_path, capsys)
    view = view_of(archive, tmp_path / "cache")
    first = view.finding_id(view.findings[0])
    save_review(archive, Review(findings={first: Remediation(first, progress="已完成")}))
    workbook = load_workbook(path)
    sheet = workbook["问题清单"]
    header = [c.value for c in sheet[1]]
    sheet.cell(rows_by_id(sheet)[first], header.index("完成情况") + 1).value = "整改中"
    workbook.save(path)
    code, out, _ = import_tracker(archive, tmp_path, capsys, path)
    assert "两处不一致" in out and load_review(archive).findings[first].progress == "已完成"


def test_a_workbook_resaved_with_other_styles_and_sheet_order_imports(archive, tmp_path, capsys):
    """What WPS does on saving, as far as openpyxl can imitate it: sheets reordered and
    renamed, widths and fonts changed, dates as serial numbers."""
    from openpyxl.styles import Font

    path = export_tracker(archive, tmp_path, capsys)
    view = view_of(archive, tmp_path / "cache")
    first = view.finding_id(view.findings[0])
    workbook = load_workbook(path)
    sheet = workbook["问题清单"]
    sheet.title = "Sheet1"
    workbook.move_sheet(sheet, offset=2)
    for column in "ABCDEFGHIJKLMNOP":
        sheet.column_dimensions[column].width = 15
    header = [c.value for c in sheet[1]]
    row = rows_by_id(sheet)[first]
    cell = sheet.cell(row, header.index("整改时限") + 1)
    cell.value, cell.number_format = 46387, "General"  # 2026-12-31 as a serial number
    cell.font = Font(name="宋体", size=11)
    workbook.save(path)
    code, out, _ = import_tracker(archive, tmp_path, capsys, path)
    assert code == 0, out
    assert load_review(archive).findings[first].deadline == dt.date(2026, 12, 31)


def test_the_progress_workbook(archive, tmp_path, capsys):
    target = tmp_path / "进度.xlsx"
    code, out, _ = run(["review", "progress", "-o", str(target), "--archive", str(archive),
                        "--cache-dir", str(tmp_path / "cache")], capsys)
    assert code == 0
    sheet = load_workbook(target).active
    assert sheet.title == "进度通报" and sheet.cell(1, 1).value == "责任科室"
    assert {sheet.cell(r, 2).value for r in range(2, sheet.max_row + 1)} == {"陈晓波", "李明"}


# --- the site ---------------------------------------------------------------------


def test_the_site_shows_verdicts_waivers_overdue_and_the_progress_page(archive, tmp_path):
    from .test_build import build, pages

    view = view_of(archive, tmp_path / "cache")
    waived_id = next(view.finding_id(f) for f in view.findings if f.indicator == "Ⅲ-9")
    late_id = next(view.finding_id(f) for f in view.findings if f.indicator == "Ⅲ-2")
    review = Review(findings={
        waived_id: Remediation(waived_id, waiver=Waiver("并入<b>Ⅲ-2</b>报送", "王审核", TODAY)),
        late_id: Remediation(late_id, person="张三", deadline=dt.date(2020, 1, 31), progress="整改中"),
    })
    review.requirements[("Ⅲ-5", "1", "2")] = RequirementReview("Ⅲ-5", "1", "2", Verdict("退回", "王审核", TODAY, "照片不足"))
    save_review(archive, review)
    build(archive, tmp_path)
    site = pages(tmp_path / "site")
    assert "已豁免（原为未达标）" in site["indicators/iii-9.html"]
    assert "并入&lt;b&gt;Ⅲ-2&lt;/b&gt;报送" in site["indicators/iii-9.html"]  # escaped
    assert re.search(r"binder-status--compliant\">达标", site["indicators/iii-9.html"])
    assert "binder-verdict--returned" in site["indicators/iii-5.html"] and "照片不足" in site["indicators/iii-5.html"]
    assert "binder-remediation--overdue" in site["indicators/iii-2.html"] and "已逾期" in site["indicators/iii-2.html"]
    progress = site["progress.html"]
    assert "整改进度通报" in progress and "张三" in progress and "downloads/" in progress
    assert (tmp_path / "site" / "downloads" / "整改进度通报.xlsx").stat().st_size > 1000


# --- year over year ---------------------------------------------------------------


def test_the_comparison_says_which_remediations_closed_and_which_reopened():
    from generator.comparison import compare_remediations

    before = Review(findings={
        "open-then-done": Remediation("open-then-done", progress="整改中"),
        "open-then-gone": Remediation("open-then-gone", where="Ⅲ-2 1）", progress="未开始"),
        "done-then-back": Remediation("done-then-back", progress="已完成"),
        "waived-still": Remediation("waived-still", waiver=Waiver("接受")),
        "open-still": Remediation("open-still", progress="整改中"),
    })
    now = Review(findings={
        "open-then-done": Remediation("open-then-done", progress="已完成"),
        "done-then-back": Remediation("done-then-back", progress="整改中"),
        "waived-still": Remediation("waived-still", waiver=Waiver("接受")),
        "open-still": Remediation("open-still", progress="整改中"),
    })
    current = {"open-then-done", "done-then-back", "waived-still", "open-still"}
    changes = compare_remediations(before, now, current)
    assert [r.id for r in changes.closed] == ["open-then-done", "open-then-gone"]
    assert [r.id for r in changes.reopened] == ["done-then-back"]
    # a finding marked done that no longer occurs stays closed; one back without a record is reopened
    changes = compare_remediations(Review(findings={"x": Remediation("x", progress="已完成")}), Review(), {"x"})
    assert [r.id for r in changes.reopened] == ["x"]


def test_a_snapshot_carries_the_review_file_and_check_since_compares_it(archive, tmp_path, capsys):
    view = view_of(archive, tmp_path / "cache")
    first, second = (view.finding_id(f) for f in view.findings[:2])
    save_review(archive, Review(findings={first: Remediation(first, progress="整改中", where="Ⅲ-2 1） ①"),
                                          second: Remediation(second, progress="已完成")}))
    snapshots = tmp_path / "snapshots"
    code, out, err = run(["snapshot", "--year", "2025", "--archive", str(archive), "--out", str(snapshots),
                          "--cache-dir", str(tmp_path / "cache")], capsys)
    assert code == 0, err
    assert (snapshots / "2025" / "data" / "archive" / "review.yml").is_file()
    save_review(archive, Review(findings={first: Remediation(first, progress="已完成"),
                                          second: Remediation(second, progress="整改中")}))
    code, out, err = run(["check", "--archive", str(archive), "--cache-dir", str(tmp_path / "cache"),
                          "--since", str(snapshots / "2025")], capsys)
    assert code == 0, err
    assert "整改记录：已关闭 1 条，重新打开 1 条。" in out
    from generator.plugin.commands import build_site

    from .test_build import CONFIG, pages
    build_site(CONFIG, archive=archive, site_dir=tmp_path / "site", cache_dir=tmp_path / "cache", jobs=1,
               snapshots_dir=snapshots)
    improve = pages(tmp_path / "site")["improve.html"]
    assert re.search(r'已关闭 <strong data-count="closed">1</strong> 条，重新打开 <strong data-count="reopened">1</strong>', improve)


# --- bad input ----------------------------------------------------------------------


def test_a_broken_review_file_is_one_line_the_build_goes_on_and_import_refuses(archive, tmp_path, capsys):
    (archive / "review.yml").write_text("findings: [\n  - id: a\n", encoding="utf-8")
    code, out, err = run(["check", "--archive", str(archive), "--cache-dir", str(tmp_path / "cache")], capsys)
    assert code == 0 and "review.yml" in err and "Traceback" not in err and "Ⅲ-2" in out
    path = export_tracker(archive, tmp_path, capsys)
    code, out, err = import_tracker(archive, tmp_path, capsys, path)
    assert code == 2 and "review.yml" in err and "Traceback" not in err
    assert (archive / "review.yml").read_text(encoding="utf-8") == "findings: [\n  - id: a\n"  # not written over


def test_a_file_that_is_no_workbook_is_refused_in_chinese(archive, tmp_path, capsys):
    fake = tmp_path / "整改清单.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a workbook")
    code, out, err = import_tracker(archive, tmp_path, capsys, fake)
    assert code == 2 and "无法读取表格" in err and "Traceback" not in err
    assert not (archive / "review.yml").exists()


def test_a_review_file_as_a_link_is_refused(archive, tmp_path):
    from generator.review import ReviewError

    (tmp_path / "elsewhere.yml").write_text("findings: []\n", encoding="utf-8")
    (archive / "review.yml").symlink_to(tmp_path / "elsewhere.yml")
    with pytest.raises(ReviewError):
        load_review(archive)


def test_the_id_column_says_it_is_not_to_be_edited(tmp_path):
    from generator.outputs.tracker import ID_COLUMN

    archive = tmp_path / "archive"
    (archive / "Ⅲ-2 学习/1 示范/① 制度").mkdir(parents=True)
    from .conftest import one_requirement_criteria

    (archive / "criteria.yml").write_text(one_requirement_criteria(), encoding="utf-8")
    workbook = load_workbook(io.BytesIO(export.to_xlsx(build_view(assemble(archive, tmp_path / "cache", jobs=1)))))
    notes = [cell.comment.text for sheet in workbook.worksheets if not sheet.sheet_state == "hidden"
             for cell in sheet[1] if cell.value == ID_COLUMN and cell.comment]
    assert notes and all("请勿修改" in note for note in notes)
