"""Page furniture is left out of comparison; the story's sentences, even glued to a label, stay."""

from __future__ import annotations

import pytest

from newsprism.compare.article.furniture import FURNITURE, furniture_kind, story_start
from newsprism.compare.divergences.alignment import statements_of
from newsprism.compare.types import CoverageArticle


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Please enable Javascript to watch this video", "video"),
        ("1:55 Riverton man walks free after 22 years in prison Pause", "video"),
        ("0:44 Three easy tips for holiday decorating", "video"),
        ("10:03 PM - the first two officers arrived at the house", None),
        ("3:30 p.m. March 15 UPDATE:", None),
        ("9:40 Officers arrived and found the two men on the porch.", None),
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
        "playlist-item",
        "playlist-item-no-pause",
        "clock-time-timeline",
        "clock-time-update",
        "timeline-sentence",
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


def _searched_with_every_pattern(sentence: str) -> str | None:
    # What furniture_kind answered before it looked for its kinds' marks first.
    return next((kind for kind, pattern in FURNITURE.items() if pattern.search(sentence)), None)


# One sentence for each alternative of each kind's pattern, in the case and spelling that alternative
# takes (the patterns that ignore case get a second casing), and sentences of the story that hold a
# kind's mark without being furniture.
EACH_ALTERNATIVE = [
    "EMBED >More News Videos",
    "embed code below",
    "MORE NEWS VIDEOS",
    "Please ENABLE JAVASCRIPT TO WATCH this video",
    "Watch the video: crews at the scene",
    "watch video",
    "This video will AUTOPLAY",
    "VIDEO: The fire at dawn",
    "MORE VIDEO",
    "2:13 Riverton mayor on the budget Pause",
    "Related: the earlier crash",
    "RELATED COVERAGE: the trial",
    "Read more: the mayor's reply",
    "READ MORE STORIES:",
    "Also read: the verdict",
    "ALSO READ:",
    "See also: the map",
    "SEE ALSO COVERAGE:",
    "MORE:",
    "Sign up for our daily briefing",
    "SUBSCRIBE TO OUR channel",
    "Log in to comment",
    "Login to comment",
    "Download our free news app",
    "DOWNLOAD THE RIVERTON NEWS APP",
    "Text NEWS to 55512",
    "Get the newsletter",
    "Like us on Facebook",
    "FOLLOW US ON Twitter",
    "Get email notifications on Ann Lee",
    "Delivered to your INBOX every morning",
    "Facebook | Twitter | Email",
    "pic.twitter.com/abc123",
    "Follow @riverton:",
    "#fire #riverton #news",
    "Photo: Ann Lee",
    "IMAGE BY: Ann Lee",
    "Video credit: Ann Lee",
    "Credit: Ann Lee",
    "Caption: the mill at dawn",
    "Caption The mill at dawn",
    "The mill at dawn (AP Photo/Ann Lee)",
    "The mill (photo by Ann Lee)",
    "Ann Lee / Getty Images",
    "COPYRIGHT 2016 Riverton Herald",
    "\u00a9 2016 Riverton Herald",
    "All rights reserved.",
    "Courtesy of the family",
    "Previous story: the fire",
    "NEXT ARTICLE",
    "next post",
    "ORIGINAL STORY: the first report",
    # Marks in the story's sentences: searched, and not furniture.
    "The next day, police released a photo of the suspect.",
    "He said: 'We watched the video at home.'",
    "Text messages show the two argued before the shooting.",
    "Crews logged 14 calls, the image of a busy night.",
    "The shooting happened at 10:30 p.m.",
    "Witnesses said two men ran from the store.",
]
# Letters IGNORECASE takes for ASCII ones that str.lower() does not make ASCII: the long s for s, the
# dotless i and the dotted capital I for i, the Kelvin sign for k.
FOLDED = [
    "\u017fign up for our daily briefing",
    "Subscr\u0131be to our channel",
    "L\u0130KE US ON FACEBOOK",
    "Li\u212ae us on Facebook",
    "Download our free news app \u0131n the store",
]


@pytest.mark.parametrize("sentence", EACH_ALTERNATIVE + FOLDED)
def test_a_kind_is_found_as_its_pattern_alone_finds_it(sentence: str) -> None:
    assert furniture_kind(sentence) == _searched_with_every_pattern(sentence)


def test_every_alternative_above_is_furniture_and_each_kind_is_met() -> None:
    # The table above is worth its name only if each of its furniture lines is furniture.
    furniture = [s for s in EACH_ALTERNATIVE if _searched_with_every_pattern(s) is not None]
    assert len(furniture) == 52
    assert {_searched_with_every_pattern(s) for s in furniture} == set(FURNITURE)
    assert all(_searched_with_every_pattern(s) is not None for s in FOLDED)
