"""The schedule lock on SQLite and PostgreSQL: one `newsprism schedule` per database, the holder named
to a second one, and a holder whose heartbeat stopped taken over."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from newsprism.errors import SchedulerBusyError
from newsprism.storage.database import Database
from newsprism.storage.locks import STALE_AFTER, acquire_lock, beat, release_lock
from newsprism.storage.models import SchedulerLock


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    with Database(database_url) as made:
        yield made


def test_a_second_instance_is_refused_naming_the_holder(database: Database) -> None:
    now = datetime.now(UTC)
    acquire_lock(database, now, pid=os.getpid(), host="newsroom-1")
    with pytest.raises(SchedulerBusyError, match=rf"pid {os.getpid()} on host 'newsroom-1'"):
        acquire_lock(database, now, pid=os.getpid() + 1, host="newsroom-2")
    assert beat(database, now + timedelta(seconds=5))
    release_lock(database)
    acquire_lock(database, now, pid=4242, host="newsroom-2")  # free again


def test_a_dead_holder_is_taken_over(database: Database) -> None:
    now = datetime.now(UTC)
    acquire_lock(database, now - timedelta(hours=1), pid=999_999, host="gone-machine")
    acquire_lock(database, now)
    with database.session() as session:
        row = session.get(SchedulerLock, "schedule")
        assert row is not None and row.pid == os.getpid()


def test_a_holder_on_another_machine_is_waited_for_until_its_heartbeat_is_stale(database: Database) -> None:
    now = datetime.now(UTC)
    acquire_lock(database, now, pid=999_999, host="far-machine")
    with pytest.raises(SchedulerBusyError, match="far-machine"):
        acquire_lock(database, now + STALE_AFTER - timedelta(seconds=1))
    acquire_lock(database, now + STALE_AFTER + timedelta(seconds=1))
    assert not beat(database, now, pid=999_999)  # the old holder finds the lock is no longer its own
