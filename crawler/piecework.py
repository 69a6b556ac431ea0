"""A crawl pass in pieces, for a cluster's workers: one outlet's discovery, or one article, at a time.

A local pass (`newsprism.crawler.crawl`) runs a whole pass on one event loop. A worker of a cluster is handed
pieces of many passes, one after another, and may be killed between any two; so this module keeps
what a pass would build once (event loop, HTTP client, fetcher with its robots.txt cache, database
thread) for the worker process's life, and runs each piece to completion with the very code of a
local pass: the same discovery, fetching, extraction, storage and analysis. Politeness comes from the
`HostTurns` handed in, which a cluster keeps in Redis so that it holds across workers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from newsprism.crawler.config import CrawlerSettings, OutletConfig
from newsprism.crawler.crawl import CrawlPass, OutletDiscovery, OutletSummary, PassOptions, new_client
from newsprism.crawler.diagnosis import CrawlProblem
from newsprism.crawler.discovery import DiscoveredLink
from newsprism.crawler.fetch import Fetcher, FetchLog, Politeness, fetching_for, utc_now
from newsprism.crawler.hostturns import HostTurns
from newsprism.crawler.progress import SilentProgress
from newsprism.crawler.store import (
    AfterStore,
    FreshValidator,
    ensure_outlets,
    load_validator,
    remember_validator,
    save_logs,
)
from newsprism.crawler.workers import Extractor, PagePreparation
from newsprism.storage.database import Database

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class OutletListing:
    """What discovering one outlet found: its candidate articles, and what stood in the way."""

    links: list[DiscoveredLink]
    problems: list[CrawlProblem]
    unchanged_listings: int
    # Listing validators to keep once the pass's articles are all stored (see `remember_listings`).
    fresh: list[FreshValidator]


class Piecework:
    """One worker process's crawler: runs pieces of passes, each to completion, on one event loop.

    Not thread-safe: one piece at a time (a prefork worker process runs one task at a time).
    """

    def __init__(
        self,
        settings: CrawlerSettings,
        database: Database,
        turns: HostTurns,
        *,
        after_store: AfterStore | None = None,
        prepare: PagePreparation | None = None,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.database, self.now = database, now
        self.loop = asyncio.new_event_loop()
        self.client = new_client(settings)
        # In this process: the worker process is the unit a cluster scales by, and a pool per worker
        # process would put two extracting processes on each of its cores.
        self.extractor = Extractor(workers=0, prepare=prepare)
        fetcher = Fetcher(self.client, settings, now=now, turns=turns)
        options = PassOptions(after_store, now, None, self.client, self.extractor, fetcher.resolver, prepare)
        self.crawl = CrawlPass(settings, database, fetcher, self.extractor, options, SilentProgress())

    def close(self) -> None:
        self._run(self.client.aclose())
        self.crawl.close()
        self.loop.close()

    def _run(self, piece: Coroutine[Any, Any, T]) -> T:
        return self.loop.run_until_complete(piece)

    def discover(self, outlet: OutletConfig) -> OutletListing:
        """Find `outlet`'s candidate articles as a local pass does (feeds, sitemaps, sections, or
        the homepage's). Creates or updates the outlet's row. Commits."""
        return self._run(self._discover(outlet))

    async def _discover(self, outlet: OutletConfig) -> OutletListing:
        fetching_for.set(outlet.name)
        await self.crawl.db(ensure_outlets, self.database, [outlet.info()])
        summary = OutletSummary(outlet.name)
        discovery = OutletDiscovery(self.crawl, outlet, _politeness(outlet), summary)
        try:
            links = await discovery.links()
        finally:
            await self._keep_logs()
        return OutletListing(links, summary.problems, summary.unchanged_listings, discovery.fresh)

    def article(self, outlet: OutletConfig, link: DiscoveredLink) -> tuple[str, str | None]:
        """Fetch, extract, store and analyze one article: its status (new, updated, unchanged, failed,
        skipped) and the reason when it was not stored. Raises when storing failed. Commits."""
        return self._run(self._article(outlet, link))

    async def _article(self, outlet: OutletConfig, link: DiscoveredLink) -> tuple[str, str | None]:
        fetching_for.set(outlet.name)
        validator = await self.crawl.db(load_validator, self.database, link.url)
        try:
            return await self.crawl.article_outcome(outlet, link, _politeness(outlet), validator)
        finally:
            # Attempts that stored no article (refusals, failures, "not modified") are still kept.
            await self._keep_logs()

    async def _keep_logs(self) -> None:
        logs = self.crawl.fetcher.drain_logs()
        if logs:  # a stored article took its own along: no empty transaction for it
            await self.crawl.db(_save_logs, self.database, logs)

    def remember_listings(self, fresh: list[FreshValidator]) -> None:
        """Keep the validators of an outlet's listings, so its feeds may answer "not modified" next
        pass; only once every article they listed is stored, as a local pass does. Commits."""
        with self.database.transaction() as session:
            for validator in fresh:
                remember_validator(session, validator, self.now())


def _save_logs(database: Database, logs: list[FetchLog]) -> None:
    with database.transaction() as session:
        save_logs(session, logs)


def _politeness(outlet: OutletConfig) -> Politeness:
    return Politeness(outlet.delay, outlet.concurrency)
