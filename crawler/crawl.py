"""One crawl pass: discovery -> fetch -> extract -> store, outlet by outlet, and what it came to.

The pass runs on one event loop: fetching is asynchronous (polite per host, see `newsprism.crawler.fetch`),
extraction runs on a process pool, and storing runs on one database thread so SQLite sees one writer
and the loop never waits on a commit. Each article is stored in its own transaction together with the
`after_store` hook the shell passes (analysis), so the database is complete after every article.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import ParamSpec, TypeVar

import httpx

from newsprism.crawler.config import CrawlConfig, CrawlerSettings, OutletConfig
from newsprism.crawler.diagnosis import HTML_NOT_FEED, HTML_NOT_SITEMAP, NOT_AN_ARTICLE, CrawlProblem, explain
from newsprism.crawler.discovery import (
    DiscoveredLink,
    HostileDocumentError,
    feed_links,
    newest_first,
    parse_feed,
    parse_sitemap,
    robots_sitemaps,
    section_links,
)
from newsprism.crawler.fetch import (
    MAX_CONNECTIONS,
    Fetcher,
    FetchErrorKind,
    Page,
    Politeness,
    Purpose,
    Resolver,
    Validator,
    fetching_for,
    resolve_host,
    utc_now,
)
from newsprism.crawler.progress import CrawlProgress, RichProgress, SilentProgress
from newsprism.crawler.store import (
    AfterStore,
    FreshValidator,
    article_from,
    ensure_outlets,
    load_validator,
    load_validators,
    remember_validator,
    save_logs,
    store_page,
)
from newsprism.crawler.transport import HostPools
from newsprism.crawler.urls import clean_url
from newsprism.crawler.workers import Extractor, PagePreparation
from newsprism.storage.bulk import fewer_collections
from newsprism.storage.database import Database

log = logging.getLogger(__name__)
# Idle connections kept open to one host for its next requests.
HOST_IDLE_CONNECTIONS = 8
# Outlets whose listings are read at once. All of a large configuration at once (181 outlets) read
# every listing before any article: 1.3 s in which the extraction workers had nothing to do.
DISCOVERING = 32
P = ParamSpec("P")
T = TypeVar("T")
# What one feed, sitemap or section page parses into (its links, or a sitemap with its children).
Listing = TypeVar("Listing")
# Failures that are the page's answer, not bad luck: counted as skipped and not retried next pass.
# A URL the crawler would not fetch, or that is no article page, is skipped, not failed: never retried.
_SKIPPED = frozenset({FetchErrorKind.DISALLOWED, FetchErrorKind.NOT_HTML, FetchErrorKind.REFUSED})
MAX_SITEMAP_DEPTH = 3
# The counts of an OutletSummary, which a total adds up.
COUNTS = ("discovered", "new", "updated", "unchanged", "failed", "skipped", "unchanged_listings")


@dataclass(slots=True)
class OutletSummary:
    """What one pass did for one outlet, and the problems that kept it from articles."""

    outlet: str
    discovered: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    # Feeds and sitemaps that answered "not modified": no links, and nothing wrong.
    unchanged_listings: int = 0
    problems: list[CrawlProblem] = field(default_factory=list)

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    @property
    def yielded_nothing(self) -> bool:
        """True when the pass got no article of this outlet, not even an unchanged one."""
        return self.new + self.updated + self.unchanged == 0 and not self.unchanged_listings

    def line(self) -> str:
        """One line for a log: `Beta Post: 1 new, 0 updated, 3 unchanged, 0 failed`."""
        return (
            f"{self.outlet}: {self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.failed} failed"
        )

    def explanation(self) -> list[str]:
        """Why this outlet yielded nothing or had failures, with what to do; empty when all went well."""
        shown = [p for p in self.problems if self.yielded_nothing or p.purpose == "article"]
        if not self.yielded_nothing and not self.failed:
            return []
        return explain(self.outlet, shown, yielded_nothing=self.yielded_nothing)


@dataclass(slots=True)
class CrawlSummary:
    """What one pass did: a summary per outlet, and how long it took."""

    outlets: list[OutletSummary] = field(default_factory=list)
    elapsed: float = 0.0

    def total(self) -> OutletSummary:
        total = OutletSummary("total")
        for summary in self.outlets:
            for column in COUNTS:
                setattr(total, column, getattr(total, column) + getattr(summary, column))
            total.problems += summary.problems
        return total

    def explanations(self) -> list[str]:
        """The lines naming every outlet that yielded nothing or had failures, why, and what to do."""
        return [line for summary in self.outlets for line in summary.explanation()]


def crawl_outlets(
    config: CrawlConfig,
    database: Database,
    *,
    outlets: Iterable[str] | None = None,
    after_store: AfterStore | None = None,
    progress: CrawlProgress | bool | None = None,
    now: Callable[[], datetime] = utc_now,
    stop: threading.Event | None = None,
    client: httpx.AsyncClient | None = None,
    extractor: Extractor | None = None,
    resolver: Resolver = resolve_host,
    prepare: PagePreparation | None = None,
) -> CrawlSummary:
    """Crawl the outlets of `config` (all, or those named) once into `database`.

    `after_store(session, stored)` runs inside each article's transaction; with `prepare`, each
    extracted page is first prepared in the extraction worker and `after_store(session, stored,
    prepared)` gets the result (an `extractor` given brings its own preparation instead).
    `progress=True` draws a rich bar on a terminal. `stop`, once set, ends the pass after the
    articles in flight. `resolver` answers DNS for the address checks and the connections alike
    (tests hand it their own). Commits.
    """
    chosen = config.select(outlets)
    options = PassOptions(after_store, now, stop, client, extractor, resolver, prepare)
    with fewer_collections():
        if progress is True:
            # RichProgress draws nothing when standard error is not a terminal.
            with RichProgress() as bar:
                return asyncio.run(_run(config, chosen, database, options, bar))
        return asyncio.run(_run(config, chosen, database, options, progress or SilentProgress()))


@dataclass(frozen=True, slots=True)
class PassOptions:
    """What the caller of a pass may hand it instead of the defaults (see `crawl_outlets`)."""

    after_store: AfterStore | None
    now: Callable[[], datetime]
    stop: threading.Event | None
    client: httpx.AsyncClient | None
    extractor: Extractor | None
    resolver: Resolver
    prepare: PagePreparation | None


async def _run(
    config: CrawlConfig,
    chosen: Sequence[OutletConfig],
    database: Database,
    options: PassOptions,
    progress: CrawlProgress,
) -> CrawlSummary:
    started = time.monotonic()
    client = options.client or new_client(config.settings, options.resolver)
    extractor = options.extractor or Extractor(prepare=options.prepare)
    fetcher = Fetcher(client, config.settings, now=options.now, resolver=options.resolver)
    crawl = CrawlPass(config.settings, database, fetcher, extractor, options, progress)
    # The workers start while discovery fetches the listings, not when the first article arrives.
    starting = asyncio.ensure_future(asyncio.to_thread(extractor.start))
    try:
        # One commit for all the outlets, before their listings: one each queued 181 commits on the
        # database thread ahead of the first article of a large configuration.
        await crawl.db(ensure_outlets, database, [outlet.info() for outlet in chosen])
        summaries = await asyncio.gather(*(crawl.outlet(outlet) for outlet in chosen))
        await starting
        await crawl.db(crawl.flush_logs)
    finally:
        crawl.close()
        if options.client is None:
            await client.aclose()
        if options.extractor is None:
            extractor.close()
    return CrawlSummary(list(summaries), time.monotonic() - started)


def new_client(settings: CrawlerSettings, resolver: Resolver = resolve_host) -> httpx.AsyncClient:
    """The client a pass shares: no automatic redirects (each hop is checked), no proxies from the
    environment (they would bypass the address checks), connection reuse across a host's pages, and
    connections only to the addresses checked at connect time (no DNS rebinding)."""
    # Per host: the Fetcher already holds each host to its outlet's concurrency and the pass to
    # MAX_CONNECTIONS requests in flight.
    limits = httpx.Limits(max_connections=MAX_CONNECTIONS, max_keepalive_connections=HOST_IDLE_CONNECTIONS)
    transport = HostPools(resolver, allow_private=settings.allow_private_networks, limits=limits)
    return httpx.AsyncClient(
        follow_redirects=False, trust_env=False, timeout=settings.timeout, transport=transport
    )


class CrawlPass:
    """The state of one pass: the fetcher, the extractor, and the one database thread.

    A cluster's worker keeps one for its life and runs the pass in pieces (`newsprism.crawler.piecework`).
    """

    def __init__(
        self,
        settings: CrawlerSettings,
        database: Database,
        fetcher: Fetcher,
        extractor: Extractor,
        options: PassOptions,
        progress: CrawlProgress,
    ) -> None:
        self.settings, self.database, self.fetcher, self.extractor = settings, database, fetcher, extractor
        self.after_store, self.now, self.stop = options.after_store, options.now, options.stop
        self.progress = progress
        self._db = ThreadPoolExecutor(1, thread_name_prefix="newsprism-store")
        self._discovering = asyncio.Semaphore(DISCOVERING)

    def close(self) -> None:
        self._db.shutdown(wait=True)

    async def db(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a storage call on the database thread."""
        return await asyncio.get_running_loop().run_in_executor(self._db, lambda: function(*args, **kwargs))

    def flush_logs(self) -> None:
        with self.database.transaction() as session:
            save_logs(session, self.fetcher.drain_logs())

    # --- one outlet --------------------------------------------------------------------------------

    async def outlet(self, outlet: OutletConfig) -> OutletSummary:
        fetching_for.set(outlet.name)
        summary = OutletSummary(outlet.name)
        politeness = Politeness(outlet.delay, outlet.concurrency)
        discovery = OutletDiscovery(self, outlet, politeness, summary)
        async with self._discovering:
            links = await discovery.links()
        summary.discovered = len(links)
        self.progress.discovered(outlet.name, len(links))
        # One read for the whole listing, not one per article before its fetch.
        validators = await self.db(load_validators, self.database, [link.url for link in links])
        articles = (
            self.article(outlet, link, politeness, validators.get(link.url), summary) for link in links
        )
        for status in await asyncio.gather(*articles):
            summary.count(status)
        if summary.failed == 0:
            # Only a pass with nothing left to retry may let the feeds answer "not modified" next time.
            await self.db(discovery.save_validators)
        log.info("%s: %s", outlet.name, summary)
        return summary

    async def article(
        self,
        outlet: OutletConfig,
        link: DiscoveredLink,
        politeness: Politeness,
        validator: Validator | None,
        summary: OutletSummary,
    ) -> str:
        if self.stop is not None and self.stop.is_set():
            status = "skipped"
        else:
            status = await self._article_status(outlet, link, politeness, validator, summary)
        # As each article is done, not when its outlet's last one is: an outlet's bar moves.
        self.progress.advanced(outlet.name, status)
        return status

    async def _article_status(
        self,
        outlet: OutletConfig,
        link: DiscoveredLink,
        politeness: Politeness,
        validator: Validator | None,
        summary: OutletSummary,
    ) -> str:
        try:
            status, reason = await self.article_outcome(outlet, link, politeness, validator)
        except Exception as exc:  # one article must not end the pass; the reason is logged with its URL
            log.exception("%s: storing %s failed", outlet.name, link.url)
            status, reason = "failed", f"could not be stored: {type(exc).__name__}: {exc}"
        if reason is not None:
            # Kept for the summary, so a failure is never a bare count.
            summary.problems.append(CrawlProblem("article", link.url, reason))
        return status

    async def article_outcome(
        self, outlet: OutletConfig, link: DiscoveredLink, politeness: Politeness, validator: Validator | None
    ) -> tuple[str, str | None]:
        """The article's status, and the reason when it was not stored; raises when storing failed."""
        page = await self.fetcher.fetch(link.url, "article", politeness=politeness, validator=validator)
        if page.not_modified:
            return "unchanged", None
        if page.error is not None:
            log.info("%s: %s: %s", outlet.name, link.url, page.error)
            return ("skipped" if page.error_kind in _SKIPPED else "failed"), page.error
        extracted = await self.extractor.extract_fetched(page.body, page.content_type, page.final_url)
        if extracted is None:
            # An index, a video or a gallery page is not a failure to retry: counted as skipped, and
            # its reason kept, so it no longer blocks the feeds' "not modified" for the next pass.
            log.info("%s: %s: %s", outlet.name, link.url, NOT_AN_ARTICLE)
            self.fetcher.record_refusal(page, "article", NOT_AN_ARTICLE)
            return "skipped", NOT_AN_ARTICLE
        article = article_from(
            link.url,
            outlet.name,
            extracted.page,
            self.now(),
            compressed_html=extracted.compressed_html,
            title=link.title,
            published=link.published,
            language=outlet.language,
        )
        fresh = FreshValidator(link.url, page.validator) if page.validator else None
        stored = await self.db(
            store_page,
            self.database,
            article,
            after_store=self.after_store,
            validator=fresh,
            logs=self.fetcher.drain_logs(),
            prepared=extracted.prepared,
        )
        return stored.status, None


class OutletDiscovery:
    """Finding one outlet's candidate articles: feeds, sitemaps, sections, or the homepage's feeds."""

    def __init__(
        self, crawl: CrawlPass, outlet: OutletConfig, politeness: Politeness, summary: OutletSummary
    ) -> None:
        self.crawl, self.outlet, self.politeness, self.summary = crawl, outlet, politeness, summary
        self.fresh: list[FreshValidator] = []
        self.seen_sitemaps: set[str] = set()

    async def links(self) -> list[DiscoveredLink]:
        outlet = self.outlet
        feeds, sitemaps, sections = list(outlet.feeds), list(outlet.sitemaps), list(outlet.sections)
        found: list[DiscoveredLink] = []
        if not (feeds or sitemaps or sections):
            feeds, sitemaps, found = await self._from_homepage()
        for url in feeds:
            found += await self._document(url, "feed", _feed_links)
        for url in sitemaps:
            found += await self._sitemap(url, 0)
        for url in sections:
            found += await self._document(url, "section", _section_links)
        return _best_first(found, self.crawl.settings.max_articles)

    async def _from_homepage(self) -> tuple[list[str], list[str], list[DiscoveredLink]]:
        """With nothing configured: the feeds the homepage announces, else robots.txt's sitemaps and
        the homepage's own article links."""
        page = await self._fetch(self.outlet.homepage, "homepage", conditional=False)
        if not page.ok:
            return [], [], []
        feeds = feed_links(page.text(), page.final_url)
        if feeds:
            return feeds, [], []
        robots = await self.crawl.fetcher.robots_txt(self.outlet.homepage, self.politeness)
        sitemaps = robots_sitemaps(robots, self.outlet.homepage)
        return [], sitemaps, section_links(page.text(), page.final_url)

    async def _fetch(self, url: str, purpose: Purpose, conditional: bool = True) -> Page:
        validator = await self.crawl.db(load_validator, self.crawl.database, url) if conditional else None
        page = await self.crawl.fetcher.fetch(url, purpose, politeness=self.politeness, validator=validator)
        if page.error is not None:
            log.warning("%s: %s %s: %s", self.outlet.name, purpose, url, page.error)
            self.summary.problems.append(CrawlProblem(purpose, url, page.error))
        if page.not_modified:
            self.summary.unchanged_listings += 1
        if page.ok and page.validator is not None and conditional:
            self.fresh.append(FreshValidator(url, page.validator))
        return page

    async def _document(
        self, url: str, purpose: Purpose, parse: Callable[[Page], list[DiscoveredLink]]
    ) -> list[DiscoveredLink]:
        page = await self._fetch(url, purpose)
        if not page.ok:
            return []
        links = self._parsed(page, url, purpose, parse) or []
        if not links and purpose == "feed" and looks_like_html(page.body):
            self._problem(page, url, purpose, HTML_NOT_FEED)
        return links

    def _problem(self, page: Page, url: str, purpose: Purpose, reason: str) -> None:
        """A listing that was fetched but cannot be used: logged, recorded, kept for the summary."""
        log.warning("%s: %s %s: %s", self.outlet.name, purpose, url, reason)
        self.crawl.fetcher.record_refusal(page, purpose, reason)
        self.summary.problems.append(CrawlProblem(purpose, url, reason))

    def _parsed(
        self, page: Page, url: str, purpose: Purpose, parse: Callable[[Page], Listing]
    ) -> Listing | None:
        """`parse(page)`, or None when the listing is hostile or unreadable (the reason is recorded)."""
        try:
            return parse(page)
        except HostileDocumentError as exc:
            self._problem(page, url, purpose, f"refused: {exc}")
        except Exception as exc:  # a parser bug on one listing must not end the pass; the reason is kept
            log.exception("%s: %s %s could not be read", self.outlet.name, purpose, url)
            self._problem(page, url, purpose, f"unreadable: {type(exc).__name__}: {exc}")
        return None

    async def _sitemap(self, url: str, depth: int) -> list[DiscoveredLink]:
        limit = self.crawl.settings.max_sitemaps
        if url in self.seen_sitemaps or len(self.seen_sitemaps) >= limit or depth > MAX_SITEMAP_DEPTH:
            return []
        self.seen_sitemaps.add(url)
        page = await self._fetch(url, "sitemap")
        if not page.ok:
            return []
        if looks_like_html(page.body):
            # An HTML "sitemap" parses to no URL at all: said, or the outlet just looks quiet.
            self._problem(page, url, "sitemap", HTML_NOT_SITEMAP)
            return []
        max_bytes = self.crawl.settings.max_bytes
        sitemap = self._parsed(
            page, url, "sitemap", lambda p: parse_sitemap(p.body, p.final_url, max_bytes=max_bytes)
        )
        if sitemap is None:
            return []
        links = list(sitemap.urls)
        for child in sitemap.child_sitemaps:
            links += await self._sitemap(child, depth + 1)
        return links

    def save_validators(self) -> None:
        with self.crawl.database.transaction() as session:
            for fresh in self.fresh:
                remember_validator(session, fresh, self.crawl.now())


def looks_like_html(body: bytes) -> bool:
    """True when `body` starts as an HTML page does (by its bytes: servers mislabel sitemaps' types)."""
    start = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _feed_links(page: Page) -> list[DiscoveredLink]:
    return parse_feed(page.body, page.final_url)


def _section_links(page: Page) -> list[DiscoveredLink]:
    return section_links(page.text(), page.final_url)


def _best_first(links: Iterable[DiscoveredLink], limit: int) -> list[DiscoveredLink]:
    """One link per cleaned URL (keeping the one with most to say), newest first, at most `limit`."""
    best: dict[str, DiscoveredLink] = {}
    for link in links:
        key = clean_url(link.url)
        known = best.get(key)
        if known is None or _richness(link) > _richness(known):
            best[key] = link
    return newest_first(best.values())[:limit]


def _richness(link: DiscoveredLink) -> tuple[bool, bool]:
    return (link.published is not None, link.title is not None)
