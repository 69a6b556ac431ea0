"""Fixtures the page tests share: the demo's database, crawled once from the bundled newsroom, served
by a real uvicorn on loopback (the same pages `newsprism serve` answers); and the test newsroom in a
SQLite file with a client of its own live server (a test module may give its own `newsroom`)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from newsroom_db import DemoSite, Newsroom, build_newsroom, live_server

from newsprism.settings import Settings
from newsprism.web.app import create_app
from newsprism.web.queries import events_json, report_json


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSite]:
    from newsprism.demo.run import run_demo
    from newsprism.storage.database import Database

    folder = tmp_path_factory.mktemp("demo")
    url = run_demo(Settings("sqlite:///unused.db", quiet=1), folder / "reports").database_url
    database = Database(url)
    try:
        with database.session() as session:
            event = max(events_json(session), key=lambda e: (len(e["outlets"]), -e["id"]))
            report = report_json(session, event["id"])
        with live_server(create_app(database)) as base:
            yield DemoSite(base, event["id"], report, list(report["event"]["outlets"]), folder / "reports")
    finally:
        database.close()


@pytest.fixture
def newsroom(sqlite_url: str) -> Iterator[Newsroom]:
    made = build_newsroom(sqlite_url)
    yield made
    made.database.close()


@pytest.fixture
def client(newsroom: Newsroom) -> Iterator[httpx.Client]:
    """A real uvicorn on loopback serving the newsroom, and an HTTP client to it."""
    with live_server(create_app(newsroom.database)) as base, httpx.Client(base_url=base, timeout=30) as made:
        yield made
