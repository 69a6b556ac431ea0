"""Partners: whether the people of a story are married, engaged, dating or separated.

`her husband` in one outlet and `her fiancé` in another describe one couple two ways; a reader must
see it, because the relationship is often the story (a domestic shooting, an inheritance). A partner
word is read with the people the sentence names (`Latosha Hayes and her fiancé, Marc Andrews`;
`Hayes ... and her husband nearby`), and two outlets conflict when they name one person and give the
couple different standings. `partner`, `spouse` of unknown kind and `common-law` ties are left out:
they agree with more than one standing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsprism.compare.claims.model import FactClaim
from newsprism.compare.claims.people import PersonName
from newsprism.compare.types import Statement

MARRIED, ENGAGED, DATING, FORMER = "married", "engaged", "dating", "former partners"
_STANDING = {
    "husband": MARRIED,
    "wife": MARRIED,
    "fiancé": ENGAGED,
    "fiancée": ENGAGED,
    "fiance": ENGAGED,
    "fiancee": ENGAGED,
    "boyfriend": DATING,
    "girlfriend": DATING,
}
_PARTNER = re.compile(
    r"(?:(?P<owner>[A-Z][\w-]+)['\u2019]s\s+)?"
    r"(?<![\w-])(?P<former>ex-|former\s+|estranged\s+|common-law\s+)?"
    r"(?P<word>husband|wife|fianc[ée]e?|boyfriend|girlfriend)s?\b",
    re.IGNORECASE,
)


def relation_claims(statement: Statement, people: Sequence[PersonName]) -> list[FactClaim]:
    """The standings a sentence gives a couple, one claim per person of the article it names."""
    if _PARTNER.search(statement.text) is None:
        return []  # most sentences name no partner: the names need not be looked for
    named = {p.surname for p in people if re.search(rf"\b{re.escape(p.surname)}\b", statement.text)}
    if not named:
        return []
    claims = []
    for match in _PARTNER.finditer(statement.text):
        qualifier = (match.group("former") or "").strip().lower()
        if qualifier == "common-law":
            continue
        standing = FORMER if qualifier else _STANDING[match.group("word").lower()]
        # `Ivanov's ex-girlfriend` is Ivanov's, whoever else the sentence names.
        owner = match.group("owner")
        couple = {owner} & named if owner else named
        phrase = match.group(0)
        claims += [FactClaim("relation", name, standing, None, statement, phrase) for name in sorted(couple)]
    return claims


def article_relations(statements: Iterable[Statement], people: Sequence[PersonName]) -> list[FactClaim]:
    """Every standing an article gives the couples it names, in reading order."""
    return [claim for statement in statements for claim in relation_claims(statement, people)]
