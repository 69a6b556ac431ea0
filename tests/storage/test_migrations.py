"""The schema only changes through Alembic: upgrade, downgrade and upgrade again on both back-ends,
and the models never drift from the migrations."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from alembic import command
from newsprism.storage.database import alembic_config, migrate_to_head, open_engine, upgrade_to_head
from newsprism.storage.models import Base
from newsprism.storage.search import include_schema_name


def _tables(url: str) -> set[str]:
    engine = open_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(database_url: str) -> None:
    engine = open_engine(database_url)
    try:
        upgrade_to_head(engine)  # new: built at the head at once, then taken down by the migrations
        assert _tables(database_url) >= set(Base.metadata.tables)
        command.downgrade(alembic_config(engine), "base")
        assert _tables(database_url) == set()
        upgrade_to_head(engine)
        upgrade_to_head(engine)  # a second upgrade to head is a no-op, not an error
        assert _tables(database_url) >= set(Base.metadata.tables)
    finally:
        engine.dispose()


def test_models_and_migrations_agree(database_url: str) -> None:
    """What `alembic check` verifies: autogenerate finds nothing to change after upgrade head (by the
    migrations: a new database opened by newsprism is built from the models, see test_schema.py)."""
    engine = open_engine(database_url)
    try:
        migrate_to_head(engine)
        with engine.connect() as connection:
            # The search index tables are the migration's own, not models (see newsprism.storage.search).
            opts = {"compare_type": True, "include_name": include_schema_name}
            context = MigrationContext.configure(connection, opts=opts)
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()
