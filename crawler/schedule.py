"""`schedule`: crawl each outlet on its own `every`, unattended, until SIGINT or SIGTERM.

APScheduler 3 keeps one job per outlet in its SQLAlchemy job store, in the same database as the
articles, so a restart picks the schedule up where it was (`replace_existing`: no duplicate jobs).
Jobs coalesce and run one instance at a time. The schedule lock (`newsprism.storage.locks`) makes a
second `schedule` on the same database refuse to start and say which process holds it. Job functions
are module-level callables because the job store keeps references to them, not the functions.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.schedulers.background import BackgroundScheduler

from newsprism.crawler.config import CrawlConfig, load_config
from newsprism.crawler.crawl import CrawlSummary, crawl_outlets
from newsprism.crawler.diagnosis import NO_LINKS, CrawlProblem, advice
from newsprism.crawler.store import AfterStore
from newsprism.crawler.workers import Extractor, PagePreparation
from newsprism.storage.database import Database
from newsprism.storage.locks import HEARTBEAT_SECONDS, acquire_lock, beat, job_store, release_lock

log = logging.getLogger(__name__)
JOB_PREFIX = "crawl:"
# Set when the scheduler stops, so a crawl in progress ends after the articles in flight.
STOPPING = threading.Event()


class JobExtractors:
    """One extraction pool for all the jobs of a running schedule.

    The scheduler runs up to ten jobs at once on its threads; with a pool each, ten jobs started ten
    times one worker per core, each holding trafilatura and the analysis in memory, on cores the
    workers of one pool already fill. Outside a schedule (or for another page preparation) a job
    gets None and its crawl makes its own pool, as a `crawl` does.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._schedules = 0  # running in this process (one per database)
        self._extractor: Extractor | None = None

    def open(self) -> None:
        with self._lock:
            self._schedules += 1

    def get(self, prepare: PagePreparation | None) -> Extractor | None:
        with self._lock:
            if not self._schedules:
                return None
            if self._extractor is None:
                self._extractor = Extractor(prepare=prepare)
            return self._extractor if self._extractor.prepare is prepare else None

    def close(self) -> None:
        """One schedule stopped; the pool goes with the last one."""
        with self._lock:
            self._schedules = max(0, self._schedules - 1)
            extractor = self._extractor if not self._schedules else None
            if extractor is not None:
                self._extractor = None
        if extractor is not None:
            extractor.close()


JOB_EXTRACTORS = JobExtractors()


# --- jobs -----------------------------------------------------------------------------------------


def crawl_job(
    config_path: str,
    outlet: str,
    database_url: str,
    after_store: AfterStore | None = None,
    prepare: PagePreparation | None = None,
) -> CrawlSummary:
    """One scheduled pass over one outlet (the job the scheduler runs; stops early on STOPPING)."""
    config = load_config(Path(config_path))
    with Database(database_url) as database:
        summary = crawl_outlets(
            config,
            database,
            outlets=[outlet],
            after_store=after_store,
            stop=STOPPING,
            prepare=prepare,
            extractor=JOB_EXTRACTORS.get(prepare),
        )
    log.info("scheduled crawl of %s: %s", outlet, summary.total())
    return summary


def sync_jobs(
    scheduler: Any, config: CrawlConfig, config_path: Path, database_url: str, job: Callable[..., Any] | str
) -> None:
    """One job per configured outlet at its `every`; jobs of outlets no longer configured go."""
    wanted = {f"{JOB_PREFIX}{outlet.name}": outlet for outlet in config.outlets}
    for existing in scheduler.get_jobs():
        if existing.id.startswith(JOB_PREFIX) and existing.id not in wanted:
            existing.remove()
    for job_id, outlet in wanted.items():
        scheduler.add_job(
            job,
            "interval",
            seconds=outlet.every,
            id=job_id,
            name=f"crawl {outlet.name}",
            args=[str(config_path.resolve()), outlet.name, database_url],
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC),
        )


def pass_line(outlet: str, result: object, error: BaseException | None, next_run: datetime | None) -> str:
    """The one line `schedule` writes when a pass over `outlet` ends.

    `Beta Post: 1 new, 0 updated, 3 unchanged, 0 failed; next run 12:15` (the machine's local time);
    a pass that stored nothing says why, so an unattended schedule's log shows a dead feed at once.
    """
    if error is not None:
        said = f"{outlet}: pass failed: {type(error).__name__}: {' '.join(str(error).split())}"
    elif isinstance(result, str):  # a job that hands the pass on (to a cluster) says where
        said = f"{outlet}: {result}"
    elif isinstance(result, CrawlSummary) and result.outlets:
        summary = result.outlets[0]
        said = summary.line()
        if summary.yielded_nothing:
            said += f"; nothing stored: {_first_reason(summary.problems)}"
    else:
        said = f"{outlet}: pass done"
    when = next_run.astimezone().strftime("%H:%M") if next_run is not None else "none (stopping)"
    return f"{said}; next run {when}"


def _first_reason(problems: list[CrawlProblem]) -> str:
    if not problems:
        return f"{NO_LINKS} ({advice(NO_LINKS)})"
    todo = advice(problems[0].reason)
    return f"{problems[0]}" + (f" ({todo})" if todo else "")


def _reporting_passes(scheduler: Any, on_pass: Callable[[str], None]) -> None:
    """Call `on_pass` with a `pass_line` each time an outlet's job ends, done or failed.

    The next run comes from the job's trigger, read once here, never from the scheduler while a job
    ends: `shutdown` holds the scheduler's job-store lock while it waits for the jobs in flight, so a
    job whose listener asked the scheduler then (`get_job`) would wait for it forever."""
    triggers = {job.id: job.trigger for job in scheduler.get_jobs()}

    def ended(event: JobExecutionEvent) -> None:
        if not event.job_id.startswith(JOB_PREFIX):
            return
        trigger = triggers.get(event.job_id)
        now = datetime.now(UTC)
        next_run = None
        if trigger is not None and not STOPPING.is_set():
            next_run = trigger.get_next_fire_time(event.scheduled_run_time, now)
        outlet = event.job_id.removeprefix(JOB_PREFIX)
        on_pass(pass_line(outlet, event.retval, event.exception, next_run))

    scheduler.add_listener(ended, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)


def run_schedule(
    config_path: Path,
    database_url: str,
    *,
    job: Callable[..., Any] | str = crawl_job,
    stop: threading.Event | None = None,
    heartbeat: float = HEARTBEAT_SECONDS,
    on_started: Callable[[int], None] | None = None,
    on_pass: Callable[[str], None] | None = None,
) -> None:
    """Run the schedule in the foreground until `stop` is set (SIGINT/SIGTERM set it in the main thread).

    `job(config_path, outlet_name, database_url)` must be a module-level function (or its
    "module:function" reference); when it returns its CrawlSummary, `on_pass` gets one line per
    outlet per pass saying what it stored and when it runs next (see `pass_line`). Raises
    SchedulerBusyError when another schedule holds the database.
    """
    config = load_config(config_path)
    stop = stop or threading.Event()
    with Database(database_url) as database:
        acquire_lock(database, datetime.now(UTC))
        try:
            with _signals_set(stop), _scheduler(database) as scheduler:
                sync_jobs(scheduler, config, config_path, database_url, job)
                if on_pass is not None:
                    _reporting_passes(scheduler, on_pass)  # its triggers are the jobs just synced
                scheduler.resume()
                if on_started is not None:
                    on_started(len(config.outlets))
                while not stop.wait(heartbeat):
                    if not beat(database, datetime.now(UTC)):
                        log.error("the schedule lock was taken by another process; stopping")
                        break
        finally:
            release_lock(database)


@contextmanager
def _scheduler(database: Database) -> Iterator[BackgroundScheduler]:
    STOPPING.clear()
    scheduler = BackgroundScheduler(jobstores={"default": job_store(database)}, timezone=UTC)
    JOB_EXTRACTORS.open()
    scheduler.start(paused=True)
    try:
        yield scheduler
    finally:
        STOPPING.set()
        # Waits for crawls in flight; STOPPING makes them end after the articles they are fetching.
        scheduler.shutdown(wait=True)
        JOB_EXTRACTORS.close()


@contextmanager
def _signals_set(stop: threading.Event) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(signum: int, _frame: FrameType | None) -> None:
        log.warning("%s received: stopping the schedule", signal.Signals(signum).name)
        stop.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
