"""Prospects: what a named actor will or will not do, as each outlet tells it.

`Trump will meet the Queen` in one outlet and `he is unlikely to meet Queen Elizabeth II` in another is
a contradiction a reader must see, though the words mostly agree: sentence alignment takes them for
one fact, and an omission check for a fact the second outlet states. A prospect is read where the
sentence's structure gives it: an actor (a name, or `he`/`she` for the person last named), a frame
that says how sure the act is (`will`, `is set to`, `plans to` against `will not`, `is unlikely to`,
`has no plans to`, `refused to`), and the act (its verb and what it is done to).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsprism.compare.claims.model import FactClaim
from newsprism.compare.textsim import content_words, stem
from newsprism.compare.types import Statement

LIKELY, UNLIKELY = "likely", "unlikely"

# How sure a frame makes the act, longest first so that `will not` is not read as `will`.
_FRAMES = {
    "will not": UNLIKELY,
    "won't": UNLIKELY,
    "won\u2019t": UNLIKELY,
    "is not going to": UNLIKELY,
    "is unlikely to": UNLIKELY,
    "is not expected to": UNLIKELY,
    "is not scheduled to": UNLIKELY,
    "has no plans to": UNLIKELY,
    "had no plans to": UNLIKELY,
    "does not plan to": UNLIKELY,
    "doesn't plan to": UNLIKELY,
    "does not intend to": UNLIKELY,
    "refused to": UNLIKELY,
    "declined to": UNLIKELY,
    "will": LIKELY,
    "is going to": LIKELY,
    "is set to": LIKELY,
    "is scheduled to": LIKELY,
    "is expected to": LIKELY,
    "is due to": LIKELY,
    "plans to": LIKELY,
    "intends to": LIKELY,
    "agreed to": LIKELY,
    "has agreed to": LIKELY,
    "is likely to": LIKELY,
}
_FRAME = "|".join(re.escape(f) for f in sorted(_FRAMES, key=len, reverse=True))
_NAME = r"[A-Z][a-z]+(?:\s+(?:[A-Z][a-z]+|Jong|Un|de|van))*"
_ACT = re.compile(
    rf"(?P<actor>\b{_NAME}|\b(?:he|she|He|She))\s+(?:(?:also|still|now|then|later)\s+)?"
    rf"(?P<frame>{_FRAME})\s+(?:(?:also|still|now|soon|personally)\s+)?(?P<verb>[a-z]+)\b(?P<rest>[^.;:,]{{0,80}})"
)
# Capitalised words that start a sentence rather than name an actor.
_NOT_ACTORS = frozenset("The A An This That It They We I You There Officials Police He She".split())
# Verbs too light to say what the act is (`will be`, `will have`): their prospects are not compared.
_LIGHT_VERBS = frozenset("be have get do make take go come say tell continue remain".split())


def prospect_claims(statement: Statement, last_named: str | None) -> tuple[list[FactClaim], str | None]:
    """The prospects a sentence tells (subject `actor|verb|objects`, value LIKELY or UNLIKELY), and
    the person last named once it is read (`he` and `she` are that person)."""
    claims = []
    for match in _ACT.finditer(statement.text):
        actor = _actor(match.group("actor"), last_named)
        verb = match.group("verb").lower()
        if actor is None or verb in _LIGHT_VERBS:
            continue
        objects = sorted(stem(w) for w in content_words(match.group("rest")))[:6]
        subject = f"{actor}|{stem(verb)}|{' '.join(objects)}"
        value = _FRAMES[match.group("frame").lower()]
        claims.append(FactClaim("prospect", subject, value, None, statement, match.group(0).strip()))
    return claims, _last_named(statement, last_named)


def _actor(written: str, last_named: str | None) -> str | None:
    if written.lower() in {"he", "she"}:
        return last_named
    words = [w for w in written.split() if w not in _NOT_ACTORS]
    return words[-1].lower() if words else None


def _last_named(statement: Statement, last_named: str | None) -> str | None:
    # The people a sentence names, in the order written: the last is who a later `he` means.
    written = [person.split()[-1].capitalize() for person in statement.people if person.strip()]
    named = [
        (statement.text.find(surname), surname.lower()) for surname in written if surname in statement.text
    ]
    return max(named)[1] if named else last_named


def article_prospects(statements: Iterable[Statement]) -> list[FactClaim]:
    """Every prospect an article tells, in reading order."""
    found: list[FactClaim] = []
    last_named: str | None = None
    for statement in statements:
        claims, last_named = prospect_claims(statement, last_named)
        found += claims
    return found


def same_act(first: FactClaim, second: FactClaim) -> bool:
    """Whether two prospects are of one act: the same actor and verb, and what it is done to shared
    (or named by neither)."""
    actor_a, verb_a, objects_a = first.subject.split("|")
    actor_b, verb_b, objects_b = second.subject.split("|")
    if (actor_a, verb_a) != (actor_b, verb_b):
        return False
    words_a, words_b = set(objects_a.split()), set(objects_b.split())
    return bool(words_a & words_b) or not (words_a or words_b)
