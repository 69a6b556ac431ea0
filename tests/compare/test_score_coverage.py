"""The coverage score holds its floors: divergences judged against the given fact tables and ours."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.shared
@pytest.mark.slow
def test_divergences_judged_against_fact_tables_hold_their_floors() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "score_coverage.py"), "--check"],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "given" in done.stdout and "own" in done.stdout


def test_every_fact_table_of_ours_has_its_bundle_spec() -> None:
    own = ROOT / "tests" / "data" / "coverage" / "own"
    tables = {p.name.removesuffix(".facts.json") for p in own.glob("*.facts.json")}
    specs = {p.name.removesuffix(".bundle.json") for p in own.glob("*.bundle.json")}
    assert len(tables) >= 12 and tables == specs


@pytest.mark.shared
def test_casualty_counts_read_against_the_gun_violence_archive_hold_their_floors() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "score_casualties.py"), "--check"],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
