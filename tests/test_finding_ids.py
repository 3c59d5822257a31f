"""Finding ids that survive a partial fix: the reviewers' remediation records stay attached
when the unit adds one photo of the three missing, and ids written before still find their
finding once."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from PIL import Image

from generator.binder import assemble
from generator.comparison import compare
from generator.outputs import tracker
from generator.review import Remediation, Review, Waiver, load_review, save_review
from generator.view import build_view

from .conftest import REPO, write_tree
from .test_review import CRITERIA, export_tracker, import_tracker, rows_by_id

TODAY = dt.date(2026, 12, 2)
PHOTOS = "Ⅲ-5 主题实践/1 活动/② 实景图片"
DEADLINE = dt.date(2026, 12, 31)


def jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(out, "JPEG", quality=90)
    return out.getvalue()


def view_of(archive: Path, cache: Path, review: Review | None = None):
    binder = assemble(archive, cache, jobs=1)
    return build_view(binder, review=review if review is not None else load_review(archive), today=TODAY)


def photo_count_finding(view):
    found = [f for f in view.findings if f.rule == "requirement.count" and f.indicator == "Ⅲ-5"]
    assert len(found) == 1, [f.message for f in view.findings]
    return found[0]


def legacy_id(finding) -> str:
    """The id as the code before subjects wrote it (a place finding: with its message)."""
    parts = [finding.rule, finding.indicator or "", finding.standard or "", finding.requirement or "",
             finding.file or "", finding.message]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@pytest.fixture
def one_photo(make_archive):
    """Three photos asked, one given: requirement.count '照片 1 张，要求 3 张'."""
    return make_archive({"criteria.yml": CRITERIA, "Ⅲ-5 主题实践/1 活动/① 方案/": "",
                         f"{PHOTOS}/01-2026年5月4日主题活动.jpg": jpeg((200, 40, 40))})


def add_a_photo(archive: Path) -> None:
    (archive / PHOTOS / "02-2026年5月4日主题活动.jpg").write_bytes(jpeg((40, 40, 200)))


REMEDIATION = dict(department="办公室", person="张三", deadline=DEADLINE, progress="整改中",
                   waiver=Waiver("补拍中，先予接受", "王审核", TODAY))


# --- a partial fix ----------------------------------------------------------------


def test_a_partly_fixed_count_keeps_its_id_and_its_remediation(one_photo, tmp_path):
    before = view_of(one_photo, tmp_path / "cache")
    finding = photo_count_finding(before)
    key = before.finding_id(finding)
    save_review(one_photo, Review(findings={key: Remediation(key, **REMEDIATION)}))
    add_a_photo(one_photo)
    after = view_of(one_photo, tmp_path / "cache")
    fixed_in_part = photo_count_finding(after)
    assert fixed_in_part.message != finding.message  # the count changed: 1 -> 2
    assert after.finding_id(fixed_in_part) == key
    remediation = after.remediation_of(fixed_in_part)
    assert remediation is not None and remediation.deadline == DEADLINE
    assert after.answerable(fixed_in_part).person == "张三" and after.waived(fixed_in_part)
    assert not any(key in note for note in after.review_notes)  # not listed as gone
    row = tracker.finding_row(after, 1, fixed_in_part)
    assert row[-1] == key and "张三" in row and "2026-12-31" in row and "补拍中，先予接受" in row


def test_the_comparison_calls_a_partly_fixed_count_still_open(one_photo, tmp_path):
    before = view_of(one_photo, tmp_path / "cache")
    add_a_photo(one_photo)
    after = view_of(one_photo, tmp_path / "cache")
    comparison = compare(after.records, before.records)
    still = [r for r in comparison.still_open if r["rule"] == "requirement.count"]
    assert len(still) == 1 and "2 张" in still[0]["message"]
    assert not [r for r in comparison.resolved + comparison.new if r["rule"] == "requirement.count"]


# --- ids written before this change -----------------------------------------------


def test_a_review_file_with_a_legacy_id_still_finds_its_finding_and_is_rewritten_under_the_new_id(
        one_photo, tmp_path, capsys):
    view = view_of(one_photo, tmp_path / "cache")
    finding = photo_count_finding(view)
    old, new = legacy_id(finding), view.finding_id(finding)
    assert old != new
    save_review(one_photo, Review(findings={old: Remediation(old, **REMEDIATION)}))
    view = view_of(one_photo, tmp_path / "cache")
    finding = photo_count_finding(view)
    assert view.remediation_of(finding).person == "张三" and view.waived(finding)
    assert not view.review_notes
    # The next write (a tracker import) stores the record under the new id.
    workbook = export_tracker(one_photo, tmp_path, capsys)
    from openpyxl import load_workbook
    book = load_workbook(workbook)
    sheet = book["问题清单"]
    header = [c.value for c in sheet[1]]
    other = next(f for f in view.findings if f is not finding)
    sheet.cell(rows_by_id(sheet)[view.finding_id(other)], header.index("复核意见") + 1).value = "已督促"
    book.save(workbook)
    code, out, err = import_tracker(one_photo, tmp_path, capsys, workbook)
    assert code == 0, err
    written = yaml.safe_load((one_photo / "review.yml").read_text(encoding="utf-8"))
    ids = {block["id"] for block in written["findings"]}
    assert new in ids and old not in ids
    again = view_of(one_photo, tmp_path / "cache")
    assert again.remediation_of(photo_count_finding(again)).person == "张三"


def test_a_snapshot_from_before_still_finds_its_findings_and_their_remediations(one_photo, tmp_path):
    view = view_of(one_photo, tmp_path / "cache")
    finding = photo_count_finding(view)
    old = legacy_id(finding)
    records = [{**r, "id": old} if r["id"] == view.finding_id(finding) else r for r in view.records]
    comparison = compare(view.records, {"findings": records})
    assert not comparison.resolved and not comparison.new and len(comparison.still_open) == len(records)
    snapshot = SimpleNamespace(unit="测试单位", year=2025, date="2025-06-01", path=tmp_path, label="2025")
    baseline = SimpleNamespace(snapshot=snapshot, findings={"findings": records}, error=None,
                               review=Review(findings={old: Remediation(old, progress="整改中")}))
    binder = assemble(one_photo, tmp_path / "cache", jobs=1)
    new = view.finding_id(finding)
    now = build_view(binder, baseline=baseline, today=TODAY,
                     review=Review(findings={new: Remediation(new, progress="整改中")}))
    assert now.since.remediations.closed == [] and now.since.remediations.reopened == []
    assert len(now.since.comparison.still_open) == len(records)


def test_a_legacy_record_is_matched_once_never_to_two_findings(make_archive, tmp_path):
    """Two copies of one photo in one folder: their findings shared one legacy id; the
    record goes to the first only."""
    archive = make_archive({"criteria.yml": CRITERIA, "Ⅲ-5 主题实践/1 活动/① 方案/": "",
                            f"{PHOTOS}/01-活动.jpg": jpeg((9, 9, 9)), f"{PHOTOS}/02-活动.jpg": jpeg((9, 9, 9))})
    view = view_of(archive, tmp_path / "cache")
    sized = [f for f in view.findings if f.rule == "photo.size"]
    assert len(sized) == 2 and view.finding_id(sized[0]) != view.finding_id(sized[1])
    shared = view.finding_id(sized[0])  # a file's finding without subject: its id did not change
    view = view_of(archive, tmp_path / "cache", Review(findings={shared: Remediation(shared, person="张三")}))
    sized = [f for f in view.findings if f.rule == "photo.size"]
    assert view.remediation_of(sized[0]).person == "张三" and view.remediation_of(sized[1]) is None
    assert view.legacy_ids().get(shared) == shared  # the old 编号 of both copies: to the first


def test_a_workbook_exported_before_imports_by_its_legacy_numbers(one_photo, tmp_path, capsys):
    workbook = export_tracker(one_photo, tmp_path, capsys)
    view = view_of(one_photo, tmp_path / "cache")
    finding = photo_count_finding(view)
    from openpyxl import load_workbook
    book = load_workbook(workbook)
    sheet = book["问题清单"]
    header = [c.value for c in sheet[1]]
    row = rows_by_id(sheet)[view.finding_id(finding)]
    sheet.cell(row, header.index("编号") + 1).value = legacy_id(finding)  # as the old code wrote it
    sheet.cell(row, header.index("责任人") + 1).value = "张三"
    book.save(workbook)
    code, out, err = import_tracker(one_photo, tmp_path, capsys, workbook)
    assert code == 0, err
    assert load_review(one_photo).findings[view.finding_id(finding)].person == "张三"


# --- unique ids -------------------------------------------------------------------

MEETINGS = """\
framework: 测试测评体系
unit: 测试单位
categories:
  - name: 思想道德建设
    indicators:
      - code: Ⅲ-2
        name: 健全完善学习制度
        standards:
          - code: 1
            text: 以党委中心组学习为示范带动
            score: 1
            requirements:
              - code: 1
                text: 提供会议材料及每次会议照片
                asks: [{kind: meeting, count: 4}, {kind: photo, count: 3, per: meeting},
                       {kind: photo, count: 3, per: meeting}, {kind: report}, {kind: table}]
"""


def odd_archive(make_archive) -> Path:
    """Meetings short of papers and photos, the same photo twice in one folder, an ask
    repeated, a kind missing, a link out, a name that is no UTF-8."""
    folder = "Ⅲ-2 健全完善学习制度/1 中心组学习/① 会议材料"
    same = jpeg((1, 2, 3))
    archive = make_archive({
        "criteria.yml": MEETINGS,
        f"{folder}/第一次会议/01-照片.jpg": same, f"{folder}/第一次会议/02-照片.jpg": same,
        f"{folder}/第二次会议/01-照片.jpg": jpeg((4, 5, 6)),
        f"{folder}/第二次会议/02-纪要.txt": "会议纪要",
        f"{folder}/活动照片一.jpg": same, f"{folder}/活动照片二.jpg": same,
        "未归类/说明.txt": "x",
    })
    (archive / folder / "链接.pdf").symlink_to(archive / "criteria.yml")
    os.mkdir(os.fsencode(archive / folder) + b"/" + "第三次会议".encode("gbk"))
    return archive


def assert_unique(view) -> None:
    ids = [view.finding_id(f) for f in view.findings]
    assert all(ids) and len(set(ids)) == len(ids), [
        (f.rule, f.file, f.subject) for f in view.findings if ids.count(view.finding_id(f)) > 1]
    assert [r["id"] for r in view.records] == ids


def test_ids_are_unique_on_an_odd_archive_and_deterministic(make_archive, tmp_path):
    archive = odd_archive(make_archive)
    first = view_of(archive, tmp_path / "cache", Review())
    assert_unique(first)
    again = view_of(archive, tmp_path / "cache2", Review())
    assert [r["id"] for r in again.records] == [r["id"] for r in first.records]


def test_ids_are_unique_on_the_example_archive(tmp_path):
    assert_unique(view_of(REPO / "archive", tmp_path / "cache", Review()))
