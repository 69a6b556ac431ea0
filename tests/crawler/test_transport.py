"""HostPools: each host keeps its connections between requests, and idle hosts are closed past a limit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import httpx
import pytest
from loopback import LoopbackSite, Reply

from newsprism.crawler.transport import HostPools

ONE_IDLE = httpx.Limits(max_connections=4, max_keepalive_connections=1)


class CountingDns:
    """Test DNS for a.test, b.test ...: the transport resolves once per connection it opens."""

    def __init__(self, sites: dict[str, LoopbackSite]) -> None:
        self.sites = sites
        self.connections: Counter[str] = Counter()

    async def __call__(self, host: str, port: int) -> list[str]:
        self.connections[host] += 1
        return [str(self.sites[host].server.server_address[0])]

    def url(self, host: str, path: str = "/story") -> str:
        return f"http://{host}:{self.sites[host].server.server_address[1]}{path}"


@pytest.fixture
def dns(loopback_site: Callable[..., LoopbackSite]) -> CountingDns:
    sites = {name: loopback_site() for name in ("a.test", "b.test", "c.test")}
    for site in sites.values():
        site.route("/story", Reply(body="<p>story</p>"))
    return CountingDns(sites)


def client(dns: CountingDns, kept_hosts: int = 8) -> httpx.AsyncClient:
    transport = HostPools(dns, allow_private=True, limits=ONE_IDLE, kept_hosts=kept_hosts)
    return httpx.AsyncClient(transport=transport, trust_env=False)


async def _get(made: httpx.AsyncClient, url: str) -> None:
    response = await made.get(url)
    assert response.status_code == 200 and response.text == "<p>story</p>"


async def test_interleaved_hosts_each_keep_their_connection(dns: CountingDns) -> None:
    # One idle connection per host: a shared pool with room for one would reconnect on every request.
    async with client(dns) as made:
        for _round in range(3):
            for host in ("a.test", "b.test", "c.test"):
                await _get(made, dns.url(host))
    assert dns.connections == {"a.test": 1, "b.test": 1, "c.test": 1}


async def test_the_least_recently_used_idle_host_is_closed_past_the_limit(dns: CountingDns) -> None:
    async with client(dns, kept_hosts=2) as made:
        for host in ("a.test", "b.test", "c.test", "a.test", "c.test"):
            await _get(made, dns.url(host))
    # a.test was closed when c.test came third; c.test stayed among the two most recent.
    assert dns.connections == {"a.test": 2, "b.test": 1, "c.test": 1}


async def test_a_host_with_a_response_in_flight_is_not_closed(dns: CountingDns) -> None:
    long_story = b"<p>" + b"word " * 1_000_000 + b"</p>"  # more than the first read of the response
    dns.sites["a.test"].route("/long", Reply(body=long_story))
    async with client(dns, kept_hosts=1) as made:
        request = made.build_request("GET", dns.url("a.test", "/long"))
        streaming = await made.send(request, stream=True)
        await _get(made, dns.url("b.test"))  # a.test is past the limit but still reading its body
        assert (await streaming.aread()) == long_story
        await streaming.aclose()
        await _get(made, dns.url("c.test"))  # now a.test and b.test are idle and closed
        await _get(made, dns.url("a.test"))
    assert dns.connections == {"a.test": 2, "b.test": 1, "c.test": 1}


async def test_addresses_are_still_checked_per_host(dns: CountingDns) -> None:
    refusing = HostPools(dns, allow_private=False, limits=ONE_IDLE)
    async with httpx.AsyncClient(transport=refusing, trust_env=False) as made:
        with pytest.raises(httpx.ConnectError, match="private or local address"):
            await made.get(dns.url("a.test"))
