"""The time of day of the event each article reports: `about 3:50 p.m.`, `shortly after 1:30 a.m.`.

News writing states when the event happened before anything else that has a clock time, so an
article's event time is the first time of day in its body that is told in a sentence of the event (the
shooting, the call to police, the gun going off, the attacker arriving) and does not belong to another
moment: a death pronounced later, an arrest or surrender, a vigil, a news conference, a broadcast, the
page's own update stamp. Over every multi-outlet gva-dev event, three in five of the time conflicts
whose times came from sentences of no such words were false (a weather alert, a hospital time, `went
off the grid at 4 p.m.`, the shooter seen in his car an hour before). Each time
is read as the minutes it allows: `about 4:40` is 4:38-4:42 (outlets that differ by five minutes do
differ), but a round time said approximately is rounded (`about 4:30` is 4:26-4:34, `about 4` and
`midnight` ten minutes either side), `shortly before 2` is 1:40-2:00, `after 3` is 3:00-4:30, so a
bound that includes another outlet's time never conflicts with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsprism.compare.claims.model import Bounds, FactClaim
from newsprism.compare.types import Statement

_TIME = re.compile(
    r"(?:(?P<q>shortly\s+after|just\s+after|soon\s+after|shortly\s+before|just\s+before|sometime\s+after|"
    r"sometime\s+before|after|before|about|around|approximately|roughly|near|nearly|at)\s+)?"
    r"(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.|[ap]m\b)"
    # `noon` in lower case only: `Kelsey Noon` is a reporter, not a time.
    r"|\b(?P<named>(?-i:noon|midnight))\b",
    re.IGNORECASE,
)
# Moments other than the event: when these words are in the sentence, its clock time is theirs.
_OTHER_MOMENT = re.compile(
    r"\b(?:pronounced|died|succumbed|vigil|funeral|memorial|conference|briefing|updated?|posted|"
    # `was located` finds someone; `which is located near 2500 W. Washington St.` places something.
    r"pulled\s+over|(?<!\bis\s)(?<!\bare\s)located|spotted|booked|arrested|arraigned|court|hearing|scheduled|will\s+be|"
    r"car\s+wash|fundraiser|service|rally|closed|reopened|tweet|tweeted|declared|brain[\s-]dead|life\s+support|"
    r"meeting|released|surrendered|turned\s+(?:himself|herself)\s+in|custody|announced|dismissal|"
    r"stream|slated|news\s+at)\b",
    re.IGNORECASE,
)
# A time right after a year is a date-time stamp (`Sun Apr 14, 2013 10:26 PM`), the page's, not the event's.
_STAMP = re.compile(r"\b(?:19|20)\d\d,?\s*(?:at\s+)?$")
# (minutes before, minutes after) the stated time that each qualifier allows.
_SPREAD = {
    "shortly after": (0, 20),
    "just after": (0, 20),
    "soon after": (0, 30),
    "shortly before": (20, 0),
    "just before": (20, 0),
    "sometime after": (0, 180),
    "sometime before": (180, 0),
    "after": (0, 90),
    "before": (90, 0),
}
_APPROXIMATE = frozenset({"about", "around", "approximately", "roughly", "near", "nearly"})
_DAY = 24 * 60


def _minutes(match: re.Match[str]) -> int:
    named = match.group("named")
    if named:
        return 12 * 60 if named.lower() == "noon" else 0
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    if hour > 12:
        return -1
    pm = match.group("ap").lower().startswith("p")
    return (hour % 12 + (12 if pm else 0)) * 60 + minute


def _bounds(match: re.Match[str], at: int) -> Bounds:
    qualifier = " ".join((match.group("q") or "").lower().split())
    if qualifier in _SPREAD:
        before, after = _SPREAD[qualifier]
        return Bounds(at - before, at + after)
    minute = match.group("m")
    if match.group("named"):
        margin = 10  # `midnight`, `noon`: a round time, seldom the minute
    elif qualifier not in _APPROXIMATE:
        margin = 1
    elif minute is None:
        margin = 10  # `about 4 p.m.`
    elif int(minute) % 15 == 0:
        margin = 4  # `about 4:30`: rounded to the quarter hour (`at 4:26` agrees)
    else:
        margin = 2
    return Bounds(at - margin, at + margin)


def time_claims(statement: Statement) -> list[FactClaim]:
    """The clock times a sentence states, as claims about the time of the event."""
    claims = []
    for match in _TIME.finditer(statement.text):
        at = _minutes(match)
        if at < 0 or _STAMP.search(statement.text[: match.start()]):
            continue
        claims.append(
            FactClaim(
                kind="time",
                subject="time of the event",
                value=_clock(at),
                bounds=_bounds(match, at),
                statement=statement,
                phrase=match.group(0).strip(),
            )
        )
    return claims


# The shooting itself: a clock time whose nearest moment word before it is one of these is the event's,
# even in a sentence that also tells another moment (`Two people died in a shooting around 10:30 p.m.`).
_SHOOTING = re.compile(r"\b(?:shooting|shot|opened\s+fire|gunfire|gunshots?|fired)\b", re.IGNORECASE)


def event_time(statements: Iterable[Statement]) -> FactClaim | None:
    """The article's time of the event: the first clock time of its body in a sentence that tells of
    the event and that belongs to no other moment."""
    for statement in statements:
        words = re.findall(r"[A-Za-z]{2,}", _TIME.sub("", statement.text))
        if len(words) < 3 or not _TELLS_THE_EVENT.search(_GATHERING_TOLD.sub(" ", statement.text)):
            continue  # `TAMPA - 7:04 a.m.`: a stamp, not a sentence; or a sentence of another moment
        claims = [c for c in time_claims(statement) if _of_the_event(statement.text, c.phrase)]
        if claims:
            return claims[0]
    return None


# A sentence that tells when the event happened says what happened or who answered it: `the shooting
# happened about 3 a.m.`, `officers were called at 12:39 p.m.`, `neighbors heard gunshots around
# 11:50`, `the gun went off around 8:30`, `the body was found about 2:40 a.m.`, or how the attacker came
# (`showed up at 5:38 a.m.`, `went to a motel around 1:30 p.m.`, `entered`). A clock time in a sentence of
# none of these is another moment's (`he was seen sitting in his car at about 8:30 p.m.`, `the report was
# filed around 8:30 a.m.`, a weather alert `issued at 7:41PM`, `went off the grid at 4 p.m.`).
_TELLS_THE_EVENT = re.compile(
    r"\b(?:shooting|shootings|shot|shots|bullets?|opened\s+fire|gunfire|gunshots?|gunman|fired|firing|"
    # `began`, `started` of the shooting, a fight, an argument; not `the party started around midnight`.
    r"happened|occurred|took\s+place|broke\s+out|erupted|incident|"
    r"(?:shooting|gunfire|firing|fight|argument|altercation|dispute|violence|it)\s+(?:\w+\s+){0,2}?(?:began|started)|"
    # `were called to`, `911 calls`; not someone's phone call (`she called her daughter at 2:28 a.m.`)
    r"called(?!\s+(?:her|his|my|our|their|us|me|him|them)\b)|calls?|responded|"
    # responders arriving (`officers arrived at 2:10 a.m.`), not a visitor (`a crisis responder arrived
    # at 43rd and Rockwell about 5:30 p.m.`, hours after)
    r"responding|dispatched|(?:police|officers?|deputies|troopers?|paramedics|medics|firefighters|authorities|"
    r"crews?|units?|they)\s+(?:\w+\s+){0,2}?arrived|heard|killed|killing|wounded|injured|struck|hit|stabbed|attack(?:ed)?|"
    r"reported|alerted|summoned|sent|(?:gun|weapon|rifle|pistol|shotgun|handgun|round|it)\s+went\s+off|"
    r"discharged|unfolded|played\s+out|showed\s+up|pulled\s+up|went\s+to|entered|walked\s+into|stormed|"
    r"found\s+(?:\w+\s+)?(?:dead|shot|suffering|unresponsive|wounded|bleeding)|bod(?:y|ies)\s+(?:was|were)\s+found)\b",
    re.IGNORECASE,
)


# A gathering that happened or began (`The party, which took place on Aspen Meadow, started around
# midnight`): its own moment, which tells nothing of the shooting's.
_GATHERING_TOLD = re.compile(
    r"\b(?:party|parties|game|concert|festival|gathering|celebration|cookout|barbecue|meeting|ceremony|"
    r"service|event)\b(?:,[^,]{0,80},)?\s+(?:\w+\s+){0,2}?(?:happened|occurred|took\s+place|began|started)\b",
    re.IGNORECASE,
)


def _of_the_event(text: str, phrase: str) -> bool:
    """Whether a clock time belongs to the event: no other moment in its sentence, or the shooting is
    the moment named nearest before it."""
    if not _OTHER_MOMENT.search(text):
        return True
    before = text[: text.find(phrase)]
    moments = [(m.end(), "other") for m in _OTHER_MOMENT.finditer(before)]
    moments += [(m.end(), "shooting") for m in _SHOOTING.finditer(before)]
    return bool(moments) and max(moments)[1] == "shooting"


def _clock(minutes: int) -> str:
    hour, minute = divmod(minutes % _DAY, 60)
    suffix = "a.m." if hour < 12 else "p.m."
    return f"{hour % 12 or 12}:{minute:02d} {suffix}"


def times_differ(a: FactClaim, b: FactClaim) -> bool:
    """Whether two event times cannot both be right (neither allows the other)."""
    return a.bounds is not None and b.bounds is not None and not a.bounds.overlaps(b.bounds)
