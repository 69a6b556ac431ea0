"""What the figures were measured on: CPU, cores, memory, versions, and how busy the machine was.

A speed figure means nothing without the machine, and on a shared machine nothing without its load
average, so every part records the load beside its figures.
"""

from __future__ import annotations

import os
import platform
import sqlite3
from pathlib import Path


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as /proc/loadavg gives them."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def memory_gb() -> float:
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    return 0.0


def postgresql_version(url: str) -> str:
    """The server's version, or why there is none (the search part then skips PostgreSQL)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, pool_pre_ping=True)
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SHOW server_version")).scalar_one()).split()[0]
    except Exception as exc:  # any failure to connect only means "not available here"
        return f"unavailable ({type(exc).__name__})"
    finally:
        engine.dispose()


def _server_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database="postgres").render_as_string(hide_password=False)


def describe(postgres_url: str) -> dict[str, str]:
    """The machine and software the run used."""
    import trafilatura

    return {
        "CPU": cpu_model(),
        "cores": str(os.cpu_count() or 1),
        "RAM": f"{memory_gb():.1f} GB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        # The server's maintenance database: the benchmark's own may not exist yet (a crawl-only run).
        "PostgreSQL": postgresql_version(_server_url(postgres_url)),
        "trafilatura": trafilatura.__version__,
    }
