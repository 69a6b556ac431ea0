"""The reporting-cue lexicon: the verbs and phrases that introduce who said what.

Kept apart from the attribution logic so the lexicon can grow (from what annotated corpora show
reporters use) without touching the layout rules. Forms are listed inflected rather than stemmed:
a stemmer would turn `states` (countries) and `sees` into cues far too often.
"""

# Typographic quotes, apostrophes and dashes are what this module reads, so they appear literally.
# ruff: noqa: RUF001

from __future__ import annotations

import re

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

# Verbs of belief and evidence: cues only when a clause follows (`thinks that …`, `shows that …`).
_THINKING = """
believe believes believed think thinks thought feel feels felt hope hopes hoped fear fears feared
worry worries worried know knows knew expect expects expected find finds found show shows showed
shown suggest suggests signal signals signaled signalled hint hints hinted imply implies implied
"""

SPEECH_VERBS = frozenset(_SPEECH.split())
THINKING_VERBS = frozenset(_THINKING.split())
CUE_VERBS = SPEECH_VERBS | THINKING_VERBS

# Cue verbs are lower case: a capitalised `Says` is a headline word or a name.
_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")
# Before a verb form these make it a noun (`the report`, `a warning`), not a cue.
_DETERMINERS = frozenset(
    """the a an his her its their this that these those our my your no any many some several all both most
    few other such each every more less home whose""".split()
)
_AUXILIARIES = frozenset("has have had will would could may might must should also not".split())
# `is believed to`, `was observed`: a passive is about the subject, not a report by it. `was told`
# and `was asked` stay cues (the content is what the subject heard or was asked).
_PASSIVE = frozenset("is was were are be been being".split())
_PASSIVE_CUES = frozenset({"told", "asked", "quoted"})
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
    complains complained testify testifies testified""".split()
)
_PARTICLES = {"point": "out", "points": "out", "pointed": "out", "went": "on", "goes": "on"}


def find_cues(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """Cues in `text[start:end]` as (cue start, verb start, cue end); the cue takes its auxiliaries.

    >>> find_cues("He has said no.", 0, 15)
    [(3, 7, 11)]
    """
    found: list[tuple[int, int, int]] = []
    for match in _LOWER_WORD.finditer(text, start, end):
        word = match.group()
        if word not in CUE_VERBS:
            continue
        w_start, w_end = match.span()
        if text[w_end : w_end + 1] == "-" or text[w_start - 1 : w_start] == "-":
            continue  # `state-of-the-art`, `well-known`
        p_start, p_end = _previous_word(text, start, w_start)
        before = text[p_start:p_end].lower()
        if before in _DETERMINERS and text[p_end:w_start] == " ":
            continue
        if before in _PASSIVE and word not in _PASSIVE_CUES:
            continue
        cue_start = w_start
        while before in _AUXILIARIES:
            cue_start = p_start
            p_start, p_end = _previous_word(text, start, cue_start)
            before = text[p_start:p_end].lower()
        found.append((cue_start, w_start, _with_particle(text, word, w_end, end)))
    return found


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
    """`pointed out`, `went on`: the particle belongs to the cue."""
    particle = _PARTICLES.get(word)
    if (
        particle
        and text.startswith(" " + particle, w_end)
        and not text[w_end + len(particle) + 1 : w_end + len(particle) + 2].isalpha()
    ):
        return min(end, w_end + len(particle) + 1)
    return w_end


# Source cues that name the source after them: `according to TASS`, `as per a NDTV report`.
SOURCE_CUE = re.compile(r"\b(?:according to|as per|citing|as reported by|in the words of)\s+", re.IGNORECASE)

# Words after a verb that are not yet the content: `said Sunday`, `said in a statement`,
# `told reporters on Monday`, `wrote on Twitter`. Matched repeatedly from the cue's end.
ADVERBIAL = re.compile(
    r"\s*,?\s*(?:"
    r"(?:on|last|this|late|early|earlier|later)?\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:on|last|this)\s+(?:week|month|year|morning|afternoon|evening|night)"
    r"|(?:yesterday|today|tonight|earlier|later|recently|previously|again|also|then|too|once|repeatedly"
    r"|publicly|privately|separately|bluntly|flatly|simply|firmly|quietly|reportedly|further)"
    r"|in\s+(?:a|an|his|her|their|its|the)\s+(?:[\w-]+\s+){0,3}?(?:statement|interview|speech|post|tweet|"
    r"letter|email|e-mail|message|note|report|release|briefing|conference|call|video|op-ed|memo|filing|"
    r"appearance|address|remarks|rally|hearing|session|meeting|book|column|article)"
    r"(?:\s+(?:on|with|to|at|from|in)\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})?"
    r"|(?:on|in|via)\s+(?:Twitter|Facebook|X|Instagram|CNN|MSNBC|Fox|television|TV|radio|air|camera)"
    r"(?:\s+[A-Z][\w.’'-]*){0,3}"
    r"|(?:to|told)\s+(?:reporters|journalists|the\s+press|the\s+media|supporters|the\s+crowd|an?\s+audience"
    r"|lawmakers|the\s+(?:[A-Z][\w.’'-]*\s*){1,4})"
    r"|at\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:rally|event|briefing|conference|hearing|meeting|summit|forum"
    r"|debate|press\s+conference|news\s+conference)"
    r")\b",
)

# Objects of `told` / `asked` that precede the content: `told the Associated Press that …`.
TOLD_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w.’'&-]*\s*){1,5}(?=\s*(?:that\b|:|,|“|\"|\s[a-z]))"
    r"|\s+(?:reporters|journalists|supporters|lawmakers|the\s+crowd|the\s+newspaper|the\s+paper|him|her|them|me|us)\b"
)
