"""The HTML page of a divergence report: one self-contained file, safe with hostile article content.

It is drawn with the templates the web event page uses (`compare/reports/templates/report_parts.html`, the
pieces laid out by `compare/reports/view.py`), so the file a reader is sent and the page they browse
show divergences, evidence, charts and legend the same way. Jinja2 autoescaping escapes every title,
outlet name and piece of article text, and links only ever point at http(s) URLs or into the page.
CSS is inline and the charts are inline SVG: no script, no CDN.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from newsprism.compare.divergences.alignment import independent_articles
from newsprism.compare.reports.style import TYPE_STYLES, outlet_kind_label, type_style
from newsprism.compare.reports.view import (
    grouped_by_type,
    ranked_divergences,
    reader_time,
    reliance_chart,
    timeline,
    type_choices,
)
from newsprism.compare.types import CoverageArticle

if TYPE_CHECKING:
    from newsprism.compare.reports.report import DivergenceReport


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text, highlighted when it is evidence of some divergences (their ranks);
    `anchors` are the evidence spans (start, end) that begin where it begins."""

    text: str
    ranks: tuple[int, ...] = ()
    anchors: tuple[tuple[int, int], ...] = ()


def safe_url(url: str) -> str:
    """The URL when it is http(s), else `#`: a `javascript:` link must never reach the page."""
    return url if url.lower().startswith(("http://", "https://")) else "#"


def segments(text: str, spans: Sequence[tuple[int, int, int]]) -> list[Segment]:
    """Cut `text` at the evidence spans (start, end, rank); overlapping spans share a segment."""
    cuts = sorted({0, len(text), *(max(0, min(len(text), p)) for s, e, _ in spans for p in (s, e))})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        ranks = tuple(sorted({r for s, e, r in spans if s <= start and end <= e}))
        anchors = tuple(sorted({(s, e) for s, e, _ in spans if s == start}))
        pieces.append(Segment(text[start:end], ranks, anchors))
    return pieces


def install_report_parts(environment: Environment) -> Environment:
    """Give an environment what `report_parts.html` uses: the reader's time, outlet kinds, the types.
    The web pages' environment gets the same, so both pages print them alike."""
    environment.filters["when"] = reader_time
    environment.filters["outlet_kind"] = outlet_kind_label
    environment.filters["safe_url"] = safe_url
    environment.filters["type_style"] = type_style
    environment.globals["type_styles"] = list(TYPE_STYLES.values())
    return environment


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("newsprism.compare.reports", "templates"),
        autoescape=True,  # every template, whatever its name: article text is written by strangers
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return install_report_parts(environment)


def _columns(report: DivergenceReport, articles: Sequence[CoverageArticle]) -> list[dict[str, Any]]:
    ranks = {d.rank: d for d in ranked_divergences(report.to_json(), _in_page_link)}
    columns = []
    for article in articles:
        spans = [
            (e.start, e.end, rank)
            for rank, divergence in ranks.items()
            for column in divergence.columns
            for e in column
            if e.href is not None and e.href.startswith(f"#article-{article.id}-at-")
        ]
        columns.append(
            {
                "id": article.id,
                "outlet": article.outlet,
                "title": article.title,
                "url": safe_url(article.url),
                "published": article.published,
                "kind": article.outlet_kind,
                "wire_copy": bool(article.syndicated_from),
                "segments": segments(article.text, spans),
            }
        )
    return columns


def _in_page_link(article_id: str, start: int, end: int) -> str:
    # The static page carries every article; its evidence anchors name the article they are in.
    return f"#article-{article_id}-at-{start}-{end}"


def render_page(
    report: DivergenceReport,
    articles: Sequence[CoverageArticle],
    versions: Mapping[str, Sequence[datetime]] | None = None,
) -> str:
    """The report page as one HTML string; `versions` (article id: when each version was fetched)
    marks later versions on the timeline."""
    data = report.to_json()
    divergences = ranked_divergences(data, _in_page_link)
    kinds = {a.outlet: a.outlet_kind for a in articles}
    cited = sorted({a.outlet for a in independent_articles(articles)})
    return (
        _environment()
        .get_template("report_page.html")
        .render(
            report=data,
            outlets=report.outlets,
            kinds=kinds,
            groups=grouped_by_type(divergences),
            choices=type_choices(divergences, None),
            columns=_columns(report, articles),
            chart=reliance_chart(data["sources"], cited),
            line=timeline(data["articles"], report.outlets, versions),
            article_anchor=_article_anchor,
        )
    )


def _article_anchor(article_id: str) -> str:
    return f"#article-{article_id}"
