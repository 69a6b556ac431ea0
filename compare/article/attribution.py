"""Attributions: who said what, from direct quotes, reported speech and `according to` cues.

Works on quote-aware units (`newsprism.compare.article.sentences.quote_units`) in article order, so a
quotation of several sentences is attributed by the cue after it and a quoted paragraph without a cue inherits
the speaker of the quotation before it. For each cue the layout decides where the content lies:
after the cue (`X said (that) …`, `X said: “…”`) or before it (`“…,” X said.`, `…, said X, the …`).
"""

# Typographic quotes, apostrophes and dashes are what this module reads, so they appear literally.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from newsprism.compare.article.cues import (
    ADVERBIAL,
    CLAUSE_ONLY,
    PARTICLE_VERBS,
    SPEECH_VERBS,
    TOLD_OBJECT,
    cue_class,
    cue_lemma,
    cue_words,
    find_cues,
    source_cues,
    source_phrase_starts,
)
from newsprism.compare.article.datelines import Dateline, find_datelines
from newsprism.compare.article.furniture import FURNITURE, LEADING_LABEL
from newsprism.compare.article.gazetteer import CITIES, COUNTRIES
from newsprism.compare.article.sentences import Span, whitespace_bounded
from newsprism.compare.article.sources import agency_aliases, source_type
from newsprism.compare.article.speakers import (
    COORDINATED_ADVERBS,
    SpeakerMemory,
    clause_in_apposition,
    infinitive_agent,
    only_verb_group,
    relative_or_subject,
    resolve,
    sentence_subject,
    speaker_after,
    speaker_before,
)
from newsprism.compare.findings import STATEMENT_CUE_CLASSES, Attribution, AttributionKind, SourceType

_OBJECT_VERBS = frozenset(
    {"told", "tell", "tells", "telling", "asked", "ask", "asks", "assured", "warned", "urged"}
)
_THAT = re.compile(r"\s*(?:[,:]\s*)?")
_SHORT_TAIL = re.compile(r"^[\s,]*(?:[.!?]+[”\"’]?)?\s*$")
_SPLIT_TAIL = re.compile(r"^\s*,\s*(?=[“\"]|'')")
_GERUND_TAIL = re.compile(r"^\s*,\s*\w+ing\b")
# What makes a clause-only verb a cue: a clause or quotation soon after it (`agreed that …`), an
# infinitive (`refused to comment`, not `continued to the island`) or an `as` complement (`see X as Y`).
_CLAUSE_START = re.compile(
    r"[^.;]{0,40}?(?:\bthat\b|:|“|\"|'')"
    r"|\s+to\s+(?!(?:the|a|an|his|her|their|its|this|that|my|our|your)\b)[a-z]"
    r"|[^.;]{0,60}?\bas\b"
)
_INVERTED_SUBJECT = re.compile(r"\s*(?:(?:the|a|an|one|another|some|two|three|several|many)\s+\w|[A-Z])")
_NOT_SPEECH_AFTER = re.compile(r"\s+(?:to|up|in|on|off|out)\b")
# `TAPPER: Donald Trump released …`, `Carson: Clinton ‘not fit’`: a transcript or headline speaker.
# A transcript quoted line by line opens each with a mark before the capitals (`"WALLACE: …`).
_SPEAKER_LABEL = re.compile(
    r"(?:[\"“](?=[A-Z][A-Z.’'-]+:))?(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}):\s+(?=\S)"
)
# Page furniture and credits (`Contributing: Ann Lee`, `CORRECTION: …`, `Email: …`), lower-cased.
_NOT_SPEAKER_LABELS = frozenset(
    """photo photos read update updated watch note editor editor’s editor's related source sources caption
    image video correction disclosure advertisement listen subscribe share more see also click breaking
    contributing contributors contributor byline email e-mail twitter facebook instagram plus name
    question remember revealed bombshell exclusive paid""".split()
)
# One mark spelled out before the repeat: the engine then skips to those marks instead of trying the
# pattern at every character of the content.
_TRAILING = re.compile(r"[\s,;:.—–-][\s,;:.—–-]*$")
_QUOTE_CHARS = '“”"'
# Double quotation marks; some papers write them as two apostrophes (''like this''). Written as one
# character set first (an apostrophe then needs a second) so the regex engine skips along that set
# instead of trying the pattern at every character. Three apostrophes before a space or punctuation
# close a nested quotation, then the quotation (`the word 'old-school,'''`): the mark is the last two.
_QUOTE_MARK = re.compile("[“”\"'](?:(?<=')'(?!'(?!\\w))|(?<!'))")
_MIN_CONTENT_CHARS = 8


# Literal words every match of the `video` furniture pattern holds (lower-cased).
_VIDEO_MARKS = ("embed", "more news videos", "javascript", "watch", "video", "autoplay")


@dataclass(frozen=True, slots=True)
class _TextScan:
    """What is scanned once per article rather than once per unit: the regex scans cost per character."""

    cue_words: list[tuple[int, int]]
    cue_starts: list[int]
    source_phrase_starts: list[int] | None
    # Whether the page holds a video embed's words at all: most do not, and then no unit is searched.
    video_marks: bool

    @classmethod
    def of(cls, text: str) -> _TextScan:
        words = cue_words(text, 0, len(text))
        lowered = text.lower()
        video = any(mark in lowered for mark in _VIDEO_MARKS)
        return cls(words, [start for start, _ in words], source_phrase_starts(text), video)

    def cue_words_in(self, text: str, unit: Span) -> list[tuple[int, int]]:
        if not whitespace_bounded(text, unit.start, unit.end):
            return cue_words(text, unit.start, unit.end)
        first, last = bisect_left(self.cue_starts, unit.start), bisect_left(self.cue_starts, unit.end)
        return self.cue_words[first:last]


@dataclass(frozen=True, slots=True)
class _Found:
    kind: AttributionKind
    start: int
    end: int
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None


def find_attributions(text: str, units: list[Span], persons: dict[str, str]) -> list[Attribution]:
    """Attributions of the article in order of their content.

    `units` are quote-aware units; `persons` maps surnames and first names to full names.
    """
    memory = SpeakerMemory(persons=persons)
    scan = _TextScan.of(text)
    datelines = find_datelines(text)
    result: list[Attribution] = []
    previous: Attribution | None = None
    previous_at = previous_unit = -2
    for index, whole_unit in enumerate(units):
        unit = _story_part(text, whole_unit, datelines, scan)
        if unit is None:
            continue
        found = _in_unit(text, unit, scan)
        if not found and previous is not None and index - previous_unit <= 2:
            found = _continuation(text, unit)
            if found and _joins(previous, units[previous_unit], unit, index - previous_unit):
                # `“A,” she said. “B.”`: one quotation split around its cue, as annotators join it.
                joined = text[previous.start : unit.end]
                previous = replace(previous, kind="mixed", content=joined, end=unit.end)
                result[previous_at] = previous
                previous_unit = index
                continue
        unit_result = [_finish(text, f, memory, previous) for f in found]
        result.extend(unit_result)
        spoken = [i for i, f in enumerate(found) if f.speaker is not None or f.cue is None]
        if spoken:
            # A quotation after the unit continues its main clause's speaker, not a relative clause's
            # (`“…,” said Morgan, who has fought the mines for years. “…”`), nor a question put by no
            # one named (`Asked whether …,`).
            main = [i for i in spoken if not _in_relative_clause(text, found[i])] or [spoken[-1]]
            previous_at = len(result) - len(found) + main[-1]
            previous, previous_unit = result[previous_at], index
    result.sort(key=lambda a: (a.start, a.end))
    return _without_ascribed_minds(_without_own_wire(result, datelines))


# Acts of the mind: no one reports them of themselves inside another's belief.
_MIND_CLASSES = frozenset({"belief", "intention"})


def _without_ascribed_minds(attributions: list[Attribution]) -> list[Attribution]:
    """`Officials suspect that Beijing wants to buy wheat`, `he said Beijing wants …`: a mind ascribed
    inside someone's content is that source's claim about it, not a report by its holder, so the
    nested belief or intention is no attribution of its own. So is a statement reported inside
    another's statement (`Reid said a source told him the tax went unpaid`): that is Reid's account
    of what the source said, not a statement the article reports from the source.
    """
    ordered = sorted(attributions, key=lambda a: a.start)
    starts = [a.start for a in ordered]
    longest = max((a.end - a.start for a in ordered), default=0)
    kept = []
    for attribution in attributions:
        speaker = attribution.speaker_start
        # Only a content starting at most the longest content's length before the speaker can hold it.
        near = (
            []
            if speaker is None
            else ordered[bisect_left(starts, speaker - longest) : bisect_right(starts, speaker)]
        )
        if not _ascribed(attribution, near):
            kept.append(attribution)
    return kept


def _ascribed(attribution: Attribution, near: list[Attribution]) -> bool:
    """Whether the attribution's speaker stands inside the content of another (among `near`) that owns
    it: any attribution for a belief or intention, a statement for a statement."""
    if attribution.cue_class in _MIND_CLASSES:
        holders = near
    elif attribution.cue_class in STATEMENT_CUE_CLASSES:
        holders = [h for h in near if h.cue_class in STATEMENT_CUE_CLASSES]
    else:
        return False
    return any(h is not attribution and _holds(h, attribution) for h in holders)


_NEWS_MEDIA = frozenset({"agency", "state_media", "media"})


def _holds(holder: Attribution, nested: Attribution) -> bool:
    """Whether `nested`'s speaker stands in `holder`'s content. When each holds the other's speaker
    (`Brandt had told officials that …, the source added`, the first content running over the
    second's speaker), the one whose content starts first holds the other."""
    speaker = nested.speaker_start
    if speaker is None or not holder.start <= speaker < holder.end:
        return False
    if nested.cue_class in STATEMENT_CUE_CLASSES and (
        holder.kind == "according_to" or holder.source_type in _NEWS_MEDIA
    ):
        # `Citing sources, the paper said …`, `“…,” Shoigu told reporters, according to AP`, `Moscow
        # has said …, Yonhap reported`: a source cue or a news outlet names who reports the statement,
        # which stays the speaker's own.
        return False
    back = holder.speaker_start
    mutual = back is not None and nested.start <= back < nested.end
    return not mutual or holder.start < nested.start


def _story_part(text: str, unit: Span, datelines: list[Dateline], scan: _TextScan) -> Span | None:
    """The unit without what is no one's words: a dateline (`NAKHODKA, Russia (AP) —`) and the page
    furniture that reads as a speaker (a video embed's label, a `Related:` link). None when nothing
    of the story is left."""
    start = unit.start
    for dateline in datelines:
        if dateline.start == start:
            start = dateline.end
    if scan.video_marks:
        label = LEADING_LABEL.match(text, start, unit.end)
        start = label.end() if label else start
        if FURNITURE["video"].search(text[start : unit.end]):
            return None
    if text.find(":", start, unit.end) >= 0 and FURNITURE["related link"].search(text[start : unit.end]):
        return None
    return unit if start == unit.start else replace(unit, start=start)


def _without_own_wire(attributions: list[Attribution], datelines: list[Dateline]) -> list[Attribution]:
    """Drop what the wire of the dateline `reported`: the article's own voice, not a source of it.

    A report nested in the wire's (`Officials would not say how many ships left, the AP reported`)
    ends where the wire's content ends, before its name and cue.
    """
    wires = {w for d in datelines if d.wire for w in agency_aliases(d.wire)}
    own = [a for a in attributions if a.speaker_resolved is not None and a.speaker_resolved in wires]
    if not own:
        return attributions
    kept = []
    for attribution in attributions:
        if attribution in own:
            continue
        for wire in own:
            speaker = wire.speaker_start
            if (
                speaker is not None
                and wire.start <= attribution.start < wire.end <= speaker < attribution.end
            ):
                content = attribution.content[: wire.end - attribution.start].rstrip(" ,")
                attribution = replace(attribution, end=attribution.start + len(content), content=content)
        kept.append(attribution)
    return kept


def _joins(previous: Attribution, previous_unit: Span, unit: Span, distance: int) -> bool:
    """Whether a cue-less quotation right after a quote with its cue inside or after it continues it."""
    return (
        distance == 1
        and previous_unit.paragraph == unit.paragraph
        and previous.kind in {"direct", "mixed"}
        and previous.cue_start is not None
        and previous.start < previous.cue_start
    )


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations in `text[start:end]` with their marks; an unclosed one runs to `end`."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for match in _QUOTE_MARK.finditer(text, start, end):
        mark, i = match.group(), match.start()
        if mark == "“" and opened is None:
            opened = i
        elif mark == "”" and opened is not None:
            spans.append((opened, match.end()))
            opened = None
        elif mark in {'"', "''"}:
            if opened is None:
                opened = i
            else:
                spans.append((opened, match.end()))
                opened = None
    if opened is not None and end - opened > 1:
        spans.append((opened, end))
    return spans


def _in_unit(text: str, unit: Span, scan: _TextScan) -> list[_Found]:
    quotes = quote_spans(text, unit.start, unit.end)
    found: list[_Found] = []
    # A speaker label needs a colon; most units have none, and the failed match backtracks.
    has_colon = text.find(":", unit.start, unit.end) >= 0
    label = _SPEAKER_LABEL.match(text, unit.start, unit.end) if has_colon else None
    if label and not _headline_label(label.group("name")):
        content = _content_after(text, label.end(), unit.end)
        if content is not None:
            colon = label.end("name")
            found.append(_Found(_kind(text, content), *content, (colon, colon + 1), label.span("name")))
    for match in source_cues(text, unit.start, unit.end, scan.source_phrase_starts):
        if not _inside(match.start(), quotes):
            item = _according_to(text, unit, match.start(), match.end())
            if item is not None:
                found.append(item)
    if not found and (headline := _headline_cue(text, unit)) is not None:
        found.append(headline)
    words = scan.cue_words_in(text, unit)
    asked = _ASKED_OPENING.match(text, unit.start, unit.end)
    for cue_start, verb_start, cue_end in find_cues(text, unit.start, unit.end, words):
        if _inside(verb_start, quotes) or any(_covers(f, verb_start) for f in found):
            continue
        if asked is not None and asked.start("cue") <= verb_start < asked.end():
            continue  # `When asked about …`: the question, read below, has no speaker before it
        item = _verb_cue(text, unit, quotes, (cue_start, verb_start, cue_end), found)
        if item is not None:
            found.append(item)
    question = _question_put(text, unit, asked, found) if asked is not None else None
    if question is not None:
        found.insert(0, question)
    cut = _cut_at_shared_subject(text, _cut_at_coordinated(text, found))
    return _split_quote_rests(quotes, _trim_cut(text, cut))


# `Asked whether …, Sepp said …`, `When asked about the fees, she said …`, `But asked what …`: a
# participle clause opening the sentence reports a question put to the main clause's subject by
# someone the story does not name (mostly the reporter).
_ASKED_OPENING = re.compile(
    r"(?:(?:But|And|So|Yet|Later|Then|Still)\s+)?(?:(?:When|After|Upon|Once|If)\s+(?:being\s+)?)?"
    r"(?P<cue>[Aa]sked)\b(?=\s+(?:about|whether|if|what|why|how|who|which|when|where|on|at|in|during|by|"
    r"later|again|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)

_ABOUT = re.compile(r"\s+(?P<about>about)\b")


def _question_put(text: str, unit: Span, asked: re.Match[str], found: list[_Found]) -> _Found | None:
    """The question of an `Asked …,` opening: its content runs to the comma before the main clause,
    whose subject is the speaker of the next cue (or, with no cue after it, to the first comma)."""
    about = _ABOUT.match(text, asked.end(), unit.end)
    cue_end = about.end("about") if about else asked.end()  # `Asked about`, as `talked about`
    after = _skip_adverbials(text, cue_end, unit.end, "asked")
    main = [f.speaker[0] for f in found if f.speaker is not None and f.speaker[0] > after]
    comma = text.rfind(",", after, main[0]) if main else text.find(",", after, unit.end)
    if comma < 0:
        return None
    content = _span_or_none(text, after, comma)
    if content is None or text[comma:].startswith(",”") or text[comma:].startswith(',"'):
        # `Asked whether she “would run,” Lee said`: the closing mark is the question's own
        content = _span_or_none(text, after, comma + 2)
    if content is None:
        return None
    return _Found(_kind(text, content), *content, (asked.start("cue"), cue_end), None)


# Capitalised function words: a label holding one is a title-case headline (`Stealth Over Health:`,
# `The Latest:`), not the name of who speaks.
_HEADLINE_WORDS = frozenset("The A An Of Over In On For To At With And From After Before By As".split())


def _headline_label(name: str) -> bool:
    words = name.split()
    return words[0].lower() in _NOT_SPEAKER_LABELS or any(w in _HEADLINE_WORDS for w in words)


# `Senator Says Talks Will Resume`: a headline writes its verb of saying capitalised, in the third
# person, between the speaker and what was said.
_HEADLINE_VERB = re.compile(r"(?<=\s)[A-Z][a-z]+s(?=\s+\S)")
_TITLE_WORD = re.compile(r"\S+")
MIN_TITLE_SHARE = 0.7


def _headline_cue(text: str, unit: Span) -> _Found | None:
    """The cue of a title-case headline (`Lindsey Graham Says Trump Could …`), where every word is
    capitalised and the lower-case scan for cues finds none."""
    words = _TITLE_WORD.findall(text, unit.start, unit.end)
    capitalised = sum(1 for w in words if w[:1].isupper())
    if len(words) < 4 or capitalised < MIN_TITLE_SHARE * len(words):
        return None
    for match in _HEADLINE_VERB.finditer(text, unit.start, unit.end):
        verb = match.group().lower()
        if verb not in SPEECH_VERBS or verb in PARTICLE_VERBS or cue_class(verb, "person") != "speech":
            continue  # `Goes After …` is no `goes on`: a verb that needs its particle is not read here
        speaker = speaker_before(text, unit.start, match.start())
        content = _content_after(text, match.end(), unit.end)
        if speaker is not None and content is not None:
            return _Found("indirect", *content, match.span(), speaker)
    return None


def _trim_cut(text: str, found: list[_Found]) -> list[_Found]:
    """Drop the conjunction left at the end of a cut content (`… on Tuesday, while`)."""
    result = []
    for item in found:
        if item.end >= len(text) or not text[item.end].isalpha():
            result.append(item)
            continue
        match = _COORDINATOR.search(text, item.start, item.end)
        end = match.start() if match and match.start() > item.start else item.end
        result.append(
            item if end == item.end else replace(item, kind=_kind(text, (item.start, end)), end=end)
        )
    return result


def _split_quote_rests(quotes: list[tuple[int, int]], found: list[_Found]) -> list[_Found]:
    """`“A,” she said, “B.”`: the quotation after the cue is hers too.

    When her cue sits between the two halves, they are one quotation split around it: one
    attribution spans both (kind `mixed`, since the cue lies inside), as annotated corpora join them.
    """
    result = list(found)
    for qs, qe in quotes:
        if any(f.start < qe and qs < f.end for f in result):
            continue
        before = [
            (i, f)
            for i, f in enumerate(result)
            if f.kind == "direct" and f.end <= qs and f.speaker is not None
        ]
        if not before:
            continue
        index, first = before[-1]
        if first.cue is not None and first.end <= first.cue[0] and first.cue[1] <= qs:
            result[index] = _Found("mixed", first.start, qe, first.cue, first.speaker)
        else:
            result.append(_Found("direct", qs, qe, None, first.speaker))
    return result


def _covers(found: _Found, index: int) -> bool:
    """Whether a cue word is part of an earlier cue or speaker (`as per a NDTV report`)."""
    spans = [s for s in (found.cue, found.speaker) if s is not None]
    return any(s[0] <= index < s[1] for s in spans) and found.kind == "according_to"


def _inside(index: int, quotes: list[tuple[int, int]]) -> bool:
    return any(qs < index < qe - 1 for qs, qe in quotes)


def _according_to(text: str, unit: Span, cue_start: int, cue_end: int) -> _Found | None:
    """`According to X, …` (content after) or `…, according to X.` (content before)."""
    stop = re.compile(r"[,.;:“”\"]|\s(?:that|who|which)\b")
    match = stop.search(text, cue_end, unit.end)
    np_end = match.start() if match else unit.end
    speaker = _span_or_none(text, cue_end, np_end)
    before = text[unit.start : cue_start].strip(" ,")
    rest = text[np_end : unit.end].strip(" ,.;:")
    if len(before.split()) < 2:
        content = _content_after(text, np_end, unit.end)
    elif len(rest.split()) >= 3 and text[np_end : np_end + 1] == ",":
        # `G4S receives, according to one report, $234 million …`: the source sits inside the claim.
        content = _content_after(text, unit.start, unit.end)
    else:
        content = _content_before_source(text, unit.start, cue_start)
    if content is None or speaker is None:
        return None
    return _Found("according_to", content[0], content[1], (cue_start, cue_end - 1), speaker)


def _content_before_source(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    end = hi
    while end > lo and text[end - 1] in " ,":
        end -= 1
    return _span_or_none(text, lo, end)


def _verb_cue(
    text: str, unit: Span, quotes: list[tuple[int, int]], cue: tuple[int, int, int], found: list[_Found]
) -> _Found | None:
    cue_start, verb_start, cue_end = cue
    verb = text[verb_start:cue_end].lower()
    after = _skip_adverbials(text, cue_end, unit.end, verb)
    if cue_lemma(verb.split()[-1]) == "respond" and _EMERGENCY_RESPONSE.match(text, after):
        return None  # `officers responded to the scene`: they went there, they said nothing
    tail = text[after : unit.end]
    if _is_gerund_after_comma(text, unit.start, cue_start, verb):
        return _gerund(text, unit, cue, after, found)
    quote = _closing_quote_before(text, cue_start, quotes)
    if quote is not None and _quoted_in_clause(text, unit, quote) and _QUOTE_AFTER_CUE.match(text, after):
        quote = None  # `Remarking upon his “empathy,” Starr said, “Leave aside …”`: his words follow
    if quote is not None and (item := _postposed_quote(text, unit, quotes, quote, cue, after, found)):
        return item
    if _is_short_tail(tail) or _GERUND_TAIL.match(tail) or _is_inverted_plain(text, unit, cue_start, after):
        item = _postposed_plain(text, unit, cue, after)
        if item is not None or _SHORT_TAIL.match(tail):
            return item
    limit = _left_limit(text, unit, found, cue_start)
    speaker = (
        speaker_before(text, limit, cue_start)
        or _shared_subject(text, limit, cue_start, found)
        or relative_or_subject(text, limit, cue_start)
    )
    infinitive = _INFINITIVE_TO.search(text, max(limit, cue_start - 4), cue_start)
    if infinitive is not None and speaker is not None:
        speaker = infinitive_agent(text, limit, infinitive.start())
    if speaker is None or _imperative(text, speaker):
        return None
    if (
        verb.split()[-1] in CLAUSE_ONLY
        and not _CLAUSE_START.match(text, cue_end, unit.end)
        and not _reports_object(text, (cue_start, verb_start, cue_end), after)
    ):
        return None
    content = _content_after(text, after, _clause_end(text, unit, speaker, cue_start, after))
    if content is None:
        return None
    if _interjected(text, unit, speaker, after):
        content = (_span_or_none(text, unit.start, content[1]) or content)[0], content[1]
    content = content[0], _before_narrators_clause(text, content, speaker)
    return _Found(_kind(text, content), content[0], content[1], (cue_start, cue_end), speaker)


# Where a crew or officers respond to: a place, a call or a report of a crime, not words (`responded to
# the scene`, `responding to a shooting call`, `responded to reports of shots fired`; 535 such in the
# gva-dev articles).
_EMERGENCY_RESPONSE = re.compile(
    r"\s*to\s+(?:(?:a|an|the|that|reports?\s+of(?:\s+an?)?|calls?\s+(?:of|about)(?:\s+an?)?|multiple|several|two|"
    r"numerous)\s+)?(?:[\w'’-]+\s+){0,3}?(?:scene|shooting|report|reports|call|calls|home|house|area|residence|"
    r"location|address|block|apartments?|complex|incident|disturbance|911|gunfire|shots|gunshots|hospital|"
    r"school|business|store|motel|hotel|bar|club|park|intersection|emergency)\b",
    re.IGNORECASE,
)
# Verbs of saying whose object is what was said even without a clause (`He mentioned the wall`,
# `Trump reported $5,000 in interest income`, `She recalled an incident at a theatre`): annotated
# news counts the object as the content. Past and third-person forms only, or the base form after an
# auxiliary (`did not mention`): `report`, `reports` alone are mostly nouns (`the jobs report`).
_OBJECT_REPORTS = frozenset("mention recall reveal report".split())
_OBJECT_FORMS = re.compile(r"(?:[a-z]+ed|mentions|recalls|reveals)")
# What opens a noun phrase rather than a circumstance (`reported from Paris`, `revealed in May`) or a
# passive's agent (`was first reported by Politico`).
_NOT_OBJECT = re.compile(
    r"(?:by|from|in|on|at|to|with|for|during|after|before|since|daily|that|when|how|what|whether|"
    r"why|where|who|which|and|or|but|so|as|above|below)\b|[a-z]+ly\b|[^\w$“\"']"
)
_PASSIVE_GROUP = re.compile(r"\b(?:is|was|were|are|be|been|being)\b")


def _reports_object(text: str, cue: tuple[int, int, int], after: int) -> bool:
    """Whether a clause-only verb of saying reports its noun-phrase object (`mentioned the wall`)."""
    cue_start, verb_start, cue_end = cue
    verb = text[verb_start:cue_end]
    if cue_lemma(verb) not in _OBJECT_REPORTS or _PASSIVE_GROUP.search(text, cue_start, verb_start):
        return False
    if not (_OBJECT_FORMS.fullmatch(verb) or cue_start < verb_start):
        return False
    start = after + len(text[after : after + 3]) - len(text[after : after + 3].lstrip())
    return start < len(text) and _NOT_OBJECT.match(text, start) is None


# `…, which he described as “like an open orchid”`, `…, but Cook did not say when`: a clause set off
# at the end of the content whose subject is the speaker is the reporter's account of them.
_NARRATORS_CLAUSE = re.compile(r",\s+(?:which\s+(?:he|she)\b|but\s+(?P<name>[A-Z][\w’'-]+)\b)")


def _before_narrators_clause(text: str, content: tuple[int, int], speaker: tuple[int, int]) -> int:
    """Where the content ends: before a trailing clause about its own speaker, else where it does."""
    for match in _NARRATORS_CLAUSE.finditer(text, *content):
        name = match.group("name")
        if name is None or name in text[speaker[0] : speaker[1]].split():
            return match.start()
    return content[1]


# `Riding alone at night, they said, can be hazardous`: a speaker and cue set off by commas inside
# the clause they report; the clause runs on in lower case after them.
_INTERJECTION_TAIL = re.compile(r",\s*[a-z]")
MIN_INTERRUPTED_WORDS = 2


def _interjected(text: str, unit: Span, speaker: tuple[int, int], after: int) -> bool:
    """Whether the cue interrupts its content: the clause begins before the speaker (a comma between
    them) and goes on after the cue's comma, so the content is the whole clause around them."""
    before = text[unit.start : speaker[0]].rstrip()
    return (
        before.endswith(",")
        and len(before.split()) >= MIN_INTERRUPTED_WORDS
        and not any(q in before for q in _QUOTE_CHARS)
        and _INTERJECTION_TAIL.match(text, after) is not None
    )


# A quotation opening right after the cue (`said, “…`, `said: “…`).
_QUOTE_AFTER_CUE = re.compile(r"\s*[,:]?\s*(?:[“\"]|'')")


def _quoted_in_clause(text: str, unit: Span, quote: tuple[int, int]) -> bool:
    """Whether a quotation is a phrase inside a clause (words before it in its unit), not a clause."""
    return bool(text[unit.start : quote[0]].strip(" “\"'"))


_CLAUSE_CLOSE = re.compile(r",\s+(?=[a-z])")


def _clause_end(text: str, unit: Span, speaker: tuple[int, int], cue_start: int, after: int) -> int:
    """Where the content of a cue in a clause set off by a comma ends: at that comma, since the main
    clause follows it. Such a clause is a relative one (`Lena Brandt, who said the bridge was safe,
    resigned`), an opening phrase (`In a statement announcing the closure, the ministry said`) or an
    opening subordinate clause (`When he wrote his book, McKinley said`), after which the main
    clause's subject comes."""
    relative = _relative_before(text, cue_start)
    if relative is not None and relative.group("comma") is not None:
        close = _CLAUSE_CLOSE.search(text, after, unit.end)
        return close.start() if close else unit.end
    opening = text[unit.start : speaker[0]]
    if "," not in opening and _OPENING_WORDS.intersection(opening.lower().split()):
        comma = text.find(", ", after, unit.end)
        return comma if comma >= 0 else unit.end
    return unit.end


# Words opening a phrase or clause before a sentence's main clause.
_OPENING_WORDS = frozenset(
    """in on at during after before from with for by under over when while because since if although
    though once until unless whenever""".split()
)


# `to` right before a cue: the cue is an infinitive, whose agent is not the phrase before it.
_INFINITIVE_TO = re.compile(r"(?<![A-Za-z])to\s+$")
# Words that stand before an imperative verb without being its subject (`Now tell …`, `Perhaps ask …`).
_BEFORE_IMPERATIVE = frozenset("now perhaps please seriously so just then also simply".split())


def _imperative(text: str, speaker: tuple[int, int]) -> bool:
    """Whether the `speaker` is only adverbs before the verb: an imperative has no one speaking."""
    words = re.findall(r"[A-Za-z]+", text[speaker[0] : speaker[1]].lower())
    return bool(words) and all(w in _BEFORE_IMPERATIVE for w in words)


# `He claimed vast wealth and said …`: the verb phrase coordinated after a cue's content.
_AND_BEFORE_CUE = re.compile(rf"(?:,\s*)?\b(?:and|but){COORDINATED_ADVERBS}\s*$")


def _shared_subject(text: str, limit: int, cue_start: int, found: list[_Found]) -> tuple[int, int] | None:
    """The speaker of a cue coordinated with the cue before it (`X says A and said B`): one subject
    for both verbs, as in every coordinated verb phrase."""
    if not found or found[-1].speaker is None or found[-1].cue is None:
        return None
    if found[-1].cue[1] != limit or not _AND_BEFORE_CUE.search(text, limit, cue_start):
        return None
    return found[-1].speaker


def _cut_at_shared_subject(text: str, found: list[_Found]) -> list[_Found]:
    """The content of the first of two coordinated cues ends where the second verb phrase begins, and
    any content ends before a participle clause that is a cue of its own (`…, saying …`)."""
    result = []
    for item in found:
        end = item.end
        for other in found:
            if other is item or other.cue is None or not item.start < other.cue[0] < end:
                continue
            if other.speaker == item.speaker:
                end = other.cue[0]
            elif _is_gerund_after_comma(text, item.start, other.cue[0], text[other.cue[0] : other.cue[1]]):
                end = text.rfind(",", item.start, other.cue[0])
        result.append(
            item if end == item.end else replace(item, kind=_kind(text, (item.start, end)), end=end)
        )
    return result


def _is_short_tail(tail: str) -> bool:
    """Whether what follows a cue is circumstance (`to a crowd of 500.`), not the reported clause."""
    if _SHORT_TAIL.match(tail) or _NEXT_CLAUSE.match(tail) or _SUMMARY_APPOSITIVE.match(tail):
        return True
    if _BOUND.match(tail):
        return False  # `said at least 15 had died`: a bound on a number opens the clause
    if _PHRASE_THEN_PARTICIPLE.match(tail):
        return True  # `said Tuesday in Paris, noting …`: a place, then the participle clause
    words = tail.split()
    if _INFINITIVE_TAIL.match(tail):
        return False  # `Trump continues to build his lead`: an infinitive, the verb's own complement
    return words[0].lower() in _CIRCUMSTANCE and len(words) <= 10


_PHRASE_THEN_PARTICIPLE = re.compile(
    r"\s*(?:in|on|at|during|after|before|from|with)\s+[^,.;:“”\"]{1,60},\s+[a-z]+ing\b"
)
# `to` and a verb: a word that is no pronoun or determiner and, unlike `to reporters` or `to voters`,
# no plural noun; `to CNN` is capitalised.
_INFINITIVE_TAIL = re.compile(
    r"\s*to\s+(?!(?:the|a|an|his|her|their|its|this|that|these|those|our|my|your|him|them|me|us|it|"
    r"you|whom|which|what)\b)[a-z]+(?<!s)\b"
)


# `…, Yonhap reported, a step that would have been unthinkable`: a noun phrase summing up the clause
# before the cue, set off by a comma, is no reported clause.
_SUMMARY_APPOSITIVE = re.compile(r"\s*,\s*an?\s+[a-z]+\s+(?:that|which|of|in|to)\b")
_BOUND = re.compile(r"\s*(?:at\s+(?:least|most)|as\s+(?:many|much|few)\s+as)\s+\S*\d")
# `…, while police said …`: a coordinated clause with a speaker of its own ends the clause before it.
_CLAUSE_JOIN = re.compile(r"(?:,(?:[”\"]|'')?\s*(?:while|whereas|but|and)|;)\s*$")
_COORDINATOR = re.compile(r"(?:[,;]\s*|\s+)(?:while|whereas|but|and|as)?\s*$")


def _cut_at_coordinated(text: str, found: list[_Found]) -> list[_Found]:
    """An indirect content that runs into another speaker's coordinated clause (`…, while police
    said …`) stops before that clause; a nested report (`said that Smith told him …`) stays inside."""
    result = []
    for item in found:
        end = item.end
        for other in found:
            speaker = other.speaker
            if speaker is None or not item.start < speaker[0] < end:
                continue
            if other.start > speaker[0] and _CLAUSE_JOIN.search(text, item.start, speaker[0]):
                end = speaker[0]
        result.append(item if end == item.end else replace(item, end=end))
    return result


# `…, he said, and the talks went on` / `…, she said, as the crowd cheered`: a new clause follows.
_NEXT_CLAUSE = re.compile(r"\s*,\s*(?:and|but|as|while|because|although|though|when|since|before|after)\b")
_CIRCUMSTANCE = frozenset("on in at to during after before while from with as of via".split())


def _is_inverted_plain(text: str, unit: Span, cue_start: int, after: int) -> bool:
    """`…, said Larry Sabato, director of …`: a comma before the cue, a subject right after it."""
    if (
        not text[unit.start : cue_start].rstrip().endswith(",")
        or _INVERTED_SUBJECT.match(text, after) is None
    ):
        return False
    if speaker_after(text, after, unit.end) is None:
        return False
    # `Some Democrats, however, question …` has its subject before the cue; a long "subject" there
    # (`Cruz lacks support from …, said Larry Sabato`) is the content instead.
    before = speaker_before(text, unit.start, cue_start)
    if before is None:
        return True
    phrase = text[before[0] : before[1]]
    return len(phrase.split(",")[0].split()) > MAX_PREPOSED_HEAD or clause_in_apposition(phrase)


# `…, adding …`, `…, even suggesting …`, `…, before saying …`: a participle clause after a comma, an
# adverb or a temporal subordinator between them.
_GERUND_OPENING = re.compile(
    r"(?:,[”\"]?|\s[–—])\s*(?:(?:even|also|again|then|later|still|further|while|before|after|all)\s+|[a-z]+ly\s+)?$"
)


def _is_gerund_after_comma(text: str, lo: int, cue_start: int, verb: str) -> bool:
    return (
        verb.endswith("ing") and _GERUND_OPENING.search(text[max(lo, cue_start - 30) : cue_start]) is not None
    )


def _gerund(
    text: str, unit: Span, cue: tuple[int, int, int], after: int, found: list[_Found]
) -> _Found | None:
    """`…, adding that …`: the speaker is the one of the clause before."""
    if _NOT_SPEECH_AFTER.match(text, cue[2]) and not _promise_to(text, cue):
        return None  # `adding to her lead`, `calling for calm` is no report of words
    content = _content_after(text, after, unit.end)
    main = [f for f in found if not _in_relative_clause(text, f)]
    speaker = main[-1].speaker if main else sentence_subject(text, unit.start, cue[0])
    if content is None or speaker is None:
        return None
    return _Found(_kind(text, content), content[0], content[1], (cue[1], cue[2]), speaker)


# A relative pronoun and the auxiliaries and adverbs of its verb group (`who has long said`).
_RELATIVE_PRONOUN = re.compile(r"(?:^|(?P<comma>,)?\s)(?:who|which)(?P<group>(?:\s+[a-z]+){0,3})\s*$")


def _relative_before(text: str, cue_start: int) -> re.Match[str] | None:
    """The relative pronoun whose verb is the cue at `cue_start` (`a builder who said`), if any."""
    match = _RELATIVE_PRONOUN.search(text[max(0, cue_start - 40) : cue_start])
    return match if match and only_verb_group(match.group("group"), 0, len(match.group("group"))) else None


def _in_relative_clause(text: str, found: _Found) -> bool:
    """Whether a cue is the verb of a relative clause (`a builder who said …`): a participle clause
    after the sentence belongs to the main clause's subject, not to the relative's."""
    return found.cue is not None and _relative_before(text, found.cue[0]) is not None


# Verbs of saying whose `to` opens the act promised or asked for (`promising to lift`, `urging them
# to leave`), not a place or a sum (`adding to her lead`).
_COMMISSIVES = frozenset("promise pledge vow threaten urge ask offer agree".split())
_TO_VERB = re.compile(r"\s+to\s+(?!(?:the|a|an|his|her|their|its|this|that|these|those|our|my|your)\b)[a-z]")


def _promise_to(text: str, cue: tuple[int, int, int]) -> bool:
    return cue_lemma(text[cue[1] : cue[2]]) in _COMMISSIVES and _TO_VERB.match(text, cue[2]) is not None


MAX_BETWEEN = 25
MAX_PREPOSED_HEAD = 5


def _postposed_quote(
    text: str,
    unit: Span,
    quotes: list[tuple[int, int]],
    quote: tuple[int, int],
    cue: tuple[int, int, int],
    after: int,
    found: list[_Found],
) -> _Found | None:
    """`“…,” X said.` / `“…,” said X, the …` / `“…,” X said, “…”`: the speaker fills the gap."""
    cue_start, _, cue_end = cue
    gap_start = quote[1]
    while gap_start < cue_start and text[gap_start] in " ,":
        gap_start += 1
    if gap_start < cue_start:
        speaker = speaker_before(text, quote[1], cue_start)
        if speaker is None or speaker[0] != gap_start:
            return None
    else:
        speaker = speaker_after(text, after, unit.end)
    if speaker is None:
        return None
    start = _first_quote_of_run(text, quotes, quote)
    clause_start = _left_limit(text, unit, found, start)
    if text[clause_start:start].strip(" ,:"):
        # `in doing so he “made a mistake,” Smith said`: the clause is his
        start = clause_start + len(text[clause_start:start]) - len(text[clause_start:start].lstrip())
    return _Found(_kind(text, (start, quote[1])), start, quote[1], (cue_start, cue_end), speaker)


def _first_quote_of_run(text: str, quotes: list[tuple[int, int]], quote: tuple[int, int]) -> int:
    """A quotation split into several adjacent marks before one cue starts at the first of them."""
    start = quote[0]
    for q in reversed([q for q in quotes if q[1] <= quote[0]]):
        if text[q[1] : start].strip():
            break
        start = q[0]
    return start


def _postposed_plain(text: str, unit: Span, cue: tuple[int, int, int], after: int) -> _Found | None:
    """`The economy is weak, Smith said.` or `…, said Smith.`: content before the speaker."""
    cue_start, _, cue_end = cue
    comma = text.rfind(",", unit.start, cue_start)
    if comma < 0:
        return None
    between = text[comma + 1 : cue_start]
    if between.strip():
        speaker = speaker_before(text, comma + 1, cue_start)
        if speaker is not None and (
            len(text[comma + 1 : speaker[0]].split()) > 1 or _RELATIVE_OPENING.match(between)
        ):
            return None  # `…, but her plan needs states that may not want to`, `…, who refused to`
    else:
        speaker = speaker_after(text, after, unit.end)
    content = _span_or_none(text, unit.start, comma)
    if speaker is None or content is None or len(text[content[0] : content[1]].split()) < 3:
        return None
    return _Found(_kind(text, content), content[0], content[1], (cue_start, cue_end), speaker)


# A relative clause after a comma belongs to the noun before it; it holds no postposed speaker.
_RELATIVE_OPENING = re.compile(r"\s*(?:who|whom|which|that)\b")


_CLAUSE_END_MARKS = frozenset({",", "?", "!", ".", "—"})
# `On ABC's “This Week,” Rubio said`, `in “The Art of the Deal,”`: a title in quotation marks after a
# possessive or a preposition names a show or a book; it is no one's words.
_BEFORE_TITLE = re.compile(r"(?:[’']s|\b(?:on|in|of|at|from|with|during|via))\s*$", re.IGNORECASE)
_TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for with from by".split())
MAX_TITLE_WORDS = 8


def _quoted_title(text: str, qs: int, qe: int) -> bool:
    words = re.findall(r"[A-Za-z][\w’'-]*", text[qs:qe])
    return (
        0 < len(words) <= MAX_TITLE_WORDS
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w in _TITLE_SMALL_WORDS for w in words)
        and _BEFORE_TITLE.search(text, max(0, qs - 12), qs) is not None
    )


# A nested quotation's closing mark, and a space, right before the outer closing mark.
_NESTED_CLOSE = re.compile(r"[’']\s*$")


def _closing_quote_before(text: str, cue_start: int, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation that closes a clause just before the cue, only a speaker phrase between them.

    The quotation must end its clause (`…,”` / `…?”` / `”,`): `a “good” job, he said` is no quote
    of his.
    """
    for qs, qe in reversed(quotes):
        if qe > cue_start:
            continue
        if qe - qs <= 2 or _quoted_title(text, qs, qe):
            return None
        between = text[qe:cue_start]
        # The mark may be two apostrophes (`…?'' said Tufekci`) or follow a nested quote (`…,’”`).
        mark = 2 if text[qe - 2 : qe] == "''" else 1
        # `…,’”`, `…,' "`: a nested quotation may close between the clause's end and the mark.
        # A space alone before the mark is no such close (`… families . ”` in tokenised text).
        inner = text[max(qs, qe - mark - 4) : qe - mark]
        nested = _NESTED_CLOSE.search(inner)
        inner = inner[: nested.start()] if nested else inner
        closes_clause = inner[-1:] in _CLAUSE_END_MARKS or text[qe - 3 : qe - 2] == ","
        if not (closes_clause or between.lstrip().startswith(",")):
            return None
        if len(between.split()) > MAX_BETWEEN or re.search(r"[;:!?]", between):
            return None
        return qs, qe
    return None


def _left_limit(text: str, unit: Span, found: list[_Found], cue_start: int) -> int:
    """Where a cue's speaker may start: after the cue before it, unless that cue sits in a relative
    clause of the phrase (`Morgan, who has long fought the mines, said`)."""
    limit = unit.start
    for item in found:
        if item.cue and item.cue[1] <= cue_start and not _in_relative_clause(text, item):
            limit = max(limit, item.cue[1])
    return limit


def _skip_adverbials(text: str, pos: int, end: int, verb: str) -> int:
    if verb.split()[-1] in _OBJECT_VERBS:
        obj = TOLD_OBJECT.match(text, pos, end)
        if obj:
            pos = obj.end()
    while True:
        match = ADVERBIAL.match(text, pos, end)
        if not match or match.end() == pos:
            return pos
        pos = match.end()


def _content_after(text: str, start: int, end: int) -> tuple[int, int] | None:
    match = _THAT.match(text, start, end)
    if match:
        start = match.end()
    trailing = _TRAILING.search(text, start, end)
    if trailing:
        end = trailing.start()
        if end < len(text) and text[end] in "." and end + 1 < len(text) and text[end + 1] in _QUOTE_CHARS:
            end += 2
    if (
        end < len(text)
        and text[end : end + 1] in {"”", '"'}
        and text.count("“", start, end) > text.count("”", start, end)
    ):
        end += 1
    span = _span_or_none(text, start, end)
    if span is None or span[1] - span[0] < _MIN_CONTENT_CHARS:
        return None
    return span


def _span_or_none(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _kind(text: str, content: tuple[int, int]) -> AttributionKind:
    body = text[content[0] : content[1]]
    if _opens_quote(body, 0) and body.rstrip(".,")[-1:] in "”\"'":
        return "direct"
    if any(q in body for q in _QUOTE_CHARS) or "''" in body:
        return "mixed"
    return "indirect"


def _opens_quote(text: str, index: int) -> bool:
    return text[index : index + 1] in {"“", '"'} or text[index : index + 2] == "''"


def _continuation(text: str, unit: Span) -> list[_Found]:
    """A unit that opens with a quotation and has no cue continues the previous speaker's words."""
    if not _opens_quote(text, unit.start):
        return []
    return [_Found("direct", unit.start, unit.end, None, None)]


def _finish(text: str, found: _Found, memory: SpeakerMemory, previous: Attribution | None) -> Attribution:
    content = text[found.start : found.end]
    cue = text[found.cue[0] : found.cue[1]] if found.cue else None
    if found.speaker is None and found.cue is None and previous is not None:
        return Attribution(
            found.kind,
            content,
            found.start,
            found.end,
            None,
            previous.speaker,
            previous.speaker_start,
            previous.speaker_end,
            previous.speaker_resolved,
            previous.source_type,
            None,
            None,
            previous.cue_class,
        )
    if found.speaker is None:
        return Attribution(
            found.kind,
            content,
            found.start,
            found.end,
            cue,
            None,
            None,
            None,
            None,
            "unknown",
            cue_class=cue_class(cue, "unknown", content),
        )
    phrase = text[found.speaker[0] : found.speaker[1]]
    resolved = resolve(phrase, memory)
    kind = _source_kind(phrase, resolved, memory)
    cue_start, cue_end = found.cue if found.cue else (None, None)
    # The class reads the complement with its preposition (`called for calm` is a wish).
    act = cue_class(cue, kind, content)
    start = found.start
    particle = _PARTICLE.match(text, found.cue[1], found.end) if found.cue else None
    if particle is not None and found.cue is not None and found.cue[1] <= start < particle.end():
        # `called for a recount`, `joked about moving`: the preposition is part of the cue.
        cue_end, start = particle.end("particle"), particle.end()
        cue, content = text[found.cue[0] : cue_end], text[start : found.end]
    return Attribution(
        found.kind,
        content,
        start,
        found.end,
        cue,
        phrase,
        found.speaker[0],
        found.speaker[1],
        resolved,
        kind,
        cue_start,
        cue_end,
        act,
    )


# Prepositions a cue verb takes before its object (`called for`, `warned of`, `railed against`,
# `pointed out`); `to` is left out, since it mostly opens the infinitive annotators count as content.
_PARTICLE = re.compile(r"\s*(?P<particle>for|on|about|of|against|out)\s+(?=\S)")


def statements(attributions: list[Attribution]) -> list[Attribution]:
    """The attributions that report what someone said or a document states (not beliefs or plans):
    what a comparison of who said what across outlets compares."""
    return [a for a in attributions if a.cue_class in STATEMENT_CUE_CLASSES]


def _source_kind(phrase: str, resolved: str | None, memory: SpeakerMemory) -> SourceType:
    """Type the phrase; a bare name or pronoun takes the type its fuller mention earned."""
    kind = source_type(phrase)
    if resolved is None:
        return kind
    if all(part in COUNTRIES or part in CITIES for part in resolved.split(" and ")):
        return "official"  # `Moscow said`, `Japan and South Korea stated`: governments speaking
    if kind in {"person", "unknown"} and resolved in memory.descriptions:
        return memory.descriptions[resolved]
    if kind not in {"person", "unknown"}:
        # One source keeps the type it first earned: `TASS` and `the state news agency` are one.
        return memory.descriptions.setdefault(resolved, kind)
    return kind
