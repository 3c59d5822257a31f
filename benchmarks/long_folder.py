"""The example archive with N one-line text files in one requirement folder: how the binder
copes with a folder no person would page through (a scanner's dump, an unpacked zip).

    .venv/bin/python benchmarks/long_folder.py /tmp/big --files 20000
    cd /tmp/big && /usr/bin/time -f "%e s %M KB" ../<repo>/.venv/bin/binder build   # twice: cold, warm

Writes the archive and a copy of mkdocs.yml, docs/ and site_overrides/ into the folder
(which must be empty or absent); never touches the repository's own archive.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FOLDER = "Ⅲ-2 健全完善学习制度/1 中心组学习示范带动/③ 中心组学习情况说明报告"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=20_000)
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        print(f"{args.out} is not empty", file=sys.stderr)
        return 2
    shutil.copytree(REPO / "archive", args.out / "archive")
    for name in ("docs", "site_overrides"):
        shutil.copytree(REPO / name, args.out / name)
    shutil.copy2(REPO / "mkdocs.yml", args.out / "mkdocs.yml")
    folder = args.out / "archive" / FOLDER
    for i in range(args.files):
        (folder / f"{i:05d}-学习记录第{i}条.txt").write_text(f"第{i}条学习记录：中心组学习内容摘要。\n", encoding="utf-8")
    print(f"{args.files} files in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
