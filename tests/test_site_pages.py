"""What the example site's pages show a person (issue 19): materials in the order things
happen, a summary at the top of each indicator page, previous/next, the status of each
indicator in the navigation, the date of generation on every page, the plan's matrix."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
from PIL import Image

from generator.naming import scene_facts
from generator.outputs.site import lightbox_lines
from generator.plugin.commands import build_site

from .conftest import REPO


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("pages")
    build_site(REPO / "mkdocs.yml", archive=REPO / "archive", site_dir=tmp / "site", cache_dir=tmp / "cache")
    return tmp / "site"


def _read(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def _text(html: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def test_a_meetings_notice_comes_before_its_photos_and_its_content_after(site):
    html = _read(site, "indicators/iii-2.html")
    meeting = html[html.index("第1次 2016年10月12日（"):]
    meeting = meeting[:meeting.index('<div class="binder-group">', 10) if '<div class="binder-group">' in meeting[10:] else None]
    notice, photos, content = (meeting.index("01-会议通知.pdf"), meeting.index('class="glightbox"'),
                               meeting.index("02-学习内容.pdf"))
    assert notice < photos < content


def test_an_indicator_page_sums_up_its_parts_at_the_top(site):
    html = _read(site, "indicators/iii-35.html")
    summary = html[html.index('<div class="binder-parts"'):]
    summary = summary[:summary.index("</div>")]
    # Ⅲ-35 ① (the 红黑名单 rules) is an empty folder: missing; ② and ③ have their report.
    assert "材料要求：已提供 2 / 3 项，缺少 1 项" in _text(summary)
    assert len(re.findall(r'class="binder-part binder-part--\S+ binder-part--missing"', summary)) == 1
    for anchor in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{anchor}"' in html


def test_every_indicator_page_links_to_the_previous_and_the_next(site):
    first, second = _read(site, "indicators/iii-2.html"), _read(site, "indicators/iii-5.html")
    assert 'class="binder-pager__next" href="iii-5.html"' in first
    assert "binder-pager__previous" not in first
    assert 'class="binder-pager__previous" href="iii-2.html"' in second


def test_the_navigation_shows_each_indicators_status(site):
    html = _read(site, "indicators/iii-10.html")
    assert 'href="../assets/binder-status.css"' in html
    css = _read(site, "assets/binder-status.css")
    rules = {status: rule for rule in css.splitlines() if "::before" in rule
             for status in ("--binder-ok", "--binder-fail", "--binder-verify") if status in rule}
    assert '[href="iii-2.html"]' in rules["--binder-fail"]  # Ⅲ-2 has errors (the README's defects)
    assert '[href="iii-10.html"]' in rules["--binder-ok"]   # complete and compliant


def test_every_page_says_when_it_was_generated(site):
    # Already so before issue 19 (site_overrides/partials/copyright.html): kept from regressing.
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts]
    assert len(pages) > 24
    for page in pages:
        assert re.search(r'class="binder-generated">生成日期：\d{4}年\d{1,2}月\d{1,2}日', page.read_text(encoding="utf-8")), page


# --- the lightbox's caption -------------------------------------------------------------

def test_a_photo_names_place_and_activity_are_read_from_its_name():
    assert scene_facts("2016年10月12日+局三楼会议室+中心组学习+市经信局+两学一做专题（交流发言）") == \
        ("局三楼会议室", "中心组学习")
    assert scene_facts("20170610_局三楼会议室_志愿者培训_市经信局") == ("局三楼会议室", "志愿者培训")
    assert scene_facts("IMG_2034") == (None, None)


def test_caption_lines_stay_text_after_the_lightbox_writes_them_as_html():
    # The browser unescapes the attribute once; GLightbox writes the rest as HTML: a line
    # break between lines, and every line's own text as text.
    assert str(lightbox_lines(["<img src=x onerror=alert(1)>", "地点：会议室"])) == \
        "&amp;lt;img src=x onerror=alert(1)&amp;gt;&lt;br&gt;地点：会议室"


def test_the_lightbox_gives_each_photos_date_place_activity_and_finding(site):
    html = _read(site, "indicators/iii-2.html")
    attribute = re.search(r'data-title="[^"]*交流发言）\.png" data-description="([^"]+)"', html).group(1)
    lines = html_lib.unescape(attribute).split("<br>")
    assert lines[0].startswith("时间：名称日期 2017-03-15")
    assert "地点：局三楼会议室" in lines and "活动：中心组学习" in lines
    assert any(line.startswith("未达标：") and "PNG" in line for line in lines)


# --- 用心策划 --------------------------------------------------------------------------

def test_the_plan_shows_who_owes_what_with_its_status(site):
    html = _read(site, "plan.html")
    matrix = html[html.index('binder-matrix'):]
    matrix = matrix[:matrix.index("</table>")]
    heads = re.findall(r"<th>([^<]*)</th>", matrix)
    assert heads[0] == "测评内容" and {"人教科", "办公室"} <= set(heads[1:])
    rows = re.findall(r"<tr><td>.*?</tr>", matrix, re.S)
    assert len(rows) == 24
    iii_2 = next(row for row in rows if "Ⅲ-2 健全完善学习制度" in row)
    cells = re.findall(r"<td>(.*?)</td>", iii_2, re.S)[1:]
    owner = cells[heads[1:].index("人教科")]
    assert 'binder-part--failing' in owner and 'href="indicators/iii-2.html#standard-1"' in owner
    # The full text is one click away, not a page-long column.
    details = html[html.index('<details class="binder-framework-text">'):]
    assert "binder-framework" in details[:details.index("</details>")]
    assert "测评体系没有规定完成时限" in _text(html)  # the example's framework names none


def test_the_plan_lists_the_deadlines_the_framework_names(make_archive, tmp_path):
    criteria = """framework: 测试测评体系
unit: 测试单位
categories:
  - name: 思想道德建设
    indicators:
      - code: Ⅲ-2
        name: 健全完善学习制度
        standards:
          - code: 1
            text: 以党委中心组学习为示范带动
            score: 1
            deadline: 2017-06-30
            owner: {department: 人教科, person: 陈晓波}
            requirements:
              - code: 1
                text: 提供好人线索统计表格
                asks: [{kind: table, deadline: 每月25日前}]
"""
    archive = make_archive({"criteria.yml": criteria})
    build_site(REPO / "mkdocs.yml", archive=archive, site_dir=tmp_path / "site", cache_dir=tmp_path / "cache")
    html = _read(tmp_path / "site", "plan.html")
    table = html[html.index("binder-deadlines"):]
    text = _text(table[:table.index("</table>")])
    assert "2017-06-30" in text and "完成时限" in text
    assert "每月25日前" in text and "提供好人线索统计表格" in text and "人教科 / 陈晓波" in text


# --- videos -------------------------------------------------------------------------------

def test_a_video_plays_under_its_poster_with_its_length_and_size(tmp_path):
    from .conftest import one_requirement_criteria, write_tree
    from .video_builder import header_only_mp4, phone_clip

    folder = "Ⅲ-2 健全完善学习制度/1 中心组学习/① 学习制度规范文件"
    archive = write_tree(tmp_path / "archive", {"criteria.yml": one_requirement_criteria(),
                                                f"{folder}/02-只有文件头的录像.mp4": header_only_mp4(125)})
    phone_clip(archive / folder / "01-学习会<现场>&录像.mp4", seconds=3.0)
    build_site(REPO / "mkdocs.yml", archive=archive, site_dir=tmp_path / "site", cache_dir=tmp_path / "cache", jobs=1)
    html = _read(tmp_path / "site", "indicators/iii-2.html")
    videos = re.findall(r"<video [^>]*>", html)
    assert len(videos) == 2
    [poster] = [re.search(r'poster="([^"]+)"', v).group(1) for v in videos if "poster=" in v]
    assert (tmp_path / "site" / "indicators" / poster).resolve().is_file()
    assert "01-学习会&lt;现场&gt;&amp;录像.mp4" in html and "<现场>" not in html
    facts = _text(html)
    assert "时长 0分03秒 · 分辨率 320×240" in facts
    assert "时长 2分05秒 · " in facts and "分辨率 0" not in facts


def test_the_example_video_plays_under_its_poster(site):
    html = _read(site, "indicators/iii-10.html")
    [video] = re.findall(r"<video [^>]*>", html)
    poster = re.search(r'poster="([^"]+)"', video).group(1)
    assert Image.open(site / "indicators" / poster).size == (640, 360)
    assert "时长 0分04秒 · 分辨率 640×360" in _text(html)


def test_the_inspector_lightbox_says_what_is_known_never_what_is_missing():
    import dataclasses as dc

    from generator.archive.inspectors.model import InspectedPhoto
    from generator.archive.scan import ArchiveFile, Place
    from generator.outputs.site import PlacedFile, photo_caption
    from generator.rules.model import Status

    file = ArchiveFile(rel_path="Ⅲ-2/IMG_2034.JPG", abs_path=Path("/a/IMG_2034.JPG"), place=Place("Ⅲ-2"))
    photo = InspectedPhoto(kind="photo", size=1, sha256="x", exif_datetime="2017-03-15T09:30:00")
    view = PlacedFile(file, photo, [], "photo", Status.COMPLIANT, None, None)
    internal, inspector = photo_caption(view), photo_caption(view, inspector=True)
    assert "名称中没有日期" in internal[0]  # the unit is told
    assert inspector[0] == "时间：拍摄日期 2017-03-15（相机记录）"  # the inspector reads a fact
    unknown = photo_caption(dc.replace(view, inspected=dc.replace(photo, exif_datetime=None)), inspector=True)
    assert unknown[0] == "时间：—"
