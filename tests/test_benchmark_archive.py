"""The benchmark's synthetic archive: laid out along the example framework as the binder
reads it, decided by its seed, the same bytes for the same arguments."""

from __future__ import annotations

import shutil
import sys
from collections import Counter

import pytest

from generator.framework import load_framework
from generator.archive.scan import scan_archive

from .conftest import REPO, tree_hashes

sys.path.insert(0, str(REPO / "benchmarks"))
import make_archive as synthetic  # noqa: E402


@pytest.fixture(scope="module")
def framework(tmp_path_factory):
    folder = tmp_path_factory.mktemp("framework")
    shutil.copyfile(REPO / "archive" / "criteria.yml", folder / "criteria.yml")
    return load_framework(folder)


def default_plan(framework, seed=2017):
    return synthetic.plan(framework, photos=1000, scans=150, reports=100, videos=4, seed=seed)


def test_the_default_plan_has_the_sizes_the_benchmark_names(framework):
    specs = default_plan(framework)
    kinds = Counter(type(s).__name__ for s in specs)
    assert kinds == {"PhotoSpec": 1000, "ScanSpec": 150, "ReportSpec": 100, "VideoSpec": 4}
    turned = sum(s.orientation == 6 for s in specs if isinstance(s, synthetic.PhotoSpec))
    assert 80 <= turned <= 170, "about one photo in eight stored on its side"
    assert default_plan(framework) == specs
    assert default_plan(framework, seed=2018) != specs


def test_every_standard_of_the_framework_gets_files_the_binder_places(framework, tmp_path):
    archive = tmp_path / "archive"
    for spec in default_plan(framework):  # names only: the scan never reads contents
        path = archive / spec.rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    scan = scan_archive(archive, framework)
    assert len(scan.files) == 1254 and scan.unclassified == [] and scan.stray_folders == []
    standards = [(i, s) for i in framework.indicators for s in i.standards]
    assert len(standards) == 36
    for indicator, standard in standards:
        placed = [f for f in scan.files_under(indicator.code) if f.place.standard == (standard.code or "")]
        assert placed, f"{indicator.code} {standard.code}"
    assert all(f.place.requirement is not None for f in scan.files), "every file reaches a requirement"


def test_the_same_arguments_make_the_same_bytes(tmp_path):
    sizes = {"photos": 3, "scans": 2, "reports": 2, "videos": 1, "seed": 7, "jobs": 2, "quiet": True}
    first = synthetic.make_archive(tmp_path / "a", **sizes)
    second = synthetic.make_archive(tmp_path / "b", **sizes)
    assert first["counts"] == {"photo": 3, "scan": 2, "report": 2, "video": 1}
    assert tree_hashes(tmp_path / "a") == tree_hashes(tmp_path / "b")
    photos = [s["rel_path"] for s in first["specs"] if s["type"] == "PhotoSpec"]
    low, high = synthetic.PHOTO_BYTES
    assert all(low <= (tmp_path / "a" / rel).stat().st_size <= high for rel in photos)
    assert second["bytes"] == first["bytes"]


def test_a_folder_it_did_not_make_is_never_touched(tmp_path):
    mine = tmp_path / "archive"
    mine.mkdir()
    (mine / "照片.jpg").write_bytes(b"someone's photo")
    with pytest.raises(SystemExit, match="not made by this script"):
        synthetic.make_archive(mine, photos=1, scans=0, reports=0, videos=0, quiet=True)
    assert (mine / "照片.jpg").read_bytes() == b"someone's photo"
    with pytest.raises(SystemExit, match="inside the repository"):
        synthetic.make_archive(REPO / "bench-archive", photos=1, scans=0, reports=0, videos=0, quiet=True)
