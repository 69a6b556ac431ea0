"""The one entry point of article analysis: text (and its publication date) in, findings out.

Pure and deterministic: no I/O, no clock, no model. The passes share one sentence split and one
entity pass, so speaker resolution sees the same names the entity list reports.
"""

from __future__ import annotations

from datetime import date

from newsprism.compare.article.attribution import find_attributions
from newsprism.compare.article.dates import find_dates
from newsprism.compare.article.entities import find_entities, person_index
from newsprism.compare.article.quantities import find_quantities
from newsprism.compare.article.sentences import quote_units, sentences
from newsprism.compare.findings import ArticleAnalysis


def analyze_article(text: str, published: date | None = None) -> ArticleAnalysis:
    """Attributions, quantities, entities and dates of one plain-text article.

    >>> analyze_article('Kim left on Sunday, KCNA said.').attributions[0].speaker
    'KCNA'
    """
    spans = sentences(text)
    entities = find_entities(text, frozenset(s.start for s in spans))
    attributions = find_attributions(text, quote_units(text, spans), person_index(entities))
    return ArticleAnalysis(
        attributions=attributions,
        quantities=find_quantities(text, spans),
        entities=entities,
        dates=find_dates(text, published),
    )
