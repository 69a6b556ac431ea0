"""What every command shares: the parsed global options and the one-line error contract."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer

from newsprism.errors import NewsprismError
from newsprism.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def settings_of(ctx: typer.Context) -> Settings:
    """The global options (`--db`, `-v`, `-q`) parsed before the command ran."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings), "global options are parsed before any command"
    return obj


def reports_errors(command: F) -> F:
    """Turn a NewsprismError into one line on standard error and exit status 1 (traceback with -v)."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except NewsprismError as exc:
            if _verbose(*args, *kwargs.values()):
                logging.getLogger("newsprism").exception("command failed")
            # One line, even when a driver's message spans several.
            typer.echo(f"newsprism: error: {' '.join(str(exc).split())}", err=True)
            raise typer.Exit(1) from None

    return run  # type: ignore[return-value]


def _verbose(*arguments: Any) -> bool:
    # Commands receive their context as an argument (typer hands over its click Context, not always a
    # typer.Context instance); the root context holds the global options.
    for argument in arguments:
        find_root = getattr(argument, "find_root", None)
        settings = find_root().obj if find_root is not None else None
        if isinstance(settings, Settings):
            return settings.verbose > 0
    return False
