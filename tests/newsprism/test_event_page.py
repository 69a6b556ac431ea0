"""The event, article and outlet pages read as HTML (lxml), served by a real uvicorn over real SQLite:
the hooks INTERFACE.md fixes (`data-type`, `?type=`, `<mark class="value">`, `#at-{start}-{end}`),
the charts, the outlet page, and the static report drawn from the same templates. No browser needed,
so these run wherever the suite runs; tests/newsprism/test_browser_pages.py repeats the key ones in
Chromium."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import quote, urlencode, urljoin

import httpx
import lxml.html
import pytest
from lxml.html import HtmlElement
from newsroom_db import (
    CYCLONE,
    HOSTILE_OUTLET,
    NOW,
    DemoSite,
    Newsroom,
    _page,
    _store_analyzed,
)

from newsprism.compare.reports.style import TYPE_STYLES
from newsprism.reports import render_event_report

EVIDENCE_HREF = re.compile(r"^/articles/(\d+)#(at-(\d+)-(\d+))$")
ISO_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


@pytest.fixture(scope="module")
def demo(demo_site: DemoSite) -> Iterator[tuple[DemoSite, httpx.Client]]:
    with httpx.Client(base_url=demo_site.base, timeout=60) as made:
        yield demo_site, made


def page(client: httpx.Client, path: str) -> HtmlElement:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    return lxml.html.fromstring(response.text)


def cards(tree: HtmlElement) -> list[HtmlElement]:
    return list(tree.cssselect("section.card.divergence"))


def words(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


# --- the event page's hooks, on the demo's most covered event --------------------------------------


def test_every_divergence_is_a_typed_card_in_its_type_group(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    tree = page(client, f"/events/{site.event_id}")
    shown = cards(tree)
    assert len(shown) == len(site.report["divergences"]) > 0
    assert Counter(c.get("data-type") for c in shown) == Counter(
        d["type"] for d in site.report["divergences"]
    )
    for card in shown:
        group = card.getparent()
        assert group.get("id") == f"type-{card.get('data-type')}"
    # One group per type, in the legend's order (facts first, gaps last).
    groups = [g.get("id").removeprefix("type-") for g in tree.cssselect("section.type-group")]
    assert groups == [t for t in TYPE_STYLES if t in groups] and len(groups) == len(set(groups))


def test_severity_is_written_as_a_number(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    tree = page(client, f"/events/{site.event_id}")
    written = sorted(float(s.text) for s in tree.cssselect(".severity-value"))
    assert written == sorted(round(float(d["severity"]), 2) for d in site.report["divergences"])


@pytest.mark.parametrize(
    "types",
    [pytest.param(["numeric_conflict"], id="one"), pytest.param(["omission", "quote_wording"], id="two")],
)
def test_type_filter_shows_only_those_types(demo: tuple[DemoSite, httpx.Client], types: list[str]) -> None:
    site, client = demo
    tree = page(client, f"/events/{site.event_id}?" + urlencode([("type", t) for t in types]))
    expected = [d for d in site.report["divergences"] if d["type"] in types]
    assert expected, "the demo's event has divergences of these types"
    assert sorted(c.get("data-type") for c in cards(tree)) == sorted(d["type"] for d in expected)
    checked = {box.get("value") for box in tree.cssselect("form.types input[checked]")}
    assert checked == set(types)


def test_filter_form_works_without_javascript(demo: tuple[DemoSite, httpx.Client]) -> None:
    # What a browser without scripts does: the form's GET, with the boxes ticked, to the form's action.
    site, client = demo
    tree = page(client, f"/events/{site.event_id}")
    (form,) = tree.cssselect("form.types")
    assert form.get("method") == "get" and not tree.cssselect("script")
    boxes = {box.get("value"): box for box in form.cssselect("input[type=checkbox][name=type]")}
    assert set(boxes) == {d["type"] for d in site.report["divergences"]}
    assert all(box.getparent().tag == "label" for box in boxes.values())  # each box is named by its label
    action = urljoin(f"/events/{site.event_id}", form.get("action")).split("#")[0]
    tree = page(client, action + "?" + urlencode({"type": "unique_claim"}))
    assert {c.get("data-type") for c in cards(tree)} == {"unique_claim"}
    (show_all,) = tree.cssselect("form.types a.all")
    assert len(cards(page(client, show_all.get("href")))) == len(site.report["divergences"])


def test_one_link_hides_what_only_one_outlet_reports(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    (link,) = page(client, f"/events/{site.event_id}").cssselect("form.types a.hide-unique")
    shown = [c.get("data-type") for c in cards(page(client, link.get("href")))]
    expected = [d["type"] for d in site.report["divergences"] if d["type"] != "unique_claim"]
    assert sorted(shown) == sorted(expected) and len(expected) < len(site.report["divergences"])


def test_each_type_group_links_to_itself_alone(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    tree = page(client, f"/events/{site.event_id}")
    for link in tree.cssselect("section.type-group a.only"):
        kind = link.getparent().getparent().get("id").removeprefix("type-")
        assert {c.get("data-type") for c in cards(page(client, link.get("href")))} == {kind}


def test_an_unknown_type_is_a_400_not_an_empty_page(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    response = client.get(f"/events/{site.event_id}?type=rumour")
    assert response.status_code == 400 and "rumour" in response.text


def test_the_compared_value_is_marked_in_its_sentence(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    tree = page(client, f"/events/{site.event_id}")
    (card,) = [c for c in cards(tree) if "kamikaze drones" in words(c.cssselect("p > strong")[0])]
    marks = [words(m).lower() for m in card.cssselect("blockquote.claim mark.value")]
    assert sorted(marks) == ["five kamikaze drones"] * 3 + ["six kamikaze drones"]
    # A reworded quote: its words are marked in each outlet's sentence despite the comma between them.
    (quote_card,) = [c for c in cards(tree) if c.get("data-type") == "quote_wording"]
    marked = [words(m) for m in quote_card.cssselect("mark.value")]
    assert len(marked) == 2 and all(
        m.startswith("A great deal was discussed, and all of it was") for m in marked
    )


def test_a_reworded_quote_shows_its_word_diff(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    tree = page(client, f"/events/{site.event_id}")
    (card,) = [c for c in cards(tree) if c.get("data-type") == "quote_wording"]
    (diff,) = card.cssselect(".word-diff")
    changed = [words(d) for d in diff.cssselect("del")] + [words(i) for i in diff.cssselect("ins")]
    assert sorted(changed) == ["practical", "promising"]  # one word each way, the rest shared
    assert "[-" not in words(diff) and "{+" not in words(diff)


def test_every_column_names_the_outlets_kind(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    tree = page(client, f"/events/{site.event_id}")
    for card in cards(tree):
        badges = [words(h.cssselect(".kind")[0]) for h in card.cssselect(".col h4")]
        assert len(badges) == len(site.outlets)
    coverage = {
        words(h.cssselect("a")[0]): words(h.cssselect(".kind")[0]) for h in tree.cssselect("section.col h3")
    }
    assert coverage["Meridian Wire"] == "news agency" and coverage["Chollima News Service"] == "state media"


def test_legend_names_every_type_in_words_and_colours_differ(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    tree = page(client, f"/events/{site.event_id}")
    legend = [words(item) for item in tree.cssselect("ul.legend[aria-label] li")]
    present = {d["type"] for d in site.report["divergences"]}
    assert len(legend) == len(present)
    for style in (TYPE_STYLES[kind] for kind in present):
        assert any(item.startswith(style.label.upper()) or style.label in item for item in legend)
    css = "".join(tree.xpath("//style/text()"))
    colours = {
        kind: re.search(rf"\.badge\.t-{kind}[^{{]*\{{ background:(#[0-9a-f]{{6}})", css)
        for kind in TYPE_STYLES
    }
    assert all(colours.values()) and len({m.group(1) for m in colours.values() if m}) == len(TYPE_STYLES)


# --- evidence anchored in the article page ------------------------------------------------------------


def test_every_evidence_link_lands_on_its_sentence(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    tree = page(client, f"/events/{site.event_id}")
    links = [a.get("href") for a in tree.cssselect("blockquote.claim a.evidence")]
    assert len(links) == sum(len(d["claims"]) for d in site.report["divergences"])
    articles: dict[str, HtmlElement] = {}
    for href in set(links):
        found = EVIDENCE_HREF.match(href)
        assert found, href
        article_id, anchor, start, end = found.groups()
        if article_id not in articles:
            articles[article_id] = page(client, f"/articles/{article_id}")
        text = client.get(f"/api/articles/{article_id}").json()["text"]
        (target,) = articles[article_id].xpath(f'//*[@id="{anchor}"]')
        assert words(target).startswith(" ".join(text[int(start) : int(end)].split()))


def test_article_anchors_are_unique_and_the_text_whole(client: httpx.Client, newsroom: Newsroom) -> None:
    article_id = newsroom.cyclone_ids[0]
    tree = page(client, f"/articles/{article_id}")
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    (text,) = tree.cssselect("div.text")
    assert text.text_content() == client.get(f"/api/articles/{article_id}").json()["text"]
    (evidence,) = text.cssselect(".evidence[id^=at-]")
    assert words(evidence) == CYCLONE[0][3].split("\n")[0]


# --- the pictures --------------------------------------------------------------------------------------


def test_source_chart_draws_every_citation_and_fits_its_card(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    tree = page(client, f"/events/{site.event_id}")
    (svg,) = tree.cssselect("figure.reliance svg")
    assert svg.get("width") == "100%"  # never a fixed width wider than a phone's card
    drawn = {
        row.get("data-outlet"): sum(int(r.get("data-count")) for r in row.cssselect("rect"))
        for row in svg.cssselect("g.row")
    }
    cited: Counter[str] = Counter()
    for source in site.report["sources"]:
        cited.update(source["cited_by"])
    assert drawn == {outlet: cited[outlet] for outlet in site.outlets}
    for rect in svg.cssselect("rect"):
        assert float(rect.get("x").rstrip("%")) + float(rect.get("width").rstrip("%")) <= 100.01
    long_names = [s["source"] for s in site.report["sources"] if len(s["source"]) > 28]
    assert long_names and all(name in words(svg.cssselect("desc")[0]) for name in long_names)


def test_timeline_marks_each_article_and_its_later_versions(client: httpx.Client, newsroom: Newsroom) -> None:
    # A second version of the Harbour Wire article, fetched a day later with a corrected toll.
    url, outlet, title, text = CYCLONE[0]
    with newsroom.database.transaction() as session:
        fetched = NOW + timedelta(days=1)
        _store_analyzed(
            session, _page(url, outlet, title, text.replace("12 people", "14 people"), 3, fetched)
        )
    tree = page(client, f"/events/{newsroom.event_id}")
    (svg,) = tree.cssselect("figure.timeline svg")
    rows = {row.get("data-outlet"): row for row in svg.cssselect("g.row")}
    assert len(svg.cssselect("circle.article")) == len(CYCLONE)
    (version,) = rows["Harbour Wire"].cssselect("rect.version")
    assert version.getparent().get("href") == f"/articles/{newsroom.cyclone_ids[0]}"
    assert "version 2" in words(version) and not ISO_TIMESTAMP.search(words(svg))
    # The corrected version came last: it ends the line; every publication sits before it.
    xs = [float(c.get("cx").rstrip("%")) for c in svg.cssselect("circle.article")]
    assert float(version.get("x").rstrip("%")) == 98.0 and all(2.0 <= x < 98.0 for x in xs)


# --- the outlet page ----------------------------------------------------------------------------------


def test_outlet_page_shows_coverage_sources_and_extraction_health(
    client: httpx.Client, newsroom: Newsroom
) -> None:
    tree = page(client, "/outlets/" + quote("Harbour Wire"))
    assert "news agency" in words(tree.cssselect("h1 .kind")[0])
    events = [a.get("href") for a in tree.cssselect("table.events a")]
    assert events == [f"/events/{newsroom.event_id}"]
    assert len(tree.cssselect("ul.articles li")) == 2  # the cyclone and the rates story
    shares = {
        td.get("data-field"): int(td.get("data-share")) for td in tree.cssselect("table.health td.share")
    }
    assert set(shares) == {"title", "date", "authors", "text"}
    assert (
        shares["title"] == shares["text"] == 100 and shares["authors"] == 0
    )  # the newsroom names no authors
    rows = tree.cssselect("figure.reliance g.row")
    assert rows and sum(int(row.get("data-citations")) for row in rows) >= 3


def test_outlet_page_of_a_hostile_name_is_escaped(client: httpx.Client) -> None:
    response = client.get("/outlets/" + quote(HOSTILE_OUTLET, safe=""))
    assert response.status_code == 200
    assert "<b onmouseover" not in response.text and "&lt;b onmouseover" in response.text


def test_an_unknown_outlet_is_a_404(client: httpx.Client) -> None:
    response = client.get("/outlets/Nobody%20Times")
    assert response.status_code == 404 and "Nobody Times" in response.text


def test_outlet_names_link_to_their_pages(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    tree = page(client, f"/events/{site.event_id}")
    links = [a.get("href") for a in tree.cssselect("section.col h3 a")]
    assert links == ["/outlets/" + quote(o, safe="") for o in site.outlets]
    assert all(client.get(link).status_code == 200 for link in links)


# --- keyboard and the static report ---------------------------------------------------------------------


def test_a_skip_link_leads_past_the_header(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    tree = page(client, f"/events/{site.event_id}")
    first_link = tree.cssselect("body a")[0]
    assert first_link.get("class") == "skip" and tree.xpath(f'//*[@id="{first_link.get("href")[1:]}"]')


def test_static_report_draws_the_same_cards_as_the_page(client: httpx.Client, newsroom: Newsroom) -> None:
    with newsroom.database.session() as session:
        static = lxml.html.fromstring(render_event_report(session, newsroom.event_id, "html"))
    web = page(client, f"/events/{newsroom.event_id}")
    assert [words(c) for c in cards(static)] == [words(c) for c in cards(web)]
    assert [words(m) for m in static.cssselect("mark.value")] == [
        words(m) for m in web.cssselect("mark.value")
    ]


def test_static_report_reads_like_the_page(demo: tuple[DemoSite, httpx.Client]) -> None:
    # The faults the issue found: doubled quotes, raw offsets and timestamps, charts wider than cards.
    site, _ = demo
    html = (site.reports / f"report-{site.event_id}.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(html)
    assert len(cards(tree)) == len(site.report["divergences"])
    assert '\u201c"' not in html and "characters " not in tree.text_content()
    assert not ISO_TIMESTAMP.search(tree.text_content())
    assert all(svg.get("width") == "100%" for svg in tree.cssselect("svg"))
    links = [a.get("href") for a in tree.cssselect("blockquote.claim a.evidence")]
    assert links and all(tree.xpath(f'//*[@id="{href[1:]}"]') for href in links)  # each lands in the page


def test_a_one_outlet_report_does_not_claim_agreement(demo: tuple[DemoSite, httpx.Client]) -> None:
    site, client = demo
    lonely = [e for e in client.get("/api/events").json() if len(e["outlets"]) == 1]
    assert lonely, "the demo has a story only one outlet covers"
    for text in (
        (site.reports / f"report-{lonely[0]['id']}.html").read_text(encoding="utf-8"),
        client.get(f"/events/{lonely[0]['id']}").text,
    ):
        assert "agree on everything" not in text and "no other account to compare" in text


def test_events_list_shows_types_with_the_event_pages_badges(demo: tuple[DemoSite, httpx.Client]) -> None:
    _, client = demo
    badges = page(client, "/").cssselect("ul.divergences .badge")
    assert badges and all(b.get("class").startswith("badge t-") for b in badges)
    labels = {s.label for s in TYPE_STYLES.values()}
    assert {words(b) for b in badges} <= labels
