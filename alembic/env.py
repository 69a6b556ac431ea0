"""Alembic environment: migrates the engine newsprism hands over, or the URL of alembic.ini / -x db=."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, create_engine

from alembic import context
from newsprism.storage.models import Base
from newsprism.storage.search import include_schema_name

config = context.config
target_metadata = Base.metadata


def _engine() -> Engine:
    given = config.attributes.get("engine")
    if given is not None:
        return given  # type: ignore[no-any-return]
    url = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    return create_engine(url or "sqlite:///newsprism.db")


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # The search index (FTS5 and its shadow tables, or the tsvector table) is not a model.
        include_name=include_schema_name,
        # With the transactions newsprism.storage.database gives SQLite, DDL rolls back there too: one upgrade
        # is one transaction, so a killed `init` leaves no half-built schema.
        transactional_ddl=True,
    )


def run_migrations_online() -> None:
    with _engine().connect() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
