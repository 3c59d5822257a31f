"""Year over year: the current findings against a snapshot's, matched by their stable id,
for `binder check --since` and the improve page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .codes import circled
from .snapshot import Snapshot, SnapshotError, latest_snapshot, pad


@dataclass(frozen=True)
class Comparison:
    """The current findings against a snapshot's, matched by their stable `id`."""

    resolved: list[dict]
    """In the snapshot, not now: as the snapshot recorded them (their old message)."""
    new: list[dict]
    """Now, not in the snapshot."""
    still_open: list[dict]
    """In both: as they are now."""


@dataclass(frozen=True)
class Baseline:
    """The newest snapshot and its findings, for the improve page."""

    snapshot: Snapshot
    findings: dict | None
    error: str | None = None
    """Why its findings could not be read (then `findings` is None)."""


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
    resolved = [r for key, records in before.items() for r in records[len(now.get(key, [])):]]
    new = [r for key, records in now.items() for r in records[len(before.get(key, [])):]]
    still_open = [r for key, records in now.items() for r in records[:len(before.get(key, []))]]
    return Comparison(resolved=resolved, new=new, still_open=still_open)


def load_baseline(snapshots_dir: Path) -> Baseline | None:
    """The newest snapshot in `snapshots_dir` with its findings; None when there is none."""
    snapshot = latest_snapshot(snapshots_dir)
    if snapshot is None:
        return None
    try:
        return Baseline(snapshot, snapshot.load_findings())
    except SnapshotError as error:
        return Baseline(snapshot, None, str(error))


_RECORD_KEYS = ("rule", "severity", "severity_label", "indicator", "standard", "requirement", "file",
                "message", "fix")


def _records(document: dict | list[dict]) -> list[dict]:
    records = document.get("findings", []) if isinstance(document, dict) else document
    return [{**dict.fromkeys(_RECORD_KEYS, None), **r} for r in records if isinstance(r, dict)]


def _identity(record: dict) -> str:
    if record.get("id"):
        return str(record["id"])
    return "\x1f".join(str(record.get(k) or "") for k in ("rule", "indicator", "standard", "requirement",
                                                          "file", "message"))


def other_unit(snapshot: Snapshot, unit: str) -> str | None:
    """The snapshot's unit when it is not `unit` (both given): its findings are another
    unit's, and the comparison says little. None when they match or one is unknown."""
    theirs, ours = snapshot.unit.strip(), unit.strip()
    return theirs if theirs and ours and theirs != ours else None


def other_unit_text(theirs: str, ours: str) -> str:
    return f"注意：该存档属于“{theirs}”，当前档案属于“{ours}”，比较的是两个单位的问题，结果可能没有意义。"


def comparison_text(comparison: Comparison, snapshot: Snapshot, unit: str = "") -> str:
    """`binder check --since`: counts, then each group with its findings; a warning first
    when the snapshot is of another unit than `unit`."""
    theirs = other_unit(snapshot, unit)
    lines = [other_unit_text(theirs, unit)] if theirs else []
    lines += [
        f"与存档 {snapshot.path}（{snapshot.label}）相比：已整改 {len(comparison.resolved)} 条，"
        f"新发现 {len(comparison.new)} 条，仍未整改 {len(comparison.still_open)} 条。",
    ]
    groups = (("已整改", comparison.resolved, "，存档时的记录"), ("新发现", comparison.new, ""),
              ("仍未整改", comparison.still_open, ""))
    for title, records, note in groups:
        lines += ["", f"{title}（{len(records)} 条{note}）：" if records else f"{title}：无"]
        for record in records:
            label = record.get("severity_label") or ""
            lines.append(f"  {pad(label, 7)}{pad(_where(record), 12)} {record.get('message') or ''}")
            if record.get("file"):
                lines.append(f"{'':8}文件：{record['file']}")
    return "\n".join(lines) + "\n"


def _where(record: dict) -> str:
    parts = [record.get("indicator") or "未归类"]
    if record.get("standard"):
        parts.append(f"{record['standard']}）")
    requirement = record.get("requirement")
    if requirement:
        parts.append(circled(requirement) if str(requirement).isdigit() else str(requirement))
    return " ".join(parts)
