"""Page furniture is left out of comparison; the story's sentences, even glued to a label, stay."""

from __future__ import annotations

import pytest

from newsprism.compare.article.furniture import FURNITURE, MARKS, furniture_kind, story_start
from newsprism.compare.divergences.alignment import statements_of
from newsprism.compare.types import CoverageArticle


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Please enable Javascript to watch this video", "video"),
        ("RELATED: Neighbours demand a traffic light after the crash", "related link"),
        ("[Text ALERTS to 55512 to get news alerts on your phone]", "sign-up"),
        ("Get email notifications on Jane Roe daily!", "sign-up"),
        ("Whenever Jane Roe posts, you'll get an email delivered to your inbox with a link.", "sign-up"),
        ("Follow RIVERTON.COM: Facebook | Twitter", "share line"),
        ("Copyright 2016 Riverton Herald. All rights reserved.", "credit"),
        ("PREVIOUS STORY: A man was found dead on Elm Street.", "story block"),
        ("Video taken outside the venue shows one shot being fired.", None),
        ("Police said the photo was taken on Monday.", None),
        ("Related questions went unanswered, the mayor said.", None),
        ("The school sent parents an email about the lockdown.", None),
    ],
    ids=[
        "embed",
        "related",
        "text-alerts",
        "byline-notifications",
        "byline-inbox",
        "follow",
        "copyright",
        "previous-story",
        "video-as-subject",
        "photo-in-story",
        "related-in-story",
        "email-in-story",
    ],
)
def test_furniture_is_told_from_story_sentences(sentence: str, kind: str | None) -> None:
    assert furniture_kind(sentence) == kind


def test_a_glued_embed_label_is_cut_off_and_the_sentence_kept() -> None:
    sentence = "EMBED >More News Videos Witnesses said two men ran from the store."
    assert sentence[story_start(sentence) or 0 :] == "Witnesses said two men ran from the store."


def test_statements_skip_furniture_and_keep_offsets_into_the_stored_text() -> None:
    text = (
        "Please enable Javascript to watch this video\n\n"
        "EMBED >More News Videos Two men were shot on Elm Street.\n\n"
        "RELATED: Elm Street residents ask for lights"
    )
    article = CoverageArticle("a", "Riverton Herald", "https://a.example/1", "t", text)
    (statement,) = statements_of(article)
    assert statement.text == "Two men were shot on Elm Street."
    assert text[statement.start : statement.end] == statement.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Watch video: the scene on Elm Street",
        "Log in to comment",
        "Photo: Riverton Herald",
        "(AP Photo/Jane Roe)",
        "© 2016 Riverton Herald",
        "#shooting #riverton #police",
        "Caption Police at the scene",
        "Police said the shooting followed an argument.",
    ],
)
def test_the_marks_looked_for_first_never_hide_a_kind(sentence: str) -> None:
    # `MARKS` only spares the patterns' search: the kind found is the one the patterns alone give.
    by_patterns = next((kind for kind, pattern in FURNITURE.items() if pattern.search(sentence)), None)
    assert furniture_kind(sentence) == by_patterns
    assert by_patterns is None or by_patterns in MARKS or by_patterns in {"related link", "story block"}
