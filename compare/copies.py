"""Text that recurs across pages: a site's furniture, and copies of one story at several outlets.

Both are found by the same means, lines (paragraphs) and word sequences met again on other pages,
and told apart by time. A line that comes back on pages published further apart than the event
window is the site talking (a log-in pop-up, a notification box, a newsroom's list of links): it is
no story's, so grouping leaves it out of an article's words, and a page made of nothing else is
nobody's copy. A story's text met again within the window at another outlet is a copy: it joins its
original's event and counts once there. No copy link reaches past the window, so copies never chain
a story's pages across months.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Protocol

from newsprism.compare.article.furniture import furniture_kind

_DAY = 86_400.0
_LINE = re.compile(r"[^\n]+")
# Word sequences compared for copies: long enough that two reports of one event in their own words
# share few, short enough that an edited copy (a changed byline, a sentence added) keeps most.
SHINGLE_WORDS = 5
# Share of the shorter text's word sequences the other text must hold to be its copy.
COPY_CONTAINMENT = 0.8
# A copy has a story to copy: below this many word sequences (a teaser, a caption) two pages alike
# prove little.
COPY_MIN_WORDS = 40
# A copy's first LEAD_CHARS of story are mostly its original's too (a dateline or a byline changed):
# the whole texts are compared only when LEAD_ALIKE of the shorter lead's word sequences are shared.
LEAD_CHARS = 600
LEAD_ALIKE = 0.5
# Leads kept by article id (`CopyLinker._lead`): an original is looked at for each later page of its days.
LEADS_KEPT = 1024
# Share of a page's lines another page must hold to be compared word by word (`CopyLinker.lines_alike`).
LINES_ALIKE = 0.5
# Furniture of a known kind (`furniture_kind`) is looked for in lines up to this long: the patterns
# read a sentence; a paragraph of the story may mention a newsletter or a photo without being one.
FURNITURE_LINE_CHARS = 300


def line_key(line: str) -> int:
    """A 64-bit fingerprint of one line, the same in every process (unlike `hash`)."""
    data = line.encode("utf-8")
    return zlib.crc32(data) << 32 | zlib.adler32(data)


@dataclass(frozen=True, slots=True)
class SiteFurniture:
    """The lines a batch of pages shows to be site furniture: met on pages further apart than the window.

    >>> pages = [("Log in to comment.\\nA fire closed the mill.", 0.0),
    ...          ("Log in to comment.\\nThe mayor resigned.", 40 * 86_400.0)]
    >>> SiteFurniture.learn(pages, window_days=3).story_text(pages[1][0])
    'The mayor resigned.'
    """

    keys: frozenset[int]

    @classmethod
    def learn(cls, pages: Iterable[tuple[str, float | None]], window_days: float) -> SiteFurniture:
        """From (text, publication timestamp) pairs; undated pages do not count."""
        # Each line's first and last moment, in one pass: a sort of every (line, moment) pair with
        # numpy took as long at 100,000 articles, and loading numpy cost a crawl 0.05-0.1 s.
        earliest: dict[int, float] = {}
        latest: dict[int, float] = {}
        for text, moment in pages:
            if moment is None:
                continue
            for key in {line_key(line) for line in _lines(text)}:
                first = earliest.get(key)
                if first is None:
                    earliest[key] = latest[key] = moment
                elif moment < first:
                    earliest[key] = moment
                elif moment > latest[key]:
                    latest[key] = moment
        span = window_days * _DAY
        return cls(frozenset(key for key, first in earliest.items() if latest[key] - first > span))

    def story_text(self, text: str, chars: int | None = None) -> str:
        """The text without its furniture lines, learned or of a known kind (`furniture_kind`); its
        first `chars` characters when given, the lines after them not looked at."""
        if chars is None:
            return "\n".join(line for line in _lines(text) if not self.is_furniture(line))
        # Looking for furniture is most of grouping's time; grouping reads a story's start only.
        kept: list[str] = []
        length = -1  # the newline before the first line is not there
        for line in _lines(text):
            if length >= chars:
                break
            if not self.is_furniture(line):
                kept.append(line)
                length += len(line) + 1
        return "\n".join(kept)[:chars]

    def is_furniture(self, line: str) -> bool:
        """Whether a (stripped) line is the site's, not the story's."""
        if line_key(line) in self.keys:
            return True
        return len(line) <= FURNITURE_LINE_CHARS and furniture_kind(line) is not None


NO_FURNITURE = SiteFurniture(frozenset())


def _lines(text: str) -> list[str]:
    return [line for line in (match.group().strip() for match in _LINE.finditer(text)) if line]


@lru_cache(maxsize=128)
def shingles(text: str) -> frozenset[int]:
    """Fingerprints of the text's runs of SHINGLE_WORDS words (lower-cased), for comparing texts within
    one process. The last few texts are kept: an original is compared with each of its copies, and a
    text's set is large, so not all."""
    tokens = text.lower().split()
    # Runs hashed as tuples (in C): the sets are compared within one process only, so `hash` will do.
    return frozenset(map(hash, zip(*(tokens[i:] for i in range(SHINGLE_WORDS)), strict=False)))


def near_identical(a: frozenset[int], b: frozenset[int]) -> bool:
    """Whether two shingle sets are one text: the shorter mostly inside the longer, both long enough."""
    return min(len(a), len(b)) >= COPY_MIN_WORDS and _mostly_inside(a, b, COPY_CONTAINMENT)


def _mostly_inside(a: frozenset[int], b: frozenset[int], share: float = LEAD_ALIKE) -> bool:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter & longer) >= share * len(shorter)


def within(a: datetime | None, b: datetime | None, window_days: float) -> bool:
    """Whether two publication times are inside one window (an unknown time does not rule it out)."""
    if a is None or b is None:
        return True
    return abs(_utc(a) - _utc(b)) <= window_days * _DAY


def _utc(moment: datetime) -> float:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


@dataclass(frozen=True, slots=True)
class CopyLinker:
    """Decides copy links between articles, knowing the batch's site furniture and the window."""

    furniture: SiteFurniture
    window_days: float
    # The last leads' shingles by article id: an original's lead is looked at for each later page.
    _leads: dict[str, frozenset[int]] = field(default_factory=dict, compare=False, repr=False)

    def is_copy(self, copy: Copied, original: Copied) -> bool:
        """Whether `copy` is a copy of `original`: another outlet, inside the window, the same story
        text (furniture left out)."""
        if copy.outlet == original.outlet or not within(copy.published, original.published, self.window_days):
            return False
        return self._leads_alike(copy, original) and near_identical(self._story(copy), self._story(original))

    def stands(self, copy: Copied, original: Copied) -> bool:
        """Whether a stored copy link (the same text at two outlets) holds: inside the window, and a
        story to copy, not a page of furniture alone."""
        return within(copy.published, original.published, self.window_days) and bool(self._story(original))

    def same_page(self, a: Copied, b: Copied) -> bool:
        """Whether two pages show near-identical texts, furniture and all, whatever their outlets and
        times: a site showing one text again."""
        return self._leads_alike(a, b) and near_identical(shingles(a.text), shingles(b.text))

    @staticmethod
    def lines_alike(a: Copied, b: Copied) -> bool:
        """Whether most lines of the page with fewer are on the other too: a cheap first look (a line's
        fingerprint costs a fiftieth of a text's shingles) before `same_page`."""
        mine, theirs = (
            {line_key(line) for line in _lines(a.text)},
            {line_key(line) for line in _lines(b.text)},
        )
        shorter, longer = (mine, theirs) if len(mine) <= len(theirs) else (theirs, mine)
        return bool(shorter) and len(shorter & longer) >= LINES_ALIKE * len(shorter)

    def _story(self, article: Copied) -> frozenset[int]:
        return shingles(self.furniture.story_text(article.text))

    def _leads_alike(self, a: Copied, b: Copied) -> bool:
        # A cheap first look: the leads of the story texts, each made once.
        return _mostly_inside(self._lead(a), self._lead(b))

    def _lead(self, article: Copied) -> frozenset[int]:
        known = self._leads.get(article.id)
        if known is None:
            if len(self._leads) >= LEADS_KEPT:
                self._leads.clear()
            known = self._leads[article.id] = shingles.__wrapped__(
                self.furniture.story_text(article.text[:LEAD_CHARS], LEAD_CHARS)
            )
        return known


class Copied(Protocol):
    """What copy detection reads of an article (a `CoverageArticle` has it all)."""

    @property
    def id(self) -> str: ...
    @property
    def outlet(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def published(self) -> datetime | None: ...


def copy_links(articles: Sequence[Copied], linker: CopyLinker, stored: dict[str, str]) -> dict[str, str]:
    """Each copy's original among `articles` (in publication order): the stored links that stand, and
    near-identical texts of other outlets inside the window. An original is never itself a copy."""
    by_id = {a.id: a for a in articles}
    links: dict[str, str] = {}
    originals: list[Copied] = []
    for article in articles:
        source = by_id.get(stored.get(article.id, ""))
        source = by_id[links[source.id]] if source is not None and source.id in links else source
        if source is not None and linker.stands(article, source):
            links[article.id] = source.id
            continue
        found = next((o for o in originals if linker.is_copy(article, o)), None)
        if found is not None:
            links[article.id] = found.id
        else:
            originals.append(article)
    return links
