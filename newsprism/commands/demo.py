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
        Path, typer.Option("--out", help="Where the reports are written.")
    ] = Path("newsprism-demo"),
) -> None:
    """Serve the demo newsroom on loopback, crawl it, group and compare it, write the reports."""
    from newsprism.demo.run import run_demo

    summary = run_demo(settings_of(ctx), out)
    typer.echo(summary.render())
