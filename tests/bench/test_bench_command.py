"""`python -m bench` is a benchmark, not a test: here only that its command line and table work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.report import Figure, table

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("args", "status", "says"),
    [
        (["--help"], 0, "crawl, extraction, analysis, grouping, search"),
        (["nope"], 2, "unknown part 'nope'"),
    ],
    ids=["help", "unknown-part"],
)
def test_the_command_line(args: list[str], status: int, says: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == status
    assert says in done.stdout + done.stderr


def test_a_figure_row_carries_its_target_verdict_and_command() -> None:
    figure = Figure("search", "SQLite p95 ms", "12.0", "<= 50 ms", True, "python scripts/x.py", "1.0")
    row = table([figure]).splitlines()[-1]
    assert row == "| search | SQLite p95 ms | 12.0 | <= 50 ms | met | 1.0 | `python scripts/x.py` |"
