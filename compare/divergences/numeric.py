"""Numeric conflicts: two outlets' figures for the same concept in statements about the same thing,
values that cannot both be true (a bound or an approximation that allows the other value is none).

Figures the claim readers bind to whom or what they count (ages, casualty tolls) are compared there
(`newsprism.compare.claims`), by person and role; this module compares the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsprism.compare.divergences.alignment import AlignedPair
from newsprism.compare.findings import Quantity
from newsprism.compare.textsim import content_words, stem, words
from newsprism.compare.types import Claim, Divergence, Statement, claim_of, connected, outlets_say

# Statements must align this well before their numbers or dates are compared.
COMPARABLE = 0.5
# `about 5` covers 4 to 6: an approximation is not contradicted by a nearby exact figure.
APPROXIMATION = 0.2
_FUNCTION_WORDS = frozenset("a an the of for in on to and at by with from per".split())
# Aligned sentences this alike tell one fact in one wording: their figures answer each other whatever
# they count (`for 13 years` against `for 3 years`).
SAME_SENTENCE = 0.92
# Words either side of a figure that may say what it counts.
WINDOW = 4
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty hundred thousand million".split()
)
# Words of when (`on Monday to 20 years`): they date a figure, they do not say what it counts.
_WHEN = frozenset(
    stem(w)
    for w in """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    morning afternoon evening night week month year january february march april may june july august
    september october november december""".split()
)
# Nouns of people: a figure counting them with no role is no casualty count (see _bound).
_PEOPLE = frozenset(
    stem(w)
    for w in """people person persons man men woman women child children kid kids boy boys girl
    girls teen teens teenager teenagers adult adults victim victims member members officer officers
    resident residents student students individual individuals other others""".split()
)
_SERIOUS = frozenset("dead death died kill killed killing people casualty injured wounded victim".split())

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


def numeric_conflicts(
    pairs: Iterable[AlignedPair], event_links: Iterable[tuple[Mention, Mention]] = ()
) -> list[Divergence]:
    """Same concept in aligned statements (or one figure per outlet for one kind of count in the
    event, `event_links`), values that cannot both be true."""
    links: list[tuple[Mention, Mention]] = list(event_links)
    for pair in pairs:
        if pair.score >= COMPARABLE:
            links.extend(
                ((pair.left, a), (pair.right, b))
                for a, b in _counterparts(pair.left, pair.right)
                if not compatible(a, b)
                and (pair.score >= SAME_SENTENCE or _same_thing((pair.left, a), (pair.right, b)))
            )
    links = [
        (a, b)
        for a, b in links
        if not (_read_as_claim(*a) or _read_as_claim(*b) or _enumerated(*a) or _enumerated(*b))
        and _same_people(a[0], b[0])
    ]
    # A supporting link joins figures that agree; once the contradiction it backed is dropped above, a
    # cluster of agreeing figures is left, and it is no conflict.
    return [_numeric_divergence(cluster) for cluster in connected(links) if _disagrees(cluster)]


def _disagrees(mentions: Sequence[Mention]) -> bool:
    return any(not compatible(a[1], b[1]) for i, a in enumerate(mentions) for b in mentions[i + 1 :])


def _same_thing(a: Mention, b: Mention) -> bool:
    """Whether two figures of aligned sentences count the same thing: both name what they count.

    A count of people (`15 people`, `three victims`, `two others`) is a crowd, a part or a toll, and
    tolls are compared by role in `newsprism.compare.claims`. A figure with a unit only (`20 years`,
    `$2 million`, `100 miles`, `three times`) is anyone's term, bond, distance or wounds (a prison
    term against the years before parole, one suspect's bond against another's): of 14 such
    conflicts judged by reading, none was real. Compared only in near-identical sentences."""
    if counts_people(a[1]) or counts_people(b[1]):
        return False
    return bool(concept_words(a[1].concept) and concept_words(b[1].concept))


def counts_people(quantity: Quantity) -> bool:
    """Whether a figure counts people and nothing else (`15 people`, `three others`)."""
    counted = concept_words(quantity.concept) or concept_words(quantity.unit)
    return bool(counted) and counted <= _PEOPLE


def words_around(statement: Statement, start: int, end: int) -> list[str]:
    """The words of a figure (`six-day`), then up to WINDOW after it, then before it, nearest first."""
    before = words(statement.text[: max(0, start - statement.start)])[-WINDOW:]
    after = words(statement.text[max(0, end - statement.start) :])[:WINDOW]
    inside = words(statement.text[max(0, start - statement.start) : max(0, end - statement.start)])
    return [*inside, *after, *reversed(before)]


def figure_context(mention: Mention) -> frozenset[str]:
    """The content words next to a figure, its unit and number words left out: what it is about."""
    statement, quantity = mention
    unit = stem((quantity.unit or "").lower())
    near = (stem(w) for w in words_around(statement, quantity.start, quantity.end))
    return frozenset(
        w for w in near if w in statement.terms and w != unit and w not in _NUMBER_WORDS and w not in _WHEN
    )


def _same_people(left: Statement, right: Statement) -> bool:
    """Figures of two sentences naming different people are those people's (`Oliver is charged with
    two counts` and `Coles ... three counts`), and a figure of a named person is not one of a sentence
    that names nobody (`McNeal was shot four times` against `a man was shot three times`): compared
    only where the people named meet, or where neither names anyone."""
    return left.people == right.people or bool(left.people & right.people)


def _enumerated(statement: Statement, quantity: Quantity) -> bool:
    """`one group from Tyler and another from Longview`: a `one` that starts a list is no count."""
    after = statement.text[quantity.end - statement.start :]
    return quantity.value == 1 and re.search(r"\b(?:another|the\s+other)\b", after) is not None


def _read_as_claim(statement: Statement, quantity: Quantity) -> bool:
    """Whether a figure is one the claim readers bind to whom or what it counts (an age, a casualty
    count): those are compared there, by person and by role, never as bare numbers of similar
    sentences, which matched the ages of two different people."""
    from newsprism.compare.claims.casualties import casualty_claims

    if quantity.unit and "year" in quantity.unit.lower() and "old" in quantity.unit.lower():
        return True
    return any(quantity.text in claim.phrase for claim in casualty_claims(statement))


def _counterparts(left: Statement, right: Statement) -> list[tuple[Quantity, Quantity]]:
    # The n-th figure of a concept in one sentence answers the n-th in the other; a figure the other
    # sentence also gives (anywhere) is not contradicted.
    matched = []
    for a in left.quantities:
        peers = [
            b for b in right.quantities if same_concept(a, b) and complement(left, a) == complement(right, b)
        ]
        if not peers or any(compatible(a, b) for b in peers):
            continue
        mine = [x for x in left.quantities if same_concept(a, x)]
        if len(mine) == len(peers):
            b = peers[mine.index(a)]
            if not any(compatible(b, x) for x in mine):
                matched.append((a, b))
    return matched


def complement(statement: Statement, quantity: Quantity) -> tuple[str, ...]:
    """What an `of` phrase after a figure says it counts: `two counts of first-degree murder` ->
    (first, degree, murder). Counts of different things are different concepts."""
    after = statement.text[quantity.end - statement.start :]
    if not after.lower().startswith(" of "):
        return ()
    return tuple(stem(w) for w in words(after[4:])[:3])


def _numeric_divergence(mentions: list[Mention]) -> Divergence:
    claims = _distinct_claims(mentions)
    summary = _numeric_summary(claims, mentions[0][1])
    return Divergence("numeric_conflict", summary, _numeric_severity(mentions), tuple(claims))


def figure(quantity: Quantity) -> str:
    """A quantity's value as a bare number a program can read: `5`, `42000`, `5-6` for a range."""
    low, high = quantity.value, quantity.value_high
    if high is not None and high != low:
        return f"{_number(low)}-{_number(high)}"
    return _number(low)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _distinct_claims(mentions: Sequence[Mention]) -> list[Claim]:
    # One claim per outlet and figure: `at least four people` and `four people` are one claim.
    seen: dict[tuple[str, str], Claim] = {}
    for statement, quantity in sorted(mentions, key=lambda m: (m[0].outlet, m[0].start)):
        value = figure(quantity)
        seen.setdefault((statement.outlet, value), claim_of(statement, value=value, phrase=quantity.text))
    return list(seen.values())


def _numeric_summary(claims: Sequence[Claim], example: Quantity) -> str:
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(str(claim.value), []).append(claim)
    ordered = sorted(groups.values(), key=lambda group: (len({c.outlet for c in group}), str(group[0].value)))
    what = example.concept or example.unit or "the figure"
    told = "; ".join(
        f"{_reports(sorted({c.outlet for c in group}))} \u201c{group[0].phrase or group[0].value}\u201d"
        for group in ordered
    )
    return f"Outlets give different figures for {what}: {told}."


def _reports(outlets: Sequence[str]) -> str:
    return outlets_say(outlets, "reports")


def _numeric_severity(mentions: Sequence[Mention]) -> float:
    values = [abs(q.value) for _, q in mentions]
    spread = (max(values) - min(values)) / (max(values) or 1.0)
    serious = any(content_words(f"{q.concept or ''} {s.text}") & _SERIOUS for s, q in mentions)
    return min(1.0, 0.6 + 0.25 * min(spread * 2, 1.0) + (0.15 if serious else 0.0))
