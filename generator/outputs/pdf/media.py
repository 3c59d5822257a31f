"""What the printed binder says of a video or a recording besides its length (which the
media inspector reads, generator.text.length_text words): its size."""

from __future__ import annotations


def size_text(size: int) -> str:
    """'12.3 MB', '820 KB'."""
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} KB"
