"""What reviewers decided about the archive: the review file (review.yml) beside criteria.yml.

Per requirement and per file a verdict (通过 / 退回 / 待审) with reviewer, date and comment;
per finding a remediation (责任科室, 责任人, 整改时限, 完成情况, 复核意见) and, where a
reviewer accepts a deviation, a waiver with its reason.

The file's shape (keys English like criteria.yml's, values Chinese; one block per item,
blocks sorted, so that a diff shows one decision per hunk):

    version: 1
    requirements:            # keyed by codes: they survive renames and re-imports
      - indicator: Ⅲ-2
        standard: '1'        # '' for an unnumbered standard or requirement
        requirement: '4'
        verdict: 退回        # 通过 / 退回 / 待审
        reviewer: 王审核
        date: 2026-11-30
        comment: 缺第3、4次会议材料
    files:                   # keyed by path relative to the archive, + sha256 to follow a rename
      - path: Ⅲ-2 健全完善学习制度/1 中心组学习示范带动/① 学习制度规范文件/01-中心组学习制度.pdf
        sha256: 3b5d…
        verdict: 通过
        reviewer: 王审核
        date: 2026-11-30
    findings:                # keyed by the finding's stable id (finding_ids.finding_id)
      - id: 1f0c9a7e5d3b2a41
        where: Ⅲ-2 1） ④     # for the reader only: rewritten on every save
        problem: 照片 0.2 MB…  # for the reader only
        department: 人教科
        person: 陈晓波
        deadline: 2026-12-31
        progress: 整改中     # 未开始 / 整改中 / 已完成
        check: 复核意见
        waiver: {reason: 照片 1.4 MB，清晰可用，予以接受, reviewer: 王审核, date: 2026-11-30}

Loading never drops what it cannot understand: an unknown verdict or a bad date is kept as
written and reported (Chinese) in `Review.problems`. No import of the view: the view
matches these items against the checked archive (view.py).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .guarded_yaml import YAMLRefused, load as load_guarded, not_regular_reason, read_regular_file

REVIEW_FILE = "review.yml"
VERSION = 1

PASSED, RETURNED, PENDING = "通过", "退回", "待审"
VERDICTS = (PASSED, RETURNED, PENDING)
NOT_STARTED, IN_PROGRESS, DONE = "未开始", "整改中", "已完成"
PROGRESS = (NOT_STARTED, IN_PROGRESS, DONE)


class ReviewError(Exception):
    """The review file cannot be read or written; the message is for the user (Chinese)."""


@dataclass(frozen=True)
class Verdict:
    verdict: str = PENDING
    reviewer: str = ""
    date: dt.date | str | None = None
    """A date; a string when what was written is no date (kept, and reported)."""
    comment: str = ""

    @property
    def returned(self) -> bool:
        return self.verdict == RETURNED

    @property
    def passed(self) -> bool:
        return self.verdict == PASSED


@dataclass(frozen=True)
class RequirementReview:
    indicator: str
    standard: str
    requirement: str
    verdict: Verdict

    @property
    def key(self) -> tuple[str, str, str]:
        return self.indicator, self.standard, self.requirement


@dataclass(frozen=True)
class FileReview:
    path: str
    sha256: str
    verdict: Verdict


@dataclass(frozen=True)
class Waiver:
    reason: str
    reviewer: str = ""
    date: dt.date | str | None = None


@dataclass(frozen=True)
class Remediation:
    """What is to be done about one finding, by whom and by when."""

    id: str
    where: str = ""
    problem: str = ""
    department: str = ""
    person: str = ""
    deadline: dt.date | str | None = None
    progress: str = ""
    check: str = ""
    """复核意见: the reviewer's word on the remediation."""
    waiver: Waiver | None = None

    @property
    def done(self) -> bool:
        return self.progress == DONE

    def overdue(self, today: dt.date) -> bool:
        """The deadline passed and the work is not done (a waived finding is never overdue)."""
        return (isinstance(self.deadline, dt.date) and self.deadline < today and not self.done
                and self.waiver is None)

    def days_left(self, today: dt.date) -> int | None:
        return (self.deadline - today).days if isinstance(self.deadline, dt.date) else None

    @property
    def empty(self) -> bool:
        """Nothing decided: not worth a block in the file."""
        return not (self.department or self.person or self.deadline or self.progress or self.check
                    or self.waiver)


@dataclass
class Review:
    requirements: dict[tuple[str, str, str], RequirementReview] = field(default_factory=dict)
    files: dict[str, FileReview] = field(default_factory=dict)
    findings: dict[str, Remediation] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    """What could not be understood while loading (Chinese), kept as written."""

    def remediation(self, finding_id: str) -> Remediation | None:
        return self.findings.get(finding_id)

    def with_remediation(self, remediation: Remediation) -> None:
        if remediation.empty:
            self.findings.pop(remediation.id, None)
        else:
            self.findings[remediation.id] = remediation

    def __bool__(self) -> bool:
        return bool(self.requirements or self.files or self.findings)


# --- values -----------------------------------------------------------------------

_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(value) -> dt.date | str | None:
    """A date from YAML or a spreadsheet cell (date, datetime, '2026-12-31', '2026/12/31',
    '2026年12月31日'); None when empty; the text itself when it is no date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _DATE.match(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return text
    return text or None


def date_text(value: dt.date | str | None) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


# --- loading ----------------------------------------------------------------------


def review_path(archive_dir: Path) -> Path:
    return archive_dir / REVIEW_FILE


def load_review(archive_dir: Path) -> Review:
    """The archive's review file; an empty review when there is none. ReviewError (Chinese)
    when it is no regular file or no YAML the guarded loader accepts."""
    path = review_path(archive_dir)
    if not path.exists() and not path.is_symlink():
        return Review()
    reason = not_regular_reason(path)
    if reason is not None:
        raise ReviewError(f"审核记录 {REVIEW_FILE}：{reason}")
    try:
        data = load_guarded(read_regular_file(path))
    except YAMLRefused as error:
        where = f" 第 {error.line} 行" if error.line else ""
        raise ReviewError(f"审核记录 {REVIEW_FILE}{where}：{error.message}") from None
    return read_review(data)


def read_review(data) -> Review:
    review = Review()
    if data is None:
        return review
    if not isinstance(data, dict):
        raise ReviewError(f"审核记录 {REVIEW_FILE} 的内容应为 requirements、files、findings 三部分")
    for number, item in _blocks(data, "requirements", review):
        verdict = _verdict(item, f"第 {number} 条材料要求审核", review)
        entry = RequirementReview(_text(item.get("indicator")), _text(item.get("standard")),
                                  _text(item.get("requirement")), verdict)
        if not entry.indicator:
            review.problems.append(f"审核记录第 {number} 条材料要求审核缺少 indicator（测评内容编号），未能对应")
        review.requirements[entry.key] = entry
    for number, item in _blocks(data, "files", review):
        path = _text(item.get("path"))
        if not path:
            review.problems.append(f"审核记录第 {number} 条文件审核缺少 path（文件路径），未能对应")
            continue
        review.files[path] = FileReview(path, _text(item.get("sha256")),
                                        _verdict(item, f"文件审核“{path}”", review))
    for number, item in _blocks(data, "findings", review):
        remediation = _remediation(item, number, review)
        if remediation is not None:
            review.findings[remediation.id] = remediation
    return review


def _blocks(data: dict, name: str, review: Review):
    items = data.get(name) or []
    if not isinstance(items, list):
        review.problems.append(f"审核记录的 {name} 应为列表，未能读取")
        return
    for number, item in enumerate(items, 1):
        if isinstance(item, dict):
            yield number, item
        else:
            review.problems.append(f"审核记录 {name} 第 {number} 条不是一组字段，未能读取：{_text(item)[:60]}")


def _verdict(item: dict, where: str, review: Review) -> Verdict:
    verdict = _text(item.get("verdict")) or PENDING
    if verdict not in VERDICTS:
        review.problems.append(f"{where}的审核结论“{verdict}”不是 通过、退回、待审 之一，按待审显示")
    date = parse_date(item.get("date"))
    if isinstance(date, str):
        review.problems.append(f"{where}的审核日期“{date}”不是日期")
    return Verdict(verdict, _text(item.get("reviewer")), date, _text(item.get("comment")))


def _remediation(item: dict, number: int, review: Review) -> Remediation | None:
    finding_id = _text(item.get("id"))
    if not finding_id:
        review.problems.append(f"审核记录第 {number} 条整改记录缺少 id，未能对应到问题")
        return None
    deadline = parse_date(item.get("deadline"))
    if isinstance(deadline, str):
        review.problems.append(f"整改记录 {finding_id} 的整改时限“{deadline}”不是日期")
    progress = _text(item.get("progress"))
    if progress and progress not in PROGRESS:
        review.problems.append(f"整改记录 {finding_id} 的完成情况“{progress}”不是 未开始、整改中、已完成 之一")
    waiver = None
    raw = item.get("waiver")
    if isinstance(raw, dict) and _text(raw.get("reason")):
        waiver = Waiver(_text(raw.get("reason")), _text(raw.get("reviewer")), parse_date(raw.get("date")))
    elif isinstance(raw, str) and raw.strip():
        waiver = Waiver(raw.strip())
    elif raw not in (None, "", {}):
        review.problems.append(f"整改记录 {finding_id} 的豁免缺少理由（reason），不予豁免")
    return Remediation(
        id=finding_id, where=_text(item.get("where")), problem=_text(item.get("problem")),
        department=_text(item.get("department")), person=_text(item.get("person")), deadline=deadline,
        progress=progress, check=_text(item.get("check")), waiver=waiver,
    )


# --- saving -----------------------------------------------------------------------

_HEADER = """\
# 审核记录（review.yml）：审核人对材料要求、文件的审核结论，以及每条问题的整改安排。
# 由 binder review import 从整改清单（xlsx）合并写入，也可以直接编辑。
# verdict 审核结论：通过 / 退回 / 待审；progress 完成情况：未开始 / 整改中 / 已完成；
# waiver 豁免：写明理由（reason）后，该问题不再计入未达标，但仍显示为“已豁免”。
# findings 的 where、problem 只供阅读，每次写入时更新；按 id 对应问题。
"""


def dump_review(review: Review) -> str:
    """The review file's text: sorted blocks, one item each, a blank line between them."""
    parts = [_HEADER, _dump({"version": VERSION})]
    sections = (
        ("requirements", [_requirement_block(r) for _, r in sorted(review.requirements.items())]),
        ("files", [_file_block(f) for _, f in sorted(review.files.items())]),
        ("findings", [_finding_block(f) for _, f in sorted(review.findings.items())]),
    )
    for name, blocks in sections:
        if not blocks:
            parts.append(f"{name}: []\n")
            continue
        parts.append(f"{name}:\n" + "\n".join(_dump([block]) for block in blocks))
    return "\n".join(parts)


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000)


def _verdict_fields(verdict: Verdict) -> dict:
    fields = {"verdict": verdict.verdict, "reviewer": verdict.reviewer, "date": _yaml_date(verdict.date),
              "comment": verdict.comment}
    return {k: v for k, v in fields.items() if v not in ("", None)}


def _yaml_date(value):
    return value if isinstance(value, dt.date) or value is None else str(value)


def _requirement_block(entry: RequirementReview) -> dict:
    return {"indicator": entry.indicator, "standard": entry.standard, "requirement": entry.requirement,
            **_verdict_fields(entry.verdict)}


def _file_block(entry: FileReview) -> dict:
    block = {"path": entry.path}
    if entry.sha256:
        block["sha256"] = entry.sha256
    return {**block, **_verdict_fields(entry.verdict)}


def _finding_block(entry: Remediation) -> dict:
    block = {"id": entry.id, "where": entry.where, "problem": entry.problem, "department": entry.department,
             "person": entry.person, "deadline": _yaml_date(entry.deadline), "progress": entry.progress,
             "check": entry.check}
    block = {k: v for k, v in block.items() if v not in ("", None)}
    if entry.waiver is not None:
        waiver = {"reason": entry.waiver.reason, "reviewer": entry.waiver.reviewer,
                  "date": _yaml_date(entry.waiver.date)}
        block["waiver"] = {k: v for k, v in waiver.items() if v not in ("", None)}
    return block


def save_review(archive_dir: Path, review: Review) -> Path:
    """Write the review file atomically (a reader sees the old file or the new one, never
    half of one). ReviewError (Chinese) when it cannot be written."""
    path = review_path(archive_dir)
    text = dump_review(review)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".review-", suffix=".part", dir=archive_dir)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise ReviewError(f"审核记录未能写入 {path}：{error.strerror or error}") from None
    return path


def described(remediation: Remediation, where: str, problem: str) -> Remediation:
    """The remediation with its reader's fields brought up to date."""
    return replace(remediation, where=where, problem=problem)
