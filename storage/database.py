"""The database handle (`Database`): one engine and its sessions for SQLite or PostgreSQL, brought to
the schema head when opened.

SQLite is opened with WAL (readers keep answering while a crawl writes), foreign keys on and a busy
timeout, because SQLite enforces none of these unless asked on every connection. Transactions commit
whole or not at all, migrations included; `commit_with_retry` reruns one that lost a race to another
writer, so several processes can write one database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker

from newsprism.errors import DatabaseError

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 30_000
# PostgreSQL states of a transaction that lost to a concurrent one: unique violation, serialization
# failure, deadlock. Run again, it sees the winner's rows.
_RACE_STATES = frozenset({"23505", "40001", "40P01"})
# Any constant both migrating processes agree on: the key of the advisory lock that serialises them.
_MIGRATION_LOCK_KEY = 7_346_872_001
T = TypeVar("T")


def open_engine(url: str) -> Engine:
    """Create the engine for `url`; raises DatabaseError naming the URL when it is unusable."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"invalid database URL {url!r}") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(url)
        return create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise DatabaseError(f"unsupported database URL {url!r}: {exc}") from exc


def refuse_missing_sqlite_file(url: str) -> None:
    """Raise DatabaseError naming the file when `url` is a SQLite file that does not exist (read-only).

    Other back-ends and in-memory databases pass: only SQLite creates a database by opening it.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"invalid database URL {url!r}") from exc
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return
    if database.startswith("file:"):  # a SQLite URI names its file in its own syntax: let SQLite decide
        return
    path = Path(database).expanduser().resolve()
    if not path.is_file():
        raise DatabaseError(
            f"database file {str(path)!r} does not exist; name the right one with --db or $NEWSPRISM_DB, "
            "or create it with `newsprism init`"
        )


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:":
        folder = Path(parsed.database).expanduser().resolve().parent
        if not folder.is_dir():
            raise DatabaseError(f"cannot open database {url!r}: folder {str(folder)!r} does not exist")
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _tune_sqlite_connection)
    return engine


def _tune_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # WAL makes NORMAL durable against application crashes; only an OS crash can lose the last commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Database:
    """An open newsprism database: its engine, the sessions on it, and the schema at head.

    Opening brings the schema to the head revision (`migrate=False` leaves it as found, for a process
    that knows another migrated it). `must_exist` (for commands that only read): a SQLite file that
    does not exist is a DatabaseError naming it, instead of a new empty database that answers every
    question with nothing. Close it (or use it as a context manager) to release its connections.

    >>> from sqlalchemy import select
    >>> from newsprism.storage.models import Outlet
    >>> with Database("sqlite://") as database, database.session() as session:  # in memory
    ...     session.scalars(select(Outlet)).all()
    []
    """

    def __init__(self, url: str, *, must_exist: bool = False, migrate: bool = True) -> None:
        if must_exist:
            refuse_missing_sqlite_file(url)
        self.url = url
        self.engine = open_engine(url)
        try:
            if migrate:
                upgrade_to_head(self.engine)
        except BaseException:
            self.engine.dispose()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({_safe_url(self.engine)})"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release every connection of the pool; a session opened afterwards connects again."""
        self.engine.dispose()

    def session(self) -> Session:
        """A new session, for reading (`with database.session() as session:`); it commits nothing
        unless told, and objects it loaded stay readable after it closes."""
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits at the end of the block or rolls back entirely on error."""
        with self._sessions() as session, session.begin():
            yield session

    def commit_with_retry(self, work: Callable[[Session], T], attempts: int = 3) -> T:
        """Run `work` in one transaction and commit; when another writer won a race on a unique key
        first (or PostgreSQL broke a deadlock), run it again from the start, so it re-reads what the
        other committed instead of failing or storing it twice.

        `work` must be safe to repeat: it reads what exists before it writes.
        """
        for attempt in range(1, attempts + 1):
            try:
                with self.transaction() as session:
                    return work(session)
            except DBAPIError as exc:
                if attempt == attempts or not _lost_a_race(exc):
                    raise
                log.info("another writer got there first (%s); trying again", exc.orig)
        raise AssertionError("unreachable: the last attempt returns or raises")


def _lost_a_race(exc: DBAPIError) -> bool:
    state = getattr(exc.orig, "sqlstate", None)
    if state is not None:
        return state in _RACE_STATES
    return isinstance(exc, IntegrityError) and "UNIQUE constraint failed" in str(exc.orig)


def migrations_folder() -> Path:
    """Where the Alembic scripts are: `alembic/` of a checkout, shipped as `newsprism.storage.migrations`."""
    spec = find_spec("newsprism.storage.migrations")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if (Path(location) / "env.py").is_file():
                return Path(location)
    checkout = Path(__file__).resolve().parent.parent / "alembic"
    if (checkout / "env.py").is_file():
        return checkout
    raise DatabaseError("the database migrations are missing from this installation")


def alembic_config(engine: Engine) -> Any:
    """An Alembic Config that migrates `engine` with the shipped scripts."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    config.attributes["engine"] = engine
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Create or upgrade the schema; safe to run any number of times.

    A database without tables is built at the head revision at once (`newsprism.storage.schema`);
    any other is upgraded by the migrations (Alembic `upgrade head`). Either is one transaction on
    both back-ends, so a process killed midway leaves the schema as it was and the next run starts over.
    """
    try:
        if not _created(engine):
            _migrated(engine)
    except OperationalError as exc:
        raise DatabaseError(f"cannot open database {_safe_url(engine)}: {exc.orig}") from exc
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot migrate database {_safe_url(engine)}: {exc}") from exc


def _migrated(engine: Engine) -> None:
    # Alembic is loaded here only: a new database is built without it (`_created`).
    from alembic.util import CommandError

    try:
        if not _at_head(engine):
            _upgrade(engine)
    except CommandError as exc:
        # A revision this installation does not ship: the database was written by a newer newsprism.
        raise DatabaseError(f"cannot migrate database {_safe_url(engine)}: {exc}") from exc


def _created(engine: Engine) -> bool:
    """Build the head schema when the database is new; whether it was new. Alembic is not loaded:
    it was most of the time a new database took to open."""
    from newsprism.storage.schema import create_schema, is_empty

    with engine.connect() as connection:
        if not is_empty(connection):  # a read, as `_at_head`: most opens end here
            return False
    migrating = _migration_engine(engine)
    try:
        # Under the migration engine's lock: a second process opening the same new database waits,
        # then finds the tables and goes on to `_at_head`.
        with migrating.begin() as connection:
            if not is_empty(connection):
                return False
            create_schema(connection)
    finally:
        if migrating is not engine:
            migrating.dispose()
    if migrating is not engine:
        # The connection that found the database empty answers SQLite's PRAGMAs (foreign_key_list,
        # which reflection reads) from the schema it read then, until a statement makes it read again.
        engine.dispose()
    return True


def migrate_to_head(engine: Engine) -> None:
    """Run the migrations from the database's revision to the head, whatever it holds (what any
    database with tables gets from `upgrade_to_head`)."""
    _upgrade(engine)


def _upgrade(engine: Engine) -> None:
    # A migration engine of its own is made only when there is something to migrate: most commands
    # find the schema at head and open nothing more.
    from alembic import command

    migrating = _migration_engine(engine)
    try:
        command.upgrade(alembic_config(migrating), "head")
    finally:
        if migrating is not engine:
            migrating.dispose()


def _at_head(engine: Engine) -> bool:
    """Whether the schema is already at the head revision: a read, so that the commands run while a
    crawl writes (search, serve, export) never wait for the write lock a migration takes."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head


def _migration_engine(engine: Engine) -> Engine:
    """The engine to migrate `engine`'s database with: one of its own for PostgreSQL and SQLite files.

    pysqlite never opens a transaction before DDL, so each CREATE committed on its own and a SIGKILL
    during the first `init` left half a schema that no later run could finish ("table already
    exists"). This engine leaves transactions to SQLAlchemy and begins them IMMEDIATE, which also
    makes a second process migrating at the same time wait instead of racing.
    """
    if engine.dialect.name == "postgresql":
        return _postgres_migration_engine(engine)
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return engine
    migrating = create_engine(engine.url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(migrating, "connect", _tune_sqlite_connection)
    event.listen(migrating, "connect", _transactions_by_sqlalchemy)
    event.listen(migrating, "begin", _begin_immediate)
    return migrating


def _postgres_migration_engine(engine: Engine) -> Engine:
    """PostgreSQL rolls DDL back by itself; two processes starting on a new database would still both
    create the tables, and one fail. An advisory lock taken first makes the second wait, then find
    the schema at head."""
    migrating = create_engine(engine.url, pool_pre_ping=True)
    event.listen(migrating, "begin", _lock_migrations)
    return migrating


def _lock_migrations(connection: Connection) -> None:
    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK_KEY})")


def _transactions_by_sqlalchemy(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None


def _begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _safe_url(engine: Engine) -> str:
    return repr(engine.url.render_as_string(hide_password=True))
