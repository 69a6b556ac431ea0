"""Casualty counts: how many were killed, injured, shot, taken to hospital or arrested, by role.

A count is read only where the sentence's structure binds it to a role: the number heads the subject
of a casualty verb (`four others were wounded`, `Two people were killed`), is the object of one
(`killed two teenagers`, `left one dead and three injured`), or is a casualty noun phrase (`2 dead`).
A number elsewhere in the sentence (an age, a street number, counts of charges) is never a casualty
count, and counts of different roles never meet: `two killed ... six injured` against `8 people were
shot` is no conflict, since shot counts the killed and the injured together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from newsprism.compare.article.numbers import DIGITS, WORD_NUMBER, parse_digits, parse_words
from newsprism.compare.article.quantities import singular
from newsprism.compare.claims.model import ABOUT, AT_LEAST, AT_MOST, FactClaim, count_bounds
from newsprism.compare.types import Statement

KILLED, INJURED, SHOT, HOSPITALISED, ARRESTED = "killed", "injured", "shot", "hospitalised", "arrested"
ROLE_NAMES = {
    KILLED: "people killed",
    INJURED: "people injured",
    SHOT: "people shot",
    HOSPITALISED: "people taken to hospital",
    ARRESTED: "people arrested",
}

_QUALIFIER = "|".join(sorted(AT_LEAST | AT_MOST | ABOUT, key=len, reverse=True))
_NUMBER = rf"(?:{DIGITS}|{WORD_NUMBER}|\ban?\b|\bno\b)"
# Who is counted: people nouns, with at most one modifier (`four other people`, `two young men`).
_PEOPLE_WORDS = """people persons others victims men women teens teenagers children kids boys girls adults
    students officers bystanders individuals patrons residents males females suspects more person man
    woman teen teenager child boy girl adult student officer bystander individual victim one injured
    wounded sons daughters brothers sisters siblings cousins nephews nieces grandchildren grandsons
    granddaughters babies infants toddlers twins baby infant toddler""".split()
_PEOPLE = rf"(?:{'|'.join(sorted(_PEOPLE_WORDS, key=len, reverse=True))})\b(?:\s+else)?"
_MODIFIER = (
    r"(?:other|more|additional|young|innocent|adult|teenage|\w+-(?:year|month|week|day)-old|of\s+the)\b"
)
# A noun naming which people (`a police officer`, `two security guards`): only before a people noun.
_NOUN_MODIFIER = r"(?:police|security|state|sheriff's|correctional|park|bus|store|border|transit|off-duty)"
# `Three boys between the ages of 13 and 15`: the ages of the people a count counts.
_AGES = r"(?:\s+(?:between\s+the\s+)?(?:ages?(?:\s+of)?|aged)\s+\d{1,2}\s*(?:and|to|through|-)\s*\d{1,2})"
_SUBJECT = (
    rf"(?P<q>(?:{_QUALIFIER})\s+)?(?P<n>{_NUMBER})(?!\w)(?:\s+{_MODIFIER})?(?:\s+{_NOUN_MODIFIER})?(?:\s+{_PEOPLE})?{_AGES}?"
    r"(?:\s*,[^,.;]{0,60},)?"
)
_AUX = (
    r"(?:\s+(?:were|was|are|is|have\s+been|has\s+been|had\s+been|got|remain|remains|reportedly|also|all|"
    # `were found shot dead`: found as they were left.
    r"later|each|found))*"
)
_ADVERB = r"(?:\s+(?:fatally|critically|seriously|badly|gravely|severely|non-fatally|also|later))?"
_HOSPITAL = (
    r"(?:taken|transported|rushed|sent|airlifted|flown|driven)\s+to\s+"
    r"(?:a\s+|the\s+|an\s+|area\s+|local\s+|nearby\s+)*hospitals?"
    # `six others were being treated at local hospitals`, `ten victims were treated at Bridgeport Hospital`
    r"|(?:being\s+)?treated\s+(?:at|in)\s+(?:a\s+|the\s+|an\s+|area\s+|local\s+|nearby\s+|several\s+)*(?:[\w'.-]+\s+){0,2}?hospitals?"
)
_PASSIVE = re.compile(
    rf"(?<![\w:/-]){_SUBJECT}{_AUX}{_ADVERB}\s+(?P<role>killed|slain|shot\s+(?:and\s+killed|dead|to\s+death)|shot|"
    rf"wounded|injured|hurt|dead|died|hospitali[sz]ed|{_HOSPITAL}|arrested|taken\s+into\s+custody|"
    # `Six suspects are in custody`: a count of those held, as `were arrested` gives it.
    r"in\s+(?:police\s+)?custody|behind\s+bars)\b",
    re.IGNORECASE,
)
_ACTIVE = re.compile(
    rf"\b(?P<role>killed|killing|kills|wounded|wounding|injured|injuring|shot|shoots|shooting|hospitalized|"
    r"arrested|arresting)\s+"
    rf"{_SUBJECT}(?!\s*-?\s*(?:year|times|rounds|shots|bullets|counts))",
    re.IGNORECASE,
)
_LEFT = re.compile(
    rf"\bleft\s+{_SUBJECT}\s+(?P<role>dead|injured|wounded|hurt)\b"
    rf"(?:\s+and\s+(?P<q2>(?:{_QUALIFIER})\s+)?(?P<n2>{_NUMBER})(?:\s+{_MODIFIER})?(?:\s+{_PEOPLE})?\s+"
    r"(?P<role2>injured|wounded|hurt|dead))?",
    re.IGNORECASE,
)
# `A man and a woman were shot`: two people, each counted by an article.
_SINGLE = (
    r"(?:an?|one)\s+(?:[\w-]+\s+)?(?:man|woman|boy|girl|teen|teenager|child|person|officer|student|victim|"
    r"baby|infant|toddler|father|mother|son|daughter|husband|wife)"
)
_PAIR = re.compile(
    rf"\b(?P<n>{_SINGLE}\s+and\s+{_SINGLE}){_AUX}{_ADVERB}\s+(?P<role>killed|shot\s+(?:and\s+killed|dead)|shot|"
    r"wounded|injured|hurt)\b",
    re.IGNORECASE,
)
# A headline drops its articles: `Teen boy found fatally shot`, `Man, 22, dies after shooting` count
# one person as `A teen boy was found fatally shot` does.
_BARE_SINGLE = re.compile(
    r"^\W*(?P<n>(?:(?!(?:the|a|an|this|that|his|her|their|one)\b)[\w-]+\s+)?(?:man|woman|teen|teenager|boy|girl|child|toddler|baby|infant|student|officer|"
    r"deputy|trooper|father|mother|son|daughter|husband|wife|victim|person|driver|clerk|hunter))"
    r"(?:\s*,[^,.;]{0,30},)?(?:\s+(?:found|is|was|has\s+been|later|also))*"
    rf"{_ADVERB}\s+(?P<role>killed|slain|shot\s+(?:and\s+killed|dead|to\s+death)|shot|dies|died|wounded|injured|hurt)\b",
    re.IGNORECASE,
)
_FATALLY = re.compile(
    rf"\bshot\b[^.;]{{0,40}}?,\s*{_SUBJECT}\s+fatally\b"
    # `five teens, one fatally, were shot`: the part killed told aside inside the subject.
    rf"|,\s*(?P<n2>{_NUMBER})\s+fatally\s*,\s*(?:were|was)\s+shot\b",
    re.IGNORECASE,
)
_NOUN = re.compile(
    rf"(?<![\w:/-]){_SUBJECT}\s+(?P<role>dead|fatalities|deaths|injured|wounded|injuries)\b(?!\s+(?:by|in|at|when))",
    re.IGNORECASE,
)
# `charged in the shooting death of a 15-year-old`, `the killings of four women`: a death noun whose
# `of` names the people killed, with their count (a person, an age, kin).
_DEATH_OF = re.compile(
    r"(?<!attempted )\b(?P<role>(?:shooting\s+)?deaths?|killings?|slayings?|murders?|fatal\s+shootings?)"
    r"\s+of\s+"
    rf"(?P<n>{_NUMBER})(?!\w)(?=\s+(?:[\w-]+\s+){{0,2}}?(?:{_PEOPLE}|[\w]+-(?:year|month|week)-old\b))",
    re.IGNORECASE,
)
# `in retaliation for the slaying of a man`, `after the shooting deaths of two children recently`: a
# death told as what came before this event is another incident's.
_DEATH_BEFORE = re.compile(
    r"\b(?:after|following|since|before|retaliation|revenge|payback|response|recent|earlier|previous|prior)\b"
    r"(?:\W+\w+){0,4}\W*$",
    re.IGNORECASE,
)
_DEATH_AFTER = re.compile(r"^[^.;]{0,40}?\b(?:recently|earlier|last\s+(?:week|month|year))\b", re.IGNORECASE)
_ROLE_OF = {
    "killed": KILLED,
    "slain": KILLED,
    "killing": KILLED,
    "kills": KILLED,
    "dead": KILLED,
    "died": KILLED,
    "dies": KILLED,
    "fatalities": KILLED,
    "deaths": KILLED,
    "fatally": KILLED,
    "wounded": INJURED,
    "wounding": INJURED,
    "injured": INJURED,
    "injuring": INJURED,
    "hurt": INJURED,
    "injuries": INJURED,
    "shot": SHOT,
    "shooting": SHOT,
    "shoots": SHOT,
    "hospitalized": HOSPITALISED,
    "hospitalised": HOSPITALISED,
    "arrested": ARRESTED,
    "arresting": ARRESTED,
    "taken into custody": ARRESTED,
    "in custody": ARRESTED,
    "in police custody": ARRESTED,
    "behind bars": ARRESTED,
}
_ROLE_WORD = re.compile(r"^\s+(?:killed|dead|injured|wounded|hurt|shot)\b", re.IGNORECASE)
# `Tobiasz Cudnik, 32 were all transported`: a number right after a name is the person's age; so is
# one after `age of` or `aged`. `one of the three victims`: the three are a group the one belongs to.
# (A number after a colon, `0:50 One dead`, is a running time: the patterns never start there.)
# An age range (`between the ages of 13 and 15`, `aged 9 and 11`) gives ages at both ends.
_AGE_BEFORE = re.compile(
    r"[A-Z][a-z]+,\s*$|\b(?:ages?\s+of|aged|ages)\s+(?:\d{1,2}\s+(?:and|to|through)\s+)?$"
    r"|\bof\s+(?:the\s+|those\s+)?$"
)
# `one of the teens`, `two of them`: a part of a group, not the group's count; `5 p.m.`: a clock time.
_PARTITIVE = re.compile(r"^\s*(?:of\b|[ap]\.?m\b)", re.IGNORECASE)
# Words that make a number not a head count: `two years`, `three counts`, `five times`.
_NOT_PEOPLE = re.compile(
    r"^\s*(?:years?|months?|days?|hours?|minutes?|times|counts?|rounds|shots|miles|blocks)\b", re.IGNORECASE
)


# A sentence about another incident (`An unrelated shooting in Orlando killed two`, `In a separate
# attack last month ...`) counts that incident's casualties, not the event's.
_OTHER_INCIDENT = re.compile(
    r"\b(?:unrelated|separate|another|earlier|previous|similar|second)\s+(?:\w+\s+){0,2}?"
    r"(?:shootings?|incidents?|attacks?|cases?|homicides?|killings?)\b"
    # A round-up: counts over several incidents (`4 killed, 53 wounded in weekend shootings across
    # Chicago`, `Three killed in multiple Baltimore County shootings`).
    r"|\b(?:in|across|from|during)\s+(?:\w+\s+){0,4}?shootings\b|\bweekend\s+(?:of\s+)?violence\b"
    r"|\bacross\s+the\s+city\b|\bcitywide\b|\bseries\s+of\b"
    # Background: earlier shootings told by their time (`just over a year after nine people were
    # shot`, `in the past 17 months`, `since 2013`, `January 2009: ... nine shot`, `in 1988`).
    r"|\b(?:ago|last\s+year|a\s+year\s+(?:after|before|earlier)|most\s+recent)\b"
    # `a doctor killed two decades earlier`, `Years before, two were wounded there`: years back.
    r"|\b(?:years|decades)\s+(?:earlier|before|prior)\b"
    r"|\b(?:in\s+the\s+(?:past|last)\s+\w+\s+(?:days|weeks|months|years)|since\s+(?:19|20)\d\d)\b"
    r"|\bin\s+(?:\w+\s+)?(?:19|20)\d\d\b|\b(?:19|20)\d\d:"
    # A toll over a span of time is a round-up (`in attacks from Friday night to Sunday`, `this
    # year`, `in November alone`, `so far`): one incident happens at one time.
    r"|\b(?:this|last)\s+(?:year|month)\b|\bso\s+far\b|\balone\b|\bin\s+an?\s+[\w-]+\s+(?:span|period|stretch)\b"
    # `28 people shot and 10 killed in the city since Friday`, `an outbreak of violence`: a city's
    # count over days.
    r"|\bsince\s+(?:last\s+)?\w+day\b|\b(?:outbreak|wave|spate|spike|surge|rash)\s+of\s+(?:\w+\s+)?"
    r"(?:violence|shootings|killings|homicides|crime)\b"
    r"|\bfrom\s+\w+(?:\s+\w+)?\s+(?:to|through|until)\s+(?:early\s+|late\s+)?\w+day\b"
    r"|\bin\s+(?:\w+\s+){0,3}?(?:attacks|incidents|homicides)\b"
    rf"|(?<![\w-])(?:{WORD_NUMBER}|\d+|several|multiple)\s+(?:\w+\s+)?(?:shootings|incidents|attacks)\b",
    re.IGNORECASE,
)
# `A second victim has died`, `an 8th teen was injured`: the toll a later report gives by the ordinal
# of the latest casualty.
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}
_ORDINAL_CASUALTY = re.compile(
    rf"\b(?:a|an|the)\s+(?P<n>{'|'.join(_ORDINALS)}|\d{{1,2}}(?:st|nd|rd|th))\s+(?:\w+\s+)?"
    r"(?:victim|person|man|woman|teen|teenager|child|boy|girl|patient|student)\s+"
    r"(?:has\s+|had\s+|also\s+|now\s+|was\s+|been\s+)*(?P<role>died|dies|injured|wounded|hurt)\b",
    re.IGNORECASE,
)
# `the Elmwood triple homicide`, `a double killing`: the killed counted by the killing's own noun (a
# `double murder-suicide` counts the shooter too, a `double shooting` the wounded too: neither is read).
_MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
_MULTIPLE_KILLING = re.compile(
    rf"\b(?P<n>{'|'.join(_MULTIPLES)})[\s-]+(?:homicides?|killings?|murders?|slayings?)(?![\w-])",
    re.IGNORECASE,
)
# `Four children, two adults injured`, `a young boy and four adults were injured`: the people counted
# before the matched count belong to the same subject and add to it.
# Nouns only: `Three injured, one dead` lists two roles, not one subject.
_NOUNS = [w for w in _PEOPLE_WORDS if w not in {"injured", "wounded", "one", "more"}]
_COORDINATED = re.compile(
    rf"(?:(?<![\w-])(?P<n>{DIGITS}|{WORD_NUMBER}|an?)\s+(?:[\w-]+\s+)?(?:{'|'.join(_NOUNS)})"
    r"|(?<![\w-])(?:an?\s+)?(?P<aged>\d{1,2}-(?:year|month)-old))\s*(?:,|\s+and)\s+$",
    re.IGNORECASE,
)
# `Marta and her two sons were killed`, `a woman and her three daughters`: the one whose kin they are
# is counted with them; the possessive binds the count to that person (`Ramos and his lawyer said two
# people ...` has none).
_WITH_KIN = re.compile(
    rf"(?:(?<![\w-])(?i:an?|the)\s+(?:[\w-]+\s+)?(?i:{'|'.join(_NOUNS)})|\b[A-Z][a-z'\u2019]+|\b[Hh]e|\b[Ss]he)"
    r"\s+and\s+(?:his|her)\s+$"
)
# `killed a 1-year-old boy and his 21-year-old uncle`: a further person after the counted object.
_FOLLOWING = re.compile(
    rf"^\s*,?\s*and\s+(?:his|her|their|the|(?P<n>{DIGITS}|{WORD_NUMBER}|an?))\s+(?:[\w-]+\s+)?"
    rf"(?:{'|'.join(_NOUNS)}|uncle|aunt|brother|sister|father|mother|son|daughter|cousin|grandmother|"
    r"grandfather|friend|girlfriend|boyfriend|wife|husband|nephew|niece)\b",
    re.IGNORECASE,
)
# `No one was hurt`, `no people were injured`: a toll of none; `no officers were hurt` is one group's.
_NONE_AT_ALL = re.compile(r"\s+(?:one|person|people|persons|individuals|victims?|injuries|was|were)\b", re.I)
# `A man shot at vehicles`, `a man shot his wife`: no auxiliary and an object after `shot` make the
# subject the shooter, not a victim (`3 shot in Chicago` keeps its count).
_SHOOTER = re.compile(r"^\s+(?:at|into|toward|towards|his|her|their|him|them|a|an|the)\b", re.IGNORECASE)
# `one was shot in the thigh; the other ...`, `no one was hurt by the blast`: a member of a list, a
# zero about one cause only.
_ONE_OF_A_LIST = re.compile(r"\b(?:the\s+other|another)\b", re.IGNORECASE)
# `One man was killed and another wounded`, `girl killed, another teen hurt`: one person more, of the
# other role; each is a toll of one. (`another shooting` is another incident: its sentence is not read.)
_ANOTHER = re.compile(
    rf"\b(?:another|the\s+other)\b(?:\s+[\w-]+)?(?:\s+{_PEOPLE})?{_AUX}{_ADVERB}"
    r"\s+(?P<role>killed|slain|dead|died|shot\s+(?:and\s+killed|dead|to\s+death)|wounded|injured|hurt)\b",
    re.IGNORECASE,
)
_OTHER_ROLE = {KILLED: INJURED, INJURED: KILLED}
# `six students were injured in a brawl`, `hurt in the stampede`, `hurt while fleeing`: people the
# shooting's gunfire did not hit, whom its toll leaves out.
_ANOTHER_CAUSE = re.compile(
    r"^\s+(?:(?:in|during|by|from)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:fight|brawl|scuffle|melee|stampede|"
    r"crush|crash|collision|stabbing|fire|explosion|panic|chaos)|while\s+(?:fleeing|running|trying\s+to\s+"
    r"(?:flee|escape)))(?![\w-])",
    re.IGNORECASE,
)
_ZERO_OF_A_CAUSE = re.compile(
    r"^\s+(?:by|from|in)\s+the\s+(?!shooting|gunfire|attack|incident)", re.IGNORECASE
)


# `shot four others, including one who died`: the count holds the dead too.
_SOME_DIED = re.compile(
    r"^[^,.;]{0,40},\s*(?:including|one\s+of\s+whom|of\s+whom)\s+(?:\w+\s+){0,2}?(?:who\s+)?"
    r"(?:died|fatally|was\s+killed)\b",
    re.IGNORECASE,
)


def _role_in(pattern: re.Pattern[str], match: re.Match[str], role_group: str) -> str:
    """The role a match counts: its verb's, corrected by what the words around it say."""
    if pattern in (_FATALLY, _DEATH_OF):
        return KILLED
    role = _role(match.group(role_group))
    # An aside between commas (`five teens, one fatally, were shot`) tells of a part, not the whole.
    said = re.sub(r",[^,.;]*,", " ", match.group(0))
    just_before = match.string[max(0, match.start() - 9) : match.start()]
    if role in (INJURED, SHOT) and re.search(r"\bfatally\b", f"{just_before} {said}", re.IGNORECASE):
        return KILLED  # `10 were fatally wounded`
    if (
        role == SHOT
        and re.search(r"\bothers?\b", said, re.IGNORECASE)
        and not _SOME_DIED.match(match.string[match.start() :])
    ):
        return INJURED  # `two were killed ... four others were shot`: the others survived
    return role


def _role(word: str) -> str:
    lowered = " ".join(word.lower().split())
    if lowered.startswith("shot ") and lowered != "shot":
        return KILLED  # `shot and killed`, `shot dead`, `shot to death`
    if "hospital" in lowered:
        return HOSPITALISED
    return _ROLE_OF.get(lowered, _ROLE_OF.get(lowered.split()[0], SHOT))


def count_value(number: str) -> float | None:
    """The number a count is written with: digits, words (`three`), `no` (0); None if it is none."""
    lowered = number.lower().strip()
    if lowered == "no":
        return 0.0
    if lowered[:1].isdigit() or lowered.startswith("."):
        return parse_digits(lowered)
    return parse_words(lowered)


def about_another_incident(text: str) -> bool:
    """Whether a sentence tells of another incident or of several (`Last month, a 4-year-old girl shot
    herself`, `in weekend shootings across the city`): its casualties are not this event's."""
    return _OTHER_INCIDENT.search(text) is not None


def casualty_claims(statement: Statement) -> list[FactClaim]:
    """The casualty counts a sentence states, one claim per role and count."""
    text = statement.text
    if about_another_incident(text):
        return []
    found: dict[tuple[str, int], FactClaim] = {}
    for match in _ORDINAL_CASUALTY.finditer(text):
        ordinal = match.group("n").lower()
        toll = float(_ORDINALS.get(ordinal) or ordinal[:-2])
        role = KILLED if match.group("role").lower().startswith("di") else INJURED
        found[(role, match.start("n"))] = FactClaim(
            "casualties", role, _figure(toll), count_bounds(toll, "at least"), statement, match.group(0)
        )
    for match in _MULTIPLE_KILLING.finditer(text):
        toll = float(_MULTIPLES[match.group("n").lower()])
        found[(KILLED, match.start("n"))] = FactClaim(
            "casualties", KILLED, _figure(toll), count_bounds(toll, None), statement, match.group(0)
        )
    pairs: list[range] = []  # `a man and a woman`: its second half is no count of its own
    # A bare singular (`Girl Slain`) is a headline's only in the headline (a gallery's captions
    # further down are other stories).
    patterns = (_PAIR, _BARE_SINGLE) if statement.index <= 0 else (_PAIR,)
    for pattern in (*patterns, _PASSIVE, _ACTIVE, _LEFT, _FATALLY, _NOUN, _DEATH_OF):
        for match in pattern.finditer(text):
            for n, q, role_group in (("n", "q", "role"), ("n2", "q2", "role2")):
                if match.groupdict().get(n) is None or any(match.start(n) in pair for pair in pairs):
                    continue
                role = _role_in(pattern, match, role_group)
                claim = _claim(statement, match, n, q, role)
                if claim is not None:
                    found.setdefault((role, match.start(n)), claim)
                    if pattern is _PAIR:
                        pairs.append(range(match.start(n), match.end(n)))
    _add_another(statement, found)
    return list(found.values())


def _add_another(statement: Statement, found: dict[tuple[str, int], FactClaim]) -> None:
    """`another wounded` after a count of the killed (or the reverse): one person of that role."""
    for match in _ANOTHER.finditer(statement.text):
        role = _role(match.group("role"))
        told_before = any(subject == _OTHER_ROLE.get(role) and at < match.start() for subject, at in found)
        if told_before and (role, match.start()) not in found:
            found[(role, match.start())] = FactClaim(
                "casualties", role, "1", count_bounds(1.0, "at least"), statement, match.group(0)
            )


# A singular people noun right after a number above one: the number is no count of it.
_SINGULAR_AFTER = re.compile(
    r"\s+(?:victim|person|man|woman|child|boy|girl|teen|teenager)\b(?!['\u2019]s)", re.I
)


def _claim(statement: Statement, match: re.Match[str], n: str, q: str, role: str) -> FactClaim | None:
    number = {_PAIR: "two", _BARE_SINGLE: "one"}.get(match.re, match.group(n))
    if number.lower() in {"a", "an"} and role in (KILLED, INJURED) and match.re is _NOUN:
        return None  # `a dead end`, `an injured knee`
    value = count_value(number)
    after = match.string[match.end(n) : match.end(n) + 12]
    if number.lower() in {"a", "an"} and _ROLE_WORD.match(after):
        return None  # `an injured man`: an adjective, not a head count
    if value is None or value > 10_000 or _NOT_PEOPLE.match(after) or after.startswith(("-", ":", "%")):
        return None
    if re.match(r"\s*(?:\.\.\.|\u2026)", after):
        return None  # `killing a ...`: a teaser cut off before what it counts
    if value > 1 and _SINGULAR_AFTER.match(after):
        return None  # `an eight victim was taken to hospital`: an ordinal misspelt, not a count
    before = match.string[max(0, match.start(n) - 30) : match.start(n)]
    # (`the killings of four women`: the `of` is the death noun's, not a part of a group.)
    if (match.re is not _DEATH_OF and _AGE_BEFORE.search(before)) or _PARTITIVE.match(after):
        return None
    if re.search(r"\bmore\b", match.string[match.end(n) : match.end()], re.IGNORECASE):
        return None  # `killed two more people`: an increment to a toll told before, not a toll
    if value == 0 and re.search(r"\b(?:else|other|others)\b", match.group(0), re.IGNORECASE):
        return None  # `no one else was hurt`: zero besides someone the sentence does not count
    if value == 0 and not _NONE_AT_ALL.match(after):
        return None  # `no officers were injured`: none of one group, not the toll
    if match.re is _DEATH_OF and (
        _DEATH_BEFORE.search(match.string[: match.start()]) or _DEATH_AFTER.match(match.string[match.end() :])
    ):
        return None
    if not _a_victim_count(match, number, value, role):
        return None
    qualifier = (match.groupdict().get(q) or "").strip().lower() or None
    counted = match.group(n) if match.re is _BARE_SINGLE else match.string[match.end(n) : match.end(n) + 40]
    group, individual = counted_group("one" if match.re is _BARE_SINGLE else number, counted)
    listed = 0.0
    if match.re in (_PASSIVE, _NOUN) and n == "n" and not qualifier:
        listed = _coordinated(match.string, match.start(n))
        if listed and role == INJURED and re.search(r"\bshot\s*$", match.group(0), re.IGNORECASE):
            role = SHOT  # `a boy and six other people were shot`: the others are besides the boy, all shot
        value += listed
    # `fatally shot a man and three others`: whether the others died too, the words do not say.
    fatally = re.search(r"\bfatally\s+$", match.string[max(0, match.start() - 9) : match.start()], re.I)
    following = _FOLLOWING.match(match.string[match.end() :])
    if match.re is _ACTIVE and not qualifier and not fatally and following:
        value += count_value(following.group("n") or "one") or 1.0
        listed += 1
    if listed or match.re is _PAIR:
        group, individual = None, False  # `a man, two women and a child`: everyone listed
    return FactClaim(
        kind="casualties",
        subject=role,
        value=_figure(value),
        bounds=count_bounds(value, "at least" if individual else qualifier),
        statement=statement,
        phrase=match.group(0).strip(),
        group=group,
    )


def _a_victim_count(match: re.Match[str], number: str, value: float, role: str) -> bool:
    """Whether a matched count counts victims of this event's toll (see _SHOOTER, _ONE_OF_A_LIST)."""
    said, rest = match.group(0), match.string[match.end() :]
    lone = number.lower() in {"a", "an", "one"}
    if (
        match.re in (_PASSIVE, _BARE_SINGLE)
        and role == SHOT
        and not re.search(r"\b(?:was|were|is|are|been|got)\b", said)
    ):
        if _SHOOTER.match(rest):
            return False
    other = _ANOTHER.search(rest)
    of_another_role = other is not None and _role(other.group("role")) == _OTHER_ROLE.get(role)
    listed = _ONE_OF_A_LIST.search(rest) and not of_another_role
    if lone and (listed or re.search(r"\balso\b", said, re.IGNORECASE)):
        return False  # `one was shot in the thigh; the other...`, `a woman was also wounded`
    if role in (KILLED, INJURED) and _ANOTHER_CAUSE.match(rest):
        return False
    return not (value == 0 and _ZERO_OF_A_CAUSE.match(rest))


def _coordinated(text: str, start: int) -> float:
    """The people listed before a count as one subject with it (`a man, two women and a child`)."""
    added = 0.0
    kin = _WITH_KIN.search(text[max(0, start - 60) : start])
    if kin is not None:
        added, start = 1.0, start - len(kin.group(0))
    for _ in range(4):  # a list of a few people; longer runs are not one subject
        joined = _COORDINATED.search(text[max(0, start - 60) : start])
        value = (1.0 if joined.group("aged") else count_value(joined.group("n"))) if joined else None
        if joined is None or not value:
            break
        added += value
        start -= len(joined.group(0))
    return added


# Nouns that count everyone hit, whoever they are; any other noun counts a kind of them.
_EVERYONE = frozenset(
    "people persons person others other victims victim individuals individual one more".split()
)
# The noun a count counts: a people noun, else the first noun-like word after its modifiers (`two
# bailiffs`, `a security guard`), whatever it is.
_COUNTED_NOUN = re.compile(
    rf"^\s*(?:(?:{_MODIFIER}|{_NOUN_MODIFIER})\s+)*(?P<noun>[a-z]+)\b(?!-)", re.IGNORECASE
)
_NOT_A_NOUN = frozenset(
    """and or in at on of by to from for with as was were is are has have had after before during near
    inside outside while when who that which dead killed injured wounded hurt shot died dies slain
    fatally critically seriously also later remain remains""".split()
)


def counted_group(number: str, counted: str) -> tuple[str | None, bool]:
    """Which kind of people a count counts (`four women` -> woman; `four people` -> None), and whether
    it is one person described (`a woman was shot`, `one man`): an individual the story tells of, who
    says nothing of how many others were hit, so the count is a floor, not a toll.

    >>> counted_group("four", " women were killed")
    ('woman', False)
    >>> counted_group("a", " 14-year-old boy was killed")
    ('boy', True)
    >>> counted_group("three", " people were shot")
    (None, False)
    """
    noun = _COUNTED_NOUN.match(counted)
    word = noun.group("noun").lower() if noun else ""
    if not word or word in _EVERYONE or word in _NOT_A_NOUN:
        return None, False
    kind = singular(word)
    return kind, number.lower() in {"a", "an", "one"} and kind == word


def _figure(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def article_casualties(statements: Iterable[Statement]) -> list[FactClaim]:
    """Every casualty claim of an article, in reading order."""
    return [claim for statement in statements for claim in casualty_claims(statement)]


def lead_count(claims: Sequence[FactClaim], role: str) -> float | None:
    """The first count an article gives for a role: the lead's figure, as a reader would quote it.

    A count inside someone's quoted words (`"he killed three people for nothing," a neighbour said`)
    is theirs, not the article's: it is the toll only where the article gives none of its own.
    Injured, when the article gives none, is shot minus killed (`five people were shot, one fatally`).
    """
    told = [c for c in claims if not quoted(c)] or list(claims)
    for claim in told:
        if claim.subject == role:
            return float(claim.value)
    if role == INJURED:
        # Only within one sentence (`five were shot, one fatally`): counts from different sentences
        # may be of different groups.
        for claim in claims:
            if claim.subject == SHOT:
                killed = [k for k in claims if k.subject == KILLED and k.statement is claim.statement]
                if killed and float(claim.value) >= float(killed[0].value):
                    return float(claim.value) - float(killed[0].value)
    return None


_OPENING_QUOTES = '"\u201c'
_CLOSING_QUOTES = '"\u201d'


def quoted(claim: FactClaim) -> bool:
    """Whether a claim's words stand inside quotation marks of its sentence: someone's words."""
    text = claim.statement.text
    at = text.find(claim.phrase)
    if at < 0:
        return False
    before = text[:at]
    straight = before.count('"') % 2 == 1
    curly = before.count("\u201c") > before.count("\u201d")
    return straight or curly


# Who fired: the shooter's nouns. Outlets count the shooter's death among the dead or leave it out
# (`four dead, including the gunman` against `four killed; the gunman then killed himself`): the
# counting convention of a toll.
_SHOOTER_NOUN = r"(?:gunman|gunmen|shooter|suspect|attacker|assailant|killer)"
_WITH_THE_SHOOTER = re.compile(
    # Right after the toll, before any other count (`one was killed and four injured, including the
    # gunman` counts him among the injured).
    rf"^(?:(?!\band\b)[^.;]){{0,30}}?\b(?:including|among\s+them|counting)\s+(?:the\s+)?(?:\w+\s+)?{_SHOOTER_NOUN}\b",
    re.IGNORECASE,
)


_COUNTED_WITH = re.compile(
    rf"\b(?:including|among\s+them|counting)\s+(?:the\s+)?(?:\w+\s+)?{_SHOOTER_NOUN}$", re.IGNORECASE
)


def counts_shooter(claim: FactClaim) -> bool:
    """Whether a toll counts the shooter among its dead (`four dead, including the gunman`)."""
    return shooter_counted(claim) is not None


def shooter_counted(claim: FactClaim) -> str | None:
    """The words by which a toll counts the shooter (`, including the gunman`), if it does."""
    text = claim.statement.text
    at = text.find(claim.phrase)
    found = _WITH_THE_SHOOTER.match(text[at + len(claim.phrase) :]) if at >= 0 else None
    if found is None and _COUNTED_WITH.search(claim.phrase):
        return ""  # the phrase already holds the words (a toll read as victims)
    return found.group(0) if found else None


_EXCEPT_THE_SHOOTER = re.compile(
    # `three others were wounded besides the gunman`, `four killed, not counting the shooter`.
    rf"^(?:(?!\band\b)[^.;]){{0,30}}?\b(?:besides|plus|in\s+addition\s+to|not\s+(?:including|counting)|"
    rf"excluding|apart\s+from|other\s+than)\s+(?:the\s+)?(?:\w+\s+)?{_SHOOTER_NOUN}\b",
    re.IGNORECASE,
)
_EXCEPT_BEFORE = re.compile(
    rf"\b(?:besides|apart\s+from|other\s+than|in\s+addition\s+to)\s+(?:the\s+)?(?:\w+\s+)?{_SHOOTER_NOUN}\s*,\s*$",
    re.IGNORECASE,
)
# The shooter dead or hurt, told as their own clause: `the gunman then killed himself`, `police shot
# and killed the suspect`, `officers returned fire, wounding him`. Passive or intransitive only: `the
# gunman killed two people` tells of the victims.
_BY_THEIR_OWN_HAND = (
    r"\b(?:killed|shot)\s+(?:himself|herself|themselves)\b|\bturned\s+(?:the|a|his|her)\s+(?:gun|weapon)\s+on\s+"
    r"(?:himself|herself|themselves)\b|\btook\s+(?:his|her|their)\s+own\s+li(?:fe|ves)\b|\bself-inflicted\b"
    r"|\b(?:murder-suicide|committed\s+suicide|apparent\s+suicide)\b"
)
_SHOOTER_KILLED_BY_OTHERS = (
    rf"\b{_SHOOTER_NOUN}\s+(?:\w+\s+){{0,6}}?(?:(?:was|were|is|has\s+been|had\s+been)\s+"
    r"(?:also\s+|later\s+|confirmed\s+|pronounced\s+|found\s+)?(?:killed|shot\s+(?:and\s+killed|dead|to\s+death)|"
    r"fatally\s+(?:shot|wounded)|dead)|(?:later\s+|also\s+)?died)\b"
    rf"|\b(?:shot\s+and\s+killed|fatally\s+shot|killed|killing)\s+(?:the|a)\s+(?:\w+\s+)?{_SHOOTER_NOUN}\b"
    # `officers fired on the suspect, killing him`, `police returned fire, killing him`.
    rf"|\b(?:{_SHOOTER_NOUN}|returned\s+fire)\s*,\s+killing\s+(?:him|her)\b"
)
_SHOOTER_KILLED = re.compile(rf"{_BY_THEIR_OWN_HAND}|{_SHOOTER_KILLED_BY_OTHERS}", re.IGNORECASE)
_KILLED_BY_OTHERS = re.compile(_SHOOTER_KILLED_BY_OTHERS, re.IGNORECASE)
_SHOOTER_WOUNDED = re.compile(
    rf"\b{_SHOOTER_NOUN}\s+(?:\w+\s+){{0,2}}?(?:was|were|is|has\s+been|had\s+been)\s+(?:also\s+)?"
    r"(?:shot|wounded|injured|hurt|hospitali[sz]ed)\b(?!\s+(?:at|into|toward))"
    rf"|\b(?:shot\s+and\s+wounded|wounded|injured)\s+(?:the|a)\s+(?:\w+\s+)?{_SHOOTER_NOUN}\b"
    r"|\breturned\s+fire,\s+(?:wounding|hitting|striking)\s+(?:him|her)\b",
    re.IGNORECASE,
)
_HE_KILLED = re.compile(
    r"\b(?:he|she)\s+(?:was|were)\s+(?:later\s+)?(?:shot\s+and\s+killed|killed|shot\s+dead|fatally\s+shot)\b"
    r"|\b(?:he|she)\s+(?:later\s+)?died\b",
    re.IGNORECASE,
)
# An unborn child lost with a pregnant victim: some outlets count the child among the dead.
_UNBORN = re.compile(r"\b(?:unborn|pregnant)\b", re.IGNORECASE)


def shooter_killed_by_others(statements: Iterable[Statement]) -> bool:
    """Whether an article tells of a shooter killed by someone else (`police returned fire, killing
    the gunman`): then a `was killed` may be the shooter's, not the victim's. A shooter dead by their
    own hand may be the only victim (`the boy accidentally shot himself`)."""
    return any(_KILLED_BY_OTHERS.search(statement.text) for statement in statements)


def excludes_shooter(claim: FactClaim) -> bool:
    """Whether a toll leaves the shooter out in so many words: `three others were wounded besides the
    gunman`, or its sentence tells the shooter's own death or wound apart (`Four people were killed
    before the gunman shot himself`)."""
    text = claim.statement.text
    at = text.find(claim.phrase)
    if at < 0 or counts_shooter(claim):
        return False
    after, before = text[at + len(claim.phrase) :], text[max(0, at - 40) : at]
    if _EXCEPT_THE_SHOOTER.match(after) or _EXCEPT_BEFORE.search(before):
        return True
    hurt = _SHOOTER_KILLED if claim.subject == KILLED else _SHOOTER_WOUNDED
    # Told after the toll in its own sentence, `he` is the one who killed (`Four people were killed
    # by a man before he was shot and killed by police`).
    pronoun = claim.subject == KILLED and _HE_KILLED.search(after) is not None
    return pronoun or hurt.search(after) is not None


# The tolls a person told of hurt may fall in: the dead among the killed and the shot, the wounded
# among the injured, the shot and those taken to hospital.
_TOLLS_OF = {KILLED: (KILLED, SHOT), INJURED: (INJURED, SHOT, HOSPITALISED)}


def uncounted_people(statements: Iterable[Statement]) -> list[FactClaim]:
    """People an article tells of whom a toll may count or leave out: the shooter dead (`the gunman
    then killed himself`) or wounded (`officers returned fire, wounding him`), an unborn child (`a
    pregnant woman`). Each claim's subject is the toll it may fall in (`killed`, `shot`, ...); its kind
    says who (`shooter`, `unborn child`)."""
    found = []
    for statement in statements:
        for pattern, kind, hurt in (
            (_SHOOTER_KILLED, "shooter", KILLED),
            (_SHOOTER_WOUNDED, "shooter", INJURED),
            (_UNBORN, "unborn child", KILLED),
        ):
            match = pattern.search(statement.text)
            if match is not None:
                phrase = match.group(0)
                found += [FactClaim(kind, toll, "1", None, statement, phrase) for toll in _TOLLS_OF[hurt]]
    return found
