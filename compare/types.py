"""The records the comparison passes between its parts: an article as the comparison sees it, one
sentence of it as a statement, and a divergence with the claims that are its evidence.

Every part of `newsprism.compare` after one-article analysis (claims, events, divergences, reports)
takes and gives these; they live here, apart from the code that makes them, so that no detector has
to import another to share a type.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, TypeVar

from newsprism.compare.findings import ArticleAnalysis, Attribution, DateMention, Quantity

T = TypeVar("T")


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


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence of one article, with where it comes from and what analysis found in it."""

    article_id: str
    outlet: str
    url: str
    text: str
    start: int
    end: int
    index: int
    attributions: tuple[Attribution, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    entities: frozenset[str] = frozenset()
    # The kinds of entity named (`PERSON`, `GPE`, ...): who and where a statement is about.
    entity_labels: frozenset[str] = frozenset()
    # The people it names (canonical, lower-cased): whose figures its numbers may be.
    people: frozenset[str] = frozenset()
    terms: frozenset[str] = frozenset()
    masked: str = ""


DivergenceType = Literal[
    "numeric_conflict",
    "speaker_conflict",
    "quote_wording",
    "omission",
    "unique_claim",
    "source_reliance",
    "date_conflict",
    "time_conflict",
    "custody_conflict",
    "name_conflict",
    "wound_conflict",
    "relation_conflict",
    "survival_conflict",
    "polarity_conflict",
    "counting_convention",
    "condition_conflict",
    "identity_conflict",
    "manner_conflict",
    "place_conflict",
]


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
    # The words that carry the value (`at least four people`), when the value is a bare number.
    phrase: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "outlet": self.outlet,
            "article_url": self.article_url,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "speaker": self.speaker,
        }
        if self.phrase is not None:
            data["phrase"] = self.phrase
        return data


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
            "type": self.type,
            "summary": self.summary,
            "severity": round(self.severity, 3),
            "claims": [claim.to_json() for claim in self.claims],
        }
        if self.diff is not None:
            data["diff"] = self.diff
        return data | self.extra


def claim_of(
    statement: Statement, value: str | None = None, speaker: str | None = None, phrase: str | None = None
) -> Claim:
    """The evidence of a statement: outlet, article URL, sentence and offsets."""
    s = statement
    return Claim(s.outlet, s.url, s.text, s.start, s.end, value, speaker, phrase)


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


def outlets_say(outlets: Sequence[str], verb: str) -> str:
    """The outlets and a verb that agrees with them: `A reports`, `A and B report` (`verb` as said of one).

    >>> outlets_say(["A"], "says"), outlets_say(["A", "B"], "says")
    ('A says', 'A and B say')
    """
    return f"{join_names(outlets)} {verb if len(outlets) == 1 else verb.removesuffix('s')}"


def excerpt(text: str, limit: int = 160) -> str:
    """The text, cut at a word boundary with an ellipsis when longer than `limit`."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " \u2026"


_QUOTE_MARKS = "\"'\u201c\u2018\u00ab"


def quoted_excerpt(text: str, limit: int = 160) -> str:
    """The excerpt in quotation marks, unless it opens with its own (`“I was there,” he said`): a
    sentence that starts by quoting someone is shown as it is, not as `““I was there,” he said”`."""
    cut = excerpt(text, limit)
    return cut if cut.lstrip().startswith(tuple(_QUOTE_MARKS)) else f"\u201c{cut}\u201d"
