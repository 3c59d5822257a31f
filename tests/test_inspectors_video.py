"""Videos decoded by OpenCV's bundled FFmpeg: length, picture size and a poster frame
(skipping a black start), kept in the cache; a video OpenCV cannot decode stays readable
without a poster; hostile bytes under a video name never raise nor hang."""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from generator.archive.inspectors import inspect_file
from generator.archive.inspectors.media import POSTER_SIZE, UNIFORM_SPREAD
from generator.archive.inspectors.model import InspectedMedia, from_dict, to_dict

from .conftest import TESTDATA
from .video_builder import BLOCK, header_only_mp4, numbered_frame, phone_clip, write_video


@pytest.fixture
def thumbs(tmp_path) -> Path:
    return tmp_path / "thumbs"


def block_grey(poster: Image.Image, width: int) -> float:
    """The grey level of the poster's top-left block, scaled back to the frame's pixels."""
    scale = poster.width / width
    box = (4 * scale, 4 * scale, (BLOCK[1].stop - 4) * scale, (BLOCK[0].stop - 4) * scale)
    return ImageStat.Stat(poster.convert("L").crop(tuple(round(v) for v in box))).mean[0]


def test_a_video_has_its_length_size_and_the_frame_at_one_second(tmp_path, thumbs):
    clip = phone_clip(tmp_path / "01-活动视频.mp4", seconds=3.0, fps=10)
    result = inspect_file(clip, thumbs)
    assert isinstance(result, InspectedMedia) and result.readable
    assert result.duration == pytest.approx(3.0, abs=0.15)
    assert (result.width, result.height) == (320, 240)
    poster = Image.open(thumbs / result.thumbnail)
    assert poster.format == "JPEG" and poster.size == (result.thumb_width, result.thumb_height) == (320, 240)
    assert block_grey(poster, 320) == pytest.approx(8 * 10, abs=12)  # frame 10 of 10 fps: at 1 s


def test_a_short_video_skips_its_black_first_frames(tmp_path, thumbs):
    clip = phone_clip(tmp_path / "a.mp4", seconds=1.0, fps=10, black_start=2)
    result = inspect_file(clip, thumbs)
    poster = Image.open(thumbs / result.thumbnail)
    assert ImageStat.Stat(poster.convert("L")).stddev[0] > UNIFORM_SPREAD
    assert block_grey(poster, 320) == pytest.approx(8 * 2, abs=10)  # the first frame after the black ones


def test_an_all_black_video_still_gets_its_frame(tmp_path, thumbs):
    black = numbered_frame(0) * 0
    result = inspect_file(write_video(tmp_path / "a.mp4", [black] * 8), thumbs)
    assert result.thumbnail and ImageStat.Stat(Image.open(thumbs / result.thumbnail).convert("L")).mean[0] < 10


def test_a_big_video_gets_a_poster_of_poster_size(tmp_path, thumbs):
    frames = [numbered_frame(i, 1280, 720) for i in range(5)]
    result = inspect_file(write_video(tmp_path / "a.mov", frames), thumbs)
    assert (result.width, result.height) == (1280, 720)
    assert (result.thumb_width, result.thumb_height) == (POSTER_SIZE, POSTER_SIZE * 9 // 16)


@pytest.mark.parametrize(("name", "fourcc"), [("a.avi", "MJPG"), ("a.webm", "VP90"), ("a.mp4", "vp09")])
def test_other_containers_and_codecs_are_read_too(name, fourcc, tmp_path, thumbs):
    result = inspect_file(write_video(tmp_path / name, [numbered_frame(i) for i in range(15)], fourcc=fourcc), thumbs)
    assert result.readable and result.thumbnail and (result.width, result.height) == (320, 240)
    assert result.duration == pytest.approx(1.5, abs=0.15)


def test_the_same_video_content_shares_one_poster(tmp_path, thumbs):
    first = phone_clip(tmp_path / "a.mp4")
    second = tmp_path / "copy" / "b.mp4"
    second.parent.mkdir()
    shutil.copy(first, second)
    assert inspect_file(first, thumbs).thumbnail == inspect_file(second, thumbs).thumbnail
    assert len(list(thumbs.iterdir())) == 1


def test_the_facts_survive_the_cache(tmp_path, thumbs):
    result = inspect_file(phone_clip(tmp_path / "a.mp4"), thumbs)
    again = from_dict(json.loads(json.dumps(to_dict(result))))
    assert again == result and again.duration and again.thumbnail


def test_a_video_opencv_cannot_decode_stays_readable_with_its_header_length(tmp_path, thumbs):
    result = inspect_file(_write(tmp_path / "专题片.mp4", header_only_mp4(125)), thumbs)
    assert result.readable and result.duration == 125
    assert result.thumbnail is None and (result.width, result.height) == (0, 0)
    assert not thumbs.exists() or not any(thumbs.iterdir())


def test_a_header_that_states_no_length_leaves_it_to_the_decoder(tmp_path, thumbs):
    data = bytearray(phone_clip(tmp_path / "a.mp4", seconds=3.0).read_bytes())
    duration_at = data.index(b"mvhd") + 4 + 16  # version 0: flags, two dates, the timescale, then the length
    data[duration_at:duration_at + 4] = b"\0\0\0\0"  # as a fragmented MP4 often says
    result = inspect_file(_write(tmp_path / "b.mp4", bytes(data)), thumbs)
    assert result.duration == pytest.approx(3.0, abs=0.15)
    assert inspect_file(_write(tmp_path / "c.mp4", header_only_mp4(0)), thumbs).duration is None


def test_a_recording_has_its_header_length_and_no_poster(tmp_path, thumbs):
    result = inspect_file(_write(tmp_path / "录音.m4a", header_only_mp4(61).replace(b"isom", b"M4A ", 1)), thumbs)
    assert (result.media, result.duration, result.thumbnail) == ("audio", 61, None)


def test_a_zero_filled_video_keeps_its_problem(tmp_path, thumbs):
    result = inspect_file(_write(tmp_path / "a.mp4", b"\0" * 50_000), thumbs)
    assert result.problem.code == "corrupt" and result.thumbnail is None and result.duration is None


def _inspect_in_child(path: Path, thumbs: Path) -> InspectedMedia:
    return inspect_file(path, thumbs)


def test_a_truncated_video_gives_a_result_not_a_hang(tmp_path, thumbs):
    whole = phone_clip(tmp_path / "whole.mp4", seconds=4.0).read_bytes()
    half = _write(tmp_path / "half.mp4", whole[: len(whole) // 2])
    with ProcessPoolExecutor(max_workers=1) as pool:
        result = pool.submit(_inspect_in_child, half, thumbs).result(timeout=60)
    assert result.kind == "media" and result.readable  # its first bytes are a video's
    assert result.thumbnail is None  # the index (moov) was at the end, cut off


@pytest.mark.skipif(not TESTDATA.is_dir(), reason="shared test data missing")
def test_every_corpus_file_named_mp4_inspects_without_raising(tmp_path, thumbs):
    for number, source in enumerate(sorted(p for p in TESTDATA.rglob("*") if p.is_file())):
        target = shutil.copy(source, tmp_path / f"{number:02d}-{source.stem}.mp4")
        result = inspect_file(Path(target), thumbs)
        assert result.kind == "media", source.name
        assert result.readable or result.problem.reason


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _scrambled(data: bytes, start: int) -> bytes:
    """`data` with every 7th byte from `start` on inverted: a damaged copy whose header still reads."""
    out = bytearray(data)
    for i in range(start, len(out), 7):
        out[i] ^= 0xFF
    return bytes(out)


@pytest.mark.parametrize("damage", ["frames", "index", "avi", "webm", "random"])
def test_a_damaged_video_that_still_looks_like_one_gives_a_result(damage, tmp_path, thumbs):
    clip = phone_clip(tmp_path / "clip.mp4", seconds=2.0).read_bytes()
    frames = [numbered_frame(i) for i in range(10)]
    content = {
        "frames": lambda: _scrambled(clip, 200),  # ftyp and the start of mdat intact
        "index": lambda: _scrambled(clip, len(clip) - 400),  # the moov at the end scrambled
        "avi": lambda: _scrambled(write_video(tmp_path / "c.avi", frames, fourcc="MJPG").read_bytes(), 600),
        "webm": lambda: _scrambled(write_video(tmp_path / "c.webm", frames, fourcc="VP80").read_bytes(), 300),
        "random": lambda: clip[:32] + bytes((i * 7919) % 251 for i in range(200_000)),
    }[damage]()
    path = _write(tmp_path / "01-活动视频.mp4", content)
    with ProcessPoolExecutor(max_workers=1) as pool:
        result = pool.submit(_inspect_in_child, path, thumbs).result(timeout=60)
    assert result.kind == "media" and result.readable  # the bytes start like a video
    assert result.thumbnail is None or (thumbs / result.thumbnail).is_file()
