"""Event grouping: same story together, different stories apart, deterministic keys, wire copies once."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from newsprism.compare import events, textsim
from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.events import (
    CONFIDENT,
    FOLLOW_UP_DAYS,
    FOLLOW_UP_MANY_NAMES_SIMILARITY,
    FOLLOW_UP_NAME_DOCS,
    FOLLOW_UP_ONE_NAME_SIMILARITY,
    FOLLOW_UP_SIMILARITY,
    GROUPING_FINDINGS,
    JOIN_THRESHOLD,
    WINDOW_ONE_NAME_SIMILARITY,
    EventGrouper,
    TermStats,
    event_key,
    full_names,
    group_articles,
    person_key,
    publication_order,
    raw_terms,
    representative_title,
    street_addresses,
    time_factor,
)
from newsprism.compare.textsim import term_counts
from newsprism.compare.types import CoverageArticle

DAY = datetime(2023, 9, 17, 8, tzinfo=UTC)

STORIES = {
    "kim": [
        (
            "Kim Jong Un leaves Russia with drones",
            "North Korean leader Kim Jong Un left Russia on Sunday with kamikaze drones given by the "
            "governor "
            "of Primorye, Oleg Kozhemyako, after a six-day trip to Vladivostok and Komsomolsk-on-Amur.",
        ),
        (
            "Kim heads home from Russia by armoured train",
            "Kim Jong Un set off by train from Artyom near Vladivostok on Sunday. Governor Oleg Kozhemyako "
            "handed Kim five kamikaze drones; Sergei Shoigu showed him bombers.",
        ),
        (
            "Kim's Russian tour ends with gifts",
            "Kim Jong Un was on his way back to Pyongyang after a visit to Russia. Oleg Kozhemyako gave Kim "
            "drones and a bulletproof vest in Primorye, near Vladivostok.",
        ),
    ],
    "typhoon": [
        (
            "Typhoon Ondine batters Port Velasco",
            "Typhoon Ondine tore through Port Velasco in the Estrela Islands, killing three people and "
            "shutting the container terminal. Mayor Marta Quiroga said streets became rivers.",
        ),
        (
            "Typhoon Ondine death toll rises to four",
            "At least four people died after Typhoon Ondine slammed into Port Velasco in the "
            "Estrela Islands. "
            "Mayor Marta Quiroga said whole streets had become rivers.",
        ),
    ],
    "budget": [
        (
            "Parliament passes the Kelmar budget after night session",
            "Lawmakers in Kelmar approved the budget for next year after a twelve-hour session. Finance "
            "minister Ilse Borrow said pensions would rise while defence spending stays flat.",
        ),
    ],
}


def _articles(stories: dict[str, list[tuple[str, str]]] = STORIES) -> list[CoverageArticle]:
    articles = []
    for s, (story, items) in enumerate(stories.items()):
        for n, (title, text) in enumerate(items):
            articles.append(
                CoverageArticle(
                    id=f"{story}-{n}",
                    outlet=f"Outlet {n}",
                    url=f"https://o{n}.example/{story}",
                    title=title,
                    text=text,
                    published=DAY + timedelta(hours=3 * n + s),
                )
            )
    return articles


def _partition(groups: list) -> set[frozenset[str]]:  # type: ignore[type-arg]
    return {frozenset(g.article_ids) for g in groups}


def test_same_story_groups_together_and_stories_stay_apart() -> None:
    groups = group_articles(_articles())
    assert _partition(groups) == {
        frozenset({"kim-0", "kim-1", "kim-2"}),
        frozenset({"typhoon-0", "typhoon-1"}),
        frozenset({"budget-0"}),
    }


def test_regrouping_in_any_input_order_gives_the_same_keys() -> None:
    articles = _articles()
    first = {g.key: sorted(g.article_ids) for g in group_articles(articles)}
    again = {g.key: sorted(g.article_ids) for g in group_articles(list(reversed(articles)))}
    assert first == again


def test_event_key_comes_from_the_founding_article() -> None:
    articles = _articles()
    by_id = {a.id: a for a in articles}
    for group in group_articles(articles):
        founder = min((by_id[i] for i in group.article_ids), key=publication_order)
        assert group.key == group_articles([founder])[0].key
        assert len(group.key) == 16


def test_wire_copy_joins_its_original_and_counts_once() -> None:
    articles = _articles()
    original = articles[3]
    copy = CoverageArticle(
        id="copy",
        outlet="Reprinter",
        url="https://reprint.example/1",
        title="Totally different words",
        text="Nothing in common at all with anything.",
        published=original.published,
        syndicated_from=original.id,
    )
    groups = group_articles([*articles, copy])
    holding = next(g for g in groups if "copy" in g.article_ids)
    assert original.id in holding.article_ids
    assert holding.similarities["copy"] == 1.0


def test_articles_without_dates_are_grouped_too() -> None:
    undated = [
        CoverageArticle(id=a.id, outlet=a.outlet, url=a.url, title=a.title, text=a.text) for a in _articles()
    ]
    assert _partition(group_articles(undated)) == _partition(group_articles(_articles()))


def test_far_apart_dates_do_not_join() -> None:
    first, second = _articles()[3:5]
    assert first.published is not None
    later = CoverageArticle(
        id=second.id,
        outlet=second.outlet,
        url=second.url,
        title=second.title,
        text=second.text,
        published=first.published + timedelta(days=60),
    )
    assert len(group_articles([first, later])) == 2


@pytest.mark.parametrize(
    ("days", "factor"),
    [
        pytest.param(0, 1.0, id="same-day"),
        pytest.param(3, 1.0, id="window-edge"),
        # Beyond the window the factor falls in a straight line to 0 at 10 days (docs/comparison.md).
        pytest.param(6.5, 0.5, id="halfway"),
        pytest.param(9.3, 0.1, id="nearly-gone"),
        pytest.param(10, 0.0, id="ten-days"),
        pytest.param(30, 0.0, id="month"),
    ],
)
def test_time_factor(days: float, factor: float) -> None:
    base = DAY.timestamp()
    assert time_factor(base, base + days * 86_400) == pytest.approx(factor)
    assert time_factor(base + days * 86_400, base) == pytest.approx(factor)
    assert time_factor(None, base) == 1.0


def test_a_later_article_needs_more_similarity_the_later_it_comes() -> None:
    # The grouper scales what an article shares with a candidate by the time factor: the same pair of
    # typhoon reports is as similar three days apart as on one day, half as similar at six and a half
    # days, and no longer one event at ten.
    first, second = [a for a in _articles() if a.id.startswith("typhoon")]
    published = first.published
    assert published is not None

    def added(days: float) -> tuple[str, float]:
        grouper = EventGrouper()
        grouper.add(first)
        later = replace(second, published=published + timedelta(days=days))
        assignment = grouper.add(later)
        return assignment.key, assignment.similarity

    (event, same_day), (_, window_edge), (key, halfway) = added(0), added(3), added(6.5)
    assert same_day > 0.3 and window_edge == same_day
    assert key == event and halfway == pytest.approx(same_day / 2, abs=2e-4)
    assert added(10)[0] != event


def test_incremental_grouper_reports_key_and_similarity() -> None:
    grouper = EventGrouper()
    articles = _articles()
    first = grouper.add(articles[0])
    second = grouper.add(articles[1])
    assert first.similarity == 1.0
    assert second.key == first.key
    assert 0 < second.similarity <= 1


def test_representative_title_prefers_the_title_sharing_most_words() -> None:
    articles = _articles()[:3]
    assert representative_title(articles) in {a.title for a in articles}
    assert "Kim" in representative_title(articles)


def test_empty_input_gives_no_events() -> None:
    assert group_articles([]) == []


def test_a_grouper_with_batch_statistics_weighs_terms_it_meets_later() -> None:
    # The idf of each term is computed once for batch statistics; an article whose words the batch never
    # had must still be weighed (and grouped), not fall off the end of that table.
    kim, typhoon = _articles()[0], _articles()[3]
    stats = TermStats()
    stats.count(stats.encode(raw_terms(kim))[0])
    grouper = EventGrouper(stats)
    first, second = grouper.add(kim), grouper.add(typhoon)
    assert first.key != second.key
    assert [g.article_ids for g in grouper.groups()] == [[kim.id], [typhoon.id]]


def test_term_counts_are_the_same_when_the_word_map_fills_up(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Drones, drones and the cities' drones: 5,000 drones over the city"
    expected = term_counts(text)
    assert list(expected.items()) == [("drone", 4), ("city", 2), ("5000", 1)]
    monkeypatch.setattr(textsim, "_TERM_MAP_LIMIT", 2)  # the map empties itself several times here
    textsim._TERMS.clear()
    assert list(term_counts(text).items()) == list(expected.items())
    assert len(textsim._TERMS) <= 2


def test_grouping_reads_no_findings_beyond_those_it_names() -> None:
    # The shell loads only GROUPING_FINDINGS for regrouping; the events must be those of whole analyses.
    quotes = (
        ' "Harbour cranes, container berths, customs sheds and fuel depots must reopen before autumn'
        ' storms arrive," Mayor Marta Quiroga said on 3 May 2024.'
    )
    whole = [
        replace(a, text=a.text + quotes, analysis=analyze_article(a.text + quotes, DAY.date()))
        for a in _articles()
    ]
    kinds = ("attributions", "quantities", "entities", "dates")
    left_out: dict[str, list[Any]] = {kind: [] for kind in kinds}  # each kind's own empty list
    for kind in GROUPING_FINDINGS:
        del left_out[kind]
    partial = [replace(a, analysis=replace(a.analysis, **left_out)) for a in whole]
    assert any(a.analysis.quantities for a in whole) and all(a.analysis.dates for a in whole)
    assert [(g.key, g.article_ids, g.similarities) for g in group_articles(partial)] == [
        (g.key, g.article_ids, g.similarities) for g in group_articles(whole)
    ]


def _analyzed(id_: str, title: str, text: str, published: datetime) -> CoverageArticle:
    return CoverageArticle(
        id=id_,
        outlet=f"Outlet {id_}",
        url=f"https://{id_}.example/story",
        title=title,
        text=text,
        published=published,
        analysis=analyze_article(text, published.date()),
    )


SHOOTING = (
    "Teen killed in Harlow Park shooting",
    "Dana Whitfield, 17, was shot and killed outside a store in Harlow Park on Friday night, police said. "
    "Officers arrested Marcus Penrose, 19, at his home on Saturday. Police spokesman Alan Greer said the "
    "two knew each other from school.",
)
PLEA = (
    "Harlow Park man pleads guilty in killing of teen",
    "Marcus Penrose pleaded guilty on Monday to second-degree murder in the shooting death of Dana "
    "Whitfield outside a Harlow Park store last year. Whitfield was 17. Sentencing is set for June.",
)
OTHER_SHOOTING = (
    "Man wounded in Harlow Park shooting",
    "A 40-year-old man was wounded in a shooting on Elm Street in Harlow Park on Tuesday, police "
    "spokesman Alan Greer said. No one has been arrested and the victim was not named.",
)


def test_a_follow_up_months_later_joins_its_event_by_the_people_it_names() -> None:
    shooting = _analyzed("a", *SHOOTING, DAY)
    plea = _analyzed("b", *PLEA, DAY + timedelta(days=150))
    assert _partition(group_articles([shooting, plea])) == {frozenset({"a", "b"})}


def test_a_later_story_sharing_one_name_or_past_the_follow_up_time_stays_apart() -> None:
    shooting = _analyzed("a", *SHOOTING, DAY)
    # Another shooting in the same town weeks later: only the police spokesman is named in both.
    other = _analyzed("c", *OTHER_SHOOTING, DAY + timedelta(days=40))
    assert len(group_articles([shooting, other])) == 2
    too_late = _analyzed("d", *PLEA, DAY + timedelta(days=FOLLOW_UP_DAYS + 30))
    assert len(group_articles([shooting, too_late])) == 2


PIKE_STREET = (
    "Girl, 17, shot in the leg on Pike Street",
    "A 17-year-old girl, Tamsin Voss, was shot in the leg while walking home on Pike Street in Brenton "
    "on Friday night. Her mother said Tamsin heard a car backfire, then felt a burning pain. She was "
    "treated at Mercy Harbor Hospital and sent home on Saturday. Police said the shots were likely meant "
    "for a group of men standing near a corner store.",
)
RIVER_BRIDGE = (
    "Driver grazed by bullet on river bridge",
    "Caleb Orme, 44, was driving across the river bridge into Brenton late on Friday when a bullet "
    "pierced his windshield and grazed his shoulder. Orme pulled over and called 911. State troopers "
    "closed the bridge for two hours and found shell casings on the walkway.",
)
CORLISS = (
    "Two men wounded outside Corliss Avenue laundromat",
    "Two men, aged 23 and 31, were wounded when someone in a dark sedan fired at them outside a "
    "laundromat on Corliss Avenue in Brenton on Friday night. Both men are in stable condition. "
    "Witnesses said the sedan sped north toward the river.",
)
ROUND_UP = (
    "Four shot in three separate shootings across Brenton overnight",
    "Four people were shot in three separate shootings across Brenton on Friday night, police said. "
    "Outside a laundromat on Corliss Avenue, two men, aged 23 and 31, were wounded by shots fired from "
    "a dark sedan. On Pike Street, a 17-year-old girl, Tamsin Voss, was shot in the leg while walking "
    "home. On the river bridge, Caleb Orme, 44, was grazed by a bullet that pierced his windshield. "
    "None of the wounds was life-threatening, and no arrests have been made in any of the shootings.",
)


def test_a_round_up_page_does_not_merge_the_incidents_it_lists() -> None:
    incidents = {"pike": PIKE_STREET, "bridge": RIVER_BRIDGE, "corliss": CORLISS}
    articles = [_analyzed("roundup", *ROUND_UP, DAY)]
    for hours, (name, story) in enumerate(incidents.items(), start=1):
        articles.append(_analyzed(f"{name}-1", *story, DAY + timedelta(hours=hours)))
        articles.append(_analyzed(f"{name}-2", *story, DAY + timedelta(hours=hours + 20)))
    for group in group_articles(articles):
        listed = {member.split("-")[0] for member in group.article_ids} - {"roundup"}
        assert len(listed) <= 1, group.article_ids


# One newsroom's short items share its template and its city: shootings of one week in the same words,
# each with a detail of its own (likeness 0.2-0.3 between two of them, as on the real pages).
CITY_DESK = (
    "A {age}-year-old {who} was shot {when} in the {place} neighborhood on the Southwest Side. About {time} "
    "p.m., {pronoun} was walking in the {block} block when someone fired shots, Chicago police said. {detail}"
)
CITY_DESK_ITEMS = [
    {
        "age": age,
        "who": who,
        "when": when,
        "place": place,
        "time": time,
        "block": block,
        "detail": detail,
        "pronoun": "he" if who == "boy" else "she",
    }
    for age, who, when, place, time, block, detail in [
        (
            17,
            "boy",
            "Sunday afternoon",
            "Gage Park",
            "1:40",
            "5300 South Fairfield",
            "A neighbor, Rosa Delgado, said she heard four shots and saw a gray pickup speed away.",
        ),
        (
            16,
            "girl",
            "Monday afternoon",
            "Lawndale",
            "4:35",
            "3700 West 13th Street",
            "Her aunt said she had just left a basketball game at the park fieldhouse.",
        ),
        (
            15,
            "boy",
            "Monday evening",
            "Little Village",
            "7:10",
            "2600 South Kedzie",
            "Witnesses told officers the shooter wore a red hooded sweatshirt and ran east through an alley.",
        ),
        (
            19,
            "girl",
            "Tuesday morning",
            "Brighton Park",
            "9:25",
            "4400 South Archer",
            "Her father said she was walking to a bus stop on her way to a shift at a bakery.",
        ),
        (
            18,
            "boy",
            "Tuesday night",
            "Marquette Park",
            "11:05",
            "6700 South Rockwell",
            "Officers found a handgun in a gangway and took two men in for questioning, then let them go.",
        ),
        (
            14,
            "girl",
            "Wednesday afternoon",
            "West Elsdon",
            "3:50",
            "5200 South Pulaski",
            "The school's principal said counselors would be available for students on Thursday.",
        ),
    ]
]


def test_an_outlets_own_pages_of_one_week_join_only_on_a_strong_likeness() -> None:
    items = [
        CoverageArticle(
            id=f"item-{n}",
            outlet="City Desk",
            url=f"https://citydesk.example/{n}",
            title=f"{story['age']}-year-old shot in {story['place']}",
            text=CITY_DESK.format(**story),
            published=DAY + timedelta(hours=8 * n),
        )
        for n, story in enumerate(CITY_DESK_ITEMS)
    ]
    background = _articles()
    apart = [g for g in group_articles(items + background) if g.article_ids[0].startswith("item")]
    assert len(apart) == len(items)
    # The same items from outlets of their own resemble one another as much: they would be one event.
    other_desks = [replace(item, outlet=f"Desk {n}") for n, item in enumerate(items)]
    together = [g for g in group_articles(other_desks + background) if g.article_ids[0].startswith("item")]
    assert len(together) < len(items)
    assert all(JOIN_THRESHOLD <= s < CONFIDENT for g in together for s in list(g.similarities.values())[1:])


def test_a_follow_up_sharing_one_rare_person_joins_when_its_words_resemble_the_event() -> None:
    shooting = _analyzed("a", *PIKE_STREET, DAY)
    charged = _analyzed(
        "b",
        "Man charged in shooting that wounded Tamsin Voss",
        "Prosecutors charged a 22-year-old man on Thursday in the Pike Street shooting that wounded "
        "Tamsin Voss, 17, as she walked home in Brenton in March. Police said the shots were meant for "
        "men standing near a corner store.",
        DAY + timedelta(days=60),
    )
    (event,) = group_articles([shooting, charged])
    joined = event.similarities["b"]
    assert joined >= FOLLOW_UP_ONE_NAME_SIMILARITY
    # The bar is the constant: the same pair a hair under it stays apart.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(events, "FOLLOW_UP_ONE_NAME_SIMILARITY", joined + 0.001)
        assert len(group_articles([shooting, charged])) == 2


@pytest.mark.parametrize(
    ("text", "people"),
    [
        pytest.param(
            "Police spokesman Alan Greer said Dana Whitfield died.", {"dana whitfield"}, id="spokesman"
        ),
        pytest.param(
            "She was taken to Mercy Harbor Hospital, Dana Whitfield said.", {"dana whitfield"}, id="hospital"
        ),
        pytest.param(
            "By Melissa Garcia\n\nDana Whitfield was shot on Elm Street.", {"dana whitfield"}, id="byline"
        ),
        pytest.param(
            "Sgt. Owen Farrow said Dana Whitfield was shot.",
            {"owen farrow", "dana whitfield"},
            id="the-sergeant-on-the-case",
        ),
    ],
)
def test_names_that_tie_follow_ups_are_people_of_the_story(text: str, people: set[str]) -> None:
    article = _analyzed("a", "Shooting", text, DAY)
    assert full_names(article) == people


# A report that names the typhoon's port and its dockers' strike: the bridge between two stories.
BRIDGE = (
    "Typhoon Ondine closes Port Velasco container terminal as dockers strike",
    "Typhoon Ondine shut the container terminal in Port Velasco. Dockers at the terminal had already "
    "begun a strike over pay, union leader Rafael Ibarra said, and the strike will go on.",
)
# Like the bridge (the strike), barely like the typhoon reports (a word of the flood).
STRIKE = (
    "Dockers walk out over pay",
    "Rafael Ibarra said dockers would stay out for a second week. They want a raise for night shifts; "
    "the employers refused to talk while streets were flooded.",
)
# Much like the bridge (its strike, told again), unlike the typhoon reports.
STRIKE_RETOLD = (
    "Dockers strike over pay",
    "Union leader Rafael Ibarra said dockers would strike over pay for a second week. The union wants a "
    "raise for night shifts; the port authority refused.",
)
# A little like every member of the typhoon's event: its aftermath.
AFTERMATH = (
    "The Estrela Islands count the cost",
    "Insurers said the damage would run to millions. Whole streets that became rivers are drying; the "
    "container terminal may reopen next week once dockers end their strike.",
)


def _typhoon_event_and(title: str, text: str) -> tuple[str, float, str]:
    """Where an article lands after the Kim and typhoon reports and the bridge: (its event, the
    similarity that decided, the typhoon's event)."""
    grouper = EventGrouper()
    at = DAY + timedelta(hours=10)
    keys = {made.id: grouper.add(made).key for made in _articles() if not made.id.startswith("budget")}
    grouper.add(CoverageArticle("x", "Dock News", "https://x.example/", *BRIDGE, published=at))
    added = grouper.add(CoverageArticle("n", "Quay Times", "https://n.example/", title, text, published=at))
    typhoon = keys["typhoon-0"]
    return added.key, added.similarity, typhoon


@pytest.mark.parametrize(
    ("story", "joins"),
    [
        pytest.param(STRIKE, False, id="like-one-member-only"),
        pytest.param(AFTERMATH, True, id="like-all"),
        pytest.param(STRIKE_RETOLD, True, id="much-like-one-member"),
    ],
)
def test_a_weak_match_joins_only_an_event_whose_other_members_it_resembles_too(
    story: tuple[str, str], joins: bool
) -> None:
    # Below the similarity at which one member suffices, the article must also resemble the event's
    # other members on average: one report that mentions a strike does not pull the strike into the
    # typhoon's event, while the typhoon's aftermath, somewhat like each report, joins it. Much like
    # one member is enough on its own.
    key, similarity, typhoon = _typhoon_event_and(*story)
    assert (key == typhoon) is joins
    if story is AFTERMATH:
        assert 0.15 <= similarity < 0.3  # a weak match: what let it in is the resemblance to the others


def test_the_event_key_is_the_founding_articles_url_hashed() -> None:
    # Event pages are addressed by key: the same founding URL gives the same key in every regrouping.
    founder = _articles()[0]
    assert event_key(founder) == hashlib.sha1(founder.url.encode("utf-8")).hexdigest()[:16]
    assert event_key(replace(founder, id="another-id")) == event_key(founder)
    assert event_key(replace(founder, url="")) == hashlib.sha1(founder.id.encode("utf-8")).hexdigest()[:16]


def test_articles_are_added_dated_first_by_time_then_by_id_as_a_number() -> None:
    # The first article added founds its event and gives it its key: the order must not depend on how
    # ids sort as text (`10` before `9`) or on where undated articles come in the input.
    def dated(ident: str, hours: float | None) -> CoverageArticle:
        when = None if hours is None else DAY + timedelta(hours=hours)
        return CoverageArticle(ident, "Outlet", f"https://o.example/{ident}", "Title", "Text", published=when)

    hours = {"b": None, "10": 1, "a": None, "9": 1, "7": 2, "3": None}
    articles = [dated(ident, at) for ident, at in hours.items()]
    assert [a.id for a in sorted(articles, key=publication_order)] == ["9", "10", "7", "3", "a", "b"]


def test_a_follow_up_naming_three_people_of_the_story_joins_in_the_court_s_words() -> None:
    shooting = _analyzed(
        "a",
        "Three killed at Alder Cove house party",
        "Three people were killed and one was wounded when a gunman opened fire at a house party in Alder "
        "Cove early Saturday, police said. Friends named the dead as Nadia Kwan, Ruben Stoll and Tessa "
        "Marlowe, classmates at Cove High School. A 19-year-old suspect, Gideon Farr, was arrested on the "
        "highway two hours later.",
        DAY,
    )
    plea = _analyzed(
        "b",
        "Suspect enters plea",
        "Gideon Farr entered a plea of not guilty on Monday to three counts of aggravated murder. Relatives "
        "of Nadia Kwan and Ruben Stoll sat behind the defence table; prosecutors have until December to "
        "decide on the death penalty. Farr's lawyers declined to comment.",
        DAY + timedelta(days=23),
    )
    (event,) = group_articles([shooting, plea])
    joined = event.similarities["b"]
    assert FOLLOW_UP_MANY_NAMES_SIMILARITY <= joined < FOLLOW_UP_SIMILARITY
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(events, "FOLLOW_UP_MANY_NAMES_SIMILARITY", joined + 0.001)
        assert len(group_articles([shooting, plea])) == 2


def test_a_follow_up_naming_the_people_with_a_middle_name_or_a_suffix_joins_its_event() -> None:
    # One outlet writes "Marcus Penrose" and "Dana Whitfield", another "Marcus Penrose Jr." and "Dana
    # Lynn Whitfield": the same two people, so the plea follows up the shooting.
    shooting = _analyzed("a", *SHOOTING, DAY)
    plea = _analyzed(
        "b",
        "Harlow Park man pleads guilty in killing of teen",
        "Marcus Penrose Jr. pleaded guilty on Monday to second-degree murder in the shooting death of Dana "
        "Lynn Whitfield outside a Harlow Park store last year. Whitfield was 17. Sentencing is set for June.",
        DAY + timedelta(days=150),
    )
    assert _partition(group_articles([shooting, plea])) == {frozenset({"a", "b"})}


@pytest.mark.parametrize(
    ("name", "person"),
    [
        pytest.param("dana whitfield", "dana whitfield", id="as-it-is"),
        pytest.param("marcus penrose jr", "marcus penrose", id="suffix"),
        pytest.param("john paul gaudreau iii", "john gaudreau", id="middle-name-and-suffix"),
        pytest.param("dana lynn whitfield", "dana whitfield", id="middle-name"),
    ],
)
def test_a_person_is_matched_by_given_name_and_surname(name: str, person: str) -> None:
    assert person_key(name) == person


# What extraction kept of a page whose story it lost: the byline's notification box.
NOTIFICATION_BOX = (
    "Close\n\nGet email notifications on {author} daily!\n\nYour notification has been saved.\n\n"
    "There was a problem saving your notification.\n\n"
    "Whenever {author} posts new content, you'll get an email delivered to your inbox with a link.\n\n"
    "Email notifications are only sent once a day, and only if there are new matching items."
)


def test_a_page_whose_story_was_lost_joins_its_event_by_its_title() -> None:
    shooting = _analyzed(
        "a",
        "Girl, 14, shot dead inside friend's home in Wells Park",
        "A 14-year-old girl was shot to death on Sunday afternoon inside a friend's home in the Wells Park "
        "neighborhood, police said. She was shot in the back. A 15-year-old boy turned himself in.",
        DAY,
    )
    lost = _analyzed(
        "b",
        "Wells Park shooting may have been accidental, police source says",
        NOTIFICATION_BOX.format(author="Jane Roe"),
        DAY + timedelta(hours=20),
    )
    (event,) = [g for g in group_articles([*_articles(), shooting, lost]) if "a" in g.article_ids]
    assert event.article_ids == ["a", "b"]


def test_a_name_in_the_page_furniture_only_is_nobody_of_the_story() -> None:
    text = NOTIFICATION_BOX.format(author="Jane Roe") + "\n\nPolice said Dana Whitfield was shot."
    assert full_names(_analyzed("a", "Shooting", text, DAY)) == {"dana whitfield"}


def test_the_people_of_a_story_told_on_many_pages_still_tie_its_follow_up() -> None:
    # More pages name the accused and the victim than FOLLOW_UP_NAME_DOCS allows a name of one story,
    # but all of them are in one event, and the witness named on one page of it is named in the plea:
    # the plea months later is that event's.
    told = [
        "Dana Whitfield, 17, was shot dead outside a Harlow Park store. Marcus Penrose, 19, was arrested. "
        "A neighbor, Rosa Delgado, heard four shots.",
        "Police arrested Marcus Penrose in the killing of Dana Whitfield, a Harlow Park student.",
        "Friends of Dana Whitfield held a vigil in Harlow Park. Marcus Penrose is held without bail.",
        "Marcus Penrose appeared in court, charged with murder in the death of Dana Whitfield.",
        "Harlow Park mourns Dana Whitfield; the school said Marcus Penrose had left last spring.",
        "The mother of Dana Whitfield asked for calm after Marcus Penrose was charged in Harlow Park.",
        "Dana Whitfield was buried on Thursday. Marcus Penrose's lawyer said he would plead not guilty.",
    ]
    assert len(told) > FOLLOW_UP_NAME_DOCS
    pages = [
        replace(
            _analyzed(f"day-{n}", "Harlow Park teen killed", text, DAY + timedelta(hours=9 * n)),
            outlet=f"Desk {n}",
        )
        for n, text in enumerate(told)
    ]
    plea = _analyzed(
        "plea",
        "Accused enters plea",
        "Marcus Penrose entered a plea of not guilty on Monday to one count of first-degree murder. Rosa "
        "Delgado, a neighbor of Dana Whitfield, is on the prosecution's list of witnesses; the judge set "
        "the trial for March.",
        DAY + timedelta(days=150),
    )
    (event,) = group_articles([*pages, plea])
    assert event.similarities["plea"] < FOLLOW_UP_ONE_NAME_SIMILARITY  # the witness alone would not do
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(events, "FOLLOW_UP_NAME_EVENTS", 0)
        assert len(group_articles([*pages, plea])) == 2
    # Without a rare person in common the names told often tie nothing.
    alone = replace(plea, text=plea.text.replace("Rosa Delgado", "A woman"))
    alone = replace(alone, analysis=analyze_article(alone.text))
    assert len(group_articles([*pages, alone])) == 2


def test_a_page_of_the_same_days_naming_the_victim_joins_on_a_weak_likeness() -> None:
    # The outlet's own portrait of the girl shot on Friday: its words are the family's, not the scene's,
    # but it names her, and no other event does.
    shooting = _analyzed("a", *PIKE_STREET, DAY)
    portrait = replace(
        _analyzed(
            "b",
            "A choir girl's long road back",
            "Tamsin Voss wants to be back in the church choir by Easter. Her mother says she has sung "
            "since she was five and practised scales from her hospital bed on Saturday. Friends have "
            "raised money for her physiotherapy.",
            DAY + timedelta(days=1),
        ),
        outlet=shooting.outlet,
    )
    (event,) = [g for g in group_articles([*_articles(), shooting, portrait]) if "a" in g.article_ids]
    assert event.article_ids == ["a", "b"]
    joined = event.similarities["b"]
    assert WINDOW_ONE_NAME_SIMILARITY <= joined < min(FOLLOW_UP_ONE_NAME_SIMILARITY, CONFIDENT)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(events, "WINDOW_ONE_NAME_SIMILARITY", joined + 0.001)
        groups = group_articles([*_articles(), shooting, portrait])
        assert len([g for g in groups if {"a", "b"} & set(g.article_ids)]) == 2
    # Past the window the same page would need the follow-up's likeness.
    later = replace(portrait, published=DAY + timedelta(days=30))
    assert (
        len([g for g in group_articles([*_articles(), shooting, later]) if {"a", "b"} & set(g.article_ids)])
        == 2
    )


HOLTON_AVENUE = (
    "Three found dead inside Holton Avenue home",
    "Police found three people dead inside a home at 3006 Holton Avenue early Sunday after a call about "
    "an unknown problem. A fourth person, a woman, was taken to a hospital in critical condition. Police "
    "do not yet know whether the victims were shot or stabbed, and no one is in custody.",
)
# The same newsroom's page of the same day, in words of its own but for the address.
HOLTON_RULED = (
    "Deaths of family members ruled homicides",
    "The coroner ruled on Monday that the three victims, a mother, her daughter and the daughter's "
    "boyfriend, died of gunshot wounds inside the home at 3006 Holton Avenue early Sunday. The chief "
    "called it an apparent domestic situation; relatives said the family had moved in last summer.",
)


def test_a_page_giving_the_same_street_address_joins_its_event_on_a_weak_likeness() -> None:
    found = _analyzed("a", *HOLTON_AVENUE, DAY)
    ruled = replace(_analyzed("b", *HOLTON_RULED, DAY + timedelta(days=1)), outlet=found.outlet)
    assert street_addresses(found) == street_addresses(ruled) == {"@3006 holton"}
    (event,) = [g for g in group_articles([*_articles(), found, ruled]) if "a" in g.article_ids]
    assert event.article_ids == ["a", "b"]
    assert event.similarities["b"] < CONFIDENT  # the outlet's own page: its likeness alone would not do


@pytest.mark.parametrize(
    ("text", "addresses"),
    [
        pytest.param("in the 1400 block of Gherald Street on Saturday", {"@1400 gherald"}, id="block"),
        pytest.param("the 600 block of East 100th Street", {"@600 100th"}, id="numbered-street"),
        pytest.param("inside 20 Copeland St. about 11 p.m.", {"@20 copeland"}, id="house-number"),
        pytest.param("In 2016 Police Chief Reed said", set(), id="a-year-is-no-house-number"),
        pytest.param(
            "Shots were fired in the 300 block of Elm, the 4100 block of Oak and the 900 block of Pine.",
            set(),
            id="a-round-up-lists-incidents",
        ),
    ],
)
def test_street_addresses_are_a_house_number_or_a_block_and_the_street(
    text: str, addresses: set[str]
) -> None:
    assert street_addresses(CoverageArticle("a", "Desk", "https://a.example/", "Shooting", text)) == addresses
