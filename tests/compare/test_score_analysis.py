"""The analysis scorer: its fixed splits and statement test, and the pinned floors against
../shared/gold (skipped without the data)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO.parent / "shared" / "gold"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_analysis", REPO / "scripts" / "score_analysis.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


score_analysis = _scorer()


def test_polnear_split_alternates_within_each_outlet() -> None:
    names = ["b_2", "a_1", "a_3", "b_1", "a_2"]
    assert score_analysis.polnear_splits(names) == {
        "a_1": "tune", "a_2": "check", "a_3": "tune", "b_1": "tune", "b_2": "check",
    }  # fmt: skip


def test_newsquant_check_split_is_every_third_sentence_and_at_least_95_of_295() -> None:
    splits = [score_analysis.newsquant_split(i) for i in range(295)]
    assert splits[:6] == ["tune", "tune", "check", "tune", "tune", "check"]
    assert splits.count("check") >= 95


@pytest.mark.parametrize(
    ("cue", "source", "expected"),
    [
        pytest.param("said", "Smith", True, id="said"),
        pytest.param("has told", "he", True, id="has-told"),
        pytest.param("according to", "the campaign", True, id="according-to"),
        pytest.param("admitted", "she", True, id="admitted"),
        pytest.param(":", "Trump", True, id="colon"),
        pytest.param("found", "a new poll", True, id="poll-found"),
        pytest.param("called", "Trump", False, id="called"),
        pytest.param("cited", "the senator", False, id="cited"),
        pytest.param("believes", "Clinton", False, id="believes"),
        pytest.param("plans", "the party", False, id="plans"),
        pytest.param("talked about", "he", False, id="talked-about"),
    ],
)
def test_gold_statement_is_a_verb_of_saying_or_a_document(cue: str, source: str, expected: bool) -> None:
    gold = score_analysis.GoldAttribution(((0, 1),), ((0, 1),), ((0, 1),), source, cue)
    assert score_analysis.is_statement(gold) is expected


@pytest.mark.shared
@pytest.mark.slow
def test_scorer_check_passes_on_both_splits() -> None:
    if not (GOLD / "polnear").is_dir():
        pytest.skip(f"no gold data at {GOLD}")
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "score_analysis.py"),
            "--split",
            "both",
            "--check",
            "--gold",
            str(GOLD),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "polnear_check_statements_content_f1" in result.stdout
    assert "newsquant_gap_value_unit_f1" in result.stdout
