"""The pipeline on both back-ends: an article stored with its findings in one transaction, findings
read back exactly as analysis produced them, and regrouping that keeps events stable."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import sqlalchemy.event
from sqlalchemy import select, update

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.divergences.alignment import independent_articles
from newsprism.compare.events import GROUPING_FINDINGS, WINDOW_DAYS
from newsprism.compare.findings import FINDING_TYPES, ArticleAnalysis
from newsprism.pipeline import (
    PageAnalysis,
    analyze_pending,
    analyze_stored,
    coverage_of,
    event_coverage,
    grouping_coverage,
    update_events,
)
from newsprism.storage.articles import FetchedArticle, OutletInfo, save_outlet, store_article
from newsprism.storage.database import Database
from newsprism.storage.events import grouping_inputs, list_events
from newsprism.storage.findings import current_findings, save_findings
from newsprism.storage.models import Article, Attribution, GroupingState

NOW = datetime(2023, 9, 17, 9, 0, tzinfo=UTC)
VISIT = (
    "Kim Jong Un ended his visit to Russia on Sunday, boarding his armoured train in Artyom. "
    '"He asked about every detail," natural resources minister Alexander Kozlov said. '
    "The governor gave Kim five kamikaze drones, according to TASS."
)
VISIT_AGAIN = (
    "North Korean leader Kim Jong Un left Russia on Sunday aboard his armoured train from Artyom. "
    "Kozlov said the two sides discussed grain supplies. Kim received six kamikaze drones from the "
    "governor, TASS reported."
)
RATES = (
    "The central bank of Norvenia raised its key interest rate by half a point to 6.5 percent on "
    "Thursday, governor Ilse Marken said, citing stubborn inflation in food prices."
)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    made = Database(database_url)
    with made.transaction() as session:
        for name in ("Harbour Wire", "Eastern Daily"):
            save_outlet(session, OutletInfo(name))
    yield made
    made.close()


def store(database: Database, outlet: str, slug: str, text: str, hours: int) -> int:
    page = FetchedArticle(
        url=f"https://{outlet.split()[0].lower()}.example/{slug}",
        canonical_url=f"https://{outlet.split()[0].lower()}.example/{slug}",
        outlet=outlet,
        text=text,
        title=text.split(".")[0],
        published=NOW + timedelta(hours=hours),
        fetched_at=NOW + timedelta(hours=hours + 1),
    )
    with database.transaction() as session:
        stored = store_article(session, page)
        analyze_stored(session, stored)
    return stored.article_id


def store_prepared(
    database: Database, prepared: PageAnalysis | None, published: datetime = NOW
) -> ArticleAnalysis:
    """Store VISIT with the analysis a crawl worker made of its page (None: an import, which has
    none); the findings stored."""
    page = FetchedArticle(
        url="https://harbour.example/visit",
        canonical_url="https://harbour.example/visit",
        outlet="Harbour Wire",
        text=VISIT,
        title="Visit",
        published=published,
        fetched_at=NOW,
    )
    with database.transaction() as session:
        stored = store_article(session, page)
        analyze_stored(session, stored, prepared)
    update_events(database)
    with database.session() as session:
        (event,) = list_events(session)
        _, (coverage,) = event_coverage(session, event.id)
    return coverage.analysis


def test_the_workers_analysis_is_stored_when_made_for_the_stored_day(database: Database) -> None:
    analysis = analyze_article(VISIT, NOW.date())
    only_entities = ArticleAnalysis(entities=analysis.entities[:1])
    assert store_prepared(database, PageAnalysis(NOW.date(), only_entities)) == only_entities


def test_the_text_is_analyzed_again_when_the_worker_saw_another_day(database: Database) -> None:
    # The page had no date of its own, so the worker resolved "on Sunday" against nothing; the article
    # is stored with its feed's day, and the findings must be those of that day.
    unresolved = analyze_article(VISIT, None)
    stored = store_prepared(database, PageAnalysis(None, unresolved))
    assert stored == analyze_article(VISIT, NOW.date())
    assert [d.resolved for d in stored.dates] == [NOW.date()] != [d.resolved for d in unresolved.dates]


# 01:30 on Sunday in Seoul is still Saturday in UTC: dates resolve against the publisher's day.
SEOUL_SUNDAY_NIGHT = datetime(2023, 9, 17, 1, 30, tzinfo=timezone(timedelta(hours=9)))


def test_the_workers_analysis_is_kept_for_the_publishers_day_not_the_utc_day(
    database: Database,
) -> None:
    sunday = SEOUL_SUNDAY_NIGHT.date()
    assert sunday == date(2023, 9, 17) != SEOUL_SUNDAY_NIGHT.astimezone(UTC).date()
    only_entities = ArticleAnalysis(entities=analyze_article(VISIT, sunday).entities[:1])
    assert store_prepared(database, PageAnalysis(sunday, only_entities), SEOUL_SUNDAY_NIGHT) == only_entities


def test_an_imported_page_is_analyzed_against_the_publishers_day(database: Database) -> None:
    stored = store_prepared(database, None, SEOUL_SUNDAY_NIGHT)
    assert stored == analyze_article(VISIT, date(2023, 9, 17))
    # Against the UTC day (Saturday), "on Sunday" would be the Sunday before.
    assert [d.resolved for d in stored.dates] == [date(2023, 9, 17)]


def test_findings_round_trip_through_storage(database: Database) -> None:
    article_id = store(database, "Harbour Wire", "visit", VISIT, 0)
    update_events(database)
    with database.session() as session:
        (event,) = list_events(session)
        _, (coverage,) = event_coverage(session, event.id)
    assert coverage.id == str(article_id)
    analyzed = analyze_article(VISIT, NOW.date())
    assert coverage.analysis == analyzed
    assert all(getattr(analyzed, kind) for kind in FINDING_TYPES)  # every kind was there to compare


def test_findings_stored_before_cue_classes_get_theirs_from_the_cue(database: Database) -> None:
    store(database, "Harbour Wire", "visit", VISIT, 0)
    with database.transaction() as session:  # as rows analyzed before the column existed are
        session.execute(update(Attribution).values(cue_class=None))
    update_events(database)
    with database.session() as session:
        (event,) = list_events(session)
        _, (coverage,) = event_coverage(session, event.id)
    assert coverage.analysis == analyze_article(VISIT, NOW.date())


def test_grouping_reads_every_article_as_the_reports_do_with_the_findings_it_uses(
    database: Database,
) -> None:
    visit = store(database, "Harbour Wire", "visit", VISIT, 0)
    again = store(database, "Eastern Daily", "visit", VISIT_AGAIN, -2)  # published first
    rates = store(database, "Eastern Daily", "rates", RATES, 3)
    store_unanalyzed(database, "late", RATES.replace("Thursday", "Friday"))  # no findings yet
    with database.transaction() as session:
        session.execute(update(Attribution).values(cue_class=None))  # as rows from before issue 16
        session.execute(update(Article).where(Article.id == rates).values(title=None, published=None))
        session.execute(update(Article).where(Article.id == rates).values(syndicated_from_id=again))
    with database.session() as session:
        read = grouping_coverage(session)
        articles = session.scalars(select(Article)).all()
        findings = current_findings(session, GROUPING_FINDINGS)
        expected = {str(a.id): coverage_of(a, findings.get(a.current_version_id or 0)) for a in articles}
    late = next(a.id for a in articles if a.id not in (visit, again, rates))
    # Publication order, ties by id, no date last.
    assert [article.id for article in read] == [str(i) for i in (again, visit, late, rates)]
    assert read == [expected[article.id] for article in read]
    assert read[-1].title == RATES.split(".")[0] and read[-1].syndicated_from == str(again)
    assert all(a.analysis.entities for a in read[:-2]) and not any(a.analysis.quantities for a in read)


def test_grouping_is_stable_when_rerun(database: Database) -> None:
    visit = store(database, "Harbour Wire", "visit", VISIT, 0)
    again = store(database, "Eastern Daily", "visit", VISIT_AGAIN, 2)
    rates = store(database, "Eastern Daily", "rates", RATES, 3)
    update_events(database)
    with database.session() as session:
        first = {e.key: sorted(m.article_id for m in e.members) for e in list_events(session)}
    update_events(database)
    with database.session() as session:
        second = {e.key: sorted(m.article_id for m in e.members) for e in list_events(session)}
    assert first == second
    assert sorted(first.values()) == sorted([[visit, again], [rates]])


def test_an_interrupted_analysis_is_completed_later(database: Database) -> None:
    with database.transaction() as session:
        stored = store_article(
            session,
            FetchedArticle(
                "https://harbour.example/x", "https://harbour.example/x", "Harbour Wire", VISIT, NOW
            ),
        )
    assert analyze_pending(database) == 1
    assert analyze_pending(database) == 0
    with database.session() as session:
        from newsprism.storage.models import ArticleVersion

        version = session.get(ArticleVersion, stored.version_id)
        assert version is not None and version.analyzed and version.attributions


# --- regrouping only when a grouping input changed ---------------------------------------------------


def grouped_at(database: Database) -> datetime | None:
    with database.session() as session:
        state = session.get(GroupingState, "events")
        return state.grouped_at if state else None


def memberships(database: Database) -> dict[str, list[int]]:
    with database.session() as session:
        return {e.key: sorted(m.article_id for m in e.members) for e in list_events(session)}


def test_a_pass_that_changed_nothing_does_not_regroup(database: Database) -> None:
    store(database, "Harbour Wire", "visit", VISIT, 0)
    store(database, "Eastern Daily", "visit", VISIT_AGAIN, 2)
    assert update_events(database) == 1
    first = grouped_at(database)
    assert first is not None
    assert update_events(database) == 1  # the count of the stored events, not of a regrouping
    assert grouped_at(database) == first
    before = memberships(database)
    assert update_events(database, force=True) == 1
    assert memberships(database) == before and (grouped_at(database) or first) > first


def store_unanalyzed(database: Database, slug: str, text: str) -> None:
    page = FetchedArticle(
        f"https://eastern.example/{slug}",
        f"https://eastern.example/{slug}",
        "Eastern Daily",
        text,
        NOW,
        title=text.split(".")[0],
        published=NOW,
    )
    with database.transaction() as session:
        store_article(session, page)


def reanalyze_in_place(database: Database, slug: str, text: str) -> None:
    with database.transaction() as session:
        article = session.scalars(select(Article).where(Article.url.endswith(slug))).one()
        assert article.current_version_id is not None and article.current_version
        assert article.current_version.analyzed
        save_findings(session, article.current_version_id, ArticleAnalysis())


CHANGES: dict[str, Callable[[Database], object]] = {
    "a new article": lambda f: store(f, "Eastern Daily", "rates", RATES, 3),
    "a new version": lambda f: store(f, "Harbour Wire", "visit", VISIT + " The train left at noon.", 0),
    "the analysis of a version stored earlier": analyze_pending,
    "a version analyzed again in place": lambda f: reanalyze_in_place(f, "visit", VISIT),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_every_change_of_a_grouping_input_regroups(database: Database, change: str) -> None:
    store(database, "Harbour Wire", "visit", VISIT, 0)
    store_unanalyzed(database, "late", RATES.replace("Thursday", "Friday"))
    update_events(database)
    first = grouped_at(database)
    CHANGES[change](database)
    update_events(database)
    regrouped = grouped_at(database)
    assert regrouped is not None and regrouped > (first or NOW)
    # What the skipped passes kept is what grouping everything again gives.
    kept = memberships(database)
    update_events(database, force=True)
    assert memberships(database) == kept


def test_a_new_grouping_rule_regroups_what_an_older_one_grouped(database: Database) -> None:
    store(database, "Harbour Wire", "visit", VISIT, 0)
    with database.session() as session:
        ours, older = grouping_inputs(session, "grouping 2"), grouping_inputs(session, "grouping 1")
    assert ours.articles == older.articles == 1
    assert ours.fingerprint != older.fingerprint


def test_jobs_ending_together_regroup_one_after_another(database: Database) -> None:
    # A schedule's jobs run on threads of one process and each ends with update_events; each
    # regrouping holds every article in memory, so they must not overlap.
    for hour, (outlet, text) in enumerate([("Harbour Wire", VISIT), ("Eastern Daily", VISIT_AGAIN)] * 15):
        store(database, outlet, f"story-{hour}", f"{text} Update {hour}.", hour)
    statements: list[tuple[int, str]] = []

    def note(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append((threading.get_ident(), statement))

    engine = database.engine
    sqlalchemy.event.listen(engine, "before_cursor_execute", note)
    start = threading.Barrier(4)

    def job() -> int:
        start.wait()
        return update_events(database)

    with ThreadPoolExecutor(4) as pool:
        counts = list(pool.map(lambda _: job(), range(4)))
    sqlalchemy.event.remove(engine, "before_cursor_execute", note)
    assert len(set(counts)) == 1 and counts[0] >= 1
    # Each thread's statements in one run: no regrouping started while another was going on.
    runs = [thread for n, (thread, _) in enumerate(statements) if n == 0 or statements[n - 1][0] != thread]
    assert len(runs) == len(set(runs)) == 4
    # The first regrouped; the others found its fingerprint and stopped there.
    recordings = [
        s for _, s in statements if s.lstrip().upper().startswith(("INSERT INTO GROUPING", "UPDATE GROUPING"))
    ]
    assert len(recordings) == 1


POP_UP = (
    "Just One More Thing...\n\nWe have sent you a verification email. Please check your email and click "
    "on the link to activate your profile.\n\nIf you do not receive the verification message within a "
    "few minutes of signing up, please check your Spam or Junk folder.\n\nClose"
)
POP_UP_TITLES = [
    "Council approves new budget for harbour repairs",
    "Heat wave closes three schools in Brenton",
    "Ferry service to Gull Island resumes after storm",
    "Brenton library opens its new reading room",
    "Police seek driver after crash on river bridge",
    "Farmers market moves to the old rail yard",
    "Brenton marathon draws record field",
    "Water main break floods Pike Street",
]


def store_page(database: Database, outlet: str, slug: str, title: str, text: str, days: float) -> int:
    url = f"https://{outlet.lower()}.example/{slug}"
    page = FetchedArticle(
        url=url,
        canonical_url=url,
        outlet=outlet,
        text=text,
        title=title,
        published=NOW + timedelta(days=days),
        fetched_at=NOW + timedelta(days=days, hours=1),
    )
    with database.transaction() as session:
        save_outlet(session, OutletInfo(outlet))
        stored = store_article(session, page)
        analyze_stored(session, stored)
    return stored.article_id


def test_pages_of_one_pop_up_stored_as_copies_are_never_chained_into_one_event(
    database: Database,
) -> None:
    # Storage links each page to the first that carried the same text at another outlet; months apart,
    # and with no story of their own, those links hold nothing together.
    for n, title in enumerate(POP_UP_TITLES):
        store_page(database, ("Gazette", "Courier", "Sentinel")[n % 3], f"story-{n}", title, POP_UP, 45 * n)
    with database.session() as session:
        assert sum(a.syndicated_from_id is not None for a in session.scalars(select(Article))) >= 5
    update_events(database)
    with database.session() as session:
        events = list_events(session)
        moments = [[m.article.published for m in e.members if m.article.published] for e in events]
    spans = [max(times) - min(times) for times in moments if times]
    assert len(spans) == len(POP_UP_TITLES) and max(spans) <= timedelta(days=WINDOW_DAYS)


def test_a_near_identical_copy_at_another_outlet_is_linked_and_counts_once(
    database: Database,
) -> None:
    story = VISIT + " " + VISIT_AGAIN + " " + RATES
    original = store_page(database, "Gazette", "visit", "Kim leaves Russia", story, 0)
    copy = store_page(database, "Courier", "visit", "Kim heads home", "SEOUL (Courier) - " + story, 0.2)
    update_events(database)
    with database.session() as session:
        (event,) = list_events(session)
        _, coverage = event_coverage(session, event.id)
    links = [(a.id, a.syndicated_from) for a in coverage]
    assert links == [(str(original), None), (str(copy), str(original))]
    assert [a.id for a in independent_articles(coverage)] == [str(original)]
