"""The MkDocs side of the binder: the plugin, and the build/serve commands the CLI calls.

This package is the only one that imports mkdocs.
"""
