"""Whether the victims' names are out: `the victim's name has not been released` or a named victim.

A first story often says that police have not released the name of the person killed, pending the
family's notification; a later one names her. The two are a difference a reader comparing outlets must
see (which one was written before the name was out), as `../shared/gold/coverage/PROTOCOL.md` counts a
later update as a conflict. Each article is read for two things:

- a name withheld: `The victim's name has not been released`, `has not been identified`, `names were
  withheld pending notification of next of kin`; never a name of a suspect or an officer withheld
  (`the suspect has not been identified` is custody's question, not the victim's identity), and never
  `an unidentified man` (a description, not a statement about the name);
- a victim named: `identified the victim as Jane Roe`, `Jane Roe, 54, died at the scene`, `17-year-old
  Tom Lane was shot`, in a sentence that tells of the harm and of no arrest or charge (the person named
  there may be the suspect).

An article that names a victim and withholds another name (`the name of the sixth family member was not
released`) names its victims: only an article that names none is the withholding side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsprism.compare.claims.model import Bounds, FactClaim
from newsprism.compare.claims.people import age_claims, person_name
from newsprism.compare.types import Statement

_NOT_OUT = r"(?:not|n['\u2019]t)\s+(?:yet\s+|immediately\s+|been\s+|being\s+)*"
# Whose identity: the names, the victims, the dead; what police have not released must be one of these
# (`have not released information on their condition` is no word on a name).
_WHOSE = (
    r"(?:the\s+|any\s+of\s+the\s+|his\s+|her\s+|their\s+)?(?:names?|identit(?:y|ies)|victims?|dead|deceased|"
    r"him|her|them|man|woman|boy|girl|child|teen|teenager)\b"
)
_WITHHELD = re.compile(
    rf"\b(?:names?|identit(?:y|ies))\b[^.;]{{0,80}}?\b(?:(?:has|have|had|was|were|is|are|will|would)\s+{_NOT_OUT}"
    r"(?:released|made\s+public|disclosed|given|announced|available)|withheld|being\s+withheld)"
    rf"|\b(?:has|have|had|was|were)\s+{_NOT_OUT}(?:publicly\s+|officially\s+)?identified\b"
    r"|\b(?:police|officials|authorities|investigators|coroner|examiner)\s+(?:have|had|did)\s+(?:not|n['\u2019]t)"
    rf"\s+(?:yet\s+|immediately\s+)?(?:released|identified|identify|named|release)\s+{_WHOSE}"
    r"|\bwithh(?:eld|olding)\s+(?:the\s+|his\s+|her\s+|their\s+)?names?\b"
    r"|\bpending\s+(?:the\s+)?notification\b",
    re.IGNORECASE,
)
# Whose name is withheld: a suspect's or an officer's is not the victims' identity, and `the other
# victims` or `the second man` are not yet named where the article has named one (a partial word).
_OTHERS = (
    r"(?:suspects?|shooters?|gunm[ae]n|killers?|attackers?|officers?|deput(?:y|ies)|troopers?|agents?|drivers?|"
    r"witness(?:es)?|person\s+of\s+interest|men\s+involved|caller|other|second|third|remaining|rest)\b"
)
_SOMEONE_ELSE = re.compile(rf"\b{_OTHERS}", re.IGNORECASE)
_SOMEONE_ELSE_AFTER = re.compile(rf"\s+(?:(?:a|an|the|any)\s+)?{_OTHERS}", re.IGNORECASE)
_IDENTIFIED_AS = re.compile(
    r"\bidentified\s+(?:him|her|them|the\s+(?:\w+\s+){0,2}?(?:victims?|man|woman|boy|girl|teen|teenager|child|"
    r"driver|person|deceased|dead))?\s*as\s+(?:(?P<age>\d{1,3})-year-old\s+)?(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z]"
    r"[A-Za-z'\u2019-]+){1,3})"
)
# A sentence of harm: the person it names may be the one hurt. (`the shooting` alone is not enough: a
# witness `heard the shots` across the street from the shooting.)
_HARM = re.compile(
    r"\b(?:killed|died|dead|death|shot|slain|wounded|injured|victims?|body|bodies|fatally|deceased|pronounced)\b",
    re.IGNORECASE,
)
# `John Paul Gaudreau III`: a generation's suffix is no surname.
_SUFFIX = re.compile(r"\s+(?:Jr|Sr|II|III|IV)\.?$")
_DEAD = re.compile(r"\b(?:killed|died|dead|death|slain|fatally|deceased|pronounced|bod(?:y|ies))\b", re.I)
_WOUNDED = re.compile(r"\b(?:wounded|injured|hurt|hospitali[sz]ed)\b", re.IGNORECASE)
_SURVIVORS = re.compile(r"\bsurvivors?\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(\d{1,2})-year-old\b")
# The person named may be the one who fired or is tried for it.
_CUSTODY = re.compile(
    r"\b(?:arrested|charged|charges?|suspects?|booked|custody|jail|accused|gunm[ae]n|shooter|warrant|sentenced|"
    r"convicted|pleaded|plea|prison|arraigned|indicted)\b",
    re.IGNORECASE,
)
# `an 18-year-old Fort Towson man`: a town before a noun of people, not a name.
_PLACE_OF = re.compile(r"^\s+(?:man|woman|boy|girl|teen|teenager|resident|native|couple|family|men|women)\b")
# `22-year-old Elliot Rodger killed six people`: a named person who is the verb's agent did the harm.
_AGENT_OF_HARM = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:killed|shot|fired|opened\s+fire|stabbed|attacked|murdered|gunned)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class IdentityStatus:
    """What one article says about the victims' names: the names it gives them and the withholdings."""

    named: tuple[FactClaim, ...]
    withheld: tuple[FactClaim, ...]

    @property
    def answer(self) -> bool | None:
        """True: it names a victim; False: it says the names are withheld and names none; None: silent."""
        if self.named:
            return True
        return False if self.withheld else None


def withheld_claims(statement: Statement) -> list[FactClaim]:
    """A sentence's word that the victims' names are not out (`has not been released`)."""
    match = _WITHHELD.search(statement.text)
    # Whose name: said before the verb (`the suspect's name was not released`) or as its object right
    # after it (`police have not identified a suspect`).
    if (
        match is None
        or _SOMEONE_ELSE.search(statement.text[: match.end()])
        or _SOMEONE_ELSE_AFTER.match(statement.text[match.end() :])
    ):
        return []
    told = statement.text[: match.end()]
    age = _AGE_BEFORE.findall(told)
    allowed = Bounds(float(age[-1]), float(age[-1])) if age else None
    return [
        FactClaim(
            "identity",
            "victim",
            "not released",
            allowed,
            statement,
            match.group(0),
            True,
            _fate(_clause_of(statement.text, match), wounded=True),
        )
    ]


def _clause_of(text: str, match: re.Match[str]) -> str:
    """The clause around a match, from the comma or stop before it to the one after it: whose names
    are withheld (`the names of the two survivors`), not what else the sentence tells (`left his blind
    to retrieve a wounded turkey`)."""
    start = max(text.rfind(",", 0, match.start()), text.rfind(";", 0, match.start())) + 1
    after = re.search(r"[,;.]", text[match.end() :])
    end = match.end() + after.start() if after else len(text)
    return text[start:end]


def _fate(text: str, wounded: bool = False) -> str | None:
    """`dead` or `wounded`, the people a sentence tells of (`wounded`: the wounded or survivors are
    named as such), or None when it does not say."""
    if _DEAD.search(text):
        return "dead"
    if _WOUNDED.search(text) or (wounded and _SURVIVORS.search(text)):
        return "wounded"
    return None


def same_victim(withheld: FactClaim, named: FactClaim) -> bool:
    """Whether a withheld name may be the one another outlet gives: not when one tells of the dead and
    the other of the wounded (`the names of the wounded` against a named man killed), nor when both give
    the person's age and the ages differ (`the 14-year-old boy also killed` against a named adult)."""
    if withheld.group and named.group and withheld.group != named.group:
        return False
    if withheld.bounds is not None and named.bounds is not None:
        return withheld.bounds.overlaps(named.bounds)
    return True


def named_claims(statement: Statement) -> list[FactClaim]:
    """The victims a sentence names: `identified as Jane Roe`, or a named person with an age in a
    sentence of harm and of no custody."""
    text = statement.text
    if not _HARM.search(text) or _CUSTODY.search(text):
        return []
    claims = []
    for match in _IDENTIFIED_AS.finditer(text):
        person = person_name(_SUFFIX.sub("", match.group("name")), statement)
        if person is not None:
            age = match.group("age")
            allowed = Bounds(float(age), float(age)) if age else None
            claims.append(_named(statement, f"{person.given} {person.surname}", match.group(0), allowed))
    if not claims:
        claims = [
            _named(statement, age.subject, age.phrase, age.bounds)
            for age in age_claims(statement)
            if not _after_the_name(text, age.phrase, _AGENT_OF_HARM)
            and not _after_the_name(text, age.phrase, _PLACE_OF)
        ][:1]
    return claims


def _after_the_name(text: str, phrase: str, pattern: re.Pattern[str]) -> bool:
    return pattern.match(text[text.find(phrase) + len(phrase) :]) is not None


def _named(statement: Statement, name: str, phrase: str, age: Bounds | None) -> FactClaim:
    return FactClaim("identity", "victim", name, age, statement, phrase, False, _fate(statement.text))


def identity_status(statements: Iterable[Statement]) -> IdentityStatus:
    """What an article says about its victims' names."""
    read = list(statements)
    return IdentityStatus(
        named=tuple(c for s in read for c in named_claims(s)),
        withheld=tuple(c for s in read for c in withheld_claims(s)),
    )
