"""OCR test set and benchmark: realistic red-header documents (红头文件), scanned badly.

Each document is laid out on an A4 page as GB/T 9704 has it (the issuing office in large
red characters, the 文号, a red rule, the title, 主送, body, signature, date and a red round
seal), rendered with Debian's Noto CJK fonts (tools/make_example_archive.py's ScanWriter),
then degraded as scanners do: 150-300 dpi, skew up to 3°, noise, a greyish page, JPEG
compression. Every page is saved as a JPEG and as an image-only PDF; the ground truth goes
to truth.json. Everything follows from --seed: the same arguments give the same files.

    .venv/bin/python benchmarks/ocr_set.py make --out /tmp/ocr-set [--count 30]
    .venv/bin/python benchmarks/ocr_set.py measure --out /tmp/ocr-set [--engines rapidocr,tesseract]
    make bench-ocr

Per engine: title, 文号 and date exactly right (% of documents, read by the binder's own
facts reader generator.archive.inspectors.official), characters right (% of the true text
found in order, difflib's matching blocks), seconds per page with 2 processes on 2 cores,
and peak memory of one process. Figures to benchmarks/results/ocr.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tools")]

import make_example_archive as example  # noqa: E402  (ScanWriter, fonts, seal)

from generator.archive.inspectors.ocr import OcrLine  # noqa: E402
from generator.archive.inspectors.official import official_facts  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "ocr.json"
TARGETS = {"fields_right": 0.90, "seconds_per_page": 1.5}

ISSUERS = [
    ("汕尾市经济和信息化局", "汕经信"), ("汕尾市人民政府办公室", "汕府办"),
    ("中共汕尾市委宣传部", "汕宣"), ("汕尾市精神文明建设委员会办公室", "汕文明办"),
    ("广东省经济和信息化委员会", "粤经信"), ("汕尾市财政局", "汕财"),
    ("汕尾市城区人民政府", "汕城府"), ("汕尾市市场监督管理局", "汕市监"),
]
SUBJECTS = [
    "党组中心组学习制度", "2016年度文明单位创建工作计划", "志愿服务活动实施方案",
    "诚信红黑名单管理办法", "党风廉政建设责任制实施办法", "“两学一做”学习教育安排",
    "道德讲堂建设工作方案", "文明城市创建工作任务分工", "学雷锋志愿服务月活动安排",
    "干部职工文明礼仪培训计划", "社会主义核心价值观宣传教育方案", "机关作风建设专项整治方案",
]
KINDS = ["印发{s}的通知", "关于印发{s}的通知", "关于做好{s}有关工作的通知", "关于落实{s}的通知",
         "关于报送{s}的函"]
RECIPIENTS = ["局属各单位、机关各科室", "各县（市、区）人民政府，市府直属各单位",
              "各县（市、区）经信局", "市直各有关单位", "各镇人民政府、街道办事处"]
BODY = [
    "为深入贯彻落实中央和省、市关于精神文明建设的部署要求，进一步推进文明城市创建工作，结合我局实际，制定本{k}。",
    "请各单位高度重视，明确责任分工，加强组织领导，按照时间节点认真抓好落实，确保各项任务按期完成。",
    "各单位要把创建工作与日常业务工作结合起来，做到统筹兼顾、相互促进，形成齐抓共管的良好局面。",
    "执行过程中遇到的问题，请及时向局办公室反映。联系人：陈××，电话：3362158。",
    "要建立健全工作台账，做好资料收集和归档工作，真实反映创建工作的过程和成效。",
]
CN_DIGITS = "〇一二三四五六七八九"


def chinese_date(date: dt.date) -> str:
    year = "".join(CN_DIGITS[int(d)] for d in str(date.year))
    return f"{year}年{_cn_number(date.month)}月{_cn_number(date.day)}日"


def _cn_number(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def document(rnd: random.Random, index: int) -> dict:
    """The ground truth of one document, drawn from the lists above."""
    issuer, prefix = rnd.choice(ISSUERS)
    date = dt.date(2016, 1, 1) + dt.timedelta(days=rnd.randrange(700))
    subject = rnd.choice(SUBJECTS)
    title = rnd.choice(KINDS).format(s=subject)
    if rnd.random() < 0.3:
        title = f"{issuer}{title}"
    date_text = chinese_date(date) if rnd.random() < 0.6 else f"{date.year}年{date.month}月{date.day}日"
    body = [p.format(k=subject[-2:]) for p in rnd.sample(BODY, 3)]
    return {"id": f"doc{index:03d}", "issuer": issuer, "number": f"{prefix}〔{date.year}〕{rnd.randint(1, 180)}号",
            "title": title, "recipient": rnd.choice(RECIPIENTS), "date": date.isoformat(),
            "date_text": date_text, "body": body}


def render(truth: dict) -> Image.Image:
    """The clean page at 150 dpi (ScanWriter's A4), before any degradation."""
    writer = example.ScanWriter(truth["id"])
    writer.red_head(truth["issuer"] + "文件")
    writer.doc_number(truth["number"])
    writer.title(truth["title"])
    writer.para(truth["recipient"] + "：", indent=False)
    for paragraph in truth["body"]:
        writer.para(paragraph)
    writer.sign(truth["issuer"], truth["date_text"], seal=truth["issuer"])
    return writer.pages[0]


def degrade(page: Image.Image, rnd: random.Random) -> tuple[Image.Image, dict]:
    """The page as a scanner gives it back: resolution, skew, blur, grey paper, noise, JPEG."""
    dpi = rnd.choice([150, 200, 240, 300])
    skew = rnd.uniform(-3, 3)
    quality = rnd.randint(35, 80)
    scale = dpi / example.DPI
    img = page.resize((round(page.width * scale), round(page.height * scale)), Image.Resampling.BICUBIC)
    img = img.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(250, 250, 248))
    img = img.filter(ImageFilter.GaussianBlur(rnd.uniform(0.3, 0.9) * scale))
    grey = rnd.randint(205, 240)
    paper = Image.new("RGB", img.size, (grey, grey - 2, grey - 8))
    img = ImageChops.multiply(img, paper)
    img = example.grain(img, rnd, rnd.randint(4, 12))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB"), {"dpi": dpi, "skew": round(skew, 2),
                                                                     "jpeg_quality": quality}


def true_text(truth: dict) -> str:
    return "".join([truth["issuer"] + "文件", truth["number"], truth["title"], truth["recipient"] + "：",
                    *truth["body"], truth["issuer"], truth["date_text"]])


def make_set(out: Path, count: int, seed: int) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    truths = []
    for index in range(count):
        rnd = random.Random(f"{seed}:{index}")
        truth = document(rnd, index)
        scan, how = degrade(render(truth), rnd)
        scan.save(out / f"{truth['id']}.jpg", "JPEG", quality=90)
        scan.save(out / f"{truth['id']}.pdf", "PDF", resolution=how["dpi"], quality=how["jpeg_quality"])
        truths.append({**truth, **how, "text": true_text(truth)})
    (out / "truth.json").write_text(json.dumps(truths, ensure_ascii=False, indent=1), encoding="utf-8")
    return truths


# --- engines: a page image in, lines with their heights out ---------------------------------


def rapidocr_lines(path: str) -> list[OcrLine]:
    from generator.archive.inspectors.ocr import read_page

    with Image.open(path) as image:
        return read_page(image)


def tesseract_lines(path: str) -> list[OcrLine]:
    """Debian's tesseract (chi_sim), one thread, its TSV words joined into lines."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    tsv = subprocess.run(["tesseract", path, "stdout", "-l", "chi_sim", "--psm", "3", "tsv"],
                         capture_output=True, text=True, env=env, check=True).stdout
    lines: dict[tuple, list[list[str]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) == 12 and cells[0] == "5" and cells[11].strip():
            lines.setdefault(tuple(cells[1:5]), []).append(cells)
    result = []
    for words in lines.values():
        left = min(int(w[6]) for w in words)
        top = min(int(w[7]) for w in words)
        right = max(int(w[6]) + int(w[8]) for w in words)
        height = statistics.median(int(w[9]) for w in words)
        result.append(OcrLine("".join(w[11] for w in words), top, left, right - left, height))
    return sorted(result, key=lambda line: (line.top, line.left))


ENGINES = {"rapidocr": rapidocr_lines, "tesseract": tesseract_lines}


def _read(job: tuple[str, str]) -> tuple[list[OcrLine], float, int]:
    engine, path = job
    before = _cpu_seconds()
    lines = ENGINES[engine](path)
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return lines, _cpu_seconds() - before, usage


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (tesseract runs as one): on a
    machine other work shares, wall time per page says more about the neighbours."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(out: Path, engine: str, truths: list[dict], processes: int = 2) -> dict:
    jobs = [(engine, str(out / f"{t['id']}.jpg")) for t in truths]
    start = time.perf_counter()
    with ProcessPoolExecutor(processes) as pool:
        _warm = list(pool.map(_read, jobs[:processes]))  # load the engine in each process first
        start = time.perf_counter()
        results = list(pool.map(_read, jobs))
    wall = time.perf_counter() - start
    right = {"title": 0, "number": 0, "date": 0}
    chars = []
    misses = []
    for truth, (lines, _, _) in zip(truths, results):
        facts = official_facts(lines)
        got = {"title": facts.title, "number": facts.number, "date": facts.date}
        for field in right:
            if got[field] == truth[field]:
                right[field] += 1
            else:
                misses.append({"id": truth["id"], "field": field, "true": truth[field], "read": got[field]})
        chars.append(_chars_right(truth["text"], "".join(line.text for line in lines)))
    n = len(truths)
    fields = {k: v / n for k, v in right.items()}
    return {
        "engine": engine, "documents": n, "right": fields,
        "all_three_right": sum(1 for t, (lines, _, _) in zip(truths, results) if _all_right(t, lines)) / n,
        "chars_right": statistics.mean(chars),
        "seconds_per_page": wall / n, "processes": processes,
        "cpu_seconds_per_page": statistics.median(r[1] for r in results),
        "peak_rss_mb_per_process": max(r[2] for r in results) / 1024,
        "misses": misses[:20],
    }


def _all_right(truth: dict, lines: list[OcrLine]) -> bool:
    facts = official_facts(lines)
    return (facts.title, facts.number, facts.date) == (truth["title"], truth["number"], truth["date"])


def _chars_right(true: str, read: str) -> float:
    read = "".join(read.split())
    matcher = difflib.SequenceMatcher(None, true, read, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(true))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="OCR test set of red-header scans and the engines' figures.")
    parser.add_argument("action", choices=["make", "measure", "all", "example"],
                        help="example: write the example archive's scans into archive/")
    parser.add_argument("--out", type=Path, default=Path(os.environ.get("BENCH_DIR", "/tmp/binder-bench")) / "ocr-set")
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--engines", default="rapidocr,tesseract")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    if args.action == "example":
        for path in write_example_scans(REPO / "archive"):
            print(f"{path.stat().st_size:>9,}  {path.relative_to(REPO)}")
        return 0
    if args.action in ("make", "all"):
        make_set(args.out, args.count, args.seed)
        print(f"{args.count} documents in {args.out}")
    if args.action in ("measure", "all"):
        truths = json.loads((args.out / "truth.json").read_text(encoding="utf-8"))
        figures = [measure(args.out, engine, truths, args.processes) for engine in args.engines.split(",")]
        for f in figures:
            print(f"{f['engine']:10} title {f['right']['title']:.0%}  文号 {f['right']['number']:.0%}  "
                  f"date {f['right']['date']:.0%}  all three {f['all_three_right']:.0%}  "
                  f"chars {f['chars_right']:.1%}  {f['seconds_per_page']:.2f} s/page ({f['processes']} processes, "
                  f"median CPU {f['cpu_seconds_per_page']:.2f} s/page)  "
                  f"{f['peak_rss_mb_per_process']:.0f} MB/process")
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(json.dumps({"measured": dt.datetime.now().isoformat(timespec="seconds"),
                                       "targets": TARGETS, "cpus": os.cpu_count(), "engines": figures},
                                      ensure_ascii=False, indent=1), encoding="utf-8")
    return 0



# --- the example archive's scans: planted defects that only OCR can see ------------------------

EXAMPLE_FOLDER = "Ⅲ-34 社会信用体系建设/2 诚信建设工作机制"
EXAMPLE_SCANS = [
    # DEFECT: a routine document (年度工作安排) issued in September, its date only on the scan
    ("01-2017年诚信汕尾建设年度工作安排.pdf", {
        "id": "Ⅲ-34-1", "issuer": "汕尾市经济和信息化局", "number": "汕经信〔2017〕96号",
        "title": "关于印发2017年“诚信汕尾”建设年度工作安排的通知", "recipient": "局属各单位、机关各科室",
        "date": "2017-09-15", "date_text": "二〇一七年九月十五日",
        "body": ["为贯彻《关于推进诚信建设制度化的意见》，建立统分结合的工作机制，现将我局2017年“诚信汕尾”建设年度工作安排印发给你们，请认真组织实施。",
                 "各科室要按照职责分工，抓好信用信息归集、守信激励和失信惩戒等工作，每季度报送工作进展。"]}),
    # DEFECT: named as the requirement asks, but the scan is another document (its title lacks 诚信)
    ("02-诚信汕尾建设工作通知.pdf", {
        "id": "Ⅲ-34-2", "issuer": "汕尾市经济和信息化局", "number": "汕经信〔2017〕41号",
        "title": "关于开展安全生产大检查的通知", "recipient": "局属各单位、机关各科室",
        "date": "2017-04-10", "date_text": "2017年4月10日",
        "body": ["为切实加强安全生产工作，防范和遏制重特大事故发生，决定在全系统开展安全生产大检查。",
                 "各单位要对照检查内容逐项排查，发现隐患立即整改，检查情况于4月30日前报局办公室。"]}),
    # DEFECT: a 正式发文 scanned to JPEG instead of PDF (its extension says so), and a red head
    # with no 文号 under it (only reading the image shows it)
    ("03-2017年诚信汕尾信用信息归集工作安排.jpg", {
        "id": "Ⅲ-34-3", "issuer": "汕尾市经济和信息化局", "number": "",
        "title": "关于做好“诚信汕尾”信用信息归集工作的通知", "recipient": "局属各单位、机关各科室",
        "date": "2017-03-20", "date_text": "二〇一七年三月二十日",
        "body": ["按照“诚信汕尾”建设年度工作安排，现就做好信用信息归集工作通知如下。",
                 "各科室于每月5日前报送上月行政许可和行政处罚信息，确保信息准确、及时、完整。"]}),
]


def write_example_scans(archive: Path) -> list[Path]:
    """The example archive's image-only scans (deterministic: the same bytes every run)."""
    written = []
    for name, truth in EXAMPLE_SCANS:
        rnd = random.Random(truth["id"])
        page = render(truth)
        page = page.rotate(rnd.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC, fillcolor="white")
        page = example.grain(ImageChops.multiply(page, Image.new("RGB", page.size, (238, 236, 230))), rnd, 5)
        path = archive / EXAMPLE_FOLDER / name
        path.parent.mkdir(parents=True, exist_ok=True)
        out = io.BytesIO()
        scanned = dt.datetime.fromisoformat(truth["date"]).timetuple()  # fixed dates: the same bytes
        if path.suffix == ".jpg":  # scanned to an image, as a multifunction printer offers
            page.save(out, "JPEG", quality=70, dpi=(example.DPI, example.DPI))
        else:
            page.save(out, "PDF", resolution=example.DPI, quality=50, producer="Canon iR-ADV C5235",
                      creator="Canon iR-ADV C5235 扫描", creationDate=scanned, modDate=scanned)
        path.write_bytes(out.getvalue())
        written.append(path)
    return written


if __name__ == "__main__":
    sys.exit(main())
