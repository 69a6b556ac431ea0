"""Events: groups of articles from any outlets that cover the same story, built incrementally.

Each article becomes a small weighted term profile (title and lead weigh more than the body; named
entities, numbers and quoted words are terms too). Candidates come from an inverted index of each
article's most distinctive terms, scanned newest first inside a time window, so grouping stays
roughly linear in the number of articles; only a handful of candidates get an exact cosine. A copy (the
stored `syndicated_from`, or a near-identical text at another outlet, `newsprism.compare.copies`) joins
the event of its original and adds nothing to the index, so it counts once; a copy link reaches no
further than the window. Lines a batch shows to be site furniture are no article's words.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import math
import re
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from newsprism.compare.article.gazetteer import ORG_WORDS, PLACE_HEADS, PLACE_TAILS
from newsprism.compare.copies import NO_FURNITURE, CopyLinker, SiteFurniture, copy_links
from newsprism.compare.textsim import content_words, term_counts, term_of, words
from newsprism.compare.types import CoverageArticle

TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
ENTITY_WEIGHT = 1.0
# Quoted word pairs shared by two articles add to their similarity; as profile terms they would
# crowd out the story's words (every article quotes someone), so they are a bonus instead.
QUOTE_BONUS = 0.1
QUOTE_PAIRS_FOR_FULL_BONUS = 8
LEAD_CHARS = 600
BODY_CHARS = 4000
PROFILE_TERMS = 80
SIGNATURE_TERMS = 12
POSTINGS_SCANNED = 40
RERANKED = 8
# Cosine similarity from which an article joins an event (tuned on PAC, see docs/comparison.md).
JOIN_THRESHOLD = 0.15
# From this similarity one member is enough; below it the article must resemble the event's other
# members too (COHESION on average over at most COHESION_SAMPLE of them).
CONFIDENT = 0.3
COHESION = 0.1
COHESION_SAMPLE = 6
WINDOW_DAYS = 3.0
# Beyond the window the similarity needed grows, until MAX_DAYS where no match is possible.
MAX_DAYS = 10.0
# A follow-up (a charge, a plea, a ruling, a trial) comes weeks or months after its event, past the
# window that keeps one day's stories apart; what ties it to the event is the people in it. An article
# that matched nothing in the window joins an event of the last FOLLOW_UP_DAYS that names the same
# people by given name and surname (`person_key`: one outlet's "Douglas Shine Jr." is another's
# "Douglas Shine"), names this rare (in at most FOLLOW_UP_NAME_SHARE of the articles seen, and
# never fewer than FOLLOW_UP_NAME_DOCS), when its words resemble the event's (time aside): at least
# FOLLOW_UP_SIMILARITY when it shares FOLLOW_UP_NAMES of them, at least FOLLOW_UP_ONE_NAME_SIMILARITY
# when it shares one that no other event names. A city's police spokesman is named in many stories; a
# victim and the accused in one story's.
FOLLOW_UP_DAYS = 400.0
FOLLOW_UP_NAMES = 2
FOLLOW_UP_NAME_SHARE = 0.0005
FOLLOW_UP_NAME_DOCS = 6
# A person named on more pages than that is still a story's while one event alone names them: an
# officer on trial for a boy's death is named on a dozen pages of that story over two years, a
# politician or a county's prosecutor in many stories.
FOLLOW_UP_NAME_EVENTS = 1
FOLLOW_UP_SIMILARITY = 0.15
FOLLOW_UP_ONE_NAME_SIMILARITY = 0.25
# Inside the window one rare person in common says more: a page of the same days that names the victim
# of an event (an update of the outlet's own story, a portrait, a vigil) joins it from this likeness,
# under JOIN_THRESHOLD and whatever the outlet, where its other words are its own.
WINDOW_ONE_NAME_SIMILARITY = 0.12
# Three rare people named in common (a victim, the accused, a witness) tie a follow-up to its event
# even when its words are the court's, not the scene's (`pleaded not guilty`, `affidavit`).
FOLLOW_UP_MANY_NAMES = 3
FOLLOW_UP_MANY_NAMES_SIMILARITY = 0.05
# Words that make a two-word "name" a place or an institution, not a person ("Grand Rapids" aside, which
# rarity handles): the tagger reads "South Shore", "Cook County Medical Examiner" and "Bernard
# Hospital" as people, and each is named in many stories of one city.
NOT_PERSON_WORDS = frozenset(word.lower() for word in ORG_WORDS | PLACE_HEADS | PLACE_TAILS) | frozenset(
    """hospital center centre medical examiner police sheriff stoppers wire report messages side north
    south east west northeast northwest southeast southwest unit media city""".split()
)
# Words before a name that make it an agency's or the outlet's voice: a police spokesman, a sheriff,
# a county's coroner or the outlet's reporter is named in many stories of one place, so such a name ties
# no story to another. (Detectives and sergeants are left out: the one on a case is named in its
# follow-ups.)
OFFICIAL_WORDS = frozenset(
    """spokesman spokeswoman spokesperson chief sheriff mayor coroner examiner commissioner by reporter
    photographer""".split()
)
# A house number or a block and a street ("3006 Holton Avenue", "the 1400 block of Gherald"): a house
# number counts with a kind of street (STREET_KINDS) after the street's name, a block without.
_STREET_ADDRESS = re.compile(
    r"\b(?P<number>\d{2,6})\s+(?P<block>block\s+of\s+(?:the\s+)?)?(?:[NSEW]\.?\s+|(?:North|South|East|West)\s+)?"
    r"(?P<street>\d+(?:st|nd|rd|th)|[A-Z][a-z]+)(?P<rest>(?:\s+[A-Z][a-z]+\.?){0,2})"
)
ADDRESSES_OF_ONE_INCIDENT = 2
STREET_KINDS = frozenset(
    "street st avenue ave road rd drive dr lane ln boulevard blvd court ct way place circle parkway terrace "
    "highway trail".split()
)
# The grouping terms (`term_of`) of which a page giving an address holds one: "block" or a kind of street.
ADDRESS_WORDS = STREET_KINDS | {"block"}
# What follows a surname to tell a father from a son: left out of `person_key`.
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
_LAST_WORD = re.compile(r"([A-Za-z]+)\.?\s+$")
# How a round-up of several incidents says so in its title or lead.
ROUND_UP = re.compile(
    r"\b(?:separate|unrelated)\s+(?:\w+\s+){0,2}(?:shootings|incidents|attacks|stabbings|crashes|fires)\b"
    r"|\b(?:shootings|violence|crime)\s+(?:across|around|throughout)\s+(?:the\s+)?(?:city|region|area|county|metro)\b"
    r"|\bcitywide\b|\bcity\W?s\s+\w+\s+(?:and|&)\s+\w+\s+sides\b",
    re.IGNORECASE,
)
# One of these is in every text ROUND_UP finds: the cheap look before it.
ROUND_UP_WORDS = ("separate", "unrelated", "across", "around", "throughout", "citywide", "sides")
# A copy is near-identical text, so its profile is near-identical too: below this similarity to its
# best candidate no text comparison is made.
COPY_SIMILARITY = 0.6
_DAY = 86_400.0

Profile = dict[int, float]
EncodedTerms = tuple["array[int]", "array[float]"]


@dataclass(frozen=True, slots=True)
class EventAssignment:
    """Where `EventGrouper.add` put an article: the event key and the similarity that decided it."""

    key: str
    similarity: float


@dataclass(slots=True)
class EventGroup:
    """One event: a stable key, a readable title, its articles and how similar each was on joining, and
    which of them are copies of which (copy id -> original id)."""

    key: str
    title: str
    article_ids: list[str]
    similarities: dict[str, float] = field(default_factory=dict)
    copies: dict[str, str] = field(default_factory=dict)


class TermStats:
    """A term vocabulary with document frequencies, so that rare shared terms weigh more than common ones.

    Terms are kept as small integers and an article's terms as two arrays, so that the terms of 100k
    articles fit in a few hundred megabytes.
    """

    def __init__(self) -> None:
        self.documents = 0
        self._ids: dict[str, int] = {}
        self._frequency = array("i")

    def encode(self, terms: Mapping[str, float]) -> EncodedTerms:
        """The article's terms as (term ids, weights), adding unseen terms to the vocabulary."""
        known, frequency = self._ids, self._frequency
        for term in [term for term in terms if term not in known]:  # new ids in the terms' order
            known[term] = len(frequency)
            frequency.append(0)
        return array("i", map(known.__getitem__, terms)), array("f", terms.values())

    def count(self, ids: Iterable[int]) -> None:
        """Count one document containing the terms `ids` (each once)."""
        self.documents += 1
        frequency = self._frequency
        for term in ids:
            frequency[term] += 1

    def known(self, term: str) -> int | None:
        """The id of `term`, None for a term never encoded."""
        return self._ids.get(term)

    @property
    def terms(self) -> int:
        """How many terms the vocabulary holds."""
        return len(self._frequency)

    def frequency(self, term: str) -> int:
        """How many counted documents hold `term` (0 for a term never encoded)."""
        known = self._ids.get(term)
        return 0 if known is None else self._frequency[known]

    def idf(self, term: int) -> float:
        return math.log((self.documents + 1) / (self._frequency[term] + 1)) + 1.0

    def idfs(self) -> list[float]:
        """Every term's `idf`, by term id."""
        documents = self.documents + 1
        return [math.log(documents / (frequency + 1)) + 1.0 for frequency in self._frequency]


# What grouping reads of an article's analysis (entity names, direct quotes): a caller that loads
# findings for grouping alone may leave the other kinds out.
GROUPING_FINDINGS = ("attributions", "entities")
# Raised with every change that makes grouping give other events for the same articles: stored events
# are regrouped when it differs from the one they were grouped with, though no article changed.
GROUPING_REVISION = 5


def raw_terms(article: CoverageArticle, furniture: SiteFurniture = NO_FURNITURE) -> dict[str, float]:
    """Zone-weighted term counts of an article: title, lead and body words (furniture left out),
    entities, quotes."""
    terms: defaultdict[str, float] = defaultdict(float)
    _add_scaled(terms, term_counts(article.title), TITLE_WEIGHT)
    text = furniture.story_text(article.text, BODY_CHARS)
    lead, body = text[:LEAD_CHARS], text[LEAD_CHARS:BODY_CHARS]
    _add_scaled(terms, term_counts(lead), LEAD_WEIGHT)
    _add_scaled(terms, term_counts(body), 1.0)
    entities = {e.canonical.lower() for e in article.analysis.entities if e.canonical}
    _add_scaled(terms, Counter(f"e:{name}" for name in entities), ENTITY_WEIGHT)
    return dict(terms)


def _add_scaled(into: defaultdict[str, float], counts: Counter[str], weight: float) -> None:
    if weight <= 0:
        return
    for term, n in counts.items():
        into[term] += n * weight


def full_names(article: CoverageArticle, furniture: SiteFurniture = NO_FURNITURE) -> frozenset[str]:
    """The people an article names with given name and surname, as its entity terms are keyed, but for
    those it names as officials or as its own staff (`OFFICIAL_WORDS` before a mention), and those
    named in its page furniture only (a byline box's "Get email notifications on Jane Roe")."""
    people = [e for e in article.analysis.entities if e.label == "PERSON" and e.canonical]
    # Each name judged once, and a mention looked at only while its name could still count.
    persons = {name for name in {e.canonical for e in people} if _looks_like_a_person(name)}
    officials: set[str] = set()
    in_story: set[str] = set()
    furniture_lines: dict[int, bool] = {}  # by where the line starts: a line names several people
    for e in people:
        if e.canonical not in persons or e.canonical in officials:
            continue
        if _after_official_word(article.text, e.start):
            officials.add(e.canonical)
        elif e.canonical not in in_story and not _in_furniture(
            article.text, e.start, furniture, furniture_lines
        ):
            in_story.add(e.canonical)
    return frozenset(name.lower() for name in in_story - officials)


def _in_furniture(text: str, start: int, furniture: SiteFurniture, seen: dict[int, bool]) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    if line_start not in seen:
        line_end = text.find("\n", start)
        line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
        seen[line_start] = furniture.is_furniture(line)
    return seen[line_start]


def street_addresses(article: CoverageArticle) -> frozenset[str]:
    """The street addresses an article gives in its first BODY_CHARS, as a house number or a block and
    the street's first word ("@3006 holton" for "3006 Holton Avenue"): a place of one incident, which
    ties its pages as a rare person does (see FOLLOW_UP_DAYS); none when it gives more than
    ADDRESSES_OF_ONE_INCIDENT.

    >>> sorted(street_addresses(CoverageArticle("1", "D", "u", "", "in the 1400 block of Gherald Street")))
    ['@1400 gherald']
    """
    found = set()
    for match in _STREET_ADDRESS.finditer(article.text, 0, BODY_CHARS):
        rest = match.group("rest").lower().replace(".", "").split()
        if match.group("block") or STREET_KINDS.intersection(rest):
            found.add(f"@{match.group('number')} {match.group('street').lower()}")
    # A page that gives more lists several incidents (a round-up): none of its addresses is its story's.
    return frozenset(found) if len(found) <= ADDRESSES_OF_ONE_INCIDENT else frozenset()


def person_key(name: str) -> str:
    """A person as follow-ups are matched: given name and surname, for one outlet gives a middle name or
    a suffix that another leaves out ("Douglas Shine Jr.", "Makanzee Selena Oldham").

    >>> person_key("douglas shine jr."), person_key("makanzee selena oldham")
    ('douglas shine', 'makanzee oldham')
    """
    parts = [part for part in name.split() if part.strip(".,").lower() not in NAME_SUFFIXES]
    return f"{parts[0]} {parts[-1]}" if len(parts) > 1 else name


def _after_official_word(text: str, start: int) -> bool:
    before = _LAST_WORD.search(text, max(0, start - 30), start)
    return before is not None and before.group(1).lower() in OFFICIAL_WORDS


def _looks_like_a_person(name: str) -> bool:
    parts = name.split()
    return len(parts) >= 2 and not any(part.strip(".,'\u2019").lower() in NOT_PERSON_WORDS for part in parts)


def is_round_up(article: CoverageArticle, furniture: SiteFurniture = NO_FURNITURE) -> bool:
    """Whether the article is a round-up of several incidents ("in separate shootings", "violence
    across the city"), by its title and lead.

    >>> is_round_up(CoverageArticle("1", "Desk", "u", "5 shot in separate attacks", ""))
    True
    """
    head = f"{article.title}\n{article.text[:BODY_CHARS]}".lower()
    if not any(word in head for word in ROUND_UP_WORDS):  # most pages: no regular expression to run
        return False
    lead = furniture.story_text(article.text[:BODY_CHARS], LEAD_CHARS)
    return ROUND_UP.search(f"{article.title}\n{lead}") is not None


def quote_pairs(article: CoverageArticle) -> frozenset[int]:
    """Hashes of the word pairs in the article's direct quotes: the same words quoted is strong evidence."""
    pairs: set[int] = set()
    for quote in article.analysis.attributions:
        if quote.kind in ("direct", "mixed"):
            said = [t for t in map(term_of, words(quote.content)) if t is not None]
            pairs.update(zlib.crc32(f"{a} {b}".encode()) for a, b in itertools.pairwise(said))
    return frozenset(pairs)


def event_key(article: CoverageArticle) -> str:
    """The stable key of the event an article founds: a short hash of its URL (else its id)."""
    return hashlib.sha1((article.url or article.id).encode("utf-8")).hexdigest()[:16]


def timestamp(published: datetime | None) -> float | None:
    """Seconds since the epoch; a naive datetime is taken as UTC."""
    if published is None:
        return None
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published.timestamp()


def time_factor(a: float | None, b: float | None) -> float:
    """How much publication dates allow a match: 1 inside the window, fading to 0 at MAX_DAYS."""
    if a is None or b is None:
        return 1.0
    days = abs(a - b) / _DAY
    if days <= WINDOW_DAYS:
        return 1.0
    return max(0.0, 1.0 - (days - WINDOW_DAYS) / (MAX_DAYS - WINDOW_DAYS))


def cosine(a: Profile, b: Profile) -> float:
    """Cosine similarity of two unit-length profiles."""
    return sum([a[t] * b[t] for t in a.keys() & b.keys()])


class EventGrouper:
    """Assigns articles one at a time to events; the same articles in the same order give the same events.

    Pass `stats` computed over the whole batch (as `group_articles` does) for stable term weights;
    without it the grouper learns document frequencies as articles arrive. `copies` knows the batch's
    site furniture (none when not given) and judges copy links.
    """

    def __init__(self, stats: TermStats | None = None, copies: CopyLinker | None = None) -> None:
        self._stats = stats or TermStats()
        self._learning = stats is None
        self.copies = copies or CopyLinker(NO_FURNITURE, WINDOW_DAYS)
        self._articles: list[CoverageArticle] = []
        self._placed: dict[str, CoverageArticle] = {}
        self._copy_of: dict[str, str] = {}
        # An indexed page -> the first page of its event showing the same text (when not itself).
        self._first_showing: dict[int, int] = {}
        self._postings: defaultdict[int, list[int]] = defaultdict(list)
        self._profiles: list[Profile] = []
        self._times: list[float | None] = []
        self._quotes: dict[int, frozenset[int]] = {}
        self._event_of: list[int] = []
        self._event_articles: list[list[int]] = []
        self._event_keys: list[str] = []
        self._event_by_article: dict[str, int] = {}
        self._events_naming: defaultdict[str, set[int]] = defaultdict(set)
        self._event_latest: list[float | None] = []
        self.members: list[list[tuple[CoverageArticle, float]]] = []
        self._idf: list[float] | None = None

    def add(self, article: CoverageArticle, terms: EncodedTerms | None = None) -> EventAssignment:
        """Put `article` into the most similar recent event, or start a new one.

        `terms` are the article's `stats.encode(raw_terms(article, furniture))` when the caller has them
        already.
        """
        original = self._placed.get(
            self._copy_of.get(article.syndicated_from or "", article.syndicated_from or "")
        )
        if original is not None and self.copies.stands(article, original):
            return self._join_as_copy(article, original, 1.0)
        terms = terms if terms is not None else self._stats.encode(raw_terms(article, self.copies.furniture))
        if self._learning:
            self._stats.count(terms[0])
        profile, quotes = self._profile(terms), quote_pairs(article)
        signature = _signature(profile)
        moment = timestamp(article.published)
        event, similarity, nearest = self._best_event(article, profile, signature, quotes, moment)
        if nearest is not None and self._copies(article, nearest, similarity):
            return self._join_as_copy(article, self._articles[nearest], similarity)
        shown = nearest if nearest is not None and self._same_page(article, profile, nearest) else None
        names = full_names(article, self.copies.furniture)
        if self._may_give_an_address(terms):
            names |= street_addresses(article)
        if event is None:
            event, similarity = self._followed_event(article, profile, names, moment)
        if event is None:
            event, similarity = self._start_event(article), 1.0
        # A round-up joins the incident it resembles most but attracts no page: every incident it
        # lists would resemble it, and through it each other.
        if not is_round_up(article, self.copies.furniture):
            if shown is not None:  # see `_repeats`
                self._first_showing[len(self._profiles)] = self._first_showing.get(shown, shown)
            self._index(article, profile, signature, quotes, moment, event)
            self._index_names(names, moment, event)
        return self._join(article, event, similarity)

    def _may_give_an_address(self, terms: EncodedTerms) -> bool:
        # Most pages name no street: their words tell so for less than a search of their text.
        known = self._stats.known
        marks = {known(word) for word in ADDRESS_WORDS} - {None}
        return not marks.isdisjoint(terms[0])

    def _copies(self, article: CoverageArticle, nearest: int, similarity: float) -> bool:
        """Whether `article` copies its most similar member (an original: copies are not indexed)."""
        return similarity >= COPY_SIMILARITY and self.copies.is_copy(article, self._articles[nearest])

    def _join_as_copy(
        self, copy: CoverageArticle, original: CoverageArticle, similarity: float
    ) -> EventAssignment:
        # `original` is a first original (never a copy itself), so every copy link stays inside the window
        # of the article it names, and a copy of a copy counts once too.
        self._copy_of[copy.id] = original.id
        return self._join(copy, self._event_by_article[original.id], similarity)

    def groups(self) -> list[EventGroup]:
        """The events so far, in the order they were founded."""
        return [self._group(index) for index in range(len(self._event_keys))]

    def _profile(self, terms: EncodedTerms) -> Profile:
        idf = self._stats.idf if self._learning else self._idf_table()
        scored = [math.log1p(n) * idf(t) for t, n in zip(*terms, strict=True)]
        # Heaviest first (`_signature` takes the first terms). sorted()[:n] is what heapq.nlargest returns,
        # ties included, without its Python-level loop.
        top = sorted(zip(scored, terms[0], strict=True), reverse=True)[:PROFILE_TERMS]
        norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
        return {term: w / norm for w, term in top}

    def _idf_table(self) -> Callable[[int], float]:
        # Term weights are fixed when the statistics come from the whole batch: each term's idf once,
        # not once per article that has it.
        if self._idf is None or len(self._idf) < self._stats.terms:  # terms encoded since
            self._idf = self._stats.idfs()
        return self._idf.__getitem__

    def _best_event(
        self,
        article: CoverageArticle,
        profile: Profile,
        signature: list[int],
        quotes: frozenset[int],
        moment: float | None,
    ) -> tuple[int | None, float, int | None]:
        """The event to join, the similarity that decided it and the member that gave it."""
        best: dict[int, tuple[float, int]] = {}
        for candidate in self._candidates(profile, signature, moment):
            similarity = self._similarity(profile, quotes, moment, candidate)
            event = self._event_of[candidate]
            if similarity > best.get(event, (0.0, -1))[0] and self._may_join(
                article, profile, moment, candidate, similarity
            ):
                best[event] = (similarity, candidate)
        # Most similar first; ties go to the older event, so the outcome does not depend on candidate order.
        for event, (similarity, candidate) in sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0])):
            if similarity >= CONFIDENT or self._coheres(profile, moment, event, candidate):
                return event, similarity, candidate
        return None, 0.0, None

    def _may_join(
        self,
        article: CoverageArticle,
        profile: Profile,
        moment: float | None,
        candidate: int,
        similarity: float,
    ) -> bool:
        """Whether a candidate's similarity may put the article into the candidate's event.

        A page of the same outlet counts from CONFIDENT only: an outlet's pages of one day share its
        template and its beat (a city's shootings in the same words), not only its stories.
        """
        if similarity < JOIN_THRESHOLD:
            return False
        if similarity < CONFIDENT and self._articles[candidate].outlet == article.outlet:
            return False
        return not self._repeats(article, profile, moment, candidate)

    def _repeats(self, article: CoverageArticle, profile: Profile, moment: float | None, member: int) -> bool:
        """Whether `article` shows the text of `member` again more than the window after the first page
        of its event that showed it: the site repeating itself (a pop-up, a standing page), not news of
        that story. Near-identical pages never make an event longer than the window, step by step
        inside it or at once."""
        first = self._times[self._first_showing.get(member, member)]
        if moment is None or first is None or abs(moment - first) <= WINDOW_DAYS * _DAY:
            return False
        return self._same_page(article, profile, member)

    def _same_page(self, article: CoverageArticle, profile: Profile, member: int) -> bool:
        # Near-identical texts have near-identical profiles, or (when furniture is most of them) most
        # lines in common: the texts are compared word by word only then.
        other = self._articles[member]
        if cosine(profile, self._profiles[member]) < COPY_SIMILARITY and not self.copies.lines_alike(
            article, other
        ):
            return False
        return self.copies.same_page(article, other)

    def _similarity(
        self, profile: Profile, quotes: frozenset[int], moment: float | None, candidate: int
    ) -> float:
        similarity = cosine(profile, self._profiles[candidate])
        if quotes and candidate in self._quotes:
            shared = len(quotes & self._quotes[candidate])
            if shared >= QUOTE_PAIRS_FOR_FULL_BONUS // 2:
                similarity += QUOTE_BONUS * min(1.0, shared / QUOTE_PAIRS_FOR_FULL_BONUS)
        return similarity * time_factor(moment, self._times[candidate])

    def _story_people(self, names: frozenset[str]) -> tuple[set[str], set[str]]:
        """The `person_key`s of the names that may tie a follow-up (see FOLLOW_UP_DAYS): those rare
        enough (a person named two ways is when each way is), and those named on more pages but by one
        event alone so far (see FOLLOW_UP_NAME_EVENTS)."""
        rare_limit = max(FOLLOW_UP_NAME_DOCS, FOLLOW_UP_NAME_SHARE * self._stats.documents)
        ways: defaultdict[str, list[str]] = defaultdict(list)
        for name in names:
            ways[person_key(name)].append(name)
        rare, told_often = set(), set()
        for person, spelled in ways.items():
            if all(self._stats.frequency(f"e:{name}") <= rare_limit for name in spelled):
                rare.add(person)
            elif len(self._events_naming.get(person, ())) <= FOLLOW_UP_NAME_EVENTS:
                told_often.add(person)
        return rare, told_often

    def _followed_event(
        self, article: CoverageArticle, profile: Profile, names: frozenset[str], moment: float | None
    ) -> tuple[int | None, float]:
        """The earlier event this article follows up, by the rare people both name (see FOLLOW_UP_DAYS)."""
        if moment is None:
            return None, 0.0
        rare, told_often = self._story_people(names)
        shared: Counter[int] = Counter()
        # Events named by one of the people alone among all events: a person of one story, not one who
        # recurs across stories (a politician, a county's prosecutor).
        sole: set[int] = set()
        for person in rare:
            events = self._events_naming.get(person, set())
            shared.update(events)
            if len(events) == 1:
                sole.update(events)
        # A person named on many pages adds to a tie that a rare one makes, never makes one alone: every
        # page that a name of the site's (a byline, a copyright line read as a name) tied to one event
        # would leave it named by that one event, and the next page would follow.
        for person in told_often:
            shared.update(event for event in self._events_naming.get(person, ()) if event in shared)
        best: tuple[int | None, float] = (None, 0.0)
        for event, count in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
            latest = self._event_latest[event]
            if latest is None or abs(moment - latest) > FOLLOW_UP_DAYS * _DAY:
                continue
            needed = _likeness_needed(count, event in sole, abs(moment - latest) <= WINDOW_DAYS * _DAY)
            if needed is None:
                continue
            similarity, nearest = max(
                (cosine(profile, self._profiles[a]), a) for a in self._event_articles[event]
            )
            if (
                similarity >= needed
                and similarity > best[1]
                and not self._repeats(article, profile, moment, nearest)
            ):
                best = (event, similarity)
        return best

    def _index_names(self, names: frozenset[str], moment: float | None, event: int) -> None:
        for name in names:
            self._events_naming[person_key(name)].add(event)
        latest = self._event_latest[event]
        if moment is not None and (latest is None or moment > latest):
            self._event_latest[event] = moment

    def _coheres(self, profile: Profile, moment: float | None, event: int, candidate: int) -> bool:
        # A weak match to one member of a larger event is how topics chain (two gun-law opinion pieces
        # of one day, then a third on the NRA): the article must also resemble the event's other
        # members on average. Bounded: the most recent few members only.
        others = [a for a in self._event_articles[event] if a != candidate][-COHESION_SAMPLE:]
        if not others:
            return True
        mean = sum(cosine(profile, self._profiles[a]) * time_factor(moment, self._times[a]) for a in others)
        return mean / len(others) >= COHESION

    def _candidates(self, profile: Profile, signature: list[int], moment: float | None) -> list[int]:
        scores: defaultdict[int, float] = defaultdict(float)
        oldest = -math.inf if moment is None else moment - MAX_DAYS * _DAY
        for term in signature:
            self._scan(self._postings.get(term, ()), profile[term], oldest, scores)
        return sorted(scores, key=lambda c: (scores[c], -c), reverse=True)[:RERANKED]

    def _scan(
        self, posting: Sequence[int], weight: float, oldest: float, scores: defaultdict[int, float]
    ) -> None:
        # Newest first, until the first article published before `oldest`: runs once per signature
        # term of every article, so its names are local.
        times = self._times
        for candidate in reversed(posting[-POSTINGS_SCANNED:]):
            seen = times[candidate]
            if seen is not None and seen < oldest:
                break
            scores[candidate] += weight

    def _index(
        self,
        member: CoverageArticle,
        profile: Profile,
        signature: list[int],
        quotes: frozenset[int],
        moment: float | None,
        event: int,
    ) -> None:
        article = len(self._profiles)
        self._articles.append(member)
        if quotes:
            self._quotes[article] = quotes
        self._profiles.append(profile)
        self._times.append(moment)
        self._event_of.append(event)
        self._event_articles[event].append(article)
        for term in signature:
            self._postings[term].append(article)

    def _start_event(self, article: CoverageArticle) -> int:
        self._event_keys.append(event_key(article))
        self._event_articles.append([])
        self._event_latest.append(None)
        self.members.append([])
        return len(self._event_keys) - 1

    def _join(self, article: CoverageArticle, event: int, similarity: float) -> EventAssignment:
        self.members[event].append((article, round(similarity, 4)))
        self._event_by_article[article.id] = event
        self._placed[article.id] = article
        return EventAssignment(self._event_keys[event], round(similarity, 4))

    def _group(self, event: int) -> EventGroup:
        members = self.members[event]
        return EventGroup(
            key=self._event_keys[event],
            title=representative_title([article for article, _ in members]),
            article_ids=[article.id for article, _ in members],
            similarities={article.id: similarity for article, similarity in members},
            copies={
                article.id: self._copy_of[article.id] for article, _ in members if article.id in self._copy_of
            },
        )


def _likeness_needed(people: int, sole: bool, in_window: bool) -> float | None:
    """The likeness a follow-up needs to join an event with which it shares `people` rare people (or
    places), one of them named by that event alone when `sole`; None when they tie nothing."""
    if people >= FOLLOW_UP_MANY_NAMES:
        return FOLLOW_UP_MANY_NAMES_SIMILARITY
    if people >= FOLLOW_UP_NAMES:
        return FOLLOW_UP_SIMILARITY
    if sole:
        return WINDOW_ONE_NAME_SIMILARITY if in_window else FOLLOW_UP_ONE_NAME_SIMILARITY
    return None


def _signature(profile: Profile) -> list[int]:
    """The article's heaviest terms: what the inverted index files it under and searches it by.

    A profile holds its terms heaviest first (see `EventGrouper._profile`), so they are its first.
    """
    return list(itertools.islice(profile, SIGNATURE_TERMS))


def representative_title(articles: Sequence[CoverageArticle]) -> str:
    """The member title that shares most words with the other titles (wire copies count once)."""
    originals = [a for a in articles if not a.syndicated_from and a.title.strip()] or list(articles)
    sample = originals[:50]
    vocab = [content_words(a.title) for a in sample]

    def shared(index: int) -> float:
        mine = vocab[index]
        return sum(len(mine & other) / (len(mine | other) or 1) for other in vocab) if mine else -1.0

    best = max(range(len(sample)), key=lambda i: (shared(i), -i), default=None)
    return sample[best].title.strip() if best is not None else ""


def publication_order(article: CoverageArticle) -> tuple[int, float, tuple[int, int, str]]:
    """Sort key: dated articles by time, then undated ones; ties by id (numeric ids as numbers)."""
    moment = timestamp(article.published)
    ident = (0, int(article.id), "") if article.id.isdigit() else (1, 0, article.id)
    return (0 if moment is not None else 1, moment or 0.0, ident)


def group_articles(articles: Iterable[CoverageArticle]) -> list[EventGroup]:
    """Group articles into events from scratch; deterministic, so re-grouping keeps event keys.

    >>> [g.article_ids for g in group_articles([])]
    []
    """
    # Grouping builds millions of small dicts and no reference cycles; the cyclic collector would
    # rescan them all again and again, which made 100k articles take 15x the time of 10k.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _group(articles)
    finally:
        if collecting:
            gc.enable()


def _group(articles: Iterable[CoverageArticle]) -> list[EventGroup]:
    ordered = sorted(articles, key=publication_order)
    furniture = SiteFurniture.learn(((a.text, timestamp(a.published)) for a in ordered), WINDOW_DAYS)
    copies = CopyLinker(furniture, WINDOW_DAYS)
    stats = TermStats()
    counted = [stats.encode(raw_terms(article, furniture)) for article in ordered]
    by_id = {article.id: article for article in ordered}
    for article, terms in zip(ordered, counted, strict=True):
        original = by_id.get(article.syndicated_from or "")
        if original is None or not copies.stands(article, original):  # a copy's words count once
            stats.count(terms[0])
    grouper = EventGrouper(stats, copies)
    _add_in_order(grouper, list(zip(ordered, counted, strict=True)))
    return grouper.groups()


def link_copies(articles: Sequence[CoverageArticle]) -> list[CoverageArticle]:
    """The articles of one event with their copy links (`syndicated_from`): the stored ones that stand
    and near-identical texts of other outlets inside the window, each linked to its first original;
    a stored link to an article outside `articles` is left as it is.
    """
    ordered = sorted(articles, key=publication_order)
    ids = {article.id for article in articles}
    stored = {a.id: a.syndicated_from for a in articles if a.syndicated_from in ids and a.syndicated_from}
    links = copy_links(ordered, CopyLinker(NO_FURNITURE, WINDOW_DAYS), stored)
    return [
        article
        if article.syndicated_from and article.syndicated_from not in ids
        else replace(article, syndicated_from=links.get(article.id))
        for article in articles
    ]


def _add_in_order(grouper: EventGrouper, items: Sequence[tuple[CoverageArticle, EncodedTerms]]) -> None:
    # A wire copy published no later than its original waits for it, so that it joins its event.
    present = {article.id for article, _ in items}
    waiting: defaultdict[str, list[tuple[CoverageArticle, EncodedTerms]]] = defaultdict(list)
    placed: set[str] = set()
    for item in items:
        source = item[0].syndicated_from
        if source and source in present and source not in placed:
            waiting[source].append(item)
            continue
        queue = [item]
        while queue:
            article, terms = queue.pop(0)
            grouper.add(article, terms)
            placed.add(article.id)
            queue.extend(waiting.pop(article.id, []))
    for article, terms in (item for pending in waiting.values() for item in pending):
        grouper.add(article, terms)
