"""Events of articles written in the tests, compared by the claim readers as a report compares them."""

from __future__ import annotations

from datetime import UTC, datetime

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.claims.conflicts import claim_conflicts
from newsprism.compare.divergences.alignment import statements_of
from newsprism.compare.types import CoverageArticle


def event_articles(*texts: str, days: tuple[int, ...] = ()) -> list[CoverageArticle]:
    """One article per text, from outlets O0, O1, ..., published in May 2024 on `days` (the 1st each by
    default), each analysed as an import analyses it."""
    articles = []
    for i, text in enumerate(texts):
        published = datetime(2024, 5, (days or (1,) * len(texts))[i], tzinfo=UTC)
        analysis = analyze_article(text, published.date())
        articles.append(
            CoverageArticle(
                f"t{i}", f"O{i}", f"https://t{i}.example/a", "t", text, published, analysis=analysis
            )
        )
    return articles


def conflict_summaries(kind: str, *texts: str, days: tuple[int, ...] = ()) -> list[str]:
    """The summaries of the conflicts of one type the claim readers find between the texts' articles."""
    articles = event_articles(*texts, days=days)
    statements = {a.id: statements_of(a) for a in articles}
    return [d.summary for d in claim_conflicts(articles, statements) if d.type == kind]
