"""Extraction on a process pool: the workers, the server they are forked from, what they hand back.

A crawl extracts pages on a process pool (`Extractor`) whose workers are forked by multiprocessing's
forkserver: a fresh interpreter that imports the extraction modules once (trafilatura, lxml, and the
shell's analysis for `prepare`) and forks a worker from itself on request, so a worker inherits
neither the crawl's threads nor its sockets nor its database connections.

The crawling process itself never loads the extractor (`newsprism.crawler.extract`, 0.1-0.2 s of
imports): it hands the workers functions of this module, which find the extraction already loaded
in them, and gets back the dataclasses defined here. Started by the pool, the server began its
imports (0.5-0.6 s of CPU) only once the crawling process had made its own (0.7 s) and migrated its
database, and the first page waited for both; `newsprism crawl` starts it first instead
(`start_worker_server`), so that both import at once on two cores. This module imports nothing heavy
for that reason.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.context import ForkServerContext
from types import TracebackType
from typing import Any, TypeVar

log = logging.getLogger(__name__)
# How often an extraction worker checks that the crawl that started it still lives.
OWNER_CHECK_SECONDS = 0.5

# What every extraction worker runs: loaded once in the server, inherited by each worker it forks,
# with the word lists its libraries would otherwise build in each worker on first use.
EXTRACTION_MODULES = ("newsprism.crawler.extract", "newsprism.crawler.wordlists")


def worker_context(preparations: Iterable[str] = ()) -> ForkServerContext:
    """The start method of extraction workers, its server set to preload the extraction modules and
    `preparations` (the modules of a page preparation the workers run, e.g. `newsprism.pipeline`).

    The preload applies when the server starts; once it runs (one per process), it keeps its own.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*EXTRACTION_MODULES, *preparations])
    return context


def start_worker_server(preparations: Iterable[str] = ()) -> None:
    """Start the extraction workers' server now, in the background: it imports the extraction modules
    and `preparations` while the caller goes on. Returns at once; a pool started later uses it."""
    worker_context(preparations)
    multiprocessing.forkserver.ensure_running()


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """What extraction found in an article page."""

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    language: str | None = None
    canonical_url: str | None = None


# What the shell does with each extracted page inside the extraction worker (its analysis), handed
# to the crawl's after_store hook with the stored article. A module-level function: it is pickled.
PagePreparation = Callable[[ExtractedPage], object]


@dataclass(frozen=True, slots=True)
class ExtractedFetch:
    """A fetched article page extracted, with the decoded page zlib-compressed for keeping, and what
    the page preparation made of it (None without one)."""

    page: ExtractedPage
    compressed_html: bytes
    prepared: object = None


def start_worker(owner: int) -> None:
    """Pool initializer: the worker leaves what its server loaded out of its garbage collections, and
    ends soon after the process that owns the pool is gone.

    The modules the server preloaded (trafilatura, lxml, the analysis) never become garbage, yet each
    full collection scanned them all: 0.38-0.53 s of a pass's 258 pages, 0.08-0.11 s frozen.
    A crawl killed with SIGKILL (or by the OOM killer) cannot shut its pool down, and the workers would
    wait for work forever, holding the forkserver, the dead crawl's pipes and its memory.
    """
    gc.freeze()
    threading.Thread(target=_watch_owner, args=(owner,), name="owner-watch", daemon=True).start()


def _watch_owner(owner: int) -> None:
    while True:
        time.sleep(OWNER_CHECK_SECONDS)
        try:
            os.kill(owner, 0)
        except (ProcessLookupError, PermissionError):  # gone, or its pid now belongs to another user
            os._exit(0)


def _extract_page(page_html: str, url: str) -> ExtractedPage | None:
    # In a worker, whose server has loaded the extractor; in-process (workers=0), loaded on first use.
    from newsprism.crawler.extract import extract_page

    return extract_page(page_html, url)


def _extract_fetched(
    body: bytes, content_type: str, url: str, prepare: PagePreparation | None
) -> ExtractedFetch | None:
    from newsprism.crawler.extract import extract_fetched

    return extract_fetched(body, content_type, url, prepare)


Result = TypeVar("Result")
# How often a page is handed to a worker when workers die under it (see Extractor._report_death).
TRIES_AFTER_A_DEATH = 2


class Extractor:
    """Runs `extract_page` on a process pool (or in-process with `workers=0`, for small jobs).

    `prepare` runs on each page `extract_fetched` extracts, in the same worker.
    """

    def __init__(self, workers: int | None = None, prepare: PagePreparation | None = None) -> None:
        self.workers = (os.cpu_count() or 1) if workers is None else workers
        self.prepare = prepare
        self._pool: Executor | None = None
        # `start` may create the pool on another thread while the crawl asks for it.
        self._creating = threading.Lock()

    def start(self) -> None:
        """Start the workers now. Blocks while the forkserver imports trafilatura (a second or more),
        so a crawl runs it on a thread during discovery instead of stalling its first extraction."""
        if not self.workers:
            return
        try:
            self._executor().submit(int).result()
        except Exception as exc:  # a pool that cannot start fails each page with its reason, as before
            log.warning("extraction workers did not start: %s", exc)

    def _executor(self) -> Executor:
        with self._creating:
            return self._pool or self._new_pool()

    def _new_pool(self) -> Executor:
        # forkserver: workers do not inherit the crawl's threads, sockets or database connections, and
        # start from a server that has trafilatura (and the preparation's module) loaded; a command
        # may have started that server already (`newsprism.crawler.workers`).
        preparation = [self.prepare.__module__] if self.prepare is not None else []
        context = worker_context(preparation)
        self._pool = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=start_worker, initargs=(os.getpid(),)
        )
        return self._pool

    async def extract(self, page_html: str, url: str) -> ExtractedPage | None:
        """`extract_page` off the event loop; a worker dying under it costs a second try, at worst the
        page, never the crawl."""
        return await self._off_loop(_extract_page, url, page_html, url)

    async def extract_fetched(self, body: bytes, content_type: str, url: str) -> ExtractedFetch | None:
        """`extract_fetched` off the event loop: decoding, extraction, compression and the page
        preparation in a worker."""
        return await self._off_loop(_extract_fetched, url, body, content_type, url, self.prepare)

    async def _off_loop(self, function: Callable[..., Result | None], url: str, *args: Any) -> Result | None:
        if self.workers == 0:
            return function(*args)
        for attempt in range(1, TRIES_AFTER_A_DEATH + 1):
            pool, pending = self._submit(function, *args)
            try:
                return await asyncio.wrap_future(pending)
            except BrokenProcessPool:
                self._discard(pool)
                self._report_death(url, attempt)
        return None

    def extract_now(self, page_html: str, url: str) -> ExtractedPage | None:
        """`extract_page` from synchronous code (imports), on the pool when there is one."""
        if self.workers == 0:
            return _extract_page(page_html, url)
        for attempt in range(1, TRIES_AFTER_A_DEATH + 1):
            pool, pending = self._submit(_extract_page, page_html, url)
            try:
                page: ExtractedPage | None = pending.result()
                return page
            except BrokenProcessPool:
                self._discard(pool)
                self._report_death(url, attempt)
        return None

    def _submit(self, function: Callable[..., Any], *args: Any) -> tuple[Executor, Future[Any]]:
        """The page handed to a worker, and the pool that has it.

        A pool found broken when the page is handed over lost a worker while it was idle (the OOM
        killer picks big idle processes too): the page had no part in that, so it goes to a new pool.
        """
        pool = self._executor()
        try:
            return pool, pool.submit(function, *args)
        except BrokenProcessPool:
            self._discard(pool)
            pool = self._executor()
            return pool, pool.submit(function, *args)

    def _report_death(self, url: str, attempt: int) -> None:
        # Every page in flight fails when one worker dies, and nothing says which page killed it: each
        # gets one more try on a new pool, so a page that kills every worker costs two pools, not more.
        if attempt < TRIES_AFTER_A_DEATH:
            log.warning("an extraction worker died while %s was in flight; extracting it again", url)
        else:
            log.warning("an extraction worker died again while %s was in flight; the page is skipped", url)

    def _discard(self, pool: Executor) -> None:
        """Shut a broken pool down; the next page starts a new one. Only that pool: the other pages
        failing with it come back after a new pool may already be extracting the next ones."""
        with self._creating:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        if (pool := self._pool) is not None:
            self._discard(pool)

    def __enter__(self) -> Extractor:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
