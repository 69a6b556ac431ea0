"""Page furniture: the sentences of a page that are the site talking, not the story.

Crawled and imported texts carry what extraction left of a page: video embeds (`EMBED >More News
Videos`), `Related:` links, sign-up and app prompts, share and follow lines, photo credits and
copyright lines, previous-story blocks. Read as the article's sentences they become speakers (`EMBED
>More News Videos Witnesses`), unique claims (`[Text BREAKING to 23765 ...]`) and clock times (a
byline's `10:26 PM`). Comparison skips them; the stored text keeps them, and offsets stay those of
the stored text. `docs/comparison.md` gives how many sentences of the real gva-dev pages each kind
removes.
"""

from __future__ import annotations

import re

# Each kind of furniture, by the words that mark it at the start of a sentence or anywhere in it.
FURNITURE = {
    "video": re.compile(
        r"(?i:\bEMBED\b|More News Videos|enable Javascript to watch|^\W*Watch(?: the)? video\b|autoplay)"
        r"|^\W*(?:MORE\s+)?VIDEO\b"
        # A video playlist's item: its running time, then a title with no full stop (`1:55 Bryan
        # Sheppard walks free after 22 years in prison Pause`); a clock time (`10:03 PM - officers
        # arrived`, `3:30 p.m. UPDATE:`) is no running time.
        r"|^\d{1,2}:\d{2} (?![AaPp]\.?[Mm]\b)[A-Z0-9\"'\u2018\u201c][^.!?]*(?<![.!?])$"
    ),
    "related link": re.compile(
        r"^\W*(?:RELATED|Related|READ MORE|Read more|ALSO READ|Also read|SEE ALSO|See also|MORE)\s*"
        r"(?:STORIES|stories|COVERAGE|coverage)?\s*:",
    ),
    "sign-up": re.compile(
        r"\b(?:sign up for|subscribe to our|log ?in to|download (?:our|the) .{0,20}app|text \w+ to \d{4,}|"
        r"newsletter|like us on facebook|follow us on|email notifications?|delivered to your inbox)\b",
        re.IGNORECASE,
    ),
    "share line": re.compile(
        r"(?:\|[^|]*){2,}|pic\.twitter\.com|^\W*Follow\s+\S+\s*:|(?:#\w+\s*){3,}", re.IGNORECASE
    ),
    "credit": re.compile(
        r"^\W*(?:Photo|Image|Video|Credit|Caption)\s*(?:by|credit)?\s*:|^\W*(?-i:Caption)\s+(?-i:[A-Z])|"
        r"\((?:AP )?Photo\b|\bGetty Images\b|"
        r"\bCopyright\b|©|\bAll rights reserved\b|^\W*Courtesy\b",
        re.IGNORECASE,
    ),
    "story block": re.compile(
        r"^\W*(?:Previous|Next)\s+(?:story|article|post)\b|^\W*ORIGINAL STORY\b", re.IGNORECASE
    ),
}


# A video embed's label glued before the story's sentence (`EMBED >More News Videos Deputies said ...`):
# the label goes, the sentence stays.
LEADING_LABEL = re.compile(r"\W*EMBED\s*>?\s*(?:More News Videos)?\s*")


# What every sentence a kind's pattern finds holds, lower-cased: one of these words or signs. A
# sentence holding none of a kind's is not searched with its pattern. Most sentences are the story's
# and hold none of any kind's: six patterns searched each of them, a third of a crawl's regrouping
# (grouping looks for furniture in every line of its articles' starts); 29 in 30 of those searches
# (over the fundus lines) are now skipped. A pattern given a new alternative needs its word here
# too (tests/compare/article/test_furniture.py tries each alternative).
MARKS = {
    "video": ("embed", "watch", "autoplay", "video", ":"),
    "related link": (":",),
    "sign-up": (
        "sign up for",
        "subscribe to our",
        "log",
        "download",
        "text",
        "newsletter",
        "like us",
        "follow us",
        "notification",
        "inbox",
    ),
    "share line": ("|", "pic.twitter.com", "follow", "#"),
    "credit": (
        "photo",
        "image",
        "video",
        "credit",
        "caption",
        "getty images",
        "copyright",
        "\u00a9",
        "all rights reserved",
        "courtesy",
    ),
    "story block": ("previous", "next", "original story"),
}
_MARKED_PATTERNS = [(kind, pattern, MARKS[kind]) for kind, pattern in FURNITURE.items()]
# The letters the patterns' IGNORECASE takes for an ASCII letter though `str.lower` does not make them
# one (the dotted capital I, the dotless i, the long s, the Kelvin sign): a sentence with one is searched
# with every pattern.
_FOLDED_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def furniture_kind(sentence: str) -> str | None:
    """The kind of page furniture a sentence is, or None for a sentence of the story."""
    if _FOLDED_TO_ASCII.search(sentence):
        return next((kind for kind, pattern in FURNITURE.items() if pattern.search(sentence)), None)
    lowered = sentence.lower()
    return next(
        (
            kind
            for kind, pattern, marks in _MARKED_PATTERNS
            if any(mark in lowered for mark in marks) and pattern.search(sentence)
        ),
        None,
    )


def story_start(sentence: str) -> int | None:
    """Where the story's words start in a sentence (after a glued embed label), or None when the
    sentence is page furniture through and through."""
    label = LEADING_LABEL.match(sentence)
    start = label.end() if label else 0
    rest = sentence[start:]
    if not rest.strip() or furniture_kind(rest) is not None:
        return None
    return start
