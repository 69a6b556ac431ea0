"""The connection layer under `crawler.fetch`: a socket is only ever opened to an address just checked.

`Fetcher` refuses a URL whose host resolves to a private address before any request, and says why.
That check alone would leave DNS rebinding open: httpx would resolve the name a second time to
connect, and a hostile DNS server can answer a public address to the check and 127.0.0.1 to the
connection. `PinnedTransport` closes that gap: it resolves the host itself (through the same
injectable resolver), refuses the connection unless every answer is public, and connects to the
address it checked, by number. TLS still verifies the certificate against the name in the URL.
"""

from __future__ import annotations

from collections.abc import Iterable

import httpcore
import httpx

from crawler.fetch import REFUSED, Resolver, private_answer, resolve_host
from crawler.urls import is_ip_address


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
            raise httpcore.ConnectError(refusal)
        return addresses

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError(f"{REFUSED} Unix sockets are never crawled ({path!r})")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx's own HTTP transport over `CheckedNetwork`: no proxies, HTTP/1.1, verified TLS."""

    def __init__(
        self, resolver: Resolver = resolve_host, *, allow_private: bool = False, limits: httpx.Limits
    ) -> None:
        super().__init__(trust_env=False, limits=limits)
        # httpx takes no network backend, so its connection pool is rebuilt with the same settings
        # and ours; the request and response handling of AsyncHTTPTransport stays httpx's own.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=CheckedNetwork(resolver, allow_private=allow_private),
        )
