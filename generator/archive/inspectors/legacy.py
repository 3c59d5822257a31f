"""Legacy Office files (.doc, .wps, .xls, .et) in an OLE compound file: their headers
checked through olefile, their text never read.

The OLE signature alone says nothing of what is inside: a .doc whose Word header is
damaged, a password-protected one, or an Excel workbook under a Word name all start
with the same eight bytes. The main stream's header tells them apart:

* Word: the FIB (File Information Block) at the start of the 'WordDocument' stream
  begins with wIdent 0xA5EC (0xA5DC for Word 6/95); its flags say fEncrypted.
* Excel: the 'Workbook' ('Book' for Excel 5/95) stream begins with a BOF record; a
  FILEPASS record right after it means the workbook is encrypted.
"""

from __future__ import annotations

import struct
from pathlib import Path

import olefile

from .common import OLE_STREAMS, Sniffed, error_detail, ext_label, mislabelled_problem
from .model import Problem

WORD_IDENTS = {0xA5EC: "Word 97-2003", 0xA5DC: "Word 6/95"}
"""wIdent values of a Word FIB."""
F_ENCRYPTED = 0x0100
"""FibBase flags bit: the document is encrypted (or XOR-obfuscated)."""

BOF_RECORDS = {0x0809, 0x0409, 0x0209, 0x0009}
"""BOF record types of BIFF8, BIFF4, BIFF3 and BIFF2."""
FILEPASS = 0x002F
HEADER_RECORDS = 16
"""Records after the BOF in which a FILEPASS must stand (it follows the BOF directly)."""


def word_problem(path: Path) -> Problem | None:
    """Why a .doc/.wps in an OLE container is not a readable Word document; None if it is."""
    return _with_ole(path, "Word 文档", _word_problem)


def sheet_problem(path: Path) -> Problem | None:
    """Why an .xls/.et in an OLE container is not a readable workbook; None if it is."""
    return _with_ole(path, "Excel 工作簿", _sheet_problem)


def _with_ole(path: Path, name: str, check) -> Problem | None:
    try:
        with olefile.OleFileIO(str(path)) as ole:
            return _encrypted_package(ole, name) or check(path, ole)
    except Exception as exc:  # noqa: BLE001 - olefile raises OSError, struct.error, IndexError ... on damage
        return Problem("corrupt", f"{name}已损坏：OLE 复合文档结构无法读取{error_detail(exc)}")


def _encrypted_package(ole: olefile.OleFileIO, name: str) -> Problem | None:
    """An encrypted .docx/.xlsx is an OLE container too (whatever its extension)."""
    if ole.exists("EncryptedPackage"):
        return Problem("encrypted", f"{name}受密码保护（加密的 Office 文件），无法读取内容；请取消密码后重新保存")
    return None


def _word_problem(path: Path, ole: olefile.OleFileIO) -> Problem | None:
    if not ole.exists("WordDocument"):
        return _other_stream(path, ole, "WordDocument", "Word 文档")
    fib = _head(ole, "WordDocument", 12)
    if len(fib) < 12:
        return Problem("corrupt", f"Word 文档已损坏：文件头（FIB）不完整，只有 {len(fib)} 字节")
    ident, flags = struct.unpack_from("<H", fib, 0)[0], struct.unpack_from("<H", fib, 10)[0]
    if ident not in WORD_IDENTS:
        return Problem("corrupt", f"Word 文档已损坏：文件头（FIB）的标识为 0x{ident:04X}，"
                                  "不是 Word 文档的 0xA5EC，Word 可能无法打开")
    if flags & F_ENCRYPTED:
        return Problem("encrypted", "Word 文档受密码保护（已加密），无法读取内容；请取消密码后重新保存")
    return None


def _sheet_problem(path: Path, ole: olefile.OleFileIO) -> Problem | None:
    stream = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
    if stream is None:
        return _other_stream(path, ole, "Workbook", "Excel 工作簿")
    records = list(_records(_head(ole, stream, 4 * (HEADER_RECORDS + 1) + 4096)))
    if not records or records[0] not in BOF_RECORDS:
        first = f"0x{records[0]:04X}" if records else "空"
        return Problem("corrupt", f"Excel 工作簿已损坏：工作簿流不以 BOF 记录开头（首条记录为 {first}），Excel 可能无法打开")
    if FILEPASS in records[1:HEADER_RECORDS]:
        return Problem("encrypted", "Excel 工作簿受密码保护（已加密），无法读取内容；请取消密码后重新保存")
    return None


def _other_stream(path: Path, ole: olefile.OleFileIO, expected: str, name: str) -> Problem:
    """An OLE file without its main stream: another Office kind under this name, or damaged."""
    for stream, label in OLE_STREAMS:
        if ole.exists(stream):
            return mislabelled_problem(path, Sniffed("OLE", label, "other"))
    return Problem("corrupt", f"扩展名为 {ext_label(path)}，但 OLE 复合文档中没有{name}的主数据流（{expected}），"
                              f"文件已损坏或不是{name}")


def _head(ole: olefile.OleFileIO, stream: str, size: int) -> bytes:
    with ole.openstream(stream) as fh:
        return fh.read(size)


def _records(data: bytes):
    """BIFF record types in `data`, in order, as far as whole headers go."""
    offset = 0
    while offset + 4 <= len(data):
        kind, length = struct.unpack_from("<HH", data, offset)
        yield kind
        offset += 4 + length
