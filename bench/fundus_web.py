"""The fundus corpus as a loopback web, served from a child process, for the crawl benchmark.

The acceptance test `tests/crawler/test_fundus_site.py` builds this web (one loopback address per
publisher, its real pages at their real paths, found through a feed, a sitemap index, a section page or
the homepage's feed link); the benchmark reuses its `Publisher` without the injected faults, which
measure patience, not speed. The servers run in their own process so their threads do not take the
crawling process's interpreter lock: both pipelines measured see the same server.
"""

from __future__ import annotations

import multiprocessing
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Web:
    """What a served web offers: the crawl configuration and the article URLs it lists."""

    config: str
    article_urls: list[str]


def _serve(corpus: str, concurrency: int, channel: Connection) -> None:
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "crawler"), str(ROOT)]
    from loopback import LoopbackSite
    from test_fundus_site import build_publishers

    publishers = build_publishers(Path(corpus), LoopbackSite)
    # Politeness off: no delay, many requests in flight per host, loopback allowed.
    tables = ['[crawler]\nallow_private_networks = true\ntimeout = "30s"\n']
    tables += [p.publish().replace("concurrency = 4", f"concurrency = {concurrency}") for p in publishers]
    urls = [p.site.url(path) for p in publishers for path in p.listing if not path.startswith("/private/")]
    channel.send(Web("\n".join(tables), urls))
    channel.recv()  # until the benchmark is done
    for publisher in publishers:
        publisher.site.close()


class FundusWeb:
    """`with FundusWeb(corpus) as web:` serves the corpus until the block ends."""

    def __init__(self, corpus: Path, concurrency: int = 16) -> None:
        context = multiprocessing.get_context("spawn")
        self._channel, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(str(corpus), concurrency, child), daemon=True)

    def __enter__(self) -> Web:
        self._process.start()
        web: Web = self._channel.recv()
        return web

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._channel.send("stop")
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.terminate()
