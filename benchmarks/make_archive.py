"""A synthetic archive of real size for the benchmark, written outside the repository.

Laid out along the example framework (archive/criteria.yml, copied in): one folder per
indicator, standard and requirement, named by code ("Ⅲ-2 健全完善学习制度/1 中心组学习示范
带动/④ 学习会议材料/"), one sub-folder per meeting or activity where the framework counts
per meeting. By default 1,000 photos (4000×3000 JPEG, 1.5–2 MB each, one in eight stored
on its side with EXIF orientation 6), 150 PDF scans (JPEG pages, 1–10 each), 100 Word
reports and 4 videos (an mp4 'ftyp' header and filler: the binder does not decode video).

Everything is decided up front from one seed, then each file is made from its own seed
in a process pool: the same arguments give the same bytes (timestamps inside PDFs and
.docx files are fixed too). Photos are cheap to make: each worker draws a few large base
pictures once (colour fields, shapes and sensor-like noise, which is what makes a real
photo weigh 1.5–2 MB) and every photo is a different window of one, with its own marks.

    .venv/bin/python benchmarks/make_archive.py [--out DIR] [--photos 1000] [--seed 2017]

DIR defaults to $BENCH_DIR/archive, else /tmp/binder-bench/archive; a manifest
(DIR.manifest.json) beside it records what was made, so the benchmark reuses it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import io
import json
import multiprocessing
import os
import random
import re
import shutil
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PIL import Image, ImageDraw  # noqa: E402

from generator import codes  # noqa: E402
from generator.framework import Framework, Requirement, load_framework  # noqa: E402

GENERATOR_VERSION = 1
"""Bump when the files made for the same arguments change: a stale archive is remade."""

PHOTO_SIZE = (4000, 3000)
PHOTO_BYTES = (1_500_000, 2_000_000)
"""Every photo lands inside the framework's 1.5–2 MB."""
BASE_MARGIN = (400, 300)
"""Base pictures are this much larger than a photo: photos are windows of them."""
BASES_PER_WORKER = 4
PAGE_SIZE = (1240, 1754)
"""A4 at 150 dpi: what an office scanner writes."""
FIXED_TIME = dt.datetime(2017, 11, 30, 9, 0, 0)


def default_bench_dir() -> Path:
    return Path(os.environ.get("BENCH_DIR") or "/tmp/binder-bench")


# --- what to make -------------------------------------------------------------


@dataclass(frozen=True)
class PhotoSpec:
    rel_path: str
    seed: int
    taken: dt.datetime
    orientation: int


@dataclass(frozen=True)
class ScanSpec:
    rel_path: str
    seed: int
    pages: int
    title: str


@dataclass(frozen=True)
class ReportSpec:
    rel_path: str
    seed: int
    title: str
    chars: int


@dataclass(frozen=True)
class VideoSpec:
    rel_path: str
    seed: int
    size: int


Spec = PhotoSpec | ScanSpec | ReportSpec | VideoSpec


@dataclass
class _Slot:
    """A folder that receives files of some kinds."""

    folder: str
    kinds: set[str]
    indicator: str
    subject: str
    groups: int = 0
    """Meetings or activities asked for: made as sub-folders."""
    group_word: str = "次"


PLACES = ["局三楼会议室", "局一楼大厅", "局五楼党员活动室", "市民广场", "城区新港社区", "局机关食堂",
          "马宫街道办", "品清湖公园", "汕尾市图书馆", "红草镇中心小学"]
ACTIVITIES = ["中心组学习", "志愿服务活动", "主题党日", "文明交通劝导", "道德讲堂", "专题讲座",
              "公益广告张贴", "学雷锋活动", "廉政教育", "诚信宣传"]
ORGANIZERS = ["市经信局", "局机关党委", "局团支部", "局工会", "人教科", "办公室"]
THEMES = ["两学一做专题", "社会主义核心价值观", "讲文明树新风", "全国两会精神", "十九大精神",
          "文明城市创建", "家风家教", "诚信建设", "勤劳节俭", "网络文明"]


def plan(framework: Framework, *, photos: int, scans: int, reports: int, videos: int,
         seed: int) -> list[Spec]:
    """Every file of the archive, decided from `seed` alone."""
    rng = random.Random(seed)
    slots = _slots(framework)
    groups = {f"{s.folder}/{_group_name(s, n, rng)}": s for s in slots for n in range(1, s.groups + 1)}
    photo_dirs = [*groups, *(s.folder for s in slots if "photo" in s.kinds and not s.groups)]
    scan_dirs = [s.folder for s in slots if "scan" in s.kinds]
    report_slots = [s for s in slots if "report" in s.kinds]
    specs: list[Spec] = []

    # Each meeting (activity): its notice and content (plan and summary) as scans, then its photos.
    subject_of = {s.folder: s.subject for s in slots}
    for folder, slot in groups.items():
        first, second = ("会议通知", "学习内容") if slot.group_word == "次" else ("活动方案", "活动总结")
        specs.append(ScanSpec(f"{folder}/01-{first}.pdf", rng.getrandbits(32), rng.randint(1, 2), first))
        specs.append(ScanSpec(f"{folder}/02-{second}.pdf", rng.getrandbits(32), rng.randint(2, 10), second))
    left = max(scans - len(specs), 0)
    for folder, count in zip(scan_dirs, _spread(left, len(scan_dirs), rng)):
        for n in range(1, count + 1):
            subject = subject_of[folder]
            specs.append(ScanSpec(f"{folder}/{n:02d}-{subject}{'' if n == 1 else f'（{n}）'}.pdf",
                                  rng.getrandbits(32), rng.randint(1, 10), subject))
    del specs[scans:]

    for slot, count in zip(report_slots, _spread(reports, len(report_slots), rng)):
        for n in range(1, count + 1):
            title = f"{slot.indicator}{slot.subject}{'' if n == 1 else f'（{n}）'}说明报告"
            specs.append(ReportSpec(f"{slot.folder}/{10 + n:02d}-{title}.docx", rng.getrandbits(32),
                                    title, rng.choice([300, 500, 800, 1200])))

    per_dir = _spread(photos, len(photo_dirs), rng)
    day = dt.datetime(2016, 9, 1, 8, 0)
    serial = 0
    for folder, count in zip(photo_dirs, per_dir):
        place, activity = rng.choice(PLACES), rng.choice(ACTIVITIES)
        organizer, theme = rng.choice(ORGANIZERS), rng.choice(THEMES)
        day += dt.timedelta(days=rng.randint(3, 12))
        for n in range(1, count + 1):
            serial += 1
            taken = day + dt.timedelta(minutes=3 * n + rng.randint(0, 2))
            specs.append(PhotoSpec(f"{folder}/{_photo_name(taken, place, activity, organizer, theme, n, rng)}",
                                   rng.getrandbits(32), taken, 6 if rng.random() < 0.125 else 1))
    for n in range(1, videos + 1):
        folder = rng.choice([d for d in photo_dirs if d not in groups])
        specs.append(VideoSpec(f"{folder}/{90 + n:02d}-活动视频{n}.mp4", rng.getrandbits(32),
                               rng.randint(200_000, 900_000)))
    return specs


def _slots(framework: Framework) -> list[_Slot]:
    """The requirement folders, named by code as people name them."""
    slots = []
    for indicator in framework.indicators:
        top = f"{indicator.code} {indicator.name}"
        for standard in indicator.standards:
            if standard.code:
                std_dir = f"{top}/{standard.code} {_short(standard.text)}"
            elif len(indicator.standards) == 1:
                std_dir = top
            else:
                std_dir = f"{top}/1 {_short(standard.text)}"
            for requirement in standard.requirements:
                if requirement.code:
                    folder = f"{std_dir}/{codes.circled(requirement.code)} {_short(requirement.text)}"
                else:
                    folder = std_dir
                slots.append(_slot(folder, requirement, indicator.code))
    return slots


def _slot(folder: str, requirement: Requirement, indicator: str) -> _Slot:
    kinds: set[str] = set()
    groups, word = 0, "次"
    for ask in requirement.asks:
        if ask.kind in ("photo", "screenshot"):
            kinds.add("photo")
        elif ask.kind in ("document", "table", "evaluation"):
            kinds.add("scan")
        elif ask.kind == "report":
            kinds.add("report")
        elif ask.kind == "meeting":
            groups = ask.count or 2
        if ask.per == "activity" and not groups:
            groups, word = max(ask.count or 3, 3), "项"
    if not kinds and not groups:
        kinds.add("scan")
    return _Slot(folder=folder, kinds=kinds, indicator=indicator, subject=_short(requirement.text, 14),
                 groups=groups, group_word=word)


def _short(text: str, length: int = 10) -> str:
    """A folder's short name from a framework text: its first words, no punctuation."""
    text = re.sub(r"^(提供|说明|列举)", "", text)
    kept = re.sub(r"[^\w]", "", text)
    return kept[:length] or "材料"


def _group_name(slot: _Slot, n: int, rng: random.Random) -> str:
    day = dt.date(2016, 9, 1) + dt.timedelta(days=rng.randint(0, 450))
    return f"第{n}{slot.group_word} {day.year}年{day.month}月{day.day}日"


def _photo_name(taken: dt.datetime, place: str, activity: str, organizer: str, theme: str, n: int,
                rng: random.Random) -> str:
    """Names as people write them: mostly the five facts joined by '+', some by '_', a few
    straight from the camera."""
    style = rng.random()
    date = f"{taken.year}年{taken.month}月{taken.day}日"
    if style < 0.75:
        return f"{date}+{place}+{activity}+{organizer}+{theme}（{n:02d}）.jpg"
    if style < 0.93:
        return f"{taken:%Y%m%d}_{place}_{activity}_{organizer}_{theme}_{n:02d}.jpg"
    return f"IMG_{taken:%Y%m%d_%H%M%S}.JPG"


def _spread(total: int, bins: int, rng: random.Random) -> list[int]:
    """`total` items over `bins` bins, unevenly (as archives are), every bin at least one
    item while there are enough."""
    if bins == 0:
        return []
    base = 1 if total >= bins else 0
    weights = [rng.random() ** 2 + 0.15 for _ in range(bins)]
    rest = total - base * bins
    shares = [rest * w / sum(weights) for w in weights]
    counts = [base + int(s) for s in shares]
    order = sorted(range(bins), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


# --- making files (in worker processes) ---------------------------------------

_BASES: dict[int, Image.Image] = {}


def make_file(spec: Spec, root: str) -> tuple[str, int]:
    """Write one file under `root`; returns its kind and bytes."""
    path = Path(root) / spec.rel_path
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(spec, PhotoSpec):
        data, kind = photo_bytes(spec), "photo"
    elif isinstance(spec, ScanSpec):
        data, kind = scan_bytes(spec), "scan"
    elif isinstance(spec, ReportSpec):
        data, kind = report_bytes(spec), "report"
    else:
        data, kind = video_bytes(spec), "video"
    path.write_bytes(data)
    stamp = FIXED_TIME.timestamp()
    os.utime(path, (stamp, stamp))
    return kind, len(data)


def _base(index: int) -> Image.Image:
    """A large photo-like picture: soft colour fields, a few shapes, fine noise."""
    if index not in _BASES:
        rng = random.Random(1000 + index)
        width, height = PHOTO_SIZE[0] + BASE_MARGIN[0], PHOTO_SIZE[1] + BASE_MARGIN[1]
        small = Image.frombytes("RGB", (44, 33), rng.randbytes(44 * 33 * 3))
        im = small.resize((width, height), Image.Resampling.BICUBIC)
        draw = ImageDraw.Draw(im)
        for _ in range(40):
            x, y = rng.randrange(width), rng.randrange(height)
            w, h = rng.randint(80, 900), rng.randint(80, 900)
            colour = tuple(rng.randrange(256) for _ in range(3))
            (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x, y, x + w, y + h), fill=colour)
        amplitude = 10 + index % 3 * 2
        planes = [Image.frombytes("L", (width, height), rng.randbytes(width * height))
                  .point(lambda v, a=amplitude: 128 + (v - 128) * a // 128) for _ in range(3)]
        from PIL import ImageChops
        _BASES[index] = ImageChops.add(im, Image.merge("RGB", planes), scale=1.0, offset=-128)
    return _BASES[index]


def photo_bytes(spec: PhotoSpec) -> bytes:
    """A 4000×3000 JPEG of 1.5–2 MB with EXIF date (and orientation 6 for some)."""
    rng = random.Random(spec.seed)
    base = _base(rng.randrange(BASES_PER_WORKER))
    x, y = rng.randrange(BASE_MARGIN[0]), rng.randrange(BASE_MARGIN[1])
    im = base.crop((x, y, x + PHOTO_SIZE[0], y + PHOTO_SIZE[1]))
    draw = ImageDraw.Draw(im)
    for _ in range(3):
        cx, cy = rng.randrange(PHOTO_SIZE[0]), rng.randrange(PHOTO_SIZE[1])
        draw.rectangle((cx, cy, cx + rng.randint(60, 400), cy + rng.randint(60, 400)),
                       fill=tuple(rng.randrange(256) for _ in range(3)))
    exif = Image.Exif()
    exif[0x010F] = "BenchCam"
    exif[0x0110] = "Synthetic 12MP"
    exif[0x0132] = f"{spec.taken:%Y:%m:%d %H:%M:%S}"
    exif[0x0112] = spec.orientation
    exif.get_ifd(0x8769)[0x9003] = f"{spec.taken:%Y:%m:%d %H:%M:%S}"
    quality = 84
    for _ in range(6):
        out = io.BytesIO()
        im.save(out, "JPEG", quality=quality, exif=exif.tobytes())
        size = out.tell()
        if size < PHOTO_BYTES[0]:
            quality += 2
        elif size > PHOTO_BYTES[1]:
            quality -= 2
        else:
            break
    return out.getvalue()


def scan_bytes(spec: ScanSpec) -> bytes:
    """A scanned document: JPEG pages of text-like lines, a red seal on the first."""
    rng = random.Random(spec.seed)
    pages = []
    for number in range(spec.pages):
        mode = "RGB" if number == 0 else "L"
        page = Image.new(mode, PAGE_SIZE, "white" if mode == "RGB" else 245)
        draw = ImageDraw.Draw(page)
        y = 180 if number else 300
        if number == 0:
            draw.rectangle((300, 150, 940, 200), fill=(40, 40, 40))
        while y < PAGE_SIZE[1] - 200:
            x = 150 + (60 if rng.random() < 0.2 else 0)
            end = rng.randint(700, PAGE_SIZE[0] - 150)
            while x < end:
                w = rng.randint(14, 30)
                draw.rectangle((x, y, x + w, y + 22), fill=(60, 60, 60) if mode == "RGB" else 60)
                x += w + rng.randint(4, 10)
            y += rng.randint(38, 60)
        if number == 0:
            draw.ellipse((820, 1350, 1120, 1650), outline=(200, 20, 20), width=12)
        grain = Image.frombytes("L", (PAGE_SIZE[0] // 4, PAGE_SIZE[1] // 4),
                                rng.randbytes(PAGE_SIZE[0] // 4 * (PAGE_SIZE[1] // 4)))
        grain = grain.resize(PAGE_SIZE).point(lambda v: 120 + v // 32)
        page = Image.blend(page, grain.convert(mode), 0.08)
        pages.append(page)
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=150.0, quality=70,
                  title=spec.title, author="汕尾市经济和信息化局",
                  creationDate=FIXED_TIME.timetuple(), modDate=FIXED_TIME.timetuple())
    return out.getvalue()


_PHRASES = [
    "我局高度重视，成立了以局长为组长的工作领导小组，明确责任科室和责任人",
    "全年共组织开展专题学习{n}次，参加人数累计{m}人次",
    "通过门户网站、微信公众号等平台发布宣传信息{n}条",
    "结合两学一做学习教育，推动各项工作落到实处",
    "各科室按照职责分工，制定了具体的实施方案和工作台账",
    "组织干部职工参加志愿服务活动{n}场，服务时长累计{m}小时",
    "开展督促检查{n}次，发现问题{m}个，均已按期整改到位",
    "建立健全长效机制，做到有计划、有部署、有检查、有总结",
    "广大干部职工的文明素质和社会文明程度明显提高",
    "下一步，我局将继续巩固创建成果，推动文明创建常态化、制度化",
]


def report_bytes(spec: ReportSpec, variant: int = 0) -> bytes:
    """A Word report: a title, three parts (overview, measures, results) with numbers, close
    to the asked length. `variant` makes an edited version of the same report."""
    import docx

    rng = random.Random(spec.seed * 31 + variant)
    document = docx.Document()
    document.add_heading(spec.title, level=1)
    parts = ["一、基本情况", "二、主要措施", "三、取得成效"]
    written = 0
    for index, heading in enumerate(parts):
        document.add_heading(heading, level=2)
        goal = spec.chars * (index + 1) // len(parts)
        while written < goal:
            sentence = rng.choice(_PHRASES).format(n=rng.randint(2, 40), m=rng.randint(20, 900)) + "。"
            document.add_paragraph(sentence)
            written += len(sentence)
    if variant:
        document.add_paragraph(f"（第{variant}次修改补充：新增工作记录{rng.randint(1, 99)}条。）")
    core = document.core_properties
    core.author, core.title = "汕尾市经济和信息化局", spec.title
    core.created = core.modified = FIXED_TIME
    core.last_modified_by = "binder-bench"
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip_times(out.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same package with every member dated FIXED_TIME: python-docx stamps the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info))
    return out.getvalue()


def video_bytes(spec: VideoSpec) -> bytes:
    """An mp4 as far as its first bytes go: 'ftyp' box, then an 'mdat' of filler."""
    rng = random.Random(spec.seed)
    ftyp = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"
    body = rng.randbytes(spec.size)
    return ftyp + (len(body) + 8).to_bytes(4, "big") + b"mdat" + body


# --- the whole archive --------------------------------------------------------


def _worker(args: tuple[Spec, str]) -> tuple[str, int]:
    return make_file(*args)


def make_archive(out: Path, *, photos: int = 1000, scans: int = 150, reports: int = 100,
                 videos: int = 4, seed: int = 2017, jobs: int | None = None,
                 criteria: Path = REPO / "archive" / "criteria.yml", quiet: bool = False) -> dict:
    """Make the archive at `out` (replacing one this script made before); returns its manifest."""
    out = out.resolve()
    if out == REPO or REPO in out.parents:
        raise SystemExit(f"refusing to write generated data inside the repository: {out}")
    manifest_path = manifest_of(out)
    if out.exists():
        if not manifest_path.exists():
            raise SystemExit(f"{out} exists and was not made by this script: not touching it")
        shutil.rmtree(out)
        manifest_path.unlink()
    started = time.perf_counter()
    out.mkdir(parents=True)
    shutil.copyfile(criteria, out / "criteria.yml")
    framework = load_framework(out)
    specs = plan(framework, photos=photos, scans=scans, reports=reports, videos=videos, seed=seed)
    # Heaviest first, so the pool ends together.
    specs.sort(key=lambda s: (not isinstance(s, PhotoSpec), not isinstance(s, ScanSpec)))
    counts: dict[str, int] = {}
    total = 0
    with multiprocessing.get_context("fork").Pool(jobs or os.cpu_count() or 1) as pool:
        for n, (kind, size) in enumerate(pool.imap_unordered(_worker, [(s, str(out)) for s in specs],
                                                             chunksize=4), 1):
            counts[kind] = counts.get(kind, 0) + 1
            total += size
            if not quiet and (n % 100 == 0 or n == len(specs)):
                print(f"\r  {n}/{len(specs)} files", end="", file=sys.stderr, flush=True)
    if not quiet:
        print(file=sys.stderr)
    manifest = {
        "generator_version": GENERATOR_VERSION,
        "params": {"photos": photos, "scans": scans, "reports": reports, "videos": videos, "seed": seed},
        "counts": counts,
        "bytes": total,
        "seconds": round(time.perf_counter() - started, 1),
        "specs": [{"type": type(s).__name__, **_jsonable(dataclasses.asdict(s))} for s in specs],
    }
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def _jsonable(data: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, dt.datetime) else v for k, v in data.items()}


def manifest_of(out: Path) -> Path:
    return out.with_name(out.name + ".manifest.json")


def spec_from(data: dict) -> Spec:
    """A spec back from the manifest."""
    data = dict(data)
    cls = {c.__name__: c for c in (PhotoSpec, ScanSpec, ReportSpec, VideoSpec)}[data.pop("type")]
    if "taken" in data:
        data["taken"] = dt.datetime.fromisoformat(data["taken"])
    return cls(**data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=default_bench_dir() / "archive")
    parser.add_argument("--photos", type=int, default=1000)
    parser.add_argument("--scans", type=int, default=150)
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--videos", type=int, default=4)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("-j", "--jobs", type=int)
    args = parser.parse_args(argv)
    manifest = make_archive(args.out, photos=args.photos, scans=args.scans, reports=args.reports,
                            videos=args.videos, seed=args.seed, jobs=args.jobs)
    print(f"{args.out}: {manifest['counts']}, {manifest['bytes'] / 1e6:.0f} MB in {manifest['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
