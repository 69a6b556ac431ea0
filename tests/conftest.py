"""Fixtures every test package shares: where ../shared is, and real databases (SQLite file, PostgreSQL).

A loopback web site (`site`, `loopback_site`) serves routes each test sets and records the requests.
Tests marked `shared` skip with a reason when ../shared/ is absent (a user's clone); tests marked
`postgres` skip with a reason when no PostgreSQL answers at 127.0.0.1:5432.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from loopback import LoopbackSite
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSPRISM_SHARED", REPO.parent / "shared"))
POSTGRES_SERVER = os.environ.get(
    "NEWSPRISM_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason=f"needs the shared data sets at {SHARED} (absent in a plain clone)")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared data sets at {SHARED}")
    return SHARED


def _postgres_admin() -> Engine | None:
    engine = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect():
            return engine
    except OperationalError:
        engine.dispose()
        return None


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    engine = _postgres_admin()
    if engine is None:
        pytest.skip(f"no PostgreSQL answers at {POSTGRES_SERVER}")
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_url(postgres_admin: Engine) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"newsprism_test_{uuid.uuid4().hex[:12]}"
    with postgres_admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{name}"
    with postgres_admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A new SQLite file in a temporary folder."""
    return f"sqlite:///{tmp_path / 'newsprism.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each storage test runs on a SQLite file and on PostgreSQL, so both back-ends stay honest."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_url"))


# --- a loopback web site with routes set per test (tests/loopback.py) ------------------------------


@pytest.fixture
def loopback_site() -> Iterator[Callable[..., LoopbackSite]]:
    """Start loopback sites (`loopback_site()` or `loopback_site("127.0.0.2")`); all closed at teardown."""
    sites: list[LoopbackSite] = []

    def start(host: str = "127.0.0.1") -> LoopbackSite:
        sites.append(LoopbackSite(host))
        return sites[-1]

    yield start
    for site in sites:
        site.close()
    assert all(site.closed for site in sites)


@pytest.fixture
def site(loopback_site: Callable[..., LoopbackSite]) -> LoopbackSite:
    """One loopback site on 127.0.0.1."""
    return loopback_site()
