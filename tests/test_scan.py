from generator.framework import load_framework
from generator.archive.scan import scan_archive

from .test_framework import GOOD


def scan(make_archive, files):
    archive = make_archive({"criteria.yml": GOOD, **files})
    return scan_archive(archive, load_framework(archive))


def places(result):
    return {f.rel_path: (f.place.indicator, f.place.standard, f.place.requirement, f.place.group)
            for f in result.files}


def test_files_are_placed_by_code_whatever_the_separators(make_archive):
    result = scan(make_archive, {
        "Ⅲ-2 健全完善学习制度/1 中心组学习/③ 情况说明报告/01-说明报告.docx": b"x",
        "III_2：学习制度/1）示范带动/（4）会议材料/第1次 2016年10月12日/01.jpg": b"x",
        "Ⅲ－26 从严治党/01-规范文件.pdf": b"x",
    })
    assert places(result) == {
        "Ⅲ-2 健全完善学习制度/1 中心组学习/③ 情况说明报告/01-说明报告.docx": ("Ⅲ-2", "1", "3", None),
        "III_2：学习制度/1）示范带动/（4）会议材料/第1次 2016年10月12日/01.jpg": ("Ⅲ-2", "1", "4", "第1次 2016年10月12日"),
        "Ⅲ－26 从严治党/01-规范文件.pdf": ("Ⅲ-26", "", "", None),
    }
    assert result.stray_folders == []


def test_what_matches_nothing_is_kept_not_dropped(make_archive):
    result = scan(make_archive, {
        "临时/新建文本文档.txt": b"x",
        "Ⅲ-2 学习制度/杂项/说明.docx": b"x",
        "Ⅲ-2 学习制度/1 示范带动/随手放的.pdf": b"x",
        "Ⅲ-99 不存在/a.pdf": b"x",
        "根目录文件.doc": b"x",
        ".DS_Store": b"x",
    })
    got = places(result)
    assert got["临时/新建文本文档.txt"] == (None, None, None, None)
    assert got["Ⅲ-99 不存在/a.pdf"] == (None, None, None, None)
    assert got["根目录文件.doc"] == (None, None, None, None)
    # The indicator has one standard, so the file reaches it, but none of its two requirements.
    assert got["Ⅲ-2 学习制度/杂项/说明.docx"] == ("Ⅲ-2", "1", None, None)
    assert got["Ⅲ-2 学习制度/1 示范带动/随手放的.pdf"] == ("Ⅲ-2", "1", None, None)
    assert ".DS_Store" not in got and "criteria.yml" not in got
    assert sorted(result.stray_folders) == ["Ⅲ-2 学习制度/杂项", "Ⅲ-99 不存在", "临时"]
    assert len(result.unclassified) == 3


def test_a_loose_file_named_with_a_requirement_code_finds_it(make_archive):
    result = scan(make_archive, {"Ⅲ-2 学习制度/1 示范带动/③中心组学习情况说明报告.docx": b"x"})
    assert list(places(result).values()) == [("Ⅲ-2", "1", "3", None)]


def test_category_folders_above_indicators_are_passed_through(make_archive):
    result = scan(make_archive, {"共性任务/Ⅲ-2 学习制度/1 示范带动/③ 报告/a.docx": b"x"})
    assert list(places(result).values()) == [("Ⅲ-2", "1", "3", None)]
    assert result.stray_folders == ["共性任务"]


def test_without_framework_file_folder_names_match(make_archive):
    archive = make_archive({
        "宣传工作/橱窗展板/照片.jpg": b"x",
        "宣传工作/橱窗展板/活动一/1.jpg": b"x",
        "宣传工作/橱窗展板/活动一/第一天/2.jpg": b"x",
        "宣传工作/新媒体/截图.png": b"x",
    })
    result = scan_archive(archive, load_framework(archive))
    assert places(result) == {
        "宣传工作/橱窗展板/照片.jpg": ("宣传工作", "2", "1", None),
        "宣传工作/橱窗展板/活动一/1.jpg": ("宣传工作", "2", "1", None),
        "宣传工作/橱窗展板/活动一/第一天/2.jpg": ("宣传工作", "2", "1", "第一天"),
        "宣传工作/新媒体/截图.png": ("宣传工作", "1", "", None),
    }
    assert result.stray_folders == []


def test_hand_typed_folder_names_with_any_numbering_find_their_level(make_archive):
    result = scan(make_archive, {
        "Ⅲ 2 健全完善学习制度/第1条 中心组学习/（三）情况说明报告/说明报告.docx": b"x",
        "III.2 学习制度/（一）示范带动/（四）会议材料/第1次/01.jpg": b"x",
        "Ⅲ2学习制度/一、示范带动/4. 会议材料/02.jpg": b"x",
        "Ⅲ—26 从严治党/规范文件.pdf": b"x",
        "ⅲ–26 从严治党/通知.pdf": b"x",
    })
    assert places(result) == {
        "Ⅲ 2 健全完善学习制度/第1条 中心组学习/（三）情况说明报告/说明报告.docx": ("Ⅲ-2", "1", "3", None),
        "III.2 学习制度/（一）示范带动/（四）会议材料/第1次/01.jpg": ("Ⅲ-2", "1", "4", "第1次"),
        "Ⅲ2学习制度/一、示范带动/4. 会议材料/02.jpg": ("Ⅲ-2", "1", "4", None),
        "Ⅲ—26 从严治党/规范文件.pdf": ("Ⅲ-26", "", "", None),
        "ⅲ–26 从严治党/通知.pdf": ("Ⅲ-26", "", "", None),
    }
    assert result.stray_folders == []


def test_names_that_only_look_numbered_stay_stray(make_archive):
    result = scan(make_archive, {
        "2016年 学习制度/a.pdf": b"x",
        "一带一路/a.pdf": b"x",
        "Ⅲ-2 学习制度/十八大精神/a.pdf": b"x",
        "Ⅲ-2 学习制度/1 示范带动/三严三实/a.pdf": b"x",
    })
    assert sorted(result.stray_folders) == [
        "2016年 学习制度", "Ⅲ-2 学习制度/1 示范带动/三严三实", "Ⅲ-2 学习制度/十八大精神", "一带一路"]


def test_without_framework_file_hand_typed_numbering_gives_the_codes(make_archive):
    archive = make_archive({
        "Ⅲ 16 制度化建设/第2条 文明家庭创建/a.pdf": b"x",
        "Ⅲ 16 制度化建设/（一）志愿服务/b.pdf": b"x",
        "III.2 学习制度/2.学习计划/c.pdf": b"x",
    })
    framework = load_framework(archive)
    assert sorted((i.code, i.name) for i in framework.indicators) == [("Ⅲ-16", "制度化建设"), ("Ⅲ-2", "学习制度")]
    assert sorted((s.code, s.text) for s in framework.indicator("Ⅲ-16").standards) == [
        ("1", "志愿服务"), ("2", "文明家庭创建")]
    result = scan_archive(archive, framework)
    assert places(result) == {
        "Ⅲ 16 制度化建设/第2条 文明家庭创建/a.pdf": ("Ⅲ-16", "2", "", None),
        "Ⅲ 16 制度化建设/（一）志愿服务/b.pdf": ("Ⅲ-16", "1", "", None),
        "III.2 学习制度/2.学习计划/c.pdf": ("Ⅲ-2", "2", "", None),
    }
    assert result.stray_folders == []
