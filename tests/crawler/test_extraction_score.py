"""Body quality on the article-extraction-benchmark and the fundus pages stays at or above the floors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.shared
@pytest.mark.slow
def test_aeb_body_f1_is_not_below_the_floor(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "aeb"
    done = subprocess.run(
        [sys.executable, "scripts/score_extraction.py", "--check", "--corpus", str(corpus)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pages=181" in done.stdout


@pytest.mark.shared
@pytest.mark.slow
def test_fundus_body_f1_is_not_below_the_floor(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "fundus"
    done = subprocess.run(
        [sys.executable, "scripts/score_extraction.py", "--check", "--fundus", "--corpus", str(corpus)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pages=258" in done.stdout
