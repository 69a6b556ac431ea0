"""Divergences: where outlets covering one event disagree, and what one of them leaves out.

`find_divergences` is the one entry point: it aligns the statements of an event's articles and runs
each detector (numbers and dates here; quotes, coverage gaps and sources in their own modules). Every
divergence carries the evidence (outlet, article URL, the sentence and its offsets) so that a reader
can check it, a one-sentence summary and a severity in [0, 1] that ranks what matters first.
Precision matters as much as recall: two identical copies must give no divergence at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from newsprism.compare.divergences.alignment import (
    ScoreMemo,
    align_event,
    independent_articles,
    statements_of,
)
from newsprism.compare.divergences.numeric import numeric_conflicts
from newsprism.compare.types import CoverageArticle, Divergence


def find_divergences(articles: Sequence[CoverageArticle]) -> list[Divergence]:
    """Every divergence between the outlets covering one event, most severe first. Pure.

    Wire copies of another article in the set are left out: a copy is not an independent report.
    """
    from newsprism.compare.claims.conflicts import claim_conflicts
    from newsprism.compare.divergences.dates import date_conflicts
    from newsprism.compare.divergences.event_figures import event_figure_links
    from newsprism.compare.divergences.gaps import coverage_gaps
    from newsprism.compare.divergences.quotes import quote_divergences
    from newsprism.compare.divergences.ranking import keep_what_matters
    from newsprism.compare.divergences.reliance import reliance_divergences

    independent = independent_articles(articles)
    statements = {article.id: statements_of(article) for article in independent}
    memo: ScoreMemo = {}
    pairs = align_event(independent, statements=statements, memo=memo)
    found = [
        *numeric_conflicts(pairs, event_figure_links(statements)),
        *claim_conflicts(independent, statements),
        *date_conflicts(independent, statements),
        *quote_divergences(statements),
        *coverage_gaps(independent, statements, memo),
        *reliance_divergences(independent),
    ]
    return [_exact_evidence(d, {a.url: a.text for a in articles}) for d in keep_what_matters(found)]


def _exact_evidence(divergence: Divergence, texts: Mapping[str, str]) -> Divergence:
    """The divergence with each claim's text exactly the article's text at its offsets: evidence that
    spans sentences keeps the line breaks between them, so a reader's search finds it."""
    claims = tuple(
        replace(c, text=texts[c.article_url][c.start : c.end]) if c.article_url in texts else c
        for c in divergence.claims
    )
    return replace(divergence, claims=claims)
