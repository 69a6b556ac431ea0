"""`newsprism demo`: the main job on the bundled demo newsroom."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsprism.console import reports_errors, settings_of


@reports_errors
def demo_command(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option("--out", help="Where the reports and the demo's own newsprism.db are written.")
    ] = Path("newsprism-demo"),
) -> None:
    """Serve the demo newsroom on loopback, crawl it into DIR/newsprism.db, write the reports to DIR.

    The demo never writes into the database --db or $NEWSPRISM_DB names.
    """
    from newsprism.demo.run import run_demo

    summary = run_demo(settings_of(ctx), out)
    typer.echo(summary.render())
