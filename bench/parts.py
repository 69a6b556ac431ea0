"""The six measurements of `make bench`, each turned into table figures.

Crawl, command and extraction are measured here (bench/crawl.py, bench/command.py); analysis,
grouping and search run the scripts the other documents cite (scripts/bench_*.py) as child
processes, so there is one implementation of each and grouping's peak memory is that of a fresh
process per size.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from bench.machine import load_average
from bench.report import Figure

if TYPE_CHECKING:
    from bench.crawl import Round

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "fundus"
PYTHON = ".venv/bin/python"
CRAWL_FLOOR, CRAWL_GOAL = 1.5, 2.5
ANALYSIS_FLOOR = 300
GROUPING_SECONDS, GROUPING_PEAK_MB, GROUPING_RATIO = 60.0, 1536.0, 12.0
SEARCH_P95_MS = 50.0


@dataclass(frozen=True)
class Settings:
    """How much to measure: `quick` trades precision for a run of a few minutes."""

    quick: bool
    rounds: int
    sqlite_url: str
    postgres_url: str

    @property
    def search_articles(self) -> int:
        return 10_000 if self.quick else 100_000

    @property
    def grouping_sizes(self) -> tuple[int, int]:
        return (1_000, 10_000) if self.quick else (10_000, 100_000)


def _script(*args: str) -> str:
    """Run a scripts/ benchmark from the checkout; its standard output."""
    done = subprocess.run([sys.executable, *args], cwd=ROOT, check=True, capture_output=True, text=True)
    return done.stdout


def _no_corpus(part: str, name: str, command: str) -> list[Figure]:
    reason = f"skipped: {CORPUS} is absent (the fundus corpus lives in ../shared)"
    return [Figure(part, name, "skipped", command=command, note=reason)]


def crawl(settings: Settings) -> list[Figure]:
    """newsprism's whole crawl against trafilatura's downloader and extractor, same pages, same run."""
    command = f"{PYTHON} -m bench crawl"
    if not CORPUS.exists():
        return _no_corpus("crawl", "end to end, pages/s", command)
    from bench.crawl import best_of, newsprism_round, trafilatura_round
    from bench.fundus_web import FundusWeb

    with FundusWeb(CORPUS) as web:
        best = best_of(
            settings.rounds,
            {"newsprism": lambda: newsprism_round(web), "trafilatura": lambda: trafilatura_round(web)},
        )
    load = load_average()
    ours, theirs = best["newsprism"], best["trafilatura"]
    ratio = ours.per_second / theirs.per_second
    return [
        Figure(
            "crawl",
            "newsprism crawl_outlets, pages/s",
            f"{ours.per_second:.1f}",
            command=command,
            load=load,
            note=f"{ours.done}/{ours.pages} stored in {ours.seconds:.1f} s",
        ),
        Figure(
            "crawl",
            "trafilatura buffered_downloads + extract, pages/s",
            f"{theirs.per_second:.1f}",
            command=command,
            load=load,
            note=f"{theirs.done}/{theirs.pages} extracted in {theirs.seconds:.1f} s",
        ),
        Figure(
            "crawl",
            "ratio newsprism / trafilatura",
            f"{ratio:.2f}x",
            f">= {CRAWL_FLOOR}x (goal {CRAWL_GOAL}x)",
            ratio >= CRAWL_FLOOR,
            command,
            load,
            f"best of {settings.rounds} alternating rounds each",
        ),
    ]


def command(settings: Settings) -> list[Figure]:
    """`newsprism crawl` against trafilatura's command line, each run whole as its users run it."""
    command_line = f"{PYTHON} -m bench command"
    if not CORPUS.exists():
        return _no_corpus("command", "whole commands, pages/s", command_line)
    import tempfile

    from bench.command import command_files, newsprism_command, trafilatura_command
    from bench.crawl import best_of
    from bench.fundus_web import FundusWeb

    with FundusWeb(CORPUS) as web, tempfile.TemporaryDirectory(prefix="bench-command-") as folder:
        files = command_files(web, Path(folder))
        commands = {
            "plain": lambda: newsprism_command(files, terminal=False),
            "terminal": lambda: newsprism_command(files, terminal=True),
            "trafilatura": lambda: trafilatura_command(files),
        }
        best_of(1, {name: commands[name] for name in ("plain", "trafilatura")})  # compiles their modules
        best = best_of(settings.rounds, commands)
    load = load_average()
    theirs = best["trafilatura"]
    rows = [
        _rate_row("command", "trafilatura -i URLS -o FOLDER --with-metadata, pages/s", theirs, "extracted"),
    ]
    for key, where in (("plain", "output to a file"), ("terminal", "on a terminal, progress drawn")):
        ours = best[key]
        ratio = ours.per_second / theirs.per_second
        rows += [
            _rate_row("command", f"newsprism crawl, {where}, pages/s", ours, "stored"),
            Figure(
                "command",
                f"ratio newsprism crawl ({where}) / trafilatura",
                f"{ratio:.2f}x",
                f">= {CRAWL_FLOOR}x",
                ratio >= CRAWL_FLOOR,
                command_line,
                load,
                f"best of {settings.rounds} alternating rounds each",
            ),
        ]
    return [replace(row, command=command_line, load=load) for row in rows]


def _rate_row(part: str, name: str, result: Round, verb: str) -> Figure:
    note = f"{result.done}/{result.pages} {verb} in {result.seconds:.1f} s"
    return Figure(part, name, f"{result.per_second:.1f}", note=note)


def extraction(settings: Settings) -> list[Figure]:
    """Extraction alone on a process pool of one worker per core: what the crawl can approach."""
    command = f"{PYTHON} -m bench extraction"
    if not CORPUS.exists():
        return _no_corpus("extraction", "ceiling, pages/s", command)
    from bench.crawl import corpus_pages, extraction_ceiling

    best = extraction_ceiling(corpus_pages(CORPUS), settings.rounds)
    load = load_average()
    return [
        Figure(
            "extraction",
            f"{name} on all cores, pages/s",
            f"{result.per_second:.1f}",
            command=command,
            load=load,
            note=f"{result.done}/{result.pages} pages",
        )
        for name, result in best.items()
    ]


def analysis(settings: Settings) -> list[Figure]:
    """analyze_article on synthetic ~700-word articles, one core."""
    args = ["scripts/bench_analysis.py"] + (["--articles", "100", "--repeat", "2"] if settings.quick else [])
    found = re.search(r"articles/s/core: (\d+)", _script(*args))
    rate = float(found.group(1)) if found else 0.0
    return [
        Figure(
            "analysis",
            "analyze_article, articles/s per core",
            f"{rate:.0f}",
            f">= {ANALYSIS_FLOOR}",
            rate >= ANALYSIS_FLOOR,
            f"{PYTHON} {' '.join(args)}",
            load_average(),
        )
    ]


def grouping(settings: Settings) -> list[Figure]:
    """group_articles on synthetic coverage, each size in a fresh process (its own peak RSS)."""
    small, large = (
        json.loads(_script("scripts/bench_grouping.py", "--one", str(n))) for n in settings.grouping_sizes
    )
    load, ratio = load_average(), large["seconds"] / small["seconds"]
    command = f"{PYTHON} scripts/bench_grouping.py --sizes {small['articles']} {large['articles']}"
    rows = [
        Figure(
            "grouping",
            f"{run['articles']:,} articles, seconds",
            f"{run['seconds']:.1f}",
            f"<= {GROUPING_SECONDS:.0f} s" if run is large else "",
            run["seconds"] <= GROUPING_SECONDS if run is large else None,
            command,
            load,
            f"{run['events']:,} events, F1 {run['f1']:.3f}",
        )
        for run in (small, large)
    ]
    peak = large["peak_mb"]
    rows += [
        Figure(
            "grouping",
            f"{large['articles']:,} articles, peak RSS MB",
            f"{peak:.0f}",
            f"<= {GROUPING_PEAK_MB:.0f} MB",
            peak <= GROUPING_PEAK_MB,
            command,
            load,
        ),
        Figure(
            "grouping",
            f"time ratio {large['articles']:,} / {small['articles']:,}",
            f"{ratio:.1f}",
            f"<= {GROUPING_RATIO:.0f}",
            ratio <= GROUPING_RATIO,
            command,
            load,
        ),
    ]
    return rows


def search(settings: Settings) -> list[Figure]:
    """search_articles p50/p95 over synthetic articles on each back-end that answers."""
    from bench.machine import postgresql_version

    figures: list[Figure] = []
    urls = [("SQLite", settings.sqlite_url)]
    if not postgresql_version(settings.postgres_url).startswith("unavailable"):
        urls.append(("PostgreSQL", settings.postgres_url))
    for backend, url in urls:
        args = ["scripts/bench_search.py", "--db", url, "--articles", str(settings.search_articles)]
        found = re.search(r"search p50 ([\d.]+) ms, p95 ([\d.]+) ms", _script(*args))
        p50, p95 = (float(found.group(1)), float(found.group(2))) if found else (0.0, 0.0)
        figures.append(
            Figure(
                "search",
                f"{backend}, {settings.search_articles:,} articles, p50 / p95 ms",
                f"{p50:.1f} / {p95:.1f}",
                f"p95 <= {SEARCH_P95_MS:.0f} ms",
                p95 <= SEARCH_P95_MS,
                f"{PYTHON} {' '.join(args)}",
                load_average(),
            )
        )
    return figures


PARTS = {
    "crawl": crawl,
    "command": command,
    "extraction": extraction,
    "analysis": analysis,
    "grouping": grouping,
    "search": search,
}
