"""Every rule has a short Chinese name (the tracker, the site and the office view use it)."""

from __future__ import annotations

import re

from generator.rules.messages import RULE_NAMES, rule_name

from .conftest import REPO


def test_every_rule_has_a_chinese_name():
    """The tracker's 问题 column and the office view name findings by rule: a new rule needs
    its name in RULE_NAMES (the family name is only a fallback for codes from older json)."""
    codes = set()
    for path in (REPO / "generator" / "rules").glob("*.py"):
        codes |= set(re.findall(r'"((?:requirement|standard|photo|document|report|table|file|folder)\.[a-z_-]+)"',
                                path.read_text(encoding="utf-8")))
    assert codes and sorted(codes - set(RULE_NAMES)) == []


def test_an_unknown_rule_is_named_by_its_family():
    assert rule_name("photo.someday") == "照片问题" and rule_name("x.y") == "其他问题"
