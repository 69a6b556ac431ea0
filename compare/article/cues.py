"""The reporting-cue lexicon: the verbs and phrases that introduce who said what.

Kept apart from the attribution logic so the lexicon can grow (from what annotated corpora show
reporters use) without touching the layout rules. Forms are listed inflected rather than stemmed:
a stemmer would turn `states` (countries) and `sees` into cues far too often.
"""

# Typographic quotes, apostrophes and dashes are what this module reads, so they appear literally.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from newsprism.compare.article.lexicon import prefix_tree
from newsprism.compare.findings import CueClass, SourceType

# Verbs of saying: every tense form a reporter writes. `call`, `find`, `show` are left to _THINKING
# and _DOCUMENT_VERBS below because they need a clause after them to be a cue.
_SPEECH = """
say says said saying tell tells told telling add adds added adding note notes noted noting
ask asks asked asking write writes wrote writing report reports reported announce announces
announced announcing suggest suggests suggested suggesting argue argues argued arguing explain
explains explained explaining declare declares declared declaring acknowledge acknowledges
acknowledged acknowledging warn warns warned warning claim claims claimed claiming insist insists
insisted insisting stated stating reply replies replied replying respond responds responded
responding continue continues continued recall recalls recalled recalling tweet tweets tweeted
tweeting predict predicts predicted predicting promise promises promised promising pledge pledges
pledged pledging vow vows vowed vowing deny denies denied denying confirm confirms confirmed
confirming admit admits admitted admitting concede concedes conceded conceding contend contends
contended contending assert asserts asserted asserting maintain maintains maintained stress
stresses stressed stressing emphasize emphasizes emphasized emphasised emphasizing observe
observes observed remark remarks remarked comment comments commented complain complains
complained complaining charge charges charged allege alleges alleged alleging testify testifies
testified testifying disclose discloses disclosed reveal reveals revealed revealing indicate
indicates indicated indicating estimate estimates estimated conclude concludes concluded
caution cautions cautioned urge urges urged urging boast boasts boasted joke jokes joked quipped
recount recounts recounted counter counters countered retort retorted mention mentions mentioned
reiterate reiterates reiterated reiterating affirm affirms affirmed assure assures assured
agree agrees agreed proclaim proclaimed lament laments lamented speculate speculated wonder
wonders wondered insisted posted wrote explained threatened threatens argued recalled
call calls called calling describe describes described describing criticize criticizes criticized
criticizing criticise criticised accuse accuses accused accusing praise praises praised praising
endorse endorses endorsed endorsing defend defends defended defending decline declines declined
reject rejects rejected rejecting dismiss dismisses dismissed dismissing blame blames blamed blaming
question questioned questioning demand demands demanded demanding propose proposes proposed
proposing seek seeks sought seeking want wants wanted support supports supported supporting
oppose opposes opposed opposing
"""
# Verbs of evaluation, reference and discussion that annotated news (PolNeAR train, by cue category)
# counts as cues as often as the classic verbs of saying: `denounced the deal`, `cited the cost`,
# `was referring to`, `talked about`.
_EVALUATION = """
decry decries decried decrying condemn condemns condemned condemning blast blasts blasted blasting
denounce denounces denounced denouncing rail rails railed railing cite cites cited tout touts touted
touting express expresses expressed expressing echo echoes echoed echoing plead pleads pleaded pleading
mock mocks mocked mocking eviscerate eviscerates eviscerated slam slams slammed slamming shout shouts
shouted shouting repeat repeats repeated repeating articulate articulates articulated voice voices
voiced voicing portray portrays portrayed portraying invoke invokes invoked invoking challenge
challenges challenged challenging remind reminds reminded reminding highlight highlights highlighted
highlighting answer answers answered answering attack attacks attacked attacking outline outlines
outlined outlining email emails emailed request requests requested requesting lash lashes lashed
chant chants chanted chanting scoff scoffs scoffed dispute disputes disputed disputing
refer refers referred referring talk talks talked talking point points pointed pointing
backed backing put puts
"""

# Verbs of belief, evidence, stance and intention: cues only when a clause follows (`thinks that …`,
# `shows that …`), or, for those in CLAUSE_ONLY, an infinitive or `as` (`refused to`, `sees X as Y`).
_THINKING = """
believe believes believed think thinks thought feel feels felt hope hopes hoped fear fears feared
worry worries worried know knows knew expect expects expected find finds found show shows showed
shown suggest suggests signal signals signaled signalled hint hints hinted imply implies implied
envision envisions envisioned seem seems seemed appear appears appeared refuse refuses refused refusing
plan plans planned planning decide decides decided intend intends intended doubt doubts doubted
remember remembers remembered learn learns learned hoping expecting wondering deem deems deemed
suspect suspects suspected acknowledged consider considers considered view views viewed see sees saw
seeing showing
"""

SPEECH_VERBS = frozenset(_SPEECH.split()) | frozenset(_EVALUATION.split())
THINKING_VERBS = frozenset(_THINKING.split())
CUE_VERBS = SPEECH_VERBS | THINKING_VERBS


# Cue verbs are lower case: a capitalised `Says` is a headline word or a name. A cue word is a whole
# run of lower-case letters with no ASCII letter on either side. The scan matches the character
# before the word so that it starts from a character set (not-a-letter) the engine skips along; a
# word at the very start of the scan is matched on its own.
_CUE_WORD = rf"(?:{prefix_tree(CUE_VERBS)})(?![A-Za-z])"
_CUE_WORD_AFTER = re.compile(rf"[^A-Za-z]{_CUE_WORD}")
_CUE_WORD_AT = re.compile(rf"(?<![A-Za-z]){_CUE_WORD}")
# Before a verb form these make it a noun (`the report`, `a warning`), not a cue.
_DETERMINERS = frozenset(
    """the a an his her its their this that these those our my your no any many some several all both most
    few other such each every more less home whose""".split()
)
# Quantifiers that stand alone as a subject (`Several said`, `Most agreed`, `Both denied`): a past
# form after one is the verb, which no determiner before a noun would leave bare.
_QUANTIFIERS = frozenset("some many several most few all both each".split())
_IRREGULAR_PAST = frozenset("said told wrote thought felt knew saw found sought".split())
# Participles more often adjectives before a noun (`some alleged abuses`, `many expected gains`).
_ADJECTIVAL = frozenset("alleged expected estimated reported proposed supported".split())


def _quantifier_subject(before: str, word: str) -> bool:
    past = word.endswith("ed") or word in _IRREGULAR_PAST
    return before in _QUANTIFIERS and past and word not in _ADJECTIVAL


# Before an -ing form these make it a noun of the act (`right in saying so`, `without saying`, `a vote
# for admitting`), not a cue of its own; `by saying`, `from saying` still report the words (the means).
_PREPOSITIONS = frozenset("in without for".split())
_AUXILIARIES = frozenset(
    "has have had will would could can may might must should do does did also not".split()
)
# `is believed to`, `was observed`: a passive is about the subject, not a report by it. `was told`
# and `was asked` stay cues (the content is what the subject heard or was asked), and so does
# `is expected to` (annotators count the expectation as reported); `was saying` is no passive.
_PASSIVE = frozenset("is was were are be been being".split())
_PASSIVE_CUES = frozenset({"told", "asked", "quoted", "expected"})
# Verbs that are cues only with a clause or quotation after them (`agreed that …`, not `agreed to
# meet`; `concluded that …`, not `concluded his tour`).
CLAUSE_ONLY = frozenset(
    """agree agrees agreed conclude concludes concluded continue continues continued maintain
    maintains maintained observe observes observed charge charges charged indicate indicates
    indicated reveal reveals revealed promise promises promised pledge pledges pledged vow vows vowed
    estimate estimates estimated know knows knew expect
    expects expected hope hopes hoped fear fears feared worry worries worried feel feels felt
    signal signals signaled signalled imply implies implied hint hints hinted comment comments
    commented report reports reported mention mentions mentioned recall recalls recalled complain
    complains complained testify testifies testified seem seems seemed appear appears appeared refuse
    refuses refused refusing plan plans planned planning decide decides decided intend intends intended
    remember remembers remembered learn learns learned hoping expecting deem deems deemed consider
    considers considered view views viewed see sees saw doubt doubts doubted suspect suspects suspected
    threaten threatens threatened""".split()
)
# Cue forms more often nouns than verbs (`a terrorist attack`, `popular support`, `their plans`); annotated
# news counts their noun uses as attributions less often than not. They count as verbs only after a
# subject pronoun, a modal or adverb, a name, or a plural subject.
NOUN_LIKE = frozenset(
    """support supports attack plan plans question questions challenge challenges voice voices demand
    request comment dispute email emails tweet tweets remark remarks comments stress report reports
    show call calls""".split()
)
_VERB_BEFORE = frozenset(
    """he she it they we i you who that which also not never still just now then often always already
    will would could should may might must can do does did to and but or nt n’t n't""".split()
)
_PARTICLES = {
    **dict.fromkeys(("point", "points", "pointed", "pointing"), ("out", "to")),
    **dict.fromkeys(("refer", "refers", "referred", "referring"), ("to",)),
    **dict.fromkeys(("talk", "talks", "talked", "talking"), ("about",)),
    **dict.fromkeys(("ask", "asks", "asked", "asking"), ("about",)),
    **dict.fromkeys(("rail", "rails", "railed", "railing"), ("against",)),
    **dict.fromkeys(("lash", "lashes", "lashed", "lashing"), ("out",)),
    **dict.fromkeys(("went", "goes"), ("on",)),
    **dict.fromkeys(("put", "puts"), ("it",)),
}
# Forms whose cue takes a particle (`went on`, `pointed out`).
PARTICLE_VERBS = frozenset(_PARTICLES)
# Verbs that report words only with their particle: `pointed out that`, `referred to the deal`,
# `railed against`, `lashed out`; `pointing it at the clerk` is an act, not a report.
_PARTICLE_ONLY = frozenset(
    """point points pointed pointing refer refers referred referring rail rails railed railing lash lashes
    lashed put puts""".split()
)
# `As Ilves put it, …`, `Sepp put it bluntly: “…”`: `put it` reports words only when its content
# follows a comma or a colon; `put it on the table` puts a thing somewhere.
_PUT_IT_BEFORE_CONTENT = re.compile(r"(?:\s+[a-z]+ly)?\s*[,:]")
_PUT = frozenset({"put", "puts"})


def cue_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the cue-verb forms in `text[start:end]`, in order, before any test of their context."""
    first = _CUE_WORD_AT.match(text, start, end)
    words = [first.span()] if first else []
    words.extend((m.start() + 1, m.end()) for m in _CUE_WORD_AFTER.finditer(text, start, end))
    return words


def find_cues(
    text: str, start: int, end: int, words: list[tuple[int, int]] | None = None
) -> list[tuple[int, int, int]]:
    """Cues in `text[start:end]` as (cue start, verb start, cue end); the cue takes its auxiliaries.

    `words` are the `cue_words` of the span when the caller has them already.

    >>> find_cues("He has said no.", 0, 15)
    [(3, 7, 11)]
    """
    found: list[tuple[int, int, int]] = []
    for w_start, w_end in cue_words(text, start, end) if words is None else words:
        word = text[w_start:w_end]
        if text[w_end : w_end + 1] == "-" or text[w_start - 1 : w_start] == "-":
            continue  # `state-of-the-art`, `well-known`
        p_start, p_end = _previous_word(text, start, w_start)
        before = text[p_start:p_end].lower()
        if before in _DETERMINERS and text[p_end:w_start] == " " and not _quantifier_subject(before, word):
            continue
        if before[-1:].isdigit():
            continue  # `270 pledged delegates`, `the 20 expected seats`: a participle before its noun
        if before in _PREPOSITIONS and word.endswith("ing"):
            continue  # `in saying`, `without saying`, `for admitting`: a gerund named, not a report
        if before in _PASSIVE and word not in _PASSIVE_CUES and not word.endswith("ing"):
            continue
        if word in NOUN_LIKE and not _verb_position(text, p_start, p_end, word):
            continue
        cue_start = _verb_group_start(text, start, w_start)
        p_start, p_end = _previous_word(text, start, cue_start)
        before = text[p_start:p_end].lower()
        cue_end = _with_particle(text, word, w_end, end)
        if cue_end == w_end and word in _PARTICLE_ONLY:
            continue
        if word in _PUT and not _PUT_IT_BEFORE_CONTENT.match(text, cue_end, end):
            continue
        found.append((cue_start, w_start, cue_end))
    return found


# Adverbs inside a verb group (`has long said`, `did not immediately respond`, `has repeatedly denied`).
_GROUP_ADVERBS = frozenset(
    "long never ever already still just even often always once since first again".split()
)


def _verb_group_start(text: str, lo: int, verb_start: int) -> int:
    """Where the verb group of the verb at `verb_start` starts: its auxiliaries, and the adverbs
    between them (`has been told`, `is expected`, `has long said`); an adverb with no auxiliary
    before it is left out (`Cruz repeatedly said`)."""
    group_start = scan = verb_start
    while True:
        p_start, p_end = _previous_word(text, lo, scan)
        before = text[p_start:p_end].lower()
        if before == "t" and text[p_start - 2 : p_start] in {"n’", "n'"}:
            # `isn’t saying`, `didn't disclose`, `won’t say`: the negated auxiliary is one word
            group_start = scan = _word_start(text, lo, p_start - 1)
        elif (
            before in _CLITICS
            and text[p_start - 1 : p_start] in {"’", "'"}
            and _pronoun_before(text, p_start - 1)
        ):
            group_start = scan = (
                p_start - 1
            )  # `He’s telling`, `they've said`: the auxiliary, not a possessive
        elif before in _AUXILIARIES or before in _PASSIVE:
            group_start = scan = p_start
        elif p_start < p_end and (before in _GROUP_ADVERBS or (before.endswith("ly") and len(before) > 4)):
            scan = p_start  # kept only when an auxiliary stands before it
        else:
            return group_start


# Auxiliaries written as clitics after a pronoun (`he’s`, `I've`, `they're`, `she'd`, `we'll`).
_CLITICS = frozenset({"s", "ve", "re", "d", "ll", "m"})
_CLITIC_HOSTS = frozenset("he she it that who there i you we they what".split())


def _pronoun_before(text: str, apostrophe: int) -> bool:
    return text[_word_start(text, 0, apostrophe) : apostrophe].lower() in _CLITIC_HOSTS


def _word_start(text: str, lo: int, pos: int) -> int:
    while pos > lo and text[pos - 1].isalpha():
        pos -= 1
    return pos


def _verb_position(text: str, p_start: int, p_end: int, word: str) -> bool:
    """Whether a noun-like cue form stands where a verb stands (after `he`, `will`, `Smith`, `voters`)."""
    before = text[p_start:p_end]
    if not before:
        return False
    if before.lower() in _VERB_BEFORE or before.endswith("ly"):
        return True
    if before[:1].isupper():
        # `Smith shows`, `Democrats show`; a singular name before a base form modifies it as a noun
        # would (`the TV show`, `a CNN report`).
        return word.endswith("s") or before.endswith("s") or before in {"I", "We", "They"}
    # `voters support`, `Republicans question`: a plural subject before the base form.
    return not word.endswith("s") and before.endswith("s") and text[p_start - 1 : p_start] not in {"'", "’"}


def _previous_word(text: str, lo: int, pos: int) -> tuple[int, int]:
    """Span of the word before `pos` when only whitespace separates them, else an empty span."""
    end = pos
    while end > lo and text[end - 1].isspace():
        end -= 1
    if end == pos:
        return pos, pos
    begin = end
    while begin > lo and text[begin - 1].isalpha():
        begin -= 1
    return begin, end


def _with_particle(text: str, word: str, w_end: int, end: int) -> int:
    """`pointed out`, `went on`, `referring to`: the particle belongs to the cue."""
    for particle in _PARTICLES.get(word, ()):
        after = w_end + len(particle) + 1
        if text.startswith(" " + particle, w_end) and not text[after : after + 1].isalpha():
            return min(end, after)
    return w_end


# Source cues that name the source after them: `according to TASS`, `as per a NDTV report`.
_SOURCE_PHRASES = ("according to", "as per", "citing", "as reported by", "in the words of")
SOURCE_CUE = re.compile(rf"\b(?:{'|'.join(_SOURCE_PHRASES)})\s+", re.IGNORECASE)
# The letters that match a letter of SOURCE_CUE case-blind without lower-casing to it (dotted and
# dotless i, long s).
_CASE_BLIND_ODD = "\u0130\u0131\u017f"


def source_phrase_starts(text: str) -> list[int] | None:
    """Offsets of the SOURCE_CUE phrases in the text's lower case, in order, for `source_cues`.

    None when the lower case cannot stand in for the case-blind pattern: when lower-casing changes
    a length (`İ` -> `i̇`, so offsets drift) or the text holds a letter SOURCE_CUE matches without
    its lower case being the phrase's letter.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or any(char in text for char in _CASE_BLIND_ODD):
        return None
    starts: list[int] = []
    for phrase in _SOURCE_PHRASES:
        found = lowered.find(phrase)
        while found >= 0:
            starts.append(found)
            found = lowered.find(phrase, found + 1)
    return sorted(starts)


def source_cues(text: str, start: int, end: int, phrase_starts: list[int] | None) -> list[re.Match[str]]:
    """SOURCE_CUE matches in `text[start:end]`; `phrase_starts` is `source_phrase_starts(text)`.

    Every match starts at one of those offsets, so a span without one skips the case-blind scan,
    which costs a regex attempt at every character.
    """
    if phrase_starts is not None:
        first = bisect_left(phrase_starts, start)
        if first == len(phrase_starts) or phrase_starts[first] >= end:
            return []
    return list(SOURCE_CUE.finditer(text, start, end))


# Words after a verb that are not yet the content: `said Sunday`, `said in a statement`,
# `told reporters on Monday`, `wrote on Twitter`. Matched repeatedly from the cue's end.
ADVERBIAL = re.compile(
    r"\s*,?\s*(?:"
    r"(?:on|last|this|late|early|earlier|later)?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:on|last|this)\s+(?:week|month|year|morning|afternoon|evening|night)"
    r"|(?:yesterday|today|tonight|earlier|later|recently|previously|again|also|then|too|once|repeatedly"
    r"|publicly|privately|separately|bluntly|flatly|simply|firmly|quietly|reportedly|further)"
    r"|in\s+(?:a|an|his|her|their|its|the)\s+(?:[\w-]+\s+){0,3}(?:statement|interview|speech|post|tweet|"
    r"letter|email|e-mail|message|note|report|release|briefing|conference|call|video|op-ed|memo|filing|"
    r"appearance|address|remarks|rally|hearing|session|meeting|book|column|article)"
    r"(?:\s+(?:on|with|to|at|from|in)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})?"
    r"|(?:on|in|via)\s+(?:Twitter|Facebook|X|Instagram|CNN|MSNBC|Fox|television|TV|radio|air|camera)"
    r"(?:\s+[A-Z][\w.’'-]*){0,3}(?:[’']s\s+[“\"][^”\"]{0,39}\w(?=[.,]?[”\"]))?"
    r"|(?:to|told)\s+(?:reporters|journalists|the\s+press|the\s+media|supporters|the\s+crowd|an?\s+audience"
    r"|lawmakers|the\s+(?:[A-Z][\w.’'-]*\s*){1,4})"
    r"|at\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:rally|event|briefing|conference|hearing|meeting|summit|forum"
    r"|debate|press\s+conference|news\s+conference)"
    r")\b",
)

# Objects of `told` / `asked` that precede the content (`told the Associated Press that …`) or end
# the sentence (`…, officials told POLITICO.`: the content came before the cue).
TOLD_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w.’'&-]*\s*){1,5}(?=\s*(?:that\b|:|,|“|\"|\s[a-z]|[.!?]?\s*$))"
    r"|\s+(?:reporters|journalists|supporters|lawmakers|the\s+crowd|the\s+newspaper|the\s+paper|him|her|them|me|us)\b"
    # `telling allies that`, `told party leaders that`: a common noun object before `that`
    r"|\s+(?:(?:his|her|their|its|the|some|several|many)\s+)?(?:[a-z-]+\s+)?[a-z-]+(?=\s+that\b)"
)


# What act a cue reports, by the lemma of its verb. Verbs of saying report an utterance with a
# content; evaluation, reference and stance (`called`, `cited`, `talked about`, `opposed`) report an
# attitude towards something, grouped with belief; intention is what someone wants done.
_LEMMA_CLASSES: dict[CueClass, str] = {
    "speech": """say tell add note ask write report announce suggest argue explain declare acknowledge
        warn claim insist state reply respond continue recall tweet predict promise pledge vow deny
        confirm admit concede contend assert maintain stress emphasize emphasise remark comment
        complain allege testify disclose reveal caution boast joke quip recount counter retort mention
        reiterate affirm assure proclaim lament shout repeat answer email remind go quote speak put""",
    "belief": """believe think feel hope fear worry know expect doubt suspect consider view deem seem
        appear wonder remember learn imagine agree conclude estimate indicate speculate signal hint
        imply envision call describe criticize criticise accuse charge praise endorse defend reject dismiss
        blame question decry condemn blast denounce rail cite tout express echo plead mock eviscerate
        slam articulate voice portray invoke challenge highlight attack outline lash chant scoff
        dispute refer talk point back support oppose post threaten""",
    "intention": "plan want seek intend decide refuse decline demand propose request urge",
    "perception": "see hear watch notice witness observe",
    "document": "show find",
}
_LEMMA_CLASS = {lemma: cls for cls, words in _LEMMA_CLASSES.items() for lemma in words.split()}
_IRREGULAR = {
    "said": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "thought": "think",
    "felt": "feel",
    "knew": "know",
    "known": "know",
    "saw": "see",
    "seen": "see",
    "found": "find",
    "shown": "show",
    "sought": "seek",
    "heard": "hear",
    "went": "go",
    "goes": "go",
    "spoke": "speak",
}
_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
    ("ing", "e"),
)
# Intention shows in the complement of a wish: `hopes to win`, `called for calm`, `pleaded to stay`.
# A verb of saying keeps its class whatever its complement: `vowed to rebuild`, `promised to`, `asked
# them to leave` report a promise or a request made in words (speech acts, as a reader comparing who
# said what counts them). Beliefs take an infinitive too (`seems to`, `appeared to`) and stay beliefs.
# `to` before a determiner or an object pronoun opens a phrase (`responded to a mother`), not a verb.
_INFINITIVE = re.compile(
    r"to\s+(?!(?:the|a|an|his|her|their|its|this|that|these|those|my|our|your|him|them|me|us|it)\b)[a-z]"
)
_FOR = re.compile(r"for\s")
# A request left unanswered: `did not respond to requests for comment`, `did not return calls`.
_NEGATION = re.compile(r"\b(?:not|never)\b|n[’']t\b", re.IGNORECASE)
_REQUEST = re.compile(
    r"(?:to\s+)?(?:(?:a|an|the|numerous|multiple|several|repeated|many|my|our|his|her|their|its)\s+)?"
    r"(?:[\w-]+\s+)?(?:requests?|messages?|calls?|e-?mails?|inquir(?:y|ies)|questions?)\b",
    re.IGNORECASE,
)
_WISH_VERBS = frozenset({"hope", "call", "plead"})
# Aspectual verbs: their infinitive is the act itself (`prices continued to rise`), no words reported.
_ASPECTUAL = frozenset({"continue", "go"})


@lru_cache(maxsize=1024)  # a few hundred cue forms recur across every article
def cue_lemma(form: str) -> str | None:
    """The lemma of a cue verb form whose class is known (`noted` -> `note`), else None."""
    form = form.lower()
    if form in _IRREGULAR:
        return _IRREGULAR[form]
    if form in _LEMMA_CLASS:
        return form
    for suffix, replacement in _SUFFIXES:
        stem = form[: -len(suffix)]
        if form.endswith(suffix) and stem + replacement in _LEMMA_CLASS:
            return stem + replacement
        if suffix in {"ed", "ing"} and form.endswith(suffix) and stem[-1:] == stem[-2:-1]:
            if stem[:-1] in _LEMMA_CLASS:
                return stem[:-1]  # `admitted`, `slamming`, `signalled`: the doubled final consonant
    return None


def cue_class(cue: str | None, source_type: SourceType, content: str = "") -> CueClass:
    """The act a cue reports, from its verb's class, its complement and its source.

    A source that is a document makes its saying, showing or finding a document's statement;
    `according to` reports speech, or a document's statement when the source is one.

    >>> cue_class("has said", "person"), cue_class("believes", "person")
    ('speech', 'belief')
    >>> cue_class("vowed", "official", "to rebuild the bridge"), cue_class("hopes", "person", "to win")
    ('speech', 'intention')
    >>> cue_class("found", "document")
    'document'
    """
    words = re.findall(r"[a-z]+", (cue or "").lower())
    if not words or " ".join(words) in _SOURCE_PHRASES:
        return "document" if source_type == "document" else "speech"
    lemmas = [lemma for lemma in map(cue_lemma, words) if lemma is not None]
    cls = _LEMMA_CLASS[lemmas[-1]] if lemmas else "speech"
    if source_type == "document" and cls != "intention":
        return "document"
    if cls == "document":
        return "belief"  # `Smith found that …`, `leaders found little unity`: a judgement, not a document
    if cls == "speech" and lemmas and lemmas[-1] in _ASPECTUAL and _INFINITIVE.match(content):
        return "intention"  # `continued to rise`: no words reported
    if lemmas and lemmas[-1] in _WISH_VERBS and (_INFINITIVE.match(content) or _FOR.match(content)):
        return "intention"  # `hopes to`, `called for calm`
    if _NEGATION.search(cue or "") and _REQUEST.match(content):
        return "intention"  # `did not respond to a request for comment`: a refusal, as `declined` is
    return cls
