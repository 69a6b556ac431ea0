"""Grouping holds its floors on real coverage: PAC's stories and the gva-dev shootings' check split."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "score_grouping.py"


@pytest.mark.shared
@pytest.mark.parametrize("where", [[], ["--gva", "check"]], ids=["pac", "gva-check"])
def test_grouping_holds_its_floor(where: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *where, "--check"], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "BCubed" in done.stdout
