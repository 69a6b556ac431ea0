"""`newsprism init`: create or upgrade the database schema."""

from __future__ import annotations

import typer

from newsprism.console import reports_errors, settings_of


@reports_errors
def init_command(ctx: typer.Context) -> None:
    """Create or upgrade the database schema (Alembic upgrade head); safe to run twice."""
    from newsprism.storage.database import Database  # here: SQLAlchemy would slow `newsprism --help`

    url = settings_of(ctx).database_url
    Database(url)
    typer.echo(f"database ready: {url}")
