"""Hostile or careless criteria.yml and mkdocs.yml files (issue 20, item 4).

Each one must end the command with exit code 2 and one Chinese line on stderr, in
bounded time and memory: the CLI runs in a child process whose address space is
capped (RLIMIT_AS) and which is killed after a timeout, so an alias bomb that
expands, a recursion that overflows or a traceback that escapes fails the test.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.excerpt import excerpt

from .conftest import REPO, one_requirement_criteria, write_tree

MEMORY_CAP = 1024 * 1024 * 1024
"""Address space of the child: a bomb that expands hits it, a normal build stays far below."""
TIMEOUT = 20

GOOD = one_requirement_criteria(asks="[{kind: document}]", head="framework: 测试测评体系\n")


def alias_bomb(levels: int = 9) -> str:
    """The classic 'billion laughs': each level nine aliases of the one below."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def merge_bomb(levels: int = 9) -> str:
    """The same bomb through merge keys: each level merges the one below under new keys."""
    lines = ["m0: &m0 {" + ", ".join(f"k{i}: lol" for i in range(9)) + "}"]
    for level in range(1, levels):
        values = ", ".join(f"v{i}: *m{level - 1}" for i in range(9))
        lines.append(f"m{level}: &m{level} {{<<: *m{level - 1}, {values}}}")
    return "\n".join(lines) + "\n"


def with_standard_line(extra: str) -> str:
    """GOOD with `extra` (one line) added to its standard."""
    return GOOD.replace("            score: 1\n", f"            score: 1\n            {extra}\n")


# name -> (criteria.yml content, words the one line must hold)
HOSTILE_TEXTS = {
    "alias bomb in params": (GOOD + alias_bomb() + "params: *l8\n", "别名"),
    "anchor alone": (GOOD.replace("framework: 测试测评体系", "framework: &name 测试测评体系"), "锚点"),
    "billion laughs via merge keys": (GOOD + merge_bomb(), "别名"),
    "merge key without alias": (GOOD + "params: {<<: {photo_min_mb: 1.0}}\n", "<<"),
    "custom tag": (GOOD + "unit: !!python/object/apply:os.system [echo hi]\n", "标签"),
    "10,000-deep lists": (GOOD + "params: " + "[" * 10_000 + "]" * 10_000 + "\n", "层"),
    "10,000-deep maps": (GOOD + "params: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", "层"),
    "deep block nesting": (GOOD + "".join(f"{' ' * i}k{i}:\n" for i in range(200)), "层"),
    "too many items": (GOOD + "unit: [" + ", ".join(["x"] * 120_000) + "]\n", "项"),
    "impossible date": (with_standard_line("deadline: 2099-13-45"), "2099-13-45"),
    "year zero": (GOOD + "period: {start: 0000-01-01, end: 2017-12-31}\n", "日期"),
    "5,000-digit score": (GOOD.replace("score: 1", "score: " + "9" * 5000), "位"),
    "40-digit count": (GOOD.replace("{kind: document}", "{kind: photo, count: " + "1" * 40 + "}"), "位"),
    "infinite score": (GOOD.replace("score: 1", "score: .inf"), "score"),
    "absurd count": (GOOD.replace("{kind: document}", "{kind: photo, count: 1000000000}"), "count"),
    "duplicate key": (GOOD + "framework: 另一个名字\n", "framework"),
    "duplicate key in a standard": (with_standard_line("score: 2"), "score"),
    "tab indentation": (GOOD.replace("    indicators:", "\tindicators:"), "制表符"),
    "unclosed quote": (GOOD.replace("name: 健全完善学习制度", 'name: "健全完善学习制度'), "引号"),
    "bad indentation": (GOOD.replace("        name: 健全完善学习制度", "         name: 健全完善学习制度"), "缩进"),
    "control character": (GOOD.replace("测试测评体系", "测试\x07测评体系"), "控制字符"),
    "not utf-8": (GOOD.encode("gbk"), "UTF-8"),
    "huge file": (GOOD + ("# " + "长" * 1000 + "\n") * 1500, "MB"),
    "param negative size": (GOOD + "params: {photo_max_mb: -1}\n", "photo_max_mb"),
    "param zero count": (GOOD + "params: {activity_min_count: 0}\n", "activity_min_count"),
    "param month 13": (GOOD + "params: {routine_month: 13}\n", "routine_month"),
    "param infinite count": (GOOD + "params: {activity_min_photos: .inf}\n", "activity_min_photos"),
    "param not a number": (GOOD + "params: {photo_min_mb: .nan}\n", "photo_min_mb"),
    "param absurd side": (GOOD + "params: {photo_min_long_side: 10000000}\n", "photo_min_long_side"),
    "param fraction for a count": (GOOD + "params: {report_min_numbers: 2.5}\n", "report_min_numbers"),
    "param tolerance above 1": (GOOD + "params: {report_tolerance: 5}\n", "report_tolerance"),
}


def limited():
    """In the child: cap its address space, so that an expanding bomb can't take the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONWARNINGS": "ignore"}
    env.pop("BINDER_ARCHIVE", None)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT, preexec_fn=limited)


def binder(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return run(["-m", "generator", *args], cwd)


def assert_one_chinese_line(result: subprocess.CompletedProcess, prefix: str, words: str) -> str:
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 2, (result.returncode, result.stderr[-3000:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines[:10]
    line = lines[0]
    assert line.startswith(prefix), line
    assert words in line, line
    assert len(line) < 400, line
    return line


def check(archive: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return binder("check", "--archive", str(archive), "--cache-dir", str(tmp_path / "cache"), "-j", "1",
                  "--format", "json", cwd=tmp_path)


@pytest.mark.parametrize("name", list(HOSTILE_TEXTS))
def test_a_hostile_criteria_file_is_one_chinese_line(name, tmp_path):
    content, words = HOSTILE_TEXTS[name]
    archive = write_tree(tmp_path / "archive", {"criteria.yml": content})
    line = assert_one_chinese_line(check(archive, tmp_path), "测评体系文件有误：criteria.yml", words)
    if name not in ("huge file", "not utf-8"):
        assert " 行" in line, line


def test_duplicate_keys_name_both_lines(tmp_path):
    archive = write_tree(tmp_path / "archive", {"criteria.yml": GOOD + "framework: 另一个名字\n"})
    line = assert_one_chinese_line(check(archive, tmp_path), "测评体系文件有误：", "framework")
    last = GOOD.count("\n") + 1
    assert f"第 {last} 行" in line and "第 1 行" in line, line


def test_a_parse_error_names_line_and_column(tmp_path):
    archive = write_tree(tmp_path / "archive", {"criteria.yml": GOOD.replace("    indicators:", "\tindicators:")})
    line = assert_one_chinese_line(check(archive, tmp_path), "测评体系文件有误：", "制表符")
    assert "第 4 行第 1 列" in line, line


# --- criteria.yml that is not a regular file --------------------------------------

def _symlink_outside(archive: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yml").write_text(GOOD, encoding="utf-8")
    (archive / "criteria.yml").symlink_to(tmp_path / "elsewhere.yml")


def _symlink_broken(archive: Path, tmp_path: Path) -> None:
    (archive / "criteria.yml").symlink_to(tmp_path / "nowhere.yml")


def _symlink_inside(archive: Path, tmp_path: Path) -> None:
    (archive / "real.yml").write_text(GOOD, encoding="utf-8")
    (archive / "criteria.yml").symlink_to("real.yml")


def _folder(archive: Path, tmp_path: Path) -> None:
    (archive / "criteria.yml").mkdir()


def _fifo(archive: Path, tmp_path: Path) -> None:
    os.mkfifo(archive / "criteria.yml")


@pytest.mark.parametrize("make, words", [
    (_symlink_outside, "链接"), (_symlink_broken, "链接"), (_symlink_inside, "链接"),
    (_folder, "文件夹"), (_fifo, "普通文件"),
], ids=["symlink outside", "broken symlink", "symlink inside", "folder", "fifo"])
def test_criteria_yml_must_be_a_regular_file(make, words, tmp_path):
    archive = write_tree(tmp_path / "archive", {"Ⅲ-2 学习/": b""})
    make(archive, tmp_path)
    assert_one_chinese_line(check(archive, tmp_path), "测评体系文件有误：criteria.yml", words)


# --- the same through `binder build` and a plain `mkdocs build` -------------------

def site_config(tmp_path: Path, binder_options: str = "", extra: str = "") -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    config = tmp_path / "mkdocs.yml"
    config.write_text(textwrap.dedent(f"""\
        site_name: 测试
        docs_dir: docs
        site_dir: site
        plugins:
          - binder:
              archive: archive
              cache_dir: cache
              jobs: 1
        """) + binder_options + extra, encoding="utf-8")
    return config


@pytest.mark.parametrize("name", ["alias bomb in params", "impossible date", "duplicate key"])
@pytest.mark.parametrize("tool", ["binder", "mkdocs"])
def test_build_commands_end_with_exit_2(name, tool, tmp_path):
    content, words = HOSTILE_TEXTS[name]
    write_tree(tmp_path / "archive", {"criteria.yml": content})
    config = site_config(tmp_path)
    if tool == "binder":
        result = binder("build", "-f", str(config), cwd=tmp_path)
    else:
        result = run(["-m", "mkdocs", "build", "-q", "-f", str(config)], tmp_path)
    assert_one_chinese_line(result, "测评体系文件有误：criteria.yml", words)


# --- mkdocs.yml --------------------------------------------------------------------

HOSTILE_SITE_CONFIGS = {
    "plugin option of the wrong type": ("      cache_dir: 5\n", "", "cache_dir"),
    "jobs zero": ("      jobs: 0\n", "", "jobs"),
    "jobs not a number": ("      jobs: many\n", "", "jobs"),
    "unknown plugin option": ("      colour: red\n", "", "colour"),
    "alias bomb": ("", "extra:\n" + textwrap.indent(alias_bomb(), "  "), "别名"),
    "10,000-deep nesting": ("", "extra: " + "[" * 10_000 + "]" * 10_000 + "\n", "层"),
    "yaml syntax": ("", "extra: [a, b\n", "方括号"),
    "mkdocs' own option": ("", "theme:\n  name: no-such-theme\n", "theme"),
}


@pytest.mark.parametrize("name", list(HOSTILE_SITE_CONFIGS))
def test_a_hostile_site_config_is_one_chinese_line(name, tmp_path):
    options, extra, words = HOSTILE_SITE_CONFIGS[name]
    write_tree(tmp_path / "archive", {"criteria.yml": GOOD})
    config = site_config(tmp_path, options.replace("      jobs: 1\n", ""), extra)
    if "jobs" in options:
        config.write_text(config.read_text(encoding="utf-8").replace("      jobs: 1\n", "", 1), encoding="utf-8")
    result = binder("build", "-f", str(config), cwd=tmp_path)
    assert_one_chinese_line(result, "站点配置文件有误：", words)


@pytest.mark.parametrize("name", ["plugin option of the wrong type", "jobs zero", "alias bomb"])
def test_mkdocs_build_ends_a_hostile_site_config_in_bounded_time(name, tmp_path):
    """A plain `mkdocs build` reads mkdocs.yml with its own loader; the plugin checks the
    file when MkDocs hands it its options, before MkDocs formats the whole config."""
    options, extra, words = HOSTILE_SITE_CONFIGS[name]
    write_tree(tmp_path / "archive", {"criteria.yml": GOOD})
    config = site_config(tmp_path, options, extra)
    if "jobs" in options:
        config.write_text(config.read_text(encoding="utf-8").replace("      jobs: 1\n", "", 1), encoding="utf-8")
    result = run(["-m", "mkdocs", "build", "-q", "-f", str(config)], tmp_path)
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode == 2, (result.returncode, result.stderr[-3000:])
    assert "站点配置文件有误：" in result.stderr and words in result.stderr, result.stderr


def test_a_good_site_still_builds(tmp_path):
    write_tree(tmp_path / "archive", {"criteria.yml": GOOD})
    result = binder("build", "-f", str(site_config(tmp_path)), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "site" / "index.html").is_file()


# --- excerpt -----------------------------------------------------------------------

def test_excerpt_cuts_without_building_the_whole_repr():
    nested: list = ["lol"] * 9
    for _ in range(30):  # 9**30 leaves: a full repr could never be built
        nested = [nested] * 9
    text = excerpt(nested, 40)
    assert text.startswith("[[[[") and len(text) <= 41 and text.endswith("…")
    assert excerpt(10 ** 5000, 40) == "5001 位的整数"
    assert excerpt("短文字", 40) == "短文字"
    assert excerpt("长" * 100, 10) == "长" * 9 + "…"
    assert excerpt({"__line__": 3, "a": 1}, 40) == "{'a': 1}"
