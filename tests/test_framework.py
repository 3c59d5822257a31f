import textwrap

import pytest

from generator.framework import FrameworkError, load_framework

GOOD = """\
framework: 测试体系
unit: 某单位
period: {start: 2016-08-01, end: 2017-12-31}
categories:
  - name: 共性任务
    indicators:
      - code: III－2
        name: 健全完善学习制度
        standards:
          - code: 1）
            text: 以党委（党组）中心组学习为示范带动
            methods: [材料审核]
            score: 0.6
            owner: {leader: 郑泽梅, department: 人教科, person: 陈晓波}
            requirements:
              - code: ③
                text: 提供中心组学习的情况(说明报告，300字左右）
                asks: [{kind: report, chars: 300}]
              - code: 4
                text: 提供4次中心组学习会议材料
                asks: [{kind: meeting, count: 4}, {kind: photo, count: 5, per: meeting}]
                params: {photo_min_mb: 1.0}
      - code: Ⅲ-26
        name: 落实从严治党要求
        standards:
          - text: 强化党委主体责任
            score: 0.6
            requirements:
              - text: 提供规范文件
                asks: [{kind: document}]
"""


def load(make_archive, text):
    return load_framework(make_archive({"criteria.yml": textwrap.dedent(text)}))


def test_a_good_framework_reads_into_the_model(make_archive):
    framework = load(make_archive, GOOD)
    assert [i.code for i in framework.indicators] == ["Ⅲ-2", "Ⅲ-26"]
    standard = framework.indicator("III-2").standard("1")
    assert standard.owner.department == "人教科" and standard.score == 0.6
    assert [r.code for r in standard.requirements] == ["3", "4"]
    meeting = standard.requirement("4")
    assert meeting.asks[1].per == "meeting" and meeting.asks[1].count == 5
    assert meeting.params == {"photo_min_mb": 1.0}
    unnumbered = framework.indicator("Ⅲ-26").standards[0]
    assert unnumbered.code is None and unnumbered.requirement(None).code is None
    assert framework.score == 1.2
    assert framework.period[0].year == 2016


@pytest.mark.parametrize("broken, line, words", [
    ("framework: x\ncategories: a: b\n", 2, "YAML"),
    ("framework: x\ncategories:\n  - name: 共性\n    indicators:\n      - code: 学习\n        standards: []\n", 5, "无法识别"),
    ("framework: x\ncategories:\n  - name: 共性\n    indicators:\n      - code: Ⅲ-2\n        standards:\n          - text: t\n            score: 多\n", 7, "数字"),
    ("framework: x\ncategories:\n  - name: 共性\n    indicators:\n      - code: Ⅲ-2\n        standards:\n          - text: t\n            requirements:\n              - text: r\n                asks: [{kind: photos}]\n", 10, "photos"),
    ("framework: x\n", 1, "categories"),
])
def test_a_broken_framework_names_its_line(make_archive, broken, line, words):
    with pytest.raises(FrameworkError) as raised:
        load(make_archive, broken)
    assert raised.value.line == line
    assert words in str(raised.value) and f"第 {line} 行" in str(raised.value)


def test_duplicate_indicator_is_refused(make_archive):
    text = GOOD + "      - code: iii-2\n        standards: [{text: again}]\n"
    with pytest.raises(FrameworkError, match="重复"):
        load(make_archive, text)


def test_without_a_framework_file_the_folders_are_the_framework(make_archive):
    archive = make_archive({
        "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度/a.pdf": b"%PDF-1.4",
        "Ⅲ-2 健全完善学习制度/1 中心组学习/② 学习计划/": b"",
        "宣传工作/照片.jpg": b"",
    })
    framework = load_framework(archive)
    assert framework.from_folders
    assert [i.code for i in framework.indicators] == ["Ⅲ-2", "宣传工作"]
    standard = framework.indicator("Ⅲ-2").standard("1")
    assert [r.code for r in standard.requirements] == ["1", "2"]
