"""A real headless Chromium loads the pages `newsprism serve` answers: the event page shows the
divergences side by side, and hostile article text stays text in the browser's DOM."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsroom_db import Newsroom, build_newsroom, live_server

from newsprism.settings import Settings
from newsprism.web.app import create_app
from newsprism.web.queries import events_json, report_json
from storage.database import open_database

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_dom(url: str, profile: Path) -> str:
    """The DOM Chromium builds for `url`, serialised (--dump-dom)."""
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
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture
def site(sqlite_url: str) -> Iterator[tuple[str, Newsroom]]:
    if CHROMIUM is None:
        pytest.skip("no chromium on PATH (install Debian's chromium package; .ci/run does)")
    newsroom = build_newsroom(sqlite_url)
    try:
        with live_server(create_app(newsroom.factory)) as base:
            yield base, newsroom
    finally:
        newsroom.factory.kw["bind"].dispose()


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
    factory = open_database(url)
    try:
        with factory() as session:
            event = max(events_json(session), key=lambda e: len(e["outlets"]))
            report = report_json(session, event["id"])
        with live_server(create_app(factory)) as base:
            dom = chromium_dom(f"{base}/events/{event['id']}", tmp_path / "profile")
    finally:
        factory.kw["bind"].dispose()
    shown = re.findall(r'<section class="card divergence" data-type="([a-z_]+)"', dom)
    assert len(shown) == len(report["divergences"]) > 0
    assert {d["type"] for d in report["divergences"]} == set(shown)
    assert html.escape(report["divergences"][0]["summary"], quote=False) in dom
