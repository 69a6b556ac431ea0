"""`newsprism --help` stays quick: asking for help loads none of the heavy modules (issue 17).

Not a timed test (timings on a shared machine flake); what made `--help` slow was importing the
crawler, storage and the analysis models at start, and that is what is checked, in a fresh process.
`scripts/bench_startup.py` measures the time itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# Each of these took tens to hundreds of milliseconds to import; a command loads them when it runs.
HEAVY = (
    "sqlalchemy",
    "alembic",
    "newsprism.crawler.crawl",
    "newsprism.crawler.config",
    "newsprism.crawler.importer",
    "newsprism.compare.article.analysis",
    "trafilatura",
    "httpx",
    "fastapi",
    "uvicorn",
    "warcio",
    "lxml",
    "newsprism.storage.models",
    "newsprism.storage.database",
    "newsprism.web",
    "newsprism.pipeline",
    "celery",
    "kombu",
    "redis",
    "newsprism.cluster",
)

PROBE = """
import json, sys
from newsprism.cli import app
try:
    app(sys.argv[1:], prog_name="newsprism")
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def loaded_after(*args: str) -> tuple[object, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    answer = json.loads(done.stdout.splitlines()[-1])
    return answer["code"], set(answer["modules"])


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--help"], id="help"),
        pytest.param([], id="no-arguments"),
        *(
            pytest.param([command, "--help"], id=f"{command}-help")
            for command in (
                "import",
                "crawl",
                "search",
                "serve",
                "analyze",
                "outlets",
                "report",
                "export",
                "worker",
                "schedule",
            )
        ),
    ],
)
def test_help_imports_no_heavy_module(args: list[str]) -> None:
    code, modules = loaded_after(*args)
    assert code in (0, 2)  # no arguments at all is shown the help with the usage-error status
    heavy = sorted(m for m in modules if any(m == h or m.startswith(f"{h}.") for h in HEAVY))
    assert heavy == [], f"`newsprism {' '.join(args)}` imported {heavy}: import them inside the command"


def test_the_probe_sees_a_heavy_import_when_a_command_runs(tmp_path: Path) -> None:
    # Guards the test above: were the probe blind (a wrong module list, say), it would always pass.
    code, modules = loaded_after("--db", f"sqlite:///{tmp_path / 'n.db'}", "init")
    assert code in (0, None) and "sqlalchemy" in modules and "newsprism.storage.database" in modules
