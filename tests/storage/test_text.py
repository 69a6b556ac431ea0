"""The one spacing of stored article text (`newsprism.storage.text.plain_text`)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from newsprism.storage.text import plain_text

_SPACES = st.sampled_from(
    [" ", "  ", "\t", "\u00a0", " \u2009", "\n", "\r\n", "\n\n", "\r\n\r\n\r\n", " \n  \n"]
)
_WORDS = st.sampled_from(
    ["Police", "said", "three", "people", "died.", "the", "Port", "Arden", "at", "9:30", "“We"]
)


@given(st.lists(st.tuples(_WORDS, _SPACES), min_size=1, max_size=40))
def test_plain_text_keeps_the_words_and_is_its_own_plain_form(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + space for word, space in parts)
    plain = plain_text(text)
    assert plain_text(plain) == plain
    assert plain.split() == text.split()
    assert not re.search(r"[^\S\n]{2}|\r|\u00a0|\n{3}| \n|\n ", plain)


def test_paragraphs_are_one_blank_line_apart_however_they_were_written() -> None:
    for written in ("Two dead\nPolice said", "Two dead\n\n\n\nPolice said", "Two dead \r\n Police said"):
        assert plain_text(written) == "Two dead\n\nPolice said"


def test_a_line_wrapped_inside_a_sentence_is_joined() -> None:
    assert plain_text("four people were\ninjured at the\nPort Arden terminal,\nwitnesses said") == (
        "four people were injured at the Port Arden terminal, witnesses said"
    )


def test_a_headline_stays_apart_from_the_first_sentence() -> None:
    assert plain_text("Dam breaks in Veltria\nA dam on the river broke.") == (
        "Dam breaks in Veltria\n\nA dam on the river broke."
    )


def test_only_a_whole_function_word_holds_a_line_to_the_next() -> None:
    # "the" ends "bathe" and "an" ends "Sudan": neither is the word, so each line stays a paragraph.
    assert plain_text("Crowds bathe\nMarch heat\nRefugees from Sudan\nCamps fill") == (
        "Crowds bathe\n\nMarch heat\n\nRefugees from Sudan\n\nCamps fill"
    )
    assert (
        plain_text("Talks with an\nEnvoy of their\nNeighbours") == "Talks with an Envoy of their Neighbours"
    )
