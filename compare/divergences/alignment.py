"""Alignment: which sentences of different outlets' articles about one event speak of the same thing.

Divergences are only meaningful between statements about the same thing, so every comparison starts
here. A statement is one sentence with its provenance (outlet, article id and URL, offsets) and the
findings analysis placed in it; two statements align when their words (numbers masked, so that `five
drones` and `six drones` still align), entities and speakers agree enough.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, TypeVar

from rapidfuzz import fuzz

from newsprism.compare.article.furniture import story_start
from newsprism.compare.textsim import content_words, split_sentences
from newsprism.compare.types import CoverageArticle, Statement

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|hundreds|thousand|thousands|million|millions|dozen|dozens|several|few)\b",
    re.IGNORECASE,
)
# Below this a sentence is about something else; numeric and date comparison asks for more.
ALIGNED = 0.45


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """Two statements of different outlets about the same thing, and how sure the alignment is."""

    left: Statement
    right: Statement
    score: float


def mask_numbers(text: str) -> str:
    """Lower-cased text with every number (digits or words) replaced by `#`."""
    return _NUMBER_WORDS.sub("#", _DIGITS.sub("#", text.lower()))


def statements_of(article: CoverageArticle) -> list[Statement]:
    """The sentences of an article as statements, each carrying the findings that start in it; page
    furniture (`newsprism.compare.article.furniture`) is left out, and an embed label glued to a
    sentence is cut off."""
    sentences = split_sentences(article.text)
    starts = [s.start for s in sentences]
    found = article.analysis
    attributions = _place(starts, found.attributions)
    quantities = _place(starts, found.quantities)
    dates = _place(starts, found.dates)
    entities = _place(starts, found.entities)
    statements: list[Statement] = []
    for at, sentence in enumerate(sentences):
        cut = story_start(sentence.text)
        if cut is None:
            continue
        text, start = sentence.text[cut:], sentence.start + cut
        statements.append(
            Statement(
                article_id=article.id,
                outlet=article.outlet,
                url=article.url,
                text=text,
                start=start,
                end=sentence.end,
                index=len(statements),
                attributions=tuple(attributions[at]),
                quantities=tuple(quantities[at]),
                dates=tuple(dates[at]),
                entities=frozenset(e.canonical.lower() for e in entities[at]),
                entity_labels=frozenset(e.label for e in entities[at]),
                people=frozenset(e.canonical.lower() for e in entities[at] if e.label == "PERSON"),
                terms=frozenset(t for t in content_words(text) if not t[0].isdigit()),
                masked=mask_numbers(text),
            )
        )
    return statements


class _Located(Protocol):
    @property
    def start(self) -> int: ...


Finding = TypeVar("Finding", bound=_Located)


def _place(starts: Sequence[int], findings: Sequence[Finding]) -> list[list[Finding]]:
    placed: list[list[Finding]] = [[] for _ in starts]
    for finding in findings:
        at = bisect.bisect_right(starts, finding.start) - 1
        if 0 <= at < len(placed):
            placed[at].append(finding)
    return placed


@lru_cache(maxsize=16_384)
def sorted_words(text: str) -> str:
    """The words of a text in sorted order, one space apart: what `fuzz.token_sort_ratio` compares
    (`fuzz.ratio` of the two is its score), made once per sentence rather than once per pair of
    sentences scored, each sentence being scored against every other article's (under half the time).

    >>> sorted_words("the # drones  were downed")
    '# downed drones the were'
    """
    return " ".join(sorted(text.split()))


def similarity(a: Statement, b: Statement) -> float:
    """How much two statements say the same thing, in [0, 1]: shared words, wording, entities."""
    if not a.terms or not b.terms:
        return 0.0
    dice = 2 * len(a.terms & b.terms) / (len(a.terms) + len(b.terms))
    wording = fuzz.ratio(sorted_words(a.masked), sorted_words(b.masked)) / 100  # as token_sort_ratio
    score = 0.6 * dice + 0.4 * wording
    if a.entities and b.entities:
        score += 0.1 * len(a.entities & b.entities) / len(a.entities | b.entities)
    return min(score, 1.0)


# What `similarity` gives two statements that share no term and no entity at most: their wording alone
# (0.4 of the score), which is below every floor alignment and the coverage gaps ask for.
WORDING_ALONE = 0.4

# Similarities of statement pairs already scored while one event is compared, by (article id, sentence
# index) of each: the alignment of the event and the coverage gaps score the same sentences of the same
# two articles, which was half of a report's time. Only for statements as `statements_of` made them.
# Pairs that share no term and no entity are never scored (see `_candidates`), so they are not in it.
ScoreMemo = dict[tuple[str, int, str, int], float]


def _scored(a: Statement, b: Statement, memo: ScoreMemo | None) -> float:
    if memo is None:
        return similarity(a, b)
    key = (a.article_id, a.index, b.article_id, b.index)
    score = memo.get(key)
    if score is None:
        score = memo[key] = similarity(a, b)
    return score


def sentences_holding(words_of: Sequence[Iterable[str]]) -> dict[str, list[int]]:
    """Each word's sentences, by position in `words_of` (each sentence's words), in order.

    >>> sentences_holding([{"police", "shot"}, {"police"}])["police"]
    [0, 1]
    """
    holding: dict[str, list[int]] = {}
    for at, words in enumerate(words_of):
        for word in words:
            holding.setdefault(word, []).append(at)
    return holding


def _candidates(left: Sequence[Statement], right: Sequence[Statement], floor: float) -> list[list[int]]:
    """For each left statement, in order, the right statements that may score `floor` or more with it.

    Above `WORDING_ALONE` only statements that share a term or an entity can reach the floor, and in
    an event most pairs share neither (about four in five of a five-outlet event's): an index of the right
    article's words finds the others without scoring every pair.
    """
    if floor <= WORDING_ALONE:
        return [list(range(len(right))) for _ in left]
    holding = sentences_holding([b.terms | b.entities for b in right])
    candidates = []
    for a in left:
        found: set[int] = set()
        for word in a.terms | a.entities:
            found.update(holding.get(word, ()))
        candidates.append(sorted(found))
    return candidates


def align_articles(
    left: Sequence[Statement],
    right: Sequence[Statement],
    floor: float = ALIGNED,
    memo: ScoreMemo | None = None,
) -> list[AlignedPair]:
    """Pairs of statements that are each other's best match (scores at least `floor`).

    Only the scores at or above `floor` are kept: a pair below it is never reported, and it cannot
    outrank one at or above it, so what it scores exactly changes no statement's best match that counts.
    """
    if not left or not right:
        return []
    kept = {
        (i, j): score
        for i, (a, near) in enumerate(zip(left, _candidates(left, right, floor), strict=True))
        for j in near
        if (score := _scored(a, right[j], memo)) >= floor
    }

    # Equal scores go to the statement at the nearer place in its article: a sentence an article
    # repeats (a pull quote, a restated lead) then pairs with its own counterpart, not the first copy.
    # The first of equals wins, as `max` would pick it: `kept` runs through left, then right, in order.
    best_right: dict[int, tuple[tuple[float, float], int]] = {}
    best_left: dict[int, tuple[tuple[float, float], int]] = {}
    for (i, j), score in kept.items():
        rank = (score, -abs(i / len(left) - j / len(right)))
        if i not in best_right or rank > best_right[i][0]:
            best_right[i] = (rank, j)
        if j not in best_left or rank > best_left[j][0]:
            best_left[j] = (rank, i)
    return [
        AlignedPair(left[i], right[j], kept[i, j])
        for i, (_, j) in sorted(best_right.items())
        if best_left[j][1] == i
    ]


def independent_articles(articles: Sequence[CoverageArticle]) -> list[CoverageArticle]:
    """The articles without the wire copies of another one in the set: a copy counts once."""
    ids = {a.id for a in articles}
    return [a for a in articles if not (a.syndicated_from and a.syndicated_from in ids)]


def align_event(
    articles: Sequence[CoverageArticle],
    floor: float = ALIGNED,
    statements: Mapping[str, Sequence[Statement]] | None = None,
    memo: ScoreMemo | None = None,
) -> list[AlignedPair]:
    """Aligned statements between every two articles of different outlets in an event (`statements`:
    each article's, when already made)."""
    made = statements or {}
    pieces = [(a, made.get(a.id) or statements_of(a)) for a in independent_articles(articles)]
    pairs: list[AlignedPair] = []
    for i, (first, left) in enumerate(pieces):
        for second, right in pieces[i + 1 :]:
            if first.outlet != second.outlet:
                pairs.extend(align_articles(left, right, floor, memo))
    return pairs


def attributed(statement: Statement) -> bool:
    """Whether a statement gives what it says to a speaker or source."""
    return any(a.speaker or a.speaker_resolved for a in statement.attributions)


def speaker_of(statement: Statement) -> str | None:
    """The first speaker a statement names (resolved when analysis could), or None."""
    for a in statement.attributions:
        if a.speaker_resolved or a.speaker:
            return a.speaker_resolved or a.speaker
    return None
