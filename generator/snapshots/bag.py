"""The BagIt bag a snapshot is (RFC 8493): writing its manifests and tag files, reading
them back, and checking a bag's fixity.

The binder writes the bag itself, in BagIt's layout, so that any BagIt tool (the `bagit`
library among them) can still validate it:

    bagit.txt, bag-info.txt
    manifest-sha256.txt, manifest-sm3.txt         every payload file under data/
    tagmanifest-sha256.txt, tagmanifest-sm3.txt   every other file beside data/

SM3 (GB/T 32905) is the hash Chinese archive systems use; it comes from hashlib (OpenSSL)
where this Python has it, and is left out (SHA-256 only) where it has not.

Names in the manifests. BagIt manifests are UTF-8 and percent-encode CR, LF and '%'. A
payload name whose bytes are not UTF-8 (a Windows zip unpacked on Linux) keeps its exact
bytes on disk; in the manifests each byte that is not part of valid UTF-8 is written as
%XX too. `decode_path` reads both back. Other BagIt tools only decode %0A, %0D and %25,
so they see such a name as one that is missing while another is added: the binder's own
`verify` is the one that reads these bags exactly.

Links are never followed: a link met while copying is left out with a warning naming it;
one found in a bag's payload is reported, never read.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

BAGIT_VERSION = "1.0"
PAYLOAD_DIR = "data"

Progress = Callable[[int, int], None]
"""Called with (done, total) as files are hashed."""
Digests = dict[str, dict[str, str]]
"""Bag-relative path → algorithm → hex digest."""


def _hash_available(algorithm: str) -> bool:
    try:
        hashlib.new(algorithm)
    except ValueError:
        return False
    return True


ALGORITHMS: tuple[str, ...] = ("sha256", "sm3") if _hash_available("sm3") else ("sha256",)
"""The hashes every new bag records, strongest-known first."""
ALGORITHM_LABELS = {"sha256": "SHA-256", "sm3": "SM3", "sha512": "SHA-512", "md5": "MD5", "sha1": "SHA-1"}
_MANIFEST = re.compile(r"(tag)?manifest-(\w+)\.txt")


def manifest_name(algorithm: str, tag: bool = False) -> str:
    return f"{'tag' if tag else ''}manifest-{algorithm}.txt"


# --- names in manifests ------------------------------------------------------------


def encode_path(rel: str) -> str:
    """A bag-relative path (a str as os gives it, undecodable bytes as surrogates) as a
    manifest writes it: CR, LF, '%' and every byte that is not UTF-8 percent-encoded."""
    out = []
    for char in rel.replace(os.sep, "/"):
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
            out.append(f"%{code - 0xDC00:02X}")
        elif char in "%\r\n":
            out.append(f"%{code:02X}")
        else:
            out.append(char)
    return "".join(out)


def decode_path(text: str) -> str:
    """The inverse of `encode_path`: the path as os functions take it."""
    raw = bytearray()
    pieces = re.split(r"(%[0-9A-Fa-f]{2})", text)
    for piece in pieces:
        if re.fullmatch(r"%[0-9A-Fa-f]{2}", piece):
            raw.append(int(piece[1:], 16))
        else:
            raw += piece.encode("utf-8", "surrogateescape")
    return os.fsdecode(bytes(raw))


def shown_path(rel: str) -> str:
    """A path for people, part by part as the scan shows names: a part whose bytes are not
    UTF-8 is decoded as GB18030 (a Windows zip unpacked on Linux), escaped where even that fails."""
    return "/".join(_shown_part(part) for part in os.fsencode(rel).split(b"/"))


def _shown_part(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", "backslashreplace")


# --- hashing -----------------------------------------------------------------------


def hash_file(path: Path | str, algorithms: Iterable[str]) -> dict[str, str]:
    """The hex digests of one file, read once for every algorithm."""
    hashers = {alg: hashlib.new(alg) for alg in algorithms}
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            for hasher in hashers.values():
                hasher.update(block)
    return {alg: h.hexdigest() for alg, h in hashers.items()}


def hash_files(root: Path, rels: list[str], algorithms: Iterable[str], workers: int | None = None,
               progress: Progress | None = None) -> dict[str, dict[str, str] | None]:
    """Digests of many files under root (None for one that can't be read), in threads:
    hashing releases the GIL, so several cores or disks are kept busy."""
    algorithms = list(algorithms)

    def one(rel: str) -> dict[str, str] | None:
        try:
            return hash_file(root / rel, algorithms)
        except OSError:
            return None

    results: dict[str, dict[str, str] | None] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers or min(8, os.cpu_count() or 1))) as pool:
        for done, (rel, digests) in enumerate(zip(rels, pool.map(one, rels)), start=1):
            results[rel] = digests
            if progress:
                progress(done, len(rels))
    return results


# --- writing -----------------------------------------------------------------------


def regular_files(root: Path) -> tuple[list[str], list[str]]:
    """(regular files, links and special files) under root, as '/'-joined paths relative
    to root. Nothing is followed: a link to a folder is listed as a link, not entered."""
    files, others = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        here = Path(dirpath)
        for name in [*dirnames, *sorted(filenames)]:
            path = here / name
            rel = path.relative_to(root).as_posix()
            try:
                mode = os.lstat(path).st_mode
            except OSError:
                others.append(rel)
                continue
            if stat.S_ISREG(mode):
                files.append(rel)
            elif not stat.S_ISDIR(mode):
                others.append(rel)
    return files, others


def write_manifests(bag_dir: Path, rels: list[str], *, tag: bool, workers: int | None = None,
                    progress: Progress | None = None) -> dict[str, dict[str, str]]:
    """Write one (tag)manifest per algorithm for `rels` (bag-relative); their digests."""
    found = hash_files(bag_dir, rels, ALGORITHMS, workers, progress)
    digests: Digests = {}
    for rel, digest in found.items():
        if digest is None:
            raise OSError(f"无法读取 {shown_path(rel)}")
        digests[rel] = digest
    for alg in ALGORITHMS:
        lines = "".join(f"{digests[rel][alg]}  {encode_path(rel)}\n" for rel in rels)
        (bag_dir / manifest_name(alg, tag)).write_text(lines, encoding="utf-8", newline="\n")
    return digests


def write_payload_manifests(bag_dir: Path, workers: int | None = None,
                            progress: Progress | None = None) -> tuple[int, int, Digests]:
    """The manifests of every regular file under data/; (bytes, files) for Payload-Oxum,
    and the digests written."""
    files, _ = regular_files(bag_dir / PAYLOAD_DIR)
    rels = [f"{PAYLOAD_DIR}/{rel}" for rel in files]
    digests = write_manifests(bag_dir, rels, tag=False, workers=workers, progress=progress)
    size = sum(os.lstat(bag_dir / rel).st_size for rel in rels)
    return size, len(rels), digests


def write_declaration(bag_dir: Path, info: dict[str, str]) -> None:
    """bagit.txt and bag-info.txt."""
    (bag_dir / "bagit.txt").write_text(
        f"BagIt-Version: {BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8", newline="\n")
    lines = "".join(f"{key}: {' '.join(str(value).split())}\n" for key, value in info.items())
    (bag_dir / "bag-info.txt").write_text(lines, encoding="utf-8", newline="\n")


def write_tag_manifests(bag_dir: Path) -> None:
    """The tag manifests over every file beside data/ (tag manifests themselves excepted)."""
    write_manifests(bag_dir, tag_files(bag_dir), tag=True)


def tag_files(bag_dir: Path) -> list[str]:
    """Every file outside data/ but the tag manifests: what the tag manifests cover."""
    found = []
    for dirpath, dirnames, filenames in os.walk(bag_dir):
        here = Path(dirpath)
        if here == bag_dir:
            dirnames[:] = [d for d in dirnames if d != PAYLOAD_DIR]
        dirnames.sort()
        for name in sorted(filenames):
            if here == bag_dir and name.startswith("tagmanifest-"):
                continue
            found.append((here / name).relative_to(bag_dir).as_posix())
    return found


# --- reading -----------------------------------------------------------------------


class BagReadError(Exception):
    """A bag's declaration or a manifest can't be read; the message is Chinese."""


def read_info(bag_dir: Path) -> dict[str, str]:
    """bag-info.txt as a mapping (the first value of a repeated tag; continuation lines joined)."""
    try:
        text = (bag_dir / "bag-info.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise BagReadError(f"bag-info.txt 无法读取：{error}") from None
    info: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and key:
            info[key] += " " + line.strip()
        elif ":" in line:
            key, value = (part.strip() for part in line.split(":", 1))
            info.setdefault(key, value)
    return info


def read_manifest(path: Path) -> dict[str, str]:
    """path (as os takes it) → lower-case digest."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BagReadError(f"{path.name} 无法读取：{error}") from None
    entries = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.strip().split(None, 1)
        if len(parts) != 2:
            raise BagReadError(f"{path.name} 第 {number} 行格式不对")
        entries[decode_path(parts[1].strip())] = parts[0].lower()
    return entries


def manifests_in(bag_dir: Path, tag: bool) -> dict[str, Path]:
    """algorithm → its (tag) manifest file, for those present."""
    found = {}
    for path in sorted(bag_dir.iterdir()):
        match = _MANIFEST.fullmatch(path.name)
        if match and bool(match.group(1)) == tag and path.is_file():
            found[match.group(2)] = path
    return found


# --- fixity ------------------------------------------------------------------------


@dataclass(frozen=True)
class Mismatch:
    """A file whose content disagrees with the checksums some manifests record for it."""

    path: str
    manifests: tuple[str, ...]
    """The manifests whose record the file no longer matches."""
    agreeing: tuple[str, ...] = ()
    """Manifests that still agree with the changed file: edited to hide the change."""


@dataclass
class BagCheck:
    """What a check of a bag found, file by file ('/'-joined bag-relative paths)."""

    fast: bool
    algorithms: tuple[str, ...] = ()
    """The payload manifests the bag has."""
    checked: int = 0
    changed: list[Mismatch] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    """Links and special files inside the bag: never read."""
    outside: list[str] = field(default_factory=list)
    """Manifest entries that point outside data/ (or outside the bag)."""
    tag_changed: list[Mismatch] = field(default_factory=list)
    tag_missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """What is wrong beyond single files, in Chinese."""

    @property
    def intact(self) -> bool:
        return not (self.changed or self.missing or self.added or self.links or self.outside
                    or self.tag_changed or self.tag_missing or self.problems)


def check_bag(bag_dir: Path, *, fast: bool = False, workers: int | None = None,
              progress: Progress | None = None, known: Digests | None = None) -> BagCheck:
    """Every payload file against every payload manifest (fast: names, count and total
    size only), and the tag files against the tag manifests. Reads manifests itself.
    `known`: digests just computed from these files (while making the bag), used instead
    of reading the files a second time; the manifests are still read back and compared."""
    result = BagCheck(fast=fast)
    try:
        payload_manifests = {alg: read_manifest(p) for alg, p in manifests_in(bag_dir, tag=False).items()}
        tag_manifests = {alg: read_manifest(p) for alg, p in manifests_in(bag_dir, tag=True).items()}
    except BagReadError as error:
        result.problems.append(str(error))
        return result
    unknown = [alg for alg in [*payload_manifests, *tag_manifests] if not _hash_available(alg)]
    for alg in sorted(set(unknown)):
        result.problems.append(f"无法核对 {manifest_name(alg)}：本机不支持 {alg} 算法")
        payload_manifests.pop(alg, None)
        tag_manifests.pop(alg, None)
    if not payload_manifests:
        result.problems.append("没有存档清单（manifest-*.txt）")
        return result
    result.algorithms = tuple(payload_manifests)
    listed = _listed(payload_manifests, result)
    files, others = regular_files(bag_dir / PAYLOAD_DIR)
    on_disk = {f"{PAYLOAD_DIR}/{rel}" for rel in files}
    result.links = sorted(f"{PAYLOAD_DIR}/{rel}" for rel in others)
    result.checked = len(listed)
    result.missing = sorted(set(listed) - on_disk)
    result.added = sorted(on_disk - set(listed))
    present = [rel for rel in listed if rel in on_disk]
    if fast:
        _check_oxum(bag_dir, present, result)
    else:
        result.changed = _mismatches(bag_dir, present, payload_manifests, workers, progress, known=known)
        _check_tags(bag_dir, tag_manifests, result)
        _check_oxum(bag_dir, present, result)
    return result


def _listed(manifests: dict[str, dict[str, str]], result: BagCheck) -> list[str]:
    """Every path some payload manifest lists, in order; entries outside data/ set aside,
    and a path one manifest lists and another not reported."""
    listed: dict[str, None] = {}
    for alg, entries in manifests.items():
        for rel in entries:
            if not _inside_payload(rel):
                if rel not in result.outside:
                    result.outside.append(rel)
                continue
            listed.setdefault(rel, None)
    for rel in listed:
        absent = [manifest_name(alg) for alg, entries in manifests.items() if rel not in entries]
        if absent:
            result.problems.append(f"{'、'.join(absent)} 中没有 {shown_path(rel)}，其他清单中有：清单被改动过")
    return list(listed)


def _inside_payload(rel: str) -> bool:
    parts = rel.split("/")
    return len(parts) > 1 and parts[0] == PAYLOAD_DIR and not rel.startswith("/") and ".." not in parts \
        and "" not in parts


def _mismatches(bag_dir: Path, rels: list[str], manifests: dict[str, dict[str, str]], workers: int | None,
                progress: Progress | None, tag: bool = False, known: Digests | None = None) -> list[Mismatch]:
    known = known or {}
    to_hash = [rel for rel in rels if not set(manifests) <= set(known.get(rel, ()))]
    digests: dict[str, dict[str, str] | None] = dict(known)
    digests.update(hash_files(bag_dir, to_hash, manifests, workers, progress))
    found = []
    for rel in rels:
        actual = digests[rel]
        records = {alg: entries[rel] for alg, entries in manifests.items() if rel in entries}
        wrong = tuple(manifest_name(alg, tag) for alg, digest in records.items()
                      if actual is None or actual[alg] != digest)
        if wrong:
            right = tuple(manifest_name(alg, tag) for alg in records if manifest_name(alg, tag) not in wrong)
            found.append(Mismatch(rel, wrong, right))
    return found


def _check_tags(bag_dir: Path, manifests: dict[str, dict[str, str]], result: BagCheck) -> None:
    if not manifests:
        result.problems.append("没有标签清单（tagmanifest-*.txt），bag-info.txt 和存档清单本身无法核对")
        return
    listed: dict[str, None] = {}
    for entries in manifests.values():
        listed.update(dict.fromkeys(entries))
    present = [rel for rel in listed if (bag_dir / rel).is_file() and not (bag_dir / rel).is_symlink()]
    result.tag_missing = sorted(set(listed) - set(present))
    result.tag_changed = _mismatches(bag_dir, present, manifests, 1, None, tag=True)
    unlisted = sorted(set(tag_files(bag_dir)) - set(listed))
    result.added += unlisted


def _check_oxum(bag_dir: Path, present: list[str], result: BagCheck) -> None:
    """Payload-Oxum: the total size and count bag-info.txt records."""
    try:
        oxum = read_info(bag_dir).get("Payload-Oxum", "")
    except BagReadError as error:
        result.problems.append(str(error))
        return
    match = re.fullmatch(r"(\d+)\.(\d+)", oxum)
    if not match:
        return
    size, count = int(match.group(1)), int(match.group(2))
    found_size = sum(os.lstat(bag_dir / rel).st_size for rel in present)
    found_count = len(present) + len(result.added)
    if (size, count) != (found_size, found_count) and not (result.missing or result.added):
        result.problems.append(f"文件数或总大小与存档记录（Payload-Oxum）不符：记录 {count} 个文件 {size} 字节，"
                               f"现有 {found_count} 个文件 {found_size} 字节")

