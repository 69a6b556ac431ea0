"""Speaker phrases: find the noun phrase that says something, and resolve it to a name.

A speaker phrase is found by walking back from the cue to the clause boundary (`But Flynn, a top
surrogate, said` -> `Flynn, a top surrogate,`) or forward after an inverted cue (`said Kozlov, the
minister`). Resolution turns the phrase into the name it refers to: the name inside a description,
the full name for a surname, and the last compatible speaker for a pronoun.
"""

# Typographic quotes, apostrophes and dashes are what this module reads, so they appear literally.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsprism.compare.article.cues import CUE_VERBS
from newsprism.compare.article.gazetteer import (
    COUNTRIES,
    METONYMS,
    NATIONALITIES,
    NOT_NAMES,
    ORGANIZATIONS,
    TITLES,
)
from newsprism.compare.article.lexicon import prefix_tree
from newsprism.compare.article.sources import source_type
from newsprism.compare.findings import SourceType

# Where a speaker phrase cannot reach past, walking back from its cue.
_CLAUSE_BREAK = re.compile(
    r"(?:[;:!?—–\[\]“”\",>|»]|''|\s-\s|\b(?:EMBED|More\s+News\s+Videos|Related|Read\s+more)\b"
    r"|\b(?:that|and|but|because|while|when|whereas|although|though|if|since|after|before|as|so|where|"
    r"whether|than|until|unless|which|who|whom|what|how|why)\b"
    # A clause opening a sentence with its subordinator (`While a judge found …`, `As Smith said …`).
    r"|\b(?:While|When|Whereas|Although|Though|If|Since|After|Before|As|Because|Unless|Until|Whether)\s)"
)
# Where an inverted speaker phrase ends: `said Smith, who …`, `said Smith, “…`, `said Smith. `.
# An apposition or a `who` clause describing the speaker belongs to the phrase (`said Al From, who
# founded the DLC.`); a participle clause, `whose` or `but` clause, or a quotation does not.
_AFTER_STOP = re.compile(
    r"[;:!?]|(?<![A-Z])(?<!Mr|Ms|Dr|St|Jr|Sr|Lt)(?<!Mrs|Gov|Sen|Rep|Gen|Col|Maj|Sgt|Rev|Adm)(?<!Capt|Prof|Cmdr)"
    r"\.\s+(?=[A-Z“\"])|,\s*(?=[“\"]|'')"
    r"|,\s*(?:whose|which|according|as|but|[a-z]+ing)\b"
)
# `said Ben Jacobs in The Guardian`, `said Trump at a rally`: where the act took place, not who.
_PLACE_OF_ACT = re.compile(r"\s(?:in|on|at|during)\s")
# Adverbs and times between a coordinator and its verb (`but now said`, `and specifically warned`,
# `and on Monday vowed`): the verb phrase still shares the clause's subject.
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
COORDINATED_ADVERBS = (
    r"(?:\s+(?:also|then|later|again|instead|now|still|even|once|twice|first|finally|further|once\s+again"
    rf"|(?!(?:family|ally|assembly|rally|supply)\b)[a-z]{{3,}}ly|on\s+{_DAY}|(?:last|this|on)\s+(?:week|month|"
    rf"year|{_DAY})))*"
)
_COORDINATED = re.compile(r"\b(?:and|but)(?:\s+(?:also|then|later|again|instead))?$")
# A sentence's subject at its start: `FBI Director James Comey`, `The spokesman`, `She`.
# A description runs to the word before its verb: an auxiliary, a past form or a verb of saying
# (`The harbour master complained`), the verb left out of the phrase.
_VERBISH = (
    r"(?:[a-z]+ed|is|was|were|are|has|have|had|will|would|could|can|may|might|must|should|did|does|do|"
    # the common irregular past forms
    r"said|says|told|tells|spoke|wrote|took|made|gave|went|came|saw|knew|thought|met|left|won|lost|"
    r"began|held|kept|brought|sent|stood|got|led|ran|sought|shook)\b"
)
_SUBJECT = re.compile(
    r"(?!(?:The|A|An)\s+[a-z])(?:(?:The|A|An)\s+)?(?:[A-Z][\w’'.-]*\s+(?:of\s+(?:the\s+)?(?=[A-Z]))?){0,5}"
    r"[A-Z][\w’'.-]*(?:\s+\([^)]*\))?"
    r"(?=\s*,|\s+[a-z])"
    r"|(?:He|She|They|It|We|I)\b"
    rf"|(?:[Tt]he|[Aa]n?)\s+(?:(?!{_VERBISH})[a-z’'-]+\s+){{0,3}}(?!{_VERBISH})[a-z’'-]+(?=\s+{_VERBISH})"
    r"|(?:The|A|An)\s+[a-z]+(?:\s+[a-z]+)?(?=\s+[a-z])"
)
_LEADING_FILLER = re.compile(
    r"(?:(?:But|And|Yet|So|Still|Now|Also|Meanwhile|However|Instead|Indeed|Then|Later|Earlier|"
    r"Separately|Elsewhere|Previously|Moreover|Further|Furthermore|In\s+addition|In\s+response|On\s+\w+|"
    r"In\s+(?!(?:a|an|the|his|her|their|its|this|that)\b)\w+|At\s+the\s+time|By\s+contrast|For\s+(?:his|her|their|its)\s+part)\b\s*,?\s*)+",
    re.IGNORECASE,
)
_CLAUSE_VERB = re.compile(
    r"\b(?:is|was|were|are|be|been|being|am|do|does|did|has|have|had|can|will|would|should|could|may|"
    r"might|must|not)\b|n[’']t\b"
)
_NAME_WORD = re.compile(r"[\w’'.-]+")
_NAME_PARTICLES = frozenset({"bin", "al", "de", "van", "von", "der", "el", "da", "di", "le", "la"})
_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "n", "it": "n", "we": "n", "i": "p"}
_FEMALE_HINTS = re.compile(r"\b(?:she|her|Mrs\.?|Ms\.?|woman|spokeswoman|congresswoman|Queen|Princess)\b")
_WORD_COUNT = re.compile(r"\S+")
# `the Russian state news agency`: a description of the agency named before, not a new source.
_AGENCY_DESCRIPTION = re.compile(r"\b(?:news|press|wire)\s+(?:agency|service)\b", re.IGNORECASE)
MAX_SPEAKER_WORDS = 14
MAX_INVERTED_HEAD = 7
# An inverted speaker runs to its sentence's end with its apposition (`said Alan B. Krueger, a
# professor of economics at Princeton and a former chairman of …`).
MAX_INVERTED_WORDS = 40
MAX_RELATIVE_HEAD = 5


@dataclass(slots=True)
class SpeakerMemory:
    """What resolution remembers while reading an article in order."""

    persons: dict[str, str]
    last_person: str | None = None
    last_female: str | None = None
    last_group: str | None = None
    descriptions: dict[str, SourceType] = field(default_factory=dict)
    # `head_name` of each phrase met so far: an article names the same speaker the same way again.
    heads: dict[str, str | None] = field(default_factory=dict)
    # The last news agency named: `the state news agency` after `TASS said` is TASS again.
    last_agency: str | None = None


def speaker_before(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The speaker phrase ending at `hi` (a cue's start), not reaching before `lo`.

    A phrase ending in a comma carries an apposition or relative clause (`Kozlov, who …, said`): the
    head is the chunk before the opening comma, and only the head must look like a noun phrase.
    """
    end = _strip(text, lo, hi)[1]
    adverbial = _TRAILING_ADVERBIAL.search(text, max(lo, end - 40), end)
    if adverbial is not None and adverbial.start() > lo:
        # `Reince Priebus, the GOP chairman, this past week announced`: the phrase ends at its comma.
        return speaker_before(text, lo, adverbial.start() + 1)
    aside = _dash_aside(text, lo, end)
    if aside is not None:
        # `A former candidate -- John McCain, who lost in 2008 -- said`: the aside belongs to the phrase.
        before = speaker_before(text, lo, aside)
        return None if before is None else (before[0], end)
    head_end = end
    comma_end = (
        end - 1 if text[end - 1 : end] == "," else end - 2 if text[end - 2 : end] in {",”", ',"'} else -1
    )
    if comma_end > lo:
        opening = text.rfind(",", lo, comma_end)
        if opening >= 0:
            head_end = opening
            if _circumstance(text, opening + 1, comma_end):
                end = opening  # `Clinton, speaking in Ohio, said`: the set-off phrase is no apposition
        elif text[comma_end - 1 : comma_end] == ")":
            head_end = comma_end  # `Gov. John Kasich (R-OH), said`: a stray comma after the party
        else:
            return None
    seg_start = previous = lo
    last: re.Match[str] | None = None  # the break opening the last segment
    brackets = text.find("(", lo, head_end) >= 0
    for match in _CLAUSE_BREAK.finditer(text, lo, head_end):
        if match.group() == "and" and _joins_names(text, seg_start, match.start(), match.end(), head_end):
            continue  # `House Ways and Means Committee`, `Japan and South Korea`: one name or subject
        if match.group() == "than" and _COMPARATIVE_COUNT.search(
            text, max(lo, match.start() - 7), min(head_end, match.end() + 2)
        ):
            continue  # `more than 4 in 10 said`: `than` bounds the count, it opens no clause
        if brackets and _in_brackets(text, lo, match.start()):
            continue  # `Kasich (who has 25 delegates) said`: a bracketed aside is part of the phrase
        previous, seg_start, last = seg_start, match.end(), match
    if last is not None and last.group() in _SUBJECT_RELATIVES:
        if only_verb_group(text, seg_start, head_end):
            # `a builder who said`, `a study that found`: the cue is the relative clause's verb, and
            # the pronoun's antecedent is who speaks.
            return relative_antecedent(text, lo, last.start()) or (
                last.span() if last.group() == "who" else None
            )
        phrase_start = _phrase_with_relative(text, lo, hi, previous, last)
        seg_start = seg_start if phrase_start is None else phrase_start
    elif last is not None and last.group() == "whom" and not text[seg_start:head_end].strip():
        if len(text[previous:seg_start].split()) <= MAX_RELATIVE_HEAD:
            seg_start = previous  # `many of whom said`: the quantifier and its pronoun are the phrase
    elif _apposition_of_name(text, previous, seg_start, head_end):
        seg_start = previous  # `Irina Sokolova, the deputy governor, who …, said`: the name heads it
    start = _strip(text, seg_start, head_end)[0]
    filler = _LEADING_FILLER.match(text, start, head_end)
    if filler:
        start = filler.end()
    if start < head_end and text[start:head_end].split()[0].lower() in _PREPOSITIONS:
        subject = _name_after_phrase(text, start, head_end)
        if subject is None and _participle_at(text, hi):
            # `In a statement announcing the pick`: an active participle's agent is the noun before it.
            preposition = _NAME_WORD.match(text, start)
            subject = preposition.end() if preposition else None
        if subject is None:
            return None  # `In a message posted Friday`: the phrase is the preposition's object
        start = _strip(text, subject, head_end)[0]
    if start >= head_end or _valid(text, start, head_end) is None or _only_adverbs(text, start, head_end):
        return None
    if end == head_end:
        end = _without_adverbs(text, start, end)
        issued = _ISSUED_MESSAGE.search(text, start, end) if _participle_at(text, hi) else None
        if issued is not None and issued.start() > start:
            end = issued.start()  # `the campaign issued a statement saying`: the campaign says it
    return start, end


_ADVERBS_ONLY = re.compile(rf"{COORDINATED_ADVERBS}\s*$")


def _only_adverbs(text: str, start: int, end: int) -> bool:
    """Whether a phrase is adverbs and times only (`and specifically warned`): no one speaks in it."""
    return text[start].islower() and _ADVERBS_ONLY.match(" " + text[start:end]) is not None


# A message its sender put out, before a participle cue that reports what it says.
_ISSUED_MESSAGE = re.compile(
    r"\s+(?:issued|released|posted|sent|published|put\s+out|tweeted|wrote|aired|ran)\s+(?:a|an|the|his|her|"
    r"their|its)\s+(?:[\w-]+\s+){0,2}(?:statement|letter|tweet|message|post|video|ad|advertisement|release|"
    r"e-?mail|note|memo|report)$"
)


# Words opening a phrase set off after a speaker that is not a noun phrase about them: a preposition,
# a subordinator or an adverb (`Clinton, without naming him,`, `Powell's office, when contacted,`,
# `Cruz, by contrast,`).
_CIRCUMSTANCE_OPENERS = frozenset(
    """in on at during after before from with for by under over since until through amid despite
    without like unlike when while as though although if because once meanwhile however too also
    instead only then now still even again""".split()
)


def _circumstance(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]`, set off by commas after a speaker, is a circumstance of the act (a
    prepositional phrase, a participle or subordinate clause, an adverb) rather than an apposition."""
    words = text[start:end].split()
    if not words:
        return False
    first = words[0].lower()
    return (
        first in _CIRCUMSTANCE_OPENERS
        or first.endswith(("ing", "ly"))
        or (first.endswith("ed") and words[0][:1].islower())
    )


# A time or manner set off after a speaker phrase, right before the cue (`, this past week`,
# `, on Monday`, `, forcefully`).
_TRAILING_ADVERBIAL = re.compile(
    r",\s*(?:(?:this|last|next|earlier|later)\s+(?:past\s+)?(?:week|month|year|weekend|spring|summer|fall|"
    r"winter|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|yesterday|today|recently|also|then|now|later|earlier|once|again|[a-z]{3,}ly)\s*$"
)


# A dash that closes an aside before the cue: ` — ` or ` -- ` (a hyphen joins words without spaces).
_ASIDE_DASH = re.compile(r"\s(?:—|–|--)\s*$")
_OPENING_DASH = re.compile(r"\s(?:—|–|--)\s")


def _dash_aside(text: str, lo: int, end: int) -> int | None:
    """Where an aside set off by dashes right before the cue opens (`Many speakers — including
    Muslims and Jews — said`), or None when the phrase does not end with one."""
    closing = _ASIDE_DASH.search(text, max(lo, end - 4), end)
    if closing is None:
        return None
    openings = list(_OPENING_DASH.finditer(text, lo, closing.start()))
    return openings[-1].start() if openings and openings[-1].start() > lo else None


def _in_brackets(text: str, lo: int, pos: int) -> bool:
    return text.rfind("(", lo, pos) > text.rfind(")", lo, pos)


# A capitalised name closing an opening prepositional phrase: `In a Bloomberg interview | Trump`.
_CLOSING_NAME = re.compile(r"(?<=[a-z0-9,]\s)(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*$")


def _name_after_phrase(text: str, start: int, end: int) -> int | None:
    """Where the subject starts after an opening prepositional phrase with no comma after it (`At a
    rally on Friday Trump said` -> `Trump`); None when no name closes the phrase."""
    match = _CLOSING_NAME.search(text, start, end)
    return match.start() if match else None


def _participle_at(text: str, pos: int) -> bool:
    word = _NAME_WORD.match(text, pos)
    return word is not None and word.group().endswith("ing")


_SUBJECT_RELATIVES = frozenset({"who", "that", "which"})
# Words of a verb group before its verb (`who has repeatedly said`, `which also said`).
_VERB_GROUP = frozenset(
    """has have had is was were are be been will would could may might must should can did does do also
    not never still then now again just already repeatedly often long once first later earlier even
    since""".split()
)


def only_verb_group(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` holds nothing but auxiliaries and adverbs (or nothing)."""
    return all(w in _VERB_GROUP or w.endswith("ly") for w in text[start:end].lower().split())


def _phrase_with_relative(text: str, lo: int, hi: int, previous: int, relative: re.Match[str]) -> int | None:
    """Where a speaker phrase holding a relative clause starts (`officials who spoke on condition of
    anonymity said` -> `officials`), or None when the clause is not part of the phrase. The cue must
    be the main verb: a participle is not (`Stumpf, who was under questioning`)."""
    if _participle_at(text, hi):
        return None
    antecedent = relative_antecedent(text, lo, relative.start())
    if antecedent is None or not _heads_relative(text, previous, antecedent, relative):
        return None
    return antecedent[0]


def _heads_relative(text: str, previous: int, antecedent: tuple[int, int], relative: re.Match[str]) -> bool:
    """Whether the antecedent and its relative clause are one speaker phrase: always after `who`; after
    `that` or `which` only when the antecedent is all the words before the pronoun (`A study that
    appeared in a journal found`), since `He said that officials found` has a complementiser there."""
    if relative.group() == "who":
        return True
    after = text[relative.end() : relative.end() + 40].split()
    if not after or not after[0][:1].islower() or after[0] in _NP_OPENERS or after[0] in _PRONOUNS:
        return False  # `the obligations that Patriot Coal was seeking`: an object relative
    start = _strip(text, previous, relative.start())[0]
    filler = _LEADING_FILLER.match(text, start, relative.start())
    return antecedent[0] == (filler.end() if filler else start)


# `Officials there said`, `Gingrich cynically dismissed`, `Trump never said`: adverbs between the
# subject and its verb place or qualify the act; they do not name who speaks.
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:there|here|also|never|still|then|now|again|often|once|later|earlier|even|first|too|already|"
    r"[a-z]{3,}ly|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)))+$"
)
# Nouns with the adverb ending: `the royal family said` keeps its head.
_LY_NOUNS = frozenset("family ally assembly rally supply monopoly anomaly bully folly".split())


def _without_adverbs(text: str, start: int, end: int) -> int:
    match = _TRAILING_ADVERBS.search(text, start, end)
    if match is None or match.start() <= start or text[match.start() : end].split()[-1] in _LY_NOUNS:
        return end
    return match.start()


def _joins_names(text: str, seg_start: int, and_start: int, and_end: int, hi: int) -> bool:
    """Whether an `and` joins capitalised words only (`Ways and Means`, `Japan and South Korea`)."""
    before = [w for w in text[seg_start:and_start].split() if w not in _NAME_LINKS]
    after = text[and_end:hi].split()
    return bool(before and after) and all(w[:1].isupper() for w in before) and after[0][:1].isupper()


_NAME_LINKS = frozenset({"the", "of"})
# Capitalised words opening a sentence that name no one: adverbs and times.
_NOT_DESCRIBED = frozenset(
    """perhaps there here sometimes instead meanwhile now then that this still yet today yesterday tonight
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december early late last next""".split()
)


def _after_word_or_comma(text: str, pos: int) -> bool:
    """Whether the last character before `pos` that is not whitespace is a comma or a letter."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos > 0 and (text[pos - 1] == "," or text[pos - 1].isalpha())


def _apposition_of_name(text: str, previous: int, seg_start: int, hi: int) -> bool:
    """Whether the segment is a description (`the deputy governor`) set off after a name."""
    name = text[previous : seg_start - 1].split()
    rest = text[seg_start:hi].split()
    return (
        text[seg_start - 1 : seg_start] == ","
        and 0 < len(name) <= 4
        and name[0].lower() not in _PREPOSITIONS  # `In July, Gingrich said`: a time, not a name
        # `Friday, he said`, `Perhaps, they`, `Early Tuesday, the department`: no name is described
        and not (rest and rest[0].lower() in _PRONOUNS)
        and not any((w.lower() in _NOT_DESCRIBED and len(name) <= 2) or w.endswith("ly") for w in name)
        # `a stop in Onawa, Iowa, the candidate said`: a place after a place, not a name; `defending
        # Lewandowski, Trump's campaign said`: the object of the verb before, not a name described
        and not _after_word_or_comma(text, previous)
        and all(w[:1].isupper() for w in name)
        # a description, or an age (`Marley Anderson, 21, a junior from Reno,`)
        and (any(w[:1].islower() for w in rest) or (len(rest) == 1 and rest[0].isdigit()))
    )


def relative_or_subject(text: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """The speaker of a cue with no phrase of its own before it.

    `…, who said …` -> `who`; `Trump shook his head and said …` -> `Trump`, the sentence subject.
    """
    before = text[lo:cue_start].rstrip()
    if before.endswith((" who", ",who")) or before == "who":
        pronoun = lo + len(before) - 3
        return relative_antecedent(text, lo, pronoun) or (pronoun, lo + len(before))
    if not _COORDINATED.search(before):
        return None
    return sentence_subject(text, lo, cue_start)


# Where the noun phrase a relative pronoun refers to stops, walking back from the pronoun: a
# preposition, conjunction or verb before it (`asked about | a builder who`).
_ANTECEDENT_STOP = (
    frozenset(
        """to of in on at for from with by about against over under after before into than as and or but
    that when while if because not is was were are be been being has have had do does did will would
    can could may might must should""".split()
    )
    | CUE_VERBS
)
# Words that open a noun phrase: the antecedent starts there.
_NP_OPENERS = frozenset(
    """the a an this these those his her their its our my your some any every each another no one two
    three several many few anybody anyone everybody everyone somebody someone nobody people those""".split()
)
MAX_ANTECEDENT_WORDS = 6


def relative_antecedent(text: str, lo: int, pronoun: int) -> tuple[int, int] | None:
    """The noun phrase a relative pronoun at `pronoun` refers to: `an engineer who said` -> `an
    engineer`, `Lena Brandt, who said` -> `Lena Brandt`; None when no noun phrase ends there."""
    end = pronoun
    while end > lo and text[end - 1].isspace():
        end -= 1
    if text[end - 1 : end] == ",":
        end -= 1
        # `Peter Morgan, a lawyer for the club, who …`: a clause set off after a whole speaker phrase;
        # `…, said Mr. Kamin, who …`: the phrase starts after the verb before it.
        whole = speaker_before(text, lo, end)
        if whole is not None:
            verbs = [w for w in _NAME_WORD.finditer(text, *whole) if w.group() in CUE_VERBS]
            whole = _valid(text, *_strip(text, verbs[-1].end(), whole[1])) if verbs else whole
        if whole is not None and _opens_noun_phrase(text[whole[0] : whole[1]]):
            return whole
    return _noun_phrase_before(text, lo, end)


def _opens_noun_phrase(phrase: str) -> bool:
    """Whether a phrase starts as a noun phrase does (`Peter Morgan`, `the lawyer`), not mid-clause
    (`politically risky for Cruz`)."""
    first = phrase.split()[0]
    return first[:1].isupper() or first.lower() in _NP_OPENERS or first.lower() in _LOWER_STARTS


def _noun_phrase_before(text: str, lo: int, end: int) -> tuple[int, int] | None:
    """The noun phrase ending at `end`, walking back word by word (`asked about | a builder`)."""
    words = list(_NAME_WORD.finditer(text, lo, end))
    start = end
    for index in range(len(words) - 1, max(-1, len(words) - 1 - MAX_ANTECEDENT_WORDS), -1):
        word = words[index]
        lowered = word.group().lower()
        before = words[index - 1].group().lower() if index > 0 else ""
        if text[word.end() : start].strip():
            break  # punctuation between the words
        if lowered in _ANTECEDENT_STOP and not (lowered in _NOUN_LINKS and _noun_like(before)):
            break  # a verb or preposition before the phrase; `Democrats on Capitol Hill` goes on
        if word.group()[:1].islower() and lowered.endswith(("ed", "ing")) and before not in _NP_OPENERS:
            break  # `hired | workers who`; `the aggrieved workers` keeps its participle
        start = word.start()
        if lowered in _NP_OPENERS:
            break
    if start == end:
        return None
    return _valid(text, start, end)


# Prepositions inside a noun phrase (`allies in Congress`, `Democrats on Capitol Hill`).
_NOUN_LINKS = frozenset("of on in at from for with".split())


def _noun_like(word: str) -> bool:
    """Whether a word before a preposition may end a noun (not a verb, preposition or determiner)."""
    return bool(word) and word not in _ANTECEDENT_STOP and word not in _NP_OPENERS and not word.endswith("ed")


# Verbs whose object does what their infinitive says (`requires local police to tell`, `urged voters
# to say`): the object, not the subject, is the infinitive's agent.
_OBJECT_CONTROL = frozenset(
    """ask asks asked asking tell tells told urge urges urged urging require requires required requiring
    allow allows allowed force forces forced encourage encourages encouraged invite invites invited order
    orders ordered persuade persuades persuaded press presses pressed push pushes pushed want wants wanted
    expect expects expected""".split()
)


def infinitive_agent(text: str, lo: int, to_start: int) -> tuple[int, int] | None:
    """Who acts in an infinitive cue whose `to` starts at `to_start`: the object of a verb like `urge`
    (`urged local police to tell` -> `local police`), else the clause's subject (`Trump never missed an
    opportunity to remind` -> `Trump`); None for a question word's infinitive (`what to say`)."""
    words = list(_NAME_WORD.finditer(text, lo, to_start))
    if words and words[-1].group().lower() in _WH_WORDS:
        return None
    for word in reversed(words[-MAX_CONTROLLED_OBJECT - 1 : -1]):
        if word.group().lower() in _OBJECT_CONTROL:
            return _valid(text, *_strip(text, word.end(), to_start))
    return sentence_subject(text, lo, to_start)


MAX_CONTROLLED_OBJECT = 4
_WH_WORDS = frozenset("what how when where whether why which who whom".split())


# A phrase set off by a comma before a clause's subject: a prepositional phrase or subordinate clause
# (`For months,`, `During a stop in Onawa, Iowa,`) or a time (`Hours later,`, `Last week,`).
_OPENING_PHRASE = re.compile(
    r"(?:(?:In|On|At|For|During|After|Before|Since|Despite|Amid|Over|Under|Until|When|While|As|Although|"
    r"Though|If|Because|Once|With|Without|From|By|Throughout|Following|Earlier|Later|Last|This)\s"
    r"[^,;:“”\"]{0,80}"
    r"|[^,;:“”\"]{0,30}\b(?:later|earlier|ago|week|weeks|month|months|year|years|weekend|morning|afternoon|"
    r"evening|night|day|days|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
    r",\s+"
)
MAX_OPENING_PHRASES = 2


def sentence_subject(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The subject at the start of a clause: `FBI Director James Comey called …` -> the name."""
    filler = _LEADING_FILLER.match(text, lo, hi)
    first = start = filler.end() if filler else lo
    subject = None
    for _ in range(MAX_OPENING_PHRASES):
        opening = _OPENING_PHRASE.match(text, start, hi)
        if opening is None:
            break
        # `For months, Obama has …`, `Hours later, Trump …`: the subject follows the opening phrase
        start = opening.end()
        subject = _SUBJECT.match(text, start, hi) or subject
    # No subject read after it (`In Iowa, voters …`): the sentence's first words stand in, as before.
    subject = subject or _SUBJECT.match(text, first, hi)
    return (subject.start(), _without_adverbs(text, subject.start(), subject.end())) if subject else None


# A `who` clause whose verb is a cue (`, who noted that …`, `, who has long said`).
_REPORTING_RELATIVE = re.compile(
    rf",\s*who\s+(?:(?:{prefix_tree(_VERB_GROUP)}|[a-z]+ly)\s+){{0,3}}(?:{prefix_tree(CUE_VERBS)})(?![A-Za-z])"
)


def speaker_after(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The speaker phrase of an inverted cue (`said Kozlov, the minister.`) from `lo`, before `hi`."""
    end = hi
    stop = _AFTER_STOP.search(text, lo, hi)
    end = stop.start() if stop else hi
    start, end = _strip(text, lo, end)
    reporting = _REPORTING_RELATIVE.search(text, start, end)
    if reporting is not None:
        end = reporting.start()  # `said Ekovich, who noted that …`: the clause reports words of its own
    while end > start and text[end - 1] in ".,":
        end -= 1
    if text[start:end].split(" ")[0].lower() in _PRONOUNS:
        return None  # `said he would …` is reported speech, not an inverted speaker
    # A restrictive relative clause describes the head (`said one source who spoke on condition …`).
    head_text = _RELATIVE_WHO.split(text[start:end].split(",")[0], maxsplit=1)[0]
    place = _PLACE_OF_ACT.search(head_text)
    if place is not None:
        head_text, end = head_text[: place.start()], start + place.start()
    if len(text[start:end].split()) > MAX_INVERTED_WORDS:
        end = text.find(",", start, end)  # keep the name, drop a very long apposition
    if len(head_text.split()) > MAX_INVERTED_HEAD:
        return None  # `said Ms. Brainard conveyed a sense of …` is a clause, not a name
    return _valid(text, start, end, MAX_INVERTED_WORDS)


# A clock time before the subject (`Just after 11:30 p.m. police said`) is no part of who speaks.
_CLOCK_BEFORE = re.compile(r"(?:\d{1,2}[:.])?\d{1,2}\s*[ap]\.?\s?m\.?\s+", re.IGNORECASE)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",—–-"):
        start += 1
    clock = _CLOCK_BEFORE.match(text, start, end)
    if clock is not None:
        start = clock.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _valid(text: str, start: int, end: int, max_words: int = MAX_SPEAKER_WORDS) -> tuple[int, int] | None:
    if start >= end:
        return None
    phrase = text[start:end]
    if not any(char.isalpha() for char in phrase) and not _COUNT.fullmatch(phrase):
        return None  # `47% say`, `43 said`: a count of people speaks, other figures do not
    words = _WORD_COUNT.findall(phrase)
    # The head must hold no verb; a relative clause after it has its own (`officials who had seen it`).
    head_part = _RELATIVE_WHO.split(_BRACKETED.sub("", phrase.split(",")[0]), maxsplit=1)[0]
    if not words or len(words) > max_words or _CLAUSE_VERB.search(head_part):
        return None
    first = words[0]
    if (
        first[0].islower()
        and first.lower() not in _LOWER_STARTS
        and len(words) > 6
        and not _DESCRIBED_NAME.search(head_part)
    ):
        return None
    head = phrase.split(",")[0].split()
    if not head or first.lower() in _BAD_FIRST or head[-1].endswith(("’", "'", "’s", "'s")):
        return None  # `to boycott the product`, `Clinton’s`: not a whole noun phrase
    return start, end


_RELATIVE_WHO = re.compile(r"\s(?:who|whom)\s")
# A count or share standing for the people counted (`43 said`, `47% say`), as a poll story writes it.
_COUNT = re.compile(r"\d[\d,.]*\s?%?")
# `more than 4 in 10`, `fewer than 300`: a comparative bound before a count.
_COMPARATIVE_COUNT = re.compile(r"\b(?:more|less|fewer)\s+than\s+\d")
_ANY_RELATIVE = re.compile(r"\b(?:who|whom|whose|which|that|where|when)\b")


def clause_in_apposition(phrase: str) -> bool:
    """Whether what follows a phrase's first comma holds a finite verb outside any relative clause:
    an apposition describes (`Kozlov, a minister who has …,`); `the office closed, its work would go
    elsewhere,` is two clauses, no speaker phrase."""
    _, comma, rest = phrase.partition(",")
    verb = _CLAUSE_VERB.search(rest) if comma else None
    return verb is not None and _ANY_RELATIVE.search(rest, 0, verb.start()) is None


_BRACKETED = re.compile(r"\([^)]*\)")
# A description before a name: `master of ceremonies Asab Al-Tabchi`, `former tech executive Carly
# Fiorina`: the name (two capitalised words) makes a long lower-case opening a noun phrase.
_DESCRIBED_NAME = re.compile(r"[A-Z][\w’'.-]+\s+[A-Z][\w’'.-]+")
# Prepositions: the noun phrase after one is its object (`In a message posted Friday`), not a subject.
_PREPOSITIONS = frozenset(
    "in on at during after before from with for by under over since until through amid despite".split()
)
# Words that cannot open a speaker noun phrase: an infinitive (`to boycott the product`), a preposition.
_BAD_FIRST = frozenset({"to"}) | _PREPOSITIONS
# Lower-case words a speaker phrase may start with (`the governor`, `officials`, `he`).
_LOWER_STARTS = frozenset(
    """the a an some many several most few two three four five both all his her their its our one another
    other officials sources critics analysts experts he she they it we i aides advocates supporters
    opponents residents witnesses diplomats lawmakers democrats republicans people""".split()
)


def head_name(phrase: str) -> str | None:
    """The name a speaker phrase is about: `Russia's natural resources minister Alexander Kozlov` ->
    `Alexander Kozlov`; `Flynn, a top Trump surrogate,` -> `Flynn`; None for `officials`."""
    head = _BRACKETED.sub("", phrase.split(",")[0])  # `Kasich (R-OH)`: the party is no part of the name
    head = _RELATIVE_WHO.split(head, maxsplit=1)[0]  # `one source who named Sullivan`: not Sullivan
    head = _OFFICE_OF.sub(r"\g<title>", head)  # `Secretary of State Hillary Clinton`: `State` is the office
    for metonym, institution in METONYMS.items():
        head = head.replace(metonym, institution)
    coordinated = _coordinated_names(head)
    if coordinated is not None:
        return coordinated
    best: str | None = None
    run: list[str] = []
    linked = False  # whether the run follows `of`, `from` …: `Sen. Bernie Sanders of Vermont`
    for word in [*_NAME_WORD.findall(head), ""]:
        possessive = word.endswith(("’s", "'s", "’", "'"))
        if word[:1].isupper() and not possessive:
            run.append(word)
            continue
        if word.lower() in _NAME_PARTICLES and run:
            run.append(word)
            continue
        name = "" if linked and best else _drop_titles(" ".join(run))
        linked = word in _PLACE_LINKS or (linked and not run)
        if name and name in _INSTITUTIONS and word.lower() in _ROLES:
            name = f"{name} {word.lower()}"  # `a Downing Street spokesperson`: the office speaking
        elif _modifies_noun(word):
            name = ""  # `a Trump supporter`, `Clinton aides`: the name says whose, the noun who speaks
        if name:
            best = name
        run = []
    return best


# Words after which a name is where someone comes from or works, once the person is named.
_PLACE_LINKS = frozenset("of from in at for".split())
# Lower-case words after a name that do not make it a noun's modifier (`Clinton herself`).
_AFTER_NAME = frozenset(
    """himself herself themselves itself too also alone instead though however again now then there here
    and or of""".split()
)


def _modifies_noun(word: str) -> bool:
    """Whether a lower-case `word` after a run of capitalised words is the noun they modify."""
    return word[:1].islower() and word not in _AFTER_NAME and not word.endswith(("ly", "ed"))


# The department a title names (`Secretary of State`, `Minister of Defence`): part of the title, not
# of the name after it.
_OFFICE_OF = re.compile(
    r"\b(?P<title>Secretary|Minister|Director|Speaker|Chairman|Chairwoman)\s+of\s+(?:the\s+)?(?:State|Defen[cs]e|"
    r"Homeland\s+Security|Justice|Health|Education|Energy|Labou?r|Commerce|Treasury|Agriculture|Interior|"
    r"Transportation|Housing|Veterans\s+Affairs|Foreign\s+Affairs|Finance|House)\b"
)
# Roles that speak for an institution named before them (`a White House spokesman`).
_ROLES = frozenset("spokesperson spokesman spokeswoman official officials aide aides source sources".split())
_INSTITUTIONS = ORGANIZATIONS | frozenset(METONYMS.values())
_AND = re.compile(r"\s+and\s+")


def _coordinated_names(head: str) -> str | None:
    """`Both Japan and South Korea` -> `Japan and South Korea`: two names as one speaker."""
    parts = _AND.split(head.strip())
    if len(parts) != 2:
        return None
    if any(w in TITLES for part in parts for w in part.split()):
        return None  # `Ways and Means Committee Chairman Kevin Brady`: a title chain, not two names
    names = [_drop_titles(" ".join(w for w in _NAME_WORD.findall(part) if w[:1].isupper())) for part in parts]
    if not all(names) or not all(w[:1].isupper() for n in names for w in n.split()):
        return None
    return " and ".join(names)


def _drop_titles(run: str) -> str:
    words = run.split()
    while words and words[-1] in _NAME_PARTICLES:
        words = words[:-1]
    if " ".join(words) in COUNTRIES:
        return " ".join(words)  # `South Korea`: `South` is no title here
    titles = [i for i, w in enumerate(words) if w in TITLES and i < len(words) - 1]
    if titles and words[titles[-1]][:1].isupper() and len(words) - titles[-1] - 1 >= 1:
        words = words[titles[-1] + 1 :]  # `Ways and Means Committee Chairman Kevin Brady`
    while words and (words[0] in TITLES or words[0] in NOT_NAMES or words[0] in NATIONALITIES):
        words = words[1:]
    joined = " ".join(words).rstrip(".")
    return "" if joined in {"Both", "The"} else joined


# `The insurer, which declined to comment,`: a relative clause set off after an unnamed head.
_RELATIVE_AFTER_HEAD = re.compile(r"^(?P<head>[^,]+),\s*(?:who|whom|whose|which|that)\b")


def _head_before_relative(phrase: str) -> str | None:
    """The unnamed head a relative clause describes (`The insurer`): the source, without the clause
    whose verbs (`declined to comment`) would read as part of who spoke."""
    match = _RELATIVE_AFTER_HEAD.match(phrase)
    return match.group("head").strip() if match else None


def resolve(phrase: str, memory: SpeakerMemory) -> str | None:
    """The full name or source a speaker phrase refers to, updating memory for later pronouns."""
    lowered = phrase.strip().lower()
    gender = _PRONOUNS.get(lowered)
    if gender is not None:
        if gender == "m":
            return memory.last_person
        if gender == "f":
            return memory.last_female or memory.last_person
        if gender == "n":
            return memory.last_group
        return None
    if phrase not in memory.heads:
        memory.heads[phrase] = head_name(phrase)
    name = memory.heads[phrase]
    if name is None:
        if _AGENCY_DESCRIPTION.search(phrase):
            return memory.last_agency
        return _head_before_relative(phrase)
    full = memory.persons.get(name, name)
    if source_type(full) in {"agency", "state_media"}:
        memory.last_agency = full
    if full in COUNTRIES or full in ORGANIZATIONS or name.isupper():
        memory.last_group = full
    elif (full in memory.persons.values() or len(full.split()) >= 2 or full == name) and source_type(
        full
    ) in {"person", "unknown"}:
        memory.last_person = full  # `he`, `she` refer to people, not to a `Community Survey`
        if _FEMALE_HINTS.search(phrase):
            memory.last_female = full
    return full
