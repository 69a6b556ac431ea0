"""Datelines: the place (and wire) a report was filed from, at the head of a paragraph.

`NAKHODKA, Russia (AP) — The harbour …` opens with a city in capitals, an optional region or country,
an optional wire in brackets and a dash. Recognised by that position and shape, not by a list of
cities: the city is a place, the wire is the article's own voice, and neither is part of what anyone
said. Attribution and entity passes both read them from here.
"""

# Typographic dashes are what this module reads, so they appear literally.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from dataclasses import dataclass

# The city in capitals (`NAKHODKA`, `SAN JUAN`, `ST. LOUIS`), then `, Region` words, then `(Wire)`,
# then a dash. At a paragraph's start only: the shape inside a sentence is a headline or an acronym.
# Capitals with the Latin-1 ones (`TROMSØ`, `SÃO PAULO`).
_CAP = "A-ZÀ-ÖØ-Þ"
_DATELINE = re.compile(
    rf"^[ \t]*(?P<city>[{_CAP}][{_CAP}.’'-]*[{_CAP}.](?:[ \t]+[{_CAP}][{_CAP}.’'-]*[{_CAP}.]){{0,3}})"
    r"(?:,[ \t]+[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,3})?"
    r"(?:[ \t]*\((?P<wire>[A-Z][\w.&’' -]{0,40})\))?"
    r"[ \t]*(?:—|–|--?)[ \t]*",
    re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """One dateline: `text[start:end]` is the whole of it, dash and following space included."""

    start: int
    end: int
    city_start: int
    city_end: int
    wire: str | None


def find_datelines(text: str) -> list[Dateline]:
    """The datelines that open paragraphs of the text, in order.

    >>> [(d.wire, d.end) for d in find_datelines("OSLO, Norway (AP) — Snow fell.")]
    [('AP', 20)]
    """
    return [
        Dateline(m.start("city"), m.end(), m.start("city"), m.end("city"), m.group("wire"))
        for m in _DATELINE.finditer(text)
    ]
