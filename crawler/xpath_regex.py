"""trafilatura's XPath expressions with their regular-expression tests bound in Python.

trafilatura finds boilerplate (share bars, comment blocks, cookie banners) and the article's own
container with XPath expressions that test `@id` and `@class` against regular expressions through
EXSLT's `re:test(@class, 'share-|social|...')`. lxml runs each test as a call from libxml2 back into
Python that converts both arguments on every element: the attribute, as a string that knows its
element, and the pattern, a few hundred characters decoded and hashed again to find its compiled
form. Those calls were a fifth of an extraction worker's time (callgrind, the fundus pages).

Each `re:test(ATTRIBUTES, 'PATTERN'[, 'FLAGS'])` whose arguments are attributes and literals becomes
a call of an extension function bound to the compiled pattern, asked only of elements that carry one
of the attributes when the pattern cannot match an empty string, which is what lxml's test sees for
a missing attribute. The same elements are selected, in the same order: only the cost changes.
Expressions are rebuilt once, where trafilatura keeps them (`faster_trafilatura_xpaths`), in the
processes that extract.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml.etree import XPath

REGEXP_NS = "http://exslt.org/regular-expressions"  # EXSLT's, which trafilatura's paths call `re`
BOUND_NS = "urn:newsprism:bound-regex"
_TEST_CALL = "re:test("
# A node-set of attributes (`@id`, `@id|@class`): lxml's test reads the first one's value.
_ATTRIBUTES = re.compile(r"\s*@[\w.:-]+(?:\s*\|\s*@[\w.:-]+)*\s*")
_LITERAL = re.compile(r"""\s*(?:'([^']*)'|"([^"]*)")\s*""")
# What makes a path give strings that know their element (smart strings): attribute or text nodes.
_NODE_STRINGS = re.compile(
    r"@|\b(?:text|node|comment|processing-instruction)\s*\(|\b(?:attribute|namespace)::"
)

Extensions = dict[tuple[str, str], Callable[..., bool]]


@dataclass(frozen=True)
class BoundPath:
    """An XPath expression's text with its regex tests bound, and the functions that it calls."""

    path: str
    extensions: Extensions


def bind_regex_tests(path: str) -> BoundPath:
    """`path` with each `re:test` of attributes against a literal pattern made a bound function's call.

    >>> bind_regex_tests(".//div[re:test(@class, 'share|social')]").path
    './/div[(@class and np:regex0(@class))]'
    """
    parts: list[str] = []
    extensions: Extensions = {}
    done = 0
    for start, end, arguments in _test_calls(path):
        parts.append(path[done:start])
        parts.append(_bound_call(path[start:end], arguments, extensions))
        done = end
    parts.append(path[done:])
    return BoundPath("".join(parts), extensions)


def _test_calls(path: str) -> Iterator[tuple[int, int, list[str]]]:
    """Where each `re:test(...)` call starts and ends in `path`, and its top-level arguments."""
    start = path.find(_TEST_CALL)
    while start >= 0:
        arguments, end = _call_arguments(path, start + len(_TEST_CALL))
        if arguments is None:  # unbalanced: leave the rest to XPath's own parser and its error
            return
        yield start, end, arguments
        start = path.find(_TEST_CALL, end)


def _call_arguments(path: str, opened: int) -> tuple[list[str] | None, int]:
    """The comma-separated arguments of the call whose parenthesis opened before `opened`, and the
    index after its closing parenthesis; string literals and nested brackets are skipped whole."""
    arguments: list[str] = []
    depth, quote, begin = 0, "", opened
    for index in range(opened, len(path)):
        char = path[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        elif char == ")":
            arguments.append(path[begin:index])
            return arguments, index + 1
        elif char == "," and not depth:
            arguments.append(path[begin:index])
            begin = index + 1
    return None, len(path)


def _bound_call(call: str, arguments: list[str], extensions: Extensions) -> str:
    """The call bound to its compiled pattern, or `call` as it was when its arguments are not an
    attribute node-set and literal strings."""
    literals = [_LITERAL.fullmatch(argument) for argument in arguments[1:]]
    if not _ATTRIBUTES.fullmatch(arguments[0]) or not 1 <= len(literals) <= 2:
        return call
    texts = [match.group(1) if match.group(1) is not None else match.group(2) for match in literals if match]
    if len(texts) != len(literals):
        return call
    pattern, flags = texts[0], texts[1] if len(texts) > 1 else ""
    # As lxml compiles an EXSLT pattern: Unicode, case folded when the flags hold "i".
    compiled = re.compile(pattern, re.UNICODE | (re.IGNORECASE if "i" in flags else 0))
    name = f"regex{len(extensions)}"
    extensions[(BOUND_NS, name)] = _bound_test(compiled)
    attributes = arguments[0].strip()
    bound = f"np:{name}({attributes})"
    if compiled.search("") is not None:  # a missing attribute matches: every element is asked
        return bound
    return f"({attributes} and {bound})"


def _bound_test(compiled: re.Pattern[str]) -> Callable[..., bool]:
    search = compiled.search

    def test(context: object, values: list[str]) -> bool:
        # lxml's re:test reads the first node of a node-set, the empty string for an empty one.
        return search(values[0] if values else "") is not None

    return test


def faster_xpath(expression: XPath) -> XPath:
    """`expression` with its regex tests bound; `expression` itself when it has none to bind.

    An expression that selects elements only gets its attributes as plain strings, which lxml
    makes faster than strings that know their element; one that may give attribute or text nodes
    keeps the strings it gave.
    """
    bound = bind_regex_tests(expression.path)
    if not bound.extensions:
        return expression
    return XPath(
        bound.path,
        namespaces={"re": REGEXP_NS, "np": BOUND_NS},
        extensions=bound.extensions,
        smart_strings=not _selects_elements_only(bound.path),
    )


def _selects_elements_only(path: str) -> bool:
    """Whether `path` can give nothing but elements: no attribute or text step outside its
    predicates (a conservative reading: an attribute in a predicate only filters elements)."""
    return not _NODE_STRINGS.search(_outside_predicates(path))


def _outside_predicates(path: str) -> str:
    kept: list[str] = []
    depth, quote = 0, ""
    for char in path:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif not depth:
            kept.append(char)
    return "".join(kept)


def faster_trafilatura_xpaths() -> int:
    """Rebuild the XPath expressions of trafilatura's loaded modules with bound regex tests: each list
    of expressions is changed in place and each module name bound to one is rebound (a name imported
    from another module is found in each). Returns how many were rebuilt; calling it again rebuilds
    none."""
    modules = [module for name, module in list(sys.modules.items()) if name.split(".")[0] == "trafilatura"]
    # By identity, each old expression kept alive beside its new one so that no id is reused.
    rebuilt: dict[int, tuple[XPath, XPath]] = {}
    for module in modules:
        for name, value in list(vars(module).items()):
            if isinstance(value, XPath):
                setattr(module, name, _rebuilt(value, rebuilt))
            elif isinstance(value, list) and value and all(isinstance(item, XPath) for item in value):
                value[:] = [_rebuilt(item, rebuilt) for item in value]
    return sum(1 for old, new in rebuilt.values() if new is not old)


def _rebuilt(expression: XPath, rebuilt: dict[int, tuple[XPath, XPath]]) -> XPath:
    if id(expression) not in rebuilt:
        rebuilt[id(expression)] = (expression, faster_xpath(expression))
    return rebuilt[id(expression)][1]
