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
    assert all(f"{name} {{" in done.stdout for name in ("given", "own", "fresh"))


@pytest.mark.parametrize(("folder", "least"), [("own", 12), ("fresh", 8)])
def test_every_fact_table_of_ours_has_its_bundle_spec(folder: str, least: int) -> None:
    tables_dir = ROOT / "tests" / "data" / "coverage" / folder
    tables = {p.name.removesuffix(".facts.json") for p in tables_dir.glob("*.facts.json")}
    specs = {p.name.removesuffix(".bundle.json") for p in tables_dir.glob("*.bundle.json")}
    assert len(tables) >= least and tables == specs


def test_the_measured_only_tables_are_not_the_tuned_ones() -> None:
    # A table in both sets would let tuning leak into the figure that is only measured.
    folders = [ROOT / "tests" / "data" / "coverage" / name for name in ("own", "fresh")]
    own, fresh = ({p.name for p in folder.glob("*.facts.json")} for folder in folders)
    assert not own & fresh


@pytest.mark.shared
def test_casualty_counts_read_against_the_gun_violence_archive_hold_their_floors() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "score_casualties.py"), "--check"],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
