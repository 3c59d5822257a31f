"""The archive binder: a 文明创建 evidence archive becomes a browsable, checked electronic binder."""

__version__ = "0.1.0"

from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
"""The jinja2 templates of every output that writes HTML."""
