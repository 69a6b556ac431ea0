"""A new database is built at the head schema at once (`newsprism.storage.schema`), an existing one
migrated: both ways must give one schema, on SQLite and PostgreSQL, so they can never drift apart."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from newsprism.storage.database import Database, alembic_config, migrate_to_head, open_engine, upgrade_to_head
from newsprism.storage.schema import HEAD_REVISION


@pytest.fixture
def other_database_url(database_url: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """A second new database on the back-end of `database_url`."""
    if database_url.startswith("sqlite"):
        yield database_url.replace("newsprism.db", "other.db")
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    name = f"newsprism_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield database_url.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def test_a_new_database_built_at_once_has_the_migrated_schema(
    database_url: str, other_database_url: str
) -> None:
    built, migrated = open_engine(database_url), open_engine(other_database_url)
    try:
        upgrade_to_head(built)
        migrate_to_head(migrated)
        assert _revision(built) == _revision(migrated) == HEAD_REVISION
        assert schema_of(built) == schema_of(migrated)
    finally:
        built.dispose()
        migrated.dispose()


@pytest.mark.postgres
def test_a_postgresql_database_built_first_leaves_sqlites_whole(postgres_url: str, sqlite_url: str) -> None:
    # PostgreSQL adds the circular foreign key by ALTER TABLE; SQLite, which cannot, writes it in the
    # CREATE TABLE, and a process may build one after the other (the tests do).
    for url in (postgres_url, sqlite_url):
        Database(url).close()
    engine = open_engine(sqlite_url)
    try:
        names = {key["name"] for key in inspect(engine).get_foreign_keys("articles")}
    finally:
        engine.dispose()
    assert "fk_articles_current_version_id_article_versions" in names


def test_the_head_revision_is_the_last_migrations(sqlite_url: str) -> None:
    engine = open_engine(sqlite_url)
    try:
        assert ScriptDirectory.from_config(alembic_config(engine)).get_current_head() == HEAD_REVISION
    finally:
        engine.dispose()


def test_a_database_with_tables_goes_through_the_migrations(database_url: str) -> None:
    with Database(database_url) as database, database.engine.begin() as connection:
        # As a database of revision 0007 was: 0008 added the column.
        connection.execute(text("ALTER TABLE attributions DROP COLUMN cue_class"))
        connection.execute(text("UPDATE alembic_version SET version_num = '0007'"))
    with Database(database_url) as database:
        assert _revision(database.engine) == HEAD_REVISION
        columns = inspect(database.engine).get_columns("attributions")
    assert "cue_class" in {column["name"] for column in columns}


def test_a_new_database_opens_without_loading_alembic(sqlite_url: str) -> None:
    # What the building at once is for: Alembic and the migrations were most of the time a new
    # database took to open. (In a process of its own: the test session has loaded Alembic.)
    program = (
        "import sys\n"
        "from newsprism.storage.database import Database\n"
        f"Database({sqlite_url!r}).close()\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'alembic'))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _revision(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one())


def schema_of(engine: Engine) -> dict[str, Any]:
    """Everything a schema is made of, in a form two databases can be compared by: each table's
    columns in order (name, type, nullability, default), its keys, constraints and indexes, and the
    back-end's own objects (views, triggers, the search index, functions), by their definitions."""
    with engine.connect() as connection:
        inspector = inspect(connection)
        tables = {
            name: {
                "columns": [
                    (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                    for c in inspector.get_columns(name)
                ],
                "primary key": inspector.get_pk_constraint(name),
                "foreign keys": sorted(map(repr, inspector.get_foreign_keys(name))),
                "unique": sorted(map(repr, inspector.get_unique_constraints(name))),
                "indexes": sorted(map(repr, inspector.get_indexes(name))),
                "checks": sorted(map(repr, inspector.get_check_constraints(name))),
            }
            for name in inspector.get_table_names()
        }
        views = {name: inspector.get_view_definition(name) for name in inspector.get_view_names()}
        sqlite = engine.dialect.name == "sqlite"
        own = _sqlite_objects(connection) if sqlite else _postgres_objects(connection)
    return {"tables": tables, "views": views, "own": own}


def _sqlite_objects(connection: Connection) -> list[Any]:
    # Tables are compared above by what they hold; their CREATE text differs only in the order of its
    # constraints (a batch migration rebuilds a table with them in another order).
    rows = connection.execute(
        text("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type != 'table'")
    )
    virtual = connection.execute(text("SELECT name, sql FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'"))
    return sorted(map(tuple, rows)) + sorted(map(tuple, virtual))


_POSTGRES_CATALOGUE = {
    "functions": "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p "
    "WHERE p.pronamespace = current_schema()::regnamespace",
    "triggers": "SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
    "JOIN pg_class c ON c.oid = t.tgrelid "
    "WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal",
    "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE connamespace = current_schema()::regnamespace",
    "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()",
    "columns": "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
    "a.attstorage, rank() OVER (PARTITION BY c.oid ORDER BY a.attnum) "
    "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
    "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'v') "
    "AND a.attnum > 0 AND NOT a.attisdropped",
    "sequences": "SELECT sequence_name, data_type FROM information_schema.sequences "
    "WHERE sequence_schema = current_schema()",
}


def _postgres_objects(connection: Connection) -> dict[str, list[Any]]:
    # The search index's tables, functions and triggers are no models: the catalogue's own definitions.
    return {
        what: sorted(map(tuple, connection.execute(text(query))))
        for what, query in _POSTGRES_CATALOGUE.items()
    }
