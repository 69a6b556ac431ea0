"""Claims read by structure: counts bound to their role, times of the event, custody, ages, names,
wounds; and the conflicts between outlets' claims. Sentences are our own, in the shapes real
coverage uses (each case is a class of sentence the fact tables met, not one page's words)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.claims.casualties import casualty_claims, counts_shooter, lead_count
from newsprism.compare.claims.conflicts import claim_conflicts
from newsprism.compare.claims.custody import ARREST, CHARGE, custody_status
from newsprism.compare.claims.model import Bounds, count_bounds
from newsprism.compare.claims.people import age_claims, role_age_claims, victim_age_claims
from newsprism.compare.claims.times import event_time
from newsprism.compare.claims.wounds import wound_claims
from newsprism.compare.divergences.alignment import statements_of
from newsprism.compare.types import CoverageArticle, Statement


def sentence(text: str) -> Statement:
    return Statement("a", "Outlet", "https://a.example/1", text, 0, len(text), 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two people were killed and six others were injured.", {("killed", "2"), ("injured", "6")}),
        ("Eight people were shot outside the club.", {("shot", "8")}),
        (
            "The blast killed two teenagers and injured four other people.",
            {("killed", "2"), ("injured", "4")},
        ),
        ("The attack left one dead and three injured.", {("killed", "1"), ("injured", "3")}),
        ("Five people were shot, one fatally, police said.", {("shot", "5"), ("killed", "1")}),
        ("Three others were shot and survived.", {("injured", "3")}),
        ("Three were taken to the hospital with minor wounds.", {("hospitalised", "3")}),
        ("No one was hurt in the shooting.", {("injured", "0")}),
        ("No one else was hurt.", set()),
        ("A man and a woman were shot outside the bar.", {("shot", "2")}),
        ("Police found an injured man in the road.", set()),
        ("Her 11-year-old cousin's shotgun left a 6-year-old girl dead.", {("killed", "1")}),
        ("He faces three counts of murder and two counts of assault.", set()),
        ("Ana Ruiz, 32 were all taken away.", set()),
        ("Police shot one of the men in the leg.", set()),
        ("The man was shot around 5 p.m. on Friday.", set()),
        ("An unrelated shooting in Dunmore on Sunday killed two and injured 10.", set()),
        ("4 killed, 53 wounded in weekend shootings across the city", set()),
        ("A second victim has died after the shooting at the club.", {("killed", "2")}),
        ("An 8th teen was injured in the weekend shooting.", {("injured", "8")}),
        ("Four children, two adults injured in gun range accident", {("injured", "6")}),
        ("Police said a young boy and four adults were injured.", {("injured", "5")}),
        ("Three injured, one dead in shooting at the corner.", {("injured", "3"), ("killed", "1")}),
        ("One of the three victims was killed in Tustin.", set()),
        ("0:50 One dead after shooting involving officer", {("killed", "1")}),
        ("Sixty children under the age of 15 died from gunfire that year.", set()),
        ("The shooting killed a 1-year-old boy and his 21-year-old uncle.", {("killed", "2")}),
        ("Police said a man shot at vehicles and then fled.", set()),
        ("Police said one was shot in the thigh; the other was shot in the hand.", set()),
        ("A grenade went off in the yard, but no one was hurt by the blast.", set()),
        ("A woman was also critically wounded in the shooting.", set()),
        ("Police said a 3-year-old and four adults were shot.", {("shot", "5")}),
        ("The inmate wrested a gun from an officer, killing a ...", set()),
        ("Three other people were killed in a similar shooting in 2014.", set()),
        ("Three boys between the ages of 13 and 15 were wounded on Friday.", {("injured", "3")}),
        ("Two girls aged 9 and 11 were hurt in the crossfire.", {("injured", "2")}),
        ("Near the school, five teens, one fatally, were shot.", {("shot", "5"), ("killed", "1")}),
        ("Nine people were wounded in attacks from Friday night to Sunday, police said.", set()),
        ("At least 40 people have been killed in the city this year.", set()),
        ("Six have been shot in the neighbourhood in the past three weeks.", set()),
        ("In March 2016, a deputy shot and wounded a man in the same lot.", set()),
        ("A woman and three children were slain in the home.", {("killed", "4")}),
        ("He killed two more people as he drove off and wounded a driver.", {("injured", "1")}),
        ("Police are investigating three overnight shootings that left five people injured.", set()),
        ("Teen boy found fatally shot in parked car", {("killed", "1")}),
        ("Man, 22, dies after shooting near gas station", {("killed", "1")}),
        ("Man shot at deputies before fleeing, sheriff says", set()),
        (
            "Deputies are hunting a man who shot three others, including one who died, at a motel.",
            {("shot", "3")},
        ),
        ("The unrest left 19 people shot and six killed across the county since Saturday.", set()),
        ("A spate of shootings has left 12 people wounded, the chief said.", set()),
        ("Case 04/11/16 Arrested: DOE, John, for burglary.", set()),
        ("Six suspects are in custody, the sheriff said.", {("arrested", "6")}),
        ("Police have arrested eight people in the case.", {("arrested", "8")}),
        ("No officers were injured in the exchange of gunfire.", set()),
        ("A 13-year-old boy and six other people were shot on Friday.", {("shot", "7")}),
        (
            "He was charged with killing a woman and injuring a police officer and two others.",
            {("killed", "1"), ("injured", "3")},
        ),
        ("Eight people were shot in a five-hour span across the city.", set()),
        ("He shot and wounded a woman and fatally shot two young men.", {("injured", "1"), ("killed", "2")}),
    ],
    ids=[
        "killed-injured",
        "shot",
        "active-verbs",
        "left-dead",
        "shot-fatally",
        "others-survive",
        "hospital",
        "no-one",
        "no-one-else-is-relative",
        "a-pair",
        "an-adjective",
        "ages-are-not-counts",
        "legal-counts",
        "age-after-name",
        "partitive",
        "clock-time",
        "another-incident",
        "round-up",
        "ordinal-death",
        "ordinal-injury",
        "listed-groups",
        "coordinated-subject",
        "two-roles-listed",
        "one-of-a-group",
        "video-running-time",
        "age-of",
        "object-and-relative",
        "shooter-shot-at",
        "one-and-the-other",
        "zero-of-one-cause",
        "also-one-more",
        "aged-child-listed",
        "teaser-cut-off",
        "background-year",
        "age-range-between",
        "age-range-aged",
        "fatally-aside",
        "round-up-span",
        "round-up-this-year",
        "round-up-past-weeks",
        "background-dated",
        "slain",
        "an-increment",
        "several-incidents",
        "headline-single",
        "headline-single-dies",
        "headline-shooter",
        "others-with-their-dead",
        "round-up-since-a-day",
        "round-up-spate",
        "date-digits",
        "held-in-custody",
        "arrested-active",
        "none-of-a-group",
        "coordinated-all-shot",
        "noun-before-people",
        "round-up-hours",
        "fatally-before-verb",
    ],
)
def test_a_count_is_bound_to_its_role(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(c.subject, c.value) for c in casualty_claims(sentence(text))} == expected


def test_injured_is_shot_minus_killed_when_not_given() -> None:
    claims = casualty_claims(sentence("Five people were shot, one fatally, police said."))
    assert lead_count(claims, "injured") == 4


@pytest.mark.parametrize(
    ("qualifier", "value", "bounds"),
    [
        ("at least", 4, Bounds(4, float("inf"))),
        ("about", 250, Bounds(225, 275)),
        ("about", 3, Bounds(3, 3)),
        (None, 5, Bounds(5, 5)),
        ("up to", 9, Bounds(0, 9)),
    ],
    ids=["at-least", "about-large", "about-small", "exact", "up-to"],
)
def test_a_qualifier_sets_what_a_count_allows(qualifier: str | None, value: int, bounds: Bounds) -> None:
    assert count_bounds(value, qualifier) == bounds


def article(ident: str, outlet: str, text: str, day: int = 1) -> CoverageArticle:
    published = datetime(2024, 5, day, tzinfo=UTC)
    return CoverageArticle(
        ident,
        outlet,
        f"https://{ident}.example/a",
        "t",
        text,
        published,
        analysis=analyze_article(text, published.date()),
    )


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("Updated at 11:13 a.m. Police say the shooting happened about 3:50 p.m. on Sunday.", "3:50 p.m."),
        ("RIVERTON - 7:04 a.m. The incident occurred about 4:30 a.m. outside a bar.", "4:30 a.m."),
        (
            "The suspect was pulled over around 2 a.m. Gunfire broke out at 12:30 a.m. at a party.",
            "12:30 a.m.",
        ),
        (
            "The Riverton Herald | Sun Apr 14, 2013 10:26 PM. Shots rang out about 3:30 a.m. near a house.",
            "3:30 a.m.",
        ),
        ("A vigil will be held at 7 p.m. on Sunday for the family.", None),
        (
            "Lyle Denton was seen sitting in his car at about 8:30 p.m. The shooting began around 9:40 p.m.",
            "9:40 p.m.",
        ),
        ("Dana Orwell reports for the evening news at 11 p.m. Police were called at 7:45 p.m.", "7:45 p.m."),
        ("Emergency messages as of 4:47 am. Deputies were dispatched about 10:30 p.m.", "10:30 p.m."),
        ("He surrendered at 9:55 p.m. at the station. Five people were shot at 6:53 p.m.", "6:53 p.m."),
        (
            "She called her sister at 2:28 a.m. to say goodbye. The gunman opened fire around 2 a.m.",
            "2:00 a.m.",
        ),
        ("The two men went to a motel on Estate Lane around 1:30 p.m. on Friday.", "1:30 p.m."),
        ("The boy was playing with the gun when it went off around 8:30 p.m.", "8:30 p.m."),
        ("The festival ran from 9 p.m. to 2 a.m. at the club.", None),
    ],
    ids=[
        "update-stamp",
        "dateline-stamp",
        "arrest-time-first",
        "byline-stamp",
        "other-moment",
        "no-event-in-the-sentence",
        "broadcast-time",
        "alert-stamp",
        "surrender",
        "a-phone-call",
        "the-attackers-came",
        "the-gun-went-off",
        "a-schedule",
    ],
)
def test_the_event_time_is_the_first_clock_time_of_no_other_moment(text: str, clock: str | None) -> None:
    assert _event_time(text) == clock


def _event_time(text: str) -> str | None:
    found = event_time(statements_of(article("a", "A", text)))
    return None if found is None else found.value


@pytest.mark.parametrize(
    ("left", "right", "conflict"),
    [
        (
            "The shooting happened about 3:50 p.m. inside the home.",
            "The incident happened around 3:30 p.m.",
            True,
        ),
        (
            "The shooting happened around 1:30 p.m. on Friday.",
            "The shooting happened shortly after 1:30 a.m. Friday.",
            True,
        ),
        (
            "Gunfire rang out after 3 a.m. on Sunday.",
            "The shooting happened about 3:30 a.m. on Sunday.",
            False,
        ),
        (
            "The shooting happened shortly before 2 a.m. on Sunday.",
            "The shooting took place around 1:50 a.m. Sunday.",
            False,
        ),
        ("Shots were fired at 9:26 p.m. outside the bar.", "The shooting began about 9:30 p.m.", False),
        ("The shooting was reported around 12:05 a.m.", "Gunfire erupted at midnight on Sunday.", False),
        ("The shooting happened around 4 p.m. on Friday.", "The shooting happened around 4:15 p.m.", True),
    ],
    ids=[
        "twenty-minutes",
        "am-pm",
        "bound-includes",
        "before-includes",
        "rounded-half-hour",
        "midnight-rounded",
        "hour-and-quarter-differ",
    ],
)
def test_event_times_conflict_only_when_neither_allows_the_other(
    left: str, right: str, conflict: bool
) -> None:
    found = claim_conflicts(*_event([article("a", "A", left), article("b", "B", right)]))
    assert any(d.type == "time_conflict" for d in found) is conflict


def _event(articles: list[CoverageArticle]) -> tuple[list[CoverageArticle], dict[str, list[Statement]]]:
    return articles, {a.id: statements_of(a) for a in articles}


@pytest.mark.parametrize(
    ("text", "question", "answer"),
    [
        ("Police have arrested a suspect in the drive-by shooting.", ARREST, True),
        ("No arrests have been made, police said.", ARREST, False),
        ("Both men are not in custody and investigators need the public's help.", ARREST, False),
        ("\u201cAt this time we do not have anyone in custody,\u201d said Lopez.", ARREST, False),
        ("He was apprehended Saturday west of Longview after a day-long manhunt.", ARREST, True),
        ("The club had surrendered its liquor licence, the city manager said.", ARREST, None),
        ("Both were denied bond Thursday during a hearing in probable cause court.", ARREST, True),
        ("Police are asking anyone who knows the whereabouts of the suspects to call.", ARREST, False),
        ("The gunman remained at large until Tuesday, when he was arrested.", ARREST, True),
        ("One man was taken into custody. Police are searching for a second suspect.", ARREST, False),
        ("He was not arrested that night. He was arrested on Monday.", ARREST, True),
        ("The clerk was released on house arrest. The family wept.", ARREST, None),
        ("He has not been charged.", CHARGE, False),
        ("He is expected to be arraigned on Friday.", CHARGE, None),
        ("He was booked for investigation of two counts of murder.", CHARGE, None),
        ("Lee is charged with two counts of murder.", CHARGE, True),
        ("No one has yet been arrested in connection with the shooting.", ARREST, False),
        ("Police now have no one in custody for the killing.", ARREST, False),
        ("Detectives did not take anybody into custody at the scene.", ARREST, False),
        ("Police have not identified a suspect in the shooting.", ARREST, False),
        ("Police later said no one was stabbed at the club.", ARREST, None),
        ("No one answered the door at the house on Tuesday.", ARREST, None),
        ("The victims have not been identified.", ARREST, None),
        ("Hale had been arrested several times since 2010 on drug charges.", ARREST, None),
    ],
    ids=[
        "arrested",
        "no-arrests",
        "not-in-custody",
        "no-one-in-custody",
        "apprehended-after-a-manhunt",
        "a-licence-surrendered",
        "denied-bond",
        "whereabouts",
        "resolved-later",
        "second-suspect-sought",
        "arrest-after-denial",
        "house-arrest",
        "not-charged",
        "future",
        "booking",
        "charged",
        "no-one-arrested",
        "no-one-in-custody",
        "did-not-take-anybody",
        "no-suspect-identified",
        "no-one-stabbed",
        "no-one-answered",
        "victims-not-identified",
        "a-record",
    ],
)
def test_custody_is_read_with_its_polarity(text: str, question: str, answer: bool | None) -> None:
    assert custody_status(statements_of(article("a", "A", text)), question).answer is answer


def test_an_arrest_against_a_shooter_still_sought_is_a_custody_conflict_naming_the_later_story() -> None:
    sunday = article("a", "Sunday Post", "Police are searching for the gunman who shot two men.", day=1)
    monday = article("b", "Monday Times", "Police have arrested a man in the shooting of two men.", day=2)
    (found,) = [d for d in claim_conflicts(*_event([sunday, monday])) if d.type == "custody_conflict"]
    assert "Monday Times published later" in found.summary
    assert {c.outlet for c in found.claims} == {"Sunday Post", "Monday Times"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jason Alvarez-Ruiz, 18, died at the scene.", {("Jason Alvarez-Ruiz", "18")}),
        ("The second victim was identified as 16-year-old Elias O. Canto.", {("Elias Canto", "16")}),
        ("Her 11-year-old cousin found the gun.", set()),
        ("Police Sgt. Tom Reyes, 45, said the family was inside.", {("Tom Reyes", "45")}),
        ("A 17 year-old Elias Canto was hit in the leg.", {("Elias Canto", "17")}),
        ("Doctors said 6-month old Mara Lind was unhurt.", {("Mara Lind", "0.5")}),
    ],
    ids=["name-comma-age", "age-before-name", "no-name", "title-dropped", "hyphen-missing", "month-old"],
)
def test_an_age_is_bound_to_a_named_person(text: str, expected: set[tuple[str, str]]) -> None:
    assert {(c.subject, c.value) for c in age_claims(sentence(text))} == expected


def test_ages_of_two_different_people_never_conflict() -> None:
    left = article("a", "A", "Her 11-year-old cousin Mia Lopez, 11, fired the shotgun.")
    right = article("b", "B", "The shot left Ana Cruz, 6, dead in the yard.")
    assert not [d for d in claim_conflicts(*_event([left, right])) if d.type == "numeric_conflict"]


def test_one_person_given_two_ages_is_a_numeric_conflict() -> None:
    left = article("a", "A", "Officers found Mark Dale, 52, in the car.")
    right = article("b", "B", "Officers found Mark Dale, 65, in the car.")
    (found,) = [d for d in claim_conflicts(*_event([left, right])) if d.type == "numeric_conflict"]
    assert {c.value for c in found.claims} == {"52", "65"}


def test_a_name_spelled_two_ways_is_a_name_conflict_but_two_relatives_are_not() -> None:
    a = article("a", "A", "Friends remembered Jordan Ebbert at the vigil.")
    b = article("b", "B", "Friends remembered Jordon Ebbert at the vigil.")
    c = article("c", "C", "Maria Ebbert and her son Mario Ebbert spoke at the vigil.")
    found = [d for d in claim_conflicts(*_event([a, b, c])) if d.type == "name_conflict"]
    assert len(found) == 1 and {cl.outlet for cl in found[0].claims} == {"A", "B"}


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("The boy shot himself in the head inside the home.", {"head"}),
        ("He died from gunshot wounds to the head and torso.", {"head", "torso"}),
        ("She was shot in the upper left shoulder.", {"shoulder"}),
        ("He had been shot seven times, with all of the entrance wounds on his back.", {"back"}),
    ],
    ids=["head", "two-regions", "sided", "entrance-wounds"],
)
def test_wounds_are_read_as_body_regions(text: str, regions: set[str]) -> None:
    assert {c.value for c in wound_claims(sentence(text))} == regions


def _relations(*texts: str) -> list[set[str]]:
    found = claim_conflicts(*_event([article(f"r{i}", f"O{i}", t) for i, t in enumerate(texts)]))
    return [{c.value or "" for c in d.claims} for d in found if d.type == "relation_conflict"]


def test_a_husband_in_one_outlet_and_a_fiance_in_another_is_a_relation_conflict() -> None:
    conflicts = _relations(
        "Nadia Orsolo was cooking with her daughter when the bullets came in. Orsolo and her husband "
        "dropped to the floor.",
        "Nadia Orsolo and her fiancé, Peter Lamb, dropped to the floor.",
    )
    assert conflicts == [{"married", "engaged"}]


@pytest.mark.parametrize(
    "other",
    [
        "Nadia Orsolo and her husband, Peter Lamb, dropped to the floor.",  # the same standing
        "Nadia Orsolo and her partner, Peter Lamb, dropped to the floor.",  # agrees with any standing
        "Nadia Orsolo and her common-law husband dropped to the floor.",
        "Nadia Orsolo hid with Lamb's ex-girlfriend in the kitchen.",  # another couple, by its owner
        "Her boyfriend dropped to the floor.",  # names no one: whose?
    ],
    ids=["same", "partner", "common-law", "owner", "unnamed"],
)
def test_standings_that_can_both_be_true_or_are_of_other_couples_do_not_conflict(other: str) -> None:
    assert _relations("Nadia Orsolo and her husband dropped to the floor as Lamb fired.", other) == []


def _numeric(*texts: str) -> list[str]:
    from newsprism.compare.divergences.detect import find_divergences

    articles = [article(f"n{i}", f"O{i}", t) for i, t in enumerate(texts)]
    return [d.summary for d in find_divergences(articles) if d.type == "numeric_conflict"]


def test_a_child_and_an_adult_of_one_name_are_two_people_not_two_ages() -> None:
    assert (
        _numeric(
            "Police arrested 49-year-old John Hoffman at the Moku Street home on Sunday night.",
            "The victims were 5-year-old John Hoffman and his sister, police said on Sunday night.",
        )
        == []
    )


def test_block_numbers_of_two_streets_are_two_places_but_of_one_street_a_conflict() -> None:
    shooting = "Police were called to the 1500 block of Versailles Avenue about 3:10 a.m. after the shooting."
    arrest = "Police were called to the 400 block of Stokes Avenue about 3:10 a.m. after the shooting."
    assert _numeric(shooting, arrest) == []
    other_block = shooting.replace("1500 block", "800 block")
    assert len(_numeric(shooting, other_block)) == 1


def test_one_of_a_list_and_people_with_no_casualty_word_are_not_counts_compared() -> None:
    assert (
        _numeric(
            "Officials say two gangs were involved in the shooting, one group from Tyler"
            " and another from Alto.",
            "Investigators later determined two groups from Tyler and Longview were involved"
            " in the shooting.",
        )
        == []
    )
    assert (
        _numeric(
            "Jasmine De Hoyos, who went to the party, said there were more than a hundred people"
            " at the home.",
            "Man dressed as a movie villain shoots 5 people at party at the home, police said.",
        )
        == []
    )


def _types(*texts: str, days: tuple[int, ...] = ()) -> list[str]:
    articles = [article(f"t{i}", f"O{i}", t, (days or (1,) * len(texts))[i]) for i, t in enumerate(texts)]
    return [d.type for d in claim_conflicts(*_event(articles))]


def test_the_only_victim_dead_in_one_outlet_and_in_hospital_in_another_is_a_survival_conflict() -> None:
    alive = "A teenager was shot in the jaw at the mall on Tuesday. He is in critical condition, police said."
    dead = "A teenager was shot in the jaw at the mall on Tuesday. He died at the hospital, police said."
    assert _types(alive, dead, days=(1, 2)) == ["survival_conflict"]


def test_survival_is_not_asked_where_several_were_hurt_or_of_a_shooter() -> None:
    several = "Two people were shot at the mall. One died at the scene, police said."
    other = "Two people were shot at the mall. One is in critical condition, police said."
    assert "survival_conflict" not in _types(several, other)
    shooter = "A clerk was shot at the store. The gunman turned the gun on himself and died at the scene."
    clerk = "A clerk was shot at the store. The clerk is in stable condition, police said."
    assert "survival_conflict" not in _types(shooter, clerk)


def test_a_count_below_the_lead_starts_no_casualty_conflict() -> None:
    lead = "Four people were shot at a house party on Sunday, police said."
    filler = "Officers closed the street. Neighbours gathered. The party had started at 9 p.m."
    background = f"{lead} {filler} The shooting comes months after nine people were shot at a club."
    assert _types(lead, background) == []
    five = "Five people were shot at a house party on Sunday, police said."
    assert _types(lead, five) == ["numeric_conflict"]


def test_a_count_in_someone_s_quoted_words_is_not_the_article_s_toll() -> None:
    claims = [
        *casualty_claims(sentence('"He killed three people for nothing," a neighbour said.')),
        *casualty_claims(sentence("Two people were killed in the shooting, police said.")),
    ]
    assert lead_count(claims, "killed") == 2
    # Quoted words still count where the article gives no toll of its own.
    assert lead_count(claims[:1], "killed") == 3


@pytest.mark.parametrize(
    ("text", "included"),
    [
        ("Four people are dead, including the gunman, police said.", True),
        ("Seven people died in the rampage, including the suspect.", True),
        ("Four dead, including gunman, in workplace shooting", True),
        ("Four people were killed before the gunman shot himself.", False),
        ("One person was killed and four others were injured, including the gunman.", False),
    ],
)
def test_whether_a_toll_counts_the_shooter(text: str, included: bool) -> None:
    (claim,) = [c for c in casualty_claims(sentence(text)) if c.subject == "killed"]
    assert counts_shooter(claim) is included


def test_four_dead_with_the_shooter_and_four_killed_besides_him_conflict() -> None:
    with_him = "Four people are dead, including the gunman, after a shooting at a bar on Main Street."
    besides = "Four people were killed in a shooting at a bar on Main Street; the gunman then killed himself."
    assert "numeric_conflict" in _types(with_him, besides)
    same = "Three people were killed in a shooting at a bar on Main Street; the gunman then killed himself."
    assert "numeric_conflict" not in _types(with_him, same)


def test_ages_a_birthday_apart_in_articles_a_year_apart_do_not_conflict() -> None:
    march = "Police arrested Marco Zurita, 19, on Friday in the killing of a store clerk in Fenwick."
    june = "Marco Zurita, 20, pleaded guilty on Friday to the killing of a store clerk in Fenwick."
    first, later = article("t0", "O0", march), article("t1", "O1", june)
    assert first.published is not None
    a_year_on = replace(later, published=first.published + timedelta(days=400))
    assert [d.type for d in claim_conflicts(*_event([first, a_year_on]))] == []
    assert [d.type for d in claim_conflicts(*_event([first, later]))] == ["numeric_conflict"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            "The gunmen opened fire on the cookout, killing four women, police said.",
            "The gunmen opened fire on the cookout, killing six people, police said.",
            id="a-kind-of-people-is-part-of-everyone",
        ),
        pytest.param(
            "A woman was shot in the leg outside the bar on Friday, police said.",
            "Four people were shot outside the bar on Friday, police said.",
            id="one-person-described-is-no-toll",
        ),
        pytest.param(
            "Police are searching for a man suspected of shooting a security guard at the store.",
            "Police are searching for a man who shot three people at the store.",
            id="one-guard-described-is-no-toll",
        ),
        pytest.param(
            "The crash on the interstate left as many as 20 others injured, officials said.",
            "Fourteen others were injured in the crash on the interstate, officials said.",
            id="as-many-as-is-a-ceiling",
        ),
    ],
)
def test_a_part_of_a_toll_or_a_ceiling_allows_the_other_count(first: str, second: str) -> None:
    assert _types(first, second) == []


def test_counts_of_one_kind_of_people_still_conflict_with_each_other() -> None:
    four = "The gunmen opened fire on the cookout, killing four women, police said."
    five = "The gunmen opened fire on the cookout, killing five women, police said."
    assert _types(four, five) == ["numeric_conflict"]


def test_an_article_at_odds_with_itself_on_arrests_says_nothing_against_another() -> None:
    updated = (
        "Two people were shot at the mall on Friday. Police said no one has been arrested. "
        "Later on Friday, police said three others were arrested in the case."
    )
    other = "Two people were shot at the mall on Friday. Four people were arrested, police said."
    assert "numeric_conflict" not in _types(updated, other)
    plain = "Two people were shot at the mall on Friday. Three people were arrested, police said."
    assert _types(plain, other) == ["numeric_conflict"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            "Ramos was sentenced to 20 years in prison for the shooting at the Elm Street bar.",
            "Ramos will serve at least seven years in prison for the shooting at the Elm Street bar.",
            id="a-unit-alone-names-no-concept",
        ),
        pytest.param(
            "Police said Darnell Okafor was shot four times outside the Elm Street bar.",
            "Police said a man was shot three times outside the Elm Street bar.",
            id="a-named-person-and-someone-unnamed",
        ),
        pytest.param(
            "The medical examiner has released the names of three victims of the Elm Street bar killings.",
            "Five victims died in the Elm Street bar killings on Saturday night, police said.",
            id="people-counted-are-left-to-the-casualty-reader",
        ),
    ],
)
def test_figures_that_do_not_say_whose_or_what_they_count_are_not_compared(first: str, second: str) -> None:
    assert _numeric(first, second) == []


def test_figures_that_agree_are_no_conflict_once_the_one_they_answered_is_dropped() -> None:
    # `one group ... and another` is no count; the outlets that say two groups agree with each other.
    assert (
        _numeric(
            "Officials say there were two gangs involved in the brawl, one group from Perth and"
            " another from Alder.",
            "Investigators later determined two groups, who have ties to Perth and Alder gangs, were"
            " involved in the brawl.",
            "At a news conference, the sheriff said two separate groups, with ties to Alder and Perth"
            " gangs, were behind the brawl.",
        )
        == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her 3-year-old sister found the gun in a nightstand.", {("sister", 3.0)}),
        ("Her sister, 2, found the gun in a nightstand.", {("sister", 2.0)}),
        ("The older child, 10, was upstairs at the time.", {("older child", 10.0)}),
        ("Police said the older child is 9 and was asleep.", {("older child", 9.0)}),
        ("Her 6-month-old baby was also wounded.", {("baby", 0.5)}),
        ("A 14-year-old boy was shot near the park.", set()),
        ("A 2-year-old girl, Lena Ortiz, 2, died on Sunday.", set()),
    ],
    ids=["kin-before", "kin-after", "ordered-child", "ordered-is", "owned-baby-months", "any-boy", "named"],
)
def test_an_age_is_bound_to_a_person_named_by_role(text: str, expected: set[tuple[str, float]]) -> None:
    assert {(c.subject, c.bounds.low) for c in role_age_claims(sentence(text)) if c.bounds} == expected


def test_one_relative_given_two_ages_conflicts_but_months_within_the_year_do_not() -> None:
    three = "Police said her 3-year-old sister found the gun in a nightstand on Friday."
    two = "Police said the girl's sister, 2, found the gun in a nightstand on Friday."
    assert _types(three, two) == ["numeric_conflict"]
    months = "Police said her 22-month-old daughter was shot in the shoulder on Friday."
    one_year = "Police said her 1-year-old daughter was shot in the shoulder on Friday."
    two_years = "Police said her 2-year-old daughter was shot in the shoulder on Friday."
    assert _types(months, one_year) == []
    assert _types(months, two_years) == ["numeric_conflict"]


def test_adults_of_one_name_a_generation_apart_are_two_people() -> None:
    son = "Police said Freddie Swain, 44, was shot at the farm on Friday."
    father = "Police said Freddie Swain, 71, was shot at the farm on Friday."
    assert _numeric(son, father) == []
    misprint = "Police said Freddie Swain, 41, was shot at the farm on Friday."
    assert len(_numeric(son, misprint)) == 1


def test_two_brothers_each_the_other_s_brother_are_not_one_person_given_two_ages() -> None:
    shooter = (
        "A 14-year-old boy accidentally shot his 9-year-old brother at their home on Saturday, police said."
    )
    victim = (
        "The 9-year-old was shot by his 14-year-old brother while the two played with a rifle on Saturday."
    )
    assert _types(shooter, victim) == []


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        pytest.param(
            "President Alder Voss will meet the Queen at Windsor Castle on Friday, aides said.",
            "Aides said President Alder Voss arrived in London on Thursday. He is unlikely to meet the"
            " Queen during the visit.",
            True,
            id="will-against-unlikely-through-he",
        ),
        pytest.param(
            "Minister Ilse Brandt plans to sign the grain accord in Rome next week.",
            "Minister Ilse Brandt has no plans to sign the grain accord, her office said.",
            True,
            id="plans-against-no-plans",
        ),
        pytest.param(
            "President Alder Voss will meet the Queen at Windsor Castle on Friday, aides said.",
            "President Alder Voss will meet the Queen at Windsor Castle on Friday, officials said.",
            False,
            id="both-will",
        ),
        pytest.param(
            "President Alder Voss will meet the Queen at Windsor Castle on Friday, aides said.",
            "President Alder Voss will not meet the prime minister during the visit, aides said.",
            False,
            id="another-act",
        ),
        pytest.param(
            "Minister Ilse Brandt will sign the grain accord in Rome next week.",
            "Minister Karl Ostrow will not sign the grain accord, his office said.",
            False,
            id="another-actor",
        ),
    ],
)
def test_an_act_one_outlet_expects_and_another_doubts_is_a_polarity_conflict(
    first: str, second: str, conflict: bool
) -> None:
    assert ("polarity_conflict" in _types(first, second)) is conflict


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        pytest.param(
            "Four people were killed in a shooting at a warehouse on Dock Road, police said.",
            "Five people are dead after a shooting at a warehouse on Dock Road. Police said the gunman "
            "was shot and killed by officers.",
            "counting_convention",
            id="a-toll-that-may-count-the-dead-shooter",
        ),
        pytest.param(
            "One man was killed and four others were injured at a motel on Route 9, police said.",
            "One man was killed and three others were injured at a motel on Route 9. The suspect was "
            "also wounded when officers returned fire.",
            "counting_convention",
            id="the-wounded-that-may-count-the-wounded-shooter",
        ),
        pytest.param(
            "The gunman opened fire at the diner on Clay Street, killing five people.",
            "The gunman opened fire at the diner on Clay Street, killing six people, among them a "
            "pregnant woman.",
            "counting_convention",
            id="a-toll-that-may-count-an-unborn-child",
        ),
        pytest.param(
            "One man was killed and four others were injured at a motel on Route 9, including the gunman.",
            "One man was killed and four others were injured at a motel on Route 9; officers returned "
            "fire, wounding him.",
            "numeric_conflict",
            id="both-say-whom-they-count",
        ),
        pytest.param(
            "Four people were killed in a shooting at a warehouse on Dock Road, police said.",
            "Six people are dead after a shooting at a warehouse on Dock Road. Police said the gunman "
            "was shot and killed by officers.",
            "numeric_conflict",
            id="more-apart-than-the-shooter",
        ),
        pytest.param(
            "Four people were killed in a shooting at a warehouse on Dock Road, police said.",
            "Five people were killed in a shooting at a warehouse on Dock Road, police said.",
            "numeric_conflict",
            id="no-one-else-to-count",
        ),
    ],
)
def test_tolls_apart_by_whom_they_may_count_are_a_counting_convention(
    first: str, second: str, expected: str
) -> None:
    (other,) = {"counting_convention", "numeric_conflict"} - {expected}
    types = _types(first, second)
    assert expected in types
    assert other not in types


def test_a_counting_convention_names_who_may_be_counted_and_where_it_is_told() -> None:
    four = article("t0", "Dock Daily", "Four people were killed in a shooting at a warehouse on Dock Road.")
    five = article(
        "t1",
        "Harbour TV",
        "Five people are dead after a shooting at a warehouse on Dock Road. "
        "Police said the gunman was shot and killed by officers.",
    )
    (found,) = claim_conflicts(*_event([four, five]))
    assert found.type == "counting_convention"
    assert "may count the shooter" in found.summary
    assert "Harbour TV says the shooter died" in found.summary
    assert any("shot and killed by officers" in claim.text for claim in found.claims)


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        pytest.param("shot in the stomach", "shot in the torso", False, id="a-part-of-the-torso"),
        pytest.param("shot in the ankle", "shot in the foot", False, id="regions-that-meet"),
        pytest.param("shot in the shoulder", "shot in the arm", False, id="the-shoulder-tops-the-arm"),
        pytest.param("shot in the torso", "shot in the back", True, id="the-back-is-told-apart"),
        pytest.param("shot in the head", "shot in the leg", True, id="far-apart"),
    ],
)
def test_wounds_conflict_only_where_the_regions_cannot_be_one_wound(
    first: str, second: str, conflict: bool
) -> None:
    template = "A man was {} outside a bar on Elm Street on Friday night, police said."
    types = _types(template.format(first), template.format(second))
    assert ("wound_conflict" in types) is conflict


def test_wounds_are_not_compared_where_several_people_were_shot() -> None:
    first = "Three people were shot outside a bar on Elm Street. One man was shot in the head."
    second = "Three people were shot outside a bar on Elm Street. One man was shot in the leg."
    assert "wound_conflict" not in _types(first, second)


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        pytest.param(
            "Four people were shot outside a club on Grand Avenue. All four were taken to the hospital in "
            "critical condition.",
            "Four people were shot outside a club on Grand Avenue. A 21-year-old man suffered "
            "non-life-threatening injuries, police said.",
            True,
            id="all-critical-against-one-not-life-threatening",
        ),
        pytest.param(
            "A man was shot outside a club on Grand Avenue. He is in critical condition, police said.",
            "A man was shot outside a club on Grand Avenue. He is in stable condition, police said.",
            True,
            id="the-only-victim-critical-and-stable",
        ),
        pytest.param(
            "Five people were shot outside a club on Grand Avenue. Two were in critical condition.",
            "Five people were shot outside a club on Grand Avenue. One man suffered minor injuries.",
            False,
            id="some-critical-others-not",
        ),
        pytest.param(
            "Five people were shot outside a club on Grand Avenue, though none received life-threatening "
            "wounds.",
            "Five people were shot outside a club on Grand Avenue. One man suffered minor injuries.",
            False,
            id="a-negated-threat-is-mild",
        ),
        pytest.param(
            "Seven men were shot on Grand Avenue on Monday, leaving two of them in critical condition.",
            "Seven men were shot on Grand Avenue on Monday. Five of them are in stable condition.",
            False,
            id="a-part-told-between-the-toll-and-the-condition",
        ),
        pytest.param(
            "A girl was hurt in a double shooting on Grand Avenue. She is in critical condition.",
            "A girl was hurt in a shooting on Grand Avenue. Her uncle was treated and released.",
            False,
            id="a-double-shooting-has-two-victims",
        ),
    ],
)
def test_the_condition_of_the_wounded_conflicts_only_where_all_are_critical_in_one_outlet(
    first: str, second: str, conflict: bool
) -> None:
    assert ("condition_conflict" in _types(first, second)) is conflict


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("A 2-year-old girl is recovering after being shot in the neck on Elm Street.", ["2"]),
        ("Police said a 1-year-old child was shot Tuesday in Terrell.", ["1"]),
        ("2-year-old shot in the neck in Terrell", ["2"]),
        ("The gunman shot and killed a 17-year-old outside the store.", ["17"]),
        ("A 25-year-old man was shot at a bar on Elm Street.", ["25"]),
        ("Police say a 14-year-old boy shot his friend on Elm Street.", []),
        ("A 25-year-old man shot at officers on Elm Street.", []),
        ("Police said the 22-month-old was shot in the shoulder.", ["1.83"]),
    ],
)
def test_the_age_of_the_person_hurt_is_read_from_the_verb_of_hurting(text: str, ages: list[str]) -> None:
    assert [c.value for c in victim_age_claims(sentence(text))] == ages


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        pytest.param(
            "A 2-year-old girl is recovering after being shot in the neck on Elm Street.",
            "Police said a 4-year-old girl was shot in the neck on Elm Street.",
            True,
            id="one-victim-two-ages",
        ),
        pytest.param(
            "A 2-year-old girl is recovering after being shot in the neck on Elm Street.",
            "Police said a 22-month-old girl was shot in the neck on Elm Street.",
            True,
            id="two-years-is-not-22-months",
        ),
        pytest.param(
            "A 1-year-old girl is recovering after being shot in the neck on Elm Street.",
            "Police said a 22-month-old girl was shot in the neck on Elm Street.",
            False,
            id="22-months-is-one-year-old",
        ),
        pytest.param(
            "A 2-year-old girl is recovering after being shot in the neck on Elm Street.",
            "A 2-year-old girl was shot in the neck on Elm Street. Last month, a 4-year-old girl was shot "
            "nearby.",
            False,
            id="another-shooting-told-as-background",
        ),
        pytest.param(
            "Two children were shot on Elm Street. A 2-year-old girl was shot in the neck.",
            "Two children were shot on Elm Street. A 4-year-old girl was shot in the leg.",
            False,
            id="several-victims",
        ),
    ],
)
def test_the_one_victims_ages_conflict_across_outlets(first: str, second: str, conflict: bool) -> None:
    articles = [article("t0", "O0", first), article("t1", "O1", second)]
    summaries = [d.summary for d in claim_conflicts(*_event(articles))]
    assert any("victim different ages" in summary for summary in summaries) is conflict


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        pytest.param(
            "A girl was shot in her father's truck by her 3-year-old sister on Elm Street.",
            "The girl was left in the truck on Elm Street with a 2-year-old sibling and a loaded gun.",
            True,
            id="the-sibling-is-the-sister",
        ),
        pytest.param(
            "A girl was shot on Elm Street by her 3-year-old sister. Her 5-year-old brother was asleep.",
            "The girl was left in the truck on Elm Street with a 2-year-old sibling and a loaded gun.",
            False,
            id="a-sibling-of-a-story-with-a-sister-and-a-brother",
        ),
    ],
)
def test_a_covering_kin_word_stands_for_the_one_kin_the_story_tells_of(
    first: str, second: str, conflict: bool
) -> None:
    assert ("numeric_conflict" in _types(first, second)) is conflict


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police named the victim as 8-week-old Teagan Moss of Fairbanks.", [("Teagan Moss", "0.15")]),
        ("Officers found toddler Teagan Moss in the room.", [("Teagan Moss", "toddler")]),
        ("Toddler Mia Lopez was found unharmed.", [("Mia Lopez", "toddler")]),
        ("The baby girl was taken to a hospital.", []),
    ],
)
def test_a_named_persons_age_in_weeks_or_as_a_stage_of_life(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(c.subject, c.value) for c in age_claims(sentence(text))] == expected


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        pytest.param("8-week-old Teagan Moss", "toddler Teagan Moss", True, id="a-baby-is-no-toddler"),
        pytest.param(
            "2-year-old Teagan Moss", "toddler Teagan Moss", False, id="a-two-year-old-is-a-toddler"
        ),
        pytest.param("8-week-old Teagan Moss", "infant Teagan Moss", False, id="an-infant"),
    ],
)
def test_a_stage_of_life_conflicts_with_an_age_outside_it(first: str, second: str, conflict: bool) -> None:
    template = "Police in Fairbanks found {} dead in a hotel room on Friday."
    assert ("numeric_conflict" in _types(template.format(first), template.format(second))) is conflict


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        (
            "It was initially believed the boy was struck in the neck, but police later said he was hit in "
            "the shoulder.",
            ["shoulder"],
        ),
        ("The first man was shot in the leg, but the second was hit in the head.", ["leg", "head"]),
    ],
)
def test_a_corrected_wound_is_the_correction(text: str, regions: list[str]) -> None:
    assert [c.value for c in wound_claims(sentence(text))] == regions


def test_an_article_that_corrects_its_first_account_of_a_wound_is_read_by_the_correction() -> None:
    first = "A boy was shot in the neck on Elm Street on Tuesday, police said."
    corrected = (
        "A boy was shot in the neck on Elm Street on Tuesday. It was initially believed the boy was struck "
        "in the neck, but police later said he was hit in the shoulder."
    )
    assert "wound_conflict" in _types(first, corrected)
    assert "wound_conflict" not in _types(first, first.replace("police said", "officers said"))


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        pytest.param("Officer Doug Wellborn", "Officer Doug Welborn", True, id="a-letter-doubled"),
        pytest.param("Rolando Pizarro", "Rolando Pizzaro", True, id="a-letter-moved"),
        pytest.param("Rolando Pizarro", "Ronaldo Pizarro", True, id="letters-swapped"),
        pytest.param("Maria Lopez", "Maria Lozano", False, id="two-surnames"),
        pytest.param("Doug Wellborn", "Dan Welborn", False, id="two-given-names"),
        pytest.param("Devante McNeil", "Devante Mcneil", False, id="capitals-only"),
        pytest.param("Hidden Park Apartment", "Hidden Park Apartments", False, id="a-plural"),
        pytest.param("North America", "North American", False, id="a-place-adjective"),
    ],
)
def test_a_surname_spelled_two_ways_is_a_name_conflict(first: str, second: str, conflict: bool) -> None:
    template = "{} spoke to reporters outside the hotel in Fairbanks on Friday."
    found = [t for t in _types(template.format(first), template.format(second)) if t == "name_conflict"]
    assert bool(found) is conflict


def test_two_surnames_one_outlet_writes_both_are_two_people() -> None:
    both = "Doug Wellborn and his cousin Doug Welborn spoke to reporters in Fairbanks on Friday."
    one = "Doug Wellborn spoke to reporters outside the hotel in Fairbanks on Friday."
    assert "name_conflict" not in _types(both, one)


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        pytest.param(
            "A man was shot on Elm Street on Friday. He is in critical condition, police said.",
            "A man was shot on Elm Street on Friday. He died at the hospital, police said.",
            True,
            id="the-only-victim",
        ),
        pytest.param(
            "One man is dead and another man was taken to a hospital after a shooting on Elm Street.",
            "A man was shot on Elm Street on Friday. He is expected to be OK, police said.",
            False,
            id="another-man-hurt",
        ),
        pytest.param(
            "A man shot his girlfriend on Elm Street, and an officer returned fire, killing the gunman.",
            "A woman was shot on Elm Street on Friday. She is in stable condition, police said.",
            False,
            id="the-shooter-killed-by-police",
        ),
        pytest.param(
            "A teenager accidentally shot himself on Elm Street on Friday. He is unconscious, police said.",
            "A teenager accidentally shot himself on Elm Street on Friday. He has died, police said.",
            True,
            id="the-only-victim-shot-himself",
        ),
    ],
)
def test_survival_is_asked_of_the_only_victim_not_of_a_second_person_or_a_shooter_police_killed(
    first: str, second: str, conflict: bool
) -> None:
    assert ("survival_conflict" in _types(first, second)) is conflict


_UPSTAIRS = "Shots tore through the house on Elm Street on Friday. {} were upstairs, their mother said."


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        pytest.param(
            "Her two older children, ages 9 and 8,", "Her 10-year-old and 8-year-old", True, id="one-age"
        ),
        pytest.param(
            "Her two older children, ages 9 and 8,", "Her 9-year-old and 8-year-old", False, id="same-ages"
        ),
        pytest.param(
            "Her two older children, ages 9 and 8,", "Her 15-year-old and 8-year-old", False, id="far-apart"
        ),
        pytest.param(
            "Her two older children, ages 9 and 8,", "Her 12-year-old and 10-year-old", False, id="two-ages"
        ),
        pytest.param(
            "Her two older children, ages 9 and 8,",
            "Her 10-year-old and 8-year-old and their cousins, ages 20 and 21,",
            False,
            id="two-groups-of-one-size",
        ),
    ],
)
def test_lists_of_a_groups_ages_that_agree_but_on_one_are_a_conflict(
    first: str, second: str, conflict: bool
) -> None:
    found = _types(_UPSTAIRS.format(first), _UPSTAIRS.format(second))
    assert ("numeric_conflict" in found) is conflict


@pytest.mark.parametrize(
    ("opening", "conflict"),
    [
        ("Police were called to a home on Elm Street on Friday afternoon.", True),
        ("At least 35 people have been shot across the city since Friday afternoon.", False),
    ],
    ids=["the-event-told", "a-round-up-of-the-city"],
)
def test_an_article_opening_on_a_round_up_gives_no_toll_of_the_event(opening: str, conflict: bool) -> None:
    """A round-up's lead goes on to tell of its shootings, any of which may be another than the event."""
    told = "Two people were killed in a shooting on Elm Street on Friday afternoon, police said."
    round_up = f"{opening} Four people were found dead with gunshot wounds inside the home."
    assert ("numeric_conflict" in _types(told, round_up)) is conflict


def test_a_place_that_is_located_somewhere_does_not_make_its_time_another_moment() -> None:
    placed = (
        "The shooting occurred at the Boondocks Bar, which is located near 2500 W. Washington St., at"
        " approximately 1:45 a.m."
    )
    found = "The suspect was located at 4:10 a.m. in a car near the bar."
    assert _event_time(placed) == "1:45 a.m."
    assert _event_time(found) is None


def test_a_chamber_and_a_party_are_no_name_to_spell() -> None:
    first = "When House Democrats take the gavel, they will defend the law, Nancy Pelosi said."
    second = "House Democratic leaders already planned to defend the law, Nancy Pelosi said."
    assert "name_conflict" not in _types(first, second)


def test_a_party_that_started_at_midnight_does_not_time_the_shooting() -> None:
    party = "The party, which took place in the 2900 block of Aspen Meadow, started around midnight."
    shooting = "The shooting started around 5 a.m. after an argument, police said."
    assert _event_time(party) is None
    assert _event_time(shooting) == "5:00 a.m."


def test_all_the_wounded_mild_in_one_outlet_and_one_critical_in_another_is_a_condition_conflict() -> None:
    all_mild = (
        "Five people were shot at a party on Sunday. The five people injured all suffered"
        " non-life-threatening injuries, police said."
    )
    none_grave = "Five people were shot at a party on Sunday. None received life-threatening wounds."
    one_grave = "Five people were shot at a party on Sunday. One of them is still in critical condition."
    assert "condition_conflict" in _types(all_mild, one_grave)
    assert "condition_conflict" in _types(none_grave, one_grave)
    both = "Five people were shot at a party on Sunday. Both were taken to the hospital in good condition."
    assert "condition_conflict" not in _types(both, one_grave)


def test_charged_suspects_said_to_be_at_large_are_not_held() -> None:
    charged_at_large = (
        "Jeremy Jones is charged with capital murder. Both men are not in custody and investigators need"
        " the public's help in locating them."
    )
    status = custody_status(statements_of(article("a", "A", charged_at_large)), ARREST)
    assert status.answer is False


def test_a_name_spelt_with_another_first_letter_of_the_same_sound_is_one_name() -> None:
    first = "Another victim, 20-year-old Gerome Battle, is listed in critical condition after the shooting."
    second = "Police identified the victims, among them 20-year-old Jerome Battle, after the shooting."
    assert "name_conflict" in _types(first, second)


def test_a_visitor_arriving_is_no_moment_of_the_event_but_officers_arriving_are() -> None:
    visitor = "Andrew Holmes, a crisis responder, arrived at 43rd and Rockwell about 5:30 p.m."
    officers = "Officers arrived at about 2:10 a.m. and found two men in the street."
    assert _event_time(visitor) is None
    assert _event_time(officers) == "2:10 a.m."
