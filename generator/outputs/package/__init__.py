"""The submission package (网申资料包): the archive's files renamed to the submission rules of
seed 000, grouped by material type or by indicator, with a manifest of hashes, a list of the
files it could not name and of those it left out, each with the reason. Reads the view; the
archive is only read, never changed.
"""

from __future__ import annotations

from .manifest import LEFT_OUT, MANIFEST, UNNAMED
from .plan import GROUPINGS, MATERIAL_TYPES, Entry, LeftOut, Plan, plan_package
from .writer import ZIP_NAMES, PackageError, Written, write_package

__all__ = ["GROUPINGS", "LEFT_OUT", "MANIFEST", "MATERIAL_TYPES", "UNNAMED", "ZIP_NAMES", "Entry", "LeftOut",
           "PackageError", "Plan", "Written", "plan_package", "write_package"]
