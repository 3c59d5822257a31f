"""The media pipeline by its work counts, never by a clock: what a rebuild decodes, where
thumbnails come from, how much of a photo is decoded, the terminal's progress line.

Timings live in benchmarks/ (`make bench`), not here."""

from __future__ import annotations

import io
import multiprocessing
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

import docx
import jinja2
import pytest
from PIL import Image

from generator.archive import inspection
from generator.archive.inspection import inspect_files
from generator.archive.inspectors import inspect_file
from generator.archive.inspectors import photo as photo_module
from generator.archive.inspectors.model import InspectedOther
from generator.progress import ProgressLine
from generator.outputs.site import compiled_templates

from .test_build import build
from .test_framework import GOOD

MEETING = "Ⅲ-2 健全完善学习制度/1 中心组学习/④ 学习会议材料"
REPORTS = "Ⅲ-2 健全完善学习制度/1 中心组学习/③ 说明报告"


def jpeg(seed: int, size=(800, 600), orientation: int | None = None) -> bytes:
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image = Image.blend(image, Image.new("RGB", size, (seed * 40 % 256, 90, 160)), 0.5)
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif.tobytes())
    return out.getvalue()


def report(text: str) -> bytes:
    document = docx.Document()
    document.add_heading("Ⅲ-2中心组学习情况说明报告", level=1)
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def archive(make_archive):
    files = {"criteria.yml": GOOD}
    for n in range(1, 6):
        files[f"{MEETING}/2016年10月12日+会议室+中心组学习+市经信局+两学一做（{n}）.jpg"] = jpeg(n, orientation=6 if n == 2 else None)
    files[f"{REPORTS}/01-Ⅲ-2中心组学习情况说明报告.docx"] = report("全年组织中心组学习12次。")
    files[f"{REPORTS}/02-Ⅲ-2学习计划纳入情况说明报告.docx"] = report("学习计划纳入全部内容。")
    return make_archive(files)


def test_a_rebuild_decodes_only_what_changed(archive, tmp_path):
    cold = build(archive, tmp_path)
    assert cold.binder.inspection.decoded == Counter(photo=5, report=2)

    unchanged = build(archive, tmp_path)
    assert unchanged.binder.inspection.decoded == Counter()
    assert unchanged.binder.inspection.from_cache == 7

    (archive / MEETING / "2016年10月12日+会议室+中心组学习+市经信局+两学一做（6）.jpg").write_bytes(jpeg(6))
    edited = archive / REPORTS / "01-Ⅲ-2中心组学习情况说明报告.docx"
    stat = edited.stat()
    edited.write_bytes(report("全年组织中心组学习12次，专题辅导4次。"))
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    changed = build(archive, tmp_path)
    assert changed.binder.inspection.decoded == Counter(photo=1, report=1)
    assert changed.binder.inspection.from_cache == 6
    _assert_thumbnails_linked_from_the_cache(changed, tmp_path / "site")


def _assert_thumbnails_linked_from_the_cache(plugin, site_dir):
    """Thumbnails are hard links to the cache's (MkDocs would copy them on every build),
    made again after each build, since MkDocs empties the site first."""
    thumbs = plugin.site.assets
    assert len(thumbs) == 6
    for asset in thumbs:
        assert os.path.samefile(site_dir / asset.dest_uri, asset.abs_src_path), asset.dest_uri


def _unsendable_for_marked_files(path, thumbs_dir, limits, **how):
    if "无法回传" in path.name:
        return InspectedOther(kind="other", size=0, sha256="", mime=lambda: None)  # can't be pickled
    return inspect_file(path, thumbs_dir, limits, **how)


def test_files_go_to_workers_in_batches_and_a_failed_batch_costs_only_its_culprit(tmp_path, monkeypatch):
    files = {f"{n:02d}-照片.jpg": jpeg(n, size=(64, 48)) for n in range(1, 21)}
    files["07-无法回传.jpg"] = files.pop("07-照片.jpg")
    archive = tmp_path / "archive"
    archive.mkdir()
    for name, data in files.items():
        (archive / name).write_bytes(data)
    fork = multiprocessing.get_context("fork")  # the children see the patched inspector
    submitted = []

    class CountingPool(ProcessPoolExecutor):
        def submit(self, fn, paths, *args):
            submitted.append(len(paths))
            return super().submit(fn, paths, *args)

    monkeypatch.setattr(inspection, "_pool", lambda workers: CountingPool(workers, mp_context=fork))
    monkeypatch.setattr(inspection, "inspect_file", _unsendable_for_marked_files)
    result = inspect_files(sorted((p, p.name) for p in archive.iterdir()), tmp_path / "cache", jobs=2)
    assert submitted[0] == inspection.BATCH and submitted[-1] == 1
    assert len(result.results) == 20
    failed = result.results["07-无法回传.jpg"]
    assert failed.problem.code == "unreadable" and "返回结果失败" in failed.problem.reason
    assert all(r.problem is None and r.kind == "photo" for k, r in result.results.items() if "无法回传" not in k)


@pytest.mark.parametrize("size, decoded", [
    ((4000, 3000), (500, 375)),
    ((4000, 2250), (500, 282)),   # 16:9: a square draft box would decode at 1/4
    ((2250, 4000), (282, 500)),
    ((300, 200), (300, 200)),     # smaller than a thumbnail: decoded whole
])
def test_a_jpeg_is_decoded_at_the_smallest_scale_that_holds_its_thumbnail(size, decoded):
    data = io.BytesIO()
    Image.new("RGB", size, (10, 20, 30)).save(data, "JPEG")
    with Image.open(data) as image:
        reduced = photo_module.decode_reduced(image, 360)
        assert reduced.size == decoded
        whole = Image.open(io.BytesIO(data.getvalue())).convert("RGB")
        whole.thumbnail((360, 360))
        thumb = photo_module.make_thumbnail(reduced).size
        # The same thumbnail as from the whole picture, give or take the rounding of one side.
        assert max(thumb) == max(whole.size) and abs(min(thumb) - min(whole.size)) <= 1


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_progress_line_redraws_in_place_and_ends_with_a_summary():
    terminal, clock = Terminal(), Clock()
    progress = ProgressLine(terminal, min_files=50, interval=0.25, clock=clock)
    progress(20, 220)               # 20 from the cache, 200 to inspect
    for done in range(21, 221):
        clock.now += 0.01
        progress(done, 220)
    text = terminal.getvalue()
    lines = text.split("\r")
    assert lines[1].startswith("正在检查档案文件：20/220（9%）")
    assert 2 < len(lines) < 20, "redrawn at most every 0.25 s, not for every file"
    assert "约剩" in text
    assert lines[-1].startswith("已检查 200 个文件（另有 20 个取自缓存），用时 2 秒")
    assert text.endswith("\n") and text.count("\n") == 1
    widths = [len(line.rstrip("\n").encode("gbk")) for line in lines[1:]]  # GBK: 2 bytes = 2 columns
    assert widths == sorted(widths), "a shorter line is padded over a longer one"


def test_no_progress_line_for_few_files_or_off_a_terminal():
    terminal = Terminal()
    few = ProgressLine(terminal, min_files=50)
    few(1000, 1030)
    few(1030, 1030)
    assert terminal.getvalue() == ""
    assert ProgressLine.on_terminal(io.StringIO()) is None
    assert isinstance(ProgressLine.on_terminal(Terminal()), ProgressLine)


def test_a_rebuild_compiles_no_template(archive, tmp_path, monkeypatch):
    compiled = []
    compile_template = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_template(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    build(archive, tmp_path)
    assert any(name.endswith(".md.j2") for name in compiled), "the binder's templates"
    assert "main.html" in compiled, "the theme's"
    compiled.clear()
    build(archive, tmp_path)
    # Only the search plugin's translations, which it reads at on_config through throwaway
    # environments of its own, are compiled again (a few milliseconds).
    assert not [name for name in compiled if not name.startswith("partials/language")]


def test_a_template_cache_that_cant_be_written_costs_only_compiling(tmp_path):
    cache = compiled_templates(tmp_path / "templates")
    cache.directory = str(tmp_path / "gone")  # removed under the build's feet
    env = jinja2.Environment(loader=jinja2.DictLoader({"a.html": "{{ 1 + 1 }}"}), bytecode_cache=cache)
    assert env.get_template("a.html").render() == "2"
