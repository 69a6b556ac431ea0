"""The divergence report of one event: JSON (INTERFACE shape), Markdown, and a self-contained HTML page.

`build_report` is pure: articles in, report out. The renderers only format what the report holds;
every piece of article content is escaped (Markdown and HTML alike), since pages come from outlets we
do not control.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsprism.compare.divergences.alignment import independent_articles
from newsprism.compare.divergences.detect import find_divergences
from newsprism.compare.divergences.reliance import SourceUse, source_uses
from newsprism.compare.types import CoverageArticle, Divergence, quoted_excerpt

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")
# In a `<...>` link destination: what would close it, break the line, or be read as markup.
_MD_URL_UNSAFE = re.compile(r"[<>\s\\\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class DivergenceReport:
    """What one event's coverage agrees and disagrees on, with its evidence."""

    event_id: str
    title: str
    outlets: list[str]
    articles: list[dict[str, Any]]
    divergences: list[Divergence] = field(default_factory=list)
    sources: list[SourceUse] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `report --format json` object of INTERFACE.md."""
        return {
            "event": {"id": self.event_id, "title": self.title, "outlets": list(self.outlets)},
            "articles": [dict(a) for a in self.articles],
            "divergences": [d.to_json() for d in self.divergences],
            "sources": [s.to_json() for s in self.sources],
        }


def article_entry(article: CoverageArticle) -> dict[str, Any]:
    """An article as the report lists it: id, url, outlet, title, published (ISO 8601 or null)."""
    published = article.published.isoformat() if article.published else None
    return {
        "id": article.id,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": published,
    }


def build_report(event_id: str, title: str, articles: Sequence[CoverageArticle]) -> DivergenceReport:
    """Compare the articles of one event and gather the report. Pure.

    >>> build_report("7", "Quiet day", []).to_json()["divergences"]
    []
    """
    return DivergenceReport(
        event_id=str(event_id),
        title=title,
        outlets=sorted({a.outlet for a in articles}),
        articles=[article_entry(a) for a in articles],
        divergences=find_divergences(articles),
        sources=source_uses(independent_articles(articles)),
    )


# --- Markdown --------------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Text safe inside Markdown: special characters backslash-escaped, no raw HTML, one line."""
    flat = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def render_markdown(report: DivergenceReport) -> str:
    """The report as Markdown: the articles, the divergences ranked, the sources."""
    outlets = ", ".join(md_escape(o) for o in report.outlets)
    lines = [f"# {md_escape(report.title)}", "", f"Outlets: {outlets}", ""]
    lines += ["## Articles", "", "| Outlet | Title | Published |", "|---|---|---|"]
    lines += [
        f"| {md_escape(a['outlet'])} | [{md_escape(a['title'] or a['url'])}](<{_md_url(a['url'])}>) "
        f"| {a['published'] or ''} |"
        for a in report.articles
    ]
    lines += ["", "## Divergences", ""]
    if not report.divergences:
        lines.append(
            "Only one outlet covers this event: there is no other account to compare it with."
            if len(report.outlets) < 2
            else "The outlets agree on everything compared."
        )
    for rank, divergence in enumerate(report.divergences, 1):
        lines += _md_divergence(rank, divergence)
    lines += ["", "## Sources", "", "| Source | Type | Cited by |", "|---|---|---|"]
    lines += [
        f"| {md_escape(s.source)} | {md_escape(s.source_type)} | "
        f"{', '.join(f'{md_escape(o)} ({n})' for o, n in sorted(s.cited_by.items()))} |"
        for s in report.sources
    ]
    return "\n".join(lines) + "\n"


def _md_divergence(rank: int, divergence: Divergence) -> list[str]:
    lines = [
        f"{rank}. **{divergence.type.replace('_', ' ')}** (severity {divergence.severity:.2f}): "
        f"{md_escape(divergence.summary)}"
    ]
    if divergence.diff:
        # One line, no backtick: a newline in article words must not end the code span or the list item.
        words = " ".join(divergence.diff.split()).replace("`", "'")
        lines.append(f"   - words: `{words}`")
    lines.extend(
        f"   - {md_escape(claim.outlet)} ([article](<{_md_url(claim.article_url)}>)): "
        f"{md_escape(quoted_excerpt(claim.text, limit=10_000))}"
        for claim in divergence.claims
    )
    return lines


def _md_url(url: str) -> str:
    """A link destination that stays one http(s) link: anything else (`javascript:`) becomes `#`, and
    characters that would end the `<...>` destination or the line are percent-encoded."""
    if not url.lower().startswith(("http://", "https://")):
        return "#"
    return _MD_URL_UNSAFE.sub(lambda match: "".join(f"%{byte:02X}" for byte in match[0].encode()), url)


# --- HTML ------------------------------------------------------------------------------------------


def render_html(report: DivergenceReport, articles: Sequence[CoverageArticle]) -> str:
    """A self-contained page (inline CSS and SVG, no external assets): outlets side by side, the
    divergences ranked with their evidence highlighted in the articles, a source chart per outlet."""
    from newsprism.compare.reports.page import render_page

    return render_page(report, articles)
