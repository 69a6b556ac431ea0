"""The pass ledger: what a distributed crawl pass has done so far, kept in Redis for every process.

The workers that run a pass's pieces and the command that waits for it share no memory, so the state
of each pass lives here: the links each outlet's discovery found, each article's outcome (recorded
once, however often its task is delivered), the problems met, and whether the pass is regrouped. It
also keeps the cluster's recent failures and quarantined tasks for `cluster status`. Keys sit under
`newsprism:<cluster name>:` so that clusters sharing one Redis never read each other's.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from redis import Redis

from newsprism.crawler.crawl import COUNTS, CrawlSummary, OutletSummary
from newsprism.crawler.diagnosis import CrawlProblem
from newsprism.crawler.discovery import DiscoveredLink
from newsprism.crawler.fetch import Validator
from newsprism.crawler.store import FreshValidator

# A pass's keys outlive any pass by far, and then go by themselves.
PASS_KEEP_SECONDS = 7 * 24 * 3600
# Passes the index of recent passes keeps (`cluster status` reads the backlog of the newest).
KEPT_PASSES = 1000
# How many recent failures and quarantined tasks `cluster status` can show.
KEPT_FAILURES = 100

# Returns {won, complete}: won when this call recorded the outlet's discovery (a redelivered
# discovery task finds it recorded and keeps the first links, so article indices never shift).
_RECORD_DISCOVERY = """
local outlet, unchanged, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local found = #ARGV - 3
local won = redis.call('HSETNX', KEYS[1], 'discovered:' .. outlet, found)
if won == 1 then
  for i = 4, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
  redis.call('EXPIRE', KEYS[2], ttl)
  redis.call('HINCRBY', KEYS[1], 'discovered_total', found)
  redis.call('HINCRBY', KEYS[1], 'discovered_outlets', 1)
  redis.call('HINCRBY', KEYS[1], 'count:' .. outlet .. ':unchanged_listings', unchanged)
end
local h = redis.call('HMGET', KEYS[1], 'outlets', 'discovered_outlets', 'settled', 'discovered_total')
local all_discovered = tonumber(h[2] or '0') >= tonumber(h[1] or '0')
local all_settled = tonumber(h[3] or '0') >= tonumber(h[4] or '0')
return {won, (all_discovered and all_settled) and 1 or 0}
"""
# Returns {won, complete}: an article's first outcome is its outcome; a redelivery changes nothing.
_RECORD_ARTICLE = """
local outlet, index, status = ARGV[1], ARGV[2], ARGV[3]
local won = redis.call('HSETNX', KEYS[2], outlet .. ':' .. index, status)
if won == 1 then
  redis.call('EXPIRE', KEYS[2], tonumber(ARGV[4]))
  redis.call('HINCRBY', KEYS[1], 'count:' .. outlet .. ':' .. status, 1)
  redis.call('HINCRBY', KEYS[1], 'settled', 1)
end
local h = redis.call('HMGET', KEYS[1], 'outlets', 'discovered_outlets', 'settled', 'discovered_total')
local all_discovered = tonumber(h[2] or '0') >= tonumber(h[1] or '0')
local all_settled = tonumber(h[3] or '0') >= tonumber(h[4] or '0')
return {won, (all_discovered and all_settled) and 1 or 0}
"""


@dataclass(frozen=True, slots=True)
class PassProgress:
    """A pass as the ledger has it: per outlet, its discovered count (None until discovered) and
    its outcome counts; whether it is regrouped."""

    outlets: dict[str, dict[str, int]]
    discovered: dict[str, int | None]
    regrouped: bool

    @property
    def settled(self) -> int:
        return sum(counts.get(status, 0) for counts in self.outlets.values() for status in _OUTCOMES)

    @property
    def complete(self) -> bool:
        found = self.discovered.values()
        return all(count is not None for count in found) and self.settled >= sum(c or 0 for c in found)


_OUTCOMES = ("new", "updated", "unchanged", "failed", "skipped")


class PassLedger:
    """The ledger of one cluster, in the Redis at `redis`; see the module docstring."""

    def __init__(self, redis: Redis, cluster: str) -> None:
        self.redis, self.prefix = redis, f"newsprism:{cluster}"
        self._record_discovery = redis.register_script(_RECORD_DISCOVERY)
        self._record_article = redis.register_script(_RECORD_ARTICLE)

    def _pass(self, pass_id: str, *part: str) -> str:
        return ":".join([self.prefix, "pass", pass_id, *part])

    # --- a pass ------------------------------------------------------------------------------------

    def open_pass(
        self, pass_id: str, outlets: list[str], hosts: dict[str, str], now: float | None = None
    ) -> None:
        """Start the ledger of a pass over `outlets`, whose hosts are `hosts` (by outlet name)."""
        key = self._pass(pass_id)
        with self.redis.pipeline() as pipe:
            pipe.hset(
                key,
                mapping={"outlets": len(outlets), "names": json.dumps(outlets), "hosts": json.dumps(hosts)},
            )
            pipe.expire(key, PASS_KEEP_SECONDS)
            pipe.zadd(f"{self.prefix}:passes", {pass_id: now or time.time()})
            # The index of recent passes keeps the newest only; each pass's own keys expire by themselves.
            pipe.zremrangebyrank(f"{self.prefix}:passes", 0, -KEPT_PASSES - 1)
            pipe.execute()

    def discovered_links(self, pass_id: str, outlet: str) -> list[DiscoveredLink] | None:
        """The links recorded for `outlet` in this pass, or None when it is not discovered yet."""
        if not self.redis.hexists(self._pass(pass_id), f"discovered:{outlet}"):
            return None
        stored = self.redis.lrange(self._pass(pass_id, "links", outlet), 0, -1)
        return [link_from(json.loads(item)) for item in stored]

    def link(self, pass_id: str, outlet: str, index: int) -> DiscoveredLink | None:
        """The `index`-th link of `outlet`'s discovery in this pass (None past the last)."""
        item = self.redis.lindex(self._pass(pass_id, "links", outlet), index)
        return link_from(json.loads(item)) if item is not None else None

    def record_discovery(
        self,
        pass_id: str,
        outlet: str,
        links: list[DiscoveredLink],
        unchanged_listings: int,
        problems: list[CrawlProblem],
        fresh: list[FreshValidator],
    ) -> tuple[bool, bool]:
        """Record what discovering `outlet` found (once): (recorded by this call, pass complete)."""
        args: list[str | int] = [
            outlet,
            unchanged_listings,
            PASS_KEEP_SECONDS,
            *(json.dumps(link_json(link)) for link in links),
        ]
        keys = [self._pass(pass_id), self._pass(pass_id, "links", outlet)]
        won, complete = self._record_discovery(keys=keys, args=args)
        if won:
            self._problems(pass_id, outlet, problems)
            fresh_key = self._pass(pass_id, "fresh", outlet)
            self.redis.set(fresh_key, json.dumps([fresh_json(item) for item in fresh]), ex=PASS_KEEP_SECONDS)
        return bool(won), bool(complete)

    def record_article(
        self, pass_id: str, outlet: str, index: int, status: str, problem: CrawlProblem | None
    ) -> tuple[bool, bool]:
        """Record the outcome of an outlet's `index`-th article (once): (recorded by this call, pass
        complete)."""
        keys = [self._pass(pass_id), self._pass(pass_id, "articles")]
        won, complete = self._record_article(keys=keys, args=[outlet, index, status, PASS_KEEP_SECONDS])
        if won and problem is not None:
            self._problems(pass_id, outlet, [problem])
        return bool(won), bool(complete)

    def article_outcome(self, pass_id: str, outlet: str, index: int) -> str | None:
        value = self.redis.hget(self._pass(pass_id, "articles"), f"{outlet}:{index}")
        return _text(value) if value is not None else None

    def _problems(self, pass_id: str, outlet: str, problems: list[CrawlProblem]) -> None:
        if not problems:
            return
        key = self._pass(pass_id, "problems")
        items = [
            json.dumps({"outlet": outlet, "purpose": p.purpose, "url": p.url, "reason": p.reason})
            for p in problems
        ]
        with self.redis.pipeline() as pipe:
            pipe.rpush(key, *items)
            pipe.expire(key, PASS_KEEP_SECONDS)
            pipe.execute()

    def enqueued(self, pass_id: str, task: str) -> bool:
        """Whether `task` of this pass (an article, the regrouping) was marked enqueued."""
        return bool(self.redis.sismember(self._pass(pass_id, "enqueued"), task))

    def mark_enqueued(self, pass_id: str, task: str) -> None:
        key = self._pass(pass_id, "enqueued")
        with self.redis.pipeline() as pipe:
            pipe.sadd(key, task)
            pipe.expire(key, PASS_KEEP_SECONDS)
            pipe.execute()

    def complete(self, pass_id: str) -> bool:
        """Whether every outlet of the pass is discovered and every article found has an outcome."""
        fields = ("outlets", "discovered_outlets", "settled", "discovered_total")
        outlets, discovered, settled, found = (
            int(v or 0) for v in self.redis.hmget(self._pass(pass_id), fields)
        )
        return discovered >= outlets and settled >= found

    def fresh_validators(self, pass_id: str, outlet: str) -> list[FreshValidator]:
        stored = self.redis.get(self._pass(pass_id, "fresh", outlet))
        return [fresh_from(item) for item in json.loads(stored)] if stored else []

    def mark_regrouped(self, pass_id: str, events: int) -> None:
        self.redis.hset(self._pass(pass_id), "regrouped", events)

    def outlet_names(self, pass_id: str) -> list[str]:
        names = self.redis.hget(self._pass(pass_id), "names")
        return list(json.loads(names)) if names else []

    def progress(self, pass_id: str) -> PassProgress:
        """Where the pass stands. Read-only."""
        fields = {_text(k): _text(v) for k, v in self.redis.hgetall(self._pass(pass_id)).items()}
        names = json.loads(fields.get("names", "[]"))
        counts = {
            name: {
                status: int(fields.get(f"count:{name}:{status}", 0))
                for status in (*_OUTCOMES, "unchanged_listings")
            }
            for name in names
        }
        discovered = {
            name: int(fields[f"discovered:{name}"]) if f"discovered:{name}" in fields else None
            for name in names
        }
        return PassProgress(counts, discovered, "regrouped" in fields)

    def summary(self, pass_id: str, elapsed: float) -> CrawlSummary:
        """The pass as a local pass would have summed it up. Read-only."""
        progress = self.progress(pass_id)
        problems = self._problem_list(pass_id)
        outlets = []
        for name, counts in progress.outlets.items():
            summary = OutletSummary(name, discovered=progress.discovered.get(name) or 0)
            for column in COUNTS:
                if column != "discovered":
                    setattr(summary, column, counts.get(column, 0))
            summary.problems = problems.get(name, [])
            outlets.append(summary)
        return CrawlSummary(outlets, elapsed)

    def _problem_list(self, pass_id: str) -> dict[str, list[CrawlProblem]]:
        found: dict[str, list[CrawlProblem]] = {}
        for item in self.redis.lrange(self._pass(pass_id, "problems"), 0, -1):
            problem = json.loads(item)
            found.setdefault(problem["outlet"], []).append(
                CrawlProblem(problem["purpose"], problem["url"], problem["reason"])
            )
        return found

    def hosts(self, pass_id: str) -> dict[str, str]:
        hosts = self.redis.hget(self._pass(pass_id), "hosts")
        return dict(json.loads(hosts)) if hosts else {}

    def recent_passes(self, count: int = 20) -> list[str]:
        return [_text(item) for item in self.redis.zrevrange(f"{self.prefix}:passes", 0, count - 1)]

    # --- deliveries, failures, quarantine ---------------------------------------------------------

    def count_start(self, pass_id: str, task_id: str, attempt: int) -> int:
        """How many times this attempt of a task has now started: more than once means the worker
        running it before died (a SIGKILL, an OOM kill, a lost machine) and the broker gave it back.
        Kept with the pass, so the counts go with it."""
        key = self._pass(pass_id, "starts")
        with self.redis.pipeline() as pipe:
            pipe.hincrby(key, f"{task_id}:{attempt}", 1)
            pipe.expire(key, PASS_KEEP_SECONDS)
            started, _ = pipe.execute()
        return int(started)

    def record_failure(self, task: str, subject: str, reason: str, *, quarantined: bool = False) -> None:
        """Keep a failure (and, when `quarantined`, the quarantine entry) for `cluster status`."""
        entry = json.dumps(
            {
                "at": datetime.now().astimezone().isoformat(timespec="seconds"),
                "task": task,
                "subject": subject,
                "reason": reason,
            }
        )
        keys = [f"{self.prefix}:failures", *([f"{self.prefix}:quarantine"] if quarantined else [])]
        with self.redis.pipeline() as pipe:
            for key in keys:
                pipe.lpush(key, entry)
                pipe.ltrim(key, 0, KEPT_FAILURES - 1)
            pipe.execute()

    def failures(self, count: int = 10) -> list[dict[str, Any]]:
        return [json.loads(item) for item in self.redis.lrange(f"{self.prefix}:failures", 0, count - 1)]

    def quarantined(self, count: int = 10) -> list[dict[str, Any]]:
        return [json.loads(item) for item in self.redis.lrange(f"{self.prefix}:quarantine", 0, count - 1)]


def _text(value: Any) -> str:
    """A Redis reply as text (the client answers bytes)."""
    return value.decode() if isinstance(value, bytes) else str(value)


# --- what task messages and the ledger carry, as JSON ------------------------------------------------


def link_json(link: DiscoveredLink) -> dict[str, Any]:
    published = link.published.isoformat() if link.published else None
    return {"url": link.url, "published": published, "title": link.title, "source": link.source}


def link_from(item: dict[str, Any]) -> DiscoveredLink:
    published = datetime.fromisoformat(item["published"]) if item.get("published") else None
    return DiscoveredLink(item["url"], published, item.get("title"), item.get("source", "feed"))


def fresh_json(fresh: FreshValidator) -> dict[str, str | None]:
    return {"url": fresh.url, "etag": fresh.validator.etag, "last_modified": fresh.validator.last_modified}


def fresh_from(item: dict[str, Any]) -> FreshValidator:
    return FreshValidator(item["url"], Validator(item.get("etag"), item.get("last_modified")))
