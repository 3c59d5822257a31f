"""The binder's pages as Markdown made them, kept between builds.

The binder writes its pages as Markdown that is mostly HTML; Python-Markdown parses every
tag of it again on every build (a third of a warm build at 20,000 files). A page whose
Markdown, Markdown settings, site files and library versions are those of the last build
gets the HTML, table of contents, title and anchors that build made, and Markdown is not
run for it. Everything after (other plugins' page events, the theme, the search index)
runs as always.
"""

from __future__ import annotations

import hashlib
import json
import logging
from importlib import metadata
from pathlib import Path

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

log = logging.getLogger("mkdocs.plugins.binder")

FORMAT = 1
"""Bump when what is kept changes."""
_LIBRARIES = ("mkdocs", "markdown", "mkdocs-material", "pymdown-extensions")


class PageCache:
    """Rendered pages in `folder`, one file per page; a page's entry is used only when its key
    (the page's Markdown and place, and the build's settings) is the one it was made with."""

    def __init__(self, folder: Path, config, site_files: list[str]):
        self.folder = folder
        self.salt = _salt(config, site_files)
        self.used: set[str] = set()
        self.hits = 0
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.writable = True
        except OSError as error:
            log.debug("no folder for rendered pages (%s): %r", folder, error)
            self.writable = False

    def render(self, page: Page, config, files) -> None:
        """Page.render, from the cache where it holds this page as it is now."""
        key = hashlib.sha256(f"{self.salt}\x00{page.file.src_uri}\x00{page.markdown}".encode("utf-8")).hexdigest()
        path = self.folder / (hashlib.sha1(page.file.src_uri.encode("utf-8")).hexdigest() + ".json")
        self.used.add(path.name)
        entry = _read(path)
        if entry is not None and entry.get("key") == key:
            _restore(page, entry)
            self.hits += 1
            return
        Page.render(page, config, files)
        if self.writable:
            _write(path, {"key": key, **_kept(page)})

    def forget_others(self) -> None:
        """Remove the entries of pages this build did not make (a folder or indicator gone)."""
        if not self.writable:
            return
        for path in self.folder.glob("*.json"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)


def _salt(config, site_files: list[str]) -> str:
    """What a page's HTML depends on besides its own Markdown."""
    versions = []
    for name in _LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=?")
    settings = json.dumps(
        [FORMAT, versions, [str(e) for e in config["markdown_extensions"]], config["mdx_configs"],
         config["use_directory_urls"], sorted(site_files)],
        sort_keys=True, default=repr, ensure_ascii=False,
    )
    return hashlib.sha256(settings.encode("utf-8")).hexdigest()


def _kept(page: Page) -> dict:
    return {
        "content": page.content,
        "toc": [_token(link) for link in page.toc],
        # MkDocs keeps the first heading as the page's title here (no public setter).
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
    }


def _restore(page: Page, entry: dict) -> None:
    page.content = entry["content"]
    page.toc = get_toc(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    page.links_to_anchors = {}


def _token(link: AnchorLink) -> dict:
    return {"level": link.level, "id": link.id, "name": link.title, "children": [_token(c) for c in link.children]}


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # none yet, or damaged: the page is made again


def _write(path: Path, entry: dict) -> None:
    partial = path.with_suffix(".part")
    try:
        partial.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        partial.replace(path)
    except OSError as error:
        log.debug("rendered page not kept (%s): %r", path, error)
