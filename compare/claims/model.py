"""The claim records every claim reader returns, and the bounds a stated value allows.

A claim keeps its provenance (the statement: outlet, article, sentence, offsets) so that a divergence
built from it carries evidence a reader can check, and the words that carry its value (`phrase`) so
that the report can mark them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from newsprism.compare.types import Statement

# Qualifiers of a stated figure, and the values each allows around it (as a factor for counts).
AT_LEAST = frozenset({"at least", "more than", "over", "upwards of", "no fewer than"})
# `as many as 20 injured` is an early ceiling: it allows the 14 a later count gives.
AT_MOST = frozenset({"at most", "fewer than", "less than", "up to", "no more than", "under", "as many as"})
ABOUT = frozenset({"about", "around", "approximately", "roughly", "nearly", "almost", "some", "an estimated"})


@dataclass(frozen=True, slots=True)
class Bounds:
    """The values a stated figure allows: `at least 4` is [4, inf], `about 250` is [225, 275]."""

    low: float
    high: float

    def overlaps(self, other: Bounds) -> bool:
        return self.low <= other.high + 1e-9 and other.low <= self.high + 1e-9


def count_bounds(value: float, qualifier: str | None) -> Bounds:
    """The bounds of a count with its qualifier (`at least`, `about`, ...), or the count alone."""
    q = (qualifier or "").lower()
    if q in AT_LEAST:
        return Bounds(value, math.inf)
    if q in AT_MOST:
        return Bounds(0.0, value)
    if q in ABOUT:
        # `about 250` allows 225-275 but `about three` allows three: small counts are not rounded.
        margin = 0.0 if value < 10 else 0.1 * value
        return Bounds(value - margin, value + margin)
    return Bounds(value, value)


@dataclass(frozen=True, slots=True)
class FactClaim:
    """One claim: what it is about (`subject`, e.g. `killed` or a person's name), its stated value and
    the bounds that value allows, where it was read, and whether it is negated. `group` says which
    people a count counts when it counts a kind of them only (`four women`: `woman`); a count of
    everyone (`four people`, `four victims`, `four`) has none."""

    kind: str
    subject: str
    value: str
    bounds: Bounds | None
    statement: Statement
    phrase: str
    negated: bool = False
    group: str | None = None
