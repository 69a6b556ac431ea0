"""The search query language newsprism users type, parsed once and compiled for each back-end.

Words, "phrases", prefix*, AND (implicit between words), OR, NOT or -word, and parentheses, the same
on SQLite and PostgreSQL. Parsing it here, rather than handing the text to FTS5 or `to_tsquery`, means
a query either compiles to something the engine accepts or fails with an `InputError` saying what is
wrong (`unbalanced '"'`, `'AND' must stand between two words`), identically on both back-ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.errors import InputError

MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32


@dataclass(frozen=True, slots=True)
class Term:
    """One word, or several in a row (a phrase); `prefix` matches any word starting with the last."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


Node = Term | Not | And | Or

_TOKEN = re.compile(
    r'\s*(?:(?P<paren>[()])|(?P<minus>-(?=["(]))|(?P<quote>"[^"]*(?:"\*?|$))|(?P<word>[^\s()"]+))'
)
_WORD_PIECE = re.compile(r"[^\W_]+")
_OPERATORS = {"AND", "OR", "NOT"}


def parse_query(query: str) -> Node:
    """Parse a search query; InputError names what is wrong with it.

    >>> parse_query('drones -"state media"')
    And(items=(Term(words=('drones',), prefix=False), Not(item=Term(words=('state', 'media'), prefix=False))))
    """
    if "\x00" in query:
        raise InputError("the search query contains a NUL character")
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"the search query is {len(query)} characters long; at most {MAX_QUERY_CHARS}")
    tokens = _tokens(query)
    if not tokens:
        raise InputError(f"nothing to search for in {query!r}: give at least one word")
    parser = _Parser(tokens, query)
    node = parser.parse()
    _check_searchable(node, query)
    if _term_count(node) > MAX_QUERY_TERMS:
        raise InputError(f"the search query has more than {MAX_QUERY_TERMS} words")
    return node


def _tokens(query: str) -> list[str]:
    tokens = []
    for match in _TOKEN.finditer(query):
        word = match.group("word")
        if word is not None and word not in _OPERATORS and not _WORD_PIECE.search(word):
            continue  # stray punctuation ("--", "';") is not a search term, as in any search box
        piece = match.group("paren") or match.group("minus") or match.group("quote") or word
        if piece:
            tokens.append(piece)
    return tokens


class _Parser:
    """Recursive descent: or := and (OR and)*; and := unary ([AND] unary)*; unary := (NOT|-) unary | atom."""

    def __init__(self, tokens: list[str], query: str) -> None:
        self.tokens, self.position, self.query = tokens, 0, query

    def fail(self, why: str) -> InputError:
        return InputError(f"cannot parse search query {self.query!r}: {why}")

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def parse(self) -> Node:
        node = self.parse_or()
        if self.peek() is not None:
            raise self.fail(f"unexpected {self.peek()!r} (a ')' without its '('?)")
        return node

    def parse_or(self) -> Node:
        items = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self) -> Node:
        items = [self.parse_unary()]
        while (token := self.peek()) is not None and token not in {"OR", ")"}:
            if token == "AND":
                self.take()
            items.append(self.parse_unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def parse_unary(self) -> Node:
        token = self.peek()
        if token == "NOT":
            self.take()
            return Not(self.parse_unary())
        if token == "-":
            self.take()
            return Not(self.parse_unary())
        if token is not None and token.startswith("-") and len(token) > 1:
            self.tokens[self.position] = token[1:]
            return Not(self.parse_unary())
        return self.parse_atom()

    def parse_atom(self) -> Node:
        token = self.peek()
        if token is None:
            raise self.fail("it ends where a word was expected")
        if token in _OPERATORS or token == ")":
            raise self.fail(f"{token!r} must stand between two words")
        self.take()
        if token == "(":
            node = self.parse_or()
            if self.peek() != ")":
                raise self.fail("unbalanced '(': add the closing ')'")
            self.take()
            return node
        return self._term(token)

    def _term(self, token: str) -> Term:
        prefix = token.endswith("*")
        if token.startswith('"'):
            body = token[:-1] if prefix else token
            if len(body) == 1 or not body.endswith('"'):
                raise self.fail("unbalanced '\"': add the closing quote")
        words = tuple(_WORD_PIECE.findall(token))
        if not words:
            raise self.fail(f"{token!r} has no letters or digits to search for")
        return Term(words, prefix)


def _check_searchable(node: Node, query: str) -> None:
    # An index finds documents that contain something; "everything except X" is not a search.
    if isinstance(node, Not):
        raise InputError(f"cannot search {query!r}: a query cannot only exclude words")
    if isinstance(node, And):
        if all(isinstance(item, Not) for item in node.items):
            raise InputError(f"cannot search {query!r}: a query cannot only exclude words")
        for item in node.items:
            _check_searchable(item.item if isinstance(item, Not) else item, query)
    if isinstance(node, Or):
        for item in node.items:
            if isinstance(item, Not):
                raise InputError(f"cannot search {query!r}: an excluded word cannot be one side of OR")
            _check_searchable(item, query)


def _term_count(node: Node) -> int:
    if isinstance(node, Term):
        return len(node.words)
    if isinstance(node, Not):
        return _term_count(node.item)
    return sum(_term_count(item) for item in node.items)


def to_fts5(node: Node) -> str:
    """The FTS5 MATCH expression of a parsed query (every word quoted, so none is an operator)."""
    if isinstance(node, Term):
        return '"' + " ".join(node.words) + '"' + ("*" if node.prefix else "")
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(item) for item in node.items) + ")"
    if isinstance(node, Not):  # only inside And, see _check_searchable
        return to_fts5(node.item)
    wanted = [to_fts5(i) for i in node.items if not isinstance(i, Not)]
    expression = "(" + " AND ".join(wanted) + ")"
    for item in node.items:
        if isinstance(item, Not):
            expression = f"({expression} NOT {to_fts5(item)})"
    return expression


def to_tsquery(node: Node) -> str:
    """The PostgreSQL `to_tsquery` text of a parsed query."""
    if isinstance(node, Term):
        return _tsquery_term(node, " <-> ")
    if isinstance(node, Not):
        return f"!{to_tsquery(node.item)}"
    joiner = " | " if isinstance(node, Or) else " & "
    return "(" + joiner.join(to_tsquery(item) for item in node.items) + ")"


def _tsquery_term(term: Term, joiner: str) -> str:
    """A word, a prefix (`:*`) or the words of a phrase joined by `joiner` (`<->` exact, `&` loose)."""
    quoted = [f"'{word}'" for word in term.words]
    if term.prefix:
        quoted[-1] += ":*"
    return quoted[0] if len(quoted) == 1 else "(" + joiner.join(quoted) + ")"


def has_phrase(node: Node) -> bool:
    """Whether matching `node` needs word positions (a phrase), which a GIN index cannot check alone."""
    if isinstance(node, Term):
        return len(node.words) > 1
    if isinstance(node, Not):
        return has_phrase(node.item)
    return any(has_phrase(item) for item in node.items)


def to_tsquery_superset(node: Node) -> str:
    """A `to_tsquery` text that every match of `node` also matches, with no phrase operator in it.

    A GIN index answers it from its posting lists alone; the exact query is then checked on the few
    documents kept. Phrases become AND of their words; an excluded phrase is left out (excluding it
    can only remove articles), as an excluded word cannot be (an AND always keeps one wanted item).

    >>> to_tsquery_superset(parse_query('"state media" -"kamikaze drones" -tass'))
    "(('state' & 'media') & !'tass')"
    """
    if isinstance(node, Term):
        return _tsquery_term(node, " & ")
    if isinstance(node, Not):
        return f"!{to_tsquery(node.item)}"
    if isinstance(node, Or):
        return "(" + " | ".join(to_tsquery_superset(item) for item in node.items) + ")"
    kept = [item for item in node.items if not (isinstance(item, Not) and has_phrase(item))]
    return "(" + " & ".join(to_tsquery_superset(item) for item in kept) + ")"
