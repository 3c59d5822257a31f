"""Import a framework from the Word or Excel table a unit receives (测评体系, 任务责任清单, 测评细则).

The importer is split along its jobs:
- tables.py reads a .docx / .xlsx into grids of cells that know their merges, with the
  paragraphs around the tables;
- header.py finds the header row and what each column holds (by synonyms, merged headers);
- levels.py reads the level cells (category → sub-category → indicator) by their codes;
- cells.py splits packed standards and reads cells keyed by the standards' numbers;
- paragraphs.py reads a framework written as numbered paragraphs, with no table;
- builder.py builds the Framework and the notes.

`import_framework(path)` reads the tables into a `Framework`; every doubt, and every
place where the reading had to guess, comes back as a `Note`. A file that holds no
framework table is refused with one Chinese sentence naming the file (ImportFailed).
"""

from __future__ import annotations

from pathlib import Path

from .builder import Builder, Imported
from .titles import period_hint
from .cells import split_indicator, split_methods, split_standard
from .tables import OLD_FORMATS, SUFFIXES, ImportFailed, read_document


def import_framework(path: Path) -> Imported:
    """Read a .docx or .xlsx framework table into a framework; ImportFailed when nothing can be read."""
    return Builder(path).build(read_document(path))


__all__ = ["Imported", "ImportFailed", "import_framework", "split_indicator", "split_standard", "split_methods",
           "period_hint", "OLD_FORMATS", "SUFFIXES"]
