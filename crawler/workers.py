"""The server the extraction workers are forked from, which a command may start before anything else.

A crawl extracts pages on a process pool (`newsprism.crawler.extract.Extractor`) whose workers are
forked by multiprocessing's forkserver: a fresh interpreter that imports the extraction modules once
(trafilatura, lxml, and the shell's analysis for `prepare`) and forks a worker from itself on request,
so a worker inherits neither the crawl's threads nor its sockets nor its database connections.

Started by the pool, the server began its imports (0.5-0.6 s of CPU) only once the crawling process
had made its own (0.7 s) and migrated its database, and the first page waited for both. `newsprism
crawl` starts it first instead, while the crawling process still has everything to import, so that
both import at once on two cores. This module imports nothing heavy for that reason.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
from collections.abc import Iterable
from multiprocessing.context import ForkServerContext

# What every extraction worker runs: loaded once in the server, inherited by each worker it forks.
EXTRACTION_MODULES = ("newsprism.crawler.extract",)


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
