"""Numbers as written in news text, to values: `1,500`, `1.5 million`, `twenty-five`, `a dozen`.

Separate from `newsprism.compare.article.quantities` (which finds the quantity around a number) because both
the regular expression that recognises a number and the arithmetic that reads it must agree on the same
word lists; keeping them together here keeps them in step.
"""

from __future__ import annotations

import re

SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "bln": 1e9,
    "k": 1e3,
    "m": 1e6,
    "b": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
# Plural scales read as an order of magnitude: `hundreds of miles` -> 100 to 1,000.
VAGUE = {
    "dozens": (12.0, 120.0),
    "hundreds": (100.0, 1e3),
    "thousands": (1e3, 1e4),
    "millions": (1e6, 1e7),
    "billions": (1e9, 1e10),
    "tens": (10.0, 100.0),
}

_WORD = "|".join(sorted(SMALL, key=len, reverse=True))
# A number spelled out: `twenty-five`, `one hundred and twelve`, `a dozen`, `two and a half`.
WORD_NUMBER = (
    rf"(?:(?:{_WORD})(?:[- ](?:{_WORD}))?|an?(?=[ -](?:hundred|thousand|million|billion|trillion|dozen)\b))"
    rf"(?:[ -](?:and[ -])?(?:hundred|thousand|million|billion|trillion|dozen|{_WORD})(?![\w-]))*"
    rf"(?:\s+and\s+a\s+half)?"
)
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_TOKEN = re.compile(r"[a-z]+|\d[\d,]*(?:\.\d+)?|\.\d+")


def parse_digits(text: str) -> float:
    """`1,500.25` -> 1500.25."""
    return float(text.replace(",", ""))


def parse_words(text: str) -> float | None:
    """`twenty-five` -> 25; `one hundred and twelve` -> 112; `a dozen` -> 12; `two and a half` -> 2.5."""
    lowered = text.lower()
    half = lowered.endswith("and a half")
    if half:
        lowered = lowered[: -len("and a half")]
    total = 0.0
    current = 0.0
    seen = False
    for token in _TOKEN.findall(lowered):
        if token in SMALL:
            current += SMALL[token]
        elif token in {"a", "an"}:
            current += 1
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in {"thousand", "million", "billion", "trillion"}:
            total += (current or 1) * SCALES[token]
            current = 0.0
        elif token == "and":
            continue
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + current + (0.5 if half else 0.0)
