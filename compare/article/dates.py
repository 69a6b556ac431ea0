"""Dates named in a text (`on Sunday`, `last Tuesday`, `in July`, `September 13`), resolved.

Resolution is against the publication date, the only clock analysis may use. News reports mostly
look back: a bare weekday is the latest such day on or before publication; a month (with or without a
day) is the nearest occurrence within six months either way, so `in November` written in September
points forward and `in July` points back. Without a publication date, only dates with a year resolve.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from newsprism.compare.article.lexicon import prefix_tree
from newsprism.compare.findings import DateMention

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DATE = re.compile(
    rf"\b(?:(?P<rel>(?i:last|next|this|on|since|by|until))\s+)?(?P<weekday>{_WEEKDAY})\b"
    rf"|\b(?P<month>{_MONTH})(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>\d{{4}}))?(?![\w])"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH})(?:,?\s+(?P<year2>\d{{4}}))?(?![\w])"
    r"|\b(?P<near>today|yesterday|tomorrow)\b",
)
# `May` is a month only with a day or year next to it, or after `in`/`since`/`by`.
_MAY_VERB = re.compile(r"^May$")
_MONTH_CONTEXT = re.compile(r"\b(?:in|since|by|until|from|of|early|late|mid|last|next|this|during)\s+$", re.I)


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Date mentions in order, each resolved against `published` where possible.

    >>> [d.resolved for d in find_dates("He left on Sunday.", date(2023, 9, 18))]
    [datetime.date(2023, 9, 17)]
    """
    mentions: list[DateMention] = []
    for match in _date_matches(text):
        if _is_verb_may(text, match):
            continue
        resolved = _resolve(match, published)
        mentions.append(DateMention(match.group(), match.start(), match.end(), resolved))
    return mentions


# Every DATE match holds one of these names, and at most two words (`on`, `12th of`) precede it.
# DATE opens with `\b` and an optional case-blind word, so the regex engine tries it at every
# character of the text; this alternation of plain words has a first-character set the engine skips by,
# and DATE itself is then tried only in the few words before each name.
_DATE_NAMES = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday today yesterday tomorrow
    Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec""".split()
)
_DATE_NAME = re.compile(prefix_tree(_DATE_NAMES))


def _date_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches `DATE.finditer(text)` yields, found from the names they must hold."""
    pos = 0
    while (name := _DATE_NAME.search(text, pos)) is not None:
        # No match starts before the words preceding the first name at or after `pos`.
        lo = max(pos, _two_words_before(text, name.start()))
        match = next((m for s in range(lo, name.start() + 1) if (m := DATE.match(text, s))), None)
        pos = match.end() if match else name.start() + 1
        if match:
            yield match


def _two_words_before(text: str, pos: int) -> int:
    for _ in range(2):
        while pos > 0 and text[pos - 1].isspace():
            pos -= 1
        while pos > 0 and not text[pos - 1].isspace():
            pos -= 1
    return pos


def _is_verb_may(text: str, match: re.Match[str]) -> bool:
    month = match.group("month")
    if month is None or not _MAY_VERB.match(month) or match.group("day") or match.group("year"):
        return False
    return not _MONTH_CONTEXT.search(text, max(0, match.start() - 12), match.start())


def _resolve(match: re.Match[str], published: date | None) -> date | None:
    if match.group("weekday"):
        return _weekday(match.group("weekday"), match.group("rel"), published)
    if match.group("near"):
        if published is None:
            return None
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[match.group("near").lower()]
        return published + timedelta(days=shift)
    month_name = match.group("month") or match.group("month2")
    day_text = match.group("day") or match.group("day2")
    year_text = match.group("year") or match.group("year2")
    month = _MONTHS[month_name.lower()[:3]]
    day = int(day_text) if day_text else 1
    return _month_day(month, day, int(year_text) if year_text else None, published)


def _weekday(name: str, relation: str | None, published: date | None) -> date | None:
    if published is None:
        return None
    target = _WEEKDAYS.index(name.lower())
    back = (published.weekday() - target) % 7
    rel = (relation or "").lower()
    if rel == "next":
        return published + timedelta(days=(target - published.weekday()) % 7 or 7)
    if rel == "last" and back == 0:
        back = 7
    return published - timedelta(days=back)


def _month_day(month: int, day: int, year: int | None, published: date | None) -> date | None:
    if year is None:
        if published is None:
            return None
        candidates = [_safe_date(published.year + shift, month, day) for shift in (-1, 0, 1)]
        valid = [c for c in candidates if c is not None]
        return min(valid, key=lambda c: abs((c - published).days)) if valid else None
    return _safe_date(year, month, day)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
