"""Stable finding ids: what review.yml, the tracker's 编号, snapshots and the city office's
year-over-year comparison key a finding by.

An id is the rule, the place (indicator, standard, requirement), the file (its content's
sha256 where it was read, else its path) and the finding's `subject` (rules/model.py): never
the message, which carries the measured value ('照片 3 张，要求 5 张'), so a finding the unit
fixed in part keeps its id and the reviewers' remediation record stays attached.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from .rules.model import Finding


def finding_id(finding: Finding, sha256: str | None = None, occurrence: int = 1) -> str:
    """The id of a finding; `occurrence` numbers findings that share everything else (two
    copies of one photo in one folder, two asks of one kind) in framework order, so the
    first keeps the plain id and a later one can't take it. For a file's finding without a
    subject this equals legacy_finding_id: those ids did not change."""
    parts = [finding.rule, finding.indicator or "", finding.standard or "", finding.requirement or "",
             sha256 or finding.file or "", finding.subject]
    if occurrence > 1:
        parts.append(f"#{occurrence}")
    return _digest(parts)


def finding_ids(findings: Iterable[Finding], sha256s: Iterable[str | None]) -> list[str]:
    """The ids of `findings` (in framework order, each with its file's sha256 or None), unique:
    findings that would share an id are numbered by occurrence (finding_id)."""
    seen: Counter[str] = Counter()
    ids = []
    for finding, sha256 in zip(findings, sha256s):
        plain = finding_id(finding, sha256)
        seen[plain] += 1
        ids.append(plain if seen[plain] == 1 else finding_id(finding, sha256, seen[plain]))
    return ids


def legacy_finding_id(finding: Finding, sha256: str | None = None) -> str:
    """The id before findings had a subject: the message stood in for it where no file's
    content did, so the id changed with every measured value. Kept only to find the
    remediation records of review files (and the 编号 of workbooks, the ids of snapshots)
    written before; they are stored under the new id when next written. Can go once no
    review file, workbook or snapshot written before subjects is in use (a year's cycle:
    the snapshot compared with is last year's)."""
    return legacy_record_id(
        {"rule": finding.rule, "indicator": finding.indicator, "standard": finding.standard,
         "requirement": finding.requirement, "file": finding.file, "message": finding.message}, sha256)


def legacy_record_id(record: dict, sha256: str | None = None) -> str:
    """legacy_finding_id of a finding record (as the json export and snapshots hold it)."""
    parts = [str(record.get(key) or "") for key in ("rule", "indicator", "standard", "requirement")]
    parts += [sha256 or str(record.get("file") or ""), "" if sha256 else str(record.get("message") or "")]
    return _digest(parts)


def _digest(parts: list[str]) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
