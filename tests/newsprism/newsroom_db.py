"""A small database for the web tests: one event covered three ways (one outlet hostile), an article
with two versions, all written by hand and analyzed by the real analysis, stored by the repository."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy.orm import Session

from newsprism.compare.article.analysis import analyze_article
from newsprism.storage.articles import FetchedArticle, OutletInfo, save_outlet, store_article
from newsprism.storage.database import Database
from newsprism.storage.events import EventMembership, save_events
from newsprism.storage.findings import save_findings

NOW = datetime(2024, 5, 4, 9, 0, tzinfo=UTC)
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE_OUTLET = '<b onmouseover="alert(1)">Sneaky</b> Times'
RARE_WORD = "Quillmarsh"

OUTLETS = [
    OutletInfo("Harbour Wire", "https://wire.example/", "agency", "US", "en"),
    OutletInfo("Eastern Daily", "https://daily.example/", "newspaper", "GB", "en"),
    OutletInfo(HOSTILE_OUTLET, "https://sneaky.example/", "online", "XX", "en"),
]

CYCLONE = [
    (
        "https://wire.example/cyclone-marla",
        "Harbour Wire",
        "Cyclone Marla kills 12 in Port Arden",
        "Cyclone Marla killed 12 people in Port Arden on Saturday, Governor Elena Voss said.\n\n"
        '"The harbour district is under water," Voss told reporters. About 30,000 people spent the night '
        "in shelters and the container port was closed, the port authority said.",
    ),
    (
        "https://daily.example/world/cyclone-marla-toll",
        "Eastern Daily",
        "Cyclone Marla: death toll in Port Arden rises to 15",
        "At least 15 people died when Cyclone Marla struck Port Arden on Saturday, according to the "
        "Red Crescent.\n\nGovernor Elena Voss said the harbour district was under water. About 30,000 "
        "people spent the night in shelters.",
    ),
    (
        "javascript:alert(1)",
        HOSTILE_OUTLET,
        f"{SCRIPT} Cyclone Marla {IMG}",
        f"Cyclone Marla killed 9 people in Port Arden on Saturday, officials said. {SCRIPT}\n\n"
        f'"Everything is fine {IMG}," Governor Elena Voss said. About 30,000 people spent the night in '
        "shelters.",
    ),
]

RATES_V1 = (
    f"The central bank of {RARE_WORD} raised its key rate to 9 percent on Thursday, citing inflation.\n\n"
    "Analysts had expected a smaller rise."
)
RATES_V2 = (
    f"The central bank of {RARE_WORD} raised its key rate to 9.5 percent on Thursday, citing inflation.\n\n"
    "Analysts had expected a smaller rise. The currency rallied."
)


@dataclass(frozen=True)
class DemoSite:
    """The demo served: its base URL, and the most covered event with its report."""

    base: str
    event_id: int
    report: dict[str, Any]
    outlets: list[str]
    reports: Path  # where the demo wrote report-<event>.html, .md, .json


@dataclass(frozen=True)
class Newsroom:
    """What the tests look up: the database, the event, the articles by role."""

    url: str
    database: Database
    event_id: int
    cyclone_ids: list[int]
    hostile_id: int
    rates_id: int


def _page(url: str, outlet: str, title: str, text: str, hours_ago: int, fetched: datetime) -> FetchedArticle:
    return FetchedArticle(
        url=url,
        canonical_url=url,
        outlet=outlet,
        text=text,
        title=title,
        fetched_at=fetched,
        published=NOW - timedelta(hours=hours_ago),
        language="en",
    )


def _store_analyzed(session: Session, page: FetchedArticle) -> int:
    stored = store_article(session, page)
    published = page.published.date() if page.published else None
    save_findings(session, stored.version_id, analyze_article(page.text, published))
    return stored.article_id


def build_newsroom(url: str) -> Newsroom:
    """Create the database at `url` and fill it (the caller disposes of `database`'s engine)."""
    database = Database(url)
    with database.transaction() as session:
        for outlet in OUTLETS:
            save_outlet(session, outlet)
        ids = [
            _store_analyzed(session, _page(*row, hours_ago=3 - i, fetched=NOW))
            for i, row in enumerate(CYCLONE)
        ]
        rates = ("https://wire.example/rates", "Harbour Wire", "Central bank raises rates")
        rates_id = _store_analyzed(
            session, _page(*rates, RATES_V1, hours_ago=30, fetched=NOW - timedelta(days=1))
        )
        _store_analyzed(session, _page(*rates, RATES_V2, hours_ago=30, fetched=NOW))
        (event,) = save_events(
            session, [EventMembership("cyclone-marla", "Cyclone Marla hits Port Arden", ids)]
        )
        return Newsroom(url, database, event.id, ids, ids[2], rates_id)


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Serve `app` with uvicorn on a free loopback port in a thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", lifespan="off", ws="none", http="h11")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
        assert not thread.is_alive(), "the server stopped"
