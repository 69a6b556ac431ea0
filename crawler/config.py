"""The outlet configuration (TOML): which outlets to crawl, where to look, how politely, how often.

Loading validates everything a crawl or a schedule needs before any request is made, so a typo is one
clear `InputError` naming the file, the outlet and the key instead of a failure an hour into a run.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsprism.errors import InputError
from newsprism.storage.articles import OutletInfo

# No contact address of its own: an operator names themselves with [crawler] user_agent (README), so site
# owners reach whoever runs the crawl, not a project page.
DEFAULT_USER_AGENT = "newsprism/0.1 (news comparison crawler)"
OUTLET_KINDS = ("agency", "state_media", "newspaper", "broadcaster", "online", "other")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(ms|s|m|h)\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str) -> float:
    """Seconds in a duration such as "15m", "0.05s", "250ms" or "1.5h"; ValueError otherwise."""
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"not a duration: {text!r}")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


@dataclass(frozen=True, slots=True)
class CrawlerSettings:
    """Defaults for every request of a crawl (the `[crawler]` table)."""

    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 10.0
    max_bytes: int = 5_000_000
    allow_private_networks: bool = False
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 0.5
    # A server asking for a longer pause than this is given up on for this pass, not waited for.
    max_retry_after: float = 30.0
    # A hostile robots.txt must not stall a crawl for hours with a huge Crawl-delay.
    max_crawl_delay: float = 30.0
    max_articles: int = 1000
    max_sitemaps: int = 50


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """The distributed engine of `worker` and `--distributed` (the `[cluster]` table).

    `name` namespaces the cluster's queues on the broker and its keys in the coordination store, so
    two clusters can share one RabbitMQ and one Redis without taking each other's work.
    """

    name: str = "newsprism"
    broker: str = "amqp://guest:guest@127.0.0.1:5672//"
    coordination: str = "redis://127.0.0.1:6379/0"


@dataclass(frozen=True, slots=True)
class OutletConfig:
    """One `[[outlet]]`: where its articles are found and how it is crawled."""

    name: str
    homepage: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    every: float = 900.0
    delay: float = 1.0
    concurrency: int = 2
    kind: str = "other"
    country: str | None = None
    language: str | None = None

    def info(self) -> OutletInfo:
        return OutletInfo(self.name, self.homepage, self.kind, self.country, self.language)

    @property
    def discovery(self) -> str:
        """How its articles are found: "configured" (feeds, sitemaps, sections) or "homepage" (the
        feeds the homepage announces, else robots.txt's sitemaps and the homepage's own links)."""
        return "configured" if self.feeds or self.sitemaps or self.sections else "homepage"

    def plan(self) -> dict[str, Any]:
        """What a crawl of this outlet would fetch and how politely, as JSON-ready values (no network).

        >>> OutletConfig("Beta Post", "https://beta.example/").plan()["discovery"]
        'homepage'
        """
        return {
            "name": self.name,
            "homepage": self.homepage,
            "kind": self.kind,
            "country": self.country,
            "language": self.language,
            "discovery": self.discovery,
            "feeds": list(self.feeds),
            "sitemaps": list(self.sitemaps),
            "sections": list(self.sections),
            "every": self.every,
            "delay": self.delay,
            "concurrency": self.concurrency,
        }


@dataclass(frozen=True, slots=True)
class CrawlConfig:
    """A whole configuration file: its outlets and the crawler defaults."""

    outlets: tuple[OutletConfig, ...]
    settings: CrawlerSettings
    source: str = "<config>"
    # None without a [cluster] table: the configuration is crawled by one process only.
    cluster: ClusterSettings | None = None

    def select(self, names: Iterable[str] | None) -> tuple[OutletConfig, ...]:
        """The outlets named (all when `names` is None or empty); InputError for an unknown name."""
        wanted = list(names or [])
        if not wanted:
            return self.outlets
        by_name = {outlet.name: outlet for outlet in self.outlets}
        unknown = [name for name in wanted if name not in by_name]
        if unknown:
            raise InputError(f"{self.source}: no outlet named {unknown[0]!r}")
        return tuple(by_name[name] for name in wanted)


def load_config(path: Path) -> CrawlConfig:
    """Read and validate an outlet configuration file; InputError names file, outlet and key."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read configuration {str(path)!r}: {exc}") from exc
    return parse_config(text, path.name)


def parse_config(text: str, source: str = "<config>") -> CrawlConfig:
    """Validate the TOML `text`; `source` names it in error messages."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{source}: not valid TOML: {exc}") from exc
    unknown = set(document) - {"outlet", "crawler", "cluster"}
    if unknown:
        raise InputError(
            f"{source}: unknown table {sorted(unknown)[0]!r} (expected [[outlet]], [crawler] or [cluster])"
        )
    settings = _settings(document.get("crawler", {}), source)
    cluster = _cluster(document["cluster"], source) if "cluster" in document else None
    raw_outlets = document.get("outlet", [])
    if not isinstance(raw_outlets, list) or not raw_outlets:
        raise InputError(f"{source}: no [[outlet]] tables")
    outlets = tuple(_outlet(raw, index, source) for index, raw in enumerate(raw_outlets, 1))
    names = [outlet.name for outlet in outlets]
    for name in names:
        if names.count(name) > 1:
            raise InputError(f"{source}: outlet {name!r} is defined more than once")
    return CrawlConfig(outlets, settings, source, cluster)


class _Table:
    """Typed reads of one TOML table, each error naming the place; unread keys are reported."""

    def __init__(self, raw: Any, where: str) -> None:
        if not isinstance(raw, Mapping):
            raise InputError(f"{where}: expected a table")
        self.raw, self.where, self.read = raw, where, set[str]()

    def fail(self, key: str, problem: str) -> InputError:
        return InputError(f"{self.where}: {key!r} {problem}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
        self.read.add(key)
        value = self.raw.get(key, default)
        # bool is an int in Python; a number field given `true` is still a mistake.
        if value is not None and (not isinstance(value, kind) or (isinstance(value, bool) and kind is int)):
            raise self.fail(key, f"must be {_kind_name(kind)}, got {value!r}")
        return value

    def duration(self, key: str, default: float) -> float:
        value = self.get(key, (str, int, float))
        if value is None:
            return default
        try:
            seconds = float(value) if isinstance(value, int | float) else parse_duration(value)
        except ValueError:
            raise self.fail(key, f'must be a duration like "15m", got {_shown(value)}') from None
        if seconds < 0:
            raise self.fail(key, f"must not be negative, got {value!r}")
        return seconds

    def count(self, key: str, default: int, least: int) -> int:
        """An integer of at least `least` (a negative limit would quietly crawl nothing)."""
        value: int = self.get(key, int, default)
        if value < least:
            raise self.fail(key, f"must be at least {least}, got {value!r}")
        return value

    def url(self, key: str, value: Any) -> str:
        parts = urlsplit(value) if isinstance(value, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise self.fail(key, f"must be an http(s) URL, got {_shown(value)}")
        return str(value)

    def urls(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list, [])
        return tuple(self.url(key, value) for value in values)

    def check_unknown(self) -> None:
        extra = sorted(set(self.raw) - self.read)
        if extra:
            raise InputError(f"{self.where}: unknown key {extra[0]!r}")


def _shown(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false", list: "a list"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _settings(raw: Any, source: str) -> CrawlerSettings:
    table = _Table(raw, f"{source}: [crawler]")
    defaults = CrawlerSettings()
    user_agent = table.get("user_agent", str, defaults.user_agent)
    if "newsprism" not in user_agent.lower():
        # Site owners must be able to tell who is crawling them and block or contact us.
        user_agent = f"{user_agent} newsprism/0.1"
    max_bytes = table.get("max_bytes", int, defaults.max_bytes)
    if max_bytes <= 0:
        raise table.fail("max_bytes", f"must be positive, got {max_bytes!r}")
    settings = CrawlerSettings(
        user_agent=user_agent,
        timeout=table.duration("timeout", defaults.timeout),
        max_bytes=max_bytes,
        allow_private_networks=table.get("allow_private_networks", bool, False),
        max_articles=table.count("max_articles", defaults.max_articles, least=1),
        retries=table.count("retries", defaults.retries, least=0),
        max_redirects=table.count("max_redirects", defaults.max_redirects, least=0),
        max_sitemaps=table.count("max_sitemaps", defaults.max_sitemaps, least=1),
    )
    if settings.timeout <= 0:
        raise table.fail("timeout", "must be more than 0s")
    table.check_unknown()
    return settings


# A cluster name becomes part of queue names and Redis keys: kept to characters both take as they are.
_CLUSTER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def _cluster(raw: Any, source: str) -> ClusterSettings:
    table = _Table(raw, f"{source}: [cluster]")
    defaults = ClusterSettings()
    name = table.get("name", str, defaults.name)
    if not _CLUSTER_NAME.match(name):
        raise table.fail("name", f"must be letters, digits, '.', '_' or '-' (at most 64), got {name!r}")
    broker = table.get("broker", str, defaults.broker)
    if urlsplit(broker).scheme not in ("amqp", "amqps", "pyamqp"):
        raise table.fail("broker", f'must be an AMQP URL like "amqp://u:p@host:5672//", got {broker!r}')
    coordination = table.get("coordination", str, defaults.coordination)
    if urlsplit(coordination).scheme not in ("redis", "rediss", "unix"):
        raise table.fail("coordination", f'must be a Redis URL ("redis://host:6379/0"), got {coordination!r}')
    table.check_unknown()
    return ClusterSettings(name, broker, coordination)


def _outlet(raw: Any, index: int, source: str) -> OutletConfig:
    name = raw.get("name") if isinstance(raw, Mapping) else None
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{source}: outlet #{index}: 'name' must be a non-empty string")
    table = _Table(raw, f"{source}: outlet {name!r}")
    table.read.add("name")
    if "homepage" not in raw:
        raise table.fail("homepage", "is required (the outlet's front page, an http(s) URL)")
    homepage = table.url("homepage", table.get("homepage", str))
    kind = table.get("kind", str, "other")
    if kind not in OUTLET_KINDS:
        raise table.fail("kind", f"must be one of {', '.join(OUTLET_KINDS)}, got {kind!r}")
    concurrency = table.get("concurrency", int, 2)
    if concurrency < 1:
        raise table.fail("concurrency", f"must be at least 1, got {concurrency!r}")
    outlet = OutletConfig(
        name=name.strip(),
        homepage=homepage,
        feeds=table.urls("feeds"),
        sitemaps=table.urls("sitemaps"),
        sections=table.urls("sections"),
        every=table.duration("every", 900.0),
        delay=table.duration("delay", 1.0),
        concurrency=concurrency,
        kind=kind,
        country=table.get("country", str),
        language=table.get("language", str),
    )
    if outlet.every <= 0:
        raise table.fail("every", "must be more than 0s")
    table.check_unknown()
    return outlet
