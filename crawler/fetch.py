"""The one module of newsprism that talks HTTP: polite, bounded, SSRF-checked fetching.

Everything the crawler downloads goes through `Fetcher.fetch` over one shared `httpx.AsyncClient`
(tests hand it a loopback server or `httpx.MockTransport`). It owns the rules a crawler must keep on
the open web: robots.txt and Crawl-delay, per-host concurrency and least delay, a User-Agent naming
newsprism, timeouts, redirects followed by hand so each hop is checked, bodies abandoned past
`max_bytes`, retries with backoff honouring Retry-After, conditional GET, and no request to loopback,
private, link-local or metadata addresses unless the configuration allows private networks. Every
attempt, refused or made, leaves a `FetchLog`. Clocks, sleeping, jitter and DNS are injectable.
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import Enum
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from protego import Protego

from newsprism.crawler.bodies import ACCEPT_ENCODING, BodyRefused, read_bounded
from newsprism.crawler.config import CrawlerSettings
from newsprism.crawler.encoding import decode_html
from newsprism.crawler.hostturns import HeldTurn, HostTurns
from newsprism.crawler.urls import host_key, is_http_url, is_ip_address

Purpose = Literal["feed", "sitemap", "robots", "section", "homepage", "article"]
Resolver = Callable[[str, int], Awaitable[list[str]]]
ROBOTS_TOKEN = "newsprism"
# RFC 9309 lets a crawler stop reading robots.txt after 500 KiB.
MAX_ROBOTS_BYTES = 500 * 1024
# Connections a pass keeps open at most (the client's pool limit), and so requests in flight at most.
MAX_CONNECTIONS = 64
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECTS = {301, 302, 303, 307, 308}
# IPv4-compatible (deprecated) and NAT64 well-known prefixes: the last 32 bits are an IPv4 address.
_IPV4_IN_LOW_BITS = (ipaddress.IPv6Network("::/96"), ipaddress.IPv6Network("64:ff9b::/96"))
# Local-use NAT64 (RFC 8215) and deprecated site-local addresses reach only the operator's own network.
_NEVER_PUBLIC_V6 = (ipaddress.IPv6Network("64:ff9b:1::/48"), ipaddress.IPv6Network("fec0::/10"))
# Every refusal's reason starts so, for the operator reading the fetch log.
REFUSED = "refused:"
# The outlet a fetch is made for, read when logging it; each outlet's crawl task sets it once.
fetching_for: ContextVar[str | None] = ContextVar("fetching_for", default=None)
# The shared turn the request being made holds, told when the request has gone out (a cluster's).
_held_turn: ContextVar[HeldTurn | None] = ContextVar("_held_turn", default=None)


class FetchErrorKind(Enum):
    """Why a fetch gave no page: what the crawl counts (skipped or failed) and retries goes by it, the
    reason's words (`Page.error`) are for people."""

    INVALID_URL = "invalid URL"  # not http(s), or no URL httpx takes
    REFUSED = "refused"  # the crawler will not fetch it: a private address, a Unix socket
    UNRESOLVED = "unresolved"  # the host name does not resolve
    DISALLOWED = "disallowed"  # robots.txt forbids the URL
    ROBOTS_UNREACHABLE = "robots.txt unreachable"  # so nothing is fetched from the host
    CANNOT_CONNECT = "cannot connect"  # nothing answered: tried again
    TIMED_OUT = "timed out"
    TRANSPORT = "transport"  # the exchange broke off (a protocol error, a reset)
    HTTP_STATUS = "HTTP status"  # answered, but not 200 (304 is no error); 429 and 5xx tried again
    TOO_MANY_REDIRECTS = "too many redirects"
    NOT_HTML = "not HTML"  # an article, section or homepage answered with another type
    BAD_BODY = "bad body"  # larger than allowed, truncated, or an encoding that cannot be bounded


class ConnectionRefusal(httpcore.ConnectError):
    """The transport's refusal to connect (an address found private at connect time, a Unix socket)."""


def utc_now() -> datetime:
    return datetime.now(UTC)


async def resolve_host(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (the loop's resolver, so it does not block the crawl)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def private_refusal(host: str, address: str) -> str:
    """The reason logged when `host` resolves to a non-public `address`."""
    return f"{REFUSED} {host!r} is a private or local address ({address})"


def private_answer(host: str, addresses: list[str]) -> str | None:
    """The refusal for the first non-public address `host` resolved to, or None when all are public.

    Every address is checked: a name with one public and one private answer is still refused.
    """
    for address in addresses:
        if not is_public_address(address):
            return private_refusal(host, address)
    return None


def is_public_address(address: str) -> bool:
    """False for loopback, private, link-local (incl. cloud metadata), multicast and reserved IPs,
    and for IPv6 forms that carry such an IPv4 address (mapped, compatible, 6to4, NAT64)."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if any(ip in network for network in _NEVER_PUBLIC_V6):
            return False
        ip = _embedded_ipv4(ip) or ip
    return ip.is_global and not ip.is_multicast


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for, if any: a router or tunnel would deliver it there."""
    if ip.ipv4_mapped is not None or ip.sixtofour is not None:
        return ip.ipv4_mapped or ip.sixtofour
    if any(ip in network for network in _IPV4_IN_LOW_BITS):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


@dataclass(frozen=True, slots=True)
class Politeness:
    """How gently one outlet's host is treated: least seconds between requests, requests in flight."""

    delay: float = 1.0
    concurrency: int = 2


@dataclass(frozen=True, slots=True)
class Validator:
    """HTTP validators of an earlier response, sent back for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        sent = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in sent.items() if value}


@dataclass(frozen=True, slots=True)
class FetchLog:
    """One attempt at a URL (or its refusal): what storage keeps as a FetchRecord."""

    url: str
    purpose: str
    status: int | None
    error: str | None
    elapsed_ms: float
    fetched_at: datetime
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """The outcome of fetching a URL: a body, "not modified", or an error saying why not."""

    url: str
    final_url: str
    status: int | None = None
    body: bytes = b""
    content_type: str = ""
    validator: Validator | None = None
    error: str | None = None
    error_kind: FetchErrorKind | None = None
    retry_after: float | None = None
    location: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def is_html(self) -> bool:
        return self.content_type.split(";", 1)[0].strip().lower() in _HTML_TYPES

    def text(self) -> str:
        """The body decoded with the page's true charset."""
        return decode_html(self.body, self.content_type)


@dataclass(slots=True)
class _HostGate:
    """Per-host turn-taking: at most `concurrency` in flight, starts at least `delay` apart."""

    delay: float
    semaphore: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a URL is not fetched at all, found before any request to it."""

    kind: FetchErrorKind
    reason: str


@dataclass(frozen=True, slots=True)
class _Robots:
    rules: Protego | None
    text: str = ""
    # RFC 9309: a robots.txt that cannot be fetched (5xx, network) means nothing may be crawled.
    unreachable: Refusal | None = None

    def refusal(self, url: str) -> Refusal | None:
        if self.unreachable is not None and self.unreachable.kind is FetchErrorKind.REFUSED:
            return self.unreachable  # the host itself is refused (a rebinding DNS answer), not its robots
        if self.unreachable is not None:
            reason = f"robots.txt unreachable ({self.unreachable.reason}), nothing fetched from this host"
            return Refusal(FetchErrorKind.ROBOTS_UNREACHABLE, reason)
        if self.rules is None or self.rules.can_fetch(url, ROBOTS_TOKEN):
            return None
        return Refusal(FetchErrorKind.DISALLOWED, "disallowed by robots.txt")


class Fetcher:
    """Polite fetching for one crawl pass; see the module docstring for the rules it keeps."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        settings: CrawlerSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        now: Callable[[], datetime] = utc_now,
        resolver: Resolver = resolve_host,
        jitter: Callable[[], float] = random.random,
        turns: HostTurns | None = None,
    ) -> None:
        self.client, self.settings = client, settings
        # Given (a cluster's workers), hosts' turns are kept there for every process; else in memory.
        self.turns = turns
        self.clock, self.sleep, self.now, self.resolver, self.jitter = clock, sleep, now, resolver, jitter
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, _Robots] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._logs: list[FetchLog] = []
        # httpcore scans every queued request against every connection each time one finishes, so a
        # crawl with hundreds of requests waiting inside the pool spent a third of its process there.
        # Waiting here instead keeps that queue empty, and the wait out of each request's timeout.
        self._in_flight = asyncio.Semaphore(MAX_CONNECTIONS)

    def drain_logs(self) -> list[FetchLog]:
        """The attempts logged since the last call (the caller stores them)."""
        logs, self._logs = self._logs, []
        return logs

    async def fetch(
        self,
        url: str,
        purpose: Purpose,
        *,
        politeness: Politeness = Politeness(),
        validator: Validator | None = None,
    ) -> Page:
        """GET `url` following redirects by hand; the Page says what came of it. Never raises."""
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            refusal = await self._refusal(current, purpose, politeness)
            if refusal is not None:
                self._log(current, purpose, None, refusal.reason, 0.0)
                return Page(url, current, error=refusal.reason, error_kind=refusal.kind)
            page = await self._with_retries(current, purpose, politeness, validator)
            if page.location is None:
                return replace(page, url=url)
            current = page.location
        error = f"more than {self.settings.max_redirects} redirects"
        self._log(current, purpose, None, error, 0.0)
        return Page(url, current, error=error, error_kind=FetchErrorKind.TOO_MANY_REDIRECTS)

    def record_refusal(self, page: Page, purpose: Purpose, reason: str) -> None:
        """Log why a page that was fetched is not used (a hostile feed, no article text), so the
        fetch records say what became of every URL."""
        self._log(page.final_url, purpose, page.status, reason, 0.0)

    async def robots_txt(self, url: str, politeness: Politeness = Politeness()) -> str:
        """The robots.txt text of the host of `url` ("" when there is none); fetched once per host."""
        return (await self._robots_for(url, politeness)).text

    # --- checks before a request -------------------------------------------------------------------

    async def _refusal(self, url: str, purpose: Purpose, politeness: Politeness) -> Refusal | None:
        if not is_http_url(url):
            return Refusal(FetchErrorKind.INVALID_URL, f"not an http(s) URL: {url!r}")
        try:
            httpx.URL(url)
        except httpx.InvalidURL as exc:  # a newline or a bad IDNA name urlsplit lets through
            return Refusal(FetchErrorKind.INVALID_URL, f"not a valid URL: {url!r} ({exc})")
        if not self.settings.allow_private_networks:
            refusal = await self._private_address(url)
            if refusal is not None:
                return refusal
        if purpose == "robots":
            return None
        return (await self._robots_for(url, politeness)).refusal(url)

    async def _private_address(self, url: str) -> Refusal | None:
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            addresses = [host] if is_ip_address(host) else await self.resolver(host, parts.port or 443)
        except (OSError, UnicodeError) as exc:
            return Refusal(FetchErrorKind.UNRESOLVED, f"cannot resolve {host!r}: {exc}")
        reason = private_answer(host, addresses or ["0.0.0.0"])
        return Refusal(FetchErrorKind.REFUSED, reason) if reason is not None else None

    async def _robots_for(self, url: str, politeness: Politeness) -> _Robots:
        key = host_key(url)
        async with self._robots_locks.setdefault(key, asyncio.Lock()):
            if key not in self._robots:
                self._robots[key] = await self._load_robots(url, politeness)
                self._apply_crawl_delay(url, politeness, self._robots[key])
        return self._robots[key]

    async def _load_robots(self, url: str, politeness: Politeness) -> _Robots:
        robots_url = urljoin(url, "/robots.txt")
        page = await self.fetch(robots_url, "robots", politeness=politeness)
        if page.ok:
            text = page.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            return _Robots(Protego.parse(text), text)
        if page.status is not None and 400 <= page.status < 500:
            return _Robots(None)
        kind = page.error_kind or FetchErrorKind.HTTP_STATUS
        return _Robots(None, unreachable=Refusal(kind, page.error or f"HTTP {page.status}"))

    def _apply_crawl_delay(self, url: str, politeness: Politeness, robots: _Robots) -> None:
        asked = robots.rules.crawl_delay(ROBOTS_TOKEN) if robots.rules is not None else None
        if asked:
            gate = self._gate(url, politeness)
            gate.delay = max(gate.delay, min(float(asked), self.settings.max_crawl_delay))

    # --- requests ----------------------------------------------------------------------------------

    def _gate(self, url: str, politeness: Politeness) -> _HostGate:
        key = host_key(url)
        if key not in self._gates:
            self._gates[key] = _HostGate(politeness.delay, asyncio.Semaphore(politeness.concurrency))
        return self._gates[key]

    @asynccontextmanager
    async def _turn(self, url: str, politeness: Politeness) -> AsyncIterator[None]:
        gate = self._gate(url, politeness)
        if self.turns is not None:
            # The gate still carries the delay robots.txt's Crawl-delay may have raised.
            async with self.turns.turn(host_key(url), gate.delay, politeness.concurrency) as held:
                token = _held_turn.set(held)
                try:
                    yield
                finally:
                    _held_turn.reset(token)
            return
        async with gate.semaphore:
            async with gate.lock:
                wait = gate.next_start - self.clock()
                if wait > 0:
                    await self.sleep(wait)
                gate.next_start = self.clock() + gate.delay
            yield

    async def _with_retries(
        self, url: str, purpose: Purpose, politeness: Politeness, validator: Validator | None
    ) -> Page:
        for attempt in range(self.settings.retries + 1):
            async with self._turn(url, politeness):
                page = await self._attempt(url, purpose, validator)
            if not _retryable(page) or attempt == self.settings.retries:
                return page
            wait = page.retry_after if page.retry_after is not None else self._backoff(attempt)
            if wait > self.settings.max_retry_after:
                return replace(page, error=f"{page.error}; Retry-After {wait:.0f}s is too long, given up")
            await self.sleep(wait)
        raise AssertionError("unreachable: the last attempt returns")

    def _backoff(self, attempt: int) -> float:
        # Exponential with full jitter, so many crawlers retrying one server do not arrive together.
        return float(self.settings.backoff * (2**attempt) * (0.5 + self.jitter()))

    async def _attempt(self, url: str, purpose: Purpose, validator: Validator | None) -> Page:
        started = self.clock()
        page = await self._request(url, purpose, validator)
        self._log(url, purpose, page.status, page.error, (self.clock() - started) * 1000)
        return page

    async def _request(self, url: str, purpose: Purpose, validator: Validator | None) -> Page:
        headers = {
            "User-Agent": self.settings.user_agent,
            "Accept-Encoding": ACCEPT_ENCODING,
            **(validator.headers() if validator else {}),
        }
        async with self._in_flight:
            return await self._exchange(url, purpose, headers)

    async def _exchange(self, url: str, purpose: Purpose, headers: dict[str, str]) -> Page:
        try:
            async with asyncio.timeout(self.settings.timeout):
                request = self.client.stream(
                    "GET", url, headers=headers, timeout=self.settings.timeout, extensions=_tracing()
                )
                async with request as response:
                    return await self._read(url, purpose, response)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            if isinstance(exc.__cause__, ConnectionRefusal):
                # The transport found a private address at connect time (DNS rebinding): not retried.
                return Page(url, url, error=str(exc), error_kind=FetchErrorKind.REFUSED)
            return _failed(url, FetchErrorKind.CANNOT_CONNECT, f"cannot connect: {type(exc).__name__} {exc}")
        except TimeoutError:
            return _failed(url, FetchErrorKind.TIMED_OUT, f"timed out after {self.settings.timeout:g}s")
        except httpx.TimeoutException as exc:
            return _failed(url, FetchErrorKind.TIMED_OUT, f"timed out: {type(exc).__name__}")
        except (httpx.HTTPError, httpx.StreamError) as exc:
            return _failed(url, FetchErrorKind.TRANSPORT, f"{type(exc).__name__}: {exc}")

    async def _read(self, url: str, purpose: Purpose, response: httpx.Response) -> Page:
        status, content_type = response.status_code, response.headers.get("content-type", "")
        page = Page(url, url, status=status, content_type=content_type, validator=_validator(response))
        if status in _REDIRECTS and "location" in response.headers:
            return replace(page, location=urljoin(url, response.headers["location"]))
        if status == 304:
            return page
        if status != 200:
            retry_after = self._retry_after(response)
            return replace(
                page, error=f"HTTP {status}", error_kind=FetchErrorKind.HTTP_STATUS, retry_after=retry_after
            )
        if purpose in ("article", "section", "homepage") and not page.is_html:
            said = f"not HTML ({content_type.split(';')[0] or 'no content type'})"
            return replace(page, error=said, error_kind=FetchErrorKind.NOT_HTML)
        limit = MAX_ROBOTS_BYTES if purpose == "robots" else self.settings.max_bytes
        try:
            body = await read_bounded(response, limit, truncate=purpose == "robots")
        except BodyRefused as exc:
            return replace(page, error=str(exc), error_kind=FetchErrorKind.BAD_BODY)
        return replace(page, body=body)

    def _retry_after(self, response: httpx.Response) -> float | None:
        value = response.headers.get("retry-after")
        if not value:
            return None
        if value.strip().isdigit():
            return float(value.strip())
        try:
            return max(0.0, (parsedate_to_datetime(value) - self.now()).total_seconds())
        except (TypeError, ValueError):
            return None

    def _log(self, url: str, purpose: str, status: int | None, error: str | None, elapsed_ms: float) -> None:
        self._logs.append(
            FetchLog(url, purpose, status, error, round(elapsed_ms, 1), self.now(), fetching_for.get())
        )


def _tracing() -> dict[str, Any] | None:
    """httpx's trace extension telling a held shared turn when the request's headers went out."""
    held = _held_turn.get()
    if held is None:
        return None

    async def trace(event: str, _info: dict[str, Any]) -> None:
        if event.endswith("send_request_headers.complete"):
            await held.sent()

    return {"trace": trace}


def _failed(url: str, kind: FetchErrorKind, reason: str) -> Page:
    return Page(url, url, error=reason, error_kind=kind)


def _retryable(page: Page) -> bool:
    if page.status is None:
        return page.error_kind is FetchErrorKind.CANNOT_CONNECT
    return page.status == 429 or page.status >= 500


def _validator(response: httpx.Response) -> Validator | None:
    etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
    return Validator(etag, modified) if etag or modified else None
