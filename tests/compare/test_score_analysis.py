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
        "a_1": "tune",
        "a_2": "check",
        "a_3": "tune",
        "b_1": "tune",
        "b_2": "check",
    }


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


_SAID = "Lena Brandt said the port would reopen in May."
_SAID_GOLD = (
    "T1\tSource 0 11\tLena Brandt\nT2\tCue 12 16\tsaid\nT3\tContent 17 45\tthe port would reopen in May\n"
    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
)


def test_split_spread_compares_the_fixed_gap_with_random_splits(tmp_path: Path) -> None:
    # Two outlets of two texts each; one check text has no gold statement, so its prediction is a
    # false positive and every split puts that text on one side: the gap is the same 33.3 each time.
    dev = tmp_path / "polnear" / "dev"
    (dev / "text").mkdir(parents=True)
    (dev / "attributions").mkdir()
    for name in ("a_1", "a_2", "b_1", "b_2"):
        (dev / "text" / f"{name}.txt").write_text(_SAID, encoding="utf-8")
        (dev / "attributions" / f"{name}_x1.ann").write_text("" if name == "a_2" else _SAID_GOLD)
    (dev / "attributions" / "a_1_x2.ann").write_text(_SAID_GOLD)  # a second reading of a tune text
    figures = score_analysis.split_spread(tmp_path, draws=50)
    assert figures["polnear_tune_statements_one_reading_f1"] == 100.0
    assert figures["polnear_check_statements_one_reading_f1"] == pytest.approx(200 / 3)
    assert figures["polnear_spread_statements_gap_median"] == pytest.approx(100 - 200 / 3)
    assert figures["polnear_spread_statements_share_at_least_fixed_gap"] == 100.0


def test_error_report_reads_tune_and_never_check(tmp_path: Path) -> None:
    # a_1 is tune and has no gold, so its prediction is an error; a_2 is check and is never read.
    dev = tmp_path / "polnear" / "dev"
    (dev / "text").mkdir(parents=True)
    (dev / "attributions").mkdir()
    for name in ("a_1", "a_2"):
        (dev / "text" / f"{name}.txt").write_text(_SAID, encoding="utf-8")
        (dev / "attributions" / f"{name}_x1.ann").write_text("" if name == "a_1" else _SAID_GOLD)
    lines = list(score_analysis.error_report(tmp_path, "tune"))
    assert lines and all(line.split("\t")[1] == "a_1_x1" for line in lines)
    assert lines[0].startswith("FALSE\ta_1_x1\tcue=said")


def test_the_check_split_s_errors_cannot_be_asked_for() -> None:
    with pytest.raises(SystemExit):
        score_analysis.main(["--errors", "check"])
