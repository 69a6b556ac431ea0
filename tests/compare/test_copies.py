"""Copies and site furniture: a near-identical text of another outlet is a copy and counts once, a
copy link never reaches past the window, and lines a site repeats for months are no story's words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from newsprism.compare.copies import (
    COPY_CONTAINMENT,
    COPY_MIN_WORDS,
    FURNITURE_LINE_CHARS,
    NO_FURNITURE,
    CopyLinker,
    SiteFurniture,
    near_identical,
    shingles,
)
from newsprism.compare.divergences.alignment import independent_articles
from newsprism.compare.events import WINDOW_DAYS, EventGroup, group_articles, link_copies
from newsprism.compare.types import CoverageArticle

DAY = datetime(2024, 5, 4, 9, tzinfo=UTC)

WIRE = (
    "Two men were wounded in a shooting outside a laundromat on Corliss Avenue in Brenton late on "
    "Saturday, police said. Officers found the men, aged 23 and 31, in the parking lot shortly after "
    "11 p.m. and took them to Mercy Harbor Hospital, where both were listed in stable condition. "
    "Witnesses told officers that a dark sedan slowed down in front of the laundromat and someone inside "
    "fired at least six shots before the car sped north toward the river bridge. Detective Owen Farrow "
    "said investigators were reviewing footage from cameras along the avenue and asked anyone who saw "
    "the sedan to call the department's tip line. No arrests had been made by Sunday morning."
)
# The same wire story as a second station runs it: its own dateline, a sentence of its own at the end.
WIRE_AT_STATION = (
    "BRENTON (KVRT) - "
    + WIRE
    + " The laundromat's owner said the business would reopen on Monday after the police finished."
)
OWN_WORDS = (
    "A drive-by shooting on Corliss Avenue left two men hurt on Saturday night. The men, 23 and 31, "
    "were standing by a laundromat when shots came from a passing dark car, according to Brenton "
    "police. Both men are expected to survive. Police have not named a suspect."
)


def _article(
    ident: str, outlet: str, text: str, hours: float = 0, title: str = "Two men wounded on Corliss Avenue"
) -> CoverageArticle:
    return CoverageArticle(
        id=ident,
        outlet=outlet,
        url=f"https://{outlet.lower().replace(' ', '')}.example/{ident}",
        title=title,
        text=text,
        published=DAY + timedelta(hours=hours),
    )


def _span_days(group: EventGroup, by_id: dict[str, CoverageArticle]) -> float:
    moments = [moment for i in group.article_ids if (moment := by_id[i].published) is not None]
    return (max(moments) - min(moments)).total_seconds() / 86_400 if moments else 0.0


def test_a_near_identical_text_of_another_outlet_is_a_copy_and_counts_once() -> None:
    original = _article("wire", "Brenton Wire", WIRE)
    copy = _article("station", "KVRT", WIRE_AT_STATION, hours=2, title="Police: 2 shot at laundromat")
    own = _article("own", "Brenton Ledger", OWN_WORDS, hours=3)
    (event,) = group_articles([original, copy, own])
    assert sorted(event.article_ids) == ["own", "station", "wire"]
    assert event.copies == {"station": "wire"}
    linked = link_copies([original, copy, own])
    assert [a.syndicated_from for a in linked] == [None, "wire", None]
    assert [a.id for a in independent_articles(linked)] == ["wire", "own"]


@pytest.mark.parametrize(
    ("outlet", "hours"),
    [
        pytest.param("Brenton Wire", 2, id="same-outlet-republishing"),
        pytest.param("KVRT", (WINDOW_DAYS + 1) * 24, id="past-the-window"),
    ],
)
def test_no_copy_link_within_one_outlet_or_past_the_window(outlet: str, hours: float) -> None:
    original = _article("wire", "Brenton Wire", WIRE)
    again = _article("again", outlet, WIRE_AT_STATION, hours=hours)
    assert [a.syndicated_from for a in link_copies([original, again])] == [None, None]
    assert all(not group.copies for group in group_articles([original, again]))


def test_a_stored_copy_link_past_the_window_no_longer_holds() -> None:
    original = _article("wire", "Brenton Wire", WIRE)
    late = replace(_article("late", "KVRT", WIRE, hours=30 * 24), syndicated_from="wire")
    assert [a.syndicated_from for a in link_copies([original, late])] == [None, None]
    groups = group_articles([original, late])
    assert len(groups) == 2 and not any(group.copies for group in groups)


def test_a_copy_of_a_copy_names_the_first_original() -> None:
    original = _article("wire", "Brenton Wire", WIRE)
    first = _article("station", "KVRT", WIRE_AT_STATION, hours=2)
    second = replace(_article("paper", "Brenton Ledger", WIRE_AT_STATION, hours=4), syndicated_from="station")
    (event,) = group_articles([original, first, second])
    assert event.copies == {"station": "wire", "paper": "wire"}
    assert [a.syndicated_from for a in link_copies([original, first, second])] == [None, "wire", "wire"]


# The same box on every page of a site, as extraction leaves it above the story.
POP_UP = (
    "Just One More Thing...\n\nWe have sent you a verification email. Please check your email and click "
    "on the link to activate your profile.\n\nIf you do not receive the verification message within a "
    "few minutes of signing up, please check your Spam or Junk folder.\n\nClose"
)
STORIES = [
    "Council approves new budget for harbour repairs",
    "Heat wave closes three schools in Brenton",
    "Ferry service to Gull Island resumes after storm",
    "Brenton library opens its new reading room",
    "Police seek driver after crash on river bridge",
    "Farmers market moves to the old rail yard",
]


def _pop_up(n: int) -> str:
    return POP_UP


def _stamped_story(n: int) -> str:
    # Copies that differ in a line of their own (a time stamp), so that no page repeats another whole.
    return f"Updated {n % 12 + 1}:15 a.m.\n\n{WIRE}"


@pytest.mark.parametrize("stored_links", [True, False], ids=["stored-links", "found-links"])
@pytest.mark.parametrize(
    ("text", "step_days"),
    [
        pytest.param(_pop_up, 20, id="pop-up-every-20-days"),
        pytest.param(_pop_up, 2, id="pop-up-every-2-days"),
        pytest.param(_stamped_story, 2, id="story-every-2-days"),
        pytest.param(_stamped_story, 0.5, id="story-twice-a-day"),
    ],
)
def test_a_chain_of_near_identical_pages_over_months_makes_no_event_longer_than_the_window(
    text: Callable[[int], str], step_days: float, stored_links: bool
) -> None:
    # Pages of other stories under one pop-up, or one story's copies again and again: each page is a
    # copy of the first as storage links them (same text, another outlet), or left to be found.
    titles = STORIES if text is _pop_up else ["Two men wounded on Corliss Avenue"]
    pages = [
        CoverageArticle(
            id=f"p{n}",
            outlet=f"Site {n % 3}",
            url=f"https://site{n % 3}.example/{n}",
            title=titles[n % len(titles)],
            text=text(n),
            published=DAY + timedelta(days=step_days * n),
            syndicated_from="p0" if stored_links and n % 3 else None,
        )
        for n in range(60)
    ]
    by_id = {page.id: page for page in pages}
    groups = group_articles(pages)
    assert max(_span_days(group, by_id) for group in groups) <= WINDOW_DAYS
    links = [(c, o) for group in groups for c, o in group.copies.items()]
    links += [(page.id, page.syndicated_from) for page in link_copies(pages) if page.syndicated_from]
    for copy, original in links:
        gap = by_id[copy].published - by_id[original].published  # type: ignore[operator]
        assert abs(gap) <= timedelta(days=WINDOW_DAYS)


def test_pages_made_of_one_sites_furniture_are_no_ones_copies_and_no_one_event() -> None:
    pages = [
        replace(
            _article(f"p{n}", f"Site {n % 2}", POP_UP, hours=24 * 9 * n, title=title), syndicated_from="p0"
        )
        for n, title in enumerate(STORIES)
    ]
    groups = group_articles(pages)
    assert len(groups) == len(STORIES)
    assert not any(group.copies for group in groups)


def test_furniture_is_what_recurs_past_the_window() -> None:
    later = DAY.timestamp() + 40 * 86_400
    pages = [
        (f"Log in to comment.\nA fire closed the mill.\n{WIRE}", DAY.timestamp()),
        (f"Log in to comment.\nThe mayor resigned.\n{WIRE}", DAY.timestamp() + 86_400),
        ("Log in to comment.\nThe ferry sank.", later),
    ]
    furniture = SiteFurniture.learn(pages, WINDOW_DAYS)
    # The box recurs over 40 days: furniture. The story shared by two pages of one day is a copy's text.
    assert furniture.story_text(pages[2][0]) == "The ferry sank."
    assert furniture.story_text(pages[0][0]) == f"A fire closed the mill.\n{WIRE}"
    assert SiteFurniture.learn([(text, None) for text, _ in pages], WINDOW_DAYS).keys == frozenset()


def test_known_kinds_of_furniture_are_dropped_from_short_lines_only() -> None:
    short = "Sign up for our newsletter"
    long = "Residents said " + "the council's weekly newsletter had warned of the flooding " * 5
    assert len(long) > FURNITURE_LINE_CHARS >= len(short)
    assert NO_FURNITURE.story_text(f"{short}\n{long}") == long.strip()


@pytest.mark.parametrize(
    "chars",
    [0, 1, 22, 23, 24, 40, 200, 10_000],
    ids=["none", "one", "before-newline", "at-newline", "after-newline", "second-line", "long", "all"],
)
def test_story_text_up_to_a_length_is_the_start_of_the_story_text(chars: int) -> None:
    # Grouping reads the first few thousand characters of a story: the lines after them are not
    # looked at, and what comes back is the start of the whole story text, furniture left out as there.
    later = DAY.timestamp() + 40 * 86_400
    page = f"A fire closed the mill.\nLog in to comment.\nSign up for our newsletter\n{WIRE}\nThe ferry sank."
    furniture = SiteFurniture.learn([(page, DAY.timestamp()), ("Log in to comment.", later)], WINDOW_DAYS)
    whole = furniture.story_text(page)
    assert whole == f"A fire closed the mill.\n{WIRE}\nThe ferry sank."
    assert furniture.story_text(page, chars) == whole[:chars]


def test_copy_constants_hold_their_meaning() -> None:
    # A changed byline and an added sentence keep a copy; a report in other words is no copy.
    assert near_identical(shingles(WIRE), shingles(WIRE_AT_STATION))
    assert not near_identical(shingles(WIRE), shingles(OWN_WORDS))
    # Short texts alike prove little: a caption repeated is no copy.
    caption = " ".join("w" + "".join(chr(97 + int(d)) for d in str(n)) for n in range(COPY_MIN_WORDS + 3))
    assert len(shingles(caption)) == COPY_MIN_WORDS - 1
    assert not near_identical(shingles(caption), shingles(caption))
    # The share of the shorter text the longer must hold.
    half = WIRE.split(". ")
    kept = ". ".join(half[: round(len(half) * COPY_CONTAINMENT) - 2])
    assert not near_identical(shingles(kept + " " + OWN_WORDS), shingles(WIRE))
    assert COPY_CONTAINMENT == 0.8 and COPY_MIN_WORDS == 40


def test_the_linker_judges_stored_links_by_time_and_by_story() -> None:
    linker = CopyLinker(SiteFurniture(frozenset()), WINDOW_DAYS)
    original = _article("wire", "Brenton Wire", WIRE)
    assert linker.stands(_article("copy", "KVRT", WIRE, hours=24), original)
    assert not linker.stands(_article("copy", "KVRT", WIRE, hours=24 * (WINDOW_DAYS + 1)), original)
    assert not linker.stands(_article("copy", "KVRT", "", hours=1), _article("empty", "Brenton Wire", ""))
