"""The MkDocs plugin: a thin adapter from MkDocs' events to the binder's core."""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..binder import Binder, assemble
from ..framework import FrameworkError
from ..inspection import start_workers_server
from ..progress import ProgressLine
from ..render import Site, SiteAsset, compiled_templates, render_site
from ..comparison import load_baseline
from .config import BinderConfig
from .page_cache import PageCache
from .segmentation import remember_cuts
from .site_config import OneLineAbort, check_site_config_file, option_error

log = logging.getLogger("mkdocs.plugins.binder")


class BinderPlugin(BasePlugin[BinderConfig]):
    binder: Binder | None = None
    site: Site | None = None
    framework_error: FrameworkError | None = None
    """Kept for `binder build`, which exits with its own code on a broken criteria.yml."""
    template_cache = None
    """Compiled templates (the binder's and the theme's) kept in the cache between builds."""
    page_cache: PageCache | None = None
    """The binder's pages as Markdown made them last time."""

    def load_config(self, options, config_file_path=None):
        # MkDocs has read mkdocs.yml with its own loader by now, but not yet formatted the
        # whole of it for its debug log: the last moment to stop a bomb in it.
        if config_file_path:
            check_site_config_file(config_file_path)
        errors, warnings = super().load_config(options, config_file_path)
        error = option_error(config_file_path, errors, warnings)
        if error is not None:
            raise error
        return errors, warnings

    def on_config(self, config):
        if not self.config.enabled:
            return
        # jieba (imported by the search plugin for Chinese segmentation) sets its own logger to
        # DEBUG on import and reports loading its dictionary on every build: quiet it.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        if importlib.util.find_spec("jieba") is None:
            # The search plugin would skip Chinese segmentation without a word.
            log.warning("jieba is not installed: Chinese search will not segment words")
        elif _uses_search(config):
            remember_cuts()
        base = Path(config.config_file_path or ".").resolve().parent
        self.archive_dir = (base / self.config.archive).resolve()
        self.cache_dir = (base / self.config.cache_dir).resolve()
        self.snapshots_dir = (base / self.config.snapshots_dir).resolve()
        if not self.archive_dir.is_dir():
            raise PluginError(f"档案文件夹不存在：{self.archive_dir}")
        if self.cache_dir == self.archive_dir or self.archive_dir in self.cache_dir.parents:
            raise PluginError(f"缓存文件夹不能放在档案里：{self.cache_dir}")
        if self.config.jobs != 1:
            start_workers_server()
        self.template_cache = compiled_templates(self.cache_dir / "templates")

    def on_files(self, files: Files, /, *, config) -> Files | None:
        if not self.config.enabled:
            return None
        try:
            self.binder = assemble(self.archive_dir, self.cache_dir, jobs=self.config.jobs,
                                   progress=ProgressLine.on_terminal())
        except FrameworkError as error:
            self.framework_error = error
            raise OneLineAbort(f"测评体系文件有误：{error}") from None
        baseline = load_baseline(self.snapshots_dir)
        if baseline is not None and baseline.error:
            log.warning("binder: the newest snapshot %s can't be compared: %s", baseline.snapshot.path, baseline.error)
        self.site = render_site(self.binder, directory_urls=config.use_directory_urls, baseline=baseline,
                                template_cache=self.template_cache)
        for page in self.site.pages:
            files.append(File.generated(config, page.src_uri, content=page.content))
        for dest_uri, content in self.site.downloads:
            files.append(File.generated(config, dest_uri, content=content))
        config.nav = self.site.nav + (config.nav or [])
        self.page_cache = PageCache(self.cache_dir / "pages", config, [f.src_uri for f in files])
        self._binder_pages = {page.src_uri for page in self.site.pages}
        return files

    def on_pre_page(self, page, /, *, config, files):
        if self.page_cache is not None and page.file.src_uri in self._binder_pages:
            page.render = functools.partial(self.page_cache.render, page)
        return page

    def on_env(self, env, /, *, config, files):
        if self.config.enabled and self.template_cache is not None:
            # The theme's templates are compiled on every build otherwise, like the binder's.
            env.bytecode_cache = self.template_cache
        return env

    def on_serve(self, server, /, *, config, builder):
        if self.config.enabled:
            server.watch(str(self.archive_dir))
        return server

    def on_post_build(self, *, config) -> None:
        if not self.config.enabled or self.site is None:
            return
        site_dir = Path(config.site_dir)
        # Thumbnails (from the cache) and originals (from the archive) are not MkDocs files:
        # MkDocs would copy every one of them on every build. Thumbnails are always linked
        # where the filesystem allows; originals unless `link_originals` is off.
        thumbs = sum(_place_file(a, site_dir, True) for a in self.site.assets)
        linked = sum(_place_file(a, site_dir, self.config.link_originals) for a in self.site.originals)
        log.info("binder: %d thumbnails (%d hard-linked) and %d originals (%d hard-linked) in the site",
                 len(self.site.assets), thumbs, len(self.site.originals), linked)
        if self.page_cache is not None:
            self.page_cache.forget_others()
            log.info("binder: %d of %d pages as the last build made them", self.page_cache.hits, len(self._binder_pages))


def _uses_search(config) -> bool:
    """Whether a search plugin ('search', 'material/search') builds an index."""
    return any(name.rsplit("/", 1)[-1] == "search" for name in config.plugins)


def _place_file(asset: SiteAsset, site_dir: Path, link: bool) -> bool:
    """Put one file into the site: a hard link where allowed, else a copy. True if linked."""
    dest = site_dir / asset.dest_uri
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.exists() or dest.is_symlink():
        if _same_file(asset.abs_src_path, dest):
            return True
        dest.unlink()
    if link:
        try:
            os.link(asset.abs_src_path, dest)
            return True
        except OSError:
            pass  # another filesystem, or links not allowed: copy instead
    shutil.copy2(asset.abs_src_path, dest)
    return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
