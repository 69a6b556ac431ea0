"""Politeness that holds across machines: each host's turns kept in Redis, with leases that expire.

A crawl in one process keeps its hosts' turns in memory (`newsprism.crawler.fetch`). Workers of a cluster each
have their own memory, so there an outlet's `delay` and `concurrency` are kept in Redis instead: a
request to a host starts only with a lease, one of at most `concurrency` held at once, and at least
`delay` after the host's previous start. Both are decided in one Lua script on Redis's own clock, so
workers on machines whose clocks differ still agree. A lease expires after the longest a request may
take; a worker that dies holding one blocks its host for that long at most, never for good.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # only a cluster's workers hold turns in Redis; a local crawl never loads it
    from redis.asyncio import Redis

# Returns 0 when the lease is taken, else how many milliseconds to wait before asking again
# (-1: every lease is held; the caller polls, since any holder may finish at any moment).
_TAKE_TURN = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local delay, concurrency, ttl = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= concurrency then
  return -1
end
local next_start = tonumber(redis.call('GET', KEYS[2]) or '0')
if next_start > now then
  return next_start - now
end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('SET', KEYS[2], now + delay, 'PX', delay + ttl)
return 0
"""
# Renews a lease for as long as its request runs, on Redis's clock like the taking.
_RENEW_LEASE = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 0
"""
# When a request has gone out: the host's next start is at least `delay` after this moment too. A
# request leaves a little after its turn is taken (a new connection, a process's first request), and
# the host counts from when it arrives.
_MARK_SENT = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local delay, ttl = tonumber(ARGV[1]), tonumber(ARGV[2])
local next_start = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + delay > next_start then
  redis.call('SET', KEYS[1], now + delay, 'PX', delay + ttl)
end
return 0
"""
# How often a request waiting for a free lease asks again.
BUSY_POLL = 0.02
# A lease lives this long unless renewed; its holder renews it three times as often. A worker that
# dies mid-request (SIGKILL, a lost machine) so holds its host's turn for three seconds at most.
LEASE_SECONDS = 3.0


class HeldTurn(Protocol):
    """A turn at a host, held for one request."""

    async def sent(self) -> None:
        """The request has gone out: the host's next request waits `delay` from now as well."""


class HostTurns(Protocol):
    """Turn-taking per host that a Fetcher can be handed in place of its own in-memory gates."""

    def turn(self, host: str, delay: float, concurrency: int) -> AbstractAsyncContextManager[HeldTurn]:
        """An async context: inside it, one request to `host` may be in flight."""
        ...


class _Lease:
    def __init__(self, turns: SharedHostTurns, host: str, delay: float) -> None:
        self.turns, self.host, self.delay = turns, host, delay

    async def sent(self) -> None:
        delay_ms = max(0, round(self.delay * 1000))
        await self.turns._mark_sent(keys=[self.turns._next(self.host)], args=[delay_ms, self.turns.lease_ms])


class SharedHostTurns:
    """Host turns held in Redis under `prefix`, shared by every worker of one cluster."""

    def __init__(self, redis: Redis, prefix: str, lease_seconds: float = LEASE_SECONDS) -> None:
        self.redis, self.prefix, self.lease_ms = redis, prefix, max(1, round(lease_seconds * 1000))
        self._take = redis.register_script(_TAKE_TURN)
        self._renew = redis.register_script(_RENEW_LEASE)
        self._mark_sent = redis.register_script(_MARK_SENT)

    @asynccontextmanager
    async def turn(self, host: str, delay: float, concurrency: int) -> AsyncIterator[HeldTurn]:
        lease = await self.take(host, delay, concurrency)
        renewing = asyncio.ensure_future(self._keep_renewing(host, lease))
        try:
            yield _Lease(self, host, delay)
        finally:
            renewing.cancel()
            # Shielded: a request cancelled mid-flight still hands its lease back at once.
            await asyncio.shield(self.give_back(host, lease))

    async def take(self, host: str, delay: float, concurrency: int) -> str:
        """Wait for a turn at `host` and return its lease; it lapses unless renewed or given back."""
        lease = uuid.uuid4().hex
        keys = [self._leases(host), self._next(host)]
        args: list[str | int] = [lease, max(0, round(delay * 1000)), concurrency, self.lease_ms]
        while True:
            wait_ms = int(await self._take(keys=keys, args=args))
            if wait_ms == 0:
                return lease
            await asyncio.sleep(BUSY_POLL if wait_ms < 0 else wait_ms / 1000)

    async def give_back(self, host: str, lease: str) -> None:
        await self.redis.zrem(self._leases(host), lease)

    async def _keep_renewing(self, host: str, lease: str) -> None:
        while True:
            await asyncio.sleep(self.lease_ms / 3000)
            await self._renew(keys=[self._leases(host)], args=[lease, self.lease_ms])

    def _leases(self, host: str) -> str:
        return f"{self.prefix}:host:{host}:leases"

    def _next(self, host: str) -> str:
        return f"{self.prefix}:host:{host}:next"
