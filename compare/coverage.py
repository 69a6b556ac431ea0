"""An article as the comparison sees it: who published it, its text, and what analysis found in it.

The shell builds these from storage (or tests from plain text); events, alignment, divergences and
reports take nothing else, so comparison stays free of the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from compare.findings import ArticleAnalysis


@dataclass(frozen=True, slots=True)
class CoverageArticle:
    """One outlet's article about a story, with its analysis."""

    id: str
    outlet: str
    url: str
    title: str
    text: str
    published: datetime | None = None
    analysis: ArticleAnalysis = field(default_factory=ArticleAnalysis)
    outlet_kind: str = "other"
    # The id of the article this one is a wire copy of; a copy is not an independent report.
    syndicated_from: str | None = None
