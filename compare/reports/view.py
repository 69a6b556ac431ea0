"""What a reader sees of a divergence report, shared by the web event page and the static report page.

Both pages render the same report JSON through the same templates (`compare/reports/templates/`), so they
cannot drift: this module turns the JSON into what those templates print (divergences grouped by
type, the compared value found in its sentence, a quote's word diff cut into pieces) and lays out
the two inline SVG pictures (who cites which kind of source; who published what when). Pure: report
JSON in, plain values out; every string stays text for the autoescaping templates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsprism.compare.reports.style import (
    SOURCE_TYPE_STYLES,
    TYPE_STYLES,
    TypeStyle,
    source_type_style,
    type_style,
)

# Called with (article id, start, end) of a claim; answers the link to that evidence.
EvidenceLink = Callable[[str, int, int], str]
_DIFF_RUN = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.DOTALL)
_WORD = re.compile(r"\w+", re.UNICODE)


def reader_time(value: datetime | str | None) -> str:
    """A timestamp as a reader wants it: `17 Sep 2023, 09:40 UTC`, or a dash when unknown.

    >>> reader_time("2023-09-17T09:40:00+00:00")
    '17 Sep 2023, 09:40 UTC'
    """
    if value is None or value == "":
        return "\u2014"
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
    else:
        moment = value
    shown = f"{moment.day} {moment:%b %Y, %H:%M}"
    return f"{shown} UTC" if moment.tzinfo else shown


# --- the compared value in its sentence -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextRun:
    """A run of a sentence; `value` when it is the compared value (printed as <mark class="value">)."""

    text: str
    value: bool = False


def value_span(sentence: str, wanted: str | None) -> tuple[int, int] | None:
    """Where `wanted` stands in `sentence`, matching words whatever the case and punctuation between
    them (a quote compared as `all of it was practical` is written `all of it, was practical`).

    >>> value_span("Kim got five kamikaze drones.", "five kamikaze drones")
    (8, 28)
    """
    words = _WORD.findall(wanted or "")
    if not words:
        return None
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in words) + r"(?!\w)"
    found = re.search(pattern, sentence, re.IGNORECASE)
    return found.span() if found else None


def marked_sentence(claim: Mapping[str, Any]) -> list[TextRun]:
    """A claim's sentence cut around its compared value: the words that carry it (`phrase`), else the
    value itself; the whole sentence unmarked when neither is written in it (a date read from
    `on Saturday`)."""
    sentence = str(claim.get("text") or "")
    for wanted in (claim.get("phrase"), claim.get("value")):
        span = value_span(sentence, None if wanted is None else str(wanted))
        if span is not None:
            start, end = span
            runs = [TextRun(sentence[:start]), TextRun(sentence[start:end], True), TextRun(sentence[end:])]
            return [run for run in runs if run.text]
    return [TextRun(sentence)]


@dataclass(frozen=True, slots=True)
class DiffRun:
    """A run of a quote's word diff: words both outlets have (`equal`), or one outlet's (`delete` for
    the first outlet's words, `insert` for the second's)."""

    op: str
    text: str


def diff_runs(diff: str | None) -> list[DiffRun]:
    """The `[-old-] {+new+}` word diff of a reworded quote cut into runs.

    >>> diff_runs("all of it was [-practical-] {+promising+}")
    [DiffRun(op='equal', text='all of it was '), DiffRun(op='delete', text='practical'), \
DiffRun(op='equal', text=' '), DiffRun(op='insert', text='promising')]
    """
    if not diff:
        return []
    runs, at = [], 0
    for found in _DIFF_RUN.finditer(diff):
        runs.append(DiffRun("equal", diff[at : found.start()]))
        deleted, inserted = found.group(1), found.group(2)
        runs.append(DiffRun("delete", deleted) if deleted is not None else DiffRun("insert", inserted))
        at = found.end()
    runs.append(DiffRun("equal", diff[at:]))
    return [run for run in runs if run.text]


# --- divergences grouped by type ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Evidence:
    """One outlet's sentence in a divergence, its value marked, linked to its place in the article."""

    runs: list[TextRun]
    speaker: str | None
    href: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DivergenceView:
    """One divergence as shown: its type's style, severity as a number, evidence by outlet column."""

    rank: int
    type: str
    style: TypeStyle
    summary: str
    severity: float
    diff: list[DiffRun]
    columns: list[list[Evidence]]
    missing_from: list[str]

    @property
    def severity_text(self) -> str:
        return f"{self.severity:.2f}"

    @property
    def severity_percent(self) -> int:
        return round(max(0.0, min(1.0, self.severity)) * 100)


@dataclass(frozen=True, slots=True)
class TypeGroup:
    """The divergences of one type, most severe first."""

    style: TypeStyle
    divergences: list[DivergenceView] = field(default_factory=list)


def ranked_divergences(report: Mapping[str, Any], link: EvidenceLink) -> list[DivergenceView]:
    """Every divergence of a report JSON, most severe first, numbered from 1."""
    outlets = list(report["event"]["outlets"])
    article_ids = {str(a["url"]): str(a["id"]) for a in report.get("articles", [])}
    ordered = sorted(report.get("divergences", []), key=lambda d: -float(d.get("severity") or 0))
    return [_divergence_view(rank, d, outlets, article_ids, link) for rank, d in enumerate(ordered, 1)]


def _divergence_view(
    rank: int,
    divergence: Mapping[str, Any],
    outlets: list[str],
    article_ids: dict[str, str],
    link: EvidenceLink,
) -> DivergenceView:
    columns: list[list[Evidence]] = [[] for _ in outlets]
    for claim in divergence.get("claims", []):
        if claim.get("outlet") in outlets:
            columns[outlets.index(claim["outlet"])].append(_evidence(claim, article_ids, link))
    kind = str(divergence["type"])
    return DivergenceView(
        rank=rank,
        type=kind,
        style=type_style(kind),
        summary=str(divergence.get("summary") or ""),
        severity=float(divergence.get("severity") or 0),
        diff=diff_runs(divergence.get("diff")),
        columns=columns,
        missing_from=list(divergence.get("missing_from") or []),
    )


def _evidence(claim: Mapping[str, Any], article_ids: dict[str, str], link: EvidenceLink) -> Evidence:
    start, end = int(claim.get("start") or 0), int(claim.get("end") or 0)
    article_id = article_ids.get(str(claim.get("article_url")))
    href = link(article_id, start, end) if article_id is not None else None
    return Evidence(marked_sentence(claim), claim.get("speaker"), href, start, end)


def grouped_by_type(
    divergences: Iterable[DivergenceView], shown: Collection[str] | None = None
) -> list[TypeGroup]:
    """The divergences in one group per type (in the legend's order), only the `shown` types when
    given; a type with no divergence has no group."""
    groups = {kind: TypeGroup(style) for kind, style in TYPE_STYLES.items()}
    for divergence in divergences:
        group = groups.setdefault(divergence.type, TypeGroup(divergence.style))
        group.divergences.append(divergence)
    return [g for kind, g in groups.items() if g.divergences and (shown is None or kind in shown)]


@dataclass(frozen=True, slots=True)
class TypeChoice:
    """One type in the filter and legend: how many divergences it has, whether it is shown."""

    style: TypeStyle
    count: int
    checked: bool


def type_choices(divergences: Sequence[DivergenceView], shown: Collection[str] | None) -> list[TypeChoice]:
    """The types this event's divergences have, with their counts, in the legend's order (a type
    it has none of would only lengthen the filter and the legend, most on a phone)."""
    counts = Counter(d.type for d in divergences)
    styles = {kind: style for kind, style in TYPE_STYLES.items() if counts[kind]}
    styles.update({d.type: d.style for d in divergences if d.type not in styles})
    return [TypeChoice(style, counts[kind], shown is None or kind in shown) for kind, style in styles.items()]


# --- the two pictures -----------------------------------------------------------------------------

# Positions across a chart are percentages of its width, so a chart fills a phone's card or a
# desktop's without scaling its text down (a viewBox would shrink 13 px labels to 6 px on a phone).
CHART_WIDTH = 100
_ROW = 44  # an outlet's name on one line, its bar on the next: a long name is never cut


@dataclass(frozen=True, slots=True)
class BarPiece:
    """A stretch of one outlet's bar: the citations of one source type."""

    x: float
    width: float
    count: int
    source_type: str
    colour: str


@dataclass(frozen=True, slots=True)
class RelianceRow:
    """One outlet's row of the source-reliance chart."""

    outlet: str
    y: int
    total: int
    pieces: list[BarPiece]
    sources: str  # the sources named, for the row's tooltip and text alternative


@dataclass(frozen=True, slots=True)
class RelianceChart:
    """Which outlet cites which sources, stacked by source type; x and widths in % of the chart."""

    width: int
    height: int
    rows: list[RelianceRow]
    types: list[tuple[str, str]]  # (source type, colour) present, for the legend


def reliance_chart(sources: Sequence[Mapping[str, Any]], outlets: Sequence[str]) -> RelianceChart:
    """The source-reliance chart of a report's `sources` over its outlets."""
    by_outlet: dict[str, Counter[str]] = {o: Counter() for o in outlets}
    names: dict[str, list[str]] = {o: [] for o in outlets}
    for source in sources:
        for outlet, count in source.get("cited_by", {}).items():
            if outlet in by_outlet and count:
                by_outlet[outlet][str(source["source_type"])] += int(count)
                names[outlet].append(f"{source['source']} ({count})")
    return stacked_chart([(o, by_outlet[o], ", ".join(names[o])) for o in outlets])


def stacked_chart(rows: Sequence[tuple[str, Counter[str], str]]) -> RelianceChart:
    """Bars of citations stacked by source type, one per (label, counts by type, sources named) row,
    scaled to the longest; the outlet page draws its periods with it."""
    most = max((sum(counts.values()) for _, counts, _ in rows), default=0) or 1
    drawn = [
        _reliance_row(label, i * _ROW, counts, CHART_WIDTH / most, names)
        for i, (label, counts, names) in enumerate(rows)
    ]
    present = {kind for _, counts, _ in rows for kind in counts}
    types = [(kind, source_type_style(kind)) for kind in SOURCE_TYPE_STYLES if kind in present]
    types += [(kind, source_type_style(kind)) for kind in sorted(present - set(SOURCE_TYPE_STYLES))]
    return RelianceChart(CHART_WIDTH, max(1, len(drawn)) * _ROW + 4, drawn, types)


def _reliance_row(outlet: str, y: int, counts: Counter[str], scale: float, sources: str) -> RelianceRow:
    pieces, x = [], 0.0
    order = [k for k in SOURCE_TYPE_STYLES if k in counts] + sorted(set(counts) - set(SOURCE_TYPE_STYLES))
    for kind in order:
        width = round(counts[kind] * scale, 2)
        pieces.append(BarPiece(x, width, counts[kind], kind, source_type_style(kind)))
        x += width
    return RelianceRow(outlet, y, sum(counts.values()), pieces, sources)


@dataclass(frozen=True, slots=True)
class TimelineMark:
    """An article on the timeline (a circle), or a later version of it (a diamond)."""

    x: float
    article_id: str
    title: str
    when: str
    version: int  # 1 for the article's first publication


@dataclass(frozen=True, slots=True)
class TimelineRow:
    outlet: str
    y: int
    marks: list[TimelineMark]


@dataclass(frozen=True, slots=True)
class Timeline:
    """Who published what when, one row per outlet, later versions marked; ticks name the times."""

    width: int
    height: int
    left: int
    rows: list[TimelineRow]
    ticks: list[tuple[float, str]]


TIMELINE_LEFT = 2  # % of the width kept free at each end, so a mark at either end is whole
_TIMELINE_ROW = 46


def timeline(
    articles: Sequence[Mapping[str, Any]],
    outlets: Sequence[str],
    versions: Mapping[str, Sequence[datetime]] | None = None,
) -> Timeline:
    """The timeline of a report's articles (`published`, else their first version's time) by outlet;
    `versions` gives, by article id, when each version was fetched (the first is the article itself)."""
    versions = versions or {}
    points = {str(a["id"]): _article_times(a, versions.get(str(a["id"]), ())) for a in articles}
    moments = [t for times in points.values() for t in times]
    start, end = (min(moments), max(moments)) if moments else (None, None)
    span = (end - start).total_seconds() if start and end else 0.0
    room = CHART_WIDTH - 2 * TIMELINE_LEFT

    def x(moment: datetime) -> float:
        if start is None or span == 0:
            return TIMELINE_LEFT + room / 2
        return round(TIMELINE_LEFT + room * (moment - start).total_seconds() / span, 2)

    rows = []
    for i, outlet in enumerate(outlets):
        marks = [
            TimelineMark(x(moment), str(a["id"]), str(a.get("title") or "untitled"), reader_time(moment), n)
            for a in articles
            if a.get("outlet") == outlet
            for n, moment in enumerate(points[str(a["id"])], 1)
        ]
        rows.append(TimelineRow(outlet, i * _TIMELINE_ROW, marks))
    ticks = [(x(t), reader_time(t)) for t in (start, end) if t is not None]
    height = max(1, len(rows)) * _TIMELINE_ROW + 30
    return Timeline(CHART_WIDTH, height, TIMELINE_LEFT, rows, ticks if span else ticks[:1])


def _article_times(article: Mapping[str, Any], fetched: Sequence[datetime]) -> list[datetime]:
    published = article.get("published")
    first = datetime.fromisoformat(published) if isinstance(published, str) else published
    later = sorted(fetched)[1:]  # the first fetch is the article itself, shown at its publication
    if first is None:
        return sorted(fetched)[:1] + later
    return [first, *(t for t in later if _comparable(t, first))]


def _comparable(moment: datetime, other: datetime) -> bool:
    # A naive and an aware time cannot be placed on one axis; such a version is left off the line.
    return (moment.tzinfo is None) == (other.tzinfo is None)
