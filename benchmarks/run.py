"""The benchmark: how fast the binder builds an archive of real size, on this machine.

Runs, each several times (median kept):

1. cold build: empty cache, empty site; wall time and photos per second;
2. warm build, nothing changed;
3. warm build after one photo was added and one report edited (what was inspected again
   is read from the cache: the entries that appeared, by kind);
4. peak memory of the build (all its processes) at 250 and at 1,000 photos;
5. the floor: a bare loop that only decodes each photo at draft scale and writes its
   thumbnail on all cores, and a plain `mkdocs build` of the same pages (dumped once,
   built without the binder plugin);
6. the binder's inspection step alone, over the photos and over the other files: how
   near the photo pipeline gets to the floor, and what the other files add;
7. every page of the site opened from file:// in Chromium: time to the load event.

Builds run as the user runs them: `binder build --archive … --cache-dir … -d …` in a
subprocess, from the repository root. The synthetic archive (benchmarks/make_archive.py)
and all outputs live in $BENCH_DIR (default /tmp/binder-bench), never in the repository;
the figures go to benchmarks/results/latest.json and a short table to the terminal.

    .venv/bin/python benchmarks/run.py [--runs 3]        (or: make bench)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import multiprocessing
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Callable

import yaml
from PIL import Image

import make_archive as synthetic

REPO = synthetic.REPO
RESULTS = REPO / "benchmarks" / "results" / "latest.json"
BIN = Path(sys.executable).parent

TARGETS = {
    "cold_vs_floor": 0.80,
    "warm_vs_plain_mkdocs": 1.5,
    "peak_rss_mb": 500,
    "rss_growth": 0.20,
    "pdf_vs_cold_build": 2.0,
    "pdf_peak_rss_mb": 800,
}


# --- measuring ------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class Monitor(threading.Thread):
    """Watches a process and all its descendants (Linux /proc) while it runs: the largest
    sum of their resident memory, the largest single process, and the CPU time they
    used. The machine's total CPU time over the same span, less theirs (and this
    process's own, `also`), is the CPU other programs took meanwhile: on a shared machine
    a run that others disturbed is told apart and run again.

    Pages shared between forked processes count once per process: the sum of resident
    memory is an upper bound of what the build needs."""

    def __init__(self, pid: int, *, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_bytes = 0
        self.peak_processes = 0
        self.peak_process_bytes = 0
        self._cpu_ticks: dict[int, int] = {}
        """CPU time used since the start, per process of the tree, in clock ticks (last seen)."""
        self._done = threading.Event()

    def __enter__(self) -> Monitor:
        self._machine_start = _machine_busy_ticks()
        # Processes already running (this one; a pool's server kept from an earlier run)
        # count from now; this process is ours even when the tree is a child's.
        self._base = {pid: _process_ticks(pid) for pid in {*_descendants(self.pid), os.getpid()}}
        self._t0 = time.perf_counter()
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self._t0
        self._done.set()
        self.join()
        self._sample()
        machine = _machine_busy_ticks() - self._machine_start
        self._cpu_ticks[os.getpid()] = _process_ticks(os.getpid()) - self._base[os.getpid()]
        self.foreign_cpu_s = max(0.0, (machine - sum(self._cpu_ticks.values())) / CLOCK_TICKS)

    def run(self) -> None:
        while not self._done.is_set():
            self._sample()
            self._done.wait(self.interval)

    def _sample(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        sizes = []
        for pid in _descendants(self.pid):
            sizes.append(_rss_pages(pid) * page)
            ticks = _process_ticks(pid)
            if ticks:
                self._cpu_ticks[pid] = ticks - self._base.get(pid, 0)
        if sum(sizes) > self.peak_bytes:
            self.peak_bytes, self.peak_processes = sum(sizes), len(sizes)
        self.peak_process_bytes = max([self.peak_process_bytes, *sizes])

    def figures(self) -> dict:
        return {
            "seconds": round(self.seconds, 3),
            "peak_rss_mb": round(self.peak_bytes / 2**20, 1),
            "processes_at_peak": self.peak_processes,
            "max_process_rss_mb": round(self.peak_process_bytes / 2**20, 1),
            "foreign_cpu_s": round(self.foreign_cpu_s, 2),
        }


def _machine_busy_ticks() -> int:
    with open("/proc/stat") as fh:
        values = [int(v) for v in fh.readline().split()[1:]]
    return sum(values[:8]) - values[3] - values[4]  # all but idle and iowait (guest is in user)


def _process_ticks(pid: int) -> int:
    """User + system CPU time of a process, in clock ticks; 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError):
        return 0


def _rss_pages(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0  # gone meanwhile


def _descendants(root: int) -> list[int]:
    """`root` and every process below it, through each thread's children list."""
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in threads:
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    stack.extend(int(child) for child in fh.read().split())
            except (OSError, ValueError):
                pass
    return found


def wait_until_quiet(busy_below: float = 0.15, max_wait: float = 60.0) -> float:
    """Block until the machine's CPUs were less than `busy_below` busy over half a second
    (at most `max_wait` seconds): a run starts on a quiet machine. Returns the share seen."""
    deadline = time.monotonic() + max_wait
    while True:
        with open("/proc/stat") as fh:
            a = [int(v) for v in fh.readline().split()[1:]]
        time.sleep(0.5)
        with open("/proc/stat") as fh:
            b = [int(v) for v in fh.readline().split()[1:]]
        total = sum(b[:8]) - sum(a[:8])
        busy = 1 - ((b[3] + b[4]) - (a[3] + a[4])) / max(1, total)
        if busy < busy_below or time.monotonic() > deadline:
            return round(busy, 3)


def disturbed(run: dict) -> bool:
    """Did other programs take more than a little CPU during the run (beyond 0.3 s, or 3%
    of what the machine's cores could give over its wall time)?"""
    return run["foreign_cpu_s"] > max(0.3, 0.03 * run["seconds"] * (os.cpu_count() or 1))


def repeat(runs: int, attempt: Callable[[int], dict], label: str) -> list[dict]:
    """`runs` undisturbed results of `attempt(n)`, each started on a quiet machine; a run
    other programs disturbed is done again, up to `runs` extra attempts in all (then the
    disturbed ones are kept, and said so)."""
    kept, retries, n = [], 0, 0
    while len(kept) < runs:
        busy = wait_until_quiet()
        run = attempt(n)
        n += 1
        run["busy_before"] = busy
        run["disturbed"] = disturbed(run)
        if run["disturbed"] and retries < runs:
            retries += 1
            print(f"  {label}: run {n} disturbed by other programs ({run['foreign_cpu_s']} s CPU), again",
                  flush=True)
            continue
        kept.append(run)
    return kept


def run_command(args: list[str], log_dir: Path, name: str) -> dict:
    """Run a command: its figures (Monitor) and what it printed."""
    log_dir.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_dir / f"{name}.out", log_dir / f"{name}.err"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(args, cwd=REPO, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        with Monitor(proc.pid) as monitor:
            proc.wait()
    result = {**monitor.figures(),
              "stdout": out_path.read_text(encoding="utf-8", errors="replace"),
              "stderr": err_path.read_text(encoding="utf-8", errors="replace")}
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{result['stderr'][-3000:]}")
    return result


# --- the binder -----------------------------------------------------------------


NO_OCR = ("--no-ocr",)
"""The builds here are measured without OCR: the 150 scans' pages would take minutes and
hide the photo pipeline this compares with its floor. OCR has its own figures (make bench-ocr:
s/page and fields right), and a real archive's first build adds its pages' OCR once."""


class Workspace:
    """An archive with its cache and site folders under the bench folder."""

    def __init__(self, bench_dir: Path, archive: Path, name: str):
        self.archive = archive
        self.cache = bench_dir / "work" / name / "cache"
        self.site = bench_dir / "work" / name / "site"
        self.logs = bench_dir / "work" / name / "logs"

    def build(self, label: str) -> dict:
        run = run_command([str(BIN / "binder"), "build", "--archive", str(self.archive), *NO_OCR,
                           "--cache-dir", str(self.cache), "-d", str(self.site)], self.logs, label)
        match = re.search(r"本次新检查 (\d+) 个文件", run["stdout"])
        run["inspected"] = int(match.group(1)) if match else None
        return run

    def pdf(self, label: str) -> dict:
        """`binder pdf` of the archive, with this workspace's inspection cache."""
        out = self.site.parent / "binder.pdf"
        run = run_command([str(BIN / "binder"), "pdf", "--archive", str(self.archive), *NO_OCR,
                           "--cache-dir", str(self.cache), "-o", str(out)], self.logs, label)
        match = re.search(r"共 (\d+) 页", run["stdout"])
        run["pages"] = int(match.group(1)) if match else None
        run["mb"] = round(out.stat().st_size / 1e6, 1) if out.exists() else None
        return run

    def empty(self) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)
        shutil.rmtree(self.site, ignore_errors=True)

    def cache_entries(self) -> dict[str, str]:
        """The kind of each entry of the inspection cache, by signature (read directly from
        its database, not from what the build says of itself)."""
        database = self.cache / "inspected.sqlite"
        if not database.exists():
            return {}
        with closing(sqlite3.connect(database)) as db:
            return dict(db.execute("SELECT signature, kind FROM entries"))

    @staticmethod
    def new_entries(before: dict[str, str], after: dict[str, str]) -> Counter:
        """Entries that appeared, by kind: what a build inspected."""
        return Counter(kind for signature, kind in after.items() if signature not in before)


def _summary(runs: list[dict], photos: int | None = None,
             keys=("seconds", "peak_rss_mb", "max_process_rss_mb")) -> dict:
    """Medians of the runs' figures, with every run's value beside them."""
    summary = {key: statistics.median(r[key] for r in runs) for key in keys}
    if photos:
        summary["photos_per_s"] = round(photos / summary["seconds"], 1)
    for key in (*keys, "foreign_cpu_s", "busy_before", "disturbed"):
        summary[f"{key}_runs"] = [r[key] for r in runs]
    return summary


# --- the floor: decoding alone ----------------------------------------------------


def _decode_one(job: tuple[str, str, int, int]) -> None:
    """Decode at draft scale (the smallest that holds the thumbnail) and write the same
    thumbnail the binder writes (size, filter, quality): nothing else."""
    source, target, size, quality = job
    with Image.open(source) as im:
        scale = min(1.0, size / max(im.size))
        im.draft("RGB", (max(1, math.ceil(im.width * scale)), max(1, math.ceil(im.height * scale))))
        thumb = im.convert("RGB")
    thumb.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=3.0)
    thumb.save(target, "JPEG", quality=quality, optimize=True)


def decode_loop(photos: list[Path], out: Path) -> dict:
    """The bare loop over `photos` on every core (workers forked from this process,
    Pillow already imported), measured."""
    from generator.archive.inspectors.common import THUMB_QUALITY, THUMB_SIZE

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    jobs = [(str(p), str(out / f"{n}.jpg"), THUMB_SIZE, THUMB_QUALITY) for n, p in enumerate(photos)]
    with Monitor(os.getpid()) as monitor:
        with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
            pool.map(_decode_one, jobs, chunksize=4)
    return monitor.figures()


def inspect_step(files: list[Path], cache: Path) -> dict:
    """The binder's own inspection step over `files` alone, empty cache, all cores: over
    the photos, the photo pipeline without the rest of a build, to set beside the bare
    loop; over the other files, what they add to a cold build; measured."""
    from generator.archive.inspection import inspect_files
    from generator.framework.params import InspectionLimits

    shutil.rmtree(cache, ignore_errors=True)
    with Monitor(os.getpid()) as monitor:
        inspection = inspect_files(((p, str(n)) for n, p in enumerate(files)), cache,
                                   limits=InspectionLimits(ocr_pages=0))
    assert sum(inspection.decoded.values()) == len(files), inspection.decoded
    return {**monitor.figures(), "decoded": dict(inspection.decoded)}


# --- the inspector's side: opening the pages -----------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


def page_loads(site: Path, runs: int) -> dict | None:
    """Every page of the built site opened from file:// (as from a USB stick) in Debian's
    Chromium, `runs` times each after one warm-up: the median time to the load event per
    page, the slowest page, and how many PDF viewers it had made when it was loaded.
    None when Playwright or Chromium is missing (make test installs both)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.exists():
        return None
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")
    medians: dict[str, float] = {}
    viewers: dict[str, int] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        for path in pages:
            url = path.as_uri()
            page.goto(url, wait_until="load")
            times = []
            for _ in range(runs):
                page.goto(url, wait_until="load")
                times.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            name = path.relative_to(site).as_posix()
            medians[name] = round(statistics.median(times))
            viewers[name] = page.locator("iframe.binder-pdf__viewer").count()
        browser.close()
    slowest = max(medians, key=medians.get)
    return {"pages": len(medians), "slowest_page": slowest, "slowest_ms": medians[slowest],
            "pdf_viewers_at_load_on_slowest": viewers[slowest], "median_ms": statistics.median(medians.values()),
            "per_page_ms": medians}


# --- the floor: plain MkDocs ------------------------------------------------------


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml with `!ENV [NAME, default]` as its default (`!ENV NAME` as null)."""


def _env_default(loader: yaml.SafeLoader, node: yaml.Node):
    return loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None


_EnvLoader.add_constructor("!ENV", _env_default)


def dump_plain_site(bench_dir: Path, workspace: Workspace) -> Path:
    """The binder's pages written to a docs folder, with a mkdocs.yml that is the
    repository's minus the binder plugin; returns that mkdocs.yml."""
    from generator.plugin.commands import build_site

    plain = bench_dir / "work" / "plain"
    shutil.rmtree(plain, ignore_errors=True)
    shutil.copytree(REPO / "docs", plain / "docs")
    plugin = build_site(REPO / "mkdocs.yml", archive=workspace.archive, cache_dir=workspace.cache,
                        site_dir=plain / "binder-site")
    for page in plugin.site.pages:
        target = plain / "docs" / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.content, encoding="utf-8")
    for dest_uri, content in getattr(plugin.site, "downloads", []):
        target = plain / "docs" / dest_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
    config["docs_dir"] = str(plain / "docs")
    config["site_dir"] = str(plain / "site")
    if isinstance(config.get("theme"), dict) and config["theme"].get("custom_dir"):
        config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    config["plugins"] = [p for p in config["plugins"]
                         if not (p == "binder" or (isinstance(p, dict) and "binder" in p))]
    config["nav"] = plugin.site.nav + (config.get("nav") or [])
    config_file = plain / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.rmtree(plain / "binder-site", ignore_errors=True)
    return config_file


# --- the incremental change ---------------------------------------------------------


class Change:
    """One photo added and one report edited in the synthetic archive, undone at the end."""

    def __init__(self, archive: Path, manifest: dict):
        self.archive = archive
        specs = [synthetic.spec_from(s) for s in manifest["specs"]]
        self.photo = next(s for s in specs if isinstance(s, synthetic.PhotoSpec))
        self.report = next(s for s in specs if isinstance(s, synthetic.ReportSpec))
        self.added: list[Path] = []

    def apply(self, n: int) -> None:
        folder = Path(self.photo.rel_path).parent
        taken = self.photo.taken + dt.timedelta(hours=n)
        added = synthetic.PhotoSpec(str(folder / f"{taken:%Y年%m月%d日}+局三楼会议室+补充照片+市经信局+新增第{n}张.jpg"),
                                    seed=900_000 + n, taken=taken, orientation=1)
        synthetic.make_file(added, str(self.archive))
        self.added.append(self.archive / added.rel_path)
        # An edit writes a new file over the old one, as Word does; the link farm keeps the old.
        self._replace(synthetic.report_bytes(self.report, variant=n), stamp=None)

    def undo(self) -> None:
        for path in self.added:
            path.unlink(missing_ok=True)
        self._replace(synthetic.report_bytes(self.report), stamp=synthetic.FIXED_TIME.timestamp())

    def _replace(self, data: bytes, stamp: float | None) -> None:
        target = self.archive / self.report.rel_path
        tmp = target.with_name(".bench-edit.tmp")
        tmp.write_bytes(data)
        if stamp is not None:
            os.utime(tmp, (stamp, stamp))
        os.replace(tmp, target)


# --- the archives -------------------------------------------------------------------


def ensure_archive(bench_dir: Path, photos: int, seed: int) -> tuple[Path, dict]:
    archive = bench_dir / "archive"
    manifest_path = synthetic.manifest_of(archive)
    wanted = {"photos": photos, "scans": 150, "reports": 100, "videos": 4, "seed": seed}
    if manifest_path.exists() and archive.is_dir():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest["generator_version"] == synthetic.GENERATOR_VERSION and manifest["params"] == wanted:
            print(f"archive: {archive} (made earlier in {manifest['seconds']} s)")
            return archive, manifest
    print(f"archive: making {archive} ...", flush=True)
    manifest = synthetic.make_archive(archive, **wanted)
    print(f"archive: made in {manifest['seconds']} s")
    return archive, manifest


def link_subset(bench_dir: Path, archive: Path, manifest: dict, photos: int) -> Path:
    """An archive with every other file and `photos` of the photos (evenly picked), made of
    hard links to the full one (copies where links fail)."""
    subset = bench_dir / f"archive-{photos}"
    shutil.rmtree(subset, ignore_errors=True)
    all_photos = [s["rel_path"] for s in manifest["specs"] if s["type"] == "PhotoSpec"]
    step = len(all_photos) / photos
    kept = {all_photos[int(i * step)] for i in range(photos)}
    rel_paths = [s["rel_path"] for s in manifest["specs"] if s["type"] != "PhotoSpec"] + sorted(kept)
    for rel in ["criteria.yml", *rel_paths]:
        target = subset / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(archive / rel, target)
        except OSError:
            shutil.copy2(archive / rel, target)
    return subset


# --- the benchmark ------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the binder on a synthetic archive of real size.")
    parser.add_argument("--bench-dir", type=Path, default=synthetic.default_bench_dir())
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (median kept)")
    parser.add_argument("--photos", type=int, default=1000)
    parser.add_argument("--small", type=int, default=250, help="photos of the archive for the memory comparison")
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    bench_dir = args.bench_dir.resolve()
    if bench_dir == REPO or REPO in bench_dir.parents:
        raise SystemExit(f"the bench folder must be outside the repository: {bench_dir}")
    runs = args.runs

    archive, manifest = ensure_archive(bench_dir, args.photos, args.seed)
    photos = [archive / s["rel_path"] for s in manifest["specs"] if s["type"] == "PhotoSpec"]
    full = Workspace(bench_dir, archive, "full")
    results: dict = {
        "machine": {
            "cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
            "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        },
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "commit": _commit(),
        "runs": runs,
        "archive": {"path": str(archive), **manifest["counts"], "mb": round(manifest["bytes"] / 1e6),
                    "generation_seconds": manifest["seconds"]},
    }

    print(f"floor: bare decode loop over {len(photos)} photos on {os.cpu_count()} cores ...", flush=True)
    floor = repeat(runs, lambda n: decode_loop(photos, bench_dir / "work" / "floor-thumbs"), "decode loop")
    results["floor_decode"] = _summary(floor, len(photos))

    print("the binder's inspection step over the same photos ...", flush=True)
    step = repeat(runs, lambda n: inspect_step(photos, bench_dir / "work" / "photo-step-cache"), "photo step")
    results["photo_step"] = _summary(step, len(photos))

    others = [archive / s["rel_path"] for s in manifest["specs"] if s["type"] != "PhotoSpec"]
    print(f"the binder's inspection step over the {len(others)} other files ...", flush=True)
    other = repeat(runs, lambda n: inspect_step(others, bench_dir / "work" / "other-step-cache"), "other files")
    results["other_step"] = {**_summary(other), "files": other[-1]["decoded"]}

    print("cold builds ...", flush=True)

    def cold_build(workspace: Workspace, n: int) -> dict:
        workspace.empty()
        return workspace.build(f"cold-{n}")

    cold = repeat(runs, lambda n: cold_build(full, n), "cold build")
    results["cold"] = _summary(cold, len(photos))
    results["cold"]["inspected"] = cold[-1]["inspected"]

    print("warm builds ...", flush=True)
    warm = repeat(runs, lambda n: full.build(f"warm-{n}"), "warm build")
    results["warm"] = _summary(warm)
    results["warm"]["inspected"] = [r["inspected"] for r in warm]

    print("warm builds after one photo added and one report edited ...", flush=True)
    change = Change(archive, manifest)

    def changed_build(n: int) -> dict:
        before = full.cache_entries()
        change.apply(n + 1)
        run = full.build(f"incremental-{n}")
        run["decoded"] = dict(Workspace.new_entries(before, full.cache_entries()))
        return run

    try:
        incremental = repeat(runs, changed_build, "changed build")
    finally:
        change.undo()
    results["incremental"] = _summary(incremental)
    results["incremental"]["decoded_runs"] = [r["decoded"] for r in incremental]
    results["incremental"]["inspected_runs"] = [r["inspected"] for r in incremental]

    # The printable binder over the same archive, its files inspected by the builds above:
    # first with no laid-out pages kept, then again with all of them kept.
    print("binder pdf, pages laid out anew and then kept ...", flush=True)

    def pdf_anew(n: int) -> dict:
        shutil.rmtree(full.cache / "pdf", ignore_errors=True)
        return full.pdf(f"pdf-anew-{n}")

    pdf_cold = repeat(runs, pdf_anew, "binder pdf, laid out anew")
    pdf_warm = repeat(runs, lambda n: full.pdf(f"pdf-kept-{n}"), "binder pdf, pages kept")
    results["pdf"] = {**_summary(pdf_cold), "pages": pdf_cold[-1]["pages"], "mb": pdf_cold[-1]["mb"]}
    results["pdf_kept"] = _summary(pdf_warm)

    print("opening every page of the site in Chromium ...", flush=True)
    results["page_load"] = page_loads(full.site, runs)

    print("plain mkdocs build of the same pages ...", flush=True)
    plain_config = dump_plain_site(bench_dir, full)
    plain_logs = bench_dir / "work" / "plain" / "logs"
    plain = repeat(runs, lambda n: run_command([str(BIN / "mkdocs"), "build", "-q", "-f", str(plain_config)],
                                               plain_logs, f"plain-{n}"), "plain mkdocs")
    results["floor_mkdocs"] = _summary(plain)

    print(f"cold builds at {args.small} photos (memory) ...", flush=True)
    small = Workspace(bench_dir, link_subset(bench_dir, archive, manifest, args.small), f"photos-{args.small}")
    small_runs = repeat(runs, lambda n: cold_build(small, n), f"cold build, {args.small} photos")
    results["cold_small"] = {"photos": args.small, **_summary(small_runs, args.small)}

    results["targets"] = _targets(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print_table(results, args.photos, args.small)
    print(f"\nfigures: {args.out}")
    return 0


def _targets(r: dict) -> dict:
    floor_pps = r["floor_decode"]["photos_per_s"]
    cold_ratio = r["cold"]["photos_per_s"] / floor_pps
    step_ratio = r["photo_step"]["photos_per_s"] / floor_pps
    warm_ratio = r["warm"]["seconds"] / r["floor_mkdocs"]["seconds"]
    # A cold build decodes the photos, reads the other files and builds the pages: even if
    # it did nothing else and overlapped nothing, this is as near the floor as it can get.
    ceiling = r["floor_decode"]["seconds"] / (
        r["floor_decode"]["seconds"] + r["other_step"]["seconds"] + r["floor_mkdocs"]["seconds"])
    peak = max(r["cold"]["peak_rss_mb"], r["warm"]["peak_rss_mb"], r["incremental"]["peak_rss_mb"])
    growth = r["cold"]["peak_rss_mb"] / r["cold_small"]["peak_rss_mb"] - 1
    exact = all(d == {"photo": 1, "report": 1} for d in r["incremental"]["decoded_runs"])
    return {
        "cold_vs_floor": {"value": round(cold_ratio, 3), "target": f">= {TARGETS['cold_vs_floor']}",
                          "met": cold_ratio >= TARGETS["cold_vs_floor"]},
        "photo_step_vs_floor": {"value": round(step_ratio, 3), "target": f">= {TARGETS['cold_vs_floor']}",
                                "met": step_ratio >= TARGETS["cold_vs_floor"]},
        "cold_ceiling_vs_floor": {"value": round(ceiling, 3), "of_ceiling": round(cold_ratio / ceiling, 3),
                                  "formula": "floor decode / (floor decode + other files step + plain mkdocs)"},
        "warm_vs_plain_mkdocs": {"value": round(warm_ratio, 3), "target": f"<= {TARGETS['warm_vs_plain_mkdocs']}",
                                 "met": warm_ratio <= TARGETS["warm_vs_plain_mkdocs"]},
        "incremental_decodes": {"value": r["incremental"]["decoded_runs"], "target": "photo 1, report 1",
                                "met": exact},
        "peak_rss_mb": {"value": peak, "target": f"< {TARGETS['peak_rss_mb']}", "met": peak < TARGETS["peak_rss_mb"]},
        "rss_growth_small_to_full": {"value": round(growth, 3), "target": f"within ±{TARGETS['rss_growth']}",
                                     "met": abs(growth) <= TARGETS["rss_growth"]},
        **_pdf_targets(r),
    }


def _pdf_targets(r: dict) -> dict:
    """The printable binder against the site's cold build (issue 15: at most twice its time,
    under 800 MB). The cold build inspects the files; the PDF reads them from its cache, so
    the comparison is generous to the PDF, which is how the issue words it."""
    if "pdf" not in r:
        return {}
    ratio = r["pdf"]["seconds"] / r["cold"]["seconds"]
    peak = max(r["pdf"]["peak_rss_mb"], r["pdf_kept"]["peak_rss_mb"])
    return {
        "pdf_vs_cold_build": {"value": round(ratio, 3), "target": f"<= {TARGETS['pdf_vs_cold_build']}",
                              "met": ratio <= TARGETS["pdf_vs_cold_build"]},
        "pdf_peak_rss_mb": {"value": peak, "target": f"< {TARGETS['pdf_peak_rss_mb']}",
                            "met": peak < TARGETS["pdf_peak_rss_mb"]},
    }


def print_table(r: dict, photos: int, small: int) -> None:
    t = r["targets"]
    decoded = "; ".join(", ".join(f"{k} {v}" for k, v in sorted(d.items())) for d in r["incremental"]["decoded_runs"])
    rows = [
        ("floor: bare decode loop", f"{r['floor_decode']['seconds']:.1f} s",
         f"{r['floor_decode']['photos_per_s']:.1f} photos/s", None),
        ("cold build", f"{r['cold']['seconds']:.1f} s", f"{r['cold']['photos_per_s']:.1f} photos/s",
         t["cold_vs_floor"]),
        ("  its photo step alone", f"{r['photo_step']['seconds']:.1f} s",
         f"{r['photo_step']['photos_per_s']:.1f} photos/s", t["photo_step_vs_floor"]),
        ("  its other files step alone", f"{r['other_step']['seconds']:.1f} s",
         ", ".join(f"{k} {v}" for k, v in sorted(r["other_step"]["files"].items())), None),
        ("  ceiling: floors + other files", f"{t['cold_ceiling_vs_floor']['value']:.3f}",
         f"cold build reaches {t['cold_ceiling_vs_floor']['of_ceiling']:.0%} of it", None),
        ("floor: plain mkdocs build", f"{r['floor_mkdocs']['seconds']:.2f} s", "same pages, no binder", None),
        ("warm build, nothing changed", f"{r['warm']['seconds']:.2f} s",
         f"inspected {r['warm']['inspected']}", t["warm_vs_plain_mkdocs"]),
        ("warm, +1 photo, 1 report edited", f"{r['incremental']['seconds']:.2f} s", decoded,
         t["incremental_decodes"]),
        *_pdf_rows(r),
        *_page_load_rows(r.get("page_load")),
        (f"peak RSS, cold, {photos} photos", f"{r['cold']['peak_rss_mb']:.0f} MB",
         f"largest process {r['cold']['max_process_rss_mb']:.0f} MB", t["peak_rss_mb"]),
        (f"peak RSS, cold, {small} photos", f"{r['cold_small']['peak_rss_mb']:.0f} MB",
         f"largest process {r['cold_small']['max_process_rss_mb']:.0f} MB", t["rss_growth_small_to_full"]),
    ]
    a = r["archive"]
    print(f"\nbinder benchmark: {a.get('photo')} photos, {a.get('scan')} PDF scans, {a.get('report')} reports, "
          f"{a.get('video')} videos ({a['mb']} MB) on {r['machine']['cpus']} cores; median of {r['runs']} runs")
    for name, value, detail, target in rows:
        mark = "    " if target is None else ("ok  " if target["met"] else "MISS")
        judged = ""
        if target is not None:
            shown = "" if isinstance(target["value"], list) else f"{target['value']} "
            judged = f"{shown}(target {target['target']})"
        print(f"  {mark} {name:<33} {value:>9}  {detail:<40} {judged}")


def _pdf_rows(r: dict) -> list[tuple]:
    if "pdf" not in r:
        return []
    t = r["targets"]
    return [
        ("binder pdf, laid out anew", f"{r['pdf']['seconds']:.1f} s",
         f"{r['pdf']['pages']} pages, {r['pdf']['mb']} MB", t["pdf_vs_cold_build"]),
        ("binder pdf, pages kept", f"{r['pdf_kept']['seconds']:.1f} s",
         f"peak {max(r['pdf']['peak_rss_mb'], r['pdf_kept']['peak_rss_mb']):.0f} MB", t["pdf_peak_rss_mb"]),
    ]


def _page_load_rows(loads: dict | None) -> list[tuple]:
    if loads is None:
        return [("pages opened in Chromium", "skipped", "no Playwright or /usr/bin/chromium", None)]
    return [("pages opened in Chromium (file://)", f"{loads['median_ms']:.0f} ms",
             f"median of {loads['pages']} pages", None),
            ("  the slowest", f"{loads['slowest_ms']:.0f} ms",
             f"{loads['slowest_page']}, {loads['pdf_viewers_at_load_on_slowest']} PDF viewers at load", None)]


def _commit() -> str | None:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
        # The figures file itself (this run's predecessor) doesn't make the code measured dirty.
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                                f":!{RESULTS.relative_to(REPO).as_posix()}"],
                               cwd=REPO, capture_output=True, text=True)
        return head.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")
    except OSError:
        return None


if __name__ == "__main__":
    sys.exit(main())
