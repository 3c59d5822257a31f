"""Reading what a unit sends: the json of `binder check --format json` (the contract,
described in generator/outputs/export.py and generator/outputs/check_schema.json), reduced at
once to the little the office view keeps of it, so that memory does not grow with the
findings of hundreds of units."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from ...rules import messages
from .model import IndicatorResult, Totals, UnitResult

KNOWN_VERSIONS = (1,)
"""The versions of the check json this reader understands (export.JSON_VERSION writes 1)."""

STATUSES = ("compliant", "failing", "to-verify")


class ContractError(Exception):
    """A unit's results that can't be read: the message is the Chinese sentence for the user."""


def read_json_file(path: Path, source: str | None = None) -> dict:
    """The document in `path`; ContractError (Chinese) when it is not a readable json object."""
    shown = source or str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise ContractError(messages.OFFICE_NOT_JSON.format(source=shown, reason=error.strerror or "无法打开")) from None
    except UnicodeDecodeError:
        raise ContractError(messages.OFFICE_NOT_JSON.format(source=shown, reason="不是 UTF-8 编码的文本")) from None
    except json.JSONDecodeError as error:
        reason = f"不是有效的 json（第 {error.lineno} 行第 {error.colno} 列）"
        raise ContractError(messages.OFFICE_NOT_JSON.format(source=shown, reason=reason)) from None
    return data


def parse(document: object, source: str, year: int | None = None) -> UnitResult:
    """The unit's results from a check json document; refused (ContractError) when its
    version is unknown or its shape is not the contract's."""
    check_version(document, source)
    assert isinstance(document, dict)
    try:
        return _reduce(document, source, year)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ContractError(messages.OFFICE_BAD_SHAPE.format(source=source, what=_what(error))) from None


def check_version(document: object, source: str) -> None:
    if not isinstance(document, dict) or "version" not in document:
        raise ContractError(messages.OFFICE_NO_VERSION.format(source=source))
    version = document["version"]
    if isinstance(version, bool) or version not in KNOWN_VERSIONS:
        shown = json.dumps(version, ensure_ascii=False)[:40]
        known = "、".join(str(v) for v in KNOWN_VERSIONS)
        raise ContractError(messages.OFFICE_UNKNOWN_VERSION.format(source=source, version=shown, known=known))


def _reduce(document: dict, source: str, year: int | None) -> UnitResult:
    framework = document["framework"] or {}
    rules_by_indicator: dict[str, Counter] = {}
    identities = []
    for record in document["findings"]:
        if not isinstance(record, dict):
            raise TypeError("findings")
        identities.append(hashlib.sha1(_identity(record).encode('utf-8')).digest()[:8])
        key = record.get("indicator") or ""
        rules_by_indicator.setdefault(key, Counter())[str(record.get("rule") or "")] += 1
    indicators = tuple(_indicator(raw, rules_by_indicator.get(raw["code"], Counter()))
                       for raw in document["indicators"])
    unit = str(framework.get("unit") or "").strip() or Path(source).stem
    return UnitResult(
        unit=unit, title=str(framework.get("title") or ""), year=year, source=source,
        totals=_totals(document["summary"]), indicators=indicators,
        unplaced_rules=rules_by_indicator.get("", Counter()), finding_ids=b"".join(identities),
    )


def _indicator(raw: dict, rules: Counter) -> IndicatorResult:
    status = raw["status"]
    if status not in STATUSES:
        raise ValueError(f"status {status!r}")
    at_risk = sum(float(s["score"]) for s in raw["standards"] if s["status"] != "compliant")
    return IndicatorResult(code=str(raw["code"]), name=str(raw["name"]), category=str(raw["category"]),
                           status=status, score=float(raw["score"]), at_risk=round(at_risk, 2),
                           rules=dict(rules))


def _totals(raw: dict) -> Totals:
    return Totals(standards=int(raw["standards"]), compliant=int(raw["compliant"]), failing=int(raw["failing"]),
                  to_verify=int(raw["to_verify"]), score=float(raw["score"]), at_risk=float(raw["at_risk"]),
                  errors=int(raw["errors"]), warnings=int(raw["warnings"]))


def _identity(record: dict) -> str:
    """The finding's stable id (what comparison.compare matches on), else its place and text."""
    if record.get("id"):
        return str(record["id"])
    return "\x1f".join(str(record.get(k) or "") for k in ("rule", "indicator", "standard", "requirement",
                                                          "file", "message"))


def _what(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"缺少 {error.args[0]}"
    return f"{error.args[0] if error.args else '内容'} 不对"
