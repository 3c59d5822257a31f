"""The MkDocs plugin: a thin adapter from MkDocs' events to the binder's core."""

from __future__ import annotations

import datetime
import functools
import importlib.util
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from ..binder import Binder, assemble
from ..framework import FrameworkError
from ..archive.inspection import start_workers_server
from . import workspace
from .placement import OriginalsStore, Prestock, Stock, archive_sources, place
from ..progress import ProgressLine
from ..outputs import export
from ..outputs.site import FINDINGS_JSON, INSPECTOR, PROGRESS_XLSX, REMEDIATION_XLSX, Site, compiled_templates, css_string, render_site
from ..archive.notes import is_note, read_note
from ..snapshots.snapshot import load_baseline
from ..view import CheckedArchive, build_view
from ..review import Review, ReviewError, load_review
from ..rules import files as file_rules
from .config import BinderConfig
from .page_cache import PageCache
from .segmentation import remember_cuts
from .site_config import OneLineAbort, check_site_config_file, option_error

log = logging.getLogger("mkdocs.plugins.binder")


class BinderPlugin(BasePlugin[BinderConfig]):
    binder: Binder | None = None
    view: CheckedArchive | None = None
    """The checked archive as the pages, the downloads and `binder snapshot` read it."""
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

    wait = False
    """Set by `binder build --wait`: wait for another build of the same cache or site."""
    link_to_archive = False
    """Set for a snapshot's site only, which is made read-only as a whole: its originals
    are links to the archive's files (the snapshot then stores each file once)."""
    locks: workspace.Locks | None = None
    staging: Path | None = None
    """Where MkDocs writes this build's site; swapped in for `final_site` when complete."""
    final_site: Path | None = None
    stock: Stock | None = None
    prestock: Prestock | None = None
    bytes_to_copy = 0

    @event_priority(100)  # before any plugin reads site_dir
    def on_config(self, config):
        if not self.config.enabled:
            return
        # jieba (imported by the search plugin for Chinese segmentation) sets its own logger to
        # DEBUG on import and reports loading its dictionary on every build: quiet it.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        if importlib.util.find_spec("jieba") is None:
            # The search plugin would skip Chinese segmentation without a word.
            log.warning("未安装 jieba：站内搜索不能按中文词语切分，只能逐字查找（pip install jieba 后重新生成）")
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
        self._prepare_workspace(config)
        if self.config.jobs != 1:
            start_workers_server()
        self.template_cache = compiled_templates(self.cache_dir / "templates")
        # The theme's footer and the printed sheets' header show the date of generation.
        config.extra["binder_generated"] = generation_date()
        config.extra["binder_edition"] = self.config.edition

    def _review(self) -> Review:
        """The archive's review.yml; a broken one is one warning and no verdicts shown, never a failed build."""
        try:
            review = load_review(self.archive_dir)
        except ReviewError as error:
            log.warning("%s（本次不显示审核结论）", error)
            return Review()
        return review

    def on_files(self, files: Files, /, *, config) -> Files | None:
        if not self.config.enabled:
            return None
        try:
            self.binder = assemble(self.archive_dir, self.cache_dir, jobs=self.config.jobs,
                                   progress=ProgressLine.on_terminal(), ocr=self.config.ocr,
                                   on_scanned=self._start_copying)
        except FrameworkError as error:
            self.framework_error = error
            raise OneLineAbort(f"测评体系文件有误：{error}") from None
        except BaseException:
            self._stop_copying()
            raise
        self._stock_originals()
        baseline = load_baseline(self.snapshots_dir)
        if baseline is not None and baseline.error:
            log.warning("最新的存档 %s 无法用于比较（精心改进页不显示与它的对比）：%s", baseline.snapshot.path, baseline.error)
        self.view = build_view(self.binder, baseline, self._review())
        for note in self.view.review_notes:
            log.warning("审核记录：%s", note)
        inspector = self.config.edition == INSPECTOR
        if inspector:
            # Evidence only: no findings to download, and none of the docs folder's pages
            # (the user's guide explains the self-check's statuses).
            downloads, notes = {}, read_notes(self.binder.scan.files)
            files = Files([f for f in files if not f.is_documentation_page()])
            config.nav = []
        else:
            # The pages link to the findings as a workbook and as json: made once, from the view.
            downloads = {REMEDIATION_XLSX: export.to_xlsx(self.view, self.cache_dir / "downloads"),
                         FINDINGS_JSON: export.to_json(self.view), PROGRESS_XLSX: export.progress_xlsx(self.view, self.cache_dir / "downloads" / "progress")}
            notes = {}
        self.site = render_site(self.view, downloads=downloads, directory_urls=config.use_directory_urls,
                                template_cache=self.template_cache, edition=self.config.edition,
                                generated=config.extra["binder_generated"], notes=notes)
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
        if self.config.enabled:
            env.filters["css_string"] = css_string  # the printed sheets' header (site_overrides/main.html)
        if self.config.enabled and self.template_cache is not None:
            # The theme's templates are compiled on every build otherwise, like the binder's.
            env.bytecode_cache = self.template_cache
        return env

    def on_serve(self, server, /, *, config, builder):
        if self.config.enabled:
            server.watch(str(self.archive_dir))
        return server

    @event_priority(-100)  # after the other plugins have written into the site
    def on_post_build(self, *, config) -> None:
        if not self.config.enabled or self.site is None:
            return
        site_dir = Path(config.site_dir)
        # Thumbnails (from the cache) and originals (read-only copies in the cache) are not
        # MkDocs files: MkDocs would copy every one of them on every build. Thumbnails are
        # always linked where the filesystem allows; originals unless `link_originals` is off.
        thumbs = sum(bool(place(a.abs_src_path, site_dir / a.dest_uri, True)) for a in self.site.assets)
        sources = self.stock.sources if self.stock else {}
        linked = placed = 0
        for asset in self.site.originals:
            source = sources.get(asset.abs_src_path)
            if source is not None:
                done = place(source, site_dir / asset.dest_uri, self.config.link_originals, read_only=True)
                placed += done is not None
                linked += bool(done)
        log.info("站点中缩略图 %d 个（其中硬链接 %d 个），原件 %d 个（其中硬链接 %d 个）",
                 len(self.site.assets), thumbs, placed, linked)
        if self.page_cache is not None:
            self.page_cache.forget_others()
            log.info("%d 个页面（共 %d 个）与上次生成的相同，直接沿用", self.page_cache.hits, len(self._binder_pages))
        if self.staging is not None:
            workspace.swap_in(self.staging, self.final_site)
            self.staging = None
            config.site_dir = str(self.final_site)
        self._release()

    @event_priority(-100)  # after the other plugins' clean-up
    def on_build_error(self, *, error: Exception) -> None:
        if not self.config.enabled:
            return
        cause = None if isinstance(error, workspace.WorkspaceError) else workspace.disk_full_cause(error)
        needed = self._bytes_needed() if cause is not None else 0  # while the staging folder is there
        self._discard_staging()
        self._release()
        if cause is not None:
            raise workspace.DiskFull(workspace.disk_full_message(cause, needed, self._full_folder(cause))) from error

    def _prepare_workspace(self, config) -> None:
        """Check the folders, lock the cache and the site, and point MkDocs at a staging
        folder. `serve` too: its temporary site is swapped the same way, so a rebuild that
        fails leaves the preview as it was. (No on_startup/on_shutdown here, to tell serve from
        build or to clean up after Ctrl-C: defining either makes MkDocs keep one plugin object
        for every build in the process. A build stopped by Ctrl-C leaves its staging folder to
        the next build and its locks to the end of the process.)"""
        self.stock, self.prestock, self.bytes_to_copy = None, None, 0
        self.final_site = Path(config.site_dir).resolve()
        workspace.check_folders(self.cache_dir, self.final_site)
        timeout = -1 if self.wait else self.config.lock_timeout
        self.locks = workspace.lock_build(self.cache_dir, self.final_site, timeout)
        self.staging = workspace.staging_folder(self.final_site)
        config.site_dir = str(self.staging)

    def _start_copying(self, scan) -> None:
        """Copy the originals into the cache while the archive is inspected (see placement)."""
        if not self.link_to_archive:
            store = OriginalsStore(self.cache_dir, self.archive_dir)
            self.prestock = store.prestock(scan.materials)

    def _stop_copying(self) -> None:
        if self.prestock is not None:
            self.prestock.cancel()
            self.prestock = None

    def _stock_originals(self) -> None:
        """Ready the originals before the pages are rendered: a file deleted or changed since
        it was inspected is then a finding on its page, not a crash at the end."""
        binder = self.binder
        store = OriginalsStore(self.cache_dir, self.archive_dir)
        plan = store.plan(binder.scan.materials, binder.inspection.signatures)
        if self.link_to_archive:
            self.stock = archive_sources(plan)
        else:
            if self.prestock is not None:
                self.prestock.finish()
                self.prestock = None
            self.bytes_to_copy = store.bytes_to_copy(plan)
            self.stock = store.stock(plan)
        for file in self.stock.vanished:
            binder.add_findings(file_rules.changed_during_build(file, vanished=True))
        for file in self.stock.changed:
            binder.add_findings(file_rules.changed_during_build(file, vanished=False))

    def _bytes_needed(self) -> int:
        """About what a build writes: the originals not yet in the cache, the site's own files
        (pages, search index, assets: the previous site's or this one's so far) and, when
        originals are copied rather than linked, the originals once more."""
        pages = max((workspace.tree_bytes(f, unlinked_only=True) for f in (self.final_site, self.staging)
                     if f is not None and f.is_dir()), default=0)
        originals = 0
        if not self.config.link_originals and self.stock is not None:
            originals = sum(p.stat().st_size for p in self.stock.sources.values() if p.exists())
        return self.bytes_to_copy + pages + originals

    def _full_folder(self, cause: BaseException) -> Path:
        """The cache or the site, whichever the failed write went to (the site by default)."""
        default = self.final_site or self.cache_dir
        filename = getattr(cause, "filename", None)
        if not isinstance(filename, str):
            return default
        written = Path(filename)
        for folder in (self.cache_dir, self.staging, self.final_site):
            if folder is not None and (written == folder or folder in written.parents):
                return self.cache_dir if folder == self.cache_dir else default
        return default

    def _discard_staging(self) -> None:
        if self.staging is not None:
            workspace.remove(self.staging)
            self.staging = None

    def _release(self) -> None:
        if self.locks is not None:
            self.locks.release()
            self.locks = None


def generation_date() -> str:
    """Today, as the cover and every page's footer show it ('2026年12月2日')."""
    today = datetime.date.today()
    return f"{today.year}年{today.month}月{today.day}日"


def read_notes(archive_files) -> dict[str, str]:
    """The text of each readable note file placed at a requirement (archive.notes), by its
    shown path; links and special files are never read."""
    return {f.rel_path: text for f in archive_files
            if f.place.requirement is not None and f.hazard is None and is_note(f.name)
            and (text := read_note(f.abs_path)) is not None}


def _uses_search(config) -> bool:
    """Whether a search plugin ('search', 'material/search') builds an index."""
    return any(name.rsplit("/", 1)[-1] == "search" for name in config.plugins)
