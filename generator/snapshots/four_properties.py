"""The yearly 四性检测 (DA/T 70-2018) of a snapshot: 真实性, 完整性, 可用性, 安全性.

Chinese archives check electronic records for these four properties when they are filed,
handed over and kept. A snapshot carries the check as a report (html, xlsx, json) in its
tag folder 四性检测/; `binder verify SNAPSHOT --report` makes it again for the bag as it is.

`gather` does the I/O (fixity of the bag, formats by PRONOM, the bag's framework and
findings) into `BagFacts`; the checks are pure functions over those facts, one
`CheckResult` each; `write_report` writes the report's files.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from . import bag, pronom
from .. import content_types
from ..framework.params import Params

AUTHENTICITY = "真实性"
INTEGRITY = "完整性"
USABILITY = "可用性"
SAFETY = "安全性"
PROPERTIES = (AUTHENTICITY, INTEGRITY, USABILITY, SAFETY)
PASSED, FAILED = "通过", "不通过"
REPORT_NAME = "四性检测报告"
ARCHIVE_PREFIX = f"{bag.PAYLOAD_DIR}/archive/"
ARCHIVE_NOTES = ("criteria.yml", "README.md")
"""Files at the archive's root that describe the archive rather than evidence it."""

_SEQUENCE = re.compile(r"^\s*(\d{2,3})(?:[\s\-－_:：.．、]|(?=\D))")
_OPEN_FAILURES = {f"file.{code}" for code in ("corrupt", "empty", "encrypted", "truncated", "unreadable",
                                               "unsupported")}
"""The inspections' findings of a file that does not open (generator/inspectors Problem codes)."""


@dataclass(frozen=True)
class RequirementCount:
    label: str
    """'Ⅲ-2 1）④'."""
    materials: int


@dataclass(frozen=True)
class BagFacts:
    """What the checks need to know of one bag, gathered once."""

    name: str
    check: bag.BagCheck
    info: dict[str, str]
    archive_files: list[str]
    """Evidence files of data/archive/ (bag-relative, as os gives them)."""
    formats: dict[str, pronom.Identified]
    framework_title: str = ""
    framework_unit: str = ""
    framework_indicators: int | None = None
    framework_period: tuple[date, date] | None = None
    framework_error: str = ""
    requirements: list[RequirementCount] = field(default_factory=list)
    findings: list[dict] | None = None
    findings_error: str = ""
    long_term_formats: tuple[str, ...] = Params().long_term_formats


@dataclass(frozen=True)
class CheckResult:
    """One line of the report."""

    property: str
    name: str
    passed: bool
    files: tuple[str, ...] = ()
    """The files concerned (as shown), or the items concerned where it is no file."""
    note: str = ""

    @property
    def verdict(self) -> str:
        return PASSED if self.passed else FAILED


@dataclass(frozen=True)
class Report:
    bag_name: str
    unit: str
    year: str
    checked_on: str
    results: tuple[CheckResult, ...]

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    def of(self, prop: str) -> list[CheckResult]:
        return [r for r in self.results if r.property == prop]

    def failed(self, prop: str) -> list[CheckResult]:
        return [r for r in self.of(prop) if not r.passed]


# --- gathering (I/O) -----------------------------------------------------------------


def gather(bag_dir: Path, *, workers: int | None = None, progress: Callable[[int, int], None] | None = None,
           budget: float | None = None, known: bag.Digests | None = None, name: str | None = None) -> BagFacts:
    """The facts of the bag at `bag_dir`: its full fixity, the formats of its archive's
    files, its framework and findings. Reads, never writes. `known`: the digests of the
    payload just computed from these very files (when the bag is being made), not read again;
    `name`: the snapshot's name when the bag is still being made under a temporary one."""
    from ..framework import FrameworkError, framework_from_folders, load_framework_file
    from ..archive.scan import scan_archive

    check = bag.check_bag(bag_dir, workers=workers, progress=progress, known=known)
    try:
        info = bag.read_info(bag_dir)
    except bag.BagReadError:
        info = {}
    archive_dir = bag_dir / bag.PAYLOAD_DIR / "archive"
    files, _ = bag.regular_files(archive_dir) if archive_dir.is_dir() else ([], [])
    evidence = [f"{ARCHIVE_PREFIX}{rel}" for rel in files if not _is_note(rel)]
    formats = pronom.identify([str(bag_dir / rel) for rel in evidence], budget, jobs=workers or 1)
    facts: dict = {"formats": {rel: formats[str(bag_dir / rel)] for rel in evidence}}
    framework_file = next((p for p in (bag_dir / bag.PAYLOAD_DIR / "criteria.yml", archive_dir / "criteria.yml")
                           if p.is_file() and not p.is_symlink()), None)
    try:
        framework = load_framework_file(framework_file) if framework_file else framework_from_folders(archive_dir)
    except (FrameworkError, OSError) as error:
        facts["framework_error"] = str(error)
    else:
        scan = scan_archive(archive_dir, framework)
        facts.update(
            framework_title=framework.title or "", framework_unit=framework.unit or "",
            framework_indicators=len(framework.indicators), framework_period=framework.period,
            requirements=[RequirementCount(_label(i, s, r), _materials(scan, i, s, r)) for i, s, r in framework.walk()],
            long_term_formats=framework.params_for().long_term_formats,
        )
    facts.update(_findings_of(bag_dir / bag.PAYLOAD_DIR / "findings.json"))
    return BagFacts(name=name or bag_dir.name, check=check, info=info, archive_files=evidence, **facts)


def _materials(scan, indicator, standard, requirement) -> int:
    """Files placed at a requirement, as the rules count them: an unnumbered level is '', a link is no material."""
    placed = scan.files_of(indicator.code, standard.code or "", requirement.code or "")
    return sum(f.hazard is None for f in placed)


def _is_note(rel: str) -> bool:
    return rel in ARCHIVE_NOTES or rel.startswith("criteria.yml.bak-")


def _label(indicator, standard, requirement) -> str:
    parts = [indicator.code]
    if standard.code:
        parts.append(f"{standard.code}）")
    if requirement.code:
        parts.append(requirement.label)
    return " ".join(parts)


def _findings_of(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        findings = data["findings"]
        if not isinstance(findings, list):
            raise TypeError
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return {"findings_error": "存档中的问题清单 data/findings.json 无法读取"}
    return {"findings": [f for f in findings if isinstance(f, dict)]}


# --- the checks (pure) ---------------------------------------------------------------


def check(facts: BagFacts, today: date | None = None) -> Report:
    """The report: every check, in the order of the four properties."""
    results = [
        *[fixity_by(facts, alg) for alg in ("sha256", "sm3")],
        tag_fixity(facts),
        format_identification(facts),
        metadata_agrees(facts),
        nothing_missing(facts),
        nothing_added(facts),
        bag_structure(facts),
        requirements_have_materials(facts),
        sequences_continuous(facts),
        files_open(facts),
        long_term_formats(facts),
        no_active_content(facts),
        no_links(facts),
        no_links_in_the_archive(facts),
        nothing_outside(facts),
    ]
    return Report(bag_name=facts.name, unit=facts.info.get("Source-Organization", ""),
                  year=facts.info.get("Binder-Year", ""), checked_on=(today or date.today()).isoformat(),
                  results=tuple(results))


def _shown(paths) -> tuple[str, ...]:
    return tuple(bag.shown_path(p) for p in paths)


def fixity_by(facts: BagFacts, algorithm: str) -> CheckResult:
    """真实性: every payload file matches the checksum one manifest records."""
    label = bag.ALGORITHM_LABELS.get(algorithm, algorithm)
    manifest = bag.manifest_name(algorithm)
    name = f"固定性：{label} 校验值一致（{manifest}）"
    if algorithm not in facts.check.algorithms:
        return CheckResult(AUTHENTICITY, name, False, note=f"存档包中没有 {manifest}")
    changed = [m.path for m in facts.check.changed if manifest in m.manifests]
    return CheckResult(AUTHENTICITY, name, not changed, _shown(changed),
                       f"{facts.check.checked} 个文件逐一核对" if not changed else "文件内容与清单记录不符")


def tag_fixity(facts: BagFacts) -> CheckResult:
    """真实性: bag-info, the manifests and the report itself are as they were written."""
    changed = [m.path for m in facts.check.tag_changed] + facts.check.tag_missing
    note = ""
    edited = {m.path for m in facts.check.tag_changed}
    hidden = [m.path for m in facts.check.changed if set(m.agreeing) & edited]
    if hidden:
        note = f"清单被改过以掩盖文件改动：{'、'.join(_shown(hidden))}"
    elif changed:
        note = "标签文件与标签清单（tagmanifest）记录的校验值不符或缺失"
    return CheckResult(AUTHENTICITY, "存档信息和清单未被改动（tagmanifest 核对）", not changed,
                       _shown(changed), note)


def format_identification(facts: BagFacts) -> CheckResult:
    """真实性: each file's format identified by PRONOM signature and matching its extension."""
    contradicting, unknown, failed = [], [], set()
    for rel in facts.archive_files:
        found = facts.formats.get(rel, pronom.Identified())
        if found.error:
            failed.add(found.error)
        match = pronom.extension_matches(rel, found)
        if match is False:
            contradicting.append(f"{bag.shown_path(rel)}（实为 {found.format_name}，{found.puid}）")
        elif not found.identified:
            unknown.append(bag.shown_path(rel))
    notes = []
    if unknown:
        notes.append(f"{len(unknown)} 个文件无 PRONOM 特征可识别（如纯文本）：{'、'.join(unknown[:20])}")
    notes += sorted(failed)
    identified = len(facts.archive_files) - len(unknown)
    notes.insert(0, f"{identified} 个文件按 PRONOM 格式特征识别")
    return CheckResult(AUTHENTICITY, "文件格式（PRONOM 识别）与扩展名一致", not contradicting and not failed,
                       tuple(contradicting), "；".join(notes))


def metadata_agrees(facts: BagFacts) -> CheckResult:
    """真实性: bag-info's unit, framework, period and date agree with the bag's content."""
    info, problems = facts.info, []
    unit, title, year, when = (info.get(k, "") for k in ("Source-Organization", "External-Description",
                                                          "Binder-Year", "Bagging-Date"))
    if facts.framework_error:
        problems.append(f"测评体系文件无法读取：{facts.framework_error}")
    else:
        if facts.framework_unit and unit != facts.framework_unit:
            problems.append(f"单位“{unit}”与测评体系文件的“{facts.framework_unit}”不一致")
        if title != facts.framework_title:
            problems.append(f"测评体系“{title}”与测评体系文件的“{facts.framework_title}”不一致")
        indicators = info.get("Binder-Indicators", "")
        if indicators and indicators != str(facts.framework_indicators):
            problems.append(f"测评内容数 {indicators} 与测评体系文件的 {facts.framework_indicators} 不一致")
    if not re.fullmatch(r"\d{4}", year):
        problems.append(f"存档年份“{year}”不是四位年份")
    elif re.fullmatch(r"\d{4}", facts.name) and facts.name != year:
        problems.append(f"存档年份 {year} 与存档文件夹名 {facts.name} 不一致")
    elif facts.framework_period and int(year) < facts.framework_period[0].year:
        problems.append(f"存档年份 {year} 早于测评周期开始（{facts.framework_period[0].isoformat()}）")
    try:
        bagged = date.fromisoformat(when)
    except ValueError:
        problems.append(f"存档日期“{when}”不是有效日期")
    else:
        if re.fullmatch(r"\d{4}", year) and bagged.year < int(year):
            problems.append(f"存档日期 {when} 早于存档年份 {year}")
    return CheckResult(AUTHENTICITY, "存档元数据（单位、测评体系、年份、日期）与内容一致", not problems,
                       tuple(problems), f"单位：{unit or '未填写'}；测评体系：{title or '未填写'}；年份：{year}；日期：{when}")


def nothing_missing(facts: BagFacts) -> CheckResult:
    """完整性: every file the manifests list is there."""
    missing = facts.check.missing
    return CheckResult(INTEGRITY, "清单所列文件无缺失", not missing, _shown(missing),
                       "清单中有而存档包中没有" if missing else f"{facts.check.checked} 个文件齐全")


def nothing_added(facts: BagFacts) -> CheckResult:
    """完整性: no file the manifests don't list (renamed files show here and as missing)."""
    added = facts.check.added
    return CheckResult(INTEGRITY, "无清单以外的文件", not added, _shown(added),
                       "存档包中有而清单中没有（新增或改名）" if added else "")


def bag_structure(facts: BagFacts) -> CheckResult:
    """完整性: the bag's own records (Payload-Oxum, the manifests among themselves)."""
    return CheckResult(INTEGRITY, "文件数、总大小和清单记录相符", not facts.check.problems,
                       tuple(facts.check.problems))


def requirements_have_materials(facts: BagFacts) -> CheckResult:
    """完整性: each requirement of the framework has materials in the archive."""
    if facts.framework_error:
        return CheckResult(INTEGRITY, "各项材料要求均有材料", False, note=f"测评体系文件无法读取：{facts.framework_error}")
    empty = [r.label for r in facts.requirements if r.materials == 0]
    total = sum(r.materials for r in facts.requirements)
    return CheckResult(INTEGRITY, "各项材料要求均有材料", not empty, tuple(empty),
                       f"{len(facts.requirements)} 项材料要求共 {total} 份材料"
                       + (f"，{len(empty)} 项没有材料" if empty else ""))


def sequences_continuous(facts: BagFacts) -> CheckResult:
    """完整性: sequence numbers in names (01-, 02-, …) have no gap within a folder."""
    numbers: dict[str, set[int]] = defaultdict(set)
    for rel in facts.archive_files:
        folder, _, name = bag.shown_path(rel).rpartition("/")
        match = _SEQUENCE.match(os.path.splitext(name)[0])
        if match:
            numbers[folder].add(int(match.group(1)))
    gaps = []
    for folder, found in sorted(numbers.items()):
        absent = [n for n in range(1, max(found) + 1) if n not in found]
        if absent:
            width = max(2, len(str(max(found))))
            shown = "、".join(str(n).zfill(width) for n in absent)
            gaps.append(f"{folder[len(ARCHIVE_PREFIX):] or '档案根目录'}：缺 {shown}")
    return CheckResult(INTEGRITY, "文件名序号连续", not gaps, tuple(gaps))


def files_open(facts: BagFacts) -> CheckResult:
    """可用性: every file opens, as the inspections at snapshot time found."""
    if facts.findings is None:
        return CheckResult(USABILITY, "文件均可正常打开", False, note=facts.findings_error)
    broken = [f"{f.get('file')}（{f.get('message')}）" for f in facts.findings
              if f.get("rule") in _OPEN_FAILURES]
    return CheckResult(USABILITY, "文件均可正常打开", not broken, tuple(broken), "依据存档时的文件检查结果")


def long_term_formats(facts: BagFacts) -> CheckResult:
    """可用性: formats fit for long-term keeping (params long_term_formats); the rest listed."""
    allowed = set(facts.long_term_formats)
    others = [bag.shown_path(rel) for rel in facts.archive_files
              if content_types.suffix_of(rel).lstrip(".") not in allowed]
    return CheckResult(USABILITY, "文件格式适合长期保存", not others, tuple(others),
                       f"长期保存格式：{'、'.join(f.upper() for f in facts.long_term_formats)}")


def no_active_content(facts: BagFacts) -> CheckResult:
    """安全性: no program, script, page or macro-enabled Office file in the payload."""
    found = [bag.shown_path(rel) for rel in facts.archive_files
             if content_types.is_runnable(rel) or content_types.suffix_of(rel) in content_types.MACRO_SUFFIXES]
    return CheckResult(SAFETY, "无可执行程序、脚本、网页或带宏文件", not found, tuple(found))


def no_links(facts: BagFacts) -> CheckResult:
    """安全性: no link (or special file) in the payload; none is ever read."""
    links = facts.check.links
    return CheckResult(SAFETY, "存档包中无链接或特殊文件", not links, _shown(links),
                       "链接不读取、不跟随" if links else "")


def no_links_in_the_archive(facts: BagFacts) -> CheckResult:
    """安全性: the archive the snapshot was taken of had no link (the scan's findings):
    a link is left out of the bag, its target never read, but it is a finding."""
    if facts.findings is None:
        return CheckResult(SAFETY, "档案中无链接（链接不存档）", False, note=facts.findings_error)
    links = [f"{f.get('file')}（{f.get('message')}）" for f in facts.findings
             if f.get("rule") in ("file.link", "file.special")]
    return CheckResult(SAFETY, "档案中无链接（链接不存档）", not links, tuple(links),
                       "依据存档时的检查结果；链接及其指向的文件未存入存档" if links else "")


def nothing_outside(facts: BagFacts) -> CheckResult:
    """安全性: the manifests name nothing outside the bag's payload."""
    outside = facts.check.outside
    return CheckResult(SAFETY, "清单不指向存档包以外的文件", not outside, _shown(outside))


# --- the report's files ----------------------------------------------------------------


def write_report(report: Report, folder: Path) -> list[Path]:
    """The report as a page, a workbook and json in `folder` (created); the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    html = folder / f"{REPORT_NAME}.html"
    html.write_text(to_html(report), encoding="utf-8")
    xlsx = folder / f"{REPORT_NAME}.xlsx"
    xlsx.write_bytes(to_xlsx(report))
    data = folder / f"{REPORT_NAME}.json"
    data.write_text(to_json(report), encoding="utf-8")
    return [html, xlsx, data]


def to_json(report: Report) -> str:
    document = asdict(report)
    for result, record in zip(report.results, document["results"]):
        record["verdict"] = result.verdict
    document["passed"] = report.passed
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_html(report: Report) -> str:
    import jinja2

    from .. import TEMPLATES_DIR

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("four_properties.html.j2").render(report=report, properties=PROPERTIES)


def to_xlsx(report: Report) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill

    def cell(text: str) -> str:
        # A file name may hold control characters, which a worksheet cell can't: shown as '?'.
        return ILLEGAL_CHARACTERS_RE.sub("?", text)

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "四性检测"
    sheet.append([cell(f"{report.unit} {report.year} 年存档 {report.bag_name} 四性检测（DA/T 70-2018），"
                       f"检测日期 {report.checked_on}")])
    sheet.append(["检测项目", "检测内容", "结果", "涉及文件", "说明"])
    for result in report.results:
        sheet.append([result.property, result.name, result.verdict, cell("\n".join(result.files)), cell(result.note)])
        if not result.passed:
            sheet.cell(sheet.max_row, 3).fill = PatternFill("solid", fgColor="FFCDD2")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for index, width in enumerate([10, 40, 10, 70, 50]):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def summary_text(report: Report) -> str:
    """One line for the terminal: each property and its verdict."""
    parts = []
    for prop in PROPERTIES:
        failed = report.failed(prop)
        parts.append(f"{prop}{PASSED}" if not failed else f"{prop}{FAILED}（{'；'.join(r.name for r in failed)}）")
    return "四性检测：" + "，".join(parts)


def read_summary(folder: Path) -> str | None:
    """The summary line of a report written to `folder` (a snapshot's 四性检测/), or None."""
    try:
        document = json.loads((folder / f"{REPORT_NAME}.json").read_text(encoding="utf-8"))
        results = tuple(CheckResult(r["property"], r["name"], r["passed"], tuple(r["files"]), r["note"])
                        for r in document["results"])
        report = Report(document["bag_name"], document["unit"], document["year"], document["checked_on"], results)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None
    return summary_text(report)
