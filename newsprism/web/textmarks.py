"""Cutting an article text into marked pieces for the pages: attributions highlighted, versions diffed.

Templates escape every piece they print, so the text is never turned into markup here: a piece is
plain text plus what it is (a quote, a speaker, inserted, deleted). Pure functions over strings.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

DiffOp = Literal["equal", "insert", "delete"]
_WORDS = re.compile(r"\S+\s*|\s+")
# Word-level diffing is quadratic in the worst case; beyond this many words a paragraph is replaced whole.
_MAX_WORDS_TO_ALIGN = 4000


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text to mark: [start, end) with a kind (`quote`, `speaker`) and a tooltip."""

    start: int
    end: int
    kind: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text and the kinds of span covering it (empty for plain text)."""

    text: str
    kinds: tuple[str, ...] = ()
    note: str = ""


def mark_spans(text: str, spans: Iterable[Span]) -> list[Piece]:
    """Cut `text` at every span boundary; spans outside the text or empty are ignored.

    >>> mark_spans("He said hi", [Span(8, 10, "quote")])
    [Piece(text='He said ', kinds=(), note=''), Piece(text='hi', kinds=('quote',), note='')]
    """
    usable = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
    pieces = []
    for start, end in pairwise(cuts):
        covering = [s for s in usable if s.start <= start and end <= s.end]
        kinds = tuple(sorted({s.kind for s in covering}))
        note = "; ".join(dict.fromkeys(s.note for s in covering if s.note))
        pieces.append(Piece(text[start:end], kinds, note))
    return pieces


@dataclass(frozen=True, slots=True)
class Change:
    """A run of text that two versions share (`equal`) or that one of them alone has."""

    op: DiffOp
    text: str


def diff_texts(old: str, new: str) -> list[Change]:
    """What changed from `old` to `new`: paragraphs aligned first, then the words of changed ones."""
    old_paragraphs, new_paragraphs = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(old_paragraphs[i1:i2]), "".join(new_paragraphs[j1:j2])
        if tag == "equal":
            changes.append(Change("equal", before))
        else:
            changes.extend(_diff_words(before, after))
    return _merged(changes)


def _diff_words(old: str, new: str) -> list[Change]:
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    if len(old_words) + len(new_words) > _MAX_WORDS_TO_ALIGN:
        return [Change("delete", old), Change("insert", new)]
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.append(Change("equal", "".join(old_words[i1:i2])))
            continue
        changes.append(Change("delete", "".join(old_words[i1:i2])))
        changes.append(Change("insert", "".join(new_words[j1:j2])))
    return changes


def _merged(changes: Sequence[Change]) -> list[Change]:
    merged: list[Change] = []
    for change in changes:
        if not change.text:
            continue
        if merged and merged[-1].op == change.op:
            merged[-1] = Change(change.op, merged[-1].text + change.text)
        else:
            merged.append(change)
    return merged


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of an article cut into pieces; when it is the evidence of a divergence, `anchors`
    are its `at-{start}-{end}` ids (the first is the passage's own, the others begin inside it)."""

    pieces: list[Piece]
    anchors: tuple[str, ...] = ()


def evidence_passages(text: str, spans: Iterable[Span], evidence: Iterable[tuple[int, int]]) -> list[Passage]:
    """`text` cut into plain passages and evidence passages (sentences an event page links to),
    each cut further at `spans`. Overlapping evidence shares one passage, so every anchor exists once.

    >>> [(p.anchors, "".join(x.text for x in p.pieces)) for p in evidence_passages("Ab. Cd.", [], [(4, 7)])]
    [((), 'Ab. '), (('at-4-7',), 'Cd.')]
    """
    marked = list(spans)
    passages, at = [], 0
    for start, end, members in _evidence_regions(text, evidence):
        if start > at:
            passages.append(Passage(_pieces_between(text, marked, at, start)))
        anchors = tuple(f"at-{s}-{e}" for s, e in members)
        passages.append(Passage(_pieces_between(text, marked, start, end), anchors))
        at = end
    if at < len(text) or not passages:
        passages.append(Passage(_pieces_between(text, marked, at, len(text))))
    return passages


def _evidence_regions(
    text: str, evidence: Iterable[tuple[int, int]]
) -> list[tuple[int, int, list[tuple[int, int]]]]:
    regions: list[tuple[int, int, list[tuple[int, int]]]] = []
    for start, end in sorted({(s, e) for s, e in evidence if 0 <= s < e <= len(text)}):
        if regions and start < regions[-1][1]:
            first, last, members = regions[-1]
            regions[-1] = (first, max(last, end), [*members, (start, end)])
        else:
            regions.append((start, end, [(start, end)]))
    return regions


def _pieces_between(text: str, spans: Sequence[Span], start: int, end: int) -> list[Piece]:
    inside = [
        Span(max(s.start, start) - start, min(s.end, end) - start, s.kind, s.note)
        for s in spans
        if s.start < end and s.end > start
    ]
    return mark_spans(text[start:end], inside)
