"""How the shooting came about: an accident, done on purpose, or not yet known.

`A man accidentally shot and killed his daughter` in one outlet and `police are trying to determine
whether the shooting was an accident` in another is a difference of modality a fact-checker must see
(PROTOCOL: "polarity or modality"); `the shooting appears to be accidental` against `police said it
was no accident` is a plain contradiction. A sentence's answer is read from its structure:

- open: a question of manner (`whether`/`if` ... `accidental`, `intentional`, `targeted`) under a frame
  of not knowing (`unknown`, `unclear`, `trying to determine`, `investigating`);
- on purpose: `deliberately`, `intentionally`, `on purpose`, `was targeted`, or an accident denied
  (`no accident`, `not accidental`);
- an accident: `accidental` or `accidentally` bound to the shot (`accidentally shot`, `an accidental
  discharge`, `the gun went off accidentally`), or `was an accident` in a sentence about a gun.

An article that leaves the manner open anywhere answers `open`: its accounts of an accident are the
claims still being checked (`police are still investigating whether the man's claim that the shooting
was an accident is true`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsprism.compare.claims.model import FactClaim
from newsprism.compare.types import Statement

ACCIDENT, ON_PURPOSE, OPEN = "an accident", "on purpose", "not yet known"

_SHOT = r"(?:shoot\w*|shot|discharg\w*|gunfire|fir(?:ed|ing)|went\s+off|kill\w*|death|wound\w*)"
_NEGATION = r"(?:not|n't|never|no)"
_MANNER_WORD = r"(?:accident(?:al(?:ly)?)?|intentional(?:ly)?|deliberate(?:ly)?|on\s+purpose|targeted)"
# A question of manner under a frame of not knowing; the frame may come after the question
# (`whether it was intentional or accidental is unknown`), rarely, so only before is read.
_OPEN = re.compile(
    rf"(?:n't\s+(?:know|sure)|\b(?:unknown|unclear|not\s+(?:yet\s+)?(?:clear|known|sure|certain)|"
    rf"not\s+know|undetermined|not\s+(?:yet\s+)?(?:said|disclosed|released|determined)|(?:trying|working|try|attempting)\s+to\s+(?:determine|figure|find)|"
    rf"figuring\s+out|determin(?:e|ing)|investigat\w+|looking\s+into|checking|examin\w+))\b"
    rf"[^.;]{{0,60}}?\b(?:whether|if)\b[^.;]{{0,60}}?\b{_MANNER_WORD}\b",
    re.IGNORECASE,
)
_ON_PURPOSE = re.compile(
    rf"\b(?:deliberately|intentionally|purposely|on\s+purpose)\b[^.;]{{0,40}}?\b{_SHOT}\b"
    rf"|\b{_SHOT}\b[^.;]{{0,40}}?\b(?:deliberately|intentionally|purposely|on\s+purpose)\b"
    rf"|\b(?:was|is|were|been)\s+(?:\w+\s+)?targeted\b"
    rf"|(?:\bnot|n't)\s+(?:an?\s+)?accident(?:al)?\b|\bno\s+accident\b",
    re.IGNORECASE,
)
_ACCIDENT = re.compile(
    # `accidently` is the misspelling reporters most often leave in.
    rf"\b(?:accidental(?:ly)?|accidently)\s+(?:\w+\s+){{0,2}}?{_SHOT}"
    rf"|\b{_SHOT}\s+(?:\w+\s+){{0,4}}?(?:accidental?ly|by\s+accident)\b"
    rf"|\b(?:was|is|be|as|been|appeared|appears)\s+(?:\w+\s+)?(?:an?\s+)?(?:apparent\s+|tragic\s+)?"
    rf"accident(?:al)?\b(?!\s+(?:reconstruct\w*|report))",
    re.IGNORECASE,
)
# `he may have accidentally shot himself`: a guess, which leaves the manner open as much as it settles it.
_HEDGED_BEFORE = re.compile(
    r"\b(?:may|might|could)\s+have\s+(?:been\s+(?:an?\s+)?)?$|\b(?:possibly|perhaps|maybe)\s+$", re.IGNORECASE
)
# `appeared to be accidental, but they are not ruling out other causes`: the answer given, and left open.
_NOT_RULED_OUT = re.compile(
    r"\b(?:not|never)\s+(?:yet\s+)?(?:been\s+)?rul(?:ed|ing)\s+out\b|n't\s+(?:yet\s+)?(?:been\s+)?rul(?:ed|ing)\s+out\b"
    r"|\bcan(?:not|'t|\s+not)\s+rule\s+out\b",
    re.IGNORECASE,
)
# `Police have not said whether it was an accident`: a question of manner, whatever frames it.
_ASKED_BEFORE = re.compile(r"\b(?:whether|if)\b[^.;]{0,60}$", re.IGNORECASE)
# `accidental` must be about the shooting: a sentence naming a gun or a shot, not a car crash.
_GUN = re.compile(rf"\b(?:gun\w*|handgun|rifle|shotgun|pistol|weapon|bullet|{_SHOT})\b", re.IGNORECASE)
_OTHER_ACCIDENT = re.compile(r"\b(?:car|traffic|vehicle|crash|motorcycle|work|hunting)\s+accident", re.I)
# `It does not appear that anyone was targeted`, `not intentionally`: a denial is no claim of purpose.
_DENIED_BEFORE = re.compile(rf"\b(?:{_NEGATION}|anyone|no\s+one|nobody)\b[^.;,]{{0,25}}$", re.IGNORECASE)


def manner_claims(statement: Statement) -> list[FactClaim]:
    """What one sentence says of how the shooting came about: one claim, or none."""
    text = statement.text
    if not _GUN.search(text) or _OTHER_ACCIDENT.search(text):
        return []
    found = _OPEN.search(text)
    if found:
        return [FactClaim("manner", "shooting", OPEN, None, statement, found.group(0))]
    purpose = next(
        (m for m in _ON_PURPOSE.finditer(text) if not _denied(text, m) and not _asked(text, m)), None
    )
    if purpose is not None:
        return [FactClaim("manner", "shooting", ON_PURPOSE, None, statement, purpose.group(0))]
    accident = next(
        (
            m
            for m in _ACCIDENT.finditer(text)
            if not (_denied(text, m) or _hedged(text, m) or _asked(text, m))
        ),
        None,
    )
    if accident is not None:
        doubt = _NOT_RULED_OUT.search(text)
        if doubt is not None:
            told = text[min(accident.start(), doubt.start()) : max(accident.end(), doubt.end())]
            return [FactClaim("manner", "shooting", OPEN, None, statement, told)]
        return [FactClaim("manner", "shooting", ACCIDENT, None, statement, accident.group(0))]
    return []


def _asked(text: str, match: re.Match[str]) -> bool:
    """Whether the words stand in a question (`whether it was an accident`), which asserts nothing."""
    return _told_before(_ASKED_BEFORE, text, match)


def _denied(text: str, match: re.Match[str]) -> bool:
    # A denial of an accident (`no accident`) is read by _ON_PURPOSE itself; any other match preceded
    # closely by a negation is denied (`was not targeted`, `did not accidentally fire`).
    if re.search(r"\b(?:no|not)\b", match.group(0), re.IGNORECASE):
        return False
    return _told_before(_DENIED_BEFORE, text, match)


def _hedged(text: str, match: re.Match[str]) -> bool:
    return _told_before(_HEDGED_BEFORE, text, match)


def _told_before(frame: re.Pattern[str], text: str, match: re.Match[str]) -> bool:
    """Whether the words just before a match frame it (`whether`, `not`, `may have`)."""
    return frame.search(text, 0, match.start()) is not None


def article_manner(statements: Iterable[Statement]) -> list[FactClaim]:
    """The article's answer on the manner: every claim of it when they agree; its open questions when
    it leaves the manner open anywhere; nothing when it says both an accident and on purpose."""
    claims = [claim for statement in statements for claim in manner_claims(statement)]
    open_questions = [c for c in claims if c.value == OPEN]
    if open_questions:
        return open_questions
    return claims if len({c.value for c in claims}) == 1 else []
