"""What a crawl's extraction workers do with each page besides extracting it: its analysis.

The workers' server preloads this module (the page preparation's, `newsprism.crawler.workers`), and
each article's transaction takes the analysis it made (`newsprism.pipeline.analyze_stored`). It
imports the analysis and nothing of storage or grouping: with `newsprism.pipeline` preloaded
instead, the server imported SQLAlchemy, the models and grouping's numpy for workers that use none
of them (0.4-0.5 s of its 0.7 s start).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.findings import ArticleAnalysis

if TYPE_CHECKING:  # the extractor (trafilatura) is loaded by the extraction workers only
    from newsprism.crawler.workers import ExtractedPage


@dataclass(frozen=True, slots=True)
class PageAnalysis:
    """An extracted page's analysis, made in the crawl's extraction worker, and the publication day
    it resolved dates against."""

    day: date | None
    analysis: ArticleAnalysis


def analyze_page(page: ExtractedPage) -> PageAnalysis:
    """The crawl's page preparation: analyze the page's text in the extraction worker."""
    day = publication_day(page.published)
    return PageAnalysis(day, analyze_article(page.text, day))


def publication_day(published: datetime | None) -> date | None:
    """The day an article's dates are resolved against (None without a publication time).

    One definition for the worker and the transaction: a prepared analysis is kept only when both agree.
    """
    return published.date() if published else None
