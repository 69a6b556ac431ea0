"""Rule-based named entities: capitalised spans labelled by gazetteers, titles and context.

No model: a span is a run of capitalised words (with `of`/`the` inside organisation names), trimmed of
sentence-initial function words, titles and possessive endings, then labelled from the word lists in
`newsprism.compare.article.gazetteer`. Aliases are merged within the article: a surname or a first token alone
(`Kim`, `Putin`) takes the canonical full name used elsewhere in the same text (`Kim Jong Un`).
"""

# Typographic quotes, apostrophes and dashes are what this module reads, so they appear literally.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.compare.article.cues import cue_class, cue_lemma
from newsprism.compare.article.datelines import find_datelines
from newsprism.compare.article.gazetteer import (
    CITIES,
    COUNTRIES,
    EVENT_WORDS,
    FIRST_NAMES,
    LOCATIONS,
    NAME_JOINERS,
    NATIONALITIES,
    NOT_NAMES,
    ORG_WORDS,
    ORGANIZATIONS,
    PLACE_HEADS,
    PLACE_TAILS,
    TITLES,
)
from newsprism.compare.findings import Entity, EntityLabel

# A capitalised word: `Kim`, `U.S.`, `Komsomolsk-on-Amur`, `McDonald’s`, `KCNA`, `Geran-25`. The capital
# comes first and the no-word-before test after it, so the regex engine skips along capitals instead of
# trying the pattern at every character.
_CAP_WORD = re.compile(r"[A-Z](?<![\w’'].)(?:[\w’'-]*\w|(?:\.[A-Z])+\.?|\.?)")
_POSSESSIVE = re.compile(r"[’']s?$")
_GAP = re.compile(r"^ (?:(?:of|for|the|and|de|al|bin|von|van|der|on) )?$")
# The longest gap _GAP takes (` for ` and the line end `$` allows); longer ones are not sliced out.
_MAX_GAP = 6
_ALIASES = {
    "US": "United States",
    "U.S.": "United States",
    "U.S": "United States",
    "USA": "United States",
    "America": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UN": "United Nations",
    "U.N.": "United Nations",
    "EU": "European Union",
    "Kiev": "Kyiv",
}


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    words: list[str]
    after_title: bool
    initial: bool  # first word of a sentence or quotation: capitalised whatever it is


def find_entities(text: str, sentence_starts: frozenset[int]) -> list[Entity]:
    """Entities of the text in order, aliases merged through `canonical`.

    >>> [e.canonical for e in find_entities("Kim Jong Un left. Kim waved.", frozenset({0, 18}))]
    ['Kim Jong Un', 'Kim Jong Un']
    """
    runs = [part for run in _runs(text, sentence_starts) for part in _split_at_possessor(text, run)]
    spans = [span for run in runs if (span := _trim_span(text, run)) is not None]
    cities = {d.city_start for d in find_datelines(text)}
    # A dateline's city is a place by its position, whatever the gazetteer knows of it.
    labelled = [(span, "GPE" if span.start in cities else _label(span)) for span in spans]
    persons = _person_names(labelled)
    result: list[Entity] = []
    for span, label in labelled:
        surface = text[span.start : span.end]
        final_label, canonical = _resolve(surface, label, span, persons)
        if final_label is None:
            continue
        result.append(Entity(surface, final_label, span.start, span.end, canonical))
    return result


def _runs(text: str, sentence_starts: frozenset[int]) -> list[_Span]:
    """Maximal runs of capitalised words joined by single spaces or a name-internal joiner."""
    runs: list[_Span] = []
    current: _Span | None = None
    for match in _CAP_WORD.finditer(text):
        word = match.group()
        start, end = match.span()
        if current is not None and start - current.end <= _MAX_GAP:
            between = text[current.end : start]
            if _GAP.match(between) and _headline_verb(word):
                runs.append(current)  # the verb belongs to no name: neither the one before nor after
                current = None
                continue
            if _GAP.match(between) and word not in NOT_NAMES:
                gap = between.strip()
                if not gap or _joiner_allowed(current.words, word):
                    current.words.extend([gap, word] if gap else [word])
                    current.end = end
                    continue
        if current is not None:
            runs.append(current)
        initial = start in sentence_starts or _after_opening_quote(text, start)
        current = _Span(start, end, [word], False, initial)
    if current is not None:
        runs.append(current)
    return runs


def _split_at_possessor(text: str, run: _Span) -> list[_Span]:
    """`China's Xinhua`, `Russia's TASS`: a country or city owning what follows is an entity of its
    own, and the owned name (the agency, the ministry) stands alone."""
    for i, word in enumerate(run.words[:-1]):
        owner = _POSSESSIVE.sub("", word)
        if owner != word and (owner in COUNTRIES or owner in CITIES):
            split = text.find(word, run.start) + len(word)
            rest = text.find(run.words[i + 1], split)
            before = _Span(run.start, split, run.words[: i + 1], run.after_title, run.initial)
            after = _Span(rest, run.end, run.words[i + 1 :], False, False)
            return [before, *_split_at_possessor(text, after)]
    return [run]


# Plurals of nouns that share a form with a verb of saying: `Consumer Reports`, `Peace Talks`.
_PLURAL_NOUNS = frozenset(
    "Reports Claims Charges Notes Remarks Comments Talks Points Questions Answers Calls Demands Words".split()
)


def _headline_verb(word: str) -> bool:
    """`Sanders Vows To …`, `Obama Seeks …`, `Clinton Asking …`: a title-case headline's verb of
    saying or wanting ends the name before it."""
    if not word.endswith(("s", "ing")) or word in _PLURAL_NOUNS:
        return False
    return cue_lemma(word.lower()) is not None and cue_class(word, "person") in {"speech", "intention"}


def _joiner_allowed(words: list[str], nxt: str) -> bool:
    # `Bank of America`, `Department of Justice`; never `Trump and Clinton`.
    return (
        words[-1] in ORG_WORDS
        or words[-1] in {"Secretary", "University", "Republic", "Sea", "Gulf"}
        or (nxt in COUNTRIES and words[-1] in ORG_WORDS)
    )


def _after_opening_quote(text: str, index: int) -> bool:
    return index > 0 and text[index - 1] in "“\"‘'(["


def _trim_span(text: str, span: _Span) -> _Span | None:
    """Drop leading function words and titles, trailing joiners and a possessive ending."""
    words = list(span.words)
    start, end = span.start, span.end
    while words and (words[0] in NOT_NAMES or _is_title(words) or words[0] in NAME_JOINERS):
        if words[0] in TITLES:
            span.after_title = True
        skip = text.find(words[0], start) + len(words[0])
        start = skip
        while start < end and text[start] == " ":
            start += 1
        words = words[1:]
        span.initial = False if words else span.initial
    if not words or start >= end:
        return None
    possessive = _POSSESSIVE.search(text, start, end)
    if (possessive and possessive.start() > start and text[possessive.start() - 1] != "s") or (
        possessive and text[end - 2 : end] in {"’s", "'s"}
    ):
        end = possessive.start()
        words[-1] = _POSSESSIVE.sub("", words[-1])
    if start >= end or not words[-1]:
        return None
    return _Span(start, end, words, span.after_title, span.initial and len(words) == len(span.words))


def _is_title(words: list[str]) -> bool:
    """`Minister` before a name is a title; `Defence` before `Ministry` is part of the name."""
    return words[0] in TITLES and not (len(words) > 1 and words[-1] in ORG_WORDS)


def _label(span: _Span) -> EntityLabel | None:
    name = " ".join(span.words)
    words = [w for w in span.words if w not in NAME_JOINERS]
    if name in ORGANIZATIONS:
        return "ORG"
    if name in COUNTRIES or name in CITIES:
        return "GPE"
    if name in LOCATIONS:
        return "LOC"
    if all(w in NATIONALITIES for w in words):
        return "NORP"
    if words[-1] in EVENT_WORDS and len(words) > 1:
        return "EVENT"
    if any(w in ORG_WORDS for w in words) and (len(words) > 1 or not span.initial):
        return "ORG"
    if len(words) > 1 and not span.after_title and (words[0] in PLACE_HEADS or words[-1] in PLACE_TAILS):
        return "LOC"
    if span.after_title or words[0] in FIRST_NAMES:
        return "PERSON"
    if len(words) >= 2 and all(w[:1].isupper() and not w.isupper() for w in words):
        return "PERSON"
    if len(words) == 1 and words[0].replace(".", "").isupper() and len(words[0]) > 1:
        return "ORG"
    return None


def _person_names(labelled: list[tuple[_Span, EntityLabel | None]]) -> dict[str, str]:
    """Each token of a multi-word person name mapped to the first full name that holds it."""
    index: dict[str, str] = {}
    for span, label in labelled:
        if label == "PERSON" and len(span.words) >= 2:
            full = " ".join(span.words)
            for word in span.words:
                if word not in FIRST_NAMES or word == span.words[0]:
                    index.setdefault(word, full)
    return index


def _resolve(
    surface: str, label: EntityLabel | None, span: _Span, persons: dict[str, str]
) -> tuple[EntityLabel | None, str]:
    name = " ".join(span.words)
    if len(span.words) == 1 and name in persons and label in {None, "PERSON", "ORG"}:
        return "PERSON", persons[name]
    if label is None:
        if span.initial or len(span.words) != 1:
            return (None, name) if span.initial else ("OTHER", name)
        return "OTHER", name
    return label, _ALIASES.get(name, name)


def person_index(entities: list[Entity]) -> dict[str, str]:
    """Surname, first token and full name of every person mapped to its canonical full name."""
    index: dict[str, str] = {}
    for entity in entities:
        if entity.label == "PERSON":
            for word in entity.canonical.split():
                index.setdefault(word, entity.canonical)
            index.setdefault(entity.canonical, entity.canonical)
    return index
