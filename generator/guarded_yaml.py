"""YAML read with bounds: hostile or careless files end in one Chinese sentence, never in a
machine brought down or a traceback.

PyYAML's SafeLoader is safe from code execution but not from exhaustion: aliases let a
few hundred bytes stand for billions of items (the 'billion laughs'), deep nesting
overflows Python's recursion, an integer of thousands of digits or an impossible date
raises ValueError while constructing, and a duplicate key silently wins. The guarded
loader checks all of it while composing, node by node, before anything is constructed,
so its memory stays bounded by the file's size.
"""

from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml

from .excerpt import excerpt

MAX_BYTES = 4 * 1024 * 1024
"""A criteria.yml of a whole framework is some 100 KB; 4 MB is no framework."""
MAX_NODES = 100_000
"""Items (scalars, lists, mappings) in a file, aliases counted as what they expand to."""
MAX_DEPTH = 40
"""Levels of nesting; a framework needs 8."""
MAX_INT_DIGITS = 32
"""Longer integers are no count, score or code, and Python refuses to read some of them."""

_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(_CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp"))
"""Explicit tags the framework file may carry (`!!str 007`); any other is refused."""
MERGE_TAG = _CORE + "merge"
INT_TAG = _CORE + "int"


class YAMLRefused(Exception):
    """A YAML file refused; the message is for the user (Chinese), with where it happened."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Limits:
    nodes: int = MAX_NODES
    depth: int = MAX_DEPTH
    int_digits: int = MAX_INT_DIGITS
    aliases: bool = False
    """Whether anchors and aliases are allowed (then their expansion counts against `nodes`)."""
    tags: bool = False
    """Whether custom tags are allowed (mkdocs.yml has `!ENV`, `!relative`, `!!python/name:`)."""


def _line(mark) -> int | None:
    return mark.line + 1 if mark is not None else None


def _short_tag(tag: str) -> str:
    """A tag as the user wrote it: '!!python/name:x', not 'tag:yaml.org,2002:python/name:x'."""
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


class GuardedComposer:
    """Mixin for a PyYAML loader: the bounds, checked on each node as it is composed."""

    limits = Limits()

    def _guard_init(self) -> None:
        self._guard_nodes = 0
        self._guard_depth = 0
        self._guard_sizes: dict[str, int] = {}

    def _count(self, nodes: int, mark, what: str) -> None:
        self._guard_nodes += nodes
        if self._guard_nodes > self.limits.nodes:
            raise YAMLRefused(f"{what}超过 {self.limits.nodes} 项，文件太大或有误", _line(mark))

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            return self._alias(event, parent, index)
        anchor = getattr(event, "anchor", None)
        if anchor is not None and not self.limits.aliases:
            raise YAMLRefused(f"不支持锚点（&{excerpt(anchor, 20)}）和别名：请把内容直接写出来", _line(event.start_mark))
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in ALLOWED_TAGS and not self.limits.tags:
            raise YAMLRefused(f"不支持标签“{excerpt(_short_tag(tag), 40)}”", _line(event.start_mark))
        self._count(1, event.start_mark, "内容")
        self._guard_depth += 1
        if self._guard_depth > self.limits.depth:
            raise YAMLRefused(f"嵌套超过 {self.limits.depth} 层", _line(event.start_mark))
        before = self._guard_nodes
        try:
            node = super().compose_node(parent, index)
        finally:
            self._guard_depth -= 1
        if anchor is not None:
            self._guard_sizes[anchor] = self._guard_nodes - before + 1
        return node

    def _alias(self, event, parent, index):
        if not self.limits.aliases:
            raise YAMLRefused(f"不支持别名（*{excerpt(event.anchor, 20)}）和锚点：请把内容直接写出来",
                              _line(event.start_mark))
        # An alias stands for its whole anchored subtree: count it as that many items,
        # so that a bomb stops at the budget instead of expanding later.
        self._count(self._guard_sizes.get(event.anchor, 1), event.start_mark, "别名展开后的内容")
        return super().compose_node(parent, index)

    def compose_scalar_node(self, anchor):
        node = super().compose_scalar_node(anchor)
        if node.tag == INT_TAG:
            digits = sum(ch.isdigit() for ch in node.value)
            if digits > self.limits.int_digits:
                raise YAMLRefused(f"数字太长（{digits} 位，最多 {self.limits.int_digits} 位）", _line(node.start_mark))
        return node

    def compose_mapping_node(self, anchor):
        node = super().compose_mapping_node(anchor)
        seen: dict[tuple[str, str], int | None] = {}
        for key, _ in node.value:
            if key.tag == MERGE_TAG:
                raise YAMLRefused("不支持合并键（<<）：请把内容直接写出来", _line(key.start_mark))
            if not isinstance(key, yaml.ScalarNode):
                raise YAMLRefused("键只能是文字或数字，不能是列表或映射", _line(key.start_mark))
            identity = (key.tag, key.value)
            if identity in seen:
                raise YAMLRefused(f"键“{excerpt(key.value, 30)}”重复（第 {seen[identity]} 行已有）",
                                  _line(key.start_mark))
            seen[identity] = _line(key.start_mark)
        return node


class GuardedLoader(GuardedComposer, yaml.SafeLoader):
    """SafeLoader with the bounds: no aliases, anchors, merge keys or custom tags."""

    def __init__(self, stream):
        super().__init__(stream)
        self._guard_init()

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise YAMLRefused(f"日期“{excerpt(node.value, 30)}”不存在", _line(node.start_mark)) from None


GuardedLoader.add_constructor(_CORE + "timestamp", GuardedLoader.construct_yaml_timestamp)


class GuardedComposeOnly(GuardedComposer, yaml.SafeLoader):
    """Composes any YAML (every tag, aliases within the budget) to check it, constructing nothing."""

    limits = Limits(aliases=True, tags=True)

    def __init__(self, stream):
        super().__init__(stream)
        self._guard_init()


# --- reading ---------------------------------------------------------------------------


def read_regular_file(path: Path, max_bytes: int = MAX_BYTES, *, follow_links: bool = False) -> str:
    """The text of `path`, which must be a regular file (not a link) of at most `max_bytes`.

    Opened without following a link (unless `follow_links`) and without blocking on a
    pipe, and checked on the open descriptor, so nothing can be swapped in between the
    check and the read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if not follow_links and os.path.islink(path):
            raise YAMLRefused(not_regular_reason(path)) from None
        raise YAMLRefused(f"无法读取（{error.strerror}）") from None
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise YAMLRefused(not_regular_reason(path) or "不是普通文件")
        if info.st_size > max_bytes:
            raise YAMLRefused(f"文件太大（{info.st_size / 1024 / 1024:.1f} MB，最多 {max_bytes // 1024 // 1024} MB）")
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while being read
        raise YAMLRefused(f"文件太大（超过 {max_bytes // 1024 // 1024} MB）")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise YAMLRefused("不是 UTF-8 编码的文本（可能是 GBK），请用“另存为”存成 UTF-8", line) from None


def not_regular_reason(path: Path) -> str | None:
    """Why `path` is no regular file to read (Chinese), or None when it is one."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as error:
        return f"无法读取（{error.strerror}）"
    if stat.S_ISLNK(mode):
        return "是符号链接（快捷方式），为安全起见不读取它：请把文件本身放在这里"
    if stat.S_ISDIR(mode):
        return "是文件夹，不是文件：请把它改名或移走"
    if not stat.S_ISREG(mode):
        return "不是普通文件（是管道、设备等特殊文件），不读取它"
    return None


def load(text: str, loader: type = GuardedLoader):
    """`text` read by the guarded loader; YAMLRefused (Chinese, with line) for anything wrong."""
    with _in_chinese(text):
        return yaml.load(text, Loader=loader)


def check_composes(text: str) -> None:
    """Raise YAMLRefused if `text` is malformed or exceeds the bounds (tags and aliases allowed)."""
    with _in_chinese(text):
        loader = GuardedComposeOnly(text)
        try:
            while loader.check_node():
                loader.get_node()
        finally:
            loader.dispose()


@contextmanager
def _in_chinese(text: str) -> Iterator[None]:
    """PyYAML's errors (English, with a mark) as YAMLRefused (Chinese, with line and column)."""
    try:
        yield
    except YAMLRefused:
        raise
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1 if isinstance(error.position, int) else None
        raise YAMLRefused(f"含有不可打印的控制字符（{_codepoint(error.character)}），请删除它", line) from None
    except yaml.MarkedYAMLError as error:
        mark = _where(error)
        raise YAMLRefused(describe(error), _line(mark), mark.column + 1 if mark else None) from None
    except yaml.YAMLError:
        raise YAMLRefused("YAML 格式错误，无法读取") from None
    except RecursionError:
        # Only should the depth bound ever be set above what the interpreter can recurse.
        raise YAMLRefused("嵌套太深") from None


def _codepoint(character) -> str:
    """PyYAML's ReaderError gives the character as its code (an int) for text input."""
    if isinstance(character, str) and len(character) == 1:
        character = ord(character)
    return f"U+{character:04X}" if isinstance(character, int) else "未知字符"


_PROBLEMS = (
    # (words in PyYAML's context + problem, what the user reads)
    ("'\\t'", "有制表符（Tab），YAML 只能用空格缩进"),
    ("tab", "有制表符（Tab），YAML 只能用空格缩进"),
    ("scanning a quoted scalar", "引号没有闭合（或引号中有不允许的字符）"),
    ("scanning a double-quoted", "引号没有闭合"),
    ("unknown escape character", "双引号中有无法识别的转义（\\），请改用单引号"),
    ("mapping values are not allowed here", "这里不能有“键: 值”，请检查缩进；文字中有“: ”时请给它加引号"),
    ("could not find expected ':'", "缺少冒号“:”，或缩进不对"),
    ("expected <block end>", "缩进没有对齐"),
    ("did not find expected key", "缩进没有对齐，或列表项缺少“- ”"),
    ("did not find expected '-' indicator", "列表项的缩进没有对齐"),
    ("expected ',' or ']'", "方括号“[ ]”没有闭合，或其中缺少逗号"),
    ("expected ',' or '}'", "花括号“{ }”没有闭合，或其中缺少逗号"),
    ("flow sequence", "方括号“[ ]”没有闭合"),
    ("flow mapping", "花括号“{ }”没有闭合"),
    ("cannot start any token", "有不能用在开头的字符（如 @、`、%），请给这段文字加引号"),
    ("expected a comment or a line break", "这里只能是注释或换行"),
    ("expected <document start>", "文件中有多余的内容，或缩进没有对齐"),
    ("but found another document", "文件中只能有一份内容（不要用“---”分隔多份）"),
    ("could not determine a constructor for the tag", "不支持这个标签"),
    ("found unhashable key", "键只能是文字或数字，不能是列表或映射"),
)


def _where(error: yaml.MarkedYAMLError):
    """The mark to show: where the unclosed quote or bracket opened when the file just ended."""
    if "end of stream" in (error.problem or "") and error.context_mark is not None:
        return error.context_mark
    return error.problem_mark or error.context_mark


def describe(error: yaml.MarkedYAMLError) -> str:
    """PyYAML's English problem as a Chinese sentence; the position goes with it separately."""
    said = f"{error.context or ''} {error.problem or ''}"
    for words, sentence in _PROBLEMS:
        if words in said:
            return f"YAML 格式错误：{sentence}"
    return "YAML 格式错误，无法读取这一处"
