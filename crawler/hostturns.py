"""Politeness that holds across machines: each host's turns kept in Redis, with leases that expire.

A crawl in one process keeps its hosts' turns in memory (`crawler.fetch`). Workers of a cluster each
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
from typing import Protocol

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
# How often a request waiting for a free lease asks again.
BUSY_POLL = 0.02
# A lease lives this long unless renewed; its holder renews it three times as often. A worker that
# dies mid-request (SIGKILL, a lost machine) so holds its host's turn for three seconds at most.
LEASE_SECONDS = 3.0


class HostTurns(Protocol):
    """Turn-taking per host that a Fetcher can be handed in place of its own in-memory gates."""

    def turn(self, host: str, delay: float, concurrency: int) -> AbstractAsyncContextManager[None]:
        """An async context: inside it, one request to `host` may be in flight."""
        ...


class SharedHostTurns:
    """Host turns held in Redis under `prefix`, shared by every worker of one cluster."""

    def __init__(self, redis: Redis, prefix: str, lease_seconds: float = LEASE_SECONDS) -> None:
        self.redis, self.prefix, self.lease_ms = redis, prefix, max(1, round(lease_seconds * 1000))
        self._take = redis.register_script(_TAKE_TURN)
        self._renew = redis.register_script(_RENEW_LEASE)

    @asynccontextmanager
    async def turn(self, host: str, delay: float, concurrency: int) -> AsyncIterator[None]:
        leases = f"{self.prefix}:host:{host}:leases"
        lease = uuid.uuid4().hex
        await self._wait_for_turn(leases, f"{self.prefix}:host:{host}:next", lease, delay, concurrency)
        renewing = asyncio.ensure_future(self._keep_renewing(leases, lease))
        try:
            yield
        finally:
            renewing.cancel()
            # Shielded: a request cancelled mid-flight still hands its lease back at once.
            await asyncio.shield(self.redis.zrem(leases, lease))

    async def _keep_renewing(self, leases: str, lease: str) -> None:
        while True:
            await asyncio.sleep(self.lease_ms / 3000)
            await self._renew(keys=[leases], args=[lease, self.lease_ms])

    async def _wait_for_turn(
        self, leases: str, next_key: str, lease: str, delay: float, concurrency: int
    ) -> None:
        args: list[str | int] = [lease, max(0, round(delay * 1000)), concurrency, self.lease_ms]
        while True:
            wait_ms = int(await self._take(keys=[leases, next_key], args=args))
            if wait_ms == 0:
                return
            await asyncio.sleep(BUSY_POLL if wait_ms < 0 else wait_ms / 1000)
