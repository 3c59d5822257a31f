"""The archive binder: a 文明创建 evidence archive becomes a browsable, checked electronic binder."""

__version__ = "0.1.0"
