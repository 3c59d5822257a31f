"""`binder office`: many units' check results (the json of `binder check --format json`,
version 1) in one offline site for the city's office. It reads json documents, never an
archive: the command line checks a unit given as an archive folder first and hands over
its json. See README.md ("创建办汇总") for the folder convention of the units' binders."""

from __future__ import annotations

from .contract import KNOWN_VERSIONS, ContractError, parse, read_json_file
from .gather import UnitSource, folder_key, gather
from .render import WrittenSite, tongbao_xlsx, write_site

__all__ = ["KNOWN_VERSIONS", "ContractError", "UnitSource", "WrittenSite", "folder_key", "gather", "parse",
           "read_json_file", "tongbao_xlsx", "write_site"]
