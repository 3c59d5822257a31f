"""mkdocs.yml checked with bounds, and what is wrong in it said in one Chinese line.

MkDocs reads mkdocs.yml with its own PyYAML loader, which follows aliases and recurses
without bound, and then formats every value of the config for its debug log. The
binder checks the file itself (composing only, every tag allowed, aliases counted as
what they expand to) where it can: before MkDocs reads it in `binder build`, and when
MkDocs hands the plugin its options in a plain `mkdocs build`, which is after MkDocs
has read the file but before it formats it.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click
from mkdocs.exceptions import Abort

from ..excerpt import excerpt
from ..guarded_yaml import YAMLRefused, check_composes, read_regular_file

PREFIX = "站点配置文件有误："


class OneLineAbort(Abort):
    """A bad input file ends the build with exit code 2 and its one line on stderr, in
    `binder build` as in `mkdocs build` (whose command line shows a ClickException and
    exits with its exit_code; MkDocs' build passes on what is no BuildError as it is)."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(self.format_message(), err=True)


class SiteConfigError(OneLineAbort):
    """mkdocs.yml can't be used."""

    def __init__(self, message: str):
        super().__init__(PREFIX + message)


def check_site_config_file(config_file: str | Path) -> None:
    """Raise SiteConfigError when mkdocs.yml is too big, malformed or a bomb."""
    path = Path(config_file)
    try:
        check_composes(read_regular_file(path, follow_links=True))
    except YAMLRefused as error:
        where = path.name + (f" 第 {error.line} 行" if error.line else "")
        where += f"第 {error.column} 列" if error.line and error.column else ""
        raise SiteConfigError(f"{where}：{error.message}") from None


def option_error(config_file: str | None, errors, warnings) -> SiteConfigError | None:
    """The first problem in the binder's options (an unknown option is one: a typo would
    silently fall back to the default archive), or None."""
    name = Path(config_file).name if config_file else "mkdocs.yml"
    for key, error in errors:
        return SiteConfigError(f"{name} 中 binder 插件的选项 {key} {error}")
    for key, warning in warnings:
        if "Unrecognised" in str(warning):
            return SiteConfigError(f"{name} 中 binder 插件没有 {excerpt(key, 30)} 这个选项"
                                   f"（可用：archive、cache_dir、snapshots_dir、jobs、ocr、link_originals、edition、enabled）")
    return None


@contextmanager
def mkdocs_errors_as_one_line(config_file: Path) -> Iterator[None]:
    """MkDocs' own configuration errors (logged in English, then 'Aborted') as SiteConfigError.

    MkDocs logs each error and then aborts: the logged errors are held back and the first
    becomes the one line; warnings and other records pass on as before.
    """
    logger = logging.getLogger("mkdocs")
    held: list[logging.LogRecord] = []

    class Hold(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.ERROR:
                held.append(record)
            else:
                logging.getLogger().handle(record)

    handler, propagate = Hold(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    except SiteConfigError:
        raise
    except Abort as error:
        detail = held[0].getMessage() if held else error.format_message()
        raise SiteConfigError(f"{config_file.name} 的设置不对（MkDocs：{excerpt(detail, 200)}）") from None
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
