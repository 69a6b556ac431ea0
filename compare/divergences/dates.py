"""Date conflicts: outlets putting the same happening on different days.

Only sentences that name a day can disagree about one, so each outlet's dated sentences are aligned
with another's among themselves: a departure `on Saturday evening` in one account finds the departure
`on Sunday` in another even when the sentences are worded too differently to align among all the
sentences. Real coverage names many days for many happenings, so a pair must also pass what makes two
days one happening:

- the words around each day share a content word (`left Artyom station on Saturday`, `pulled out of
  Artyom ... on Sunday`): the same place, person or action, and not a word of the story's topic (one
  in many of its sentences, `Clinton` in a Clinton story), which every dated sentence shares;
- a day that dates a speech act (`said Friday`, `told CNN Tuesday`) is when someone spoke, and
  different people speak on different days: it is not compared;
- only days are compared (`on Sunday`, `September 17`, not `in July`, which resolves to the first of
  the month), at most a week apart: accounts of one happening disagree by a day or two;
- a day the other outlet also gives in a similar sentence is corroborated, not contradicted;
- a weekday named alone (`on Thursday`) is dated within the week of its article, so two stories a week
  apart date one `Thursday` a week apart, and `Wednesday night` may be the `June 1` another outlet
  gives: a weekday alone never conflicts with a day of the same weekday;
- days of a case's proceedings (a court date, a booking, bail, an autopsy, a vigil) and of the page
  (`Published Friday, July 29`) are not the event's, and a day opening a sentence dates the statement
  its clause ends on (`On Sunday, the police chief said ...`). Of 21 date conflicts over the gva-dev
  tune split, at most two were real when read; these rules leave 9.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from newsprism.compare.divergences.alignment import align_articles, similarity
from newsprism.compare.findings import DateMention
from newsprism.compare.textsim import term_of, words
from newsprism.compare.types import (
    Claim,
    CoverageArticle,
    Divergence,
    Statement,
    claim_of,
    connected,
    join_names,
)

# Dated sentences of two outlets may be about the same happening from this similarity.
DATED = 0.3
# Days further apart than this are different happenings, not a disagreement about one (a weekday
# named by two outlets resolves within a week of each).
MAX_GAP_DAYS = 7
# A word in more than this share of an event's sentences is its topic, not a detail of one happening.
TOPIC_SHARE = 0.1
TOPIC_MIN = 3
# Words either side of a day that say what happened on it.
AROUND = 6
_DAY_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december today yesterday tomorrow tonight morning evening
    afternoon night""".split()
)
_DAY_NAME = re.compile(r"\b(?:" + "|".join(sorted(_DAY_WORDS)) + r")\b")
_DAY_PRECISE = re.compile(
    r"(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b\d{1,2}(?:st|nd|rd|th)?\b"
)
_SPEECH = frozenset(
    """said say says told tell tells reported reports announced announces stated statement statements
    tweeted wrote added insisted claimed confirmed interview briefing conference""".split()
)
_WEEKDAY_ONLY = re.compile(
    r"(?i)(?:on\s+|last\s+|this\s+|early\s+|late\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:['\u2019]s)?(?:\s+(?:morning|afternoon|evening|night))?"
)
# A court date, a booking, a publication line: days of what the story's case went through, or of the
# page, which outlets writing on different days give differently without disagreeing.
_PROCEEDINGS = re.compile(
    r"(?i)\b(?:court|hearing|arraign(?:ed|ment)|complaint|booked|appearance|indictment|sentencing|trial|"
    r"bond|bail|autopsy|vigil|funeral|memorial|published|updated|posted)\b"
)
# How many words before a day may hold the speech act it dates (`said in a statement Friday`).
_SPEECH_REACH = 4


@dataclass(frozen=True, slots=True)
class Happening:
    """A day a statement names, and the content words around it."""

    statement: Statement
    day: str
    around: frozenset[str]
    # Told by a weekday's name alone (`on Thursday`): its date is the one nearest the article's, and an
    # article a week later means another date by the same words.
    weekday_only: bool = False


def date_conflicts(
    articles: Sequence[CoverageArticle], statements: Mapping[str, Sequence[Statement]]
) -> list[Divergence]:
    """One divergence per group of dated statements that give the same happening different days."""
    links: list[tuple[Happening, Happening]] = []
    topic = _topic_words([s for a in articles for s in statements[a.id]])
    for first, second in itertools.combinations(articles, 2):
        if first.outlet != second.outlet:
            pairs = _disagreements(_dated(statements[first.id]), _dated(statements[second.id]))
            links.extend((a, b) for a, b in pairs if (a.around & b.around) - topic)
    return [
        _date_divergence(cluster)
        for cluster in connected(links)
        if len({h.day for h in cluster}) > 1 and len({h.statement.outlet for h in cluster}) > 1
    ]


def _topic_words(statements: Sequence[Statement]) -> frozenset[str]:
    counts = Counter(term for s in statements for term in s.terms)
    # In a handful of sentences every word is frequent: a topic needs a few sentences at least.
    floor = max(TOPIC_MIN, TOPIC_SHARE * len(statements))
    return frozenset(t for t, n in counts.items() if n > floor)


def _dated(statements: Sequence[Statement]) -> list[Statement]:
    # The day names are what may differ: they must neither help nor hurt the alignment.
    return [
        replace(s, terms=s.terms - _DAY_WORDS, masked=_DAY_NAME.sub("@", s.masked))
        for s in statements
        if happenings(s)
    ]


def _disagreements(
    left: Sequence[Statement], right: Sequence[Statement]
) -> list[tuple[Happening, Happening]]:
    links: list[tuple[Happening, Happening]] = []
    for pair in align_articles(left, right, DATED):
        ours, theirs = happenings(pair.left), happenings(pair.right)
        if {h.day for h in ours} & {h.day for h in theirs}:
            continue
        if _corroborated(pair.left, right) or _corroborated(pair.right, left):
            continue
        links.extend((a, b) for a in ours for b in theirs if _one_happening(a, b))
    return links


def _one_happening(a: Happening, b: Happening) -> bool:
    first, second = date.fromisoformat(a.day), date.fromisoformat(b.day)
    if (a.weekday_only or b.weekday_only) and first.weekday() == second.weekday():
        # `Thursday` in a story of the 21st and `Thursday` in one of the 28th; `Wednesday night` and
        # `June 1`, a Wednesday: the same words may name the same day.
        return False
    gap = abs((first - second).days)
    return gap <= MAX_GAP_DAYS and bool(a.around & b.around)


def _corroborated(statement: Statement, others: Sequence[Statement]) -> bool:
    # The other outlet gives this day too, in a sentence close enough to be about the same thing (a
    # port closed on Friday evening): its best match was another happening, not a disagreement.
    days = {h.day for h in happenings(statement)}
    return any(days & {h.day for h in happenings(o)} and similarity(statement, o) >= DATED for o in others)


def happenings(statement: Statement) -> list[Happening]:
    """The days a statement says things happened on, with the words around each; datelines, months
    and the days of speech acts left out."""
    arounds: dict[str, set[str]] = {}
    by_weekday: dict[str, bool] = {}
    for mention in statement.dates:
        if mention.resolved is None or not _DAY_PRECISE.search(mention.text):
            continue
        before, after = _words_around(statement, mention)
        # `On Sunday, Howland Police Chief Nick Roberts said`: a day opening the sentence dates the
        # speech act its clause ends on.
        opening = mention.start - statement.start <= 3
        spoken = set(before[-_SPEECH_REACH:]) | set(after[: AROUND if opening else 2])
        if _dateline(statement, mention.end) or spoken & _SPEECH or _PROCEEDINGS.search(statement.text):
            continue
        day = mention.resolved.isoformat()
        around = arounds.setdefault(day, set())
        around.update(t for w in (*before, *after) if (t := term_of(w)) and t not in _NOT_EVENT)
        by_weekday[day] = (
            by_weekday.get(day, True) and _WEEKDAY_ONLY.fullmatch(mention.text.strip()) is not None
        )
    return [
        Happening(statement, day, frozenset(around), by_weekday[day])
        for day, around in sorted(arounds.items())
    ]


_NOT_EVENT = _DAY_WORDS | _SPEECH | {"according"}


def _words_around(statement: Statement, mention: DateMention) -> tuple[list[str], list[str]]:
    start, end = mention.start - statement.start, mention.end - statement.start
    return words(statement.text[:start])[-AROUND:], words(statement.text[end:])[:AROUND]


def _dateline(statement: Statement, end: int) -> bool:
    # A dateline (`PYONGYANG, September 18 (CNS) -`) is when the story was filed, not when things happened.
    after = statement.text[end - statement.start : end - statement.start + 8]
    return statement.index == 0 and any(mark in after for mark in "(\u2014\u2013")


def _date_divergence(cluster: Sequence[Happening]) -> Divergence:
    seen: dict[tuple[str, str], Claim] = {}
    for happening in sorted(cluster, key=lambda h: (h.statement.outlet, h.day)):
        key = (happening.statement.outlet, happening.day)
        seen.setdefault(key, claim_of(happening.statement, value=happening.day))
    claims = list(seen.values())
    groups: dict[str, set[str]] = {}
    for claim in claims:
        groups.setdefault(str(claim.value), set()).add(claim.outlet)
    told = "; ".join(f"{join_names(sorted(outlets))} {day}" for day, outlets in sorted(groups.items()))
    summary = f"Outlets date the same happening differently: {told}."
    return Divergence("date_conflict", summary, 0.6, tuple(claims))
