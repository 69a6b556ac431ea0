"""The condition of the wounded: `in critical condition` in one outlet, `non-life-threatening` in another.

An outlet that says all the wounded are critical (`Four others were shot and critically hurt`) and one
that says a wounded person's injuries are not life-threatening cannot both be right, nor can two that
give the only victim's condition as critical and as stable: a reader must see it, and which came later
(a condition changes). Each claim is grave or mild; `serious` and `critical but stable` are neither,
since outlets use them of both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsprism.compare.article.numbers import DIGITS, WORD_NUMBER
from newsprism.compare.claims.casualties import HOSPITALISED, INJURED, SHOT, count_value
from newsprism.compare.claims.model import FactClaim
from newsprism.compare.types import Statement

GRAVE, MILD = "grave", "mild"
# A mild condition told of every one of the wounded (`The five people injured all suffered
# non-life-threatening injuries`, `none received life-threatening wounds`).
EVERYONE = "all"
_GRAVE = re.compile(
    r"\b(?:(?:extremely\s+|very\s+)?critical|grave)\s+condition\b(?!\s+but\s+stable)|\bcritically\s+"
    r"(?:hurt|wounded|injured)\b|\blife-threatening\s+(?:injuries|wounds)\b",
    re.IGNORECASE,
)
# `none received life-threatening wounds`, `non-life-threatening`: a negation just before.
_NEGATED = re.compile(r"\b(?:no|none|not|non|without|n't)\b[^.;]{0,25}$|non-$", re.IGNORECASE)
_MILD = re.compile(
    r"\bnon-?\s?life-threatening\b|\bnot\s+(?:(?:believed|thought|considered|expected)\s+to\s+be\s+)?"
    r"life-threatening\b|\bn't\s+(?:(?:believed|thought|considered)\s+to\s+be\s+)?life-threatening\b"
    r"|(?<!critical\sbut\s)\bstable\s+condition\b|\b(?:good|fair)\s+condition\b|\bminor\s+injuries\b"
    r"|\btreated\s+and\s+released\b",
    re.IGNORECASE,
)
_EVERYONE = re.compile(r"\b(?:all|each|every)\b(?!\s+(?:but|except))[^.;]{0,60}$", re.IGNORECASE)
_NONE = re.compile(r"\b(?:none|no\s+one|neither|nobody)\b", re.IGNORECASE)
# A condition about another person than the wounded of this shooting (`the suspect is in stable
# condition`) or about an earlier state (`was initially in critical condition`).
_OTHER = re.compile(r"\b(?:suspect|gunman|shooter|initially|at\s+first|earlier|previously|upgraded)\b", re.I)
# The count a condition is told of: `Four victims were taken to the hospital in critical condition`.
_COUNTED = frozenset({INJURED, SHOT, HOSPITALISED})
_PART = re.compile(rf"(?<![\w-])(?:{DIGITS}|{WORD_NUMBER})(?![\w-])", re.IGNORECASE)


def condition_claims(statement: Statement, counts: Sequence[FactClaim]) -> list[FactClaim]:
    """The conditions a sentence gives the wounded, each `grave` or `mild`; a grave one's value is how
    many it is told of (the count right before it in the sentence, else one)."""
    text = statement.text
    if _OTHER.search(text):
        return []
    claims = []
    for pattern, severity in ((_GRAVE, GRAVE), (_MILD, MILD)):
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - 40) : match.start()]
            if severity == GRAVE and _NEGATED.search(before):
                # `none received life-threatening wounds`: every one of them mild
                if _NONE.search(before):
                    claims.append(FactClaim("condition", MILD, EVERYONE, None, statement, match.group(0)))
                continue
            if severity == GRAVE:
                people = str(_people_told_of(text, match.start(), counts))
            else:
                people = EVERYONE if _EVERYONE.search(text[: match.start()]) else "1"
            claims.append(FactClaim("condition", severity, people, None, statement, match.group(0)))
    return claims


def _people_told_of(text: str, at: int, counts: Sequence[FactClaim]) -> int:
    before = [
        c for c in counts if c.subject in _COUNTED and 0 <= text.find(c.phrase) < at and c.bounds is not None
    ]
    if not before:
        return 1
    nearest = max(before, key=lambda c: text.find(c.phrase))
    # `Seven men were shot, leaving two of them in critical condition`: a part told between.
    between = text[text.find(nearest.phrase) + len(nearest.phrase) : at]
    part = _PART.search(between)
    if part is not None:
        return int(count_value(part.group(0)) or 0)
    return int(float(nearest.value))


def article_conditions(statements: Iterable[Statement], counts: Sequence[FactClaim]) -> list[FactClaim]:
    """Every condition claim of an article, in reading order."""
    by_statement: dict[int, list[FactClaim]] = {}
    for claim in counts:
        by_statement.setdefault(claim.statement.start, []).append(claim)
    return [
        claim
        for statement in statements
        for claim in condition_claims(statement, by_statement.get(statement.start, []))
    ]
