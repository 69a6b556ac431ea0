"""Conflicts between outlets' claims: counts, times, custody, ages, names and wounds of one event.

Each reader in `newsprism.compare.claims` gives every article's claims of one kind; here claims of the same
subject from different outlets are compared by what they allow, so that a bound that includes the
other value (`at least four` and `five`) is no conflict while `3:30` and `3:50 p.m.` are. Every
conflict names what differs, gives each outlet's words as evidence, and says which article was
published later: a toll that rose, or an arrest made after the first story, is still a difference a
reader must see, and the order tells them which to trust.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property
from itertools import combinations

from newsprism.compare.claims.casualties import (
    ARRESTED,
    HOSPITALISED,
    INJURED,
    KILLED,
    ROLE_NAMES,
    SHOT,
    about_another_incident,
    article_casualties,
    counts_shooter,
    excludes_shooter,
    lead_count,
    shooter_counted,
    shooter_killed_by_others,
    uncounted_people,
)
from newsprism.compare.claims.condition import EVERYONE, GRAVE, MILD, article_conditions
from newsprism.compare.claims.custody import ARREST, CHARGE, CustodyStatus, custody_statuses
from newsprism.compare.claims.identity import identity_status, same_victim
from newsprism.compare.claims.manner import OPEN, article_manner
from newsprism.compare.claims.model import Bounds, FactClaim
from newsprism.compare.claims.people import (
    PersonName,
    ages_stated,
    article_ages,
    article_group_ages,
    article_role_ages,
    article_victim_ages,
    kin_of,
    names_in,
    spelling_variants,
)
from newsprism.compare.claims.places import article_blocks, spelt_alike
from newsprism.compare.claims.prospects import LIKELY, article_prospects, same_act
from newsprism.compare.claims.relations import article_relations
from newsprism.compare.claims.survival import article_survival, one_victim, several_hurt
from newsprism.compare.claims.times import event_time, times_differ
from newsprism.compare.claims.wounds import article_wounds, regions_meet
from newsprism.compare.types import Claim, CoverageArticle, Divergence, Statement, join_names, outlets_say

# The sentences of an article's lead, where its tolls are read (see casualty_conflicts).
LEAD_STATEMENTS = 4
# An article naming this many body regions is about several victims: its wounds are not compared.
MAX_REGIONS = 2
# Per outlet, at most this many sentences of evidence for one side of a conflict.
EVIDENCE_PER_OUTLET = 3


def claim_conflicts(
    articles: Sequence[CoverageArticle], statements: Mapping[str, Sequence[Statement]]
) -> list[Divergence]:
    """Every conflict between the claims of different outlets' articles about one event. Pure."""
    context = _Context(articles, statements)
    return [
        *casualty_conflicts(context),
        *time_conflicts(context),
        *custody_conflicts(context),
        *identity_conflicts(context),
        *age_conflicts(context),
        *role_age_conflicts(context),
        *victim_age_conflicts(context),
        *group_age_conflicts(context),
        *name_conflicts(context),
        *relation_conflicts(context),
        *survival_conflicts(context),
        *condition_conflicts(context),
        *wound_conflicts(context),
        *prospect_conflicts(context),
        *manner_conflicts(context),
        *block_conflicts(context),
    ]


class _Context:
    """The event's articles, their statements, and when each was published; the readings that several
    kinds of conflict use (casualty counts, names) are made once per article."""

    def __init__(self, articles: Sequence[CoverageArticle], statements: Mapping[str, Sequence[Statement]]):
        self.articles = list(articles)
        self.statements = statements
        self.published: dict[str, datetime | None] = {a.id: a.published for a in articles}
        self._casualties: dict[str, list[FactClaim]] = {}
        self._names: dict[str, list[PersonName]] = {}
        self._uncounted: dict[str, list[FactClaim]] = {}

    def of(self, article: CoverageArticle) -> Sequence[Statement]:
        return self.statements.get(article.id, ())

    def casualties(self, article: CoverageArticle) -> list[FactClaim]:
        """Every casualty count of the article (tolls and survival both ask)."""
        if article.id not in self._casualties:
            self._casualties[article.id] = article_casualties(self.of(article))
        return self._casualties[article.id]

    @cached_property
    def one_victim(self) -> bool:
        """Whether every article allows a single person hurt: its counts, and no `double shooting`
        (survival, wounds, condition and the victim's age all ask)."""
        return all(one_victim(self.casualties(a)) and not several_hurt(self.of(a)) for a in self.articles)

    def shooter_died(self) -> bool:
        """Whether an article of the event tells of the shooter killed by someone else."""
        return any(shooter_killed_by_others(self.of(article)) for article in self.articles)

    def uncounted(self, article: CoverageArticle) -> list[FactClaim]:
        """The people the article tells of whom a toll may leave out (asked once per role)."""
        if article.id not in self._uncounted:
            self._uncounted[article.id] = uncounted_people(self.of(article))
        return self._uncounted[article.id]

    def names(self, article: CoverageArticle) -> list[PersonName]:
        """The people the article names (spellings and partners both ask)."""
        if article.id not in self._names:
            self._names[article.id] = names_in(self.of(article))
        return self._names[article.id]

    def aged(self, first: Sequence[FactClaim], second: Sequence[FactClaim]) -> bool:
        """Whether the years between two articles explain the difference of the ages they give
        (`Zurita, 19` in March 2013 and `Zurita, 20` in June 2014: a birthday, not a conflict)."""
        when_first = self.published.get(first[0].statement.article_id)
        when_second = self.published.get(second[0].statement.article_id)
        if when_first is None or when_second is None:
            return False
        # The later article gives the older age, by no more than the years between them (a birthday
        # may fall in half a year); a younger age later, or days apart, is a conflict.
        (_, earlier), (_, later) = sorted([(when_first, first), (when_second, second)], key=lambda x: x[0])
        years = abs((when_first - when_second).days) / 365.25
        if later[0].bounds is None or earlier[0].bounds is None:
            return False
        grown = later[0].bounds.low - earlier[0].bounds.low
        return 0 < grown <= math.ceil(years) and years >= 0.5

    def later(self, outlets_claims: Sequence[FactClaim]) -> str:
        """`; X published later` when the claims' articles have different publication days."""
        dated = [(self.published.get(c.statement.article_id), c.statement.outlet) for c in outlets_claims]
        known = [(d, o) for d, o in dated if d is not None]
        if len({d.date() for d, _ in known}) < 2:
            return ""
        latest = max(d for d, _ in known)
        outlets = sorted({o for d, o in known if d.date() == latest.date()})
        return f" ({join_names(outlets)} published later)"


def _evidence(claims: Sequence[FactClaim]) -> tuple[Claim, ...]:
    per_outlet: dict[str, list[FactClaim]] = {}
    for claim in claims:
        kept = per_outlet.setdefault(claim.statement.outlet, [])
        if len(kept) < EVIDENCE_PER_OUTLET and all(k.statement.start != claim.statement.start for k in kept):
            kept.append(claim)
    return tuple(
        Claim(
            c.statement.outlet,
            c.statement.url,
            c.statement.text,
            c.statement.start,
            c.statement.end,
            c.value,
            None,
            c.phrase,
        )
        for outlet in sorted(per_outlet)
        for c in per_outlet[outlet]
    )


def _told(claims: Sequence[FactClaim]) -> str:
    """`A reports "x"; B and C report "y"`: each value once, with the outlets that give it."""
    groups: dict[str, list[FactClaim]] = {}
    for claim in claims:
        groups.setdefault(claim.value, []).append(claim)
    parts = []
    for _value, same in sorted(groups.items(), key=lambda item: (len(item[1]), item[0])):
        outlets = sorted({c.statement.outlet for c in same})
        parts.append(f"{outlets_say(outlets, 'reports')} \u201c{same[0].phrase}\u201d")
    return "; ".join(parts)


_PerArticle = list[tuple[CoverageArticle, list[FactClaim]]]


def _by_subject(
    context: _Context, read: Callable[[CoverageArticle], list[FactClaim]], consistent: bool = False
) -> dict[str, _PerArticle]:
    """Each subject's claims, article by article (`consistent`: leave out an article giving one subject
    two values, which is at odds with itself and says nothing against another outlet)."""
    by_subject: dict[str, _PerArticle] = {}
    for article in context.articles:
        claims = read(article)
        for subject in sorted({c.subject for c in claims}):
            mine = [c for c in claims if c.subject == subject]
            if not consistent or len({c.value for c in mine}) == 1:
                by_subject.setdefault(subject.lower(), []).append((article, mine))
    return by_subject


# --- counts ------------------------------------------------------------------------------------------


def casualty_conflicts(context: _Context) -> list[Divergence]:
    """Counts of one role (killed, injured, ...) that two outlets give and that cannot both be true.

    An article's toll for a role is its first count of it in the lead (the first LEAD_STATEMENTS
    sentences, the headline among them where the text begins with it), as a reader quotes it; two
    articles conflict when their tolls differ and no count of one allows any of the other. Counts
    further down are mostly a victim described (`a woman shot in the face`), a part (`one was shot in
    the thigh`) or background (`a year after nine people were shot at ...`): of 27 numeric conflicts
    judged false in a sample of 40, 25 came from such counts.
    """
    found = []

    def tolls(article: CoverageArticle) -> list[FactClaim]:
        if _opens_on_a_round_up(context.of(article)):
            return []
        return _told_once([_victims(c) for c in _lead_casualties(context.casualties(article))])

    for role, per_article in sorted(_by_subject(context, tolls).items()):
        claims = _clashing_claims(per_article, _tolls_clash)
        if not claims:
            continue
        what = ROLE_NAMES[role]
        uncounted = _uncounted(context, role)
        if uncounted and _convention_explains(per_article, uncounted):
            summary = (
                f"Outlets give different numbers of {what}, which may count {uncounted.who} differently: "
                f"{_told(claims)}{context.later(claims)}; {uncounted.told}."
            )
            evidence = _evidence([*claims, *uncounted.claims])
            found.append(Divergence("counting_convention", summary, 0.5, evidence))
            continue
        said = f"{_told(claims)}{_with_shooter(claims)}{context.later(claims)}"
        summary = f"Outlets give different numbers of {what}: {said}."
        severity = 0.95 if role in (KILLED, INJURED, SHOT) else 0.8
        found.append(Divergence("numeric_conflict", summary, severity, _evidence(claims)))
    return found


def _opens_on_a_round_up(statements: Sequence[Statement]) -> bool:
    """Whether the article opens on a toll of several incidents (`At least 35 people have been shot
    across the city since Friday`): the tolls its lead goes on to give are of the round-up's
    shootings, any of which may be another than the event's."""
    return bool(statements) and about_another_incident(statements[0].text)


def _lead_casualties(claims: Sequence[FactClaim]) -> list[FactClaim]:
    # Tolls (killed, injured, shot) from the lead; who was taken to hospital or arrested is told
    # further down and is seldom background.
    return [
        claim
        for claim in claims
        if claim.statement.index < LEAD_STATEMENTS or claim.subject not in (KILLED, INJURED, SHOT)
    ]


def _told_once(claims: list[FactClaim]) -> list[FactClaim]:
    """An article's counts, without the roles read from its whole text (taken to hospital, arrested)
    where two of its own counts cannot both be true (`no one has been arrested` above `three others
    were arrested`): the article was updated in place or counts different people, and says nothing
    against another outlet."""
    at_odds = {
        role
        for role in (HOSPITALISED, ARRESTED)
        if not all(_counts_meet(x, y) for x, y in combinations([c for c in claims if c.subject == role], 2))
    }
    return [c for c in claims if c.subject not in at_odds]


def _victims(claim: FactClaim) -> FactClaim:
    """A toll as the number of victims: `four dead, including the gunman` is three victims, so that it
    meets `four killed; the gunman then killed himself` as the conflict it is; so for the wounded."""
    with_shooter = shooter_counted(claim)
    if claim.subject == ARRESTED or claim.bounds is None or with_shooter is None:
        return claim
    victims = Bounds(claim.bounds.low - 1, claim.bounds.high - 1)
    # The evidence shows whom the toll counts: `four were wounded, including the gunman`.
    phrase = claim.phrase + with_shooter
    return replace(claim, value=f"{float(claim.value) - 1:g}", bounds=victims, phrase=phrase)


def _with_shooter(claims: Sequence[FactClaim]) -> str:
    """` (X counts the gunman among them)` where a toll says so, so the reader sees why it differs."""
    outlets = sorted({c.statement.outlet for c in claims if counts_shooter(c)})
    if not outlets:
        return ""
    return f" ({outlets_say(outlets, 'counts')} the shooter among them)"


@dataclass(frozen=True, slots=True)
class _Uncounted:
    """People a toll may count or leave out (the shooter, an unborn child): how many, who, and where an
    outlet tells of them."""

    people: int
    who: str
    told: str
    claims: tuple[FactClaim, ...]


def _uncounted(context: _Context, role: str) -> _Uncounted | None:
    """Whom the event's tolls of a role may count or leave out: the shooter, where an article tells
    the shooter dead (or hurt, for the wounded), and an unborn child where one tells of a pregnant
    victim."""
    told = [c for a in context.articles for c in context.uncounted(a) if c.subject == role]
    kinds = sorted({c.kind for c in told})
    if not kinds:
        return None
    said = []
    for kind in kinds:
        outlets = sorted({c.statement.outlet for c in told if c.kind == kind})
        if kind == "shooter":
            verb = "died" if role == KILLED else "was hurt"
            said.append(f"{outlets_say(outlets, 'says')} the shooter {verb}")
        else:
            said.append(f"{outlets_say(outlets, 'tells')} of a pregnant victim")
    who = " and ".join("the shooter" if kind == "shooter" else "an unborn child" for kind in kinds)
    return _Uncounted(len(kinds), who, "; ".join(said), tuple(told))


def _convention_explains(per_article: _PerArticle, uncounted: _Uncounted) -> bool:
    """Whether every clash of two outlets' tolls closes when the smaller counts the people a toll may
    leave out (`Four people were killed` against `five dead` where the gunman died too), unless both
    tolls say whom they count (`including the gunman`, `besides the gunman`)."""
    clashes = _clashing_pairs(per_article, _tolls_clash)
    return bool(clashes) and all(_closes(a[1][0], b[1][0], uncounted.people) for a, b in clashes)


def _closes(x: FactClaim, y: FactClaim, people: int) -> bool:
    if _says_whom(x) and _says_whom(y):
        return False
    if x.bounds is None or y.bounds is None:
        return False
    low, high = sorted([x.bounds, y.bounds], key=lambda bounds: bounds.low)
    return any(Bounds(low.low + k, low.high + k).overlaps(high) for k in range(1, people + 1))


def _says_whom(claim: FactClaim) -> bool:
    return counts_shooter(claim) or excludes_shooter(claim)


def _tolls_clash(a: Sequence[FactClaim], b: Sequence[FactClaim]) -> bool:
    return not _counts_meet(a[0], b[0]) and _counts_clash(a, b)


def _counts_clash(a: Sequence[FactClaim], b: Sequence[FactClaim]) -> bool:
    # Each article may give a count more than once; they clash when no figure of one allows any of the other.
    return not any(_counts_meet(x, y) for x in a for y in b)


def _counts_meet(x: FactClaim, y: FactClaim) -> bool:
    """Whether two counts of one role can both be true. A count of one kind of people (`four women
    were killed`) is part of a toll of everyone (`six people were killed`) or of another kind: against
    those it is a floor, not a toll."""
    if x.bounds is None or y.bounds is None:
        return True
    return _as_part(x, y).overlaps(_as_part(y, x))


def _as_part(claim: FactClaim, other: FactClaim) -> Bounds:
    assert claim.bounds is not None
    if claim.group is not None and claim.group != other.group:
        return Bounds(claim.bounds.low, math.inf)
    return claim.bounds


def _clashing_claims(
    per_article: _PerArticle, clash: Callable[[Sequence[FactClaim], Sequence[FactClaim]], bool]
) -> list[FactClaim]:
    """The claims of the articles that clash with another outlet's article, in article order."""
    involved: dict[str, list[FactClaim]] = {}
    for (first, first_claims), (second, second_claims) in _clashing_pairs(per_article, clash):
        involved[first.id] = first_claims
        involved[second.id] = second_claims
    return [claim for claims in involved.values() for claim in claims]


def _answers_differ(first: Sequence[FactClaim], second: Sequence[FactClaim]) -> bool:
    """Two articles' answers to one question (read `consistent`: one value each) are not the same."""
    return first[0].value != second[0].value


def _clashing_pairs(
    per_article: _PerArticle, clash: Callable[[Sequence[FactClaim], Sequence[FactClaim]], bool]
) -> list[tuple[tuple[CoverageArticle, list[FactClaim]], tuple[CoverageArticle, list[FactClaim]]]]:
    """Each pair of different outlets' articles whose claims clash, in article order."""
    return [
        (first, second)
        for i, first in enumerate(per_article)
        for second in per_article[i + 1 :]
        if first[0].outlet != second[0].outlet and clash(first[1], second[1])
    ]


# --- time of day -------------------------------------------------------------------------------------


def time_conflicts(context: _Context) -> list[Divergence]:
    """Event times of two outlets that neither allows the other."""
    times = [(a, [t]) for a in context.articles if (t := event_time(context.of(a))) is not None]
    claims = _clashing_claims(times, lambda a, b: times_differ(a[0], b[0]))
    if not claims:
        return []
    summary = f"Outlets give different times for the event: {_told(claims)}{context.later(claims)}."
    return [Divergence("time_conflict", summary, 0.7, _evidence(claims))]


# --- custody and charges -----------------------------------------------------------------------------


def custody_conflicts(context: _Context) -> list[Divergence]:
    """An arrest (or charge) one outlet reports and another says has not happened."""
    per_article = [(a, custody_statuses(context.of(a))) for a in context.articles]
    found = []
    for question in (ARREST, CHARGE):
        statuses = [(a, status[question]) for a, status in per_article]
        yes = [(a, s) for a, s in statuses if s.answer is True]
        no = [(a, s) for a, s in statuses if s.answer is False]
        if yes and no and {a.outlet for a, _ in yes} != {a.outlet for a, _ in no}:
            found.append(_custody_divergence(context, question, yes, no))
    return found


def _custody_divergence(
    context: _Context,
    question: str,
    yes: Sequence[tuple[CoverageArticle, CustodyStatus]],
    no: Sequence[tuple[CoverageArticle, CustodyStatus]],
) -> Divergence:
    yes_outlets = sorted({a.outlet for a, _ in yes})
    no_outlets = sorted({a.outlet for a, _ in no})
    claims = [c for _, s in (*yes, *no) for c in s.evidence]
    if question == ARREST:
        told = (
            f"{outlets_say(yes_outlets, 'reports')} a suspect in custody; "
            f"{outlets_say(no_outlets, 'reports')} no arrest or a suspect still sought"
        )
    else:
        told = (
            f"{outlets_say(yes_outlets, 'reports')} charges; "
            f"{outlets_say(no_outlets, 'says')} no one has been charged"
        )
    return Divergence("custody_conflict", f"{told}{context.later(claims)}.", 0.9, _evidence(claims))


def identity_conflicts(context: _Context) -> list[Divergence]:
    """One outlet names a victim; another says the names have not been released. Mostly an update (the
    name came out between the stories), which the summary makes plain by naming the later outlet."""
    per_article = [(a, identity_status(context.of(a))) for a in context.articles]
    named = [(a, s) for a, s in per_article if s.answer is True]
    naming_outlets = {a.outlet for a, _ in named}
    # An outlet that names the victim in one story and not in another has updated itself.
    withheld = [
        (a, [c for c in s.withheld if any(same_victim(c, n) for _, t in named for n in t.named)])
        for a, s in per_article
        if s.answer is False and a.outlet not in naming_outlets
    ]
    withheld = [(a, claims) for a, claims in withheld if claims]
    if not withheld:
        return []
    given = [
        (a, [n for n in s.named if any(same_victim(c, n) for _, w in withheld for c in w)]) for a, s in named
    ]
    given = [(a, claims[:1]) for a, claims in given if claims]
    named_outlets = sorted({a.outlet for a, _ in given})
    withheld_outlets = sorted({a.outlet for a, _ in withheld})
    names = sorted({c.value for _, claims in given for c in claims})
    claims = [c for _, found in given for c in found] + [c for _, found in withheld for c in found[:1]]
    told = (
        f"{outlets_say(named_outlets, 'names')} the victim ({join_names(names)}); "
        f"{outlets_say(withheld_outlets, 'says')} the name has not been released"
    )
    return [Divergence("identity_conflict", f"{told}{context.later(claims)}.", 0.6, _evidence(claims))]


# --- people ------------------------------------------------------------------------------------------


def age_conflicts(context: _Context) -> list[Divergence]:
    """One named person given different ages by different outlets."""
    found = []
    ages = lambda article: article_ages(context.of(article))  # noqa: E731
    for per_article in _by_subject(context, ages, consistent=True).values():
        claims = _clashing_claims(per_article, lambda a, b: _ages_clash(a, b) and not context.aged(a, b))
        if claims:
            summary = f"Outlets give {claims[0].subject} different ages: {_told(claims)}."
            found.append(Divergence("numeric_conflict", summary, 0.75, _evidence(claims)))
    return found


def role_age_conflicts(context: _Context) -> list[Divergence]:
    """One person named by role only (`her sister`, `the older child`) given ages by two outlets that
    cannot both be true (`3-year-old sister` against `her sister, 2`; `2-year-old` against `22
    months`). Only where every article naming that role gives one age: an article giving a `girl` two
    ages tells of two girls, and says nothing of which the other outlet means."""
    found = []
    read = {a.id: article_role_ages(context.of(a)) for a in context.articles}
    told = {claim.subject for claims in read.values() for claim in claims}
    # `a 2-year-old sibling` in one outlet is the `3-year-old sister` of another's story.
    ages = lambda article: [replace(c, subject=kin_of(c.subject, told)) for c in read[article.id]]  # noqa: E731
    stated = {a.id: ages_stated(context.of(a)) for a in context.articles}

    def clash(a: Sequence[FactClaim], b: Sequence[FactClaim]) -> bool:
        # `his 9-year-old brother` and `his 14-year-old brother` are often two brothers, each the
        # other's: where each article gives the other's age to someone too, the two agree.
        crossed = (
            _whole(b) in stated[a[0].statement.article_id] and _whole(a) in stated[b[0].statement.article_id]
        )
        return _counts_clash(a, b) and not context.aged(a, b) and not crossed

    for per_article in _by_subject(context, ages, consistent=True).values():
        claims = _clashing_claims(per_article, clash)
        if claims:
            summary = f"Outlets give the {claims[0].subject} different ages: {_told(claims)}."
            found.append(Divergence("numeric_conflict", summary, 0.7, _evidence(claims)))
    return found


def victim_age_conflicts(context: _Context) -> list[Divergence]:
    """The one person hurt given ages by two outlets that cannot both be true (`A 2-year-old girl is
    recovering` against `a 1-year-old child was shot`). Only where every article allows a single victim
    and gives that victim one age: with several hurt, two ages are two people."""
    if not context.one_victim:
        return []
    # The victim is described in the lead; further down, ages are of others or of other shootings.
    ages = lambda article: [  # noqa: E731
        claim
        for claim in article_victim_ages(context.of(article))
        if claim.statement.index < LEAD_STATEMENTS and not about_another_incident(claim.statement.text)
    ]
    per_article = _by_subject(context, ages, consistent=True).get("victim", [])
    claims = _clashing_claims(per_article, lambda a, b: _ages_clash(a, b) and not context.aged(a, b))
    if not claims:
        return []
    summary = f"Outlets give the victim different ages: {_told(claims)}{context.later(claims)}."
    return [Divergence("numeric_conflict", summary, 0.7, _evidence(claims))]


# Lists of a group's ages that differ in one age by at most this many years tell of one group.
GROUP_AGE_GAP = 3


def group_age_conflicts(context: _Context) -> list[Divergence]:
    """Two outlets listing the ages of one group that agree but on one age (`ages 9 and 8` against
    `her 10-year-old and 8-year-old`): the same children, one of them given two ages. Lists of other
    lengths, or that differ in more than one age, may be of different groups; an article that lists
    two groups of one size could mean either, and is not compared at that size."""
    lists = {
        a.id: [c for c in article_group_ages(context.of(a)) if not about_another_incident(c.statement.text)]
        for a in context.articles
    }
    compared = {article_id: _one_list_per_size(claims) for article_id, claims in lists.items()}
    given = {article_id: {c.value for c in claims} for article_id, claims in lists.items()}
    clashes: dict[frozenset[str], list[FactClaim]] = {}
    for a, b in combinations(context.articles, 2):
        if a.outlet == b.outlet:
            continue
        for x in compared[a.id]:
            for y in compared[b.id]:
                if _one_age_apart(x.value, y.value) and x.value not in given[b.id]:
                    clashes.setdefault(frozenset({x.value, y.value}), []).extend([x, y])
    found = []
    for claims in clashes.values():
        summary = f"Outlets give the ages of a group differently: {_told(claims)}{context.later(claims)}."
        found.append(Divergence("numeric_conflict", summary, 0.7, _evidence(claims)))
    return found


def _one_list_per_size(claims: Sequence[FactClaim]) -> list[FactClaim]:
    """The article's lists whose size no other list of it shares with other ages."""
    sizes: dict[int, set[str]] = {}
    for claim in claims:
        sizes.setdefault(claim.value.count(","), set()).add(claim.value)
    first: dict[str, FactClaim] = {}
    for claim in claims:
        if len(sizes[claim.value.count(",")]) == 1:
            first.setdefault(claim.value, claim)
    return list(first.values())


def _one_age_apart(first: str, second: str) -> bool:
    """Whether two lists of ages of one size differ in exactly one age, by a few years."""
    a, b = Counter(first.split(", ")), Counter(second.split(", "))
    only_a, only_b = list((a - b).elements()), list((b - a).elements())
    if sum(a.values()) != sum(b.values()) or len(only_a) != 1 or len(only_b) != 1:
        return False
    return abs(int(only_a[0]) - int(only_b[0])) <= GROUP_AGE_GAP


def _whole(claims: Sequence[FactClaim]) -> int | None:
    # An age in months or weeks (`6-month-old`) is never written as a whole year elsewhere.
    value = float(claims[0].value)
    return int(value) if value.is_integer() and value >= 1 else None


# A child and an adult of one name (`5-year-old John Hoffman`, `49-year-old John Ali Hoffman`) are a
# son and his father, not one person given two ages: a misprint changes a digit (23/32, 26/36), it
# does not turn a man of 49 into a boy of 5.
ADULT = 18
GENERATION = 15
# Between adults, a gap this wide is a parent and a child of one name (`Freddy Swiger, 47` and `Freddy
# Donald Swiger, 70`); every misprint judged real differed by ten years or less.
ADULT_GENERATION = 20


def _ages_clash(a: Sequence[FactClaim], b: Sequence[FactClaim]) -> bool:
    if a[0].bounds is None or b[0].bounds is None:
        return False
    first, second = a[0].bounds.low, b[0].bounds.low
    gap = abs(first - second)
    generations = (min(first, second) < ADULT <= max(first, second) and gap >= GENERATION) or (
        gap >= ADULT_GENERATION
    )
    return _counts_clash(a, b) and not generations


def name_conflicts(context: _Context) -> list[Divergence]:
    """One person's name spelled differently by different outlets."""
    by_outlet: dict[str, list[PersonName]] = {}
    for article in context.articles:
        by_outlet.setdefault(article.outlet, []).extend(context.names(article))
    found = []
    for group in spelling_variants(sorted(by_outlet.items())):
        claims = [
            FactClaim(
                "name", name.surname, f"{name.given} {name.surname}", None, name.statement, name.written
            )
            for _, name in group
        ]
        summary = f"Outlets spell a name differently: {_told(claims)}."
        found.append(Divergence("name_conflict", summary, 0.5, _evidence(claims)))
    return found


def relation_conflicts(context: _Context) -> list[Divergence]:
    """One person's partner called a husband by one outlet and a fiancé or boyfriend by another."""
    found, seen = [], set()
    read = lambda article: article_relations(context.of(article), context.names(article))  # noqa: E731
    for per_article in _by_subject(context, read, consistent=True).values():
        claims = _clashing_claims(per_article, _answers_differ)
        # A sentence naming both partners gives the same words for each: one conflict per couple.
        words = frozenset((c.statement.article_id, c.statement.start, c.phrase) for c in claims)
        if claims and words not in seen:
            seen.add(words)
            summary = (
                f"Outlets describe {claims[0].subject}'s partner differently: {_told(claims)}"
                f"{context.later(claims)}."
            )
            found.append(Divergence("relation_conflict", summary, 0.6, _evidence(claims)))
    return found


def condition_conflicts(context: _Context) -> list[Divergence]:
    """All the wounded in critical condition in one outlet, a wounded person's injuries not
    life-threatening in another (or, with one victim, critical against stable)."""
    wounded = _most_wounded(context)
    if wounded is None:
        return []
    conditions = {a.id: article_conditions(context.of(a), context.casualties(a)) for a in context.articles}
    all_grave, some_mild = [], []
    for article in context.articles:
        claims = conditions[article.id]
        grave = [c for c in claims if c.subject == GRAVE and int(c.value) >= wounded]
        mild = [c for c in claims if c.subject == MILD]
        if grave and not mild:
            all_grave.append((article, grave))
        elif mild and (wounded > 1 or not any(c.subject == GRAVE for c in claims)):
            some_mild.append((article, mild))
    if not all_grave or not some_mild or {a.outlet for a, _ in all_grave} == {a.outlet for a, _ in some_mild}:
        return _all_mild_conflicts(context, wounded, conditions)
    claims = [c for _, found in (*all_grave, *some_mild) for c in found]
    everyone = "the one wounded is" if wounded == 1 else "all the wounded are"
    summary = (
        f"Outlets differ on the condition of the wounded: {_told_outlets(all_grave)} {everyone} in critical"
        f" condition (\u201c{all_grave[0][1][0].phrase}\u201d); {_told_outlets(some_mild)}"
        f" \u201c{some_mild[0][1][0].phrase}\u201d{context.later(claims)}."
    )
    return [Divergence("condition_conflict", summary, 0.6, _evidence(claims))]


def _all_mild_conflicts(
    context: _Context, wounded: int, conditions: Mapping[str, Sequence[FactClaim]]
) -> list[Divergence]:
    """The mirror: every wounded person's injuries mild in one outlet (`all suffered non-life-threatening
    injuries`), someone of them in critical condition in another. `conditions`: each article's, as
    `condition_conflicts` read them."""
    if wounded < 2:
        return []  # one victim: critical against stable is the case above
    all_mild, some_grave = [], []
    for article in context.articles:
        claims = conditions[article.id]
        grave = [c for c in claims if c.subject == GRAVE]
        everyone_mild = [c for c in claims if c.subject == MILD and c.value == EVERYONE]
        if everyone_mild and not grave:
            all_mild.append((article, everyone_mild))
        elif grave and not any(c.subject == MILD for c in claims):
            some_grave.append((article, grave))
    if not all_mild or not some_grave or {a.outlet for a, _ in all_mild} == {a.outlet for a, _ in some_grave}:
        return []
    claims = [c for _, found in (*all_mild, *some_grave) for c in found]
    summary = (
        f"Outlets differ on the condition of the wounded: {_told_outlets(all_mild)} none of them"
        f" gravely (\u201c{all_mild[0][1][0].phrase}\u201d); {_told_outlets(some_grave)}"
        f" \u201c{some_grave[0][1][0].phrase}\u201d{context.later(claims)}."
    )
    return [Divergence("condition_conflict", summary, 0.6, _evidence(claims))]


def _most_wounded(context: _Context) -> int | None:
    """How many were wounded at most by the outlets' lead tolls: one where every article allows a single
    victim, None where no article counts the wounded and several may have been hurt."""
    tolls = []
    for article in context.articles:
        lead = [c for c in context.casualties(article) if c.statement.index < LEAD_STATEMENTS]
        # The wounded, else everyone shot (`Four people were shot`), who are at most the wounded.
        toll = lead_count(lead, INJURED)
        toll = lead_count(lead, SHOT) if toll is None else toll
        if toll is not None:
            tolls.append(int(toll))
    several = any(several_hurt(context.of(a)) for a in context.articles)
    if several and max(tolls, default=0) < 2:
        return None  # `a double shooting` told of one victim: who else was hurt is not counted
    if tolls:
        return max(tolls)
    return 1 if context.one_victim else None


def _told_outlets(per_article: _PerArticle) -> str:
    return outlets_say(sorted({a.outlet for a, _ in per_article}), "says")


def survival_conflicts(context: _Context) -> list[Divergence]:
    """One outlet says the only victim died, another that the victim is alive (in hospital, stable)."""
    if not context.one_victim or context.shooter_died():
        return []  # with the shooter dead too, `was killed` may be the shooter's death
    survival = lambda article: article_survival(context.of(article))  # noqa: E731
    # An article saying both `died` and `in critical condition` gives no answer (consistent only).
    answers = _by_subject(context, survival, consistent=True).get("victim", [])
    claims = _clashing_claims(answers, _answers_differ)
    if not claims:
        return []
    summary = f"Outlets differ on whether the victim survived: {_told(claims)}{context.later(claims)}."
    return [Divergence("survival_conflict", summary, 0.85, _evidence(claims))]


# --- wounds ------------------------------------------------------------------------------------------


def wound_conflicts(context: _Context) -> list[Divergence]:
    """Outlets that put a victim's wounds in different places of the body."""
    # Where several people were hurt, two outlets' wounds may be two victims'.
    if not context.one_victim:
        return []
    per_article = []
    for article in context.articles:
        claims = article_wounds(context.of(article))
        if claims and len({c.value for c in claims}) <= MAX_REGIONS:
            per_article.append((article, claims))
    claims = _clashing_claims(
        per_article, lambda a, b: not any(regions_meet(x.value, y.value) for x in a for y in b)
    )
    if not claims:
        return []
    summary = f"Outlets say the victim was hit in different places: {_told(claims)}{context.later(claims)}."
    return [Divergence("wound_conflict", summary, 0.6, _evidence(claims))]


# --- manner ----------------------------------------------------------------------------------------


def manner_conflicts(context: _Context) -> list[Divergence]:
    """One outlet tells the shooting as an accident and another as done on purpose, or one settles the
    manner that another says is still being determined."""
    read = lambda article: article_manner(context.of(article))  # noqa: E731
    answers = _by_subject(context, read, consistent=True).get("shooting", [])
    claims = _clashing_claims(answers, _answers_differ)
    if not claims:
        return []
    question = " or still open" if any(c.value == OPEN for c in claims) else ""
    summary = (
        f"Outlets differ on whether the shooting was an accident{question}: {_told(claims)}"
        f"{context.later(claims)}."
    )
    return [Divergence("manner_conflict", summary, 0.7, _evidence(claims))]


# --- places ----------------------------------------------------------------------------------------


def block_conflicts(context: _Context) -> list[Divergence]:
    """Outlets that put the event on different blocks of one street."""
    blocks = {a.id: article_blocks(context.of(a)) for a in context.articles}
    found = []
    for street, per_article in _by_subject(context, lambda a: blocks[a.id], consistent=True).items():
        claims = _clashing_claims(per_article, _answers_differ)
        if claims:
            summary = (
                f"Outlets give different blocks of {street.title()}: {_told(claims)}{context.later(claims)}."
            )
            found.append(Divergence("place_conflict", summary, 0.6, _evidence(claims)))
    return found + _street_spellings(context, blocks)


def _street_spellings(context: _Context, blocks: Mapping[str, Sequence[FactClaim]]) -> list[Divergence]:
    """One block of a street whose name two outlets spell differently (`the 16400 block of Fairmount`,
    `the 16400 block of Fairmont`): a name a reader checks, as a person's. `blocks`: each article's."""
    by_block: dict[str, dict[str, list[FactClaim]]] = {}
    for article in context.articles:
        for claim in blocks[article.id]:
            by_block.setdefault(claim.value, {}).setdefault(claim.subject, []).append(claim)
    found = []
    for streets in by_block.values():
        names = sorted(streets)
        pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :] if spelt_alike(a, b)]
        for first, second in pairs:
            claims = [replace(c, value=c.subject) for c in (*streets[first], *streets[second])]
            outlets = (
                {c.statement.outlet for c in streets[first]},
                {c.statement.outlet for c in streets[second]},
            )
            if outlets[0] & outlets[1]:
                continue  # one outlet writing both: two streets
            summary = f"Outlets spell a street differently: {_told(claims)}{context.later(claims)}."
            found.append(Divergence("name_conflict", summary, 0.5, _evidence(claims)))
    return found


# --- prospects ---------------------------------------------------------------------------------------


def prospect_conflicts(context: _Context) -> list[Divergence]:
    """One act a named actor will do in one outlet and is unlikely to (or will not) do in another
    (`Trump will meet the Queen` / `he is unlikely to meet Queen Elizabeth II`)."""
    per_outlet: dict[str, list[FactClaim]] = {}
    for article in context.articles:
        per_outlet.setdefault(article.outlet, []).extend(article_prospects(context.of(article)))
    acts: list[list[FactClaim]] = []
    outlets = sorted(per_outlet)
    for i, first in enumerate(outlets):
        for second in outlets[i + 1 :]:
            for a in per_outlet[first]:
                for b in per_outlet[second]:
                    if a.value != b.value and same_act(a, b):
                        _add_to_act(acts, a, b)
    return [_prospect_divergence(context, claims) for claims in acts]


def _add_to_act(acts: list[list[FactClaim]], a: FactClaim, b: FactClaim) -> None:
    for claims in acts:
        if any(same_act(a, c) for c in claims):
            claims.extend(c for c in (a, b) if c not in claims)
            return
    acts.append([a, b])


def _prospect_divergence(context: _Context, claims: Sequence[FactClaim]) -> Divergence:
    likely = sorted({c.statement.outlet for c in claims if c.value == LIKELY})
    unlikely = sorted({c.statement.outlet for c in claims if c.value != LIKELY})
    act, doubt = claims[0].phrase, next(c.phrase for c in claims if c.value != LIKELY)
    summary = (
        f"Outlets disagree whether it will happen: {outlets_say(likely, 'reports')} \u201c{act}\u201d; "
        f"{outlets_say(unlikely, 'reports')} \u201c{doubt}\u201d{context.later(claims)}."
    )
    return Divergence("polarity_conflict", summary, 0.8, _evidence(claims))
