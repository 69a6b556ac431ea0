"""Article text as newsprism keeps it: one spacing for every page, so that spacing never counts.

A page's text comes from many hands (trafilatura, a JSON Lines import, a feed's summary) with tabs,
no-break spaces, Windows line ends, trailing blanks, lines wrapped in the middle of a sentence and
one, two or five line breaks between paragraphs. None of it carries meaning, yet the comparison's
readers match words separated by a space and split sentences at paragraph ends: left raw, two copies
of one article spaced differently gave different reports. Text is made plain once, where it enters
(extraction and import), so that what is analyzed, stored and shown is the same string.

The plain form: paragraphs separated by one blank line, words by one space, no blanks at line ends;
a line broken in the middle of a sentence (it ends in a lower-case word or a comma and the next line
goes on in lower case) is joined back.
"""

from __future__ import annotations

import re

# Horizontal white space of every kind, the no-break and thin spaces of HTML included.
_SPACING = re.compile(r"[^\S\n]+")
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# A line wrapped inside a sentence: one line break after a comma or a lower-case word when the next
# line goes on in lower case, or after a word no sentence or headline ends on (an article, a
# preposition, a conjunction) whatever follows: `at the\nPort Arden terminal`.
_FUNCTION_WORDS = "|".join(
    "the a an of at in on to for from by with and or but as into near than that his her their its".split()
)
# Each pattern opens with the line break, so that re looks for line breaks alone (a fast search of one
# character) and looks behind only at them: opening with the look behind, it tried every position
# of the text (half of `plain_text`'s time).
_WRAPPED_LOWER = re.compile(r"\n(?<=[a-z,;]\n)(?=[a-z])")
_WRAPPED_AFTER_FUNCTION_WORD = re.compile(
    "\n(?:" + "|".join(rf"(?<=\b{word}\n)" for word in _FUNCTION_WORDS.split("|")) + ")(?=\\S)"
)
_PARAGRAPH_BREAK = re.compile(r"\n+")


def plain_text(text: str) -> str:
    """`text` with newsprism's one spacing; applying it twice changes nothing.

    >>> plain_text("Three  people\\u00a0died.  \\r\\n\\n\\nThe mayor\\tspoke.\\nSchools close")
    'Three people died.\\n\\nThe mayor spoke.\\n\\nSchools close'
    >>> plain_text("five people were\\nkilled at the\\nPort Arden terminal")
    'five people were killed at the Port Arden terminal'
    """
    text = _LINE_ENDS.sub("\n", text)
    # One substitution over the whole text: no run of horizontal spacing crosses a line break.
    text = "\n".join(line.strip() for line in _SPACING.sub(" ", text).split("\n")).strip()
    text = _WRAPPED_LOWER.sub(" ", text)
    text = _WRAPPED_AFTER_FUNCTION_WORD.sub(" ", text)
    # Any other line break ends a paragraph, however many there were: a line with no sentence end
    # is a heading or a list item, and must not run into the sentence after it.
    return _PARAGRAPH_BREAK.sub("\n\n", text)
