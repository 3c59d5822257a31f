"""An item's own score (issue 13): kept from the table, written to criteria.yml, read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.framework import FrameworkError, load_framework_file
from generator.framework.writer import dump_framework
from generator.framework.importer import import_framework

CORPUS = Path(__file__).parent / "fixtures" / "frameworks"

CRITERIA = """\
framework: 测试
categories:
  - name: 组织管理
    indicators:
      - code: "1"
        name: 经济发展
        score: {score}
        standards:
          - text: 制定发展规划
            score: 1
          - text: 集体经济发展
"""


def test_the_loader_reads_an_items_score_and_the_tallies_keep_the_standards(tmp_path):
    path = tmp_path / "criteria.yml"
    path.write_text(CRITERIA.format(score=6), encoding="utf-8")
    (indicator,) = load_framework_file(path).indicators
    assert indicator.item_score == 6.0 and indicator.score == 1.0  # the dashboard counts the standards


@pytest.mark.parametrize("score", ["-1", "1e9", "six", ".nan", "true"])
def test_an_items_score_out_of_range_or_not_a_number_is_refused_with_its_line(tmp_path, score):
    path = tmp_path / "criteria.yml"
    path.write_text(CRITERIA.format(score=score), encoding="utf-8")
    with pytest.raises(FrameworkError, match="第 5 行：score 应"):
        load_framework_file(path)


def test_a_score_cell_merged_over_an_items_standards_is_the_items_score_written_and_read_back(tmp_path):
    imported = import_framework(CORPUS / "07-qiongzhong-culture-village.docx")
    first = imported.framework.indicators[0]
    assert (first.name, first.item_score, [s.score for s in first.standards]) == ("经济发展", 6.0, [0.0, 0.0, 0.0])
    path = tmp_path / "criteria.yml"
    path.write_text(dump_framework(imported.framework, imported.remarks), encoding="utf-8")
    assert load_framework_file(path).categories == imported.framework.categories


def test_a_score_beside_the_items_name_is_kept_when_its_standards_score_less():
    imported = import_framework(CORPUS / "06-shangqiu-village-2017.docx")  # 组织领导(15分), the excerpt's 3
    (indicator,) = imported.framework.indicators
    assert (indicator.item_score, indicator.score) == (15.0, 3.0)
    assert any("原表整项 15 分" in n.message for n in imported.notes)
