"""What the web answers a user who mistypes a filter, looks for the API's description or follows an
article's link after its page is gone (issue 17): an unknown outlet or event is said to be unknown on
every door (never an empty result), the search form has the filters of `newsprism search`, `/docs` and
`/api` describe the API, and the page as fetched is kept at `/articles/{id}/copy`."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from newsroom_db import NOW, RARE_WORD, Newsroom

from newsprism.storage.articles import FetchedArticle, store_article


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        pytest.param("/api/search?q=cyclone&outlet=Nope", "no outlet named 'Nope'", id="api-search-outlet"),
        pytest.param("/api/articles?outlet=Nope", "no outlet named 'Nope'", id="api-articles-outlet"),
        pytest.param("/api/articles?q=cyclone&outlet=Nope", "no outlet named 'Nope'", id="api-q"),
        pytest.param("/api/sources?outlet=Nope", "no outlet named 'Nope'", id="api-sources-outlet"),
        pytest.param("/api/search?q=cyclone&event=999999", "no event with id 999999", id="api-search-event"),
    ],
)
def test_the_api_names_an_unknown_outlet_or_event(client: httpx.Client, path: str, reason: str) -> None:
    response = client.get(path)
    assert (response.status_code, response.json()) == (404, {"error": reason})


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/search?outlet=Nope", id="no-words"),
        pytest.param("/search?q=cyclone&outlet=Nope", id="words"),
        pytest.param("/search?q=cyclone&event=999999", id="event"),
    ],
)
def test_the_search_page_says_an_unknown_outlet_or_event_is_unknown(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    said = re.search(r'<div class="card error"><p>(.*?)</p>', response.text)
    assert said is not None and said.group(1) in ("no outlet named &#39;Nope&#39;", "no event with id 999999")
    assert '<form class="filters"' in response.text  # the form is there to correct it


def test_the_search_form_offers_every_filter_of_the_command_line(client: httpx.Client) -> None:
    page = client.get("/search").text
    names = set(re.findall(r'name="(\w+)"', page[page.index('<form class="filters"') :]))
    assert {"q", "outlet", "since", "until", "source", "speaker", "event"} <= names
    options = re.findall(r"<option(?: selected)?>([^<]*)</option>", page)
    assert {"Harbour Wire", "Eastern Daily"} <= set(options)


def _hit_ids(page: str) -> list[int]:
    return [int(found) for found in re.findall(r'<h2[^>]*><a href="/articles/(\d+)"', page)]


@pytest.mark.parametrize(
    ("q", "filters"),
    [
        pytest.param("cyclone", {"source": "Red Crescent"}, id="source"),
        pytest.param("cyclone", {"speaker": "voss", "outlet": "Eastern Daily"}, id="speaker-and-outlet"),
        pytest.param(f"cyclone OR {RARE_WORD}", {"since": "2024-05-01", "until": "2024-05-03"}, id="dates"),
        pytest.param(RARE_WORD, {"event": "EVENT"}, id="event"),
    ],
)
def test_the_search_page_filters_as_the_api_does(
    client: httpx.Client, newsroom: Newsroom, q: str, filters: dict[str, str]
) -> None:
    filters = {k: str(newsroom.event_id) if v == "EVENT" else v for k, v in filters.items()}
    # A submitted form sends every field, the unused ones empty: those must mean "any".
    blank = {"outlet": "", "since": "", "until": "", "source": "", "speaker": "", "event": ""}
    query = "&".join(f"{k}={quote(v)}" for k, v in {"q": q, **blank, **filters}.items())
    page = client.get(f"/search?{query}")
    unfiltered = client.get(f"/search?q={q}")
    api = client.get("/api/search", params={"q": q, **filters}).json()
    assert page.status_code == 200, page.text[:500]
    assert sorted(_hit_ids(page.text)) == sorted(hit["id"] for hit in api["hits"])
    assert len(_hit_ids(page.text)) < len(_hit_ids(unfiltered.text))


def test_an_event_that_is_not_a_number_is_a_400_page(client: httpx.Client) -> None:
    response = client.get("/search?q=cyclone&event=last")
    assert response.status_code == 400 and "event must be an event id" in response.text


def test_docs_page_describes_every_endpoint_without_a_script(client: httpx.Client) -> None:
    document = client.get("/openapi.json").json()
    response = client.get("/docs")
    assert response.status_code == 200 and "<script" not in response.text
    assert "script-src" not in response.headers["content-security-policy"]
    for path, operations in document["paths"].items():
        assert f"<code>GET {path}</code>" in response.text, path
        for parameter in operations["get"].get("parameters", []):
            assert f"<code>{parameter['name']}</code>" in response.text, (path, parameter["name"])


def test_api_index_lists_the_endpoints_the_openapi_document_has(client: httpx.Client) -> None:
    index = client.get("/api")
    assert index.status_code == 200
    paths = {endpoint["path"] for endpoint in index.json()["endpoints"]}
    assert paths == set(client.get("/openapi.json").json()["paths"])
    assert (index.json()["docs"], index.json()["openapi"]) == ("/docs", "/openapi.json")


def test_every_web_path_the_readme_names_is_served(client: httpx.Client, newsroom: Newsroom) -> None:
    # The README once listed `/api`, which answered 404.
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    named = set(re.findall(r"`(/[a-z][\w/{}.-]*)(?:\?[^`]*)?`", readme))
    assert {"/api", "/docs", "/openapi.json", "/search"} <= named
    for path in named:
        answered = client.get(path.replace("{id}", str(newsroom.event_id)))
        assert answered.status_code != 404, f"the README names {path}, which answers 404"


def test_the_page_as_fetched_is_served_sandboxed_and_named_when_absent(
    client: httpx.Client, newsroom: Newsroom
) -> None:
    # The demo's "original" links die with its server, and real pages change or vanish: the page kept
    # at fetch time stays readable, without running its scripts or loading anything from elsewhere.
    page = f"<html><body><article><h1>Kept</h1><p>{RARE_WORD} kept.</p><script>alert(7)</script></article>"
    with newsroom.database.transaction() as session:
        stored = store_article(
            session,
            FetchedArticle(
                url="https://wire.example/kept",
                canonical_url="https://wire.example/kept",
                outlet="Harbour Wire",
                text=f"{RARE_WORD} kept.",
                fetched_at=NOW,
                title="Kept page",
                html=page,
            ),
        )
    copy = client.get(f"/articles/{stored.article_id}/copy")
    assert copy.status_code == 200 and copy.text == page
    policy = copy.headers["content-security-policy"]
    assert policy.startswith("sandbox;") and "default-src 'none'" in policy and "script-src" not in policy
    assert f'href="/articles/{stored.article_id}/copy"' in client.get(f"/articles/{stored.article_id}").text
    imported = client.get(f"/articles/{newsroom.rates_id}/copy")
    assert imported.status_code == 404 and "imported as text" in imported.text
    assert client.get("/articles/999999/copy").status_code == 404
