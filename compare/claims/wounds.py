"""Where a victim was hit: `shot in the head`, `gunshot wounds to the head and torso`.

Outlets that put the wound in different places (a head wound in one, the chest in another) report
different facts about the same victim. Body parts are folded to regions a reader distinguishes (the
face is the head, the stomach the abdomen); an article naming three regions or more is about several
victims and is not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsprism.compare.claims.model import FactClaim
from newsprism.compare.types import Statement

_REGION = {
    "head": "head",
    "face": "head",
    "forehead": "head",
    "temple": "head",
    "skull": "head",
    "neck": "neck",
    "throat": "neck",
    "chest": "chest",
    "back": "back",
    "torso": "torso",
    "abdomen": "abdomen",
    "stomach": "abdomen",
    "belly": "abdomen",
    "side": "side",
    "shoulder": "shoulder",
    "arm": "arm",
    "arms": "arm",
    "hand": "hand",
    "wrist": "hand",
    "leg": "leg",
    "legs": "leg",
    "thigh": "leg",
    "knee": "leg",
    "foot": "foot",
    "ankle": "foot",
    "hip": "hip",
    "buttocks": "buttocks",
    "groin": "groin",
    "eye": "head",
    "jaw": "head",
    "mouth": "head",
}
_PART = "|".join(sorted(_REGION, key=len, reverse=True))
_WOUND = re.compile(
    rf"\b(?:shot|wounds?|wounded|struck|hit|injur(?:y|ies|ed))\b(?:\s+\w+){{0,4}}?\s+(?:in|to)\s+(?:the|his|her|their)\s+"
    rf"(?:(?:upper|lower|left|right|back\s+of\s+the)\s+)*(?P<part>{_PART})\b"
    rf"(?:\s+and\s+(?:the\s+|his\s+|her\s+)?(?:(?:upper|lower|left|right)\s+)*(?P<part2>{_PART})\b)?",
    re.IGNORECASE,
)
_ON_BACK = re.compile(r"\bwounds?\s+(?:\w+\s+){0,3}on\s+(?:his|her|the)\s+(?P<part>back|chest|head)\b", re.I)


# Regions a reader does not tell apart: one contains the other (`the torso` holds the chest and the
# abdomen) or they meet (`the ankle` is `the lower leg`, the shoulder tops the arm). The back is told
# apart from the torso on purpose: shot in the back or in front is what a reader compares.
_MEETING = frozenset(
    frozenset(pair)
    for pair in (
        ("torso", "chest"),
        ("torso", "abdomen"),
        ("torso", "side"),
        ("chest", "side"),
        ("abdomen", "side"),
        ("leg", "foot"),
        ("leg", "hip"),
        ("arm", "shoulder"),
        ("arm", "hand"),
        ("hip", "buttocks"),
    )
)


def regions_meet(first: str, second: str) -> bool:
    """Whether two body regions may be one wound told in other words (`abdomen` and `torso`)."""
    return first == second or frozenset((first, second)) in _MEETING


# `It was initially believed the child had been struck in the neck, but police later said ... the
# shoulder`: what was first believed is corrected by what follows, which is the sentence's claim.
_CORRECTED = re.compile(
    r"\b(?:initially|at\s+first|originally|first\s+(?:believed|thought|reported|said))\b[^.;]*?"
    r"(?P<but>,?\s+but\s+|\s+later\s+|\s+now\s+)",
    re.IGNORECASE,
)


def _correction_at(text: str) -> int:
    """Where a sentence's correction of what was first believed begins (0 when it makes none)."""
    corrected = _CORRECTED.search(text)
    return corrected.start("but") if corrected else 0


def wound_claims(statement: Statement) -> list[FactClaim]:
    """The body regions a sentence says someone was hit in (after a correction, the corrected ones)."""
    claims = []
    since = _correction_at(statement.text)
    for pattern in (_WOUND, _ON_BACK):
        for match in pattern.finditer(statement.text, since):
            for group in ("part", "part2"):
                part = match.groupdict().get(group)
                if part:
                    claims.append(
                        FactClaim(
                            kind="wound",
                            subject="where the victim was hit",
                            value=_REGION[part.lower()],
                            bounds=None,
                            statement=statement,
                            phrase=match.group(0),
                        )
                    )
    return claims


def article_wounds(statements: Iterable[Statement]) -> list[FactClaim]:
    """Every wound claim of an article, in reading order; where the article corrects what was first
    believed (`initially ... the neck, but police later said ... the shoulder`), the correction alone:
    its lead may still carry the first belief."""
    told = list(statements)
    corrected = [
        claim for statement in told if _correction_at(statement.text) for claim in wound_claims(statement)
    ]
    return corrected or [claim for statement in told for claim in wound_claims(statement)]
