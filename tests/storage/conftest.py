"""The storage tests' database: SQLite and PostgreSQL (`database_url`), with two outlets saved; a test
module that needs other contents gives its own `database`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsprism.storage.articles import OutletInfo, save_outlet
from newsprism.storage.database import Database


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    with Database(database_url) as made:
        with made.transaction() as session:
            save_outlet(session, OutletInfo("Harbour Wire", "https://wire.example/", "agency", "US", "en"))
            save_outlet(session, OutletInfo("Eastern Daily", kind="newspaper"))
        yield made
