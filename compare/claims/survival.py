"""Whether the victim lived: `died at the hospital` in one outlet, `is in stable condition` in another.

A later article often brings a death (`the boy died Sunday`) that an earlier one could not know, and
sometimes two outlets simply disagree; either way a reader must see it, and which came later. The
question is asked only of a story with one victim: where several people were shot, `died` and `in
critical condition` are about different people. An article's answer is `dead` or `alive` when its
sentences give only one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsprism.compare.claims.casualties import HOSPITALISED, INJURED, KILLED, SHOT
from newsprism.compare.claims.model import FactClaim
from newsprism.compare.types import Statement

DEAD, ALIVE = "dead", "alive"
_DIED = re.compile(
    r"\b(?:died|dies|has\s+died|was\s+pronounced\s+dead|pronounced\s+dead|succumbed|was\s+killed|"
    r"was\s+fatally\s+(?:shot|wounded)|was\s+shot\s+(?:and\s+killed|dead|to\s+death)|did\s+not\s+survive|"
    r"later\s+died|death\s+of\s+the\s+victim)\b",
    re.IGNORECASE,
)
_LIVES = re.compile(
    r"\b(?:(?:is|was|remains|remained|listed)\s+(?:\w+\s+){0,2}?in\s+(?:critical|stable|serious|fair|good|"
    r"grave)(?:\s+but\s+stable)?\s+condition|(?:is|was)\s+expected\s+to\s+(?:survive|recover|be\s+okay|"
    r"be\s+ok|live)|is\s+recovering|survived|remains?\s+hospitali[sz]ed|is\s+hospitali[sz]ed|"
    r"(?:is|was)\s+unconscious|on\s+life\s+support|non-life-threatening|not\s+life-threatening)\b",
    re.IGNORECASE,
)
# Words that put the clause about another person (`his mother died in 2010`), or about a shooter who
# took their own life (`turned the gun on herself and died`), who is not the victim asked about.
_OTHER = re.compile(
    r"\b(?:mother|father|brother|sister|wife|husband|suspect|gunman|shooter|officer|self-inflicted|"
    r"turned\s+the\s+gun\s+on|took\s+(?:his|her|their)\s+own\s+life|killed\s+(?:himself|herself))\b",
    re.IGNORECASE,
)


def survival_claims(statement: Statement) -> list[FactClaim]:
    """What a sentence says of the victim's life: `dead`, `alive`, or nothing."""
    text = statement.text
    if _OTHER.search(text):
        return []
    claims = []
    for pattern, value in ((_DIED, DEAD), (_LIVES, ALIVE)):
        found = pattern.finditer(text)
        claims += [FactClaim("survival", "victim", value, None, statement, m.group(0)) for m in found]
    return claims


def article_survival(statements: Iterable[Statement]) -> list[FactClaim]:
    """Every survival claim of an article, in reading order."""
    return [claim for statement in statements for claim in survival_claims(statement)]


# `a double shooting`, `a triple homicide`, `One man is dead and another man was taken to a hospital`:
# several people hurt, though no count is given.
_SEVERAL = re.compile(
    r"\b(?:double|triple|quadruple|multiple|mass)\s+(?:shootings?|homicides?|murders?|killings?)\b"
    r"|\b(?:dead|killed|died)\b[^.;]{0,20}\band\s+another\s+(?:\w+\s+)?(?:was|is|were)\s+(?:\w+\s+)?"
    r"(?:shot|wounded|injured|hurt|taken|hospitali[sz]ed)\b",
    re.IGNORECASE,
)


def several_hurt(statements: Iterable[Statement]) -> bool:
    """Whether an article names its shooting as one of several victims (`a double shooting`)."""
    return any(_SEVERAL.search(statement.text) for statement in statements)


def one_victim(casualties: Sequence[FactClaim]) -> bool:
    """Whether an article's counts allow no more than one person hurt (none stated allows one)."""
    for claim in casualties:
        if claim.subject in (KILLED, INJURED, SHOT) and claim.bounds and claim.bounds.low > 1:
            return False
    killed = [c for c in casualties if c.subject == KILLED and c.bounds and c.bounds.low >= 1]
    # `One man is dead and another was taken to a hospital`: a second person hurt.
    hurt = [c for c in casualties if c.subject in (INJURED, HOSPITALISED) and c.bounds and c.bounds.low >= 1]
    return not (killed and hurt)
