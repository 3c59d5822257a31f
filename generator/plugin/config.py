"""Options of the binder's MkDocs plugin (`plugins: - binder: ...` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class BinderConfig(Config):
    enabled = c.Type(bool, default=True)

    # Where things are; relative paths are resolved against mkdocs.yml's folder.
    archive = c.Type(str, default="archive")
    """The evidence archive (read-only to the binder)."""
    cache_dir = c.Type(str, default=".binder-cache")
    """Inspection results and thumbnails; outside the archive."""
    snapshots_dir = c.Type(str, default="snapshots")
    """Yearly snapshots (`binder snapshot`); the improve page compares with the newest one."""

    # How the work is done
    jobs = c.Optional(c.Type(int))
    """Worker processes for inspecting files; all cores when unset, 1 runs in process."""
    link_originals = c.Type(bool, default=True)
    """Hard-link the originals into the site where the filesystem allows (else copy). The
    site links to read-only copies in the cache, never to the archive's own files."""
    lock_timeout = c.Type((int, float), default=0)
    """Seconds to wait while another build uses the same cache or site; 0 stops at once
    with a message (`binder build --wait` waits as long as it takes)."""
