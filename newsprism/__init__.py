"""newsprism, the application shell: the command line, the HTTP API and pages, settings, the demo
newsroom, and the pipeline that wires crawler, storage and compare together.

The Python API (INTERFACE.md): `newsprism.analyze(text, published=None)` and
`newsprism.compare(articles)`, defined in `newsprism.library` and loaded on first use, so that the
command line does not pay for the analysis models at start-up.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__version__ = "0.1.0"
__all__ = ["__version__", "analyze", "compare"]


def analyze(text: str, published: date | None = None) -> dict[str, Any]:
    """The attributions, quantities and entities of one article text (`newsprism analyze`)."""
    from newsprism.library import analyze as analyze_text

    return analyze_text(text, published)


def compare(articles: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The divergence report of articles about one event (`report --format json`), no database."""
    from newsprism.library import compare as compare_articles

    return compare_articles(articles)
