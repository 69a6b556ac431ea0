"""Coverage gaps: what most outlets report and one leaves out (`omission`), and what only one reports.

Statements of different outlets that say the same thing are linked; each linked group is reported by
a set of outlets. A group most outlets report, attributed to a source, is an omission for the rest (a
denial, warning or accusation left out ranks highest), except for an outlet that states it in other
words (one of its sentences, or two in a row, holds half the words the reporting outlets share, or
half the meanings of the sentence the report quotes: `newsprism.compare.divergences.paraphrase`) and
for an outlet whose pages hold no sentence of a story. With
only two outlets whose articles otherwise run in parallel, an attributed statement one of them drops
is an omission too.

A statement no other outlet reports is a `unique_claim` only when it says something checkable and new
(`newsprism.compare.divergences.unique_claims` says what that is). `newsprism.compare.divergences.ranking`
then keeps the few per outlet that rank highest.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsprism.compare.divergences.alignment import (
    ScoreMemo,
    align_articles,
    attributed,
    speaker_of,
)
from newsprism.compare.divergences.paraphrase import (
    NOTHING_SAID,
    OutletWording,
    fact_terms,
    statement_meanings,
    states_otherwise,
    tells_in_other_words,
    wording_by_outlet,
)
from newsprism.compare.divergences.unique_claims import unique_claims
from newsprism.compare.textsim import content_words, words
from newsprism.compare.types import (
    CoverageArticle,
    Divergence,
    Statement,
    claim_of,
    connected,
    join_names,
    outlets_say,
    quoted_excerpt,
)

# Similarity from which another outlet's statement counts as reporting the same thing.
REPORTED = 0.42
# Two-outlet events: share of statements aligned for the articles to count as parallel accounts.
PARALLEL = 0.6
MIN_TERMS = 5
MIN_TERMS_ATTRIBUTED = 3
_DENIAL = frozenset("no not never none nothing deny denied denies denial rejected refused false".split())
# What outlets tend to drop selectively: warnings, accusations, legal and military stakes.
_CONTENTIOUS = frozenset(
    """warn warned warning warns accuse accused accusation condemn condemned criticise criticised
    criticize criticized threat threaten threatened violate violation breach illegal sanction suspect
    suspected allege alleged consequence investigation""".split()
)


def _lead_in(statement: Statement) -> bool:
    """A sentence ending in a colon announces what follows (`Police released the names of the dead:`):
    the fact is in the list or the quote after it, not in the announcement."""
    return statement.text.rstrip().endswith(":")


def coverage_gaps(
    articles: Sequence[CoverageArticle],
    statements: Mapping[str, Sequence[Statement]],
    memo: ScoreMemo | None = None,
) -> list[Divergence]:
    """Omissions and unique claims among the independent articles of an event (`memo`: the
    similarities the event's alignment already scored)."""
    outlets = sorted({a.outlet for a in articles})
    if len(outlets) < 2:
        return []
    pool = [
        s
        for article in articles
        for s in statements[article.id]
        if (len(s.terms) >= MIN_TERMS or (attributed(s) and len(s.terms) >= MIN_TERMS_ATTRIBUTED))
        and not _lead_in(s)
    ]
    # One-to-one links (each other's best match): a merely related sentence does not count as reporting
    # the same thing when the article has a closer one, or none.
    by_article = [[s for s in pool if s.article_id == article.id] for article in articles]
    links = [
        (pair.left, pair.right)
        for left, right in itertools.combinations(by_article, 2)
        if left and right and left[0].outlet != right[0].outlet
        for pair in align_articles(left, right, REPORTED, memo)
    ]
    linked = {s for pair in links for s in pair}
    groups = connected(links) + [[s] for s in pool if s not in linked]
    parallel = len(outlets) == 2 and _parallel(pool, linked)
    said_by = Wordings(
        wording_by_outlet(statements, lambda s: s.terms), wording_by_outlet(statements, statement_meanings)
    )
    found = [gap for group in groups if (gap := _omission_of(group, outlets, parallel, said_by)) is not None]
    alone = [group[0] for group in groups if len({s.outlet for s in group}) == 1 and not parallel]
    return found + unique_claims(alone, statements, said_by.meanings)


def _parallel(pool: Sequence[Statement], linked: set[Statement]) -> bool:
    shares = []
    for outlet in {s.outlet for s in pool}:
        own = [s for s in pool if s.outlet == outlet]
        shares.append(sum(s in linked for s in own) / len(own))
    return bool(shares) and min(shares) >= PARALLEL


def _core(group: Sequence[Statement]) -> frozenset[str]:
    """The words the reporting outlets share: what the fact is, whatever each outlet adds."""
    counts: dict[str, set[str]] = {}
    for statement in group:
        for term in statement.terms:
            counts.setdefault(term, set()).add(statement.outlet)
    shared = frozenset(t for t, o in counts.items() if len(o) >= 2)
    return shared or frozenset().union(*(s.terms for s in group))


@dataclass(frozen=True, slots=True)
class Wordings:
    """Each outlet's wording twice: by its words (plurals folded) and by their meanings (lemmas and
    news-domain senses, `newsprism.compare.divergences.paraphrase`)."""

    words: Mapping[str, OutletWording]
    meanings: Mapping[str, OutletWording]


def _omission_of(
    group: Sequence[Statement],
    outlets: Sequence[str],
    parallel: bool,
    said_by: Wordings,
) -> Divergence | None:
    reporters = sorted({s.outlet for s in group})
    core = _core(group)
    meant = fact_terms(_example(group))
    # An outlet whose pages hold no sentence of a story (a video playlist, a log-in box) is not said to
    # leave anything out: what its story said was never read.
    missing = [
        o
        for o in outlets
        if o not in reporters
        and o in said_by.words
        and not states_otherwise(core, said_by.words[o])
        and not _states_example(meant, said_by.meanings.get(o, NOTHING_SAID))
    ]
    said = any(attributed(s) for s in group)
    if missing and said and ((len(reporters) * 2 > len(outlets) and len(reporters) >= 2) or parallel):
        return _omission(group, reporters, missing)
    return None


def _states_example(meant: frozenset[str], said: OutletWording) -> bool:
    """Whether an outlet states the omission's example (the sentence its summary quotes) in other words:
    half of its meanings, speaker aside, three at the least, and its figures. The words the reporting
    outlets share miss what the outlet says in its own words (`a number of shots at the vehicles of
    responding officers` for `the suspect shot at the squad car`), and a group of several outlets'
    sentences shares too few of them to tell."""
    return tells_in_other_words(meant, said)


def _example(group: Sequence[Statement]) -> Statement:
    """The sentence an omission's summary quotes: the group's shortest."""
    return min(group, key=lambda s: (len(s.text), s.outlet))


def _omission(group: Sequence[Statement], reporters: Sequence[str], missing: Sequence[str]) -> Divergence:
    example = _example(group)
    said = " ".join(s.text for s in group)
    denial = bool(content_words(said) & _DENIAL) or any(w in _DENIAL for w in said.lower().split())
    contentious = bool(set(words(said)) & _CONTENTIOUS)
    verb = "does" if len(missing) == 1 else "do"
    summary = (
        f"{join_names(missing)} {verb} not report what {outlets_say(reporters, 'reports')}: "
        f"{quoted_excerpt(example.text)}"
    )
    severity = 0.5 + (0.2 if denial else 0.1 if contentious else 0.0)
    severity += 0.1 * len(reporters) / (len(reporters) + len(missing))
    claims = tuple(claim_of(s, speaker=speaker_of(s)) for s in _one_per_outlet(group))
    # `missing_from` is the interface's name; `omitted_by` stays for readers of earlier reports.
    extra = {"omitted_by": list(missing), "missing_from": list(missing)}
    return Divergence("omission", summary, severity, claims, extra=extra)


def _one_per_outlet(group: Sequence[Statement]) -> list[Statement]:
    first: dict[str, Statement] = {}
    for statement in sorted(group, key=lambda s: (s.outlet, s.start)):
        first.setdefault(statement.outlet, statement)
    return list(first.values())
