"""The schedule's hold on a database: a lock row (pid, host, heartbeat) so that one `newsprism
schedule` runs per database, and the APScheduler job store kept in the same database.

A second schedule refuses to start and names the process holding the lock; a holder whose heartbeat
stopped (a crash, a SIGKILL) is taken over.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import delete, update
from sqlalchemy.exc import SQLAlchemyError

from newsprism.errors import SchedulerBusyError
from newsprism.storage.database import Database
from newsprism.storage.models import SchedulerLock

log = logging.getLogger(__name__)
LOCK_NAME = "schedule"
HEARTBEAT_SECONDS = 10.0
# Six missed heartbeats: the holder is gone (killed, or its machine is), and the lock may be taken.
STALE_AFTER = timedelta(seconds=6 * HEARTBEAT_SECONDS)


def acquire_lock(
    database: Database,
    now: datetime,
    *,
    pid: int | None = None,
    host: str | None = None,
    stale_after: timedelta = STALE_AFTER,
) -> None:
    """Take the schedule lock of this database; SchedulerBusyError naming the holder when it is held."""
    pid, host = pid or os.getpid(), host or socket.gethostname()
    try:
        with database.transaction() as session:
            row = session.get(SchedulerLock, LOCK_NAME, with_for_update=True)
            if row is not None and not _abandoned(row, now, stale_after, host):
                raise SchedulerBusyError(_held_by(row))
            if row is not None:
                log.warning("taking over the schedule lock of pid %s on %s (no heartbeat)", row.pid, row.host)
                session.delete(row)
                session.flush()
            session.add(SchedulerLock(name=LOCK_NAME, pid=pid, host=host, started_at=now, heartbeat_at=now))
    except SQLAlchemyError as exc:
        # Two starting at once: the loser's insert fails; report whoever won.
        with database.session() as session:
            row = session.get(SchedulerLock, LOCK_NAME)
        raise SchedulerBusyError(_held_by(row) if row else f"cannot take the schedule lock: {exc}") from exc


def _held_by(row: SchedulerLock) -> str:
    return (
        f"another 'newsprism schedule' runs on this database: pid {row.pid} on host {row.host!r} "
        f"(since {row.started_at:%Y-%m-%d %H:%M:%S} UTC, last heartbeat {row.heartbeat_at:%H:%M:%S} UTC)"
    )


def _abandoned(row: SchedulerLock, now: datetime, stale_after: timedelta, host: str) -> bool:
    if now - row.heartbeat_at > stale_after:
        return True
    # On this machine we can ask whether the holder still lives.
    return row.host == host and not _alive(row.pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def beat(database: Database, now: datetime, *, pid: int | None = None) -> bool:
    """Refresh our lock's heartbeat; False when the lock is no longer ours. Commits."""
    with database.transaction() as session:
        result = session.execute(
            update(SchedulerLock)
            .where(SchedulerLock.name == LOCK_NAME, SchedulerLock.pid == (pid or os.getpid()))
            .values(heartbeat_at=now)
        )
        return bool(getattr(result, "rowcount", 0))


def release_lock(database: Database, *, pid: int | None = None) -> None:
    """Give the lock up (only if it is ours). Commits."""
    with database.transaction() as session:
        session.execute(
            delete(SchedulerLock).where(
                SchedulerLock.name == LOCK_NAME, SchedulerLock.pid == (pid or os.getpid())
            )
        )


def job_store(database: Database) -> SQLAlchemyJobStore:
    """APScheduler's store of the schedule's jobs, in the `apscheduler_jobs` table of `database`, so a
    restarted schedule picks its jobs up where they were."""
    return SQLAlchemyJobStore(engine=database.engine)
