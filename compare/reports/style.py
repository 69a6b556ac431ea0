"""The colours and names the report pages give each divergence type and each kind of source.

One palette for the web event page, the static report and their legends. Every colour carries white
text (a badge) or sits on white (a bar), so each is dark enough for WCAG AA (contrast 4.5:1 with
white, `contrast_ratio`); and no colour is ever shown without its name beside it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TypeStyle:
    """How one divergence type is shown: its key, a reader's label, a colour, what it means."""

    key: str
    label: str
    colour: str
    meaning: str


# In the order a fact-checker reads them: disagreements on facts first, then gaps in coverage.
TYPE_STYLES: dict[str, TypeStyle] = {
    style.key: style
    for style in (
        TypeStyle("numeric_conflict", "numbers differ", "#b3261e", "the outlets give different figures"),
        TypeStyle(
            "counting_convention", "counted differently", "#8a5a00", "tolls that differ by whom they count"
        ),
        TypeStyle("wound_conflict", "injuries differ", "#7c3a10", "a victim hit in different places"),
        TypeStyle("custody_conflict", "custody differs", "#2d5f2e", "an arrest or charge told by some only"),
        TypeStyle("identity_conflict", "named or not", "#3b5b7a", "a victim named by some, not by others"),
        TypeStyle("name_conflict", "names differ", "#0b5772", "a person's name is spelled differently"),
        TypeStyle("relation_conflict", "relation differs", "#6b4a2b", "a partner or kin named differently"),
        TypeStyle("survival_conflict", "survival differs", "#7a2e2e", "the victim dies in one account only"),
        TypeStyle(
            "condition_conflict", "condition differs", "#9a3412", "the wounded critical in one account only"
        ),
        TypeStyle(
            "place_conflict", "place differs", "#4d5d1f", "the event put on different blocks of a street"
        ),
        TypeStyle(
            "manner_conflict", "accident or not", "#7b3f61", "an accident in one account, not in another"
        ),
        TypeStyle(
            "polarity_conflict", "will or won't", "#8c1d40", "an act one outlet expects and another doubts"
        ),
        TypeStyle("date_conflict", "dates differ", "#9c2a6b", "the same happening is dated differently"),
        TypeStyle("time_conflict", "times differ", "#5c3d7a", "the same happening is timed differently"),
        TypeStyle("speaker_conflict", "speaker differs", "#6a3d9a", "the same words given to other people"),
        TypeStyle("quote_wording", "quote reworded", "#8a4500", "one person's words quoted differently"),
        TypeStyle("source_reliance", "sources differ", "#00695c", "the outlets rest on different sources"),
        TypeStyle("omission", "left out", "#1f5fa8", "some outlets leave out what others report"),
        TypeStyle("unique_claim", "one outlet only", "#4a5661", "only one outlet reports this"),
    )
}

_UNKNOWN_TYPE_COLOUR = "#3d4650"

SOURCE_TYPE_STYLES: dict[str, str] = {
    "state_media": "#b3261e",
    "agency": "#1f5fa8",
    "media": "#00695c",
    "official": "#6a3d9a",
    "organization": "#8a4500",
    "person": "#9c2a6b",
    "document": "#3d4650",
    "anonymous": "#1d232a",
    "unknown": "#6b7680",
}

# The kinds of outlet a configuration names (INTERFACE.md), as a reader calls them.
OUTLET_KINDS: dict[str, str] = {
    "agency": "news agency",
    "state_media": "state media",
    "newspaper": "newspaper",
    "broadcaster": "broadcaster",
    "online": "online",
    "other": "other",
}


def type_style(kind: str) -> TypeStyle:
    """The style of a divergence type; a type added to the comparison later still gets a readable one."""
    return TYPE_STYLES.get(kind) or TypeStyle(kind, kind.replace("_", " "), _UNKNOWN_TYPE_COLOUR, "")


def source_type_style(kind: str) -> str:
    """The colour of a source type's stretch of a bar."""
    return SOURCE_TYPE_STYLES.get(kind, SOURCE_TYPE_STYLES["unknown"])


def outlet_kind_label(kind: str | None) -> str:
    """What a reader calls an outlet's kind (`state_media` is `state media`)."""
    return OUTLET_KINDS.get(kind or "other", (kind or "other").replace("_", " "))


def contrast_ratio(foreground: str, background: str = "#ffffff") -> float:
    """The WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21; AA asks 4.5 for text).

    >>> round(contrast_ratio("#000000"), 1)
    21.0
    """
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
