"""Words and sentences as comparison sees them: content terms for grouping, sentences with offsets.

Grouping, alignment and divergences must agree on what a word and a sentence are; this module owns
that, with one cached term map so that tokenising 100k articles stays cheap.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile("[^\\W\\d_]+(?:['\u2019][^\\W\\d_]+)*|\\d+(?:[.,]\\d+)*")
_CLOSING = "\"'\u201d\u2019)\\]"
_OPENING = "\"'\u201c\u2018(\\["
_SENTENCE_END = re.compile(f"[.!?]+[{_CLOSING}]*(?=\\s+[{_OPENING}]?[A-Z0-9])|\\n\\s*\\n")
_CURLY_APOSTROPHE = "\u2019"
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt st jr sr rep sen gov pres no vs inc corp co ltd u.s u.n "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told according one two three new would could
    may might must shall us mr mrs ms its it's that's there's don't didn't doesn't isn't wasn't won't
    last first year years day days week weeks time like get got make made many much even still back""".split()
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article with its offsets in the article text (end exclusive)."""

    text: str
    start: int
    end: int


@lru_cache(maxsize=200_000)
def term_of(word: str) -> str | None:
    """The grouping term of a lower-cased word: None for stop words, else a light stem.

    >>> term_of("drones"), term_of("the")
    ('drone', None)
    """
    if word[0].isdigit():
        return word.replace(",", "")
    word = word.replace(_CURLY_APOSTROPHE, "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in STOPWORDS or len(word) < 2:
        return None
    return stem(word)


def stem(word: str) -> str:
    """Fold a plural to its singular (`drones` -> `drone`, `cities` -> `city`)."""
    # Plurals only: more stemming merges unrelated words and buys little for same-event matching.
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class _TermMap(dict[str, str | None]):
    """word -> grouping term, filled on first sight: counting 100k articles' words is then one C-level
    lookup per word instead of a call through `term_of`'s cache."""

    def __missing__(self, word: str) -> str | None:
        if len(self) >= _TERM_MAP_LIMIT:  # a years-long archive meets millions of numbers and names
            self.clear()
        term = self[word] = term_of(word)
        return term


_TERM_MAP_LIMIT = 500_000
_TERMS = _TermMap()


def term_counts(text: str) -> Counter[str]:
    """Content terms of a text with their counts (stop words dropped, plurals folded), in the order
    of their first occurrence."""
    counts: Counter[str | None] = Counter(map(_TERMS.__getitem__, _WORD.findall(text.lower())))
    del counts[None]  # stop words
    return counts  # type: ignore[return-value]  # None is gone


def words(text: str) -> list[str]:
    """The words of a text in order, lower-cased, punctuation dropped (for word-level diffs)."""
    return [w.lower().replace(_CURLY_APOSTROPHE, "'") for w in _WORD.findall(text)]


def content_words(text: str) -> set[str]:
    """The set of content terms of a text."""
    return {t for t in (term_of(w) for w in _WORD.findall(text.lower())) if t is not None}


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with their offsets; abbreviations (`Mr.`, `U.S.`) do not split.

    >>> [s.text for s in split_sentences("Mr. Kim left. He waved.")]
    ['Mr. Kim left.', 'He waved.']
    """
    sentences: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ends_in_abbreviation(text, match.start()):
            continue
        _append_sentence(sentences, text, start, match.end())
        start = match.end()
    _append_sentence(sentences, text, start, len(text))
    return sentences


def _ends_in_abbreviation(text: str, dot: int) -> bool:
    if dot >= len(text) or text[dot] != ".":
        return False
    head = text[max(0, dot - 12) : dot].split()
    last = head[-1].lower().strip("(\"'“") if head else ""
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def _append_sentence(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    offset = start + (len(chunk) - len(chunk.lstrip()))
    sentences.append(Sentence(stripped, offset, offset + len(stripped)))
