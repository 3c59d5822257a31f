"""The red-seal heuristic: a round red mark on a page is a seal; a red title line, a red
photo background or no red at all is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from generator.archive.inspectors.photo import decode_reduced, make_thumbnail
from generator.archive.inspectors.seal import has_red_seal

ARCHIVE = Path(__file__).resolve().parent.parent / "archive"
SEAL_RED = (220, 30, 40)


def page(width: int = 1240, height: int = 1754) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A white A4 page at 150 dpi with black text lines."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for y in range(300, height - 200, 60):
        draw.rectangle([120, y, width - 120, y + 14], fill=(30, 30, 30))
    return image, draw


def seal(draw: ImageDraw.ImageDraw, cx: int, cy: int, radius: int = 150) -> None:
    """A seal as stamped: a red ring, a star and a line of characters inside."""
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=SEAL_RED, width=radius // 12)
    draw.regular_polygon((cx, cy, radius // 4), 5, fill=SEAL_RED)
    draw.rectangle([cx - radius * 0.6, cy + radius * 0.4, cx + radius * 0.6, cy + radius * 0.5], fill=SEAL_RED)


@pytest.mark.parametrize("where", [(900, 1450), (300, 400), (620, 877)])
def test_a_round_red_stamp_on_a_page_is_a_seal(where):
    image, draw = page()
    seal(draw, *where)
    assert has_red_seal(image)


def test_a_seal_is_found_at_thumbnail_size_too():
    image, draw = page()
    seal(draw, 900, 1450)
    image.thumbnail((360, 360))
    assert has_red_seal(image)


def test_a_red_title_line_is_not_a_seal():
    image, draw = page()
    draw.rectangle([100, 80, 1140, 180], fill=SEAL_RED)  # 红头: the red head of an official paper
    draw.line([100, 230, 1140, 230], fill=SEAL_RED, width=6)
    assert not has_red_seal(image)


def test_a_page_without_red_has_no_seal():
    image, _ = page()
    assert not has_red_seal(image)
    assert not has_red_seal(image.convert("L"))


def test_a_red_backdrop_filling_the_picture_is_not_a_seal():
    image = Image.new("RGB", (4000, 3000), SEAL_RED)  # a red banner wall behind a meeting
    ImageDraw.Draw(image).rectangle([1500, 1000, 2500, 2900], fill=(40, 40, 60))
    assert not has_red_seal(image)


def test_the_example_archives_stamped_table_shows_its_seal():
    table = next(ARCHIVE.glob("III-10_*/1)*/01-*统计表.jpg"))
    with Image.open(table) as im:
        assert has_red_seal(make_thumbnail(decode_reduced(im, 360)))
