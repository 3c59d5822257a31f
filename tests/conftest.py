"""Shared fixtures: archives built in tmp_path from a dict of relative path -> bytes."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BINDER_SHARED", REPO.parent / "shared"))
TESTDATA = SHARED / "testdata"
EXAMPLES = SHARED / "examples"

# One store of OCR readings for the whole run (the example archive's scans are read once, not
# once per test's cache): set before any build starts its workers, which inherit it.
os.environ.setdefault("BINDER_OCR_CACHE", tempfile.mkdtemp(prefix="binder-test-ocr-"))


def one_requirement_criteria(requirement: str = "提供学习制度的规范文件", *, asks: str = "",
                             head: str = "framework: 测试测评体系\nunit: 测试单位\n") -> str:
    """A criteria.yml of one category, indicator Ⅲ-2, standard 1 and its requirement 1."""
    return head + f"""\
categories:
  - name: 思想道德建设
    indicators:
      - code: Ⅲ-2
        name: 健全完善学习制度
        standards:
          - code: 1
            text: 以党委中心组学习为示范带动
            score: 1
            requirements:
              - code: 1
                text: {requirement}
""" + (f"                asks: {asks}\n" if asks else "")


def write_tree(root: Path, files: dict[str, bytes | str]) -> Path:
    """Write each relative path with its content; a path ending in '/' is an empty folder."""
    for rel, content in files.items():
        path = root / rel
        if rel.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


def tree_hashes(root: Path) -> dict[str, str]:
    """Every file under root with the sha256 of its bytes, and every folder (as '/')."""
    hashes = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            hashes[os.path.relpath(os.path.join(dirpath, name), root) + "/"] = "dir"
        for name in filenames:
            path = os.path.join(dirpath, name)
            hashes[os.path.relpath(path, root)] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return hashes


@pytest.fixture
def make_archive(tmp_path):
    def make(files: dict[str, bytes | str], name: str = "archive") -> Path:
        return write_tree(tmp_path / name, files)
    return make


@pytest.fixture(scope="session")
def testdata() -> Path:
    assert TESTDATA.is_dir(), f"shared test data not found at {TESTDATA} (set BINDER_SHARED)"
    return TESTDATA
