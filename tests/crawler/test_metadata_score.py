"""Title, author and date accuracy on the fundus pages stays at or above the pinned floors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.shared
@pytest.mark.slow
def test_fundus_metadata_is_not_below_the_floors(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "fundus"
    done = subprocess.run(
        [sys.executable, "scripts/score_metadata.py", "--check", "--corpus", str(corpus)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pages=258" in done.stdout
