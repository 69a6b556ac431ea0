"""The analysis scorer against ../shared/gold: the pinned floors hold (skipped without the data)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO.parent / "shared" / "gold"


@pytest.mark.shared
@pytest.mark.slow
def test_scorer_check_passes_on_dev_and_train() -> None:
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
    assert "polnear_dev_content_f1" in result.stdout
    assert "polnear_train_speaker_agreement" in result.stdout
