"""Phrases on PostgreSQL as lookups of adjacent word pairs, so a GIN index finds them without reading text.

A GIN index over a tsvector keeps no word positions: on its own it can only tell which articles hold
every word of a phrase, and for two common words that is tens of thousands of articles to read and
check. Revision 0006 indexes, beside each article's lexemes, one extra lexeme per pair of lexemes at
adjacent positions of its tsvector (`newsprism_search_terms(document)`): `' state media'` for "state
media", a space first so that no word lexeme, and no word prefix, ever equals or matches one.

This module compiles a parsed query into a tsquery over those terms, given the lexeme(s) PostgreSQL
makes of each word (the caller asks the database, which does the stemming). The result finds every
match of the query (a superset of them), and exactly the matches when every phrase in it is a pair of
two words of one lexeme each, since "a b" matches exactly the tsvectors that hold 'a' at some
position and 'b' at the next, which is what the pair lexeme records. Pure: no database here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from newsprism.storage.search_query import Node, Not, Or, Term

PAIR_MARK = " "


@dataclass(frozen=True, slots=True)
class PairQuery:
    """`text`: a tsquery literal over word and pair lexemes (None: nothing can match, all stop words).

    `exact`: the articles it finds are the matches (no phrase needs checking against positions).
    """

    text: str | None
    exact: bool


def pair_lexeme(first: str, second: str) -> str:
    """The lexeme that records `first` directly followed by `second` (both already lexemes)."""
    return f"{PAIR_MARK}{first}{PAIR_MARK}{second}"


def query_words(node: Node) -> set[str]:
    """Every word of a parsed query, to be turned into lexemes by the database."""
    if isinstance(node, Term):
        return set(node.words)
    if isinstance(node, Not):
        return query_words(node.item)
    return set().union(*(query_words(item) for item in node.items))


def to_pair_tsquery(node: Node, lexemes: Mapping[str, tuple[str, ...]]) -> PairQuery:
    """The tsquery over words and pairs that finds every match of `node` (`lexemes`: per word).

    >>> from newsprism.storage.search_query import parse_query
    >>> to_pair_tsquery(parse_query('"state media" -tass'), {"state": ("state",), "media": ("media",),
    ...                 "tass": ("tass",)})
    PairQuery(text="(' state media' & !'tass')", exact=True)
    """
    if isinstance(node, Term):
        return _term(node, lexemes)
    if isinstance(node, Not):
        inner = to_pair_tsquery(node.item, lexemes)
        if inner.text is None:
            return PairQuery(None, True)
        # Excluding a superset would drop real matches; leaving the exclusion out only adds some.
        return PairQuery(f"!{inner.text}", True) if inner.exact else PairQuery(None, False)
    parts = [to_pair_tsquery(item, lexemes) for item in node.items]
    kept = [part.text for part in parts if part.text is not None]
    exact = all(part.exact for part in parts)
    if not kept:
        return PairQuery(None, exact)
    joiner = " | " if isinstance(node, Or) else " & "
    return PairQuery("(" + joiner.join(kept) + ")", exact)


def _term(term: Term, lexemes: Mapping[str, tuple[str, ...]]) -> PairQuery:
    # Stop words have no lexeme and are left out, as to_tsquery leaves them out; a word of several
    # lexemes ("fifteen-year" would be) is a phrase of its own, found here by AND of its lexemes.
    found = [lexemes.get(word, ()) for word in term.words]
    last = len(found) - 1
    items: list[str] = []
    paired: set[int] = set()
    for i in range(last):
        if len(found[i]) == 1 and len(found[i + 1]) == 1:
            pair = pair_lexeme(found[i][0], found[i + 1][0])
            items.append(_quoted(pair, prefix=term.prefix and i + 1 == last))
            paired.update((i, i + 1))
    for i, word_lexemes in enumerate(found):
        if i not in paired:
            items += [_quoted(lexeme, prefix=term.prefix and i == last) for lexeme in word_lexemes]
    exact = all(len(word_lexemes) == 1 for word_lexemes in found) and len(found) <= 2
    if not items:
        return PairQuery(None, exact)
    return PairQuery(items[0] if len(items) == 1 else "(" + " & ".join(items) + ")", exact)


def _quoted(lexeme: str, *, prefix: bool) -> str:
    # tsquery literal syntax: a quote inside a quoted lexeme is doubled, a backslash escaped.
    escaped = lexeme.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}'" + (":*" if prefix else "")
