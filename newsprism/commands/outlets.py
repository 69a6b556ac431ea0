"""`newsprism outlets`: check an outlet configuration and show what a crawl of it would fetch.

No network and no database: an operator checks a configuration before the first crawl or schedule
(a typo is the same one-line error `crawl` gives), and sees which outlets rely on homepage discovery.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from newsprism.commands.crawling import ConfigOption
from newsprism.console import reports_errors

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

    from newsprism.crawler.config import CrawlConfig, OutletConfig


@reports_errors
def outlets_command(
    config: ConfigOption,
    as_json: Annotated[bool, typer.Option("--json", help="Print the outlets as JSON.")] = False,
) -> None:
    """Check a configuration and list its outlets with what would be crawled (no network)."""
    # Here, not at the top: the configuration module loads storage, which would slow `--help`.
    from rich.console import Console

    from newsprism.crawler.config import load_config

    checked = load_config(config)
    if as_json:
        typer.echo(json.dumps([outlet.plan() for outlet in checked.outlets], ensure_ascii=False, indent=2))
        return
    Console(soft_wrap=True).print(outlets_table(checked))


def outlets_table(config: CrawlConfig) -> Table:
    """One row per outlet: its kind and country, where its articles are found, and its pace."""
    from rich.table import Table

    table = Table(title=f"{config.source}: {len(config.outlets)} outlet(s), valid")
    for column in ("outlet", "kind", "country", "language", "articles from", "every", "delay"):
        table.add_column(column, overflow="fold")
    for outlet in config.outlets:
        table.add_row(
            outlet.name,
            outlet.kind,
            outlet.country or "",
            outlet.language or "",
            _sources(outlet),
            _duration(outlet.every),
            _duration(outlet.delay),
        )
    return table


def _sources(outlet: OutletConfig) -> Text:
    from rich.text import Text

    if outlet.discovery == "homepage":
        return Text(f"feeds announced by {outlet.homepage}")
    named = [f"feed {url}" for url in outlet.feeds] + [f"sitemap {url}" for url in outlet.sitemaps]
    named += [f"section {url}" for url in outlet.sections]
    # Text, not markup: a URL with [brackets] must print as written.
    return Text("\n".join(named))


def _duration(seconds: float) -> str:
    for unit, size in (("h", 3600.0), ("m", 60.0), ("s", 1.0)):
        if seconds >= size and (seconds / size).is_integer():
            return f"{seconds / size:g}{unit}"
    return f"{seconds:g}s"
