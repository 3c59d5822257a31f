"""The command line speaks Chinese: argparse's words, `serve`'s lines, what `init` read from the
table's title, folder names cut where a word ends, and progress only on a terminal (issue 19)."""

from __future__ import annotations

import os
import pty
import re
import select
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import cli
from generator.cli_text import chinese_error
from generator.framework import load_framework_file
from generator.framework.importer.titles import period_from_title, unit_from_title
from generator.framework.writer import cut_at_word, folder_name, short_name

from .conftest import EXAMPLES, REPO, one_requirement_criteria, write_tree

COMMANDS = ["", "build", "serve", "check", "pdf", "snapshot", "verify", "snapshots", "init"]
ENGLISH = ("usage:", "positional arguments", "optional arguments", "options:", "show this help",
           "show program's", "error:", "required", "invalid choice", "unrecognized", "expected")
EXAMPLE_DOCX = EXAMPLES / "任务责任清单-示例.docx"
HAND_CHECKED = REPO / "archive" / "criteria.yml"


def english_in(text: str) -> list[str]:
    words = [w for w in ENGLISH if w in text.lower()]
    # An option's value named by argparse after the option ('-o OUTPUT', '--cache-dir CACHE_DIR').
    return words + re.findall(r"-[-\w]+ [A-Z][A-Z_]+\b", text)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_is_chinese(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "-h"] if command else ["-h"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：binder") and "显示本帮助并退出" in out
    assert english_in(out) == []


@pytest.mark.parametrize("argv, says", [
    (["nope"], "无效的选项 'nope'"),
    (["check", "--format", "yaml"], "--format：无效的选项 'yaml'"),
    (["check", "--bogus"], "无法识别的参数：--bogus"),
    (["verify"], "缺少参数：存档"),
    (["build", "-j"], "-j/--jobs：后面须跟一个值"),
    (["build", "-j", "many"], "-j/--jobs：应为整数，而不是 'many'"),
    (["serve", "--edition", "x"], "应为 internal 或 inspector"),
])
def test_argparse_errors_are_chinese_with_exit_2(argv, says, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "错误：" in err and says in err, err
    assert english_in(err) == [], err


def test_an_unknown_message_is_left_as_it_is():
    assert chinese_error("缺少 criteria.yml") == "缺少 criteria.yml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_the_address_in_chinese(tmp_path):
    archive = write_tree(tmp_path / "archive", {
        "criteria.yml": one_requirement_criteria(), "Ⅲ-2 健全完善学习制度/1 学习/1 制度/学习制度.txt": "学习制度"})
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-a", f"127.0.0.1:{port}"], cwd=tmp_path,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            ready, _, _ = select.select([server.stdout], [], [], 1)
            if ready:
                line = server.stdout.readline()
                if not line:
                    break
                lines.append(line)
                if "预览地址" in line:
                    break
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = "".join(lines)
    assert f"预览地址：http://127.0.0.1:{port}/" in text, text
    assert "正在生成站点" in text and "站点已生成" in text
    assert not re.search(r"Serving on|Building documentation|Documentation built|INFO|WARNING", text), text
    assert archive.is_dir()


def test_init_reads_unit_and_period_from_the_title_and_says_so(tmp_path, capsys):
    archive = tmp_path / "archive"
    assert cli.main(["init", "--from", str(EXAMPLE_DOCX), "--archive", str(archive)]) == 0
    out = capsys.readouterr().out
    imported, hand = load_framework_file(archive / "criteria.yml"), load_framework_file(HAND_CHECKED)
    # The hand-checked file has the unit's full name and the exact first day; the title, the
    # short name and the years.
    assert imported.unit == "汕尾市经信局" and hand.unit.startswith("汕尾市") and hand.unit.endswith("局")
    assert imported.period[1] == hand.period[1]
    assert imported.period[0].year == hand.period[0].year
    assert "从表格标题读出：单位 汕尾市经信局，创建周期 2016-01-01 至 2017-12-31，请在 criteria.yml 中核对" in out
    assert "不检查材料日期" not in out


def test_init_says_date_checks_wait_for_a_period_the_title_lacks(tmp_path, capsys):
    source = REPO / "tests" / "fixtures" / "frameworks" / "14-huanggang-unit.docx"
    assert cli.main(["init", "--from", str(source), "--archive", str(tmp_path / "a")]) == 0
    out = capsys.readouterr().out
    assert "从表格标题读出" not in out
    assert "在 criteria.yml 填写 period（起止日期）之前，不检查材料日期是否在创建周期内" in out


@pytest.mark.parametrize("title, unit, period", [
    ("汕尾市经信局2016-2017年省级文明城市创建任务清单", "汕尾市经信局", ("2016-01-01", "2017-12-31")),
    ("2016年8月至2017年12月某某中学文明校园创建测评细则", "", ("2016-08-01", "2017-12-31")),
    ("关于某某街道2023年度文明单位创建任务分解表", "某某街道", ("2023-01-01", "2023-12-31")),
    ("《全国文明村镇测评体系》(2017年版)", "", None),
    ("海南省中小学文明校园测评细则", "", None),
    ("黄冈市文明单位考评细则", "", None),
])
def test_unit_and_period_in_titles(title, unit, period):
    assert unit_from_title(title) == unit
    found = period_from_title(title)
    assert (tuple(d.isoformat() for d in found) if found else None) == period


@pytest.mark.parametrize("text, limit, expected", [
    ("以党委中心组学习为示范带动", 12, "以党委中心组学习为示范"),
    ("深入推进我们的节日主题活动", 12, "深入推进我们的节日主题"),
    ("壮大网络文明传播志愿者队伍", 12, "壮大网络文明传播志愿者"),
    ("创建活动的群众参与率90%以上", 12, "创建活动的群众参与率"),
])
def test_long_names_are_cut_where_a_word_ends(text, limit, expected):
    assert cut_at_word(text, limit) == expected


def test_folder_names_of_all_three_levels_end_on_a_word():
    assert folder_name("Ⅲ-2", "以党委中心组学习为示范带动一级抓一级层层抓学习完善督查考核办法", 12) == "Ⅲ-2 以党委中心组学习为示范"
    assert short_name("以党委（党组）中心组学习为示范带动，一级抓一级。", 12) == "以党委中心组学习为示范"


def archive_of_many_files(root: Path, count: int) -> Path:
    files = {"criteria.yml": one_requirement_criteria()}
    files.update({f"Ⅲ-2 健全完善学习制度/1 学习/1 制度/制度{n:03}.txt": f"学习制度 {n}" for n in range(count)})
    return write_tree(root / "archive", files)


def run_check(cwd: Path, stderr_fd: int | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "generator", "check", "-j", "1"], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=stderr_fd if stderr_fd is not None else subprocess.PIPE,
                          timeout=300)


def test_check_shows_progress_on_a_terminal_and_nothing_otherwise(tmp_path):
    archive_of_many_files(tmp_path, 80)
    quiet = run_check(tmp_path, None)
    assert quiet.returncode == 0
    assert "正在检查" not in quiet.stderr.decode("utf-8") and "已检查" not in quiet.stderr.decode("utf-8")

    (tmp_path / ".binder-cache").rename(tmp_path / "old-cache")  # the terminal run inspects afresh
    main, follower = pty.openpty()
    try:
        shown = run_check(tmp_path, follower)
        os.close(follower)
        follower = -1
        seen = b""
        while select.select([main], [], [], 0.5)[0]:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(main)
    assert shown.returncode == 0
    assert "已检查 80 个文件" in seen.decode("utf-8", "replace")


def test_help_texts_start_in_one_column_though_placeholders_are_chinese(capsys):
    from generator.cli_text import _display_width

    with pytest.raises(SystemExit):
        cli.main(["build", "-h"])
    lines = capsys.readouterr().out.splitlines()
    options = lines[lines.index("选项："):]
    # A line of an option and its help: the help starts after two spaces or more.
    columns = {_display_width(m.group(1)) for line in options
               if (m := re.match(r"(  -\S.*?\s{2,})\S", line))}
    continuation = {len(line) - len(line.lstrip()) for line in options if line.startswith(" " * 8)}
    assert len(columns) == 1 and columns == continuation, (columns, continuation)
