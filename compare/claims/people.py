"""People: the age given for each named person, and the spellings of one person's name.

An age is read only where the text binds it to a name (`Jason Acosta-Ramos, 18,`, `18-year-old Alex
Asoto`), so that `her 11-year-old cousin` and `a 6-year-old girl` are never compared: they are two
people. Two outlets conflict on an age when they give one person (same surname, same or missing given
name) different ages; on a name when they spell one person's given name differently (`Jordan` and
`Jordon Ebner`) and no outlet names both, which would make them two people of one family.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from newsprism.compare.article.gazetteer import PLACE_TAILS
from newsprism.compare.claims.model import Bounds, FactClaim
from newsprism.compare.types import Statement

_NAME = r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+(?:[A-Z][a-z]*[A-Z]?[a-z]+(?:-[A-Z][a-z]+)?)){1,3})"
_NAME_AGE = re.compile(rf"{_NAME},\s+(?P<age>\d{{1,3}})(?=\s*[,;.)]|\s+(?:of|from|and|was|is|who|in|were)\b)")
_AGE_NAME = re.compile(
    rf"\b(?P<age>\d{{1,3}})-(?P<unit>year|month|week)-old\s+(?:(?:\w+\s+)?(?:identified|named)\s+as\s+)?{_NAME}"
)
# A stage of life as a name's title (`toddler Teagan Hutton`, `teen Jacob Ruiz`): the ages it allows.
_STAGES = {"newborn": (0.0, 0.25), "infant": (0.0, 1.0), "baby": (0.0, 2.0), "toddler": (1.0, 4.0)}
# The stage in either case (`Toddler Teagan` opens a sentence); the name capitalised.
_STAGE_NAME = re.compile(rf"\b(?P<stage>(?i:{'|'.join(_STAGES)}))\s+{_NAME}")
_UNIT_YEARS = {"year": 1.0, "month": 1 / 12, "week": 1 / 52}
# Capitalised words that start a sentence or a title, not a given name; nor do a chamber or a party
# (`House Democrats`, `Senate Republicans` are groups, whose `Democratic` and `Democrats` are no
# spellings of one name).
_NOT_GIVEN = frozenset(
    """The A An And But Police Officers Officer Sgt Lt Det Detective Chief Deputy Sheriff Mayor Gov
    President Senator Sen Rep Judge Dr Mr Mrs Ms Miss Officials Authorities Witnesses Neighbors Friends
    Family Victim Suspect When While After Before Then On In At For Prosecutor Attorney Trooper Capt
    Lieutenant Sergeant Corporal Cpl Spokesman Spokeswoman Coroner Medical
    House Senate Congress Supreme Democrat Democrats Democratic Republican Republicans GOP""".split()
)
# Given names at least this alike (rapidfuzz ratio) are one name spelled two ways.
SPELLING = 75

# `a 6-month old baby`, `a 17 year-old`: a compound age written without one of its hyphens, a tenth of
# the ages of the gva-dev shootings (108 of about 1,000).
_LOOSE_AGE = re.compile(r"\b(\d{1,2})[-\s](year|month|week)[-\s]old\b", re.IGNORECASE)


def hyphenated_ages(text: str) -> str:
    """The text with every compound age hyphenated (`6-month old` -> `6-month-old`); of the same length,
    so that offsets into it are offsets into the text.

    >>> hyphenated_ages("a 6-month old girl and a 17 year-old boy")
    'a 6-month-old girl and a 17-year-old boy'
    """
    return _LOOSE_AGE.sub(lambda m: f"{m.group(1)}-{m.group(2)}-old", text)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name as written: given name (may be empty) and surname, with where it was read."""

    given: str
    surname: str
    statement: Statement
    written: str


def person_name(written: str, statement: Statement) -> PersonName | None:
    """Given name and surname of a written name, titles dropped; None for a lone word."""
    tokens = [t for t in written.replace(".", " ").split() if t not in _NOT_GIVEN and len(t) > 1]
    if len(tokens) < 2 or tokens[-1] in PLACE_TAILS:  # `Hayes Place` is a street
        return None
    return PersonName(tokens[0], tokens[-1], statement, written)


def age_claims(statement: Statement) -> list[FactClaim]:
    """The ages a sentence binds to named people."""
    claims = []
    for pattern in (_NAME_AGE, _AGE_NAME):
        for match in pattern.finditer(hyphenated_ages(statement.text)):
            person = person_name(match.group("name"), statement)
            age = int(match.group("age"))
            if person is None or not 0 < age < 120:
                continue
            years = age * _UNIT_YEARS[(match.groupdict().get("unit") or "year").lower()]
            subject = f"{person.given} {person.surname}"
            value = f"{round(years, 2):g}"
            claims.append(FactClaim("age", subject, value, Bounds(years, years), statement, match.group(0)))
    for match in _STAGE_NAME.finditer(statement.text):
        person = person_name(match.group("name"), statement)
        if person is not None:
            stage = match.group("stage").lower()
            allowed = Bounds(_STAGES[stage][0], _STAGES[stage][1] - 1e-6)
            subject = f"{person.given} {person.surname}"
            claims.append(FactClaim("age", subject, stage, allowed, statement, match.group(0)))
    return claims


def article_ages(statements: Iterable[Statement]) -> list[FactClaim]:
    """Every age an article binds to a named person, in reading order."""
    return [claim for statement in statements for claim in age_claims(statement)]


# The ages of a group told as a list: `her daughters -- ages 8 and 11`, `a 12-year-old and an
# 8-year-old were injured`, `aged 16, 17, 18 and 21`.
_AGE_LIST = re.compile(
    r"\b(?:ages?|aged)\s+(?P<ages>\d{1,2}(?:\s*,\s*\d{1,2})*,?\s+and\s+\d{1,2})\b(?!-|\s*(?:years?|months?|weeks?))",
    re.IGNORECASE,
)
# A year-old with its noun (`a 12-year-old boy`), not the verb after it (`8-year-old were upstairs`).
_NOT_NOUN = r"(?:and|or|were|was|are|is|who|had|has|have|in|at|on|of|with|from|to|by|as|after|when)\b"
_YEAR_OLD = rf"(?:an?\s+)?\d{{1,2}}-year-old(?:\s+(?!{_NOT_NOUN})[a-z]+)?"
_YEAR_OLD_LIST = re.compile(rf"\b{_YEAR_OLD}(?:\s*,\s*{_YEAR_OLD})*,?\s+and\s+{_YEAR_OLD}\b", re.IGNORECASE)


def group_age_claims(statement: Statement) -> list[FactClaim]:
    """The ages of a group the sentence lists, each list one claim whose value is its ages in order
    (`8, 11`): which age is whose is left open, as the list leaves it.

    >>> said = "Her two older children, ages 9 and 8, were upstairs, and a 12-year-old and a 6-year-old left."
    >>> [c.value for c in group_age_claims(Statement("a", "O", "u", said, 0, len(said), 0))]
    ['8, 9', '6, 12']
    """
    claims = []
    for pattern in (_AGE_LIST, _YEAR_OLD_LIST):
        for match in pattern.finditer(hyphenated_ages(statement.text)):
            ages = sorted(int(n) for n in re.findall(r"\d{1,2}", match.group(0)))
            value = ", ".join(map(str, ages))
            claims.append(FactClaim("group_ages", "group", value, None, statement, match.group(0)))
    return claims


def article_group_ages(statements: Iterable[Statement]) -> list[FactClaim]:
    """Every list of ages an article gives, in reading order."""
    return [claim for statement in statements for claim in group_age_claims(statement)]


# People a story names by their place in a family or by age alone (`her 3-year-old sister`, `the
# baby`): with no name, the noun is who they are. Kin words name one person in one story; `girl`,
# `boy` and `child` may name several, which `role_age_conflicts` guards against.
_ROLES = """girl boy baby infant toddler child son daughter sister brother mother father wife husband
    girlfriend boyfriend cousin nephew niece grandmother grandfather grandson granddaughter stepson
    stepdaughter uncle aunt sibling spouse parent""".split()
# A kin word that covers others (`a 2-year-old sibling` is the `3-year-old sister` of another
# outlet's story when the story has a sister and no brother): see `kin_of`.
KIN_COVERS = {"sibling": ("sister", "brother"), "spouse": ("wife", "husband"), "parent": ("mother", "father")}


def kin_of(role: str, roles_told: Iterable[str]) -> str:
    """The role a covering kin word stands for in a story: `sibling` is the `sister` where the story
    tells of a sister and of no brother; otherwise the word itself.

    >>> kin_of("sibling", ["sister", "baby"]), kin_of("sibling", ["sister", "brother"])
    ('sister', 'sibling')
    """
    told = [r for r in KIN_COVERS.get(role, ()) if r in set(roles_told)]
    return told[0] if len(told) == 1 else role


_ROLE = rf"(?P<role>{'|'.join(sorted(_ROLES, key=len, reverse=True))})"
_ORDER = r"(?:(?P<order>older|younger|oldest|youngest|elder|eldest)\s+)?"
_OWNER = r"(?P<owner>a|an|the|his|her|their|its|(?:the\s+)?\w+['\u2019]s)"
# `a 14-year-old boy` in one outlet and `the 9-year-old boy` in another are as often the shooter and the
# victim as one boy: a child noun names one person only with an owner (`her 2-year-old girl`) or an
# order (`the older child`).
_ANYONE = frozenset("girl boy baby infant toddler child".split())
# `a 2-year-old girl`, `her 3-year-old sister`, `a 6-month-old baby`, `the 22-month-old`.
_AGED_ROLE = re.compile(
    rf"\b{_OWNER}\s+{_ORDER}(?P<age>\d{{1,2}})-(?P<unit>year|month|week)-old\s+(?:\w+\s+)?{_ROLE}\b",
    re.IGNORECASE,
)
# `Her sister, 3, found the gun`, `the older child, 10,`, `the older child is 10`, `the baby, 6 months,`.
_ROLE_AGED = re.compile(
    rf"\b{_OWNER}\s+{_ORDER}{_ROLE}(?:,\s+|\s+is\s+|\s+was\s+)(?P<age>\d{{1,2}})"
    r"(?:\s+(?P<unit>year|month|week)s?(?:\s+old)?)?(?=\s*[,;.)]|\s+(?:and|who|was|is)\b)",
    re.IGNORECASE,
)


def role_age_claims(statement: Statement) -> list[FactClaim]:
    """Ages a sentence gives people it names by role only (`her 3-year-old sister`): subject is the
    role (`older sister`), bounds in years. A child of `1 year` is 12 to 23 months old, so
    `22-month-old` and `1-year-old` agree while `2-year-old` does not.

    >>> said = "Her sister, 3, found the gun."
    >>> [(c.subject, c.value) for c in role_age_claims(Statement("a", "O", "u", said, 0, len(said), 0))]
    [('sister', '3')]
    """
    claims = []
    named = {c.value for c in age_claims(statement)}
    for pattern in (_AGED_ROLE, _ROLE_AGED):
        for match in pattern.finditer(hyphenated_ages(statement.text)):
            age = int(match.group("age"))
            if str(age) in named or age == 0:
                continue  # `a 2-year-old girl, Ana Ruiz,`: the named reader has it
            order = (match.group("order") or "").lower()
            owner = match.group("owner").lower()
            owned = owner in {"his", "her", "their", "its"} or owner.endswith(("'s", "\u2019s"))
            if match.group("role").lower() in _ANYONE and not (order or owned):
                continue
            subject = f"{order} {match.group('role').lower()}".strip()
            value, allowed = _age_allowed(age, match.group("unit"))
            claims.append(FactClaim("age", subject, value, allowed, statement, match.group(0)))
    return claims


def _age_allowed(age: int, unit: str | None) -> tuple[str, Bounds]:
    """An age as said (`3`, `22`-month, `8`-week) in years, and the ages it allows: a child of `1
    year` is 12 to 23 months old; months and weeks are exact."""
    unit = (unit or "year").lower()
    low = age * _UNIT_YEARS[unit]
    high = low + 1 - 1e-6 if unit == "year" else low
    return f"{round(low, 2):g}", Bounds(low, high)


# The person hurt, by age alone: `A 2-year-old girl is recovering after being shot`, `a 1-year-old child
# was shot`, `shot and killed a 17-year-old`, a headline's `2-year-old shot in the neck`. Where a story
# has one victim, these ages are one person's.
_AGE = r"(?P<age>\d{1,2})-(?P<unit>year|month|week)-old"
_HURT = r"(?:shot|killed|wounded|injured|hurt|slain|died|dies|struck)"
_VICTIM_SUBJECT = re.compile(
    rf"(?:^\W*|\b(?:a|an|the)\s+){_AGE}(?:\s+[a-z]+){{0,2}}?\s+(?:(?:was|is|has\s+been|had\s+been|got)\s+)?"
    rf"(?:(?:accidentally|fatally|critically|seriously|also)\s+)?(?:{_HURT}|is\s+recovering|was\s+recovering)\b",
    re.IGNORECASE,
)
_VICTIM_OBJECT = re.compile(
    rf"\b(?:shot|killed|shooting|killing|wounding|wounded|injuring)\s+(?:and\s+killed\s+)?(?:a|an|the)\s+{_AGE}\b",
    re.IGNORECASE,
)


# `a 14-year-old boy shot his friend`: the verb has an object, so the aged person fired.
_DID_THE_SHOOTING = re.compile(
    r"\s+(?:at|into|toward|towards|his|her|their|him|them|a|an|the|and\s+killed)\b", re.IGNORECASE
)
_PASSIVE_AUX = re.compile(r"\b(?:was|is|has\s+been|had\s+been|got)\s", re.IGNORECASE)


def victim_age_claims(statement: Statement) -> list[FactClaim]:
    """Ages a sentence gives the person hurt, named by age alone (subject `victim`, bounds in years).

    >>> said = "A 2-year-old girl is recovering after being shot in the neck."
    >>> [(c.subject, c.value) for c in victim_age_claims(Statement("a", "O", "u", said, 0, len(said), 0))]
    [('victim', '2')]
    """
    claims = []
    text = hyphenated_ages(statement.text)
    hurt = [
        m
        for m in _VICTIM_SUBJECT.finditer(text)
        if _PASSIVE_AUX.search(m.group(0)) or not _DID_THE_SHOOTING.match(text[m.end() :])
    ]
    for match in [*hurt, *_VICTIM_OBJECT.finditer(text)]:
        age = int(match.group("age"))
        if age == 0:
            continue
        value, allowed = _age_allowed(age, match.group("unit"))
        claims.append(FactClaim("age", "victim", value, allowed, statement, match.group(0)))
    return claims


def article_victim_ages(statements: Iterable[Statement]) -> list[FactClaim]:
    """Every age an article gives the person hurt by age alone, in reading order."""
    return [claim for statement in statements for claim in victim_age_claims(statement)]


# Any age a text gives anyone: `14-year-old`, `Jacob, 14,`, `aged 14`, `is 14`.
_ANY_AGE = re.compile(
    r"\b(\d{1,2})-year-old\b|,\s+(\d{1,2})(?=\s*,)|\baged?\s+(\d{1,2})\b|\b(?:is|was)\s+(\d{1,2})\b"
)


def ages_stated(statements: Iterable[Statement]) -> frozenset[int]:
    """Every age in years an article gives anyone, bound or not."""
    return frozenset(
        int(next(g for g in match.groups() if g))
        for statement in statements
        for match in _ANY_AGE.finditer(hyphenated_ages(statement.text))
    )


def article_role_ages(statements: Iterable[Statement]) -> list[FactClaim]:
    """Every age an article gives a person named by role only, in reading order."""
    return [claim for statement in statements for claim in role_age_claims(statement)]


def names_in(statements: Iterable[Statement]) -> list[PersonName]:
    """The people an article names, as `Given Surname` pairs, in reading order."""
    found = []
    for statement in statements:
        for match in re.finditer(_NAME, statement.text):
            person = person_name(match.group("name"), statement)
            if person is not None and len(person.surname) >= 4:
                found.append(person)
    return found


def spelling_variants(
    by_outlet: Sequence[tuple[str, Sequence[PersonName]]],
) -> list[list[tuple[str, PersonName]]]:
    """Groups of one person's name spelled differently by different outlets: same surname and given
    names alike but not equal, or the same given name and surnames alike (`Doug Wellborn`, `Doug
    Welborn`); never where one outlet writes both (then they are two people)."""
    groups = _variants(by_outlet, lambda name: (name.surname.lower(), name.given))
    groups += _variants(by_outlet, lambda name: (name.given.lower(), name.surname))
    return groups


def _variants(
    by_outlet: Sequence[tuple[str, Sequence[PersonName]]], key: Callable[[PersonName], tuple[str, str]]
) -> list[list[tuple[str, PersonName]]]:
    """Spelling groups of the part of a name that varies, the other part (`key`'s first) kept."""
    spellings: dict[str, dict[str, list[tuple[str, PersonName]]]] = {}
    for outlet, names in by_outlet:
        for name in names:
            kept, varied = key(name)
            spellings.setdefault(kept, {}).setdefault(varied, []).append((outlet, name))
    groups = []
    for given_names in spellings.values():
        for first, second in _alike_pairs(sorted(given_names)):
            outlets_first = {o for o, _ in given_names[first]}
            outlets_second = {o for o, _ in given_names[second]}
            if outlets_first & outlets_second:
                continue
            groups.append([_first_per_outlet(given_names[first]), _first_per_outlet(given_names[second])])
    return [[item for part in group for item in part] for group in groups]


def _alike_pairs(given: Sequence[str]) -> list[tuple[str, str]]:
    return [
        (a, b)
        for i, a in enumerate(given)
        for b in given[i + 1 :]
        if _same_first_sound(a, b) and (_alike(a, b) or _letters_swapped(a, b)) and _misspelled(a, b)
    ]


# First letters that spell one sound in names (`Gerome` / `Jerome`, `Katherine` / `Catherine`).
_SAME_SOUND = frozenset({frozenset("ck"), frozenset("gj"), frozenset("cs"), frozenset("kq"), frozenset("iy")})


def _same_first_sound(first: str, second: str) -> bool:
    a, b = first[0].lower(), second[0].lower()
    return a == b or frozenset((a, b)) in _SAME_SOUND


def _alike(first: str, second: str) -> bool:
    return fuzz.ratio(first.lower(), second.lower()) >= SPELLING


def _letters_swapped(first: str, second: str) -> bool:
    """The same letters in another order (`Rolando`, `Ronaldo`): a name misspelled, however unlike."""
    return len(first) >= 5 and sorted(first.lower()) == sorted(second.lower())


# Plural, adjective and the adjective of a place (`America`, `American`; `Indonesia`, `Indonesian`).
_INFLECTIONS = frozenset({"s", "es", "al", "n", "an", "ian"})


def _misspelled(first: str, second: str) -> bool:
    """Whether two alike words are one name spelled two ways, not the same written in other capitals
    (`McNeil`, `Mcneil`) nor a word and its plural or adjective (`Apartment`, `Apartments`; `Region`,
    `Regional`; `North America`, `North American`), which are common nouns of a place's name or the
    place's adjective, not a person's.

    >>> _misspelled("Welborn", "Wellborn"), _misspelled("McNeil", "Mcneil")
    (True, False)
    >>> _misspelled("Fugitive", "Fugitives"), _misspelled("Southwest", "Southwestern")
    (False, True)
    >>> _misspelled("America", "American"), _misspelled("Korea", "Korean")
    (False, False)
    """
    a, b = sorted((first.lower(), second.lower()), key=len)
    return a != b and not (b.startswith(a) and b[len(a) :] in _INFLECTIONS)


def _first_per_outlet(mentions: Sequence[tuple[str, PersonName]]) -> list[tuple[str, PersonName]]:
    first: dict[str, tuple[str, PersonName]] = {}
    for outlet, name in mentions:
        first.setdefault(outlet, (outlet, name))
    return list(first.values())
