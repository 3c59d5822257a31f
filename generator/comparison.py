"""Year over year: the current findings against a snapshot's, matched by their stable id,
for `binder check --since` and the improve page. Pure: the snapshot is opened elsewhere
(snapshot.load_baseline) and its findings handed in."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .codes import circled
from .finding_ids import legacy_record_id
from .review import Remediation, Review


@dataclass(frozen=True)
class Comparison:
    """The current findings against a snapshot's, matched by their stable `id`."""

    resolved: list[dict]
    """In the snapshot, not now: as the snapshot recorded them (their old message)."""
    new: list[dict]
    """Now, not in the snapshot."""
    still_open: list[dict]
    """In both: as they are now."""


def compare(current: dict | list[dict], previous: dict | list[dict]) -> Comparison:
    """Resolved, new and still open findings, from two findings json documents (or their
    'findings' lists). A finding that occurs n times before and m times now counts
    min(n, m) times as still open and the rest as resolved or new."""
    now: dict[str, list[dict]] = defaultdict(list)
    for record in _records(current):
        now[_identity(record)].append(record)
    before: dict[str, list[dict]] = defaultdict(list)
    for record in _records(previous):
        before[_identity(record)].append(record)
    _match_legacy_ids(now, before)
    resolved = [r for key, records in before.items() for r in records[len(now.get(key, [])):]]
    new = [r for key, records in now.items() for r in records[len(before.get(key, [])):]]
    still_open = [r for key, records in now.items() for r in records[:len(before.get(key, []))]]
    return Comparison(resolved=resolved, new=new, still_open=still_open)


_RECORD_KEYS = ("rule", "severity", "severity_label", "indicator", "standard", "requirement", "file",
                "message", "fix")


def _records(document: dict | list[dict]) -> list[dict]:
    records = document.get("findings", []) if isinstance(document, dict) else document
    return [{**dict.fromkeys(_RECORD_KEYS, None), **r} for r in records if isinstance(r, dict)]


def _match_legacy_ids(now: dict[str, list[dict]], before: dict[str, list[dict]]) -> None:
    """A snapshot taken before findings had subjects keys its findings by their legacy id
    (finding_ids.legacy_record_id): a finding of now that its id does not find there is
    looked up by its legacy id, and where found the snapshot's records move under its id.
    A file's finding whose content was read had the same id before, unless it has a subject."""
    for key in [k for k in now if k not in before]:
        legacy = legacy_record_id(now[key][0])
        if legacy != key and legacy in before and legacy not in now:
            before[key] = before.pop(legacy)


def _identity(record: dict) -> str:
    if record.get("id"):
        return str(record["id"])
    return "\x1f".join(str(record.get(k) or "") for k in ("rule", "indicator", "standard", "requirement",
                                                          "file", "message"))


@dataclass(frozen=True)
class RemediationChanges:
    """The remediations of the snapshot's review file against today's."""

    closed: list[Remediation]
    """Open in the snapshot (not 已完成, not waived); now done, waived, or the finding gone. As now
    where the finding is still there, as the snapshot recorded them where it is gone."""
    reopened: list[Remediation]
    """Done or waived in the snapshot; now the finding is there and neither done nor waived (as now)."""


def compare_remediations(before: Review, now: Review, current_ids: set[str]) -> RemediationChanges:
    """Which remediations were closed since the snapshot and which reopened, by finding id."""
    closed, reopened = [], []
    for finding_id, old in sorted(before.findings.items()):
        new = now.findings.get(finding_id)
        was_closed = old.done or old.waiver is not None
        is_closed = finding_id not in current_ids or (new is not None and (new.done or new.waiver is not None))
        if not was_closed and is_closed:
            closed.append(new if new is not None and finding_id in current_ids else old)
        elif was_closed and not is_closed:
            reopened.append(new or Remediation(finding_id, where=old.where, problem=old.problem))
    return RemediationChanges(closed, reopened)


def other_unit(theirs: str, ours: str) -> str | None:
    """The snapshot's unit `theirs` when it is not `ours` (both given): its findings are
    another unit's, and the comparison says little. None when they match or one is unknown."""
    theirs, ours = (theirs or "").strip(), (ours or "").strip()
    return theirs if theirs and ours and theirs != ours else None


def other_unit_text(theirs: str, ours: str) -> str:
    return f"注意：该存档属于“{theirs}”，当前档案属于“{ours}”，比较的是两个单位的问题，结果可能没有意义。"


def where(record: dict) -> str:
    """Where a finding record is: 'Ⅲ-2 1） ①', or 未归类."""
    parts = [record.get("indicator") or "未归类"]
    if record.get("standard"):
        parts.append(f"{record['standard']}）")
    requirement = record.get("requirement")
    if requirement:
        parts.append(circled(requirement) if str(requirement).isdigit() else str(requirement))
    return " ".join(parts)
