"""A guard over Office packages (.docx, .xlsx, .pptx, a WPS file saved as a zip): judged
from the zip's central directory and the first bytes of its XML parts, before any
parser inflates them.

A 1 MB .docx whose document.xml inflates to 1 GiB made python-docx take 2 GB of
memory. The central directory declares every part's inflated size, and Python's
zipfile never inflates a part beyond what it declares, so checking the declared sizes
bounds what the parsers can be made to read. An XML part with a DTD (entity
declarations: the 'billion laughs') is refused too: Office never writes one.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from ...framework.params import MIB, InspectionLimits
from .model import Problem

PROLOG_BYTES = 64 * 1024
"""Bytes of each XML part inflated to look for a DTD: it can only stand in the prolog."""

RATIO_FLOOR = MIB
"""Parts smaller than this are never called bombs by their ratio: a small part of
repeated markup can compress very well and still costs nothing to parse."""

_XML_SUFFIXES = (".xml", ".rels", ".vml")


def package_problem(path: Path, name: str, limits: InspectionLimits,
                    read_whole: tuple[str, ...] | None = None) -> Problem | None:
    """Why the Office package at `path` (a `name` such as 'Word 文档') must not be parsed;
    None when its declared sizes are within `limits` and no XML part declares a DTD.

    `read_whole` names the XML parts the reader parses in one piece (None: all of them,
    as python-docx does): only those are held to the size of one part. Parts read as a
    stream within a budget, or not at all, are bounded by the total and the ratio only: a
    real sheet of a million rows is a 50 MB part. A zip that can't be listed is left to
    the reader, which reports it in its words."""
    try:
        with zipfile.ZipFile(path) as package:
            members = [m for m in package.infolist() if not m.is_dir()]
            problem = _size_problem(members, name, limits, read_whole)
            return problem or _dtd_problem(package, members, name)
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError,
            NotImplementedError, RuntimeError, zlib.error):
        return None


def _size_problem(members: list[zipfile.ZipInfo], name: str, limits: InspectionLimits,
                  read_whole: tuple[str, ...] | None) -> Problem | None:
    total = sum(m.file_size for m in members)
    if total > limits.zip_total_max_mb * MIB:
        return _inflated(name, f"解压后共 {_mb(total)}，超过上限 {limits.zip_total_max_mb:g} MB")
    for member in members:
        parsed_whole = _is_xml(member) and (read_whole is None or member.filename in read_whole)
        if parsed_whole and member.file_size > limits.zip_part_max_mb * MIB:
            return _inflated(name, f"其中“{member.filename}”解压后为 {_mb(member.file_size)}，"
                                   f"超过单个部件上限 {limits.zip_part_max_mb:g} MB")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size >= RATIO_FLOOR and ratio > limits.zip_ratio_max:
            return _inflated(name, f"其中“{member.filename}”压缩 {_mb(member.compress_size)}、"
                                   f"解压后 {_mb(member.file_size)}（{ratio:,.0f} 倍，上限 {limits.zip_ratio_max:g} 倍）")
    return None


def _inflated(name: str, detail: str) -> Problem:
    # Starts with the problem's label, so the finding shows the reason alone.
    return Problem("inflated", f"解压后异常巨大（疑似压缩炸弹），为防止耗尽内存未读取该{name}的内容：{detail}；"
                               "请用 Office 或 WPS 打开后重新保存")


def _dtd_problem(package: zipfile.ZipFile, members: list[zipfile.ZipInfo], name: str) -> Problem | None:
    for member in members:
        if not _is_xml(member):
            continue
        with package.open(member) as part:
            prolog = part.read(PROLOG_BYTES)
        if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
            return Problem("corrupt", f"{name}的“{member.filename}”含有 DTD/实体声明，Office 文档不会包含这种内容"
                                      "（可能是恶意构造的文件），未读取；请用 Office 或 WPS 打开后重新保存")
    return None


def _is_xml(member: zipfile.ZipInfo) -> bool:
    return member.filename.lower().endswith(_XML_SUFFIXES)


def _mb(size: int) -> str:
    return f"{size / MIB:,.1f} MB"
