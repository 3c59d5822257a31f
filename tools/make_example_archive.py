#!/usr/bin/env python3
"""Write the example evidence archive (archive/) the binder is demonstrated and tested on.

Run from the repository root:

    .venv/bin/python tools/make_example_archive.py            # writes ./archive/
    .venv/bin/python tools/make_example_archive.py --out DIR  # somewhere else

Needs Pillow and python-docx (project dependencies), fpdf2 (`pip install fpdf2`, the
`example` extra) for the PDFs with a text layer (without it they are written as scans
instead), and the Noto CJK fonts
(Debian/Ubuntu: `apt-get install fonts-noto-cjk`; or set NOTO_CJK_DIR to a folder
holding NotoSansCJK-*.ttc and NotoSerifCJK-*.ttc), and LibreOffice
(`apt-get install libreoffice-writer-nogui`) for the two reports saved as Word 97 binary
(.doc, and the .wps WPS Office writes in the same format): each is its .docx converted by
`soffice --headless --convert-to doc`, which gives the same bytes on every run.

What it writes: materials for 6 of the 24 indicators of archive/criteria.yml, laid out
as the project's design says (indicator folder / standard folder / requirement folder / files):
synthetic scene photos (JPEG with EXIF, 4000x3000, 1.65-1.85 MB each), "scanned"
official documents (image-only PDFs with a red head and a red seal), PDFs with a text
layer (fpdf2), Word reports (python-docx), a statistics table image with a seal, and one
short video beside the photos of Ⅲ-10's 学习会 (VP9 in MP4 written by OpenCV, about 170 KB;
the framework asks for no video anywhere, so it stands where an activity's photos are).
Some materials are wrong on purpose (see DEFECTS below and archive/README.md), so the
checks have something to find.

The output is deterministic: every random choice comes from a generator seeded by the
file's name, docx files get fixed core-property dates and fixed zip entry times, PDFs
fixed metadata dates; no clock is read. Running it twice gives byte-identical files
(with the same Pillow/libjpeg, FreeType, fontTools and fonts).

It never touches archive/criteria.yml or archive/README.md: before writing, it removes
only the folders it creates itself (TOP_LEVEL below).

DEFECTS (deliberate; numbered as in archive/README.md, which lists them in Chinese):
  1. Ⅲ-2 ④: only 2 of the 4 meetings asked for (第1次, 第2次).
  2. Ⅲ-2 ④ 第2次: 2 photos where 5 are asked.
  3. Ⅲ-2 ④ 第2次: one photo named "IMG_2034.JPG" (the camera's name: no date, place, activity,
     organizer, theme); otherwise compliant (4000x3000, 1.7 MB).
  4. Ⅲ-2 ④ 第2次: the other photo is a PNG (1600x1200, about 0.2 MB).
  5. Ⅲ-16 3）②: the 3 training photos are 1200x900 and about 0.19 MB (too small).
  6. Ⅲ-16 3）①: the report has about 110 characters where 300 are asked.
  7. Ⅲ-35 ①: the requirement folder exists but is empty (the document is missing). Git keeps
     no empty folder: from a checkout the folder is absent, which comes to the same finding.
  8. 临时/新建文本文档.txt at the archive root: a stray file that matches nothing.
Complete and compliant: Ⅲ-10, Ⅲ-26, Ⅲ-89.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ExifTags

SEED = "archive-binder example 2017"
ROOT = Path(__file__).resolve().parents[1]
UNIT = "汕尾市经济和信息化局"
UNIT_PARTY = "中共汕尾市经济和信息化局党组"
TZ = dt.timezone(dt.timedelta(hours=8))

# Compliant photos: 1.5-2 MB by the seed's rule; aim inside it whichever way a "MB" is read
# (1 650 000 B = 1.57 MiB, 1 850 000 B = 1.85 MB).
PHOTO_BYTES = (1_650_000, 1_850_000)
SMALL_PHOTO_BYTES = (170_000, 240_000)

TOP_LEVEL = [
    "Ⅲ-2 健全完善学习制度",
    "III-10_发挥榜样作用",
    "Ⅲ-16 制度化建设",
    "Ⅲ-26：落实从严治党要求",
    "Ⅲ－35 诚信奖罚制度",
    "Ⅲ-89、群众评价",
    "临时",
]
"""Everything this script writes at the archive's root (removed before writing again)."""


def rng(name: str) -> random.Random:
    """A random generator of its own for each file, so the order of writing doesn't matter."""
    digest = hashlib.sha256(f"{SEED}:{name}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


# --- fonts ---------------------------------------------------------------------------

FONT_DIRS = [
    os.environ.get("NOTO_CJK_DIR", ""),
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/noto-cjk",
    "/usr/share/fonts/google-noto-cjk",
    "/usr/share/fonts/truetype/noto",
    "/usr/local/share/fonts",
]
FONT_FILES = {
    "sans": "NotoSansCJK-Regular.ttc",
    "sans-bold": "NotoSansCJK-Bold.ttc",
    "serif": "NotoSerifCJK-Regular.ttc",
    "serif-bold": "NotoSerifCJK-Bold.ttc",
}
SC_INDEX = 2  # Simplified Chinese face inside the .ttc collections


def font_path(kind: str) -> Path:
    name = FONT_FILES[kind]
    for folder in FONT_DIRS:
        if folder and (Path(folder) / name).is_file():
            return Path(folder) / name
    sys.exit(f"找不到字体 {name}：请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk），"
             f"或设置 NOTO_CJK_DIR 指向字体所在文件夹。")


_fonts: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}


def font(kind: str, size: int) -> ImageFont.FreeTypeFont:
    key = (kind, max(1, int(size)))
    if key not in _fonts:
        _fonts[key] = ImageFont.truetype(str(font_path(kind)), key[1], index=SC_INDEX)
    return _fonts[key]


def fit_font(kind: str, text: str, width: float, height: float) -> ImageFont.FreeTypeFont:
    size = int(height)
    while size > 6 and font(kind, size).getlength(text) > width:
        size = int(size * 0.94)
    return font(kind, size)


# --- image helpers ---------------------------------------------------------------------


def vgradient(size: tuple[int, int], top: tuple, bottom: tuple) -> Image.Image:
    column = Image.new("RGB", (1, 256))
    column.putdata([tuple(int(a + (b - a) * i / 255) for a, b in zip(top, bottom)) for i in range(256)])
    return column.resize(size, Image.Resampling.BILINEAR)


def grain(img: Image.Image, rnd: random.Random, amplitude: int) -> Image.Image:
    """Add monochrome sensor noise (seeded, so reproducible)."""
    w, h = img.size
    noise = Image.frombytes("L", (w, h), rnd.randbytes(w * h))
    lut = [128 - amplitude + (v * (2 * amplitude + 1)) // 256 for v in range(256)]
    noise = noise.point(lut)
    return ImageChops.add(img, Image.merge("RGB", (noise, noise, noise)), 1.0, -128)


def vignette(img: Image.Image, strength: float, tint: tuple[int, int, int]) -> Image.Image:
    w, h = img.size
    radial = Image.radial_gradient("L").resize((w, h), Image.Resampling.BILINEAR)
    falloff = radial.point(lambda v: int(255 - strength * max(0, v - 70) * 255 / 185))
    shade = Image.merge("RGB", tuple(falloff.point(lambda v, t=t: v * t // 255) for t in tint))
    return ImageChops.multiply(img, shade)


def jpeg_bytes(img: Image.Image, quality: int, exif: bytes | None = None) -> bytes:
    out = io.BytesIO()
    kwargs = {"quality": quality}
    if exif:
        kwargs["exif"] = exif
    img.save(out, "JPEG", **kwargs)
    return out.getvalue()


def fit_jpeg(img: Image.Image, window: tuple[int, int], exif: bytes | None = None) -> bytes:
    """Binary-search the JPEG quality so the file size falls inside `window` (bytes)."""
    low, high = 30, 98
    best: bytes | None = None
    while low <= high:
        quality = (low + high) // 2
        data = jpeg_bytes(img, quality, exif)
        if len(data) < window[0]:
            low = quality + 1
        elif len(data) > window[1]:
            high = quality - 1
        else:
            return data
        if best is None or abs(len(data) - sum(window) / 2) < abs(len(best) - sum(window) / 2):
            best = data
    raise RuntimeError(f"no JPEG quality gives {window} bytes (closest {len(best or b'')})")


def exif_bytes(when: dt.datetime, make: str, model: str, orientation: int = 1) -> bytes:
    exif = Image.Exif()
    stamp = when.strftime("%Y:%m:%d %H:%M:%S")
    exif[ExifTags.Base.Make] = make
    exif[ExifTags.Base.Model] = model
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.DateTime] = stamp
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[ExifTags.Base.DateTimeOriginal] = stamp
    sub[ExifTags.Base.DateTimeDigitized] = stamp
    return exif.tobytes()


# --- the red seal ----------------------------------------------------------------------------


def seal_mask(name: str, radius: int, bottom: str = "") -> Image.Image:
    """A round official seal as an ink mask (L): ring, star, the unit's name along the arc."""
    rnd = rng("seal:" + name + bottom + str(radius))
    size = 2 * radius + 16
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    c = size / 2
    ring = max(3, radius // 15)
    draw.ellipse([c - radius, c - radius, c + radius, c + radius], outline=255, width=ring)
    star_r = radius * 0.27
    points = []
    for i in range(10):
        r = star_r if i % 2 == 0 else star_r * 0.40
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((c + r * math.cos(angle), c + r * math.sin(angle)))
    draw.polygon(points, fill=255)
    glyph = font("serif-bold", radius * 0.26)
    arc_r = radius - ring - radius * 0.2
    span = min(250.0, 24.0 * len(name))
    for i, ch in enumerate(name):
        phi = -span / 2 + span * (i + 0.5) / len(name)
        tile = Image.new("L", (int(radius * 0.45), int(radius * 0.45)), 0)
        ImageDraw.Draw(tile).text((tile.width / 2, tile.height / 2), ch, font=glyph, fill=255, anchor="mm")
        tile = tile.rotate(-phi, resample=Image.Resampling.BICUBIC, expand=True)
        x = c + arc_r * math.sin(math.radians(phi)) - tile.width / 2
        y = c - arc_r * math.cos(math.radians(phi)) - tile.height / 2
        mask.paste(255, (int(x), int(y)), tile)
    if bottom:
        draw.text((c, c + radius * 0.52), bottom, font=font("serif-bold", radius * 0.2), fill=255, anchor="mm")
    # uneven ink: speckles where the stamp didn't touch the paper
    speckle = Image.frombytes("L", mask.size, rnd.randbytes(size * size)).point(
        lambda v: 0 if v < 18 else (150 if v < 50 else 255))
    mask = ImageChops.multiply(mask, speckle.filter(ImageFilter.GaussianBlur(0.8)))
    return mask.filter(ImageFilter.GaussianBlur(radius / 160))


def stamp(page: Image.Image, mask: Image.Image, center: tuple[float, float],
          color: tuple[int, int, int] = (214, 30, 38), angle: float = 0.0) -> None:
    """Press the seal onto the page: red ink multiplied over what is printed."""
    if angle:
        mask = mask.rotate(angle, resample=Image.Resampling.BICUBIC)
    box = (int(center[0] - mask.width / 2), int(center[1] - mask.height / 2))
    box = (*box, box[0] + mask.width, box[1] + mask.height)
    overlay = Image.composite(Image.new("RGB", mask.size, color), Image.new("RGB", mask.size, "white"), mask)
    page.paste(ImageChops.multiply(page.crop(box), overlay), box[:2])


def seal_png(name: str, bottom: str = "") -> bytes:
    """The seal as an RGBA PNG (for PDFs with a text layer)."""
    mask = seal_mask(name, 220, bottom)
    img = Image.new("RGBA", mask.size, (214, 30, 38, 0))
    img.putalpha(mask.point(lambda v: v * 220 // 255))
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


# --- scenes (photos) ---------------------------------------------------------------------------


@dataclass
class Scene:
    """What a synthetic photo shows."""

    banner: str
    screen: list[str] = field(default_factory=list)
    layout: str = "table"  # table | classroom | lobby
    people: int = 12
    shift: float = 0.0  # camera left/right, fraction of the width
    tint: tuple[int, int, int] = (255, 250, 240)
    boards: list[str] = field(default_factory=list)
    speaker: bool = False


SKIN = [(238, 200, 170), (226, 184, 150), (214, 172, 140), (240, 208, 180)]
SUITS = [(30, 34, 45), (42, 46, 60), (55, 55, 60), (35, 45, 70), (70, 72, 80), (240, 240, 238)]


def draw_person(draw: ImageDraw.ImageDraw, x: float, floor_y: float, s: float, rnd: random.Random,
                *, seated: bool = True, facing: bool = True) -> None:
    """A person seen at depth scale `s` (the room's height in pixels at that depth)."""
    skin = rnd.choice(SKIN)
    suit = rnd.choice(SUITS)
    head_r = 0.036 * s
    shoulder = 0.075 * s * rnd.uniform(0.9, 1.08)
    top = floor_y - (0.43 if seated else 0.56) * s * rnd.uniform(0.95, 1.04)
    torso_top = top + 2.3 * head_r
    torso_bottom = floor_y - (0.17 if seated else 0.28) * s
    if not seated:  # legs
        leg = (28, 30, 38)
        draw.rectangle([x - shoulder * 0.55, torso_bottom - 2, x - shoulder * 0.08, floor_y], fill=leg)
        draw.rectangle([x + shoulder * 0.08, torso_bottom - 2, x + shoulder * 0.55, floor_y], fill=leg)
    draw.rounded_rectangle([x - shoulder, torso_top, x + shoulder, torso_bottom], radius=shoulder * 0.45, fill=suit)
    if facing and suit != (240, 240, 238):
        draw.polygon([(x - shoulder * 0.28, torso_top), (x + shoulder * 0.28, torso_top),
                      (x, torso_top + shoulder * 0.75)], fill=(245, 245, 245))
        draw.polygon([(x - shoulder * 0.05, torso_top + shoulder * 0.1), (x + shoulder * 0.05, torso_top + shoulder * 0.1),
                      (x, torso_top + shoulder * 0.6)], fill=rnd.choice([(150, 20, 30), (30, 50, 120)]))
    draw.rectangle([x - head_r * 0.4, torso_top - head_r * 0.5, x + head_r * 0.4, torso_top + 2], fill=skin)
    cy = top + head_r * 1.1
    draw.ellipse([x - head_r * 0.85, cy - head_r, x + head_r * 0.85, cy + head_r * 1.05], fill=skin)
    hair = rnd.choice([(20, 18, 18), (35, 30, 28), (60, 55, 50)])
    if facing:
        draw.chord([x - head_r * 0.9, cy - head_r * 1.08, x + head_r * 0.9, cy + head_r * 0.5], 180, 360, fill=hair)
        for side in (-1, 1):
            ex = x + side * head_r * 0.35
            draw.ellipse([ex - head_r * 0.09, cy + head_r * 0.08, ex + head_r * 0.09, cy + head_r * 0.22], fill=(40, 30, 30))
        draw.line([x - head_r * 0.2, cy + head_r * 0.62, x + head_r * 0.2, cy + head_r * 0.62],
                  fill=(150, 90, 80), width=max(1, int(head_r * 0.06)))
    else:
        draw.ellipse([x - head_r * 0.9, cy - head_r * 1.08, x + head_r * 0.9, cy + head_r * 0.9], fill=hair)


def render_scene(scene: Scene, size: tuple[int, int], rnd: random.Random) -> Image.Image:
    """A room drawn in one-point perspective: back wall with banner and screen, people, furniture."""
    W, H = size
    img = Image.new("RGB", size, (230, 225, 215))
    d = ImageDraw.Draw(img)
    bx0, bx1 = W * (0.24 + scene.shift), W * (0.76 + scene.shift)
    by0, by1 = H * 0.13, H * 0.56
    bw, bh = bx1 - bx0, by1 - by0
    vp = ((bx0 + bx1) / 2, by0 + bh * 0.55)

    def ext(p: tuple[float, float], k: float) -> tuple[float, float]:
        return (vp[0] + k * (p[0] - vp[0]), vp[1] + k * (p[1] - vp[1]))

    TL, TR, BR, BL = (bx0, by0), (bx1, by0), (bx1, by1), (bx0, by1)
    K = 6.0
    lobby = scene.layout == "lobby"
    wall = (222, 214, 196) if not lobby else (236, 234, 228)
    d.polygon([ext(TL, K), ext(TR, K), TR, TL], fill=(238, 238, 234))  # ceiling
    d.polygon([ext(TL, K), TL, BL, ext(BL, K)], fill=tuple(int(c * 0.9) for c in wall))  # left wall
    d.polygon([ext(TR, K), TR, BR, ext(BR, K)], fill=tuple(int(c * 0.95) for c in wall))  # right wall
    floor = (112, 58, 52) if scene.layout != "lobby" else (196, 190, 180)
    d.polygon([BL, BR, ext(BR, K), ext(BL, K)], fill=floor)
    img.paste(vgradient((int(bw), int(bh)), tuple(min(255, c + 12) for c in wall), wall), (int(bx0), int(by0)))

    def on_floor(u: float, k: float) -> tuple[float, float]:
        return ext((bx0 + u * bw, by1), k)

    if lobby:  # floor tiles
        for i in range(13):
            u = i / 12
            d.line([on_floor(u, 1), on_floor(u, K)], fill=(170, 165, 156), width=max(1, W // 900))
        k = 1.0
        while k < K:
            d.line([on_floor(0, k), on_floor(1, k)], fill=(170, 165, 156), width=max(1, W // 900))
            k *= 1.18
    # ceiling lights
    for k0 in (1.25, 1.7, 2.3, 3.1, 4.2):
        for u0 in (0.25, 0.62):
            quad = [ext((bx0 + u * bw, by0), k) for u, k in ((u0, k0), (u0 + 0.13, k0), (u0 + 0.13, k0 * 1.12), (u0, k0 * 1.12))]
            d.polygon(quad, fill=(252, 252, 246), outline=(205, 205, 200))
    # windows on the right wall, a door on the left
    for k0, k1 in ((1.3, 1.75), (2.1, 2.8), (3.3, 4.4)):
        quad = [ext((bx1, by0 + v * bh), k) for v, k in ((0.18, k0), (0.18, k1), (0.72, k1), (0.72, k0))]
        d.polygon(quad, fill=(196, 218, 236), outline=(250, 250, 250))
        mid = [ext((bx1, by0 + v * bh), (k0 + k1) / 2) for v in (0.18, 0.72)]
        d.line(mid, fill=(250, 250, 250), width=max(2, W // 500))
        curtain = [ext((bx1, by0 + v * bh), k) for v, k in ((0.12, k1), (0.12, k1 * 1.07), (0.8, k1 * 1.07), (0.8, k1))]
        d.polygon(curtain, fill=(206, 178, 120))
    door = [ext((bx0, by0 + v * bh), k) for v, k in ((0.3, 1.4), (0.3, 1.8), (1.0, 1.8), (1.0, 1.4))]
    d.polygon(door, fill=(140, 96, 60), outline=(95, 64, 40))

    # back wall: banner (会标) and screen, or display boards in a lobby
    banner_box = (bx0 + bw * 0.05, by0 + bh * 0.06, bx1 - bw * 0.05, by0 + bh * 0.2)
    d.rectangle(banner_box, fill=(176, 18, 24))
    f = fit_font("sans-bold", scene.banner, (banner_box[2] - banner_box[0]) * 0.92, (banner_box[3] - banner_box[1]) * 0.62)
    d.text(((banner_box[0] + banner_box[2]) / 2, (banner_box[1] + banner_box[3]) / 2), scene.banner,
           font=f, fill=(252, 226, 96), anchor="mm")
    if scene.boards:
        n = len(scene.boards)
        gap = bw * 0.025
        width = (bw * 0.92 - gap * (n - 1)) / n
        for i, title in enumerate(scene.boards):
            x0 = bx0 + bw * 0.04 + i * (width + gap)
            y0, y1 = by0 + bh * 0.27, by0 + bh * 0.86
            d.rectangle([x0, y0, x0 + width, y1], fill=(250, 248, 240), outline=(160, 150, 140), width=max(2, W // 700))
            d.rectangle([x0, y0, x0 + width, y0 + (y1 - y0) * 0.14], fill=(196, 26, 30))
            tf = fit_font("sans-bold", title, width * 0.8, (y1 - y0) * 0.1)
            d.text((x0 + width / 2, y0 + (y1 - y0) * 0.07), title, font=tf, fill="white", anchor="mm")
            for j in range(2):
                px = x0 + width * (0.08 + j * 0.45)
                py = y0 + (y1 - y0) * 0.2
                color = tuple(rnd.randrange(90, 200) for _ in range(3))
                d.rectangle([px, py, px + width * 0.38, py + (y1 - y0) * 0.28], fill=color)
                draw_person(d, px + width * 0.19, py + (y1 - y0) * 0.28, (y1 - y0) * 0.55, rnd, seated=True)
            for line in range(7):
                ly = y0 + (y1 - y0) * (0.55 + line * 0.055)
                d.line([x0 + width * 0.08, ly, x0 + width * rnd.uniform(0.6, 0.92), ly], fill=(120, 120, 120),
                       width=max(2, int(H / 500)))
    elif scene.screen:
        sx0, sx1 = bx0 + bw * 0.22, bx1 - bw * 0.22
        sy0, sy1 = by0 + bh * 0.27, by0 + bh * 0.72
        img.paste(vgradient((int(sx1 - sx0), int(sy1 - sy0)), (36, 84, 170), (18, 40, 104)), (int(sx0), int(sy0)))
        d.rectangle([sx0, sy0, sx1, sy1], outline=(40, 40, 40), width=max(3, W // 400))
        line_h = (sy1 - sy0) / (len(scene.screen) + 1.5)
        for i, text in enumerate(scene.screen):
            tf = fit_font("sans-bold" if i == 0 else "sans", text, (sx1 - sx0) * 0.86, line_h * (0.62 if i == 0 else 0.5))
            d.text(((sx0 + sx1) / 2, sy0 + line_h * (i + 1.2)), text, font=tf, fill=(255, 255, 255), anchor="mm")
    # plants in the back corners
    for u in (0.04, 0.96):
        px, py = on_floor(u, 1.05)
        s = bh * 1.05
        d.polygon([(px - s * 0.05, py - s * 0.12), (px + s * 0.05, py - s * 0.12), (px + s * 0.035, py), (px - s * 0.035, py)],
                  fill=(120, 70, 40))
        for _ in range(14):
            lx, ly = px + rnd.uniform(-0.09, 0.09) * s, py - s * rnd.uniform(0.15, 0.38)
            r = s * rnd.uniform(0.03, 0.06)
            d.ellipse([lx - r, ly - r * 0.6, lx + r, ly + r * 0.6], fill=(40 + rnd.randrange(40), 110 + rnd.randrange(50), 45))

    if scene.layout == "table":
        def top(u: float, k: float) -> tuple[float, float]:
            x, y = on_floor(u, k)
            return (x, y - 0.25 * bh * k)

        k_far, k_near, k_last = 1.3, 4.6, 3.1  # the table runs towards the camera; seats up to k_last
        count = max(1, scene.people // 2)
        seats = [round(k_far + 0.15 + (k_last - k_far - 0.15) * i / max(1, count - 1), 3) for i in range(count)]
        if scene.speaker:  # the person chairing, at the far end of the table
            x, y = on_floor(0.5, k_far - 0.05)
            draw_person(d, x, y, bh * (k_far - 0.05), rnd)
        table = [top(0.37, k_far), top(0.63, k_far), top(0.63, k_near), top(0.37, k_near)]
        d.polygon(table, fill=(146, 92, 52))
        d.line([table[0], table[3]], fill=(190, 135, 86), width=max(3, W // 600))
        d.line([table[1], table[2]], fill=(190, 135, 86), width=max(3, W // 600))
        for k in seats:  # far to near: chair back, person, then what lies on the table in front of them
            s = bh * k
            for u, side in ((0.31, -1), (0.69, 1)):
                x, y = on_floor(u, k)
                d.rounded_rectangle([x - 0.06 * s, y - 0.4 * s, x + 0.06 * s, y - 0.24 * s], radius=0.02 * s,
                                    fill=(58, 40, 34))
                draw_person(d, x, y, s, rnd)
                tx, ty = top(0.5 + side * 0.09, k)
                d.rectangle([tx - 0.022 * s, ty - 0.032 * s, tx + 0.022 * s, ty - 0.014 * s], fill=(246, 246, 244),
                            outline=(170, 160, 150))
                d.rectangle([tx - 0.03 * s, ty - 0.006 * s, tx + 0.012 * s, ty + 0.004 * s], fill=(236, 234, 226))
                cx = tx - side * 0.035 * s
                d.ellipse([cx - 0.008 * s, ty - 0.02 * s, cx + 0.008 * s, ty - 0.004 * s], fill=(250, 250, 250),
                          outline=(190, 190, 190))
    elif scene.layout == "classroom":
        if scene.speaker:  # the trainer beside a lectern, right of the screen
            x, y = on_floor(0.8, 1.12)
            draw_person(d, x - bh * 0.1, y, bh * 1.12, rnd, seated=False)
            d.polygon([(x - bh * 0.07, y - bh * 0.38), (x + bh * 0.07, y - bh * 0.38), (x + bh * 0.06, y), (x - bh * 0.06, y)],
                      fill=(150, 30, 30))
        rows = max(2, scene.people // 4)

        def desk_top(u: float, k: float) -> tuple[float, float]:
            x, y = on_floor(u, k)
            return (x, y - 0.25 * bh * k)
        for r in range(rows):  # far to near: the desk in front of a row, then the row seen from behind
            k = 1.7 + r * (2.2 / rows)
            for u0, u1 in ((0.04, 0.44), (0.56, 0.96)):
                quad = [desk_top(u0, k - 0.22), desk_top(u1, k - 0.22), desk_top(u1, k - 0.08), desk_top(u0, k - 0.08)]
                d.polygon(quad, fill=(205, 186, 150), outline=(160, 140, 110))
            for u in (0.12, 0.34, 0.66, 0.88):
                x, y = on_floor(u + rnd.uniform(-0.02, 0.02), k)
                draw_person(d, x, y, bh * k, rnd, facing=False)
    elif scene.layout == "lobby":
        for i in range(scene.people):
            u = rnd.uniform(0.1, 0.9)
            k = rnd.uniform(1.4, 3.0)
            x, y = on_floor(u, k)
            draw_person(d, x, y, bh * k, rnd, seated=False, facing=rnd.random() < 0.3)
    return img


def photo_image(scene: Scene, size: tuple[int, int], name: str, *, amplitude: int = 5) -> Image.Image:
    rnd = rng(name)
    img = render_scene(scene, size, rnd)
    img = img.filter(ImageFilter.GaussianBlur(size[0] / 2600))
    img = vignette(img, 0.45, scene.tint)
    return grain(img, rnd, amplitude) if amplitude else img


def write_photo(path: Path, scene: Scene, when: dt.datetime, *, small: bool = False, orientation: int = 1,
                make: str = "Canon", model: str = "Canon EOS 700D") -> None:
    """A scene photo: 4000x3000 and 1.65-1.85 MB, or (small=True) 1200x900 and about 0.2 MB."""
    size = (1200, 900) if small else (4000, 3000)
    img = photo_image(scene, size, path.name, amplitude=4 if small else 5)
    if orientation == 6:  # stored as the camera wrote it: turned; the viewer rotates it back 90° clockwise
        img = img.transpose(Image.Transpose.ROTATE_90)
    data = fit_jpeg(img, SMALL_PHOTO_BYTES if small else PHOTO_BYTES, exif_bytes(when, make, model, orientation))
    write(path, data)


VIDEO_SIZE = (640, 360)
VIDEO_FPS = 10
VIDEO_BITRATE = 400_000
"""Bits per second: a 4-second clip of about 200 KB, small enough for the repository."""
VIDEO_FADE_FRAMES = 5
"""Half a second fading in from black: phones often record a black first frame, and the
binder's poster must skip it."""


def write_video(path: Path, scene: Scene, caption: str, *, seconds: int = 4) -> None:
    """A short real video of a scene: a fade-in from black, then a slow pan and zoom over
    the scene with a caption bar in Chinese. VP9 in MP4: browsers play it, and OpenCV's
    bundled FFmpeg writes the same bytes on every run (its H.264 encoder is missing, and
    its WebM muxer stamps a random segment id)."""
    import cv2  # only the video needs it; the project depends on it (opencv-python-headless)
    import numpy as np

    wide = photo_image(scene, (VIDEO_SIZE[0] * 2, VIDEO_SIZE[1] * 2), path.name, amplitude=0)
    bar = font("sans", 22)
    count = seconds * VIDEO_FPS
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "clip.mp4"
        writer = cv2.VideoWriter(str(target), cv2.CAP_FFMPEG, cv2.VideoWriter_fourcc(*"vp09"), VIDEO_FPS,
                                 VIDEO_SIZE, [cv2.VIDEOWRITER_PROP_BITRATE, VIDEO_BITRATE])
        if not writer.isOpened():
            sys.exit("OpenCV 无法写出 VP9 视频（需要 opencv-python-headless 自带的 FFmpeg）")
        for index in range(count):
            frame = _video_frame(wide, index / (count - 1), caption, bar)
            fade = min(1.0, index / VIDEO_FADE_FRAMES)
            pixels = (np.asarray(frame, dtype=np.float32) * fade).astype(np.uint8)
            writer.write(cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR))
        writer.release()
        write(path, target.read_bytes())


def _video_frame(wide: Image.Image, t: float, caption: str, bar: ImageFont.FreeTypeFont) -> Image.Image:
    """One frame at `t` (0..1) of the pan: a window sliding right and closing in."""
    zoom = 0.8 - 0.15 * t
    w, h = wide.width * zoom, wide.height * zoom
    left, top = (wide.width - w) * (0.2 + 0.6 * t), (wide.height - h) * 0.4
    frame = wide.resize(VIDEO_SIZE, Image.Resampling.LANCZOS, box=(left, top, left + w, top + h))
    draw = ImageDraw.Draw(frame, "RGBA")
    draw.rectangle((0, VIDEO_SIZE[1] - 44, VIDEO_SIZE[0], VIDEO_SIZE[1]), fill=(0, 0, 0, 150))
    draw.text((16, VIDEO_SIZE[1] - 22), caption, font=bar, fill=(255, 255, 255), anchor="lm")
    return frame


def write_png_photo(path: Path, scene: Scene) -> None:
    """A scene photo saved as PNG (not allowed: photos must be JPG/JPEG)."""
    img = photo_image(scene, (1600, 1200), path.name, amplitude=0)
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    write(path, out.getvalue())


# --- scanned documents (image-only PDFs) ------------------------------------------------------------

DPI = 150
A4 = (1240, 1754)  # A4 at 150 dpi
MM = DPI / 25.4
NO_LINE_START = set("，。、；：？！）》」』”’%·…")


def wrap(text: str, fnt: ImageFont.FreeTypeFont, width: float, indent: float = 0.0) -> list[str]:
    lines, line, room = [], "", width - indent
    for ch in text:
        if line and fnt.getlength(line + ch) > room and ch not in NO_LINE_START:
            lines.append(line)
            line, room = "", width
        line += ch
    if line:
        lines.append(line)
    return lines


class ScanWriter:
    """Lays out an official document (公文) on A4 pages, then makes them look scanned."""

    def __init__(self, name: str):
        self.name = name
        self.rnd = rng("scan:" + name)
        self.pages: list[Image.Image] = []
        self.left, self.right = int(28 * MM), A4[0] - int(26 * MM)
        self.bottom = A4[1] - int(30 * MM)
        self.new_page()

    @property
    def width(self) -> int:
        return self.right - self.left

    def new_page(self) -> None:
        self.page = Image.new("RGB", A4, "white")
        self.draw = ImageDraw.Draw(self.page)
        self.pages.append(self.page)
        self.y = int(30 * MM)

    def need(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.new_page()

    def red_head(self, text: str) -> None:
        f = fit_font("serif-bold", text, self.width * 0.98, 78)
        self.draw.text((A4[0] / 2, self.y + 40), text, font=f, fill=(212, 24, 30), anchor="mm")
        self.y += 125

    def doc_number(self, text: str) -> None:
        self.draw.text((A4[0] / 2, self.y + 18), text, font=font("serif", 28), fill="black", anchor="mm")
        self.y += 48
        self.draw.line([self.left, self.y, self.right, self.y], fill=(212, 24, 30), width=4)
        self.y += 52

    def title(self, text: str, size: int = 40) -> None:
        f = font("serif-bold", size)
        for line in wrap(text, f, self.width * 0.86):
            self.need(size * 1.5)
            self.draw.text((A4[0] / 2, self.y + size / 2), line, font=f, fill="black", anchor="mm")
            self.y += int(size * 1.5)
        self.y += int(size * 0.6)

    def para(self, text: str, *, indent: bool = True, bold: bool = False, size: int = 29) -> None:
        f = font("serif-bold" if bold else "serif", size)
        indent_px = f.getlength("　　") if indent else 0
        for i, line in enumerate(wrap(text, f, self.width, indent_px)):
            self.need(size * 1.75)
            x = self.left + (indent_px if i == 0 else 0)
            self.draw.text((x, self.y), line, font=f, fill=(20, 20, 20))
            self.y += int(size * 1.75)

    def space(self, px: int) -> None:
        self.y += px

    def sign(self, unit: str, date: str, *, seal: str | None = None, seal_bottom: str = "") -> None:
        """Signature lines at the right with the seal pressed over them."""
        f = font("serif", 29)
        self.need(330)
        self.y += 70
        right = self.right - f.getlength("　　")
        lines = [unit, date]
        centers = []
        for line in lines:
            w = f.getlength(line)
            self.draw.text((right - w, self.y), line, font=f, fill=(20, 20, 20))
            centers.append((right - w / 2, self.y + 15))
            self.y += 52
        if seal:
            cx = (centers[0][0] + centers[1][0]) / 2 + self.rnd.uniform(-15, 15)
            cy = (centers[0][1] + centers[1][1]) / 2 + self.rnd.uniform(-10, 10)
            stamp(self.page, seal_mask(seal, 122, seal_bottom), (cx, cy), angle=self.rnd.uniform(-12, 12))
        self.y += 40

    def table(self, headers: list[str], rows: list[list[str]], widths: list[float], *, size: int = 22) -> None:
        f, fb = font("serif", size), font("serif-bold", size)
        total = sum(widths)
        cols = [w * self.width / total for w in widths]
        line_h = int(size * 1.45)

        def row_lines(cells: list[str], fnt) -> list[list[str]]:
            return [wrap(str(c), fnt, cols[i] - 14) or [""] for i, c in enumerate(cells)]

        for r, cells in enumerate([headers] + rows):
            fnt = fb if r == 0 else f
            wrapped = row_lines(cells, fnt)
            height = max(len(w) for w in wrapped) * line_h + 14
            if self.y + height > self.bottom:
                self.new_page()
            x = self.left
            for i, lines in enumerate(wrapped):
                self.draw.rectangle([x, self.y, x + cols[i], self.y + height], outline=(20, 20, 20), width=2)
                ty = self.y + (height - len(lines) * line_h) / 2
                for line in lines:
                    self.draw.text((x + cols[i] / 2, ty + line_h / 2), line, font=fnt, fill=(20, 20, 20), anchor="mm")
                    ty += line_h
                x += cols[i]
            self.y += height
        self.y += 20

    def footer_line(self, left: str, right: str) -> None:
        """The 印发 line at the bottom of the last page, between two rules."""
        f = font("serif", 25)
        y = self.bottom - 10
        if self.y > y - 40:
            self.new_page()
        self.draw.line([self.left, y - 8, self.right, y - 8], fill="black", width=2)
        self.draw.text((self.left + 20, y), left, font=f, fill=(20, 20, 20))
        self.draw.text((self.right - 20 - f.getlength(right), y), right, font=f, fill=(20, 20, 20))
        self.draw.line([self.left, y + 42, self.right, y + 42], fill="black", width=2)

    def pdf(self, *, title: str, author: str, subject: str, when: dt.datetime, quality: int = 55) -> bytes:
        scanned = []
        n = len(self.pages)
        for i, page in enumerate(self.pages):
            if n > 1:
                num = f"— {i + 1} —"
                ImageDraw.Draw(page).text((A4[0] / 2, A4[1] - 16 * MM), num, font=font("serif", 26), fill="black", anchor="mm")
            scanned.append(self.scanify(page))
        out = io.BytesIO()
        stamp_time = when.timetuple()
        scanned[0].save(out, "PDF", save_all=True, append_images=scanned[1:], resolution=DPI, quality=quality,
                        title=title, author=author, subject=subject, creator="Canon iR-ADV C5235 扫描",
                        producer="Canon iR-ADV C5235", creationDate=stamp_time, modDate=stamp_time)
        return out.getvalue()

    def scanify(self, page: Image.Image) -> Image.Image:
        img = page.rotate(self.rnd.uniform(-0.45, 0.45), resample=Image.Resampling.BICUBIC, fillcolor="white")
        img = img.filter(ImageFilter.GaussianBlur(0.55))
        img = ImageChops.multiply(img, vgradient(A4, (246, 244, 238), (240, 238, 230)))
        shadow = Image.new("RGB", A4, "white")
        ImageDraw.Draw(shadow).rectangle([0, 0, 14, A4[1]], fill=(200, 200, 196))
        img = ImageChops.multiply(img, shadow.filter(ImageFilter.GaussianBlur(8)))
        return grain(img, self.rnd, 4)


# --- PDFs with a text layer (fpdf2) ---------------------------------------------------------------


def text_pdf(blocks: list[tuple], *, title: str, author: str, subject: str, when: dt.datetime) -> bytes | None:
    """A typed document with a real text layer; None when fpdf2 is not installed."""
    try:
        from fpdf import FPDF
    except ImportError:
        return None

    class Doc(FPDF):
        def footer(self) -> None:
            self.set_y(-18)
            self.set_font("serif", size=11)
            self.cell(0, 8, f"— {self.page_no()} —", align="C")

    pdf = Doc(format="A4", unit="mm")
    pdf.set_creation_date(when.replace(tzinfo=TZ))
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_subject(subject)
    pdf.set_creator("WPS 文字")
    pdf.set_producer("fpdf2")
    for family, kind in (("serif", "serif"), ("sans", "sans")):
        pdf.add_font(family, "", str(font_path(kind)), collection_font_number=SC_INDEX)
        pdf.add_font(family, "B", str(font_path(kind + "-bold")), collection_font_number=SC_INDEX)
    pdf.set_margins(28, 30, 26)
    pdf.set_auto_page_break(True, 28)
    pdf.add_page()
    for block in blocks:
        kind, *args = block
        if kind == "redhead":
            pdf.set_text_color(212, 24, 30)
            pdf.set_font("serif", "B", 26)
            pdf.cell(0, 16, args[0], align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
        elif kind == "docno":
            pdf.set_font("serif", "", 14)
            pdf.cell(0, 10, args[0], align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_draw_color(212, 24, 30)
            pdf.set_line_width(0.7)
            pdf.line(28, pdf.get_y() + 2, 210 - 26, pdf.get_y() + 2)
            pdf.set_draw_color(0, 0, 0)
            pdf.ln(8)
        elif kind == "title":
            pdf.set_font("serif", "B", 19)
            pdf.multi_cell(0, 10, args[0], align="C", wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif kind == "heading":
            pdf.set_font("sans", "B", 15)
            pdf.multi_cell(0, 9, args[0], wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")
        elif kind == "para":
            pdf.set_font("serif", "", 15)
            pdf.multi_cell(0, 9, "　　" + args[0], wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")
        elif kind == "plain":
            pdf.set_font("serif", "", 15)
            pdf.multi_cell(0, 9, args[0], wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")
        elif kind == "sign":
            unit, date, seal = args
            pdf.ln(10)
            if pdf.get_y() > 297 - 80:
                pdf.add_page()
            pdf.set_font("serif", "", 15)
            y = pdf.get_y()
            pdf.cell(0, 9, unit + "　　", align="R", new_x="LMARGIN", new_y="NEXT")
            pdf.cell(0, 9, date + "　　", align="R", new_x="LMARGIN", new_y="NEXT")
            if seal:
                width = pdf.get_string_width(unit)
                cx = 210 - 26 - pdf.get_string_width("　　") - width / 2
                pdf.image(io.BytesIO(seal_png(seal)), x=cx - 21, y=y - 12, w=42, h=42)
        elif kind == "space":
            pdf.ln(args[0])
    return bytes(pdf.output())


def typed_pdf(blocks: list[tuple], *, name: str, title: str, author: str, subject: str, when: dt.datetime) -> bytes:
    """A PDF with a text layer, or the same blocks as a scan when fpdf2 is missing."""
    data = text_pdf(blocks, title=title, author=author, subject=subject, when=when)
    if data is not None:
        return data
    s = ScanWriter(name)
    for kind, *args in blocks:
        if kind == "redhead":
            s.red_head(args[0])
        elif kind == "docno":
            s.doc_number(args[0])
        elif kind == "title":
            s.title(args[0].replace("\n", ""))
        elif kind == "heading":
            s.para(args[0], indent=False, bold=True)
        elif kind in ("para", "plain"):
            s.para(args[0], indent=kind == "para")
        elif kind == "sign":
            s.sign(args[0], args[1], seal=args[2])
        elif kind == "space":
            s.space(int(args[0] * MM))
    return s.pdf(title=title, author=author, subject=subject, when=when)


# --- Word reports (python-docx) ----------------------------------------------------------------------


def count_chars(text: str) -> int:
    """Characters an official counts: Chinese characters, letters and digits; no spaces or punctuation."""
    return sum(1 for ch in text if unicodedata.category(ch)[0] in "LN")


@dataclass
class Report:
    title: str  # 事项 + 说明报告
    sections: list[tuple[str, list[str]]]  # (heading, sentences)
    target: int  # characters asked (all paragraphs of the document, title and headings included)
    date: dt.date
    sign: bool = False  # end with the unit and date (only for long reports: they count too)

    def paragraphs(self) -> list[tuple[str, str]]:
        """(style, text) paragraphs with sentences chosen so the length hits the target (±3%)."""
        tail = [UNIT, f"{self.date.year}年{self.date.month}月{self.date.day}日"] if self.sign else []
        fixed = count_chars(self.title) + sum(count_chars(h) for h, _ in self.sections) + sum(map(count_chars, tail))
        budget = self.target - fixed
        chosen = [[s[0]] for _, s in self.sections]
        used = sum(count_chars(s[0]) for _, s in self.sections)
        queue = [(i, j) for j in range(1, max(len(s) for _, s in self.sections)) for i in range(len(self.sections))
                 if j < len(self.sections[i][1])]
        for i, j in queue:
            n = count_chars(self.sections[i][1][j])
            if used + n <= budget * 1.03:
                chosen[i].append(self.sections[i][1][j])
                used += n
        total = used + fixed
        if not self.target * 0.97 <= total <= self.target * 1.03:
            raise ValueError(f"{self.title}: {total} characters, {self.target} asked: adjust the sentences")
        out = [("Title", self.title)]
        for (heading, _), sentences in zip(self.sections, chosen):
            out.append(("Heading 1", heading))
            half = (len(sentences) + 1) // 2 if len(sentences) > 3 else len(sentences)
            out.append(("Normal", "".join(sentences[:half])))
            if sentences[half:]:
                out.append(("Normal", "".join(sentences[half:])))
        out += [("Sign", line) for line in tail]
        return out


def write_docx(path: Path, report: Report, *, author: str, keywords: str) -> int:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def east_asian(run_or_style, name: str) -> None:
        rpr = run_or_style.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(16)
    east_asian(normal, "仿宋_GB2312")
    for style, face in (("Title", "方正小标宋简体"), ("Heading 1", "黑体")):
        east_asian(doc.styles[style], face)
    paragraphs = report.paragraphs()
    for style, text in paragraphs:
        if style == "Title":
            p = doc.add_heading(text, level=0)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif style == "Heading 1":
            p = doc.add_heading(text, level=1)
        elif style == "Sign":
            p = doc.add_paragraph(text)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            p = doc.add_paragraph(text)
            p.paragraph_format.first_line_indent = Pt(32)
            p.paragraph_format.line_spacing = Pt(28)
    when = dt.datetime(report.date.year, report.date.month, report.date.day, 16, 30, tzinfo=TZ).astimezone(dt.timezone.utc)
    props = doc.core_properties
    props.title = report.title
    props.author = author
    props.last_modified_by = author
    props.subject = "文明城市创建测评材料"
    props.keywords = keywords
    props.category = "说明报告"
    props.comments = ""
    props.created = when
    props.modified = when
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    write(path, fixed_zip(raw.getvalue(), report.date))
    return sum(count_chars(text) for _, text in paragraphs)


def write_word97(path: Path, report: Report, *, author: str, keywords: str) -> int:
    """The report as Word 97 binary (.doc; .wps is the same format): its .docx converted by
    LibreOffice, which must be installed (see the module docstring)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("需要 LibreOffice 生成 .doc/.wps 示例：apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.docx"
        chars = write_docx(source, report, author=author, keywords=keywords)
        written.remove(source)
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "doc", "--outdir", tmp, str(source)],
                       check=True, capture_output=True, timeout=300)
        write(path, (Path(tmp) / "report.doc").read_bytes())
    return chars


def fixed_zip(data: bytes, date: dt.date) -> bytes:
    """Rewrite a zip (docx) with fixed entry times, so the bytes don't depend on when it was written."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(date.year, date.month, date.day, 16, 30, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


# --- a statistics table as an image with the unit's seal --------------------------------------------------


def table_image(title: str, headers: list[str], rows: list[list[str]], widths: list[float], *,
                note: str, unit_line: str, date_line: str, name: str) -> bytes:
    """A filled-in statistics form, stamped and scanned at 300 dpi (A4 landscape, cut below the
    last line). It is an image, so it is sized like a photo (1.65-1.85 MB): the photo rule can't
    trip on it whichever way a checker classes it."""
    k = 300 / 212  # the layout below was drawn for 212 dpi
    W, H = 3508, 2480

    def px(v: float) -> int:
        return int(v * k)

    rnd = rng(name)
    img = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(img)
    d.text((W / 2, px(130)), title, font=fit_font("serif-bold", title, W * 0.85, px(62)), fill="black", anchor="mm")
    left, right, y = px(150), W - px(150), px(240)
    cols = [w * (right - left) / sum(widths) for w in widths]
    f, fb = font("serif", px(32)), font("serif-bold", px(32))
    line_h = px(46)
    for r, cells in enumerate([headers] + rows):
        fnt = fb if r == 0 else f
        wrapped = [wrap(str(c), fnt, cols[i] - px(20)) or [""] for i, c in enumerate(cells)]
        height = max(len(w) for w in wrapped) * line_h + px(22)
        x = left
        for i, lines in enumerate(wrapped):
            d.rectangle([x, y, x + cols[i], y + height], outline="black", width=px(3))
            ty = y + (height - len(lines) * line_h) / 2 + line_h / 2
            for line in lines:
                d.text((x + cols[i] / 2, ty), line, font=fnt, fill="black", anchor="mm")
                ty += line_h
            x += cols[i]
        y += height
    d.text((left, y + px(30)), note, font=font("serif", px(30)), fill="black")
    sign_font = font("serif", px(34))
    d.text((left, y + px(110)), unit_line, font=sign_font, fill="black")
    d.text((right - sign_font.getlength(date_line), y + px(110)), date_line, font=sign_font, fill="black")
    stamp(img, seal_mask(UNIT, px(165)), (left + px(560), y + px(130)), angle=rnd.uniform(-10, 10))
    img = img.crop((0, 0, W, min(H, int(y + px(330)))))  # the sheet as far as it is filled in
    W, H = img.size
    img = img.rotate(rnd.uniform(-0.3, 0.3), resample=Image.Resampling.BICUBIC, fillcolor="white")
    img = ImageChops.multiply(img.filter(ImageFilter.GaussianBlur(0.8)), vgradient((W, H), (247, 245, 240), (241, 239, 232)))
    return fit_jpeg(grain(img, rnd, 5), PHOTO_BYTES)


# --- writing ---------------------------------------------------------------------------------------


written: list[Path] = []


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    written.append(path)


def at(y: int, m: int, day: int, h: int = 10, mi: int = 0, s: int = 0) -> dt.datetime:
    return dt.datetime(y, m, day, h, mi, s)


def cn_date(when: dt.date) -> str:
    return f"{when.year}年{when.month}月{when.day}日"


# ==================================================================================================
# The materials, indicator by indicator
# ==================================================================================================


def indicator_iii_2(base: Path) -> None:
    """Ⅲ-2 健全完善学习制度: canonical names; meetings and photos short (defects 1-4)."""
    top = base / "Ⅲ-2 健全完善学习制度" / "1 中心组学习示范带动"

    # ① the study system: a scanned red-head document, 2 pages
    s = ScanWriter("Ⅲ-2-1")
    s.red_head(UNIT + "文件")
    s.doc_number("汕经信〔2016〕155号")
    s.title("关于印发《中共汕尾市经济和信息化局党组理论学习中心组学习制度》的通知")
    s.para("各科室、局属各单位：", indent=False)
    s.para("为深入推进学习型党组织建设，以党组中心组学习为示范带动，一级抓一级、层层抓学习，"
           "现将《中共汕尾市经济和信息化局党组理论学习中心组学习制度》印发给你们，请认真贯彻执行。"
           "执行中遇到的问题，请径向局人教科反映。")
    s.sign(UNIT, "2016年9月5日", seal=UNIT)
    s.new_page()
    s.title("中共汕尾市经济和信息化局党组理论学习中心组学习制度", size=36)
    for text in [
        "第一条　为推进党组理论学习中心组学习制度化、规范化，发挥中心组学习的示范带动作用，结合本局实际，制定本制度。",
        "第二条　中心组由局党组成员组成，党组书记任组长，人教科负责组织协调、考勤记录和资料归档。",
        "第三条　学习内容以习近平总书记系列重要讲话精神为重点，包括社会主义核心价值观、“四个全面”战略布局、"
        "中国特色社会主义理论、中国梦、宪法法律和精神文明建设等。",
        "第四条　中心组每月集中学习不少于1次，每次不少于半天，全年集中学习不少于12次；采取个人自学、集中研讨、"
        "专题辅导、调研交流相结合的方式。",
        "第五条　每次集中学习前5个工作日印发学习通知，明确学习主题和篇目；学习时做好考勤和记录，留存会议通知、"
        "学习内容和现场照片。",
        "第六条　中心组成员每年撰写学习心得体会不少于4篇、调研报告不少于1篇。",
        "第七条　建立督查考核办法：人教科每季度通报学习情况，年终将学习情况纳入科室和个人年度考核。",
        "第八条　各科室、局属各单位参照本制度建立学习制度，一级抓一级、层层抓学习。",
        "第九条　本制度自印发之日起施行，由局人教科负责解释。",
    ]:
        s.para(text)
    s.footer_line("汕尾市经济和信息化局办公室", "2016年9月5日印发")
    write(top / "① 学习制度规范文件" / "01-中心组学习制度.pdf",
          s.pdf(title="关于印发中心组学习制度的通知", author=UNIT, subject="汕经信〔2016〕155号", when=at(2016, 9, 5)))

    # ② the study plan: a PDF with a text layer (fpdf2), plus a report on what it covers
    plan_dir = top / "② 学习计划"
    topics = [
        ("9月—10月", "习近平总书记系列重要讲话精神（一）：在庆祝中国共产党成立95周年大会上的讲话"),
        ("11月", "培育和践行社会主义核心价值观专题"),
        ("12月", "“四个全面”战略布局专题"),
        ("2017年1月—2月", "中国特色社会主义理论体系专题"),
        ("3月", "全国两会精神专题"),
        ("4月—5月", "中国梦宣传教育专题"),
        ("6月", "宪法法律专题（宪法、《中小企业促进法》）"),
        ("7月—9月", "习近平总书记系列重要讲话精神（二）"),
        ("10月—12月", "党的十九大精神和精神文明建设工作专题"),
    ]
    blocks = [
        ("redhead", UNIT_PARTY), ("docno", "汕经信党〔2016〕8号"),
        ("title", "中共汕尾市经济和信息化局党组2016—2017年理论学习中心组学习计划"),
        ("plain", "各党支部、局属各单位："),
        ("para", "为贯彻落实党委（党组）中心组学习制度，推进学习教育系统化、长期化，结合本局实际，制定2016—2017年"
                 "党组理论学习中心组学习计划如下。"),
        ("heading", "一、学习内容"),
        ("para", "把习近平总书记系列重要讲话作为首要学习内容，同时学习培育和践行社会主义核心价值观、“四个全面”"
                 "战略布局、中国特色社会主义理论、中国梦、宪法法律和精神文明建设工作。"),
        ("heading", "二、学习安排"),
    ]
    blocks += [("plain", f"{i}．{when}：{what}") for i, (when, what) in enumerate(topics, 1)]
    blocks += [
        ("heading", "三、学习要求"),
        ("para", "中心组每月集中学习不少于1次，全年不少于12次；党组书记带头领学，班子成员轮流作专题辅导；"
                 "每次学习做好考勤、记录，留存会议通知、学习内容和不少于5张实景照片。"),
        ("para", "人教科每季度通报学习情况，年终纳入考核。"),
        ("sign", UNIT_PARTY, "2016年9月20日", UNIT_PARTY),
    ]
    write(plan_dir / "01-2016-2017年党组中心组学习计划.pdf",
          typed_pdf(blocks, name="Ⅲ-2-2", title="中共汕尾市经济和信息化局党组2016—2017年理论学习中心组学习计划",
                    author=UNIT_PARTY, subject="汕经信党〔2016〕8号", when=at(2016, 9, 20)))
    write_docx(plan_dir / "02-Ⅲ-2学习计划纳入情况说明报告.docx", REPORTS["Ⅲ-2-2"], author="市经信局人教科", keywords="Ⅲ-2")

    # ③ a 300-character report
    write_docx(top / "③ 中心组学习情况说明报告" / "01-Ⅲ-2中心组学习情况说明报告.docx", REPORTS["Ⅲ-2-3"],
               author="市经信局人教科", keywords="Ⅲ-2")

    # ④ meetings: 4 asked, 2 given (DEFECT 1)
    meetings = top / "④ 学习会议材料"
    for number, when, theme, screen, contents in [
        (1, at(2016, 10, 12, 9, 30), "两学一做专题", ["扎实开展“两学一做”学习教育", "学党章党规　学系列讲话　做合格党员"],
         ["《中国共产党章程》（学习总纲和党员、党的纪律章节）",
          "习近平总书记在庆祝中国共产党成立95周年大会上的讲话",
          "《中国共产党廉洁自律准则》《中国共产党纪律处分条例》"]),
        (2, at(2017, 3, 15, 9, 30), "全国两会精神", ["深入学习贯彻全国两会精神", "以新发展理念推动经信工作"],
         ["2017年《政府工作报告》", "习近平总书记参加广东代表团审议时的重要讲话精神", "2017年全市经济和信息化工作要点"]),
    ]:
        folder = meetings / f"第{number}次 {when.year}年{when.month}月{when.day}日"
        notice_day = when - dt.timedelta(days=3)
        s = ScanWriter(f"Ⅲ-2-4-{number}")
        s.space(40)
        s.title(f"关于召开党组理论学习中心组{when.year}年第{number + (8 if when.year == 2016 else 2)}次集中学习会议的通知")
        s.para("局党组理论学习中心组成员：", indent=False)
        s.para(f"经局党组研究，定于{cn_date(when)}上午9:30在局三楼会议室召开党组理论学习中心组集中学习会议，"
               f"专题学习{theme}。现将有关事项通知如下：")
        s.para("一、参加人员：局党组理论学习中心组成员；各科室主要负责人列席。")
        s.para("二、学习内容：" + "；".join(contents) + "。")
        s.para("三、有关要求：请参会人员提前自学有关篇目，每位中心组成员准备5分钟交流发言；"
               "因故不能参加的，须向党组书记请假。人教科做好考勤、记录和摄影工作。")
        s.sign(UNIT_PARTY + "办公室", cn_date(notice_day), seal=UNIT_PARTY, seal_bottom="办公室")
        write(folder / "01-会议通知.pdf", s.pdf(title="会议通知", author=UNIT_PARTY, subject="中心组学习",
                                              when=notice_day.replace(hour=15)))
        blocks = [("title", f"党组理论学习中心组集中学习材料\n（{cn_date(when)}）"),
                  ("heading", "一、学习篇目")]
        blocks += [("plain", f"{i}．{c}") for i, c in enumerate(contents, 1)]
        blocks += [("heading", "二、学习要点"),
                   ("para", f"本次集中学习以“{theme}”为主题，重点把握以下内容：坚定理想信念，"
                            "增强政治意识、大局意识、核心意识、看齐意识；把学习成果转化为推动工业转型升级、"
                            "服务实体经济和创建文明城市的实际行动。"),
                   ("heading", "三、交流讨论"),
                   ("para", "每位中心组成员结合分管工作交流学习体会，会后一周内提交心得体会1篇，由人教科汇总归档。")]
        write(folder / "02-学习内容.pdf",
              typed_pdf(blocks, name=f"Ⅲ-2-4-{number}-content", title=f"党组理论学习中心组集中学习材料（{cn_date(when)}）",
                        author="市经信局人教科", subject="学习内容", when=notice_day.replace(hour=16)))

        scene = Scene(banner="中共汕尾市经济和信息化局党组理论学习中心组学习会", screen=screen, people=12)
        place = "局三楼会议室"
        stem = f"{when.year}年{when.month}月{when.day}日+{place}+中心组学习+市经信局+{theme}"
        if number == 1:  # 5 compliant photos; one written as the camera holds it (EXIF Orientation 6)
            shots = [("", 0.0, 12, False, 1), ("（党组书记领学）", -0.04, 10, True, 1), ("（专题辅导）", 0.05, 12, True, 1),
                     ("（交流发言）", -0.08, 8, True, 6), ("（会场一角）", 0.09, 14, False, 1)]
            for i, (suffix, shift, people, speaker, orientation) in enumerate(shots):
                scene.shift, scene.people, scene.speaker = shift, people, speaker
                write_photo(folder / f"{stem}{suffix}.jpg", scene, when + dt.timedelta(minutes=7 * i + 3),
                            orientation=orientation)
        else:
            # DEFECT 2: two photos where five are asked; DEFECT 3: one with the camera's name;
            # DEFECT 4: one in PNG format
            scene.shift, scene.people, scene.speaker = 0.03, 12, True
            write_photo(folder / "IMG_2034.JPG", scene, when + dt.timedelta(minutes=12), make="Apple", model="iPhone 6s")
            scene.shift, scene.people, scene.speaker = -0.06, 10, False
            write_png_photo(folder / f"{stem}（交流发言）.png", scene)


def indicator_iii_10(base: Path) -> None:
    """III-10_发挥榜样作用: letter numerals and "_"; a table image with a seal; complete and compliant."""
    top = base / "III-10_发挥榜样作用"
    months = ["2017年1月", "2017年2月", "2017年3月", "2017年4月", "2017年5月", "2017年6月", "2017年7月",
              "2017年8月", "2017年9月", "2017年10月", "2017年11月"]
    people = [("黄×明", "市区某社区", "助人为乐", "连续8年照顾独居老人"), ("林×华", "城区环卫所", "敬业奉献", "雨夜坚守清理积水路段"),
              ("陈×辉", "某电子企业", "见义勇为", "跳入水塘救起落水儿童"), ("吴×芳", "局机关", "孝老爱亲", "悉心照料瘫痪婆婆十余年"),
              ("郑×强", "某工业园区", "诚实守信", "企业困难时期按时足额发放工资"), ("许×玲", "某社区", "助人为乐", "义务辅导留守儿童功课"),
              ("蔡×伟", "市区某学校", "敬业奉献", "扎根乡村学校任教20年"), ("刘×娟", "某志愿者协会", "助人为乐", "组织献血志愿服务120余次"),
              ("张×生", "某运输公司", "诚实守信", "拾得现金2万元归还失主"), ("彭×云", "某镇卫生院", "敬业奉献", "台风期间坚守岗位救治伤员"),
              ("余×兰", "局机关", "孝老爱亲", "带病照顾年迈双亲")]
    rows = [[str(i + 1), months[i], p[0], p[1], p[2], p[3], "市经信局人教科", f"{months[i]}{20 + i % 5}日"]
            for i, p in enumerate(people)]
    data = table_image("汕尾市经济和信息化局“好人线索”推荐情况统计表（2017年1—11月）",
                       ["序号", "推荐月份", "被推荐人", "所在单位", "推荐类别", "主要事迹", "推荐人", "报送时间"],
                       rows, [0.6, 1.3, 1.1, 1.6, 1.1, 3.2, 1.5, 1.6],
                       note="说明：每月25日前报送市文明办“好人线索”推荐情况，全年共推荐11人。",
                       unit_line="填报单位（盖章）：汕尾市经济和信息化局", date_line="填报日期：2017年11月24日",
                       name="Ⅲ-10-1")
    write(top / "1)好人线索推荐" / "01-2017年“好人线索”推荐情况统计表.jpg", data)

    std2 = top / "2）最美人物学习宣传"
    write_word97(std2 / "01-Ⅲ-10最美人物南粤楷模凡人善举学习情况说明报告.wps", REPORTS["Ⅲ-10-2"],
                 author="市经信局人教科", keywords="Ⅲ-10")
    write_photo(std2 / "2017年5月18日+局三楼会议室+最美人物学习会+市经信局+南粤楷模先进事迹.jpg",
                Scene(banner="汕尾市经济和信息化局学习“最美人物”“南粤楷模”先进事迹报告会",
                      screen=["学习南粤楷模　争做身边好人", "“最美人物”先进事迹学习会"], people=14, speaker=True, shift=0.02,
                      tint=(255, 246, 232)),
                at(2017, 5, 18, 15, 12))
    write_video(std2 / "2017年5月18日+局三楼会议室+最美人物学习会+市经信局+南粤楷模先进事迹（现场视频）.mp4",
                Scene(banner="汕尾市经济和信息化局学习“最美人物”“南粤楷模”先进事迹报告会",
                      screen=["学习南粤楷模　争做身边好人", "“最美人物”先进事迹学习会"], people=14, speaker=True, shift=0.02,
                      tint=(255, 246, 232)),
                "2017年5月18日　“最美人物”先进事迹学习会现场")
    write_photo(std2 / "2017年9月28日+局一楼大厅+身边好人展板宣传+市经信局+凡人善举.jpg",
                Scene(banner="汕尾市经济和信息化局“身边好人”“凡人善举”宣传展", layout="lobby", people=7,
                      boards=["最美人物", "南粤楷模", "身边好人", "凡人善举"], shift=-0.03, tint=(250, 250, 255)),
                at(2017, 9, 28, 10, 40))


def indicator_iii_16(base: Path) -> None:
    """Ⅲ-16 制度化建设: two standards; varied requirement separators; a short report and small photos."""
    top = base / "Ⅲ-16 制度化建设"
    std2, std3 = top / "2）志愿服务文化", top / "3）志愿服务机制"

    names = ["陈×远", "林×敏", "黄×涛", "吴×婷", "郑×鹏", "许×娜", "蔡×杰", "刘×红", "张×宇", "彭×丽",
             "李×军", "杨×燕", "周×斌", "叶×琳", "谢×峰"]
    offices = ["办公室", "人教科", "信息化科", "电子政务科", "中小局", "经济运行科"]
    s = ScanWriter("Ⅲ-16-2-1")
    s.space(20)
    s.title("汕尾市经济和信息化局“i志愿”系统注册志愿者名单及比例统计表", size=34)
    s.table(["序号", "姓名", "科室", "注册时间", "志愿者编号", "服务时长（小时）"],
            [[str(i + 1), n, offices[i % len(offices)], f"2016年{9 + i % 4}月{3 + i}日", f"GD2016{441500 + 37 * i:06d}",
              str(26 + (i * 7) % 19)] for i, n in enumerate(names)],
            [0.6, 1.0, 1.3, 1.6, 1.8, 1.4])
    s.para("合计：全局干部职工86人，在“i志愿”系统登记注册志愿者72人，占干部职工总人数的83.7%（名单节选前15人，"
           "全部名单见系统导出表）。", size=26)
    s.sign("填报单位：" + UNIT, "2017年10月31日", seal=UNIT)
    write(std2 / "① 注册志愿者统计表" / "01-i志愿注册志愿者名单及比例统计表.pdf",
          s.pdf(title="i志愿注册志愿者名单及比例统计表", author=UNIT, subject="Ⅲ-16", when=at(2017, 10, 31)))

    projects = ["文明交通劝导", "社区环境清洁", "关爱留守儿童", "无偿献血服务", "敬老院慰问", "创文宣传进社区",
                "红树林环保行动", "企业安全生产宣讲", "图书馆秩序维护", "台风灾后清理"]
    s = ScanWriter("Ⅲ-16-2-2")
    s.space(20)
    s.title("汕尾市经济和信息化局“i志愿”系统发布志愿服务项目统计表", size=34)
    s.table(["序号", "项目名称", "发布时间", "服务地点", "招募人数", "参与人数"],
            [[str(i + 1), p, f"{2016 + (i + 8) // 12}年{(i + 8) % 12 + 1}月", ["香洲街道", "凤山街道", "城区"][i % 3],
              str(10 + i % 4 * 5), str(9 + i % 4 * 5)] for i, p in enumerate(projects)],
            [0.6, 2.2, 1.5, 1.4, 1.0, 1.0])
    s.para("合计：2016年9月至2017年10月在“i志愿”系统发布志愿服务项目10个，参与志愿者累计165人次。", size=26)
    s.sign("填报单位：" + UNIT, "2017年10月31日", seal=UNIT)
    write(std2 / "② 志愿服务项目统计表" / "01-i志愿发布志愿服务项目统计表.pdf",
          s.pdf(title="i志愿发布志愿服务项目统计表", author=UNIT, subject="Ⅲ-16", when=at(2017, 10, 31)))

    write_docx(std2 / "③ 志愿者参加活动说明报告" / "01-Ⅲ-16注册志愿者参加志愿服务活动情况说明报告.docx",
               REPORTS["Ⅲ-16-2-3"], author="市经信局人教科", keywords="Ⅲ-16")
    write_docx(std2 / "④ 人均服务时长说明报告" / "01-Ⅲ-16注册志愿者人均参加志愿服务活动情况说明报告.docx",
               REPORTS["Ⅲ-16-2-4"], author="市经信局人教科", keywords="Ⅲ-16")

    # DEFECT 6: about 110 characters where 300 are asked
    write_docx(std3 / "①招募志愿者" / "01-Ⅲ-16招募志愿者情况说明报告.docx", REPORTS["Ⅲ-16-3-1"],
               author="市经信局人教科", keywords="Ⅲ-16")
    training = std3 / "②-培训志愿者"
    write_docx(training / "01-Ⅲ-16培训志愿者方案说明报告.docx", REPORTS["Ⅲ-16-3-2"], author="市经信局人教科", keywords="Ⅲ-16")
    # DEFECT 5: the three training photos are small (1200x900, about 0.19 MB)
    for i, (suffix, speaker) in enumerate([("", True), ("（应急救护）", True), ("（文明劝导）", False)]):
        write_photo(training / f"2017年6月10日+局三楼会议室+志愿者培训+市经信局+志愿服务技能培训{suffix}.jpg",
                    Scene(banner="汕尾市经济和信息化局2017年志愿者培训班", screen=["志愿服务技能培训", "应急救护与文明劝导"],
                          layout="classroom", people=12, speaker=speaker, shift=0.04 * (i - 1)),
                    at(2017, 6, 10, 9, 20 + 9 * i), small=True, make="HUAWEI", model="HUAWEI P9")
    write_docx(std3 / "③_志愿服务信息" / "01-Ⅲ-16志愿者参与志愿服务活动信息情况说明报告.docx", REPORTS["Ⅲ-16-3-3"],
               author="市经信局人教科", keywords="Ⅲ-16")
    write_docx(std3 / "④、星级认定表彰" / "01-Ⅲ-16志愿者星级认定和表彰情况说明报告.docx", REPORTS["Ⅲ-16-3-4"],
               author="市经信局人教科", keywords="Ⅲ-16")
    write_docx(std3 / "⑤ 志愿者回馈" / "01-Ⅲ-16志愿者回馈情况说明报告.docx", REPORTS["Ⅲ-16-3-5"],
               author="市经信局人教科", keywords="Ⅲ-16")


def indicator_iii_26(base: Path) -> None:
    """Ⅲ-26：落实从严治党要求: a standard without number, so the file lies in the indicator folder."""
    s = ScanWriter("Ⅲ-26")
    s.red_head(UNIT + "文件")
    s.doc_number("汕经信〔2016〕168号")
    s.title("关于印发《汕尾市经济和信息化局党风廉政建设和反腐败教育工作制度》的通知")
    s.para("各科室、局属各单位：", indent=False)
    s.para("为落实党组主体责任和纪检组监督责任，推动党风廉政和反腐败教育经常化、制度化，局党组研究制定了"
           "《汕尾市经济和信息化局党风廉政建设和反腐败教育工作制度》，现印发给你们，请认真遵照执行。")
    s.sign(UNIT, "2016年10月20日", seal=UNIT)
    s.new_page()
    s.title("汕尾市经济和信息化局党风廉政建设和反腐败教育工作制度", size=36)
    for text in [
        "第一条　为强化党组主体责任和纪检组监督责任，推进党风廉政建设和反腐败教育经常化、制度化，制定本制度。",
        "第二条　局党组对本局党风廉政建设负主体责任，党组书记是第一责任人，班子成员对分管领域负“一岗双责”。",
        "第三条　每年年初制定党风廉政建设责任分工，局党组与各科室负责人签订党风廉政建设责任书。",
        "第四条　廉政教育每季度不少于1次，采取专题党课、警示教育、观看廉政教育片、参观廉政教育基地等方式。",
        "第五条　重要节假日前开展廉洁提醒，对新任职干部开展任前廉政谈话。",
        "第六条　纪检组对行政审批、资金分配、项目评审等重点环节开展监督检查，发现问题及时督促整改。",
        "第七条　党风廉政建设和反腐败教育情况纳入科室和干部年度考核。",
        "第八条　本制度自印发之日起施行。",
    ]:
        s.para(text)
    s.footer_line("汕尾市经济和信息化局办公室", "2016年10月20日印发")
    write(base / "Ⅲ-26：落实从严治党要求" / "01-汕尾市经济和信息化局党风廉政建设和反腐败教育工作制度.pdf",
          s.pdf(title="关于印发党风廉政建设和反腐败教育工作制度的通知", author=UNIT, subject="汕经信〔2016〕168号",
                when=at(2016, 10, 20)))


def indicator_iii_35(base: Path) -> None:
    """Ⅲ－35 诚信奖罚制度 (个性任务): standard without number, requirement folders in the indicator folder."""
    top = base / "Ⅲ－35 诚信奖罚制度"
    # DEFECT 7: the folder for ① is there, the document is not
    (top / "① 红黑名单制度文件").mkdir(parents=True, exist_ok=True)
    write_docx(top / "② 守信优待和失信惩戒措施" / "01-Ⅲ-35守信优待政策和失信联合惩戒措施说明报告.docx",
               REPORTS["Ⅲ-35-2"], author="市经信局中小局", keywords="Ⅲ-35")
    write_docx(top / "③ 失信问题专项整治" / "01-Ⅲ-35失信突出问题专项整治情况说明报告.docx",
               REPORTS["Ⅲ-35-3"], author="市经信局中小局", keywords="Ⅲ-35")


def indicator_iii_89(base: Path) -> None:
    """Ⅲ-89、群众评价: "2." standard, "(1)" and "（2）" requirements; complete and compliant."""
    top = base / "Ⅲ-89、群众评价" / "2.问卷调查整改"
    s = ScanWriter("Ⅲ-89-1")
    s.space(20)
    s.title("汕尾市经济和信息化局2017年问卷调查和民意测评情况统计表", size=34)
    s.table(["序号", "时间", "方式", "对象", "发放/回收（份）", "满意率", "发现问题（个）"],
            [["1", "2017年3月", "问卷调查", "服务企业", "200/186", "92.5%", "4"],
             ["2", "2017年5月", "网上民意测评", "社会公众", "—/412", "90.3%", "3"],
             ["3", "2017年7月", "问卷调查", "窗口服务对象", "150/143", "95.1%", "2"],
             ["4", "2017年9月", "座谈会民意测评", "人大代表、政协委员", "30/30", "93.3%", "2"],
             ["5", "2017年10月", "问卷调查", "机关干部职工", "86/84", "96.4%", "1"]],
            [0.6, 1.3, 1.7, 1.8, 1.5, 1.0, 1.2])
    s.para("合计：开展问卷调查和民意测评5次，回收问卷855份，平均满意率93.5%，查找突出问题12个，已整改11个。", size=26)
    s.sign("填报单位：" + UNIT, "2017年10月30日", seal=UNIT)
    write(top / "(1) 民意测评统计表" / "01-2017年问卷调查和民意测评情况统计表.pdf",
          s.pdf(title="2017年问卷调查和民意测评情况统计表", author=UNIT, subject="Ⅲ-89", when=at(2017, 10, 30)))
    write_word97(top / "（2）突出问题整改" / "01-Ⅲ-89征求民意突出问题整改情况说明报告.doc", REPORTS["Ⅲ-89-2"],
                 author="市经信局办公室", keywords="Ⅲ-89")


def stray_files(base: Path) -> None:
    """DEFECT 8: a file that matches no indicator."""
    write(base / "临时" / "新建文本文档.txt",
          "待办：\r\n1. Ⅲ-35 红黑名单制度文件还没找到，问中小局\r\n2. 第3、4次中心组学习的照片找人教科要\r\n".encode("utf-8"))


# ==================================================================================================
# The reports' words. Each section's first sentence always goes in; the others are added until the
# report has the length asked (Report.paragraphs checks it, to ±3%).
# ==================================================================================================

REPORTS: dict[str, Report] = {
    "Ⅲ-2-2": Report(
        title="中心组学习计划纳入重点学习内容情况说明报告", target=800, date=dt.date(2017, 11, 20), sign=True,
        sections=[
            ("一、基本情况", [
                "2016年9月20日，局党组印发《中共汕尾市经济和信息化局党组2016—2017年理论学习中心组学习计划》（汕经信党〔2016〕8号），"
                "对两年的学习内容、学习形式和时间安排作出统一部署。",
                "计划共设9个学习专题、24次集中学习，明确每月集中学习不少于1次、每次不少于半天。",
                "计划以党组书记为第一责任人，人教科承担组织协调、考勤记录和资料归档工作。",
                "计划印发后，局党组会议专题研究1次，明确各专题的领学人和辅导人。",
                "学习计划同时抄送局属3个直属单位，作为其制定学习计划的参照。",
            ]),
            ("二、主要措施", [
                "一是把习近平总书记系列重要讲话作为首要学习内容，安排专题学习6次，中心组成员逐篇研读讲话原文并结合经信工作交流体会。",
                "二是把培育和践行社会主义核心价值观纳入计划，安排专题学习3次，结合文明城市创建推动核心价值观融入机关日常管理。",
                "三是把“四个全面”战略布局、中国特色社会主义理论和中国梦列为专题，安排集中学习5次，邀请市委党校教师作辅导报告2场。",
                "四是把宪法法律纳入计划，安排学法专题3次，重点学习宪法和《中小企业促进法》，提高依法行政能力。",
                "五是把精神文明建设工作纳入计划，安排专题学习2次，传达全省精神文明建设工作会议精神，研究部署本局创文任务。",
                "六是每个专题明确1名领学人，提前1周印发学习篇目。",
            ]),
            ("三、取得成效", [
                "截至2017年11月，中心组已按计划开展集中学习22次，成员平均出勤率96%，撰写心得体会86篇，形成调研报告9篇。",
                "通过系统学习，中心组成员理论水平和履职能力明显提升，带动12个科室、3个直属单位建立学习制度。",
                "学习成果转化为推动工作的实际举措，本局承担的24项创文测评任务均已落实到科室和责任人。",
                "全局干部职工参加各类学习活动1300余人次，形成了比学赶超的良好氛围。",
                "中心组形成的9篇调研报告中，有3篇被市委、市政府采纳，转化为支持实体经济发展的政策措施。",
                "2017年我局在全市理论学习中心组学习考核中被评为优秀等次。",
                "下一步，我局将根据党的十九大精神及时调整充实学习计划。",
            ]),
        ]),
    "Ⅲ-2-3": Report(
        title="中心组学习情况说明报告", target=300, date=dt.date(2017, 11, 20),
        sections=[
            ("一、基本情况", [
                "2016年8月以来，局党组理论学习中心组严格执行学习制度和学习计划，每月集中学习1次以上，累计集中学习22次。",
                "学习围绕系列重要讲话、核心价值观和精神文明建设等9个专题展开。",
                "每次学习均留存会议通知、学习内容和现场照片。",
            ]),
            ("二、主要措施", [
                "一是党组书记带头领学、带头发言，班子成员轮流作专题辅导；",
                "二是实行考勤登记和学习笔记检查，每季度通报1次；",
                "三是把学习情况纳入科室年度考核，一级抓一级、层层抓学习。",
                "四是邀请市委党校教师辅导2场。",
            ]),
            ("三、取得成效", [
                "中心组成员平均出勤率96%，撰写心得体会86篇，形成调研报告9篇。",
                "带动全局干部职工参加各类学习活动1300余人次。",
                "3篇调研报告被市委、市政府采纳。",
                "学习成果转化为推动工业转型升级的具体措施。",
            ]),
        ]),
    "Ⅲ-10-2": Report(
        title="开展最美人物南粤楷模凡人善举学习宣传活动说明报告", target=800, date=dt.date(2017, 10, 16), sign=True,
        sections=[
            ("一、基本情况", [
                "2017年以来，我局把学习宣传最美人物、南粤楷模和凡人善举作为培育和践行社会主义核心价值观的重要抓手，"
                "制定年度学习宣传安排，由人教科牵头、各科室配合组织实施。",
                "全年共组织专题学习会4场、展板宣传2期，参加干部职工累计310人次。",
                "活动紧扣“崇德向善、见贤思齐”主题，覆盖局机关全部12个科室和3个直属单位。",
                "局党组把学习宣传先进典型列入年度精神文明建设工作要点，每季度检查1次落实情况。",
                "各科室确定1名联络员，负责本科室学习宣传活动的组织和材料报送。",
            ]),
            ("二、主要措施", [
                "一是集中学习。2017年5月18日召开“最美人物”“南粤楷模”先进事迹学习会，组织观看先进事迹视频，4名干部职工代表交流体会。",
                "二是阵地宣传。在局一楼大厅设置“身边好人”宣传展板12块，在局门户网站开设“凡人善举”专栏，发布先进事迹信息26条。",
                "三是推荐身边好人。每月25日前向市文明办报送“好人线索”，全年推荐11人，其中2人入选“汕尾好人”。",
                "四是结合岗位实践。组织党员干部到帮扶村开展学楷模、办实事活动6次，为群众解决实际困难18件。",
                "五是运用新媒体传播。通过微信工作群和局微信公众号转发南粤楷模事迹文章35篇，阅读量累计1.2万次。",
                "六是开展“身边好人”故事分享会2场，请入选“汕尾好人”的2名干部职工讲述自己的经历。",
                "七是组织青年干部撰写学习体会文章，评选优秀文章10篇并在局内刊发。",
                "八是把学习宣传活动与“我们的节日”主题活动结合，在重要节日开展学习活动3次。",
            ]),
            ("三、取得成效", [
                "通过学习宣传，干部职工崇德向善、见贤思齐的氛围更加浓厚，涌现出一批爱岗敬业、助人为乐的身边典型。",
                "全局干部职工参加志愿服务的人数比上年增加23%，收到群众感谢信和锦旗9件。",
                "局人教科荣获全市学习宣传先进典型工作先进集体称号，相关做法被市文明办简报刊发。",
                "干部职工对学习宣传活动的满意度调查显示，满意率达97%。",
                "下一步，我局将把学习宣传先进典型与作风建设结合起来，推动活动常态化。",
                "学习宣传活动还带动了家风家教建设，全局评出文明家庭6户。",
            ]),
        ]),
    "Ⅲ-16-2-3": Report(
        title="注册志愿者参加志愿服务活动情况说明报告", target=300, date=dt.date(2017, 10, 31),
        sections=[
            ("一、基本情况", [
                "全局干部职工86人，在“i志愿”系统注册志愿者72人，占83.7%。",
                "2016年9月至2017年10月，注册志愿者参加志愿服务活动63人，占注册志愿者的87.5%。",
                "志愿服务队由局党组成员任队长，下设3个分队。",
            ]),
            ("二、主要措施", [
                "一是在“i志愿”系统发布项目10个，统一招募、统一记录时长；",
                "二是每月组织1次以上集体志愿服务，覆盖文明交通、社区清洁、关爱留守儿童等领域；",
                "三是科室负责人带头参加。",
                "四是每季度通报各科室参与情况。",
                "五是把参与情况纳入党员积分管理。",
            ]),
            ("三、取得成效", [
                "累计开展志愿服务活动32场，参与165人次，服务时长2150小时，受到社区群众好评。",
                "参与率比2016年提高15个百分点。",
                "局志愿服务队获评市级优秀志愿服务组织。",
            ]),
        ]),
    "Ⅲ-16-2-4": Report(
        title="注册志愿者人均参加志愿服务活动情况说明报告", target=300, date=dt.date(2017, 10, 31),
        sections=[
            ("一、基本情况", [
                "2017年1月至10月，我局72名注册志愿者累计服务时长2150小时，人均29.9小时，超过每年人均25小时的要求。",
                "服务时长全部以“i志愿”系统记录为准。",
                "人均时长按注册志愿者人数计算。",
            ]),
            ("二、主要措施", [
                "一是建立志愿服务时长台账，每次活动后3日内在“i志愿”系统录入时长；",
                "二是对服务时长不足10小时的志愿者逐一提醒，安排其参加周末项目；",
                "三是把服务时长纳入年度评先评优参考。",
                "四是每月在局内公布各科室人均服务时长。",
            ]),
            ("三、取得成效", [
                "服务时长达到25小时以上的志愿者58人，占80.6%；",
                "服务50小时以上的8人，其中2人获评三星级志愿者。",
                "人均服务时长比2016年增加7.5小时。",
                "志愿服务已成为干部职工的自觉行动。",
            ]),
        ]),
    "Ⅲ-16-3-1": Report(  # DEFECT 6: far too short (about 110 characters; 300 asked)
        title="招募志愿者情况说明报告", target=110, date=dt.date(2017, 10, 31),
        sections=[
            ("一、基本情况", ["2016—2017年，我局通过“i志愿”系统招募志愿者72人。"]),
            ("二、主要措施", ["在局机关张贴招募通知，各科室动员干部职工注册。", "党员带头报名。"]),
            ("三、取得成效", ["注册志愿者占干部职工总人数的83.7%，其中党员51人。", "志愿者队伍不断壮大。"]),
        ]),
    "Ⅲ-16-3-2": Report(
        title="培训志愿者方案说明报告", target=300, date=dt.date(2017, 6, 20),
        sections=[
            ("一、基本情况", [
                "根据2016—2017年志愿者培训方案，我局每年组织志愿者集中培训不少于2次，2017年6月10日举办志愿者培训班，参训48人。",
                "2016年11月已举办首期培训，参训39人。",
                "培训方案明确了培训对象、内容、师资和考核办法。",
            ]),
            ("二、主要措施", [
                "一是培训内容包括志愿服务理念、“i志愿”系统使用、应急救护和文明劝导技能；",
                "二是邀请市红十字会讲师现场示范心肺复苏；",
                "三是培训后组织实操考核。",
                "四是编印志愿者服务手册100册，人手一册。",
                "五是新注册志愿者须先参加培训再上岗。",
            ]),
            ("三、取得成效", [
                "参训志愿者考核合格率100%，31人取得救护员证书。",
                "培训后志愿服务质量明显提升，群众满意度达96%。",
                "两期培训累计87人次。",
                "学员对培训的满意率为98%。",
                "培训资料已全部归档。",
            ]),
        ]),
    "Ⅲ-16-3-3": Report(
        title="志愿者参与志愿服务活动信息情况说明报告", target=300, date=dt.date(2017, 10, 31),
        sections=[
            ("一、基本情况", [
                "2016—2017年，我局志愿者参与志愿服务活动的信息全部录入“i志愿”系统，共记录活动32场、165人次、2150小时。",
                "每场活动均有签到表和现场照片。",
                "活动信息由人教科统一审核后录入。",
            ]),
            ("二、主要措施", [
                "一是指定人教科1名信息员负责活动发布、签到和时长录入；",
                "二是每场活动留存签到表和现场照片；",
                "三是每季度核对系统数据与台账1次，发现差错及时更正。",
                "四是每半年向志愿者公布服务记录。",
                "五是活动结束当天在工作群公布参与名单。",
            ]),
            ("三、取得成效", [
                "志愿服务记录完整率100%，未出现漏记、错记，",
                "志愿者可随时在系统查询本人服务记录，参与积极性明显提高。",
                "记录数据为星级认定和回馈提供了依据。",
                "全年未收到志愿者对记录的异议。",
                "系统数据与台账一致。",
            ]),
        ]),
    "Ⅲ-16-3-4": Report(
        title="志愿者星级认定和表彰情况说明报告", target=300, date=dt.date(2017, 10, 31),
        sections=[
            ("一、基本情况", [
                "我局按照志愿者星级认定办法，根据“i志愿”系统记录的服务时长认定星级志愿者，2017年认定一星级志愿者21人、二星级6人、三星级2人。",
                "认定结果在局内公示5个工作日。",
                "认定工作由人教科具体负责。",
            ]),
            ("二、主要措施", [
                "一是每半年统计1次服务时长，符合条件的及时申报认定；",
                "二是年终评选优秀志愿者5名，在局务会上通报表彰；",
                "三是推荐优秀志愿服务组织参加市级评选。",
                "四是在局门户网站宣传优秀志愿者事迹。",
                "五是为星级志愿者颁发证书和徽章。",
            ]),
            ("三、取得成效", [
                "局志愿服务队获评市级优秀志愿服务组织，",
                "1名志愿者获评市优秀志愿者。",
                "星级志愿者比上年增加12人。",
                "表彰激励带动更多干部职工参加志愿服务。",
                "三星级志愿者2人均为党员。",
                "认定工作做到公开透明。",
            ]),
        ]),
    "Ⅲ-16-3-5": Report(
        title="志愿者回馈情况说明报告", target=200, date=dt.date(2017, 10, 31),
        sections=[
            ("一、基本情况", ["2016—2017年，我局建立志愿者回馈激励机制，对服务时长达标的志愿者给予回馈。",
                              "回馈办法经局务会议审议通过。", "回馈对象以服务时长为依据。"]),
            ("二、主要措施", ["一是为志愿者购买意外保险72份；", "二是服务满50小时的志愿者优先参加培训和评先；",
                              "三是为星级志愿者颁发证书。", "四是每年组织1次志愿者座谈会，听取意见建议。"]),
            ("三、取得成效", ["累计回馈志愿者36人次，志愿者队伍保持稳定。", "志愿者流失率低于5%。", "志愿者对回馈措施的满意率为95%。"]),
        ]),
    "Ⅲ-35-2": Report(
        title="守信优待政策和失信联合惩戒措施说明报告", target=800, date=dt.date(2017, 9, 25), sign=True,
        sections=[
            ("一、基本情况", [
                "按照市社会信用体系建设工作部署，我局结合中小企业服务和工业项目管理职能，建立守信联合激励和失信联合惩戒机制，"
                "在项目申报、资金扶持和评先评优中使用信用信息。",
                "2017年共查询企业信用记录386次，对12家守信企业给予优待，对3家失信企业实施惩戒。",
                "守信优待和失信惩戒措施经局党组会议审议后印发执行，由中小局负责组织实施。",
                "各业务科室在办理行政审批和资金申报时，均须先查询企业信用记录。",
                "局信用信息查询记录全部留档备查。",
            ]),
            ("二、主要措施", [
                "一是守信优待。对诚信记录良好的企业，在申报省市工业和信息化专项资金时开辟绿色通道，同等条件下优先安排，"
                "全年为9家守信企业优先办理资金申报。",
                "二是简化程序。对连续3年无不良信用记录的企业，在技术改造项目备案中实行容缺受理，平均办理时间由5个工作日缩短到2个工作日。",
                "三是失信惩戒。对列入失信被执行人名单和重大税收违法案件当事人名单的企业，限制其申报各类专项资金，取消其评先评优资格。",
                "四是信息共享。通过市公共信用信息管理系统查询和推送信用信息，惩戒结果5个工作日内反馈市信用办。",
                "五是宣传引导。在局门户网站公开守信优待和失信惩戒措施，组织企业诚信经营培训2场，参训企业负责人160人。",
                "六是信用修复。对主动纠正失信行为的企业，指导其按程序申请信用修复。",
                "七是在中小企业融资对接活动中，向金融机构优先推荐守信企业，全年促成授信1.6亿元。",
                "八是对守信企业在项目评审中给予适当加分。",
            ]),
            ("三、取得成效", [
                "守信优待政策让诚信企业得到实惠，失信惩戒形成有效震慑，3家失信企业中已有2家履行义务并申请信用修复。",
                "企业诚信经营意识明显增强，2017年我局受理的专项资金申报材料真实性核查合格率达100%。",
                "相关做法在全市社会信用体系建设工作会议上作了经验交流。",
                "全年没有发生因信用信息使用不当引起的投诉。",
                "下一步，我局将扩大信用信息在工业项目管理中的应用范围。",
                "守信企业获得专项资金支持的金额占全年安排资金的62%。",
            ]),
        ]),
    "Ⅲ-35-3": Report(
        title="失信突出问题专项整治情况说明报告", target=800, date=dt.date(2017, 10, 12), sign=True,
        sections=[
            ("一、基本情况", [
                "2017年4月至9月，我局按照全市失信突出问题专项整治工作方案，聚焦中小企业拖欠工资、专项资金项目弄虚作假和"
                "电子商务领域失信三类问题开展专项整治。",
                "专项整治共排查企业215家，发现失信问题线索14条，已办结13条，办结率92.9%。",
                "专项整治分动员部署、排查整治、总结巩固三个阶段进行。",
                "整治期间，局党组听取专项整治工作汇报3次，研究解决重点问题5个。",
                "整治对象以近三年获得我局专项资金扶持的企业和电商企业为重点。",
            ]),
            ("二、主要措施", [
                "一是成立专项整治工作小组，由分管领导任组长，中小局、经济运行科等5个科室参加，制定整治任务清单。",
                "二是开展拉网式排查，对近三年获得专项资金扶持的企业逐一核查项目实施和资金使用情况，核查项目86个。",
                "三是建立问题台账，对发现的14条失信线索逐条明确责任人和整改时限，实行销号管理。",
                "四是联合人社、市场监管等部门开展联合检查3次，督促2家企业补发拖欠工资36万元。",
                "五是对2个弄虚作假的专项资金项目追回资金48万元，并将相关企业信息推送至市公共信用信息平台。",
                "六是在电子商务领域开展诚信经营承诺活动，42家电商企业签订诚信经营承诺书。",
                "七是公布举报电话和邮箱，受理群众举报线索6条，全部按期核查回复。",
                "八是对整治中发现的制度漏洞，修订专项资金管理办法1项。",
                "九是整治期间每月向市信用办报送工作进展1次，按时报送率100%。",
            ]),
            ("三、取得成效", [
                "专项整治有效遏制了失信行为的蔓延，企业拖欠工资投诉同比下降40%，专项资金项目验收一次通过率提高到95%。",
                "通过整治，建立了专项资金项目信用承诺和事后核查制度，形成了长效机制。",
                "企业和群众对整治工作的满意度达到94%。",
                "剩余1条线索涉及司法程序，已明确责任人跟踪办理。",
                "专项整治的做法被市社会信用体系建设领导小组办公室通报推广。",
                "通过整治，守法诚信经营的观念在企业中进一步树立，3家企业主动退回不符合条件的补助资金21万元。",
                "整治工作中形成的排查清单、问题台账和整改报告全部归档。",
            ]),
        ]),
    "Ⅲ-89-2": Report(
        title="征求民意查找突出问题整改情况说明报告", target=800, date=dt.date(2017, 10, 30), sign=True,
        sections=[
            ("一、基本情况", [
                "2017年，我局采取问卷调查、网上民意测评和座谈会等方式，先后5次征求服务企业、社会公众和机关干部职工的意见，"
                "回收问卷855份，平均满意率93.5%。",
                "通过征求民意共查找到突出问题12个，已整改11个，整改率91.7%，其余1个正按计划推进。",
                "征求意见工作由办公室牵头，各业务科室按职责配合。",
                "每次调查结束后10个工作日内形成分析报告，报局党组审定。",
                "调查对象覆盖服务企业、窗口服务对象、人大代表、政协委员和机关干部职工五类群体。",
            ]),
            ("二、主要措施", [
                "一是列出问题清单。群众反映较集中的问题有：企业办事材料多、跑腿多；政策宣传不到位；窗口午间服务中断；"
                "局机关周边停车秩序乱；门户网站信息更新慢。",
                "二是逐项明确整改责任。对12个问题逐一明确责任科室、责任人和完成时限，在局门户网站公开，接受群众监督。",
                "三是精简办事材料。清理行政审批申报材料，取消重复材料17项，推行网上申报，企业办事平均跑腿次数由3次减少到1次。",
                "四是加强政策宣传。编印《惠企政策汇编》2000册，举办政策宣讲会6场，覆盖企业420家。",
                "五是改进窗口服务。实行午间延时服务和预约服务，全年提供延时服务130余次。",
                "六是规范周边秩序。联合交警部门施划停车位40个，安排文明引导员每周上岗引导。",
                "七是加快网站更新。明确各科室信息员，信息审核发布实行限时办结。",
                "八是整改情况在局门户网站公示，接受群众评议。",
                "九是对暂未完成整改的1个问题，制定分步实施计划，明确在2018年3月前完成。",
            ]),
            ("三、取得成效", [
                "整改后再次开展问卷调查，群众对我局服务的满意率由90.3%提高到96.4%。",
                "门户网站信息更新时间缩短到2个工作日以内，企业对政策知晓率提高到88%。",
                "通过“征求意见—查找问题—整改落实—反馈评价”的闭环管理，群众参与创建的积极性明显提高。",
                "全年没有收到关于窗口服务的投诉。",
                "下一步，我局将每半年开展1次民意测评，持续改进工作。",
                "企业办事平均时间由7个工作日缩短到3个工作日。",
                "征求民意整改工作被市创文办评为群众参与创建优秀案例。",
                "群众意见的办理结果全部按期反馈。",
            ]),
        ]),
}


# ==================================================================================================


def build(base: Path) -> None:
    base.mkdir(parents=True, exist_ok=True)
    for name in TOP_LEVEL:  # only what this script writes; never criteria.yml or README.md
        target = base / name
        if target.is_dir():
            shutil.rmtree(target)
    indicator_iii_2(base)
    indicator_iii_10(base)
    indicator_iii_16(base)
    indicator_iii_26(base)
    indicator_iii_35(base)
    indicator_iii_89(base)
    stray_files(base)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the example archive's materials (deterministic).")
    parser.add_argument("--out", type=Path, default=ROOT / "archive", help="archive folder (default: ./archive)")
    args = parser.parse_args(argv)
    build(args.out)
    total = sum(p.stat().st_size for p in written)
    for path in written:
        print(f"{path.stat().st_size:>10,}  {path.relative_to(args.out)}")
    print(f"{len(written)} files, {total / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
