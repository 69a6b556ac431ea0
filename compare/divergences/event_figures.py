"""Event-level figures: one figure per outlet for one kind of count, compared across the whole event.

Sentence alignment misses figures that outlets place in sentences built differently (`closing a
six-day visit` in one lead, `the visit lasted six days` near the end of another). When every outlet
that counts a kind of thing (unit or concept, and what happened to it: killed, injured, ...) gives
one figure for it, those figures answer each other even though the sentences do not align. An
outlet giving two different figures for the same kind of count makes the kind ambiguous (three
people killed, 42,000 people evacuated), so such a kind is not compared at event level.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from newsprism.compare.divergences.alignment import similarity
from newsprism.compare.divergences.numeric import (
    Mention,
    compatible,
    complement,
    concept_words,
    counts_people,
    figure_context,
    same_concept,
    words_around,
)
from newsprism.compare.findings import Quantity
from newsprism.compare.textsim import stem, words
from newsprism.compare.types import Statement

# The sentences of two answering figures must still share this much (words, wording, entities):
# a figure is compared with one about the same story, not with any count of the same unit ...
RELATED = 0.3
# ... and, unless the role says what is counted (killed, injured), a word within WINDOW words of
# each figure: `a six-day visit` answers `the visit lasted six days`, not `500 people lived nearby`.
# A further outlet's figure joins a conflict on the side it agrees with from this similarity.
SUPPORTING = 0.2
# Words around a figure that say what happened to what it counts; `three people` killed and
# `42,000 people` evacuated are different counts.
_ROLES = {
    "dead": "kill killed killing dead die died dies death deaths fatality fatalities perished toll",
    "injured": "injured injuring injury injuries wounded wounding hurt",
    "missing": "missing",
    "displaced": "evacuated evacuate evacuation displaced homeless fled shelter shelters",
    "detained": "arrested arrest detained detention jailed",
}
_ROLE_OF = {word: role for role, listed in _ROLES.items() for word in listed.split()}
# Fates of people the casualty reader does not count.
_OTHER_FATES = frozenset({"missing", "displaced"})

Kind = tuple[str, str]
_PEOPLE = frozenset(
    stem(w)
    for w in """people person persons man men woman women child children kid kids boy boys girl
    girls teen teens teenager teenagers adult adults victim victims member members officer officers
    resident residents student students individual individuals family families""".split()
)


def event_figure_links(statements: Mapping[str, Sequence[Statement]]) -> list[tuple[Mention, Mention]]:
    """Pairs of figures (one outlet's against another's) for the same kind of count that cannot both
    be true, when each outlet gives that kind one figure only."""
    links: list[tuple[Mention, Mention]] = []
    for kind, by_outlet in _figures_by_kind(statements).items():
        if len(by_outlet) < 2 or not all(_consistent(m) for m in by_outlet.values()):
            continue
        found: list[tuple[Mention, Mention]] = []
        for first, second in itertools.combinations(sorted(by_outlet), 2):
            found.extend(_contradictions(by_outlet[first], by_outlet[second], kind))
        links.extend(found + _supporters(found, by_outlet))
    return links


def _supporters(
    found: Sequence[tuple[Mention, Mention]], by_outlet: Mapping[str, Sequence[Mention]]
) -> list[tuple[Mention, Mention]]:
    # Once figures of a kind conflict, the other outlets' single figure of that kind shows which side
    # they take (`a six-day trip` backs `a six-day visit`), when it agrees with one side in a related
    # sentence.
    linked = {m for pair in found for m in pair}
    outlets = {m[0].outlet for m in linked}
    return [
        (m, x)
        for outlet, mentions in by_outlet.items()
        if outlet not in outlets
        for m in mentions
        for x in linked
        if _may_be_same(m[1], x[1]) and compatible(m[1], x[1]) and similarity(m[0], x[0]) >= SUPPORTING
    ]


def _may_be_same(supporter: Quantity, linked: Quantity) -> bool:
    # A supporter only sides with a conflict already found, so a figure of the same unit that does not
    # name its concept (`the visit lasted six days`) may back one that does (`a six-day visit`).
    if same_concept(supporter, linked):
        return True
    unit = (supporter.unit or "").lower()
    return bool(unit) and unit == (linked.unit or "").lower() and not concept_words(supporter.concept)


def _figures_by_kind(statements: Mapping[str, Sequence[Statement]]) -> dict[Kind, dict[str, list[Mention]]]:
    kinds: dict[Kind, dict[str, list[Mention]]] = {}
    for article_statements in statements.values():
        for statement in article_statements:
            for quantity in statement.quantities:
                kind = figure_kind(statement, quantity)
                if kind is not None:
                    kinds.setdefault(kind, {}).setdefault(statement.outlet, []).append((statement, quantity))
    return kinds


def figure_kind(statement: Statement, quantity: Quantity) -> Kind | None:
    """What a figure counts: its unit (else the last word of its concept) and the role around it."""
    concept = sorted(concept_words(quantity.concept))
    head = (quantity.unit or "").lower() or (stem(words(quantity.concept or "")[-1]) if concept else "")
    if not head:
        return None
    role = role_of(statement, quantity.start, quantity.end)
    if (head in _PEOPLE or counts_people(quantity)) and role not in _OTHER_FATES:
        # People counted with no word of what befell them (`15 people`, `two Detroit children`) are a
        # crowd, a family, a city's year: anything; killed, hurt or arrested (`three victims`
        # identified of five killed) they are a toll or a part of it, which the casualty reader
        # compares by role and kind of people (`newsprism.compare.claims`).
        return None
    return head, role


def role_of(statement: Statement, start: int, end: int) -> str:
    """`dead`, `injured`, ... when a word near the figure says so; empty otherwise."""
    for word in words_around(statement, start, end):
        if word in _ROLE_OF:
            return _ROLE_OF[word]
    return ""


def _consistent(mentions: Sequence[Mention]) -> bool:
    # Two figures of one outlet for one kind that cannot both hold: the kind is ambiguous there.
    return all(
        compatible(a, b) for (_, a), (_, b) in itertools.combinations(mentions, 2) if same_concept(a, b)
    )


def _contradictions(
    first: Sequence[Mention], second: Sequence[Mention], kind: Kind
) -> list[tuple[Mention, Mention]]:
    return [
        (a, b)
        for a in first
        for b in second
        if same_concept(a[1], b[1])
        and not compatible(a[1], b[1])
        and similarity(a[0], b[0]) >= RELATED
        and (bool(kind[1]) or bool(figure_context(a) & figure_context(b)))
        # A unit alone (`20 years`, `100 miles`) says nothing of what it measures: see _same_thing.
        and bool(concept_words(a[1].concept) and concept_words(b[1].concept))
        # `the 1500 block of Versailles Avenue` and `the 400 block of Stokes Avenue` are two places.
        and complement(*a) == complement(*b)
    ]
