"""The coverage score holds its floors: divergences judged against the given fact tables and ours."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_check(script: str) -> subprocess.CompletedProcess[str]:
    """A scoring script run as `make score` runs it, with `--check` against its pinned floors."""
    command = [sys.executable, str(ROOT / "scripts" / script), "--check"]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


@pytest.mark.shared
@pytest.mark.slow
def test_divergences_judged_against_fact_tables_hold_their_floors() -> None:
    done = _run_check("score_coverage.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert all(f"{name} {{" in done.stdout for name in ("given", *_script("score_coverage").OUR_SETS))


@pytest.mark.parametrize(
    ("folder", "least"),
    [("own", 12), ("own2", 10), ("own3", 10), ("own4", 10), ("own5", 9), ("fresh", 8), ("fresh2", 10)],
)
def test_every_fact_table_of_ours_has_its_bundle_spec(folder: str, least: int) -> None:
    tables_dir = ROOT / "tests" / "data" / "coverage" / folder
    tables = {p.name.removesuffix(".facts.json") for p in tables_dir.glob("*.facts.json")}
    specs = {p.name.removesuffix(".bundle.json") for p in tables_dir.glob("*.bundle.json")}
    assert len(tables) >= least and tables == specs


def test_the_measured_only_tables_are_not_the_tuned_ones() -> None:
    # A table in both sets would let tuning leak into the figure that is only measured.
    scorer = _script("score_coverage")
    sets = [{p.name for p in (scorer.OUR_TABLES / name).glob("*.facts.json")} for name in scorer.OUR_SETS]
    assert all(not first & second for i, first in enumerate(sets) for second in sets[i + 1 :])


@pytest.mark.shared
def test_casualty_counts_read_against_the_gun_violence_archive_hold_their_floors() -> None:
    done = _run_check("score_casualties.py")
    assert done.returncode == 0, done.stdout + done.stderr


def _script(name: str) -> ModuleType:
    """One of the scoring scripts, imported as a module."""
    sys.path.insert(0, str(ROOT / "scripts"))
    return importlib.import_module(name)


def _sample_module() -> ModuleType:
    return _script("sample_conflicts")


def test_the_judged_sample_stays_put_when_a_conflict_drops_out() -> None:
    module = _sample_module()
    conflicts = [{"incident": str(i), "summary": f"conflict {i}"} for i in range(200)]
    sample = module.draw(conflicts)
    dropped = sample[0]
    again = module.draw([c for c in conflicts if c is not dropped])
    assert len(sample) == len(again) == module.SAMPLE
    assert [c for c in sample if c is not dropped] == again[: module.SAMPLE - 1]


def test_the_judged_share_counts_check_judgments_only_and_lists_the_unjudged() -> None:
    module = _sample_module()
    sample = [{"incident": str(i), "summary": s} for i, s in ((1, "a"), (2, "b"), (3, "c"))]
    judgments = [
        {"incident": "1", "summary": "a", "verdict": "real", "set": "check"},
        {"incident": "2", "summary": "b", "verdict": "false", "set": "check"},
        {"incident": "3", "summary": "c", "verdict": "real", "set": "tune"},
    ]
    assert module.judged_share(sample, judgments) == (50.0, 2, ["c"])


@pytest.mark.shared
@pytest.mark.slow
def test_numeric_conflicts_judged_by_reading_hold_their_floor() -> None:
    done = _run_check("sample_conflicts.py")
    assert done.returncode == 0, done.stdout + done.stderr


def _gaps_module() -> ModuleType:
    return _script("sample_gaps")


def _gap(incident: int, kind: str = "unique_claim") -> dict[str, str]:
    return {
        "incident": str(incident),
        "split": "tune" if incident % 2 == 0 else "check",
        "type": kind,
        "outlet": f"outlet{incident}.example",
        "evidence": f"sentence {incident}",
    }


def test_the_gap_samples_are_split_by_incident_id_and_stay_put_when_an_item_drops_out() -> None:
    module = _gaps_module()
    items = [_gap(i) for i in range(300)]
    tune = module.draw(items, "tune")
    assert {int(i["incident"]) % 2 for i in tune} == {0}
    again = module.draw([i for i in items if i is not tune[0]], "tune")
    assert len(tune) == len(again) == module.SAMPLE
    assert tune[1:] == again[: module.SAMPLE - 1]


def test_an_omission_is_one_gap_item_per_outlet_it_names() -> None:
    module = _gaps_module()
    omission = {
        "type": "omission",
        "summary": "a.example and b.example do not report what c.example reports: “Police said so.”",
        "claims": [{"outlet": "c.example", "text": "Police said so."}],
        "missing_from": ["a.example", "b.example"],
    }
    items = list(module.gap_items("12", [omission]))
    assert [(i["outlet"], i["evidence"], i["split"]) for i in items] == [
        ("a.example", "“Police said so.”", "tune"),
        ("b.example", "“Police said so.”", "tune"),
    ]


def test_the_gap_share_counts_each_verdict_and_lists_the_unjudged() -> None:
    module = _gaps_module()
    sample = [_gap(1), _gap(3), _gap(5)]
    judgments = [
        {**_gap(1), "verdict": "real"},
        {**_gap(3), "verdict": "trivial"},
    ]
    share, judged, counts, unjudged = module.judged_share(sample, judgments)
    assert (share, judged, counts, unjudged) == (50.0, 2, {"real": 1, "false": 0, "trivial": 1}, [_gap(5)])


@pytest.mark.shared
@pytest.mark.slow
def test_gaps_judged_by_reading_hold_their_floors() -> None:
    done = _run_check("sample_gaps.py")
    assert done.returncode == 0, done.stdout + done.stderr
