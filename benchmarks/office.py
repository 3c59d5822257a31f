"""The office view at scale: N units' check results (the json of `binder check --format json`,
version 1), generated, then `binder office` over them, timed and measured.

Each unit has the 36 standards of a 24-indicator framework in four categories, a quality of
its own (most units middling, a few very good or very poor), findings of the rules' real
mix for each failing or to-verify standard, a few unplaced ones, and one unit in twenty on
an older version of the framework (one indicator under another code, one renamed). The same
seed gives the same bytes.

    .venv/bin/python benchmarks/office.py [--units 150 300 600] [--runs 3]   (or: make bench-office)

Targets (issue 18): 300 units in at most 10 s on 2 cores; peak memory flat as units double
(600 vs 150 within +20 %); no page over 2 MB. Figures to benchmarks/results/office.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results" / "office.json"
TITLE = "汕尾市2017年省级文明城市创建任务清单"
OLD_TITLE = "汕尾市2016年省级文明城市创建任务清单"
CATEGORIES = ("思想道德建设", "共性任务", "个性任务", "长效机制")
NAMES = (
    "健全完善学习制度", "发挥榜样作用", "制度化建设", "落实从严治党要求", "群众评价", "诚信奖罚制度",
    "开展道德讲堂活动", "志愿服务常态化", "公益广告宣传", "文明餐桌行动", "网络文明传播", "窗口单位服务",
    "爱国卫生运动", "交通秩序整治", "未成年人思想道德建设", "社会主义核心价值观宣传", "移风易俗", "文明礼仪培训",
    "学雷锋活动", "关爱帮扶困难群众", "创建工作领导机构", "创建经费保障", "创建档案管理", "创建工作督查",
)
# Rules of failing standards and of to-verify ones, weighted as the example archive and the
# benchmark archive show them (missing material first by far).
ERROR_RULES = (("requirement.missing", 40), ("requirement.count", 12), ("photo.size", 10), ("photo.naming", 8),
               ("photo.clarity", 6), ("document.format", 5), ("document.date", 4), ("report.length", 5),
               ("report.parts", 3), ("requirement.kind", 4), ("table.format", 2), ("requirement.activities", 3))
WARNING_RULES = (("requirement.seal-to-verify", 10), ("requirement.count-to-verify", 10),
                 ("requirement.deadline-to-verify", 6), ("photo.date", 5), ("standard.unlisted", 4),
                 ("requirement.explained", 3), ("photo.caption", 4), ("table.seal", 3))
DEPARTMENTS = ("办公室", "人教科", "宣传科", "机关党委", "综合科")


def framework() -> list[dict]:
    """24 indicators, 36 standards (the first 12 indicators have two), scores summing to 100."""
    indicators = []
    for index, name in enumerate(NAMES):
        standards = 2 if index < 12 else 1
        indicators.append({"code": f"Ⅲ-{index + 1}", "name": name, "category": CATEGORIES[index // 6],
                           "standards": [{"code": str(s + 1), "score": 2.5 if standards == 2 else 4.0}
                                         for s in range(standards)]})
    return indicators


def older(indicators: list[dict]) -> list[dict]:
    """The older framework version: Ⅲ-24 numbered Ⅲ-25, Ⅲ-23 under another name."""
    changed = json.loads(json.dumps(indicators))
    changed[-1]["code"] = "Ⅲ-25"
    changed[-2]["name"] = "创建经费落实"
    return changed


def unit_document(unit: str, rng: random.Random, *, quality: float | None = None, year: int = 2026,
                  statuses: dict[str, str] | None = None, old_framework: bool = False) -> dict:
    """One unit's check json. `statuses` (indicator code -> status) forces an indicator's
    standards to that status; otherwise each standard fails or is to be verified by chance,
    the more often the lower the unit's `quality` (0..1)."""
    quality = rng.betavariate(4, 2) if quality is None else quality
    indicators_in = older(framework()) if old_framework else framework()
    indicators, findings = [], []
    for raw in indicators_in:
        standards = []
        for s in raw["standards"]:
            if statuses and raw["code"] in statuses:
                status = statuses[raw["code"]]
            else:
                roll = rng.random()
                status = ("failing" if roll < (1 - quality) * 0.7 else
                          "to-verify" if roll < (1 - quality) * 0.7 + 0.12 else "compliant")
            owner = {"leader": "", "department": rng.choice(DEPARTMENTS), "person": ""}
            standards.append({"code": s["code"], "status": status, "status_label": _label(status),
                              "score": s["score"], "relapse": False, "owner": owner})
            findings += _findings(unit, raw["code"], s["code"], status, owner, rng)
        status = ("failing" if any(s["status"] == "failing" for s in standards) else
                  "to-verify" if any(s["status"] == "to-verify" for s in standards) else "compliant")
        indicators.append({"code": raw["code"], "name": raw["name"], "category": raw["category"], "status": status,
                           "status_label": _label(status), "score": sum(s["score"] for s in standards),
                           "item_score": None, "standards": standards})
    for _ in range(rng.randrange(0, 4)):
        findings.append(_record(unit, None, None, "file.stray", "warning", f"未归类文件 {rng.randrange(1000)}.jpg",
                                None, rng, {"leader": "", "department": "", "person": ""}))
    return {"version": 1, "framework": {"title": OLD_TITLE if old_framework else TITLE, "unit": unit,
                                        "period": {"start": f"{year - 1}-08-01", "end": f"{year}-12-31"}},
            "summary": _tally("全部", indicators, findings),
            "by_category": [_tally(c, [i for i in indicators if i["category"] == c],
                                   [f for f in findings if _category(f, indicators) == c]) for c in CATEGORIES],
            "by_group": [], "by_department": [], "by_person": [],
            "indicators": indicators, "findings": findings}


def _findings(unit, indicator, standard, status, owner, rng) -> list[dict]:
    if status == "compliant":
        return []
    rules, severity, count = ((ERROR_RULES, "error", rng.randrange(1, 5)) if status == "failing"
                              else (WARNING_RULES, "warning", rng.randrange(1, 3)))
    names, weights = zip(*rules)
    return [_record(unit, indicator, standard, rule, severity, f"{rule} 第 {n + 1} 处", str(rng.randrange(1, 4)), rng,
                    owner) for n, rule in enumerate(rng.choices(names, weights, k=count))]


def _record(unit, indicator, standard, rule, severity, message, requirement, rng, owner) -> dict:
    # The id hashes the finding's place, not the unit's year: the same problem keeps its id next year.
    key = "\x1f".join(str(x) for x in (unit, indicator, standard, requirement, rule, message))
    return {"id": hashlib.sha256(key.encode("utf-8")).hexdigest()[:16], "rule": rule, "severity": severity,
            "severity_label": "未达标" if severity == "error" else "待核实", "indicator": indicator,
            "standard": standard, "requirement": requirement, "file": None, "message": message,
            "fix": "请按要求补充或更正材料", "owner": owner}


def _category(finding: dict, indicators: list[dict]) -> str | None:
    return next((i["category"] for i in indicators if i["code"] == finding["indicator"]), None)


def _label(status: str) -> str:
    return {"compliant": "达标", "failing": "未达标", "to-verify": "待核实"}[status]


def _tally(name: str, indicators: list[dict], findings: list[dict]) -> dict:
    standards = [s for i in indicators for s in i["standards"]]
    score = sum(s["score"] for s in standards)
    at_risk = sum(s["score"] for s in standards if s["status"] != "compliant")
    return {"name": name, "standards": len(standards),
            "compliant": sum(s["status"] == "compliant" for s in standards),
            "failing": sum(s["status"] == "failing" for s in standards),
            "to_verify": sum(s["status"] == "to-verify" for s in standards), "relapse": 0,
            "score": score, "at_risk": at_risk, "requirements": len(standards) * 2,
            "provided": sum(s["status"] != "failing" for s in standards) * 2,
            "completeness": 0.0, "errors": sum(f["severity"] == "error" for f in findings),
            "warnings": sum(f["severity"] == "warning" for f in findings)}


def write_units(folder: Path, count: int, seed: int = 18) -> list[Path]:
    """`count` units' json files in `folder` (kept when already there with the same seed)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"unit-{index:04d}.json"
        paths.append(path)
        if path.exists():
            continue
        rng = random.Random(f"{seed}-{index}")
        unit = f"汕尾市第{index + 1}单位"
        document = unit_document(unit, rng, old_framework=index % 20 == 19)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return paths


def run_office(paths: list[Path], site: Path) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system: what a loaded machine
    disturbs least) of one `binder office` run over `paths`."""
    command = [str(Path(sys.executable).parent / "binder"), "office", *map(str, paths), "-d", str(site)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"binder office failed: {process.stderr.read().decode('utf-8', 'replace')}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def largest_page(site: Path) -> tuple[str, int]:
    pages = [(p, p.stat().st_size) for p in site.rglob("*.html")]
    path, size = max(pages, key=lambda x: x[1])
    return str(path.relative_to(site)), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[150, 300, 600])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", default=os.environ.get("BENCH_DIR", "/tmp/binder-bench") + "/office")
    args = parser.parse_args()
    root = Path(args.dir)
    figures = {"cpus": os.cpu_count(), "runs": args.runs, "load_before": os.getloadavg()[0], "sizes": {}}
    for count in args.units:
        paths = write_units(root / "units", count)
        site = root / f"site-{count}"
        runs = [run_office(paths, site) for _ in range(args.runs)]
        page, size = largest_page(site)
        data_mb = sum(p.stat().st_size for p in paths) / 1024 / 1024
        figures["sizes"][count] = {
            "seconds": round(statistics.median(r[0] for r in runs), 2),
            "seconds_all": [round(r[0], 2) for r in runs],
            "peak_rss_mb": round(statistics.median(r[1] for r in runs), 1),
            "cpu_seconds": round(statistics.median(r[2] for r in runs), 2),
            "largest_page": page, "largest_page_kb": round(size / 1024, 1),
            "input_mb": round(data_mb, 1), "pages": sum(1 for _ in site.rglob("*.html")),
        }
        one = figures["sizes"][count]
        print(f"{count:>5} units: {one['seconds']:.2f} s (median of {args.runs}: {one['seconds_all']}), "
              f"CPU {one['cpu_seconds']} s, peak {one['peak_rss_mb']} MB, input {one['input_mb']} MB, {one['pages']} pages, "
              f"largest {one['largest_page']} {one['largest_page_kb']} KB")
    sizes = figures["sizes"]
    verdicts = []
    if 300 in sizes:
        verdicts.append(f"300 units ≤ 10 s: {'MET' if sizes[300]['seconds'] <= 10 else 'MISS'}")
    if len(sizes) > 1:
        low, high = sizes[min(sizes)], sizes[max(sizes)]
        growth = high["peak_rss_mb"] / low["peak_rss_mb"] - 1
        figures["rss_growth"] = round(growth, 3)
        verdicts.append(f"memory {min(sizes)}→{max(sizes)} units +{growth:.0%} (≤ 20 %: {'MET' if growth <= 0.2 else 'MISS'})")
    biggest = max(s["largest_page_kb"] for s in sizes.values())
    verdicts.append(f"largest page {biggest} KB (≤ 2 MB: {'MET' if biggest <= 2048 else 'MISS'})")
    figures["verdicts"] = verdicts
    print("; ".join(verdicts))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
