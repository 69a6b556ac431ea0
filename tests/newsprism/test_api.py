"""The HTTP API and the pages over a real SQLite file (and PostgreSQL for search): every endpoint
answers, unknown ids are 404s, bad input 400s with a reason, hostile text comes out escaped."""

from __future__ import annotations

import threading
from dataclasses import fields
from datetime import timedelta
from urllib.parse import quote

import httpx
import pytest
from newsroom_db import (
    CYCLONE,
    HOSTILE_OUTLET,
    IMG,
    NOW,
    RARE_WORD,
    SCRIPT,
    Newsroom,
    _page,
    _store_analyzed,
    build_newsroom,
    live_server,
)
from sqlalchemy import update

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.findings import FINDING_TYPES
from newsprism.errors import NotFoundError
from newsprism.reports import render_event_report
from newsprism.storage.articles import FetchedArticle, store_article
from newsprism.storage.events import EventMembership, save_events
from newsprism.storage.findings import save_findings
from newsprism.storage.models import Attribution
from newsprism.web import api, queries
from newsprism.web.app import create_app

HOSTILE_MARKUP = [SCRIPT, IMG, "<img src=x", "<b onmouseover", 'href="javascript:']


def _ok_paths(n: Newsroom) -> list[str]:
    return [
        "/api/articles",
        "/api/articles?outlet=Eastern%20Daily&since=2024-05-01&until=2024-05-04&limit=5&offset=0",
        "/api/articles?q=cyclone",
        f"/api/articles/{n.rates_id}",
        "/api/events",
        "/api/events?since=2024-05-01",
        f"/api/events/{n.event_id}/report",
        "/api/search?q=cyclone",
        f"/api/search?q=cyclone&outlet=Harbour%20Wire&since=2024-05-01&until=2024-05-05&event={n.event_id}",
        "/api/search?q=cyclone&speaker=voss",
        "/api/outlets",
        "/api/sources",
        "/api/sources?outlet=Harbour%20Wire",
        "/openapi.json",
        "/",
        f"/events/{n.event_id}",
        f"/articles/{n.rates_id}",
        f"/articles/{n.hostile_id}",
        f"/articles/{n.cyclone_ids[0]}",
        f"/events/{n.event_id}?type=numeric_conflict&type=omission",
        "/outlets/Harbour%20Wire",
        "/outlets/" + quote(HOSTILE_OUTLET, safe=""),
        "/search",
        "/search?q=cyclone",
        "/search?q=cyclone&outlet=Eastern%20Daily",
    ]


def test_every_endpoint_answers(client: httpx.Client, newsroom: Newsroom) -> None:
    for path in _ok_paths(newsroom):
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:300])


def test_openapi_lists_every_endpoint(client: httpx.Client) -> None:
    document = client.get("/openapi.json").json()
    assert set(document["paths"]) == {
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/events",
        "/api/events/{event_id}/report",
        "/api/search",
        "/api/outlets",
        "/api/sources",
    }
    for path in document["paths"].values():
        answer = path["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert answer, path


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/999999",
        "/api/events/999999/report",
        "/api/nowhere",
        "/articles/999999",
        "/events/999999",
        "/nowhere",
    ],
)
def test_unknown_is_404_with_a_reason(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    if path.startswith("/api"):
        assert response.json()["error"]
    else:
        assert "text/html" in response.headers["content-type"] and "Not found" in response.text


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ('/api/search?q="unbalanced', "closing quote"),
        ("/api/search?q=AND OR (", "must stand between two words"),
        ("/api/search?q=", "q"),
        ("/api/search", "q"),
        ("/api/search?q=" + "x" * 600, "q"),
        ("/api/search?q=cyclone&since=yesterday", "since must be a date"),
        ("/api/search?q=cyclone&until=2024-13-01", "until must be a date"),
        ("/api/search?q=cyclone&outlet=%00", "outlet"),
        ("/api/search?q=cyclone&event=abc", "event"),
        ("/api/articles?limit=0", "limit"),
        ("/api/articles?limit=abc", "limit"),
        ("/api/articles?offset=-1", "offset"),
        ("/api/articles?q=-only", "only exclude"),
        ("/api/articles/abc", "article_id"),
        ("/api/articles/99999999999999999999999", "article_id"),
        ("/api/events?since=soon", "since"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=1000", "limit"),
        ("/api/events?offset=-3", "offset"),
        ("/api/events/0/report", "event_id"),
        ("/api/events/abc/report", "event_id"),
        ("/api/articles?limit=-1", "limit"),
        ("/api/articles?offset=99999999999999999999", "offset"),
        ("/api/articles?until=2024-02-30", "until must be a date"),
        ("/api/search?q=cyclone&limit=-1", "limit"),
        ("/api/sources?since=garbage", "since must be a date"),
    ],
)
def test_bad_input_is_400_with_a_reason(client: httpx.Client, path: str, reason: str) -> None:
    response = client.get(path)
    assert response.status_code == 400, response.text
    assert reason in response.json()["error"]


@pytest.mark.parametrize("path", ['/search?q="unbalanced', "/search?q=AND OR (", "/search?q=x&since=never"])
def test_bad_search_page_is_400_page(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400 and "Cannot answer that" in response.text


def test_search_finds_a_rare_word_and_highlights_it(client: httpx.Client, newsroom: Newsroom) -> None:
    found = client.get("/api/search", params={"q": RARE_WORD.lower()}).json()
    assert [hit["id"] for hit in found["hits"]] == [newsroom.rates_id]
    hit = found["hits"][0]
    assert [hit["snippet"][a:b] for a, b in hit["highlights"]] == [RARE_WORD]
    assert found["facets"]["outlet"] == {"Harbour Wire": 1}


def test_search_facets_count_every_outlet(client: httpx.Client) -> None:
    found = client.get("/api/search", params={"q": "cyclone", "outlet": "Eastern Daily"}).json()
    assert found["total"] == 1
    assert sorted(found["facets"]["outlet"].values()) == [1, 1, 1]


@pytest.mark.parametrize("kind", queries.ANSWERED_FINDINGS)
def test_the_findings_models_are_made_from_the_dataclasses(kind: str) -> None:
    # A field added to a finding is described and answered without anyone writing it here.
    models = {"attributions": api.AttributionOut, "quantities": api.QuantityOut, "entities": api.EntityOut}
    model = models[kind]
    answered = [f.name for f in fields(FINDING_TYPES[kind]) if f.name not in queries.FIELDS_NOT_ANSWERED]
    assert list(model.model_fields) == answered


def test_findings_stored_without_a_cue_class_are_answered_with_null(
    client: httpx.Client, newsroom: Newsroom
) -> None:
    with newsroom.database.transaction() as session:  # as rows analyzed before the column existed are
        session.execute(update(Attribution).values(cue_class=None))
    article = client.get(f"/api/articles/{newsroom.cyclone_ids[0]}").json()
    assert article["attributions"] and {a["cue_class"] for a in article["attributions"]} == {None}


def test_article_has_versions_and_findings(client: httpx.Client, newsroom: Newsroom) -> None:
    article = client.get(f"/api/articles/{newsroom.cyclone_ids[0]}").json()
    assert article["outlet"] == "Harbour Wire" and article["event"] == newsroom.event_id
    assert any(a["speaker_resolved"] == "Elena Voss" for a in article["attributions"])
    assert {a["cue_class"] for a in article["attributions"]} <= {
        "speech",
        "belief",
        "intention",
        "perception",
        "document",
    }
    assert any(q["value"] == 12 for q in article["quantities"])
    for finding in article["attributions"] + article["quantities"]:
        assert 0 <= finding["start"] < finding["end"] <= len(article["text"])
    rates = client.get(f"/api/articles/{newsroom.rates_id}").json()
    assert [v["number"] for v in rates["versions"]] == [1, 2] and "rallied" in rates["text"]


def test_article_page_shows_the_diff(client: httpx.Client, newsroom: Newsroom) -> None:
    page = client.get(f"/articles/{newsroom.rates_id}").text
    assert "<del>9 </del>" in page or "<del>9" in page
    assert "<ins>9.5" in page and "rallied" in page


def test_sources_say_who_cites_whom(client: httpx.Client) -> None:
    sources = client.get("/api/sources").json()
    voss = next(s for s in sources if s["source"] == "Elena Voss")
    assert voss["cited_by"]["Harbour Wire"] >= 1 and voss["citations"] == sum(voss["cited_by"].values())


def test_report_and_event_page_show_the_divergences(client: httpx.Client, newsroom: Newsroom) -> None:
    report = client.get(f"/api/events/{newsroom.event_id}/report").json()
    assert report["divergences"], "the planted death-toll conflict is found"
    page = client.get(f"/events/{newsroom.event_id}").text
    assert page.count('class="card divergence"') == len(report["divergences"])
    assert report["divergences"][0]["summary"].split()[0] in page


def test_hostile_text_is_escaped_on_every_page(client: httpx.Client, newsroom: Newsroom) -> None:
    pages = [p for p in _ok_paths(newsroom) if not p.startswith(("/api", "/openapi"))]
    pages += [
        "/search?q=" + SCRIPT,
        "/search?q=alert",
        f"/search?q=cyclone&outlet={IMG}",
        "/nowhere" + SCRIPT,
    ]
    for path in pages:
        response = client.get(path)
        for markup in HOSTILE_MARKUP:
            assert markup not in response.text, (path, markup)
        if "text/html" in response.headers["content-type"]:
            assert "script-src" not in response.headers["content-security-policy"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/articles/{newsroom.hostile_id}").text


def test_searches_answer_while_a_crawl_writes(client: httpx.Client, newsroom: Newsroom) -> None:
    stop = threading.Event()

    def crawl() -> None:
        n = 0
        while not stop.is_set():
            with newsroom.database.transaction() as session:
                url = f"https://wire.example/live/{n}"
                text = f"Live update {n}: Cyclone Marla moves north over the islands."
                store_article(
                    session, FetchedArticle(url, url, "Harbour Wire", text, NOW + timedelta(minutes=n))
                )
            n += 1

    writer = threading.Thread(target=crawl)
    writer.start()
    try:
        statuses = [client.get("/api/search", params={"q": "cyclone"}).status_code for _ in range(40)]
    finally:
        stop.set()
        writer.join()
    assert statuses == [200] * 40
    assert client.get("/api/search", params={"q": "live"}).json()["total"] > 0


@pytest.mark.postgres
def test_search_api_on_postgres(postgres_url: str) -> None:
    made = build_newsroom(postgres_url)
    try:
        with live_server(create_app(made.database)) as base, httpx.Client(base_url=base, timeout=30) as pg:
            found = pg.get("/api/search", params={"q": RARE_WORD}).json()
            assert [hit["id"] for hit in found["hits"]] == [made.rates_id]
            assert pg.get("/api/search", params={"q": '"unbalanced'}).status_code == 400
            assert pg.get("/api/search", params={"q": "cyclone", "outlet": "\x00"}).status_code == 400
    finally:
        made.database.close()


def test_hostile_text_is_escaped_in_the_html_report(newsroom: Newsroom) -> None:
    with newsroom.database.session() as session:
        page = render_event_report(session, newsroom.event_id, "html")
    for markup in HOSTILE_MARKUP:
        assert markup not in page, markup


def test_search_says_whether_the_total_is_counted(client: httpx.Client) -> None:
    found = client.get("/api/search", params={"q": "cyclone"}).json()
    assert found["total_is_estimate"] is False and found["facets_are_estimates"] is False
    assert found["ranked_newest"] is None
    assert client.get("/api/articles", params={"q": "cyclone"}).json()["total_is_estimate"] is False


def test_search_page_shows_an_estimate_and_the_ranking_window(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = queries.search_json

    def estimated(*args: object, **kwargs: object) -> dict[str, object]:
        result = counted(*args, **kwargs)  # type: ignore[arg-type]
        return {**result, "total_is_estimate": True, "ranked_newest": 1000, "facets_are_estimates": True}

    monkeypatch.setattr(queries, "search_json", estimated)
    page = client.get("/search", params={"q": "cyclone"}).text
    assert "About " in page and "Ranked among the 1000 most recent matches." in page
    assert "(about " in page


def test_the_events_page_pages_through_every_event_in_the_listed_order(
    client: httpx.Client, newsroom: Newsroom
) -> None:
    with newsroom.database.transaction() as session:
        memberships = []
        for n in range(45):
            url = f"https://wire.example/extra/{n}"
            title = f"Extra story {n:02d}"
            page = FetchedArticle(
                url, url, "Harbour Wire", f"{title}.", NOW, title=title, published=NOW - timedelta(days=n)
            )
            memberships.append(
                EventMembership(f"extra-{n}", title, [store_article(session, page).article_id])
            )
        save_events(session, memberships)
    listed = [(event["id"], event["title"]) for event in client.get("/api/events").json()]
    assert len(listed) > 2 * 20
    shown = []
    for number in (1, 2, 3):
        html = client.get(f"/?page={number}").text
        assert f"{len(listed)} events" in html and f"page {number} of 3" in html
        assert ("older →" in html) == (number < 3) and ("← newer" in html) == (number > 1)
        links = [(html.find(f'href="/events/{ident}"'), ident, title) for ident, title in listed]
        shown += [(ident, title) for _, ident, title in sorted(link for link in links if link[0] >= 0)]
    assert shown == listed
    paged = [client.get(f"/api/events?limit=7&offset={offset}").json() for offset in range(0, len(listed), 7)]
    assert [(event["id"], event["title"]) for page in paged for event in page] == listed
    past_offset = client.get("/api/events?offset=30")
    assert past_offset.status_code == 200
    assert [(event["id"], event["title"]) for event in past_offset.json()] == listed[30:]


def test_a_report_is_built_again_only_when_an_article_of_its_event_changes(newsroom: Newsroom) -> None:
    cache = queries.ReportCache()
    with newsroom.database.session() as session:
        first = queries.report_json(session, newsroom.event_id, cache)
        again = queries.report_json(session, newsroom.event_id, cache)
    assert again == first and (cache.hits, len(cache)) == (1, 1)
    again["divergences"].clear()  # what a caller does with its copy stays its own
    with newsroom.database.session() as session:
        assert queries.report_json(session, newsroom.event_id, cache) == first
    # Eastern Daily corrects its death toll: a new version of one article of the event.
    url, outlet, title, text = CYCLONE[1]
    with newsroom.database.transaction() as session:
        corrected = _page(url, outlet, title, text.replace("15", "18"), hours_ago=2, fetched=NOW)
        assert _store_analyzed(session, corrected) == newsroom.cyclone_ids[1]
    with newsroom.database.session() as session:
        rebuilt = queries.report_json(session, newsroom.event_id, cache)
        assert rebuilt == queries.report_json(session, newsroom.event_id)  # as built without a cache
    assert cache.hits == 2 and len(cache) == 2
    assert "18" in str(rebuilt["divergences"]) and "18" not in str(first["divergences"])


def test_the_report_cache_keeps_the_most_recently_used(newsroom: Newsroom) -> None:
    cache = queries.ReportCache(size=1)
    with newsroom.database.session() as session:
        queries.report_json(session, newsroom.event_id, cache)
        with pytest.raises(NotFoundError, match="no event with id 999"):
            queries.report_json(session, 999, cache)
        assert len(cache) == 1
        queries.report_json(session, newsroom.event_id, cache)
    assert cache.hits == 1


def test_a_report_built_before_its_articles_were_analyzed_is_built_again_after(newsroom: Newsroom) -> None:
    # A version stored without its analysis (a run killed between the two, an older newsprism) is
    # analyzed by the next run: the report must then show its findings.
    cache = queries.ReportCache()
    url, outlet, title, text = CYCLONE[1]
    corrected = _page(url, outlet, title, text.replace("15", "18"), hours_ago=2, fetched=NOW)
    with newsroom.database.transaction() as session:
        version_id = store_article(session, corrected).version_id
    with newsroom.database.session() as session:
        unanalyzed = queries.report_json(session, newsroom.event_id, cache)
    with newsroom.database.transaction() as session:
        save_findings(session, version_id, analyze_article(corrected.text, NOW.date()))
    with newsroom.database.session() as session:
        analyzed = queries.report_json(session, newsroom.event_id, cache)
        assert analyzed == queries.report_json(session, newsroom.event_id)
    assert cache.hits == 0 and analyzed != unanalyzed
