"""The typed findings that analysis of one article produces.

These dataclasses are the one definition of the findings: `compare` analysis makes them, the divergence
reports compare them across outlets, and the other shapes follow from their fields: the storage rows
(`newsprism.storage.findings`), the `analyze` JSON (`to_json`) and the HTTP API's models
(`newsprism.web.api`). Offsets are Python `str` indices into the analyzed text, end exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any, Literal, get_args, get_type_hints

AttributionKind = Literal["direct", "indirect", "according_to", "mixed"]
SourceType = Literal[
    "person",
    "agency",
    "state_media",
    "media",
    "official",
    "organization",
    "document",
    "anonymous",
    "unknown",
]
EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "OTHER"]
QuantityChange = Literal["=", "up", "down", "approx"]
# What kind of act an attribution reports, from the structure of its cue
# (`newsprism.compare.article.cues.cue_class`).
CueClass = Literal["speech", "belief", "intention", "perception", "document"]
# The classes a comparison of who said what counts as statements; beliefs and intentions stay apart.
STATEMENT_CUE_CLASSES: frozenset[CueClass] = frozenset({"speech", "document"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said what: a quote, reported speech or an `according to` source cue."""

    kind: AttributionKind
    content: str
    start: int
    end: int
    cue: str | None
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_resolved: str | None
    source_type: SourceType
    # Where the cue word(s) sit, for highlighting and span scoring; None when there is no cue
    # (a quoted paragraph continuing the previous speaker).
    cue_start: int | None = None
    cue_end: int | None = None
    # Speech, belief, intention, perception or a document's statement (issue 16); a cue-less
    # quotation continues its speaker's speech.
    cue_class: CueClass = "speech"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def whole_number(value: float) -> float | int:
    """A count as JSON writes it: `5`, not `5.0`; fractions stay as they are.

    >>> whole_number(5.0), whole_number(2.5)
    (5, 2.5)
    """
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in the text with what it counts (`five kamikaze drones` -> 5, drone)."""

    text: str
    start: int
    end: int
    value: float
    unit: str | None
    concept: str | None
    change: QuantityChange = "="
    # Upper bound of a range (`5 to 6 drones`); None for a single value.
    value_high: float | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["value"] = whole_number(self.value)
        if self.value_high is None:
            del data["value_high"]
        return data


@dataclass(frozen=True, slots=True)
class Entity:
    """A named person, organisation, place or group; `canonical` merges aliases in one article."""

    text: str
    label: EntityLabel
    start: int
    end: int
    canonical: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date named in the text (`on Sunday`, `in July`), resolved against the publication date."""

    text: str
    start: int
    end: int
    resolved: date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "resolved": self.resolved.isoformat() if self.resolved else None,
        }


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything analysis found in one article text."""

    attributions: list[Attribution] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `newsprism analyze` JSON object (INTERFACE.md), plus `dates`."""
        return {
            "attributions": [a.to_json() for a in self.attributions],
            "quantities": [q.to_json() for q in self.quantities],
            "entities": [e.to_json() for e in self.entities],
            "dates": [d.to_json() for d in self.dates],
        }


Finding = Attribution | Quantity | Entity | DateMention
# Each kind of finding by the name of its list in ArticleAnalysis: `{"attributions": Attribution, ...}`.
FINDING_TYPES: dict[str, type[Finding]] = {
    kind.name: get_args(get_type_hints(ArticleAnalysis)[kind.name])[0] for kind in fields(ArticleAnalysis)
}
