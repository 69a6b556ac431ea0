"""Unique claims worth a journalist's look: what one outlet alone reports that is checkable and new.

A statement no other outlet matched is a candidate. It is kept when it quotes a named source, gives a
figure beyond a pair (`two sides` says little) that no other outlet gives anywhere, or credits a
report to another news organisation, and when it uses at least one word that no other outlet uses
anywhere in its coverage, and when no other outlet states it in other words (half its meanings in one
sentence or two in a row, `newsprism.compare.divergences.paraphrase`) unless it gives a figure no other
outlet gives: otherwise it rewords what the others say and the alignment merely missed it.
Kept statements of one outlet that share their new words are merged into one claim. Severity grows
with a named source and with each of figure, date, place and person named.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsprism.compare.divergences.alignment import attributed, speaker_of
from newsprism.compare.divergences.numeric import counts_people
from newsprism.compare.divergences.paraphrase import (
    OutletWording,
    fact_terms,
    statement_meanings,
    tells_in_other_words,
    wording_by_outlet,
)
from newsprism.compare.findings import Quantity
from newsprism.compare.types import Divergence, Statement, claim_of, connected, quoted_excerpt

# Two kept statements of one outlet sharing this many new words say the same new thing.
SHARED_NEW = 2
# A word in more than this many sentences of one outlet is its style, not a new fact.
STYLE = 2
_PLACES = frozenset({"GPE", "LOC"})
# Words that make a count of people a count of casualties (see _checkable_figure).
_CASUALTY = re.compile(
    r"\b(?:shot|shoot\w*|kill\w*|dead|died|wound\w*|injur\w*|hurt|struck|striking|hit|victims?)\b",
    re.IGNORECASE,
)
# What lies between an amount and its conversion: `1.5 billion Canadian dollars ($1.1bn)`.
_CONVERSION = re.compile(r"\s*\(\s*(?:about|around|roughly|some|or|approximately)?\s*")
# Units of numbers that point at something rather than count it.
_POINTERS = frozenset({"block", "call", "number", "page", "percentile"})
# Spans of time told in words (`more than a decade`, `two decades`), in years, so that a figure of
# years given elsewhere that way is not taken for a new one.
_YEARS_IN_WORDS = re.compile(
    r"\b(?:(?P<n>a|one|two|three|four|five|several)\s+)?(?P<unit>decades?|century|centuries)\b", re.I
)
_HOW_MANY = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


@dataclass(frozen=True, slots=True)
class _Context:
    """What the rest of the event's coverage says: each outlet's words and the figures the others give."""

    words: Mapping[str, frozenset[str]]
    style: Mapping[str, frozenset[str]]
    # Each outlet's: the figures every other outlet gives anywhere in its coverage.
    figures_elsewhere: Mapping[str, frozenset[float]]

    def new_figure(self, statement: Statement) -> bool:
        """Whether the statement gives a figure worth checking that no other outlet gives anywhere. An
        amount given with its conversion (`1.5 billion Canadian dollars ($1.1bn)`, `5 miles (8 km)`) is
        one figure, given elsewhere when either way of writing it is."""
        elsewhere = self.figures_elsewhere.get(statement.outlet, frozenset())
        return any(
            any(_checkable_figure(statement, q) for q in amount)
            and not any(q.value in elsewhere for q in amount)
            for amount in _amounts(statement)
        )

    def new_words(self, statement: Statement) -> frozenset[str]:
        """Words of the statement no other outlet uses, nor the outlet itself all through its text."""
        others = (w for outlet, w in self.words.items() if outlet != statement.outlet)
        return statement.terms - frozenset().union(*others) - self.style.get(statement.outlet, frozenset())


def _amounts(statement: Statement) -> list[list[Quantity]]:
    """The statement's figures, a figure and the conversion in brackets right after it taken as one."""
    amounts: list[list[Quantity]] = []
    for quantity in sorted(statement.quantities, key=lambda q: q.start):
        if amounts and _CONVERSION.fullmatch(_between(statement, amounts[-1][-1], quantity)):
            amounts[-1].append(quantity)
        else:
            amounts.append([quantity])
    return amounts


def _between(statement: Statement, first: Quantity, second: Quantity) -> str:
    return statement.text[first.end - statement.start : second.start - statement.start]


def years_in_words(text: str) -> set[float]:
    """The spans of years a text tells in words.

    >>> sorted(years_in_words("The fight dragged on for more than a decade, two decades by some counts."))
    [10.0, 20.0]
    >>> years_in_words("the slowest pace in decades")
    set()
    """
    found = set()
    for match in _YEARS_IN_WORDS.finditer(text):
        unit = match.group("unit").lower()
        # `in decades` says no how many.
        count = _HOW_MANY.get((match.group("n") or ("a" if unit in ("decade", "century") else "")).lower())
        if count is not None:
            found.add(float(count * (10 if unit.startswith("decade") else 100)))
    return found


def _checkable_figure(statement: Statement, quantity: Quantity) -> bool:
    """A figure a fact-checker checks: an amount of something (`$1 million bail`, `30 shell casings`,
    `eight years in federal prison`, `met 300 students`), beyond a pair. Not a number that only points
    at something (a bare `219` of an address, `the 200 block`, a `911 call`, a phone number), nor a
    person's age, nor a count of the people a shooting struck, which the casualty claims compare by
    role and which other outlets tell in other words (`striking six people`, `six were wounded`)."""
    if not (quantity.value > 2 or not float(quantity.value).is_integer()) or quantity.value == 911:
        return False
    unit = (quantity.unit or "").lower()
    if not unit or unit in _POINTERS or "old" in unit:
        return False
    return not (counts_people(quantity) and _CASUALTY.search(statement.text))


def unique_claims(
    candidates: Sequence[Statement],
    statements: Mapping[str, Sequence[Statement]],
    meant_by: Mapping[str, OutletWording] | None = None,
) -> list[Divergence]:
    """The candidates worth reporting, near-duplicates merged, one divergence per claim. A candidate
    with a figure no other outlet gives stays even where another outlet tells the rest of it: the
    figure is what a fact-checker compares (`8.5 months pregnant` against `pregnant`). `meant_by`: each
    outlet's wording by meanings, when already made."""
    context = _context(statements)
    checkable = [s for s in candidates if _checkable(s, context)]
    said_by = meant_by if meant_by is not None else wording_by_outlet(statements, statement_meanings)
    kept = {
        s: context.new_words(s)
        for s in checkable
        if context.new_figure(s) or not _stated_elsewhere(s, said_by)
    }
    kept = {s: new for s, new in kept.items() if new}
    links = [
        (a, b)
        for a in kept
        for b in kept
        if a.outlet == b.outlet and a.start < b.start and _same_news(a, b, kept)
    ]
    linked = {s for pair in links for s in pair}
    groups = connected(links) + [[s] for s in kept if s not in linked]
    outlets = sorted(context.words)
    return [_divergence(group, kept, outlets) for group in groups]


def _context(statements: Mapping[str, Sequence[Statement]]) -> _Context:
    words: dict[str, Counter[str]] = {}
    figures: dict[str, set[float]] = {}
    for article_statements in statements.values():
        for statement in article_statements:
            words.setdefault(statement.outlet, Counter()).update(statement.terms)
            figures.setdefault(statement.outlet, set()).update(q.value for q in statement.quantities)
            figures[statement.outlet].update(years_in_words(statement.text))
    return _Context(
        words={o: frozenset(w) for o, w in words.items()},
        # An outlet's house style (`the respected Comrade` in every other sentence) is no news.
        style={o: frozenset(w for w, n in counts.items() if n > STYLE) for o, counts in words.items()},
        figures_elsewhere={
            o: frozenset().union(*(f for other, f in figures.items() if other != o)) for o in figures
        },
    )


def _checkable(statement: Statement, context: _Context) -> bool:
    # What a fact-checker wants flagged when one outlet alone has it: a named source's own words, or a
    # figure no other outlet gives. A sentence with a figure the others also give, or a central name,
    # is far more often a fact the others state in other words (measured on the given fact tables).
    # (A report credited to another news organisation, `NBC News reported`, was once kept too: of
    # five such in the tuned fact tables none was an exclusive.)
    return (_quoted(statement) and _named_source(statement)) or context.new_figure(statement)


def _stated_elsewhere(statement: Statement, said_by: Mapping[str, OutletWording]) -> bool:
    """Whether another outlet states the candidate's fact in other words: one of its sentences, or two
    in a row, hold half of the candidate's meanings (its speaker aside), three at the least, as a
    body in the trunk and a firearm on the front seat tell `police observed a handgun on the passenger
    seat ... the trunk of the vehicle`. Too short a statement (`I was shocked`) says too little to tell."""
    core = fact_terms(statement)
    return any(
        tells_in_other_words(core, wording)
        for outlet, wording in said_by.items()
        if outlet != statement.outlet
    )


def _quoted(statement: Statement) -> bool:
    """A quotation the sentence itself credits: its cue in the sentence and not one that carries on a
    remark (`he continued`, `it added`). A quoted sentence inheriting its speaker from the paragraph
    before (`"I'm really scared."`) is a piece of a remark, and pieces were trivia on the tuned fact
    tables (7 of 8)."""
    return any(
        a.kind in ("direct", "mixed")
        and a.cue_start is not None
        and statement.start <= a.cue_start < statement.end
        and (a.cue or "").lower().split()[-1:] not in (["continued"], ["added"])
        for a in statement.attributions
    )


def _named_source(statement: Statement) -> bool:
    return attributed(statement) and any(
        a.source_type not in ("unknown", "anonymous") for a in statement.attributions
    )


def _specific(statement: Statement) -> bool:
    # `two sides`, `one of them`: a count of one or two says little on its own; `1.5 percent` does.
    return any(q.value > 2 or not float(q.value).is_integer() for q in statement.quantities)


def _same_news(a: Statement, b: Statement, kept: Mapping[Statement, frozenset[str]]) -> bool:
    shared = kept[a] & kept[b]
    return len(shared) >= SHARED_NEW or (bool(shared) and abs(a.index - b.index) == 1)


def _divergence(
    group: Sequence[Statement], kept: Mapping[Statement, frozenset[str]], outlets: Sequence[str]
) -> Divergence:
    ranked = sorted(group, key=lambda s: (-_severity(s, kept[s]), s.start))
    lead = ranked[0]
    summary = f"Only {lead.outlet} reports this: {quoted_excerpt(lead.text)}"
    claims = tuple(claim_of(s, speaker=speaker_of(s)) for s in sorted(group, key=lambda s: s.start))
    missing = [o for o in outlets if o != lead.outlet]
    severity = _severity(lead, kept[lead])
    return Divergence("unique_claim", summary, severity, claims, extra={"missing_from": missing})


def _severity(statement: Statement, new: frozenset[str]) -> float:
    # Facts a reader can check (who says so, how many, when, where, who) rank above colour; new
    # words only break ties, since flowery sentences are full of them.
    share = len(new) / max(1, len(statement.terms))
    specifics = (
        _specific(statement),
        bool(statement.dates),
        bool(statement.entity_labels & _PLACES),
        "PERSON" in statement.entity_labels,
    )
    return 0.2 + (0.1 if _named_source(statement) else 0.0) + 0.04 * sum(specifics) + 0.05 * share
