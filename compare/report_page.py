"""The HTML page of a divergence report: one self-contained file, safe with hostile article content.

The template lives here as a string so that the page needs no package data; Jinja2 autoescaping
escapes every title, outlet name and piece of article text, and links only ever point at http(s)
URLs. The page carries its CSS inline and draws the source chart as inline SVG: no script, no CDN.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, StrictUndefined

from compare.alignment import independent_articles
from compare.coverage import CoverageArticle

if TYPE_CHECKING:
    from compare.report import DivergenceReport

BAR_WIDTH = 260
_COLOURS = {"state_media": "#c0392b", "agency": "#2e86c1", "media": "#2e86c1"}


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text, highlighted when it is evidence of some divergences (their ranks)."""

    text: str
    ranks: tuple[int, ...] = ()


def safe_url(url: str) -> str:
    """The URL when it is http(s), else `#`: a `javascript:` link must never reach the page."""
    return url if url.lower().startswith(("http://", "https://")) else "#"


def segments(text: str, spans: Sequence[tuple[int, int, int]]) -> list[Segment]:
    """Cut `text` at the evidence spans (start, end, rank); overlapping spans share a segment."""
    cuts = sorted({0, len(text), *(max(0, min(len(text), p)) for s, e, _ in spans for p in (s, e))})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        ranks = tuple(sorted({r for s, e, r in spans if s <= start and end <= e}))
        pieces.append(Segment(text[start:end], ranks))
    return pieces


def _columns(report: DivergenceReport, articles: Sequence[CoverageArticle]) -> list[dict[str, Any]]:
    columns = []
    for article in articles:
        spans = [
            (claim.start, claim.end, rank)
            for rank, divergence in enumerate(report.divergences, 1)
            for claim in divergence.claims
            if claim.article_url == article.url
        ]
        columns.append({
            "id": article.id, "outlet": article.outlet, "title": article.title, "url": safe_url(article.url),
            "published": article.published.isoformat() if article.published else "",
            "wire_copy": bool(article.syndicated_from), "segments": segments(article.text, spans),
        })
    return columns


def _charts(report: DivergenceReport, articles: Sequence[CoverageArticle]) -> list[dict[str, Any]]:
    outlets = sorted({a.outlet for a in independent_articles(articles)})
    charts = []
    for outlet in outlets:
        bars = sorted(
            ((s.source, s.source_type, s.cited_by[outlet]) for s in report.sources if s.cited_by[outlet]),
            key=lambda bar: (-bar[2], bar[0]),
        )[:8]
        most = max((n for _, _, n in bars), default=1)
        charts.append({
            "outlet": outlet,
            "bars": [
                {"source": s, "type": t, "count": n, "width": max(2, round(BAR_WIDTH * n / most)),
                 "colour": _COLOURS.get(t, "#7f8c8d")}
                for s, t, n in bars
            ],
        })
    return charts


def render_page(report: DivergenceReport, articles: Sequence[CoverageArticle]) -> str:
    """The report page as one HTML string."""
    environment = Environment(
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    environment.filters["safe_url"] = safe_url
    template = environment.from_string(PAGE)
    return template.render(
        report=report, columns=_columns(report, articles), charts=_charts(report, articles),
        divergences=list(enumerate(report.divergences, 1)),
    )


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ report.title }} \u2014 newsprism</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1400px; padding: 1rem 2rem;
       color: #1d1d1f; background: #fbfbfa; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
.outlets { color: #555; margin-top: 0; }
.divergence { border-left: 4px solid #bbb; background: #fff; margin: .8rem 0; padding: .5rem 1rem; }
.divergence.high { border-color: #c0392b; } .divergence.mid { border-color: #e67e22; }
.type { font-weight: 600; text-transform: uppercase; font-size: .75rem; letter-spacing: .05em; }
.severity { color: #777; font-size: .8rem; }
.claims { margin: .3rem 0 0; padding-left: 1.2rem; }
.claims li { margin: .2rem 0; }
.diff { font-family: ui-monospace, monospace; background: #f4f4f4; padding: .1rem .3rem; }
.side { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 1rem; }
.article { background: #fff; border: 1px solid #e2e2e2; padding: .6rem .9rem; max-height: 40rem;
           overflow-y: auto; }
.article h3 { margin: .2rem 0; font-size: 1rem; }
.article .meta { color: #777; font-size: .8rem; }
.article p.text { white-space: pre-wrap; font-size: .9rem; }
mark { background: #ffe08a; padding: 0 .1rem; }
mark sup { color: #a15c00; font-size: .7rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 1rem; }
.chart { background: #fff; border: 1px solid #e2e2e2; padding: .5rem .9rem; }
svg text { font: 12px system-ui, sans-serif; }
</style>
</head>
<body>
<h1>{{ report.title }}</h1>
<p class="outlets">{{ report.outlets | length }} outlets: {{ report.outlets | join(", ") }}</p>

<h2>Divergences</h2>
{% if not divergences %}<p>The outlets agree on everything compared.</p>{% endif %}
{% for rank, d in divergences %}
<section class="divergence {{ 'high' if d.severity >= 0.7 else 'mid' if d.severity >= 0.45 else 'low' }}"
         id="divergence-{{ rank }}">
  <div><span class="type">{{ rank }}. {{ d.type | replace("_", " ") }}</span>
       <span class="severity">severity {{ "%.2f" | format(d.severity) }}</span></div>
  <p>{{ d.summary }}</p>
  {% if d.diff %}<p>Words: <span class="diff">{{ d.diff }}</span></p>{% endif %}
  <ul class="claims">
  {% for c in d.claims %}
    <li><strong>{{ c.outlet }}</strong>{% if c.speaker %} ({{ c.speaker }}){% endif %}:
        \u201c{{ c.text }}\u201d
        <a href="{{ c.article_url | safe_url }}" rel="noopener noreferrer">article</a>,
        characters {{ c.start }}\u2013{{ c.end }}</li>
  {% endfor %}
  </ul>
</section>
{% endfor %}

<h2>The coverage side by side</h2>
<div class="side">
{% for col in columns %}
  <article class="article" id="article-{{ col.id }}">
    <div class="meta">{{ col.outlet }}{% if col.published %} \u00b7 {{ col.published }}{% endif %}
      {% if col.wire_copy %} \u00b7 wire copy{% endif %}</div>
    <h3><a href="{{ col.url }}" rel="noopener noreferrer">{{ col.title or col.url }}</a></h3>
    <p class="text">{% for seg in col.segments %}{% if seg.ranks %}
{#- #}<mark title="divergence {{ seg.ranks | join(', ') }}">
{{- seg.text }}<sup>{% for r in seg.ranks %}<a href="#divergence-{{ r }}">{{ r }}</a>{% endfor %}</sup></mark>
{%- else %}{{ seg.text }}{% endif %}{% endfor %}</p>
  </article>
{% endfor %}
</div>

<h2>Sources each outlet relies on</h2>
<div class="charts">
{% for chart in charts %}
  <div class="chart">
    <h3>{{ chart.outlet }}</h3>
    {% if chart.bars %}
    <svg xmlns="http://www.w3.org/2000/svg" width="500" height="{{ chart.bars | length * 22 + 6 }}"
         role="img" aria-label="sources cited by {{ chart.outlet }}">
    {% for bar in chart.bars %}
      <text x="0" y="{{ loop.index0 * 22 + 15 }}">{{ bar.source | truncate(28, True, "\u2026") }}</text>
      <rect x="190" y="{{ loop.index0 * 22 + 3 }}" width="{{ bar.width }}" height="16"
            fill="{{ bar.colour }}">
        <title>{{ bar.source }} ({{ bar.type }}): {{ bar.count }}</title></rect>
      <text x="{{ 196 + bar.width }}" y="{{ loop.index0 * 22 + 15 }}">{{ bar.count }}</text>
    {% endfor %}
    </svg>
    {% else %}<p>No named sources.</p>{% endif %}
  </div>
{% endfor %}
</div>
<p class="meta">Red: state media; blue: agencies and other media; grey: people, officials, documents.</p>
</body>
</html>
"""
