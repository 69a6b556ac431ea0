"""A real headless Chromium loads the pages `newsprism serve` answers: the event page shows the
divergences side by side, and hostile article text stays text in the browser's DOM.

These need only Chromium (its --dump-dom), so they run where chromedriver is absent; the demo's
pages are checked here for their hooks, filter, anchors, charts and console, and driven (clicks,
keyboard, layout) in test_browser_pages.py where chromedriver is present."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import lxml.html
import pytest
from newsroom_db import DemoSite, Newsroom, build_newsroom, live_server

from newsprism.settings import Settings
from newsprism.storage.database import Database
from newsprism.web.app import create_app
from newsprism.web.queries import events_json, report_json

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_dom(url: str, profile: Path) -> str:
    """The DOM Chromium builds for `url`, serialised (--dump-dom)."""
    return chromium_page(url, profile)[0]


def chromium_page(url: str, profile: Path) -> tuple[str, list[str]]:
    """The DOM Chromium builds for `url`, and what the page wrote to the console (an error, a refused
    style or script), read from Chromium's log."""
    assert CHROMIUM is not None
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


@pytest.fixture
def site(sqlite_url: str) -> Iterator[tuple[str, Newsroom]]:
    if CHROMIUM is None:
        pytest.skip("no chromium on PATH (install Debian's chromium package; .ci/run does)")
    newsroom = build_newsroom(sqlite_url)
    try:
        with live_server(create_app(newsroom.database)) as base:
            yield base, newsroom
    finally:
        newsroom.database.close()


def test_event_page_shows_the_divergences(site: tuple[str, Newsroom], tmp_path: Path) -> None:
    base, newsroom = site
    dom = chromium_dom(f"{base}/events/{newsroom.event_id}", tmp_path / "profile")
    cards = re.findall(r'<section class="card divergence" data-type="([a-z_]+)"', dom)
    assert "numeric_conflict" in cards
    assert "Harbour Wire" in dom and "Eastern Daily" in dom
    assert "12 people" in dom and "15 people" in dom


def test_hostile_article_stays_text_in_the_browser(site: tuple[str, Newsroom], tmp_path: Path) -> None:
    base, newsroom = site
    dom = chromium_dom(f"{base}/articles/{newsroom.hostile_id}", tmp_path / "profile")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "<script" not in dom and "<img" not in dom  # as elements; the escaped text is above


def test_demo_event_page_shows_the_divergences(tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("no chromium on PATH (install Debian's chromium package; .ci/run does)")
    from newsprism.demo.run import run_demo

    url = run_demo(Settings("sqlite:///unused.db", quiet=1), tmp_path / "reports").database_url
    database = Database(url)
    try:
        with database.session() as session:
            event = max(events_json(session), key=lambda e: len(e["outlets"]))
            report = report_json(session, event["id"])
        with live_server(create_app(database)) as base:
            dom = chromium_dom(f"{base}/events/{event['id']}", tmp_path / "profile")
    finally:
        database.close()
    shown = re.findall(r'<section class="card divergence" data-type="([a-z_]+)"', dom)
    assert len(shown) == len(report["divergences"]) > 0
    assert {d["type"] for d in report["divergences"]} == set(shown)
    assert html.escape(report["divergences"][0]["summary"], quote=False) in dom


def _demo_dom(demo_site: DemoSite, path: str, profile: Path) -> lxml.html.HtmlElement:
    dom, console = chromium_page(demo_site.base + path, profile)
    assert console == []
    return lxml.html.fromstring(dom)


def test_demo_event_page_hooks_filter_and_charts(demo_site: DemoSite, tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("no chromium on PATH (install Debian's chromium package; .ci/run does)")
    tree = _demo_dom(demo_site, f"/events/{demo_site.event_id}", tmp_path / "profile")
    report = demo_site.report["divergences"]
    assert len(tree.cssselect("section.card.divergence[data-type]")) == len(report)
    assert len(tree.cssselect("blockquote.claim mark.value")) >= sum(
        1 for d in report for c in d["claims"] if c.get("phrase")
    )
    assert tree.cssselect("figure.reliance svg rect") and tree.cssselect("figure.timeline svg circle")
    filtered = _demo_dom(demo_site, f"/events/{demo_site.event_id}?type=omission", tmp_path / "profile")
    shown = {c.get("data-type") for c in filtered.cssselect("section.card.divergence")}
    assert shown == {"omission"}


def test_demo_evidence_anchor_exists_in_the_article_dom(demo_site: DemoSite, tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("no chromium on PATH (install Debian's chromium package; .ci/run does)")
    event = _demo_dom(demo_site, f"/events/{demo_site.event_id}", tmp_path / "profile")
    href = event.cssselect("blockquote.claim a.evidence")[0].get("href")
    found = re.fullmatch(r"(/articles/\d+)#(at-\d+-\d+)", href)
    assert found
    article = _demo_dom(demo_site, found.group(1), tmp_path / "profile")
    assert article.xpath(f'//*[@id="{found.group(2)}"][contains(@class, "evidence")]')


def test_demo_outlet_page_in_chromium(demo_site: DemoSite, tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("no chromium on PATH (install Debian's chromium package; .ci/run does)")
    tree = _demo_dom(demo_site, "/outlets/" + quote(demo_site.outlets[0], safe=""), tmp_path / "profile")
    assert tree.cssselect("table.events a") and tree.cssselect("table.health td.share")
    assert tree.cssselect("figure.reliance svg rect")
