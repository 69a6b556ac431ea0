"""Paragraph and sentence splitting with character offsets.

Every later pass (attributions, quantities, dates) works on these spans, so the splitter owns the
knowledge of where a sentence may end: not after `Mr.`, `Lt. Gen.`, `U.S.` or an initial, and never
across a paragraph break. Quote-aware units (sentences merged while a quotation is open) live here too,
because a quotation of three sentences is attributed by the cue after its closing mark.
"""

# Typographic quotes, apostrophes and dashes are what this module reads, so they appear literally.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_QUOTES = '“"«„'
CLOSE_QUOTES = '”"»“'

# Words that end with a period without ending the sentence. Lower-cased, without the period.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt rep sen gov pres amb supt insp det
    st jr sr rev fr hon messrs mt ft vs etc inc corp co ltd llc bros no nos vol dept est approx fig
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u d.c a.m p.m i.e e.g ph.d
    calif fla ill mass mich minn pa tenn tex va wash wis ariz colo conn ga ky la md mo nev okla ore""".split()
)

# Abbreviations that often close a sentence too (`moved to the U.S.`), unlike titles (`Gen.`).
_MAY_END_SENTENCE = frozenset({"u.s", "u.k", "u.n", "e.u", "d.c", "etc", "inc", "co", "ltd", "a.m", "p.m"})

# `the U.S. House`, `a U.K. Embassy spokesman`: the country's abbreviation before one of its bodies.
_COUNTRY_ABBREVIATIONS = frozenset({"u.s", "u.k", "u.n", "e.u"})
_INSTITUTION_AFTER = re.compile(
    r"\s+(?:House|Senate|Congress|Army|Navy|Air\s+Force|Marines?|Embassy|Supreme|Attorney|Department|"
    r"District|Capitol|Chamber|Census|Coast\s+Guard|Treasury|Ambassador|Secretary|Security\s+Council|"
    r"General\s+Assembly|Government|Border|Customs|Postal|Open|Representative|Rep\.|Sen\.)\b"
)

_PARAGRAPH = re.compile(r"[^\n]+")
# A candidate end: terminal punctuation, optional closing quotes/brackets, then space. One mark is
# spelled out before the repeat so the regex engine skips along those marks (a pattern opening with a
# repeat is tried at every character).
# A reference mark after the stop (`coffee.[9] He was`, as an encyclopedia's page writes it) is part
# of the end.
_BOUNDARY = re.compile(r"[.!?][.!?]*[”\"’')\]]*(?:\[\d{1,3}\])*(?=\s+[^\s])")
# Two sentences glued without a space, as pages lose a line break (`at a Harris County apartment
# complex.Deputies said`, `in critical condition.Police say`): 714 such joins in the gva-dev articles,
# each a sentence end on reading. A lower-case word of two letters or more, or `a.m.`/`p.m.`, then the
# mark (with a closing quote) and a capitalised word or an opening quote (`she said."We kept`).
_GLUED = re.compile(r"(?:(?<=[a-z][a-z])|(?<=[ap]\.m))[.!?][”’)]?(?=[A-Z][a-z]|[\"“][A-Z])")
# Searched in a slice that ends at the mark: the lookbehind lets only the first character of a run try
# the repeat (else every character of the run would run it to the end again), and at the slice start
# it sees nothing, so a run is still cut where the slice begins.
_WORD_BEFORE = re.compile(r"(?<![\w.])([\w.]+)$")
_NEXT_START = re.compile(r"\s+([^\s])")
# A name and a verb of saying after a quotation's closing mark: the quotation's postposed cue.
_NAMED_CUE = re.compile(
    r"(?:[A-Z][\w.’'-]*\s+){1,4}(?:said|says|asked|asks|added|adds|told|tells|wrote|writes|replied|"
    r"responded|recalled|explained|continued|insisted|argued|tweeted|declared|shouted|joked)\b"
)


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence or paragraph: `text[start:end]`, with the index of its paragraph."""

    start: int
    end: int
    paragraph: int


def paragraphs(text: str) -> list[Span]:
    """Non-blank lines of the text, each a paragraph, trimmed of surrounding whitespace."""
    result: list[Span] = []
    for match in _PARAGRAPH.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        if start < end:
            result.append(Span(start, end, len(result)))
    return result


def sentences(text: str) -> list[Span]:
    """Sentences of the text in order; a sentence never crosses a paragraph break."""
    result: list[Span] = []
    for para in paragraphs(text):
        start = para.start
        for end in _ends_in(text, para):
            s, e = _trim(text, start, end)
            if s < e:
                result.append(Span(s, e, para.paragraph))
            start = end
        s, e = _trim(text, start, para.end)
        if s < e:
            result.append(Span(s, e, para.paragraph))
    return result


def whitespace_bounded(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` has whitespace (or the text's edge) on both sides, as sentences and
    quote units do: no word runs across its edges, so a scan of the whole text finds the same words
    inside it as a scan of the span alone."""
    return (start == 0 or text[start - 1].isspace()) and (end >= len(text) or text[end].isspace())


def quote_units(text: str, spans: list[Span]) -> list[Span]:
    """Sentences merged while a quotation opened in one of them is still open in the same paragraph.

    `“One. Two,” she said.` is one unit, so the cue after the closing mark reaches the whole quote.
    """
    units: list[Span] = []
    pending: Span | None = None
    for span in spans:
        if pending is not None and pending.paragraph == span.paragraph:
            pending = Span(pending.start, span.end, span.paragraph)
        else:
            if pending is not None:
                units.append(pending)
            pending = span
        if not _quote_open_at_end(text, pending.start, pending.end):
            units.append(pending)
            pending = None
    if pending is not None:
        units.append(pending)
    return units


def _quote_open_at_end(text: str, start: int, end: int) -> bool:
    """Whether a quotation opened in `text[start:end]` is still open at `end`."""
    curly = text.count("“", start, end) - text.count("”", start, end)
    # Some papers write a double quotation mark as two apostrophes: ''like this.''
    straight = (text.count('"', start, end) + text.count("''", start, end)) % 2
    return curly > 0 or straight == 1


def _ends_in(text: str, para: Span) -> list[int]:
    ends = [
        match.end()
        for match in _BOUNDARY.finditer(text, para.start, para.end)
        if _is_sentence_end(text, match.start(), match.group())
    ]
    glued = [match.end() for match in _GLUED.finditer(text, para.start, para.end) if _glued_end(text, match)]
    return sorted(ends + glued) if glued else ends


def _glued_end(text: str, match: re.Match[str]) -> bool:
    # `Mr.Smith`, `St.Louis`: an abbreviation, not a sentence's end.
    before = _WORD_BEFORE.search(text[max(0, match.start() - 20) : match.start()])
    word = before.group(1).lower() if before else ""
    return word not in _ABBREVIATIONS or word in _MAY_END_SENTENCE


def _is_sentence_end(text: str, dot: int, punct: str) -> bool:
    if not punct.startswith("."):
        # `“Who wants that?” she said.` and `“Who wants that?” Trump asked.` go on after the mark.
        following = _NEXT_START.match(text, dot + len(punct))
        if following is None:
            return True
        quoted = punct[-1:] in CLOSE_QUOTES or punct.endswith("''")
        return not following.group(1).islower() and not (
            quoted and _NAMED_CUE.match(text, following.start(1)) is not None
        )
    before = _WORD_BEFORE.search(text[max(0, dot - 20) : dot])
    following = _NEXT_START.match(text, dot + len(punct))
    next_char = following.group(1) if following else ""
    if before is None:
        return True
    word = before.group(1).lower()
    if word in _ABBREVIATIONS:
        # `in the U.S. The` still ends; `Gen. Flynn` and `the U.S. House` do not.
        if word in _COUNTRY_ABBREVIATIONS and _INSTITUTION_AFTER.match(text, dot + len(punct)):
            return False
        return word in _MAY_END_SENTENCE and next_char.isupper()
    if len(word) == 1 and word.isalpha() and text[dot - 1].isupper():
        return False  # an initial: `John F. Kennedy`
    return not next_char.islower()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
