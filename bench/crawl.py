"""The crawl benchmark: newsprism's whole pipeline against trafilatura's own, same pages, same run.

newsprism: discover (feeds, sitemaps, sections, homepages), fetch, extract, analyze and store every
article of the loopback fundus web into a fresh SQLite file, then group the articles into events.
trafilatura: `buffered_downloads` (its threaded downloader, loopback allowed, no sleep) over the same
article URLs, handed to it as a list (no discovery), and `trafilatura.extract` with metadata on each
page as it arrives, as its command line does. Rounds alternate between the two so a busy machine
slows both alike; each reports its fastest round.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from trafilatura.downloads import buffered_downloads
from trafilatura.settings import Extractor as TrafilaturaOptions
from trafilatura.settings import use_config

from bench.fundus_web import Web
from newsprism.crawler.config import parse_config
from newsprism.crawler.crawl import crawl_outlets
from newsprism.crawler.extract import extract_fetched
from newsprism.pipeline import analyze_page, analyze_stored, update_events
from newsprism.storage.database import Database

TRAFILATURA_THREADS = 16


@dataclass(frozen=True)
class Round:
    """One timed pass of one pipeline."""

    pages: int  # article pages offered
    done: int  # pages that came out as stored (newsprism) or extracted (trafilatura) articles
    seconds: float

    @property
    def per_second(self) -> float:
        return self.pages / self.seconds


def newsprism_round(web: Web) -> Round:
    """Crawl the web into a fresh database with analysis, then group it; the whole time."""
    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{folder}/bench.db")
        config = parse_config(web.config, "bench.toml")
        started = time.perf_counter()
        summary = crawl_outlets(config, database, after_store=analyze_stored, prepare=analyze_page)
        update_events(database)
        seconds = time.perf_counter() - started
        database.close()
    total = summary.total()
    return Round(len(web.article_urls), total.new + total.updated, seconds)


def trafilatura_options() -> TrafilaturaOptions:
    config = use_config()
    config["DEFAULT"]["SSRF_PROTECTION"] = "off"  # the pages are on loopback
    config["DEFAULT"]["SLEEP_TIME"] = "0"
    return TrafilaturaOptions(config=config, with_metadata=True)


def trafilatura_round(web: Web) -> Round:
    """trafilatura's threaded download of the same URLs, each page extracted with metadata."""
    options = trafilatura_options()
    started = time.perf_counter()
    done = 0
    for url, page in buffered_downloads(web.article_urls, TRAFILATURA_THREADS, options):
        if page and trafilatura.extract(page, url=url, options=options):
            done += 1
    return Round(len(web.article_urls), done, time.perf_counter() - started)


def best_of(rounds: int, pipelines: dict[str, Callable[[], Round]]) -> dict[str, Round]:
    """Run the pipelines in turn `rounds` times; the fastest round of each."""
    best: dict[str, Round] = {}
    for _ in range(rounds):
        for name, run in pipelines.items():
            result = run()
            if name not in best or result.seconds < best[name].seconds:
                best[name] = result
    return best


def corpus_pages(corpus: Path) -> list[tuple[bytes, str]]:
    """(body, url) of every fundus page, as the loopback web serves them."""
    manifest = json.loads((corpus / "MANIFEST.json").read_text(encoding="utf-8"))
    return [(gzip.decompress((corpus / entry["html"]).read_bytes()), entry["url"]) for entry in manifest]


def _ours(page: tuple[bytes, str]) -> bool:
    # What a crawl's worker does with a fetched page: decode, extract, compress for storage.
    return extract_fetched(page[0], "text/html", page[1]) is not None


def _theirs(page: tuple[bytes, str]) -> bool:
    return trafilatura.extract(page[0], url=page[1], with_metadata=True) is not None


def extraction_ceiling(pages: list[tuple[bytes, str]], rounds: int = 3) -> dict[str, Round]:
    """Extraction alone on a process pool of one worker per core: `extract_fetched` and trafilatura's."""
    best: dict[str, Round] = {}
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        list(pool.map(_ours, pages[:8]))  # start and warm the workers
        for _ in range(rounds):
            for name, function in (("newsprism extract_fetched", _ours), ("trafilatura.extract", _theirs)):
                started = time.perf_counter()
                done = sum(pool.map(function, pages, chunksize=4))
                result = Round(len(pages), done, time.perf_counter() - started)
                if name not in best or result.seconds < best[name].seconds:
                    best[name] = result
    return best
