"""The connection layer under `newsprism.crawler.fetch`: a socket is only opened to an address just checked.

`Fetcher` refuses a URL whose host resolves to a private address before any request, and says why.
That check alone would leave DNS rebinding open: httpx would resolve the name a second time to
connect, and a hostile DNS server can answer a public address to the check and 127.0.0.1 to the
connection. `PinnedTransport` closes that gap: it resolves the host itself (through the same
injectable resolver), refuses the connection unless every answer is public, and connects to the
address it checked, by number. TLS still verifies the certificate against the name in the URL.
"""

from __future__ import annotations

import ssl
from collections import OrderedDict
from collections.abc import Iterable

import httpcore
import httpx

from newsprism.crawler.fetch import REFUSED, ConnectionRefusal, Resolver, private_answer, resolve_host
from newsprism.crawler.urls import is_ip_address


class CheckedNetwork(httpcore.AsyncNetworkBackend):
    """httpcore's network layer, resolving and checking each host before connecting to it by number."""

    def __init__(self, resolver: Resolver = resolve_host, *, allow_private: bool = False) -> None:
        self.resolver, self.allow_private = resolver, allow_private
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._addresses(host, port)
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # the next address of a name may answer (IPv6 down, IPv4 up)
        raise failure or httpcore.ConnectError(f"{host!r} has no address")

    async def _addresses(self, host: str, port: int) -> list[str]:
        literal = host.strip("[]")
        try:
            addresses = [literal] if is_ip_address(literal) else await self.resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host!r}: {exc}") from exc
        refusal = None if self.allow_private else private_answer(host, addresses)
        if refusal is not None:
            raise ConnectionRefusal(refusal)
        return addresses

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise ConnectionRefusal(f"{REFUSED} Unix sockets are never crawled ({path!r})")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's own HTTP transport over `CheckedNetwork`: no proxies, HTTP/1.1, verified TLS."""

    def __init__(
        self,
        resolver: Resolver = resolve_host,
        *,
        allow_private: bool = False,
        limits: httpx.Limits,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        # Loading the certificate authorities takes tens of milliseconds: HostPools makes one context
        # for all its hosts.
        verified = ssl_context or httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=verified, trust_env=False, limits=limits)
        # httpx takes no network backend, so its connection pool is rebuilt with the same settings
        # and ours; the request and response handling of AsyncHTTPTransport stays httpx's own.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=verified,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=CheckedNetwork(resolver, allow_private=allow_private),
        )

    @property
    def pool(self) -> httpcore.AsyncConnectionPool:
        return self._pool


# Hosts whose idle connections a pass keeps open at most; past it, the least recently used host whose
# connections are all idle is closed. File descriptors are the limit (often 1,024 a process).
KEPT_HOSTS = 128
Origin = tuple[str, str, int | None]


class HostPools(httpx.AsyncBaseTransport):
    """One `PinnedTransport` (one connection pool) per host, so a request reuses its host's connection.

    A crawl interleaves many hosts. In one shared pool, idle connections past its keep-alive limit are
    closed at once (665 of the 710 requests of a 181-outlet pass opened a new connection, a TLS
    handshake each on the real web), and a larger shared pool costs more: httpcore looks at every
    connection of the pool, and asks the socket of each idle one, for every request. A pool per host
    holds only that host's few connections.
    """

    def __init__(
        self,
        resolver: Resolver = resolve_host,
        *,
        allow_private: bool = False,
        limits: httpx.Limits,
        kept_hosts: int = KEPT_HOSTS,
    ) -> None:
        self.resolver, self.allow_private, self.limits = resolver, allow_private, limits
        self.kept_hosts = kept_hosts
        self._ssl_context = httpx.create_ssl_context(trust_env=False)
        self._hosts: OrderedDict[Origin, PinnedTransport] = OrderedDict()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        origin = (request.url.scheme, request.url.host, request.url.port)
        if origin not in self._hosts:
            await self._close_idle_hosts()
        # From here to the pool taking the request nothing awaits, so no other request can find this
        # host's pool empty and close it.
        transport = self._hosts.get(origin) or self._open_host(origin)
        self._hosts.move_to_end(origin)
        return await transport.handle_async_request(request)

    def _open_host(self, origin: Origin) -> PinnedTransport:
        self._hosts[origin] = PinnedTransport(
            self.resolver, allow_private=self.allow_private, limits=self.limits, ssl_context=self._ssl_context
        )
        return self._hosts[origin]

    async def _close_idle_hosts(self) -> None:
        """Make room for one more host: close the least recently used ones with nothing in flight."""
        for origin, transport in list(self._hosts.items()):
            if len(self._hosts) < self.kept_hosts:
                return
            idle = all(c.is_idle() or c.is_closed() for c in transport.pool.connections)
            if idle and self._hosts.get(origin) is transport:
                # Out of the table before the await: a request for this host meanwhile opens a new pool.
                del self._hosts[origin]
                await transport.aclose()

    async def aclose(self) -> None:
        transports, self._hosts = list(self._hosts.values()), OrderedDict()
        for transport in transports:
            await transport.aclose()
