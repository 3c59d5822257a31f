"""`binder build` and `binder serve`: MkDocs' own build and serve with the binder's options set.

They run exactly what `mkdocs build` / `mkdocs serve` run from mkdocs.yml, so both
give the same site; the only difference is the options the command line passes.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.commands import serve as mkdocs_serve
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .plugin import BinderPlugin
from .site_config import SiteConfigError, check_site_config_file, mkdocs_errors_as_one_line

__all__ = ["build_site", "serve_site", "MkDocsException", "SiteConfigError"]


def _load(config_file: Path, archive: Path | None, jobs: int | None, cache_dir: Path | None = None,
          snapshots_dir: Path | None = None, edition: str | None = None, ocr: bool = True, **overrides):
    # Checked before MkDocs' own loader, which recurses without bound, reads it.
    check_site_config_file(config_file)
    with mkdocs_errors_as_one_line(config_file):
        config = load_config(str(config_file), **overrides)
    plugin = next((p for p in config.plugins.values() if isinstance(p, BinderPlugin)), None)
    if plugin is None:
        raise MkDocsException(f"{config_file} 没有启用 binder 插件（plugins: - binder）")
    if archive is not None:
        plugin.config.archive = str(archive.resolve())
    if jobs is not None:
        plugin.config.jobs = jobs
    if cache_dir is not None:
        plugin.config.cache_dir = str(cache_dir.resolve())
    if snapshots_dir is not None:
        plugin.config.snapshots_dir = str(snapshots_dir.resolve())
    if edition is not None:
        plugin.config.edition = edition
    if not ocr:
        plugin.config.ocr = False
    return config, plugin


def build_site(config_file: Path, *, archive: Path | None = None, site_dir: Path | None = None,
               jobs: int | None = None, cache_dir: Path | None = None,
               snapshots_dir: Path | None = None, strict: bool = False, wait: bool = False,
               link_to_archive: bool = False, edition: str | None = None, ocr: bool = True) -> BinderPlugin:
    """Build the site as `mkdocs build` does; returns the plugin, which holds the binder.
    wait: wait for another build of the same cache or site rather than stop (WorkspaceError);
    link_to_archive: only for a site made read-only as a whole right after (a snapshot's)."""
    overrides = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir.resolve())
    config, plugin = _load(config_file, archive, jobs, cache_dir, snapshots_dir, edition, ocr, **overrides)
    plugin.wait, plugin.link_to_archive = wait, link_to_archive
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build.build(config)
    except MkDocsException:
        if plugin.framework_error is not None:
            raise plugin.framework_error from None
        raise
    finally:
        config.plugins.on_shutdown()
    plugin.site_dir = Path(config.site_dir)
    return plugin


def serve_site(config_file: Path, *, archive: Path | None = None, dev_addr: str | None = None,
               edition: str | None = None) -> None:
    """Serve the site with live reload, as `mkdocs serve` does, watching the archive too."""
    if edition is not None:
        # Like the archive: through `!ENV BINDER_EDITION` in mkdocs.yml, reloaded on every rebuild.
        os.environ["BINDER_EDITION"] = edition
    if archive is not None:
        # `serve` reloads mkdocs.yml on every rebuild: the archive reaches it through
        # `!ENV BINDER_ARCHIVE` there rather than through a config object.
        os.environ["BINDER_ARCHIVE"] = str(archive.resolve())
    options = {"dev_addr": dev_addr} if dev_addr else {}
    check_site_config_file(config_file)
    mkdocs_serve.serve(str(config_file), **options)
