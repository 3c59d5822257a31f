"""Options of the binder's MkDocs plugin (`plugins: - binder: ...` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from ..excerpt import excerpt
from ..outputs.site import EDITIONS, INTERNAL

_TYPE_WORDS = {bool: "true 或 false", str: "文字（路径）", int: "整数", (int, float): "秒数"}


class _Typed(c.Type):
    """MkDocs' Type option, saying what is wrong in Chinese (and a bool is no int)."""

    def run_validation(self, value: object):
        if isinstance(value, bool) and self._type is not bool or not isinstance(value, self._type):
            raise ValidationError(f"应为{_TYPE_WORDS.get(self._type, '其他类型')}，而不是“{excerpt(value)}”")
        return value


class _Jobs(_Typed):
    """Worker processes: a positive number a machine can have."""

    def __init__(self):
        super().__init__(int)

    def run_validation(self, value: object):
        value = super().run_validation(value)
        if not 1 <= value <= 1024:
            raise ValidationError(f"应为 1 到 1024 之间的整数，而不是“{excerpt(value)}”")
        return value


class _Edition(_Typed):
    """Which edition of the binder the site is: one of site.EDITIONS."""

    def __init__(self):
        super().__init__(str, default=INTERNAL)

    def run_validation(self, value: object):
        value = super().run_validation(value)
        if value not in EDITIONS:
            raise ValidationError(f"应为 {' 或 '.join(EDITIONS)}（内部版或迎检版），而不是“{excerpt(value)}”")
        return value


class BinderConfig(Config):
    enabled = _Typed(bool, default=True)

    # Where things are; relative paths are resolved against mkdocs.yml's folder.
    archive = _Typed(str, default="archive")
    """The evidence archive (read-only to the binder)."""
    cache_dir = _Typed(str, default=".binder-cache")
    """Inspection results and thumbnails; outside the archive."""
    snapshots_dir = _Typed(str, default="snapshots")
    """Yearly snapshots (`binder snapshot`); the improve page compares with the newest one."""

    # How the work is done
    jobs = c.Optional(_Jobs())
    """Worker processes for inspecting files; all cores when unset, 1 runs in process."""
    ocr = _Typed(bool, default=True)
    """Read the text of scanned documents (OCR) for their facts; `binder build --no-ocr` sets it off."""
    link_originals = _Typed(bool, default=True)
    """Hard-link the originals into the site where the filesystem allows (else copy). The
    site links to read-only copies in the cache, never to the archive's own files."""
    lock_timeout = _Typed((int, float), default=0)
    """Seconds to wait while another build uses the same cache or site; 0 stops at once
    with a message (`binder build --wait` waits as long as it takes)."""
    edition = _Edition()
    """internal: the self-check with statuses, findings and remediation (the default);
    inspector: the evidence only, for the inspection group."""
