"""Quotes compared across outlets: the same words given to different people, or one person's words changed.

A quote is a direct (or mixed) attribution. Two quotes from different outlets are the same quote when
their words are close; then either the speakers differ (`speaker_conflict`) or the speaker is the same
and the words are not (`quote_wording`, with the word-level difference shown). A shorter excerpt of
the same quote is not a rewording.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

import simplemma
from rapidfuzz import fuzz

from newsprism.compare.article.numbers import SMALL
from newsprism.compare.article.sources import source_type
from newsprism.compare.findings import Attribution
from newsprism.compare.textsim import words
from newsprism.compare.types import Claim, Divergence, Statement, connected, join_names

# Word similarity (0-100) from which two quotes are taken to be the same quote.
SAME_QUOTE = 70.0
# ... and from which their words are the same words, so a different speaker is a conflict.
SAME_WORDS = 88.0
MIN_WORDS = 4
# A quote of at least LONG_EXCERPT words found (partial similarity CONTAINED) in another is its excerpt.
LONG_EXCERPT = 8
CONTAINED = 95.0
_PRONOUNS = frozenset("he she they it we i you him her them his".split())


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote in one article, with the sentence(s) that hold it."""

    outlet: str
    url: str
    attribution: Attribution
    said: tuple[str, ...]
    speaker: str | None
    text: str
    start: int
    end: int
    # Whether the speaker is named (see `named_speaker`), not a role or a document that may relay a
    # named person's words.
    named: bool = False
    # The words of each quoted piece (`quoted_pieces`): read once, compared with every other quote.
    pieces: tuple[tuple[str, ...], ...] = ()

    @property
    def speaker_key(self) -> str | None:
        return speaker_key(self.speaker)

    def claim(self) -> Claim:
        said = " ".join(self.said)
        return Claim(self.outlet, self.url, self.text, self.start, self.end, said, self.speaker)


def speaker_key(name: str | None) -> str | None:
    """A speaker's surname (or a source's last word), lower-cased; None for pronouns and unknowns."""
    if not name:
        return None
    parts = [w for w in words(name) if w not in {"the", "s"}]
    if not parts or (len(parts) == 1 and parts[0] in _PRONOUNS):
        return None
    return parts[-1].removesuffix("'s")


def named_speaker(name: str | None, people: frozenset[str] = frozenset()) -> bool:
    """Whether a speaker is named: a name of two words or more (`Lynisha Carr`, `Pafford Medical
    Service`), one word the sentence's people end with (`Trump` of `donald trump`), or one capitalised
    word that is neither a plural of a common noun (`Investigators`) nor an official body (`Police`).
    Words one outlet gives `Investigators`, `the warrant` or `the suspect who` may be a named person's,
    relayed: of five speaker conflicts over the gva-dev tune split, the four with such a speaker were all
    relayed words.
    """
    if speaker_key(name) is None or name is None:
        return False
    capitalised = [w for w in name.split() if w[:1].isupper()]
    if len(capitalised) >= 2:
        return True
    if len(capitalised) != 1 or len(name.split()) != 1:
        return False
    word = name.lower()
    if any(person.split()[-1] == word for person in people):
        return True
    plural_noun = word.endswith("s") and simplemma.lemmatize(name, lang="en") != name
    return not plural_noun and source_type(name) not in {"official", "anonymous", "document"}


def same_source(a: str | None, b: str | None) -> bool:
    """Whether two speaker names can be the same source: `Disney` and `Walt Disney World`, `Kozlov`
    and `Alexander Kozlov` (the words of one are among the other's)."""
    words_a, words_b = _name_words(a), _name_words(b)
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


def _name_words(name: str | None) -> frozenset[str]:
    if speaker_key(name) is None:
        return frozenset()
    # `Pafford Medical Service` and `Pafford Medical Services` are one source.
    return frozenset(
        w.removesuffix("'s").removesuffix("s") for w in words(name or "") if w not in {"the", "s"}
    )


# The words inside quotation marks: `"She was full of life," said Crystal Dougherty. "She was ..."`
# quotes two pieces of one remark; the attribution between them is the outlet's, not the speaker's.
_QUOTED = re.compile(r"\u201c([^\u201d]*)\u201d|\"([^\"]*)\"")


def _quoted_texts(content: str) -> list[str]:
    """The text inside each pair of quotation marks of a quote's content, blank pieces left out."""
    return [piece for first, second in _QUOTED.findall(content) if (piece := first or second).strip()]


def quoted_words(content: str) -> str:
    """The quoted pieces of a quote's content, joined; the content itself when it has no marks."""
    return " ".join(_quoted_texts(content)) or content


def quoted_pieces(content: str) -> list[tuple[str, ...]]:
    """The words of each quoted piece of a quote's content (the content itself when it has no marks)."""
    found = [spelled_out(words(piece)) for piece in _quoted_texts(content)]
    return [piece for piece in found if piece] or [spelled_out(words(content))]


# Contractions whose spelled-out form is not the word before `n't` (`won't` is `will not`).
_IRREGULAR_NOT = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
}


def spelled_out(said: Sequence[str]) -> tuple[str, ...]:
    """A quote's words with `n't` spelled out and a split possessive joined: `isn't`, `is n't` and `is
    not` are one wording, as `anyone's` and `anyone 's` are; outlets and transcripts differ in these
    alone, and a reader sees no rewording in them.

    >>> " ".join(spelled_out(["this", "is", "n't", "about", "anyone", "s", "rights", "we", "won't"]))
    "this is not about anyone's rights we will not"
    >>> " ".join(spelled_out(["one", "of", "the", "two"]))
    '1 of the 2'
    """
    out: list[str] = []
    for word in said:
        if word == "n't":
            out.append("not")
        elif word in _IRREGULAR_NOT:
            out.extend(_IRREGULAR_NOT[word])
        elif word.endswith("n't") and len(word) > 3:
            out.extend((word[:-3], "not"))
        elif word == "s" and out:
            out[-1] += "'s"
        else:
            out.append(_DIGITS.get(word, word))
    return tuple(out)


# A number in words or in digits is one wording: a transcript writes `1`, a stylebook `one`.
_DIGITS = {word: str(value) for word, value in SMALL.items() if value <= 12}


def quotes_in(statements: Sequence[Statement]) -> list[Quote]:
    """The direct quotes of one article's statements, each with the sentences it spans."""
    found = []
    for statement in statements:
        for quote in statement.attributions:
            said = spelled_out(words(quoted_words(quote.content)))
            if quote.kind in ("direct", "mixed") and len(said) >= MIN_WORDS:
                found.append(_quote(statements, statement, quote, said))
    return found


def _quote(
    statements: Sequence[Statement], first: Statement, quote: Attribution, said: tuple[str, ...]
) -> Quote:
    # The evidence spans the quote and its speaker, wherever the speaker is named.
    low = min(quote.start, quote.speaker_start if quote.speaker_start is not None else quote.start)
    high = max(quote.end, quote.speaker_end if quote.speaker_end is not None else quote.end)
    covered = [s for s in statements if s.end > low and s.start < high] or [first]
    start, end = covered[0].start, covered[-1].end
    text = " ".join(s.text for s in covered)
    speaker = quote.speaker_resolved or quote.speaker
    people = frozenset().union(*(s.people for s in covered))
    return Quote(
        first.outlet,
        first.url,
        quote,
        said,
        speaker,
        text,
        start,
        end,
        named_speaker(speaker, people),
        tuple(quoted_pieces(quote.content)),
    )


def quote_divergences(statements: Mapping[str, Sequence[Statement]]) -> list[Divergence]:
    """Speaker conflicts and rewordings among the quotes of an event's articles."""
    quotes = [q for article in sorted(statements) for q in quotes_in(statements[article])]
    links = [
        (i, j)
        for i, j in itertools.combinations(range(len(quotes)), 2)
        if quotes[i].outlet != quotes[j].outlet and _similarity(quotes[i], quotes[j]) >= SAME_QUOTE
    ]
    found: list[Divergence] = []
    told: set[frozenset[tuple[str, str | None]] | None] = set()
    for cluster in connected(links):
        members = [quotes[i] for i in sorted(cluster)]
        clash = _speaker_conflict(members)
        # Two remarks given to the same people by the same outlets are one speaker conflict, told once.
        who = frozenset((c.outlet, c.speaker) for c in clash.claims) if clash is not None else None
        if clash is not None and who not in told:
            told.add(who)
            found.append(clash)
        wording = _rewording(members)
        if wording is not None:
            found.append(wording)
    return found


def _similarity(a: Quote, b: Quote) -> float:
    """How alike two quotations are: as wholes, or by their closest pieces of MIN_WORDS words or more
    (`the end is coming` against `“the end was coming” and that he was “going to hurt and kill more”`)."""
    return max(_ratio(pair) for pair in _comparable(a, b))


_Wordings = tuple[tuple[str, ...], tuple[str, ...]]


def _comparable(a: Quote, b: Quote) -> list[_Wordings]:
    """The wordings two quotations may be compared by: the wholes, and each long enough piece of one
    against each of the other."""
    pieces_a = [p for p in a.pieces if len(p) >= MIN_WORDS] or [a.said]
    pieces_b = [p for p in b.pieces if len(p) >= MIN_WORDS] or [b.said]
    return [(a.said, b.said), *((x, y) for x in pieces_a for y in pieces_b)]


def _closest(a: Quote, b: Quote) -> _Wordings:
    """The two wordings of the quotations most alike (see `_similarity`)."""
    return max(_comparable(a, b), key=_ratio)


def _ratio(wordings: _Wordings) -> float:
    return float(fuzz.ratio(" ".join(wordings[0]), " ".join(wordings[1])))


def _same_words(a: Quote, b: Quote) -> bool:
    """The same words: alike as wholes, or one outlet's quote found whole in the other's longer one
    (an outlet quoting a sentence more of the remark)."""
    if _similarity(a, b) >= SAME_WORDS:
        return True
    shorter = min(len(a.said), len(b.said))
    return shorter >= LONG_EXCERPT and fuzz.partial_ratio(" ".join(a.said), " ".join(b.said)) >= CONTAINED


def _speaker_conflict(quotes: Sequence[Quote]) -> Divergence | None:
    speakers = _per_outlet(quotes, lambda q: q.speaker)
    clash = [
        (a, b)
        for a, b in itertools.combinations(quotes, 2)
        if a.outlet != b.outlet
        and a.named
        and b.named
        and not _shared_source(speakers[a.outlet], speakers[b.outlet])
        and _same_words(a, b)
    ]
    if not clash:
        return None
    named = [q for q in quotes if q.speaker_key]
    by_speaker: dict[str, set[str]] = {}
    for quote in named:
        by_speaker.setdefault(str(quote.speaker), set()).add(quote.outlet)
    told = " but to ".join(
        f"{speaker} by {join_names(sorted(outlets))}"
        for speaker, outlets in sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )
    excerpt = _excerpt(clash[0][0].said)
    summary = f"The words \u201c{excerpt}\u201d are attributed to {told}."
    return Divergence("speaker_conflict", summary, 0.8, tuple(q.claim() for q in named))


def _shared_source(first: set[Hashable], second: set[Hashable]) -> bool:
    return any(same_source(str(a), str(b)) for a in first for b in second)


def _per_outlet(quotes: Sequence[Quote], key: Callable[[Quote], Hashable | None]) -> dict[str, set[Hashable]]:
    # An outlet that itself carries both versions does not disagree with the other outlets about it.
    found: dict[str, set[Hashable]] = {}
    for quote in quotes:
        value = key(quote)
        if value is not None:
            found.setdefault(quote.outlet, set()).add(value)
    return found


def _rewording(quotes: Sequence[Quote]) -> Divergence | None:
    wordings = _per_outlet(quotes, lambda q: q.said)
    pairs = [
        (a, b)
        for a, b in itertools.combinations(quotes, 2)
        if a.outlet != b.outlet
        and a.said != b.said
        and _same_speaker(a, b)
        and not _excerpt_of(a, b)
        and not _function_words_apart(a.said, b.said)
        and b.said not in wordings[a.outlet]
        and a.said not in wordings[b.outlet]
    ]
    if not pairs:
        return None
    a, b = pairs[0]
    diff, removed, added = word_diff(*_closest(a, b))
    who = a.speaker or b.speaker or "the same speaker"
    summary = (
        f"{a.outlet} and {b.outlet} quote {who} in different words: "
        f"\u201c{removed}\u201d in {a.outlet}, \u201c{added}\u201d in {b.outlet}."
    )
    severity = 0.45 + 0.3 * (1 - _similarity(a, b) / 100)
    involved = {id(q): q for pair in pairs for q in pair}
    claims = tuple(q.claim() for q in involved.values())
    return Divergence("quote_wording", summary, severity, claims, diff=diff)


def _same_speaker(a: Quote, b: Quote) -> bool:
    return a.speaker_key is None or b.speaker_key is None or same_source(a.speaker, b.speaker)


# Words a transcription drops or adds without changing what was said (`the people of Blytheville`
# and `people of Blytheville`). A verb's form is a word (`her family are` / `her family is`): the fact
# tables count it (PROTOCOL.md: quoted words "beyond punctuation").
_SLIPS = frozenset({"the", "a", "an", "of", "and", "that"})


def _function_words_apart(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two wordings differ only in words a transcription slips on (`the`, `of`, `and`), not a
    rewording a reader needs."""
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    changed = [
        w for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal" for w in (*a[i1:i2], *b[j1:j2])
    ]
    return bool(changed) and all(w in _SLIPS for w in changed)


def _excerpt_of(a: Quote, b: Quote) -> bool:
    """Whether one outlet quotes pieces of what the other quotes whole: each of its quoted pieces found
    as a run of the other's words, in whatever order (`“not going anywhere.” ... “always conducted
    myself appropriately”` against the whole remark). Words dropped inside one quotation (`we saw it
    and we ran` against `we saw it at the club and we ran`) are a rewording."""
    short, long = sorted((a, b), key=lambda q: len(q.said))
    whole = f" {' '.join(long.said)} "
    return all(f" {' '.join(piece)} " in whole for piece in short.pieces or (short.said,))


def word_diff(old: Sequence[str], new: Sequence[str]) -> tuple[str, str, str]:
    """A word-level diff (`[-old-]{+new+}`), and the removed and added words.

    >>> word_diff("all of it was promising".split(), "all of it was practical".split())[0]
    'all of it was [-promising-] {+practical+}'
    """
    parts, removed, added = [], [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(" ".join(old[i1:i2]))
            continue
        if i2 > i1:
            parts.append(f"[-{' '.join(old[i1:i2])}-]")
            removed.append(" ".join(old[i1:i2]))
        if j2 > j1:
            parts.append(f"{{+{' '.join(new[j1:j2])}+}}")
            added.append(" ".join(new[j1:j2]))
    return " ".join(parts), " \u2026 ".join(removed) or "(nothing)", " \u2026 ".join(added) or "(nothing)"


def _excerpt(said: Sequence[str], limit: int = 12) -> str:
    return " ".join(said[:limit]) + (" \u2026" if len(said) > limit else "")
