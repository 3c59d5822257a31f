"""File formats identified the way archives identify them: PRONOM identifiers (PUIDs such
as fmt/43 for JPEG) from the files' signatures, by opf-fido, and whether a file's
extension is one PRONOM lists for the format found.

Fido loads its signature files once (about half a second), so it runs once for all files,
in a child process (`python -m generator.snapshots.pronom`, paths in on stdin as JSON, one JSON line
out per file), with a time budget: what it has not reached when the budget runs out is
reported as not identified, never waited for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

STARTUP_SECONDS = 20.0
SECONDS_PER_FILE = 0.5
"""The time budget: fido's start plus this much per file (it needs ~20-40 ms a file)."""
FILES_PER_PROCESS = 100
"""Below this many files per process a second fido process costs more (its ~0.5 s start) than it saves."""


@dataclass(frozen=True)
class Identified:
    """What fido found for one file. `puid` is '' when no signature matched."""

    puid: str = ""
    format_name: str = ""
    extensions: tuple[str, ...] = ()
    """The extensions PRONOM lists for that format (lower case, no dot)."""
    how: str = ""
    """'signature' or 'container' (a zip/OLE package matched by its contents)."""
    error: str = ""
    """Why it was not identified beyond 'no signature matched' (Chinese), e.g. the time ran out."""

    @property
    def identified(self) -> bool:
        return bool(self.puid)


def extension_matches(name: str, found: Identified) -> bool | None:
    """Whether `name`'s extension is one PRONOM lists for its format; None when the format
    is unknown or PRONOM lists no extension for it."""
    if not found.identified or not found.extensions:
        return None
    suffix = os.path.splitext(name)[1].lower().lstrip(".")
    return suffix in found.extensions


def identify(paths: list[str], budget: float | None = None, jobs: int = 1) -> dict[str, Identified]:
    """Each path's format: one fido process for all of them, or up to `jobs` processes
    side by side for a large archive (each is worth its start only for many files)."""
    if not paths:
        return {}
    parts = max(1, min(jobs, len(paths) // FILES_PER_PROCESS))
    chunks = [paths[i::parts] for i in range(parts)]
    results: dict[str, Identified] = {}
    with ThreadPoolExecutor(max_workers=parts) as pool:
        for found in pool.map(lambda chunk: _identify_in_child(chunk, budget), chunks):
            results.update(found)
    return results


def _identify_in_child(paths: list[str], budget: float | None) -> dict[str, Identified]:
    budget = budget if budget is not None else STARTUP_SECONDS + SECONDS_PER_FILE * len(paths)
    request = json.dumps(paths)
    error = ""
    # The child imports this module by name: make sure it finds the package this one is in.
    package_root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    try:
        done = subprocess.run([sys.executable, "-m", __name__], input=request.encode("utf-8"),
                              capture_output=True, timeout=budget, check=False, env=env)
        output = done.stdout
        if done.returncode != 0:
            error = "格式识别程序（fido）异常退出"
    except subprocess.TimeoutExpired as expired:
        output = expired.stdout or b""
        error = f"格式识别超时（{budget:.0f} 秒），未识别"
    except OSError as failure:
        output, error = b"", f"格式识别程序（fido）无法启动：{failure}"
    results = {path: Identified(error=error) for path in paths}
    for line in output.decode("utf-8", "replace").splitlines():
        try:
            record = json.loads(line)
            path = paths[record["i"]]
        except (ValueError, KeyError, IndexError, TypeError):
            continue
        results[path] = Identified(puid=record["puid"], format_name=record["name"],
                                   extensions=tuple(record["extensions"]), how=record["how"])
    return results


def _worker() -> None:
    """In the child: identify every path read from stdin, one JSON line per file found."""
    from fido import fido as fido_module
    from fido.versions import get_local_versions

    paths = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    current = {"i": -1}

    def found(_filename, matches, _delta, matchtype=""):
        if not matches:
            return
        fmt = matches[0][0]
        puid = fmt.find("puid").text
        name = fmt.find("name")
        extensions = sorted({(e.text or "").lower().lstrip(".") for e in fmt.findall("extension")} - {""})
        record = {"i": current["i"], "puid": puid, "name": name.text if name is not None else "",
                  "extensions": extensions, "how": matchtype or "signature"}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        sys.stdout.flush()  # what is found before a timeout is kept

    # As fido's own command line does: the signature files this installation ships.
    versions = get_local_versions(fido_module.CONFIG_DIR)
    fido_module.defaults["containersignature_file"] = versions.pronom_container_signature
    formats = [versions.pronom_signature, versions.fido_extension_signature]
    fido = fido_module.Fido(quiet=True, handle_matches=found, format_files=formats)
    for index, path in enumerate(paths):
        current["i"] = index
        try:
            fido.identify_file(path, extension=False)  # by signature only: the extension is what is checked
        except Exception:  # one odd file must not stop the others; it stays unidentified
            continue


if __name__ == "__main__":
    _worker()
