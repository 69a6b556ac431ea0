"""`make bench` / `python -m bench [PART ...] [--quick]`: measure, print the table, keep it in docs/.

Parts: crawl (newsprism's crawl against trafilatura's downloader and extractor over the fundus pages
on loopback, in-process), command (the same as whole commands: `newsprism crawl` against
`trafilatura -i`), extraction (extraction alone on all cores), analysis (articles/s per core), grouping
(10k and 100k synthetic articles: time, peak memory, scaling) and search (p50/p95 over 100k articles,
SQLite and PostgreSQL). Without PART, all six. A full run takes 15 to 30 minutes on 2 cores; --quick
runs smaller sizes and one round in a few minutes and writes nothing to docs/ unless --write.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from bench.machine import describe, load_average
from bench.parts import PARTS, Settings
from bench.report import Figure, table, write

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/newsprism_bench"


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("parts", nargs="*", metavar="PART", help=f"any of {', '.join(PARTS)} (default all)")
    parser.add_argument("--quick", action="store_true", help="small sizes, one round, a few minutes")
    parser.add_argument("--rounds", type=int, help="alternating crawl/extraction rounds (default 3, quick 1)")
    parser.add_argument("--sqlite", help="search database file (default /tmp/bench100k.db, quick 10k)")
    parser.add_argument("--postgres", help=f"search database URL (default {POSTGRES}, quick ..._quick)")
    parser.add_argument("--write", action="store_true", help="write docs/ after a --quick run too")
    args = parser.parse_args(argv)
    unknown = [part for part in args.parts if part not in PARTS]
    if unknown:
        parser.error(f"unknown part {unknown[0]!r}; choose from {', '.join(PARTS)}")
    return args


def settings_from(args: argparse.Namespace) -> Settings:
    quick = bool(args.quick)
    # A search database is generated once and reused; each size needs its own (the script checks).
    sqlite = args.sqlite or ("/tmp/bench10k.db" if quick else "/tmp/bench100k.db")
    postgres = args.postgres or (f"{POSTGRES}_quick" if quick else POSTGRES)
    return Settings(quick, args.rounds or (1 if quick else 3), f"sqlite:///{sqlite}", postgres)


def ensure_postgres_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database when the server answers but the database is missing."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
            ).first()
            if exists is None:
                connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    except Exception:  # no server: the search part then measures SQLite alone and says so
        return
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    settings = settings_from(args)
    chosen = args.parts or list(PARTS)
    if "search" in chosen:
        ensure_postgres_database(settings.postgres_url)
    machine = describe(settings.postgres_url)
    print(" | ".join(f"{key}: {value}" for key, value in machine.items()), f"| load {load_average()}")
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    results: dict[str, list[Figure]] = {}
    for part in chosen:
        print(f"{part} ... (load {load_average()})", file=sys.stderr, flush=True)
        results[part] = PARTS[part](settings)
    print(table([figure for figures in results.values() for figure in figures]))
    if not settings.quick or args.write:
        print(f"written to {write(results, machine, when, list(PARTS))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
