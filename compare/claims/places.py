"""Where on a street the event happened: `the 2300 block of Washington Street` against `near 2500 W.
Washington St.`.

US local crime news places an event by its block (`the 7500 block of South St. Lawrence`) or a house
number (`2500 W. Washington St.`, whose block is the 2500 block). Two outlets putting the event on
different blocks of one street is a difference of place a reader checks (PROTOCOL: "places"). A street
is known by its name alone (`Washington`), the direction (`W.`, `East`) and the kind (`St.`,
`Avenue`) set aside, so `Washington Street East` and `W. Washington St.` are one street; an article
naming two blocks of one street (a chase, a second scene) gives no answer for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from newsprism.compare.claims.model import Bounds, FactClaim
from newsprism.compare.types import Statement

_DIRECTION = r"(?:(?:North|South|East|West|N|S|E|W)\.?\s+)"
_KIND = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|Blvd|Lane|Ln|Court|Ct|Way|Place|Pl|Parkway|Pkwy|"
    r"Highway|Hwy|Circle|Cir|Terrace|Trail|Pike)\b\.?"
)
_NAME_WORD = r"(?:[A-Z][a-z]+|\d{1,3}(?:st|nd|rd|th))"
# `the 2300 block of Washington Street East`, `the 7500 block of South St. Lawrence`.
_BLOCK = re.compile(
    rf"\b(?P<number>\d{{2,5}})\s+block\s+of\s+{_DIRECTION}?(?P<street>(?:St\.\s+)?{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
)
# `2500 W. Washington St.`: a house number, its street named with its kind (a bare `2500 Washington`
# may be a count).
_ADDRESS = re.compile(
    rf"\b(?P<number>\d{{2,5}})\s+{_DIRECTION}?(?P<street>{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s+{_KIND}"
)
# Street names at least this alike (rapidfuzz ratio) on one block are one street spelled two ways.
SPELLING = 80
# Words a street name never ends with that the patterns may take in (`the 200 block of Main Street
# Tuesday`).
_NOT_STREET = frozenset(
    "Street St Avenue Ave Road Rd Drive Dr Boulevard Blvd Lane Ln Court Ct Way Place Pl Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday In On At".split()
)


def street_of(written: str) -> str:
    """A street's name without its kind or direction, lower-cased: the key two outlets share.

    >>> street_of("Washington Street"), street_of("St. Lawrence"), street_of("Aspen Meadow")
    ('washington', 'st. lawrence', 'aspen meadow')
    """
    words = written.split()
    while len(words) > 1 and words[-1].rstrip(".") in _NOT_STREET:
        words.pop()
    return " ".join(words).lower()


def block_claims(statement: Statement) -> list[FactClaim]:
    """The blocks a sentence puts something on, one claim per street named."""
    claims = []
    for pattern in (_BLOCK, _ADDRESS):
        for match in pattern.finditer(statement.text):
            block = int(match.group("number")) // 100 * 100
            street = street_of(match.group("street"))
            claims.append(
                FactClaim("block", street, f"{block} block", Bounds(block, block), statement, match.group(0))
            )
    return claims


def article_blocks(statements: Iterable[Statement]) -> list[FactClaim]:
    """Every block the article gives, in reading order."""
    return [claim for statement in statements for claim in block_claims(statement)]


def spelt_alike(first: str, second: str) -> bool:
    """Whether two different street names are one spelled two ways (`fairmount`, `fairmont`).

    >>> spelt_alike("fairmount", "fairmont"), spelt_alike("washington", "wilson"), spelt_alike("8th", "18th")
    (True, False, False)
    """
    # `8th` and `18th` are two streets, not one misspelt.
    numbered = any(ch.isdigit() for ch in first + second)
    return first != second and not numbered and fuzz.ratio(first, second) >= SPELLING
