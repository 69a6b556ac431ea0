"""The `newsprism` command line: thin commands that each call one library function.

Errors a user can act on (NewsprismError) become one line on standard error and exit status 1; a
traceback only with -v. Usage errors are typer's exit status 2.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from newsprism.settings import Settings, database_url, log_level
from storage.errors import NewsprismError

app = typer.Typer(
    name="newsprism",
    help="Compare how outlets cover the same event: who said what, the numbers, what is left out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
F = TypeVar("F", bound=Callable[..., Any])


@app.callback()
def _global_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLAlchemy database URL [default: $NEWSPRISM_DB or sqlite:///newsprism.db]"),
    ] = None,
    verbose: Annotated[int, typer.Option("-v", "--verbose", count=True, help="More logging.")] = 0,
    quiet: Annotated[int, typer.Option("-q", "--quiet", count=True, help="Less logging, no progress.")] = 0,
) -> None:
    settings = Settings(database_url(db), verbose, quiet)
    logging.basicConfig(
        level=log_level(verbose, quiet), format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    ctx.obj = settings


def settings_of(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    assert isinstance(obj, Settings), "global options are parsed before any command"
    return obj


def reports_errors(command: F) -> F:
    """Turn a NewsprismError into one line on standard error and exit status 1."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except NewsprismError as exc:
            ctx = click_context()
            if ctx is not None and settings_of(ctx).verbose:
                logging.getLogger("newsprism").exception("command failed")
            # One line, even when a driver's message spans several.
            typer.echo(f"newsprism: error: {' '.join(str(exc).split())}", err=True)
            raise typer.Exit(1) from None

    return run  # type: ignore[return-value]


def click_context() -> typer.Context | None:
    import click

    ctx = click.get_current_context(silent=True)
    return ctx if isinstance(ctx, typer.Context) else None


@app.command("init")
@reports_errors
def init_command(ctx: typer.Context) -> None:
    """Create or upgrade the database schema (Alembic upgrade head); safe to run twice."""
    from storage.database import open_database

    url = settings_of(ctx).database_url
    open_database(url)
    typer.echo(f"database ready: {url}")


@app.command("demo")
@reports_errors
def demo_command(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option("--out", help="Where the reports are written.")
    ] = Path("newsprism-demo"),
) -> None:
    """Crawl the bundled demo newsroom, group and compare it, and write the divergence reports."""
    from newsprism.demo.run import run_demo

    summary = run_demo(settings_of(ctx), out)
    typer.echo(summary.render())


def main() -> None:
    app()
