"""Fixtures of the crawler tests: article pages worth extracting, databases, in-process extraction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hostile import HostileServer

from newsprism.crawler.workers import Extractor
from newsprism.storage.database import Database


@pytest.fixture
def database(sqlite_url: str) -> Iterator[Database]:
    """A fresh SQLite database at the schema head; its engine is disposed at teardown."""
    made = Database(sqlite_url)
    yield made
    made.close()


@pytest.fixture
def extractor() -> Iterator[Extractor]:
    """In-process extraction: quick to start, same results as the pool."""
    with Extractor(workers=0) as made:
        yield made


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    """A raw-socket loopback server whose routes misbehave on purpose; closed (drips ended) at teardown."""
    server = HostileServer()
    yield server
    server.close()
    assert server.closing.is_set()
