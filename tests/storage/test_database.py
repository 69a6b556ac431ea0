"""Opening databases: SQLite pragmas that make it safe for a crawler and readers at once, and clear
errors for URLs that cannot work."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from newsprism.errors import DatabaseError
from newsprism.storage.database import Database, open_engine


def test_sqlite_is_opened_with_wal_foreign_keys_and_busy_timeout(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() >= 1000
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("url", "named"),
    [
        pytest.param("not a url", "not a url", id="garbage"),
        pytest.param("nosuchdialect://x/y", "nosuchdialect", id="unknown-dialect"),
        pytest.param("sqlite:////no/such/folder/x.db", "/no/such/folder", id="missing-folder"),
        pytest.param("postgresql+psycopg://127.0.0.1:9/nothing", "127.0.0.1:9", id="nothing-listening"),
    ],
)
def test_unusable_url_is_a_database_error_naming_it(url: str, named: str) -> None:
    with pytest.raises(DatabaseError, match=named.replace("+", r"\+")):
        Database(url)


def test_a_database_opened_twice_keeps_its_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    database = Database(url)
    with database.transaction() as session:
        session.execute(text("INSERT INTO outlets (name, kind) VALUES ('Kept Daily', 'newspaper')"))
    database.close()
    again = Database(url)
    with again.session() as session:
        assert session.execute(text("SELECT name FROM outlets")).scalars().all() == ["Kept Daily"]
    again.close()
