import re

from generator import cli
from generator.outputs.site import markdown_inline, original_uri, page_dest
from generator.archive.scan import ArchiveFile, Place

from .test_build import build, pages
from .test_framework import GOOD


def test_headings_escape_html_and_markdown():
    assert str(markdown_inline("Ⅲ-2 <b>*学习*</b> & [x](y)")) == \
        "Ⅲ\\-2 &lt;b&gt;\\*学习\\*&lt;/b&gt; &amp; \\[x\\]\\(y\\)"


def test_pages_and_originals_have_paths_that_work_from_a_usb_stick(tmp_path):
    assert page_dest("indicators/iii-2.md", False) == "indicators/iii-2.html"
    assert page_dest("indicators/iii-2.md", True) == "indicators/iii-2/index.html"
    assert page_dest("index.md", True) == "index.html"
    file = ArchiveFile('Ⅲ-2/a<b>:"c"?.jpg', tmp_path, Place())
    assert original_uri(file) == "files/Ⅲ-2/a_b___c__.jpg"


def test_video_and_audio_play_in_the_page(make_archive, tmp_path):
    archive = make_archive({
        "criteria.yml": GOOD,
        "Ⅲ-26 从严治党/01-警示教育片.mp4": b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64,
        "Ⅲ-26 从严治党/02-专题党课录音.mp3": b"ID3\x03\x00" + b"\x00" * 64,
    })
    build(archive, tmp_path)
    html = pages(tmp_path / "site")["indicators/iii-26.html"]
    assert re.search(r'<video controls(="")? preload="none" src="[^"]+\.mp4"', html)
    assert re.search(r'<audio controls(="")? preload="none" src="[^"]+\.mp3"', html)


def test_a_broken_framework_file_exits_2_with_its_line(make_archive, tmp_path, capsys):
    archive = make_archive({"criteria.yml": "framework: x\ncategories: a: b\n"})
    code = cli.main(["build", "--archive", str(archive), "-d", str(tmp_path / "site"),
                     "--cache-dir", str(tmp_path / "cache")])
    assert code == 2
    assert "第 2 行" in capsys.readouterr().err


def test_a_missing_archive_exits_2(tmp_path, capsys):
    assert cli.main(["build", "--archive", str(tmp_path / "nowhere")]) == 2
    assert "档案文件夹不存在" in capsys.readouterr().err
