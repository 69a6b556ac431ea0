"""Words as meanings: what lets a coverage gap see a fact another outlet states in other words.

Outlets retell one fact in their own words: `shots were fired at the squad car` is `a number of shots at
the vehicles of responding officers`; `an argument and fight escalated to shots being fired` is `struck
by gunfire after a verbal and physical altercation`. Alignment compares sentences by their surface terms
(plurals folded), which misses these, so the coverage gaps reported them as omissions and unique claims
(most false ones on the judged gva-dev sample, `tests/data/coverage/judged-gaps.json`).

A sentence's meaning terms are its content words lemmatized by simplemma (`fired` and `firing` are
`fire`, `responded` is `respond`), then folded into a few news-domain senses that reporters use for one
another (`car`, `vehicle`, `sedan` are one vehicle; `handgun`, `firearm`, `pistol` one gun). The senses
are kept small on purpose: each joins words that name the same thing in a shooting story, never words
that only relate (`gun` and `shoot` stay apart: a gun found and a gun fired are different facts).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from newsprism.compare.article.numbers import SMALL
from newsprism.compare.divergences.alignment import sentences_holding, speaker_of
from newsprism.compare.textsim import STOPWORDS, content_words
from newsprism.compare.types import Statement

# Share of a fact's core meanings that another outlet's sentence (or two adjacent ones) must hold to
# count as stating the fact in other words.
PARAPHRASE = 0.5
# A fact must have this many meanings (its speaker aside) to be told in other words, and the other
# outlet's sentence (or two in a row) hold one fewer at the least: `I was shocked` says too little to
# tell, and two common meanings (`police`, `gunfire`) are in half of a shooting story's sentences.
PARAPHRASE_MEANINGS = 4

# Words reporters use for one another when they retell one fact of a shooting, each group a sense.
_SENSES: dict[str, tuple[str, ...]] = {
    "vehicle": ("vehicle", "car", "suv", "sedan", "truck", "pickup", "van", "minivan", "automobile"),
    "gun": ("gun", "handgun", "firearm", "pistol", "revolver", "rifle", "shotgun", "weapon"),
    "police": ("police", "officer", "cop", "deputy", "trooper", "policeman", "patrolman"),
    "dispute": ("dispute", "argument", "altercation", "fight", "quarrel", "confrontation", "scuffle"),
    "gunfire": ("gunfire", "gunshot", "shot", "shoot", "fire"),
    "die": ("die", "dead", "death", "kill", "slay", "fatal", "fatally"),
    "wound": ("wound", "injure", "injury", "hurt"),
    "arrest": ("arrest", "custody", "detain", "apprehend"),
    "home": ("home", "house", "residence", "apartment", "dwelling"),
    "child": ("child", "kid", "youngster"),
    "hospital": ("hospital", "medical"),
}
_SENSE_OF = {word: sense for sense, words in _SENSES.items() for word in words}
# simplemma leaves these forms alone (`shots` is `shot`, a noun); they belong to the sense of their verb.
_FORMS = {"shot": "shoot", "shots": "shoot", "shooting": "shoot", "fired": "fire", "killing": "kill"}


# Counts in words are the figures other outlets write in digits (`six children`, `6 children`); one to
# three are stop words of `content_words`, so gone already.
_NUMBER_WORDS = {word: str(value) for word, value in SMALL.items() if value <= 20}


@lru_cache(maxsize=200_000)
def meaning_of(term: str) -> str:
    """The sense a content term stands for: its lemma, folded into a news-domain sense where it has one.

    >>> meaning_of("fired"), meaning_of("sedans"), meaning_of("altercation"), meaning_of("mayor")
    ('gunfire', 'vehicle', 'dispute', 'mayor')
    """
    if term[0].isdigit():
        return term
    if term in _NUMBER_WORDS:
        return _NUMBER_WORDS[term]
    lemma = _FORMS.get(term) or simplemma.lemmatize(term, lang="en").lower()
    return _SENSE_OF.get(lemma, lemma)


def meaning_terms(text: str) -> frozenset[str]:
    """The meanings of a text's content words, figures as digits.

    >>> sorted(meaning_terms("Four individuals were struck by gunfire after a physical altercation."))
    ['4', 'dispute', 'gunfire', 'individual', 'physical', 'strike']
    """
    meanings = (meaning_of(t) for t in content_words(text))
    return frozenset(m for m in meanings if m not in STOPWORDS)


@dataclass(frozen=True, slots=True)
class OutletWording:
    """The terms of each sentence of one outlet's articles, in order, and which sentences hold a term:
    what `states_otherwise` looks through for each fact the outlet may have left out."""

    sentences: Sequence[frozenset[str]]
    holding: Mapping[str, Sequence[int]]

    @classmethod
    def of(cls, sentences: Sequence[frozenset[str]]) -> OutletWording:
        return cls(sentences, sentences_holding(sentences))


# An outlet none of whose sentences is left (all of them page furniture) says nothing in other words.
NOTHING_SAID = OutletWording.of([])


def wording_by_outlet(
    statements: Mapping[str, Sequence[Statement]], terms_of: Callable[[Statement], frozenset[str]]
) -> dict[str, OutletWording]:
    """Each outlet's wording: the terms (`terms_of`) of each of its sentences, in order."""
    by_outlet: dict[str, list[frozenset[str]]] = {}
    for article_statements in statements.values():
        for statement in article_statements:
            by_outlet.setdefault(statement.outlet, []).append(terms_of(statement))
    return {outlet: OutletWording.of(sentences) for outlet, sentences in by_outlet.items()}


def states_otherwise(core: frozenset[str], said: OutletWording, least: int = 1) -> bool:
    """Whether an outlet says the fact in other words: one of its sentences, or two in a row, hold
    most of the fact's core meanings (a paraphrase keeps the names and the key nouns), `least` of them
    at the least, and every figure of the core (six children are not a child)."""
    if not core:
        return False
    figures = frozenset(t for t in core if t[0].isdigit())
    needed = max(PARAPHRASE * len(core), least)
    # Only a sentence that holds a core word can hold half of the core, alone or with the next one (a
    # pair whose first holds none holds what its second does): counted from the index rather than by
    # intersecting every sentence and pair of the outlet, which was an eighth of a five-outlet report's time.
    held = Counter(at for term in core for at in said.holding.get(term, ()))
    if any(count >= needed and figures <= said.sentences[at] for at, count in held.items()):
        return True
    return any(
        held[at] + held[at + 1] >= needed
        and len(core & (window := said.sentences[at] | said.sentences[at + 1])) >= needed
        and figures <= window
        for at in held
        if at + 1 < len(said.sentences)
    )


def tells_in_other_words(meant: frozenset[str], said: OutletWording) -> bool:
    """Whether an outlet tells one statement's fact (`meant`: its meanings, speaker aside) in other
    words: half of them in one of its sentences or two in a row, three at the least, and its figures.
    A statement of fewer than `PARAPHRASE_MEANINGS` meanings (`I was shocked`) says too little to tell."""
    return len(meant) >= PARAPHRASE_MEANINGS and states_otherwise(meant, said, PARAPHRASE_MEANINGS - 1)


def statement_meanings(statement: Statement) -> frozenset[str]:
    """The meanings of a statement's text (`meaning_terms`), for `wording_by_outlet`."""
    return meaning_terms(statement.text)


def fact_terms(statement: Statement) -> frozenset[str]:
    """The meanings of what a statement says, without who says it: another outlet may give the same
    fact to another spokesman, or to none (`L'Jean McKneely with BRPD said an argument escalated`)."""
    speaker = speaker_of(statement)
    return meaning_terms(statement.text) - (meaning_terms(speaker) if speaker else frozenset())
