"""What `pip install newsprism` puts in site-packages: one top-level package, `newsprism`, with the
crawler, storage and comparison inside it, their data files, and the Python API working from it.

The wheel is built from this checkout as pip builds it, then its files are imported from a folder of
their own (not the editable checkout), so a module left out of the wheel fails here.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README_EXAMPLE = """
import newsprism
report = newsprism.compare([
    {"url": "https://a.example/1", "outlet": "A", "text": "Five people were killed in Veltria on Monday."},
    {"url": "https://b.example/1", "outlet": "B", "text": "Six people were killed in Veltria on Monday."},
    {"url": "https://c.example/1", "outlet": "C", "text": "Five people were killed in Veltria on Monday."},
])
import newsprism.compare.types, newsprism.crawler.urls, newsprism.storage.database
assert newsprism.__file__.startswith(sys.argv[1]), newsprism.__file__
assert newsprism.compare.types.__file__.startswith(sys.argv[1])
print(report["divergences"][0]["type"])
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--quiet", "--wheel-dir", str(out)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("newsprism-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_installs_one_top_level_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"newsprism"}
    # The data the installed package reads: report templates, migrations, the demo newsroom.
    for needed in (
        "newsprism/compare/reports/templates/report_page.html",
        "newsprism/storage/migrations/env.py",
        "newsprism/storage/migrations/versions/0001_initial_schema.py",
        "newsprism/crawler/urls.py",
        "newsprism/py.typed",
    ):
        assert needed in names, needed


@pytest.mark.slow
def test_the_installed_package_compares_three_texts(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = "import sys\n" + README_EXAMPLE
    # From a folder outside the checkout, the unpacked wheel first on the path: the checkout's own
    # packages cannot stand in for a module the wheel lacks.
    run = subprocess.run(
        [sys.executable, "-c", script, str(site)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "numeric_conflict"


@pytest.mark.slow
def test_a_type_checked_program_calls_the_api_as_the_readme_shows(wheel: Path, tmp_path: Path) -> None:
    # `newsprism.compare` is a package and the API function at once; a user's type checker must see
    # the function, with its types, from the installed wheel.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    program = tmp_path / "program.py"
    program.write_text(
        "import newsprism\n"
        'report = newsprism.compare([{"url": "https://a.example/1", "outlet": "A", "text": "x"}])\n'
        "reveal_type(report)\n"
        'reveal_type(newsprism.analyze("Two people were killed."))\n',
        encoding="utf-8",
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--follow-imports=silent",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(program),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(site), "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stdout
    assert run.stdout.count('Revealed type is "dict[str, Any]"') == 2, run.stdout
