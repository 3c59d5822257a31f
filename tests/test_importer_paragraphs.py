"""A framework written as numbered paragraphs, no table (generator/importer/paragraphs.py)."""

from __future__ import annotations

from generator.framework.importer.paragraphs import read_items


def test_numbered_paragraphs_with_names_scores_and_a_veto_are_items():
    title, items, loose = read_items([
        "文明家庭条件及评分标准(百分制)",
        "1、爱国守法好----家庭成员自觉遵守法律法规。",
        "(30分。",
        "如发生违法行为,均否决评先资格)",
        "2、敬业奉献好——家庭成员努力学习。",
        "（20分）",
        "3.团结友善好：邻里团结,",
        "家庭和睦。",
        "15分",
    ])
    assert title == "文明家庭条件及评分标准(百分制)" and loose == []
    assert [(i.number, i.name, i.text, i.score) for i in items] == [
        (1, "爱国守法好", "家庭成员自觉遵守法律法规。", 30.0),
        (2, "敬业奉献好", "家庭成员努力学习。", 20.0),
        (3, "团结友善好", "邻里团结,家庭和睦。", 15.0),
    ]
    assert items[0].veto == "如发生违法行为,均否决评先资格" and not items[1].veto


def test_chinese_ordinals_and_items_without_a_name():
    _, items, _ = read_items(["一、家庭成员自觉遵守法律法规", "二、邻里团结"])
    assert [(i.number, i.name, i.text, i.score) for i in items] == [(1, "", "家庭成员自觉遵守法律法规", None),
                                                                      (2, "", "邻里团结", None)]


def test_paragraphs_that_do_not_count_up_from_one_are_no_framework():
    assert read_items(["关于开展评选的通知", "2、请各单位于5月底前报送"])[1] == []
    assert read_items(["1、只有一条"])[1] == []
