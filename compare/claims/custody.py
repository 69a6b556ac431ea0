"""Custody and charges: whether each article reports a suspect arrested or charged, or still sought.

Coverage of a crime changes as the case moves: a Sunday story asks for the public's help, a Monday
story names the man arrested. Readers comparing outlets need to see that one reports an arrest and
another a shooter at large, and which was published later. Each sentence is read for two questions,
arrest and charge, with its polarity: `was arrested Monday` (yes), `No arrests have been made` and
`are searching for a second suspect` (no), `has not been charged` (no). A `no` that the same article
later resolves (`remained at large until Tuesday, when he was arrested`) is no `no`; one that is about
another suspect (`the other suspect fled`) stands beside an arrest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsprism.compare.claims.model import FactClaim
from newsprism.compare.types import Statement

ARREST, CHARGE = "arrest", "charge"

_NEGATED_ARREST = re.compile(
    # `No arrests have been made`, `there are no suspects`: the noun says it; `no one` needs its verb
    # (`no one has been arrested`, not `no one was stabbed` or `no one answered the door`).
    r"\bno\s+(?:arrests?|suspects?)\b(?:\s+\w+){0,3}?\s*(?:has|have|had|was|were)?\s*(?:been\s+)?"
    r"(?:made|arrested|occurred|taken|in\s+custody|identified|announced)?"
    r"|\bno\s+one\s+(?:(?:\w+\s+){0,2}?(?:has|have|had|was|were|is)\s+(?:yet\s+)?(?:been\s+)?)?"
    r"(?:arrested|taken\s+into\s+custody|in\s+custody|charged|detained|identified\s+as\s+a\s+suspect)\b"
    r"|\bnot\s+(?:yet\s+)?identified\s+(?:a|any|the)\s+(?:suspects?|shooters?|gunm[ae]n|killers?)\b"
    r"|\b(?:did\s+not|didn['\u2019]t|have\s+not|has\s+not|had\s+not)\s+(?:yet\s+)?(?:take|taken|made|make)\s+"
    r"(?:anyone|anybody|any\s+arrests?)\b"
    r"|\b(?:has|have|had|was|were)\s+not\s+(?:yet\s+)?(?:been\s+)?(?:arrested|caught|found|located)\b"
    # `Both men are not in custody`, `we do not have anyone in custody`: the custody words, denied.
    r"|(?:\b(?:not|no\s+one|nobody|no\s+suspects?)|n['\u2019]t)\b[^.;]{0,25}?\bin\s+(?:police\s+)?custody\b"
    # `has not been identified` is a suspect's only when the sentence says so (`the victims have not been
    # identified` is about their names).
    r"|\b(?:suspects?|shooters?|gunm[ae]n|killers?)\b[^.;]{0,40}?\b(?:has|have|had|was|were)\s+not\s+(?:yet\s+)?"
    r"(?:been\s+)?identified\b"
    r"|\bnor\s+did\s+\w+\s+announce\s+any\s+arrests\b"
    r"|\b(?:searching|looking|hunting|seeking|search)\s+for\s+(?:the\s+|a\s+|an\s+|two\s+|three\s+|second\s+|"
    r"other\s+|another\s+)*(?:suspects?|gunm[ae]n|shooters?|killers?|attackers?|person|people|men|man)\b"
    r"|\b(?:at\s+large|on\s+the\s+loose|manhunt|whereabouts)\b"
    r"|\b(?:other|second|another|remaining)\s+(?:suspects?|gunm[ae]n|shooters?)(?:\(s\))?\s+(?:\w+\s+){0,4}?"
    r"(?:fled|sought|outstanding|escaped|got\s+away)"
    r"|\b(?:little|no)\s+(?:\w+\s+){0,2}(?:or\s+)?(?:suspects?|shooters?)\s+information\b"
    r"|\b(?:little|no)\s+information\s+(?:on|about|regarding)\s+the\s+(?:\w+\s+)?(?:suspects?|shooters?|gunm[ae]n)",
    re.IGNORECASE,
)
_ARREST = re.compile(
    # `surrendered` to police, not `surrendered its liquor licence`
    r"\b(?:arrested|in\s+custody|into\s+custody|apprehended|surrendered(?!\s+(?:its|his|her|their|the|a|an)\s)|turned\s+(?:himself|herself)\s+in|"
    r"booked\s+into|in\s+jail|jailed|behind\s+bars|"
    # held by a court: `were denied bond`, `is being held without bail`, `held on $500,000 bond`
    r"denied\s+(?:bond|bail)|held\s+(?:without|on)\s+(?:\S+\s+){0,2}?(?:bond|bail))\b",
    re.IGNORECASE,
)
_NEGATED_CHARGE = re.compile(
    r"\bno\s+(?:criminal\s+)?charges\s+(?:have\s+been\s+|had\s+been\s+|were\s+)?(?:filed|brought|laid)"
    r"|\bno\s+charges\b"
    r"|\b(?:has|have|had|was|were)\s+not\s+(?:yet\s+)?(?:been\s+)?charged\b"
    r"|\bnot\s+(?:expect|file|bring)\s+(?:criminal\s+)?charges\b",
    re.IGNORECASE,
)
_CHARGE = re.compile(
    r"\b(?:charged\s+with|(?:is|was|were|are|been)\s+charged|faces?\s+(?:\w+\s+){0,3}charges?|facing\s+(?:\w+\s+){0,3}charges?|"
    r"arraigned|indicted|pleaded\s+(?:not\s+)?guilty|counts?\s+of\s+(?:\w+\s+){0,2}(?:murder|homicide|manslaughter|assault))\b",
    re.IGNORECASE,
)
# A search told as past in the clause of an arrest (`after a day-long manhunt`, `following a search`).
_PAST_SEARCH = re.compile(r"\b(?:after|following|ending|ended)\b[^.;]{0,30}$", re.IGNORECASE)
# A `no` about someone other than the suspect already held: it does not deny that arrest.
_OTHER_SUSPECT = re.compile(
    r"\b(?:other|second|another|third|remaining|more)\s+(?:suspects?|gunm[ae]n|shooters?|men|man|people)\b",
    re.IGNORECASE,
)
# A cue under a modal or a future is no report that it happened (`is expected to be arraigned`), and
# a booking `for investigation of` murder is no charge yet.
_UNREALISED = re.compile(
    r"\b(?:will|would|could|may|might|expected\s+to|scheduled\s+to|likely\s+to|set\s+to|plans?\s+to|"
    r"going\s+to|investigation\s+of|whether|if)\b(?:\s+\S+){0,5}\s*$",
    re.IGNORECASE,
)
# A person's record (`had been arrested several times`, `prior arrests`) is no arrest in this case.
_NOT_A_SUSPECT = re.compile(
    r"\b(?:house\s+arrest|cardiac\s+arrest|not\s+actively\s+looking|no\s+reason\s+to\s+believe|"
    r"arrested\s+(?:\w+\s+){0,2}times|previously\s+(?:been\s+)?arrested|prior\s+arrests?|arrest\s+record)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CustodyStatus:
    """What one article says about arrest (or charges): the claims for and against, and its answer."""

    question: str
    yes: tuple[FactClaim, ...]
    no: tuple[FactClaim, ...]

    @property
    def answer(self) -> bool | None:
        """True: someone is held (or charged) and no one else is said to be sought; False: only
        `no`s, or a `no` about another suspect; None: the article does not say."""
        if not self.yes and not self.no:
            return None
        return bool(self.yes) and not self._about_others

    @property
    def evidence(self) -> tuple[FactClaim, ...]:
        """The claims behind the answer."""
        if self.answer:
            return self.yes
        return self._about_others or self.no

    @property
    def _about_others(self) -> tuple[FactClaim, ...]:
        return tuple(c for c in self.no if _OTHER_SUSPECT.search(c.statement.text))


def _sentence_claims(statement: Statement, question: str) -> list[FactClaim]:
    text = _NOT_A_SUSPECT.sub(" ", statement.text) if question == ARREST else statement.text
    positive, negative = (_ARREST, _NEGATED_ARREST) if question == ARREST else (_CHARGE, _NEGATED_CHARGE)
    no = negative.search(text)
    yes = next((m for m in positive.finditer(text) if not _UNREALISED.search(text[: m.start()])), None)
    if yes and no and _negates(no, yes):
        yes = None  # `was not arrested`, `no one has been arrested`: the `yes` is the `no`'s own verb
    if yes and no and yes.start() < no.start() and _PAST_SEARCH.search(text[: no.start()]):
        no = None  # `He was apprehended Saturday after a day-long manhunt`: the search is over
    if yes and (not no or yes.start() > no.start()):
        # `remained at large until Tuesday, when he was arrested`: the later clause resolves the earlier
        return [_claim(statement, question, yes, negated=False)]
    if no:
        return [_claim(statement, question, no, negated=True)]
    return []


def _negates(no: re.Match[str], yes: re.Match[str]) -> bool:
    return no.start() <= yes.start() < no.end() + 2


def _claim(statement: Statement, question: str, match: re.Match[str], negated: bool) -> FactClaim:
    value = ("not " if negated else "") + ("arrested" if question == ARREST else "charged")
    return FactClaim(
        kind="custody",
        subject=question,
        value=value,
        bounds=None,
        statement=statement,
        phrase=match.group(0).strip(),
        negated=negated,
    )


def custody_statuses(statements: Iterable[Statement]) -> dict[str, CustodyStatus]:
    """What an article says about arrest (`ARREST`) and about charges (`CHARGE`)."""
    read = list(statements)
    arrests = [c for s in read for c in _sentence_claims(s, ARREST)]
    charges = [c for s in read for c in _sentence_claims(s, CHARGE)]
    # A charge implies the suspect is known and held, or about to be, unless the article says outright
    # that no one is held (`Jeremy is charged with capital murder ... Both men are not in custody`).
    denied = any(c.negated for c in arrests)
    held = arrests + ([] if denied else [c for c in charges if not c.negated])
    return {ARREST: _status(ARREST, held), CHARGE: _status(CHARGE, charges)}


def custody_status(statements: Iterable[Statement], question: str) -> CustodyStatus:
    """What an article says about arrest (`ARREST`) or charges (`CHARGE`)."""
    return custody_statuses(statements)[question]


def _status(question: str, claims: Sequence[FactClaim]) -> CustodyStatus:
    return CustodyStatus(
        question=question,
        yes=tuple(c for c in claims if not c.negated),
        no=tuple(c for c in claims if c.negated),
    )
