"""The core pipeline, free of MkDocs: framework + archive -> scan -> inspect -> check.

`assemble()` is what both the MkDocs plugin and the command line call; rendering
the result into pages is `render.render_site()`.
"""

from __future__ import annotations

import dataclasses

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .framework import Framework, Indicator, Requirement, Standard, load_framework
from .archive.inspection import Inspection, inspect_files
from .archive.inspectors import kind_of
from .archive.inspectors.model import Inspected
from .rules import Finding, Status, check
from .rules.roles import placed_for_document
from .archive.scan import ArchiveFile, Scan, scan_archive

log = logging.getLogger(__name__)


@dataclass
class Binder:
    """Everything known about one archive: its framework, files, what they are and what is wrong."""

    archive_dir: Path
    framework: Framework
    scan: Scan
    inspection: Inspection
    findings: list[Finding]

    def inspected(self, file: ArchiveFile) -> Inspected | None:
        return self.inspection.results.get(file.rel_path)

    @cached_property
    def document_images(self) -> set[str]:
        """The images standing for documents: placed where only documents are asked, and
        looking like a page (a 正式发文 scanned to JPEG, not a photo of the meeting)."""
        return {key for key in document_places(self.framework, self.scan)
                if getattr(self.inspection.results.get(key), "looks_like_page", False)}

    def findings_at(self, indicator: Indicator, standard: Standard | None = None,
                    requirement: Requirement | None = None) -> list[Finding]:
        return [
            f for f in self._findings_by_indicator.get(indicator.code, ())
            if f.concerns(indicator.code, _key(standard), _key(requirement))
        ]

    @cached_property
    def _findings_by_indicator(self) -> dict[str, list[Finding]]:
        """Findings indexed once by indicator: every page, tally and status asks for a part of
        them, and scanning all of them each time made 5,000 files cost seconds."""
        index: dict[str, list[Finding]] = {}
        for finding in self.findings:
            if finding.indicator:
                index.setdefault(finding.indicator, []).append(finding)
        return index

    def add_findings(self, findings: list[Finding]) -> None:
        """Findings made after the checks (a file gone or changed while the site is built)."""
        self.findings.extend(findings)
        for index in ("_findings_by_file", "_findings_by_indicator"):
            self.__dict__.pop(index, None)

    def findings_of_file(self, file: ArchiveFile) -> list[Finding]:
        return self._findings_by_file.get(file.rel_path, [])

    @cached_property
    def _findings_by_file(self) -> dict[str, list[Finding]]:
        """Findings indexed once: every file's page entry asks for its own."""
        index: dict[str, list[Finding]] = {}
        for finding in self.findings:
            if finding.file:
                index.setdefault(finding.file, []).append(finding)
        return index

    def status(self, indicator: Indicator, standard: Standard | None = None,
               requirement: Requirement | None = None) -> Status:
        return Status.of(self.findings_at(indicator, standard, requirement))

    def files_of(self, indicator: Indicator, standard: Standard, requirement: Requirement) -> list[ArchiveFile]:
        return self.scan.files_of(indicator.code, _key(standard), _key(requirement))


def _key(level: Standard | Requirement | None) -> str | None:
    """The scan's name for a level: its code, '' when unnumbered, None when not given."""
    return None if level is None else (level.code or "")


def document_places(framework: Framework, scan: Scan) -> set[str]:
    """The images placed where only documents are asked: the inspection reads those that look
    like a page as scans (a 正式发文 scanned to JPEG), so their facts are checked like a PDF
    scan's."""
    return {file.rel_path
            for indicator, standard, requirement in framework.walk()
            for file in scan.files_of(indicator.code, standard.code or "", requirement.code or "")
            if file.hazard is None and placed_for_document(file, requirement) and kind_of(file.abs_path) == "photo"}


def assemble(archive_dir: Path, cache_dir: Path, *, jobs: int | None = None,
             progress: Callable[[int, int], None] | None = None, ocr: bool = True,
             on_scanned: Callable[[Scan], None] | None = None) -> Binder:
    """Read, scan, inspect and check an archive. Raises FrameworkError for a broken criteria.yml.
    ocr=False (--no-ocr) reads no scan's text: its facts stay unknown. `on_scanned` gets the
    scan before the inspection starts (work that needs only the list of files, such as
    copying the originals, then runs beside the inspection)."""
    framework = load_framework(archive_dir)
    scan = scan_archive(archive_dir, framework)
    if on_scanned is not None:
        on_scanned(scan)
    limits = framework.inspection_limits()
    if not ocr:
        limits = dataclasses.replace(limits, ocr_pages=0)
    inspection = inspect_files(
        ((f.abs_path, f.rel_path) for f in scan.materials), cache_dir, jobs=jobs, progress=progress,
        limits=limits, documents=document_places(framework, scan),
    )
    findings = check(framework, scan, inspection.results)
    log.info(
        "测评内容 %d 项，档案文件 %d 个（新检查 %d 个，取自缓存 %d 个），问题 %d 条",
        len(framework.indicators), len(scan.files), sum(inspection.decoded.values()),
        inspection.from_cache, len(findings),
    )
    return Binder(archive_dir, framework, scan, inspection, findings)
