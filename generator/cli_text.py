"""The command line's own words in Chinese: argparse's help and errors, MkDocs' log lines.

argparse writes its words ("usage:", "options", "error: the following arguments are
required") through gettext; rather than install a translation for the whole process, the
`binder` parser is a subclass that titles its sections, phrases its -h and rewrites its
error messages itself. MkDocs' INFO lines while serving ("Serving on …", "Documentation
built in … seconds") are rewritten by a logging filter on the `mkdocs` logger.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import unicodedata

HELP = "显示本帮助并退出"


class ChineseHelpFormatter(argparse.HelpFormatter):
    """'用法：' instead of 'usage: ', and section titles ending in a Chinese colon."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def start_section(self, heading):
        # argparse appends an ASCII colon to every heading: ours carry their own.
        super().start_section(heading.rstrip(":：") + "：\b" if heading else heading)

    def format_help(self):
        return super().format_help().replace("：\b:", "：")

    def _format_action(self, action):
        # argparse pads an option to the help column by counting characters; a Chinese
        # placeholder ('-o 文件') takes two columns each: pad by display width instead.
        text = super()._format_action(action)
        prefix = " " * self._current_indent + self._format_action_invocation(action)
        extra = _display_width(prefix) - len(prefix)
        if extra <= 0 or not action.help or not text.startswith(prefix + "  "):
            return text
        first, _, rest = text.partition("\n")
        after = first[len(prefix):]
        padding, help_first = len(after) - len(after.lstrip(" ")), after.lstrip(" ")
        if padding - extra >= 2:
            return f"{prefix}{' ' * (padding - extra)}{help_first}\n{rest}"
        help_position = min(self._action_max_length + 2, self._max_help_position)
        return f"{prefix}\n{' ' * help_position}{help_first}\n{rest}"


METAVARS = {
    "output": "文件", "archive": "文件夹", "cache_dir": "文件夹", "site_dir": "文件夹", "snapshots_dir": "文件夹",
    "out": "文件夹", "config": "文件", "jobs": "进程数", "year": "年份", "unit": "单位", "dev_addr": "地址",
    "source": "清单文件",
}
"""Chinese placeholders for option values (argparse would show the option's name in capitals)."""


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Chinese; its subcommands are of the same class."""

    def __init__(self, *args, **kwargs):
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)

    def add_argument(self, *args, **kwargs):
        action = super().add_argument(*args, **kwargs)
        if action.option_strings and action.metavar is None and action.nargs != 0 and not action.choices:
            action.metavar = METAVARS.get(action.dest, "值")
        return action

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_error(message)}\n")


# argparse's messages (Python 3.9-3.13), most specific first: (pattern, Chinese).
_ERRORS: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.S), c) for p, c in [
    (r"argument (?P<name>\S+): (?P<rest>.*)", "{name}：{rest}"),
    (r"the following arguments are required: (?P<names>.*)", "缺少参数：{names}"),
    (r"one of the arguments (?P<names>.*) is required", "须给出其中一个参数：{names}"),
    (r"unrecognized arguments: (?P<names>.*)", "无法识别的参数：{names}"),
    (r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)", "无效的选项 {value}（可选：{choices}）"),
    (r"invalid int value: (?P<value>.*)", "应为整数，而不是 {value}"),
    (r"invalid float value: (?P<value>.*)", "应为数字，而不是 {value}"),
    (r"invalid (?P<type>\S+) value: (?P<value>.*)", "{value} 不是有效的值"),
    (r"expected one argument", "后面须跟一个值"),
    (r"expected at most one argument", "后面最多跟一个值"),
    (r"expected at least one argument", "后面至少跟一个值"),
    (r"expected (?P<n>\d+) arguments?", "后面须跟 {n} 个值"),
    (r"not allowed with argument (?P<name>.*)", "不能与 {name} 同用"),
    (r"ignored explicit argument (?P<value>.*)", "不接受值 {value}"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)", "选项 {option} 不明确，可能是：{matches}"),
    (r"unexpected option string: (?P<option>.*)", "意外的选项：{option}"),
]]


def chinese_error(message: str) -> str:
    """argparse's English error message in Chinese; an unknown one (already ours) as it is."""
    for pattern, chinese in _ERRORS:
        match = pattern.fullmatch(message)
        if match:
            parts = {k: chinese_error(v) if k == "rest" else v for k, v in match.groupdict().items()}
            return chinese.format(**parts)
    return message


# --- MkDocs' log lines while building and serving -----------------------------------------------

_LOG_LINES: list[tuple[re.Pattern[str], str | None]] = [(re.compile(p), c) for p, c in [
    (r"Serving on (?P<url>\S+) and opening it in a browser", "预览地址：{url}（已在浏览器中打开；按 Ctrl+C 停止）"),
    (r"Serving on (?P<url>\S+)", "预览地址：{url}（用浏览器打开；按 Ctrl+C 停止）"),
    (r"Building documentation\.\.\.", "正在生成站点…"),
    (r"Building documentation to directory: (?P<dir>.*)", "正在生成站点到：{dir}"),
    (r"Cleaning site directory", None),
    (r"Documentation built in (?P<seconds>[\d.]+) seconds", "站点已生成，用时 {seconds} 秒"),
    (r"Detected file changes", "发现文件变化，重新生成…"),
    (r"Reloading browsers", "已刷新浏览器"),
    (r"Shutting down\.\.\.", "正在停止预览…"),
    (r"Watching paths for changes: (?P<paths>.*)", None),
    (r"Browser connected: (?P<url>.*)", None),
    (r"The directory contains stale files\. .*", None),
]]


class ChineseMkDocsLog(logging.Filter):
    """Rewrites MkDocs' INFO lines in Chinese; drops those a user has nothing to do with."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO:
            return True
        # The live-reload server stamps its lines with the time ('[10:02:31] Serving on …').
        stamp, message = _split_stamp(record.getMessage())
        for pattern, chinese in _LOG_LINES:
            match = pattern.fullmatch(message)
            if match:
                if chinese is None:
                    return False
                record.msg, record.args = stamp + chinese.format(**match.groupdict()), ()
                return True
        return True


def _split_stamp(message: str) -> tuple[str, str]:
    match = re.match(r"\[\d\d:\d\d:\d\d\] ", message)
    return (match.group(), message[match.end():]) if match else ("", message)


class _UserLines(logging.Formatter):
    """INFO lines as they are ('预览地址：…'); warnings and errors with a Chinese label."""

    LABELS = {logging.WARNING: "警告", logging.ERROR: "错误", logging.CRITICAL: "错误"}

    def format(self, record: logging.LogRecord) -> str:
        label = self.LABELS.get(record.levelno)
        text = record.getMessage()
        return f"{label}：{text}" if label else text


def set_up_logging(verbose: bool) -> None:
    """Log lines on stderr as a user reads them: '警告：…', never 'WARNING generator.x: …'."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_UserLines())
    handler.addFilter(ChineseMkDocsLog())
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])


def speak_chinese_while_serving(verbose: bool) -> None:
    """`binder serve`: MkDocs' INFO lines (the address first) shown, in Chinese, on stderr."""
    if not verbose:
        logging.getLogger("mkdocs").setLevel(logging.INFO)
        for handler in logging.getLogger().handlers:
            handler.setLevel(logging.INFO)
        logging.getLogger().setLevel(logging.INFO)
        # The binder's own INFO lines (cache figures) stay for --verbose.
        logging.getLogger("generator").setLevel(logging.WARNING)
        logging.getLogger("mkdocs.plugins").setLevel(logging.WARNING)
