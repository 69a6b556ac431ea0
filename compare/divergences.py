"""Divergences: where outlets covering one event disagree, and what one of them leaves out.

`find_divergences` is the one entry point: it aligns the statements of an event's articles and runs
each detector (numbers and dates here; quotes, coverage gaps and sources in their own modules). Every
divergence carries the evidence (outlet, article URL, the sentence and its offsets) so that a reader
can check it, a one-sentence summary and a severity in [0, 1] that ranks what matters first.
Precision matters as much as recall: two identical copies must give no divergence at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from compare.alignment import AlignedPair, Statement, align_event, independent_articles, statements_of
from compare.coverage import CoverageArticle
from compare.findings import Quantity
from compare.textsim import content_words, stem, words

DivergenceType = Literal[
    "numeric_conflict",
    "speaker_conflict",
    "quote_wording",
    "omission",
    "unique_claim",
    "source_reliance",
    "date_conflict",
]
# Statements must align this well before their numbers or dates are compared.
COMPARABLE = 0.5
# `about 5` covers 4 to 6: an approximation is not contradicted by a nearby exact figure.
APPROXIMATION = 0.2
T = TypeVar("T")
_FUNCTION_WORDS = frozenset("a an the of for in on to and at by with from per".split())
_SERIOUS = frozenset("dead death died kill killed killing people casualty injured wounded victim".split())


@dataclass(frozen=True, slots=True)
class Claim:
    """One outlet's statement in a divergence: the sentence, where it is, and the compared value."""

    outlet: str
    article_url: str
    text: str
    start: int
    end: int
    value: str | None = None
    speaker: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet, "article_url": self.article_url, "text": self.text,
            "start": self.start, "end": self.end, "value": self.value, "speaker": self.speaker,
        }


@dataclass(frozen=True, slots=True)
class Divergence:
    """A disagreement or gap between outlets, with its evidence; `diff` shows a quote's word changes."""

    type: DivergenceType
    summary: str
    severity: float
    claims: tuple[Claim, ...]
    diff: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.type, "summary": self.summary, "severity": round(self.severity, 3),
            "claims": [claim.to_json() for claim in self.claims],
        }
        if self.diff is not None:
            data["diff"] = self.diff
        return data | self.extra


def claim_of(statement: Statement, value: str | None = None, speaker: str | None = None) -> Claim:
    """The evidence of a statement: outlet, article URL, sentence and offsets."""
    s = statement
    return Claim(s.outlet, s.url, s.text, s.start, s.end, value, speaker)


def find_divergences(articles: Sequence[CoverageArticle]) -> list[Divergence]:
    """Every divergence between the outlets covering one event, most severe first. Pure.

    Wire copies of another article in the set are left out: a copy is not an independent report.
    """
    from compare.coverage_gaps import coverage_gaps
    from compare.quote_divergences import quote_divergences
    from compare.sources_reliance import reliance_divergences

    independent = independent_articles(articles)
    statements = {article.id: statements_of(article) for article in independent}
    pairs = align_event(independent)
    found = [
        *numeric_conflicts(pairs),
        *date_conflicts(pairs),
        *quote_divergences(statements),
        *coverage_gaps(independent, statements),
        *reliance_divergences(independent),
    ]
    return sorted(found, key=lambda d: (-d.severity, d.type, d.summary))


# --- numbers ---------------------------------------------------------------------------------------

Mention = tuple[Statement, Quantity]


def interval(quantity: Quantity) -> tuple[float, float]:
    """The values a quantity allows: `at least 4` is [4, inf), `about 5` is [4, 6]."""
    given = (quantity.value, quantity.value_high if quantity.value_high is not None else quantity.value)
    # `6-3` is a score or a vote, not a range running backwards: take the span either way.
    low, high = min(given), max(given)
    if quantity.change == "up":
        return low, float("inf")
    if quantity.change == "down":
        return float("-inf"), high
    if quantity.change == "approx":
        return low * (1 - APPROXIMATION), high * (1 + APPROXIMATION)
    return low, high


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities can both be true (their allowed values overlap)."""
    (low_a, high_a), (low_b, high_b) = interval(a), interval(b)
    return low_a <= high_b + 1e-9 and low_b <= high_a + 1e-9


def same_concept(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities count the same kind of thing (concept words, else unit)."""
    if a.unit and b.unit and a.unit.lower() != b.unit.lower():
        return False
    words_a, words_b = concept_words(a.concept), concept_words(b.concept)
    if words_a and words_b:
        return words_a <= words_b or words_b <= words_a
    return bool(a.unit and b.unit) and not words_a and not words_b


def concept_words(concept: str | None) -> frozenset[str]:
    """The words of a quantity's concept, singular, without function words (`years of` -> year)."""
    return frozenset(stem(w) for w in words(concept or "") if w not in _FUNCTION_WORDS)


def numeric_conflicts(pairs: Iterable[AlignedPair]) -> list[Divergence]:
    """Same concept in aligned statements, values that cannot both be true."""
    links: list[tuple[Mention, Mention]] = []
    for pair in pairs:
        if pair.score >= COMPARABLE:
            links.extend(
                ((pair.left, a), (pair.right, b)) for a, b in _counterparts(pair.left, pair.right)
                if not compatible(a, b)
            )
    return [_numeric_divergence(cluster) for cluster in connected(links)]


def _counterparts(left: Statement, right: Statement) -> list[tuple[Quantity, Quantity]]:
    # The n-th figure of a concept in one sentence answers the n-th in the other; a figure the other
    # sentence also gives (anywhere) is not contradicted.
    matched = []
    for a in left.quantities:
        peers = [b for b in right.quantities if same_concept(a, b)]
        if not peers or any(compatible(a, b) for b in peers):
            continue
        mine = [x for x in left.quantities if same_concept(a, x)]
        if len(mine) == len(peers):
            b = peers[mine.index(a)]
            if not any(compatible(b, x) for x in mine):
                matched.append((a, b))
    return matched


def _numeric_divergence(mentions: list[Mention]) -> Divergence:
    claims = _distinct_claims(mentions)
    summary = _numeric_summary(claims, mentions[0][1])
    return Divergence("numeric_conflict", summary, _numeric_severity(mentions), tuple(claims))


def _distinct_claims(mentions: Sequence[Mention]) -> list[Claim]:
    seen: dict[tuple[str, str], Claim] = {}
    for statement, quantity in sorted(mentions, key=lambda m: (m[0].outlet, m[0].start)):
        seen.setdefault((statement.outlet, quantity.text), claim_of(statement, value=quantity.text))
    return list(seen.values())


def _numeric_summary(claims: Sequence[Claim], example: Quantity) -> str:
    groups: dict[str, list[str]] = {}
    for claim in claims:
        groups.setdefault(str(claim.value), []).append(claim.outlet)
    ordered = sorted(groups.items(), key=lambda kv: (len(kv[1]), kv[0]))
    what = example.concept or example.unit or "the figure"
    told = "; ".join(f"{_reports(sorted(set(outlets)))} \u201c{value}\u201d" for value, outlets in ordered)
    return f"Outlets give different figures for {what}: {told}."


def _reports(outlets: Sequence[str]) -> str:
    return f"{join_names(outlets)} {'reports' if len(outlets) == 1 else 'report'}"


def _numeric_severity(mentions: Sequence[Mention]) -> float:
    values = [abs(q.value) for _, q in mentions]
    spread = (max(values) - min(values)) / (max(values) or 1.0)
    serious = any(content_words(f"{q.concept or ''} {s.text}") & _SERIOUS for s, q in mentions)
    return min(1.0, 0.6 + 0.25 * min(spread * 2, 1.0) + (0.15 if serious else 0.0))


# --- dates -----------------------------------------------------------------------------------------


def date_conflicts(pairs: Iterable[AlignedPair]) -> list[Divergence]:
    """Aligned statements that put the same happening on different days."""
    links: list[tuple[tuple[Statement, str], tuple[Statement, str]]] = []
    for pair in pairs:
        if pair.score < COMPARABLE:
            continue
        left, right = _event_dates(pair.left), _event_dates(pair.right)
        if left and right and not (set(left) & set(right)):
            links.extend(((pair.left, a), (pair.right, b)) for a in left for b in right)
    return [
        _date_divergence(cluster)
        for cluster in connected(links)
        if len({day for _, day in cluster}) > 1 and len({s.outlet for s, _ in cluster}) > 1
    ]


def _event_dates(statement: Statement) -> list[str]:
    # A dateline (`PYONGYANG, September 18 (CNS) -`) is when the story was filed, not when things happened.
    return sorted(
        {d.resolved.isoformat() for d in statement.dates if d.resolved and not _dateline(statement, d.end)}
    )


def _dateline(statement: Statement, end: int) -> bool:
    after = statement.text[end - statement.start : end - statement.start + 8]
    return statement.index == 0 and any(mark in after for mark in "(\u2014\u2013")


def _date_divergence(cluster: Sequence[tuple[Statement, str]]) -> Divergence:
    seen: dict[tuple[str, str], Claim] = {}
    for statement, day in sorted(cluster, key=lambda m: (m[0].outlet, m[1])):
        seen.setdefault((statement.outlet, day), claim_of(statement, value=day))
    claims = list(seen.values())
    groups: dict[str, set[str]] = {}
    for claim in claims:
        groups.setdefault(str(claim.value), set()).add(claim.outlet)
    told = "; ".join(f"{join_names(sorted(outlets))} {day}" for day, outlets in sorted(groups.items()))
    summary = f"Outlets date the same happening differently: {told}."
    return Divergence("date_conflict", summary, 0.6, tuple(claims))


# --- shared ----------------------------------------------------------------------------------------


def connected(links: Iterable[tuple[T, T]]) -> list[list[T]]:
    """The connected groups of items linked in pairs (items must be hashable), in first-seen order."""
    parent: dict[T, T] = {}

    def root(item: T) -> T:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[rb] = ra
    groups: dict[T, list[T]] = {}
    for item in parent:
        groups.setdefault(root(item), []).append(item)
    return list(groups.values())


def join_names(names: Sequence[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"
