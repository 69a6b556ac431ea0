"""The command line contract of INTERFACE.md: global options, exit codes, one-line errors."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest


def newsprism(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command in a fresh process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "newsprism", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_init_twice_succeeds(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    for _ in range(2):
        done = newsprism("--db", url, "init", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "x.db").is_file()


def test_database_defaults_to_env_then_working_directory(tmp_path: Path) -> None:
    env_db = tmp_path / "from-env.db"
    assert newsprism("init", cwd=tmp_path, env={"NEWSPRISM_DB": f"sqlite:///{env_db}"}).returncode == 0
    assert env_db.is_file() and not (tmp_path / "newsprism.db").exists()
    env = {k: v for k, v in os.environ.items() if k != "NEWSPRISM_DB"}
    done = subprocess.run(
        [sys.executable, "-m", "newsprism", "init"], cwd=tmp_path, env=env, capture_output=True, check=False
    )
    assert done.returncode == 0 and (tmp_path / "newsprism.db").is_file()


@pytest.mark.parametrize(
    ("url", "named"),
    [
        pytest.param("nonsense", "'nonsense'", id="not-a-url"),
        pytest.param("mysqlx://h/db", "mysqlx", id="unknown-dialect"),
        pytest.param("sqlite:////no/such/dir/x.db", "/no/such/dir", id="missing-folder"),
    ],
)
def test_bad_db_url_is_one_line_and_exit_1(tmp_path: Path, url: str, named: str) -> None:
    done = newsprism("--db", url, "init", cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "command",
    [["search", "strike"], ["events"], ["report", "1"], ["export"], ["serve", "--port", "0"]],
    ids=["search", "events", "report", "export", "serve"],
)
def test_a_reading_command_refuses_a_database_file_that_does_not_exist(
    tmp_path: Path, command: list[str]
) -> None:
    # A mistyped path used to create an empty database and answer "0 results", exit 0.
    typo = tmp_path / "typo.db"
    done = newsprism("--db", f"sqlite:///{typo}", *command, cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert str(typo) in line and "does not exist" in line
    assert not typo.exists()


def test_a_database_from_a_newer_newsprism_is_one_line_and_exit_1(tmp_path: Path) -> None:
    database = tmp_path / "newer.db"
    assert newsprism("--db", f"sqlite:///{database}", "init", cwd=tmp_path).returncode == 0
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '0999'")
    done = newsprism("--db", f"sqlite:///{database}", "events", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"newsprism: error: cannot migrate database 'sqlite:///{database}': "
        "Can't locate revision identified by '0999'"
    ]


def test_verbose_error_shows_the_traceback(tmp_path: Path) -> None:
    done = newsprism("-v", "--db", "nonsense", "init", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" in done.stderr


def test_usage_error_is_exit_2(tmp_path: Path) -> None:
    assert newsprism("--no-such-option", cwd=tmp_path).returncode == 2
    assert newsprism("no-such-command", cwd=tmp_path).returncode == 2


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("newsprism")
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "init" in done.stdout


def test_verbose_and_quiet_are_counting_flags_shown_without_a_value(tmp_path: Path) -> None:
    # The help once showed "-v <int>", which invited "-v 2", a usage error.
    shown = newsprism("--help", cwd=tmp_path, env={"COLUMNS": "120"}).stdout
    flags = [line for line in shown.splitlines() if "--verbose" in line or "--quiet" in line]
    assert len(flags) == 2 and not any("<int>" in line or "INTEGER" in line for line in flags)
    assert newsprism("-vv", "--db", f"sqlite:///{tmp_path / 'x.db'}", "init", cwd=tmp_path).returncode == 0


EXIT_PROBE = """
import atexit, gc, sys
from newsprism.cli import main
# Registered first, so run last of the exit handlers: what the interpreter's last collections will see.
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count() > 0, flush=True))
sys.argv = ["newsprism", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize(
    "args", [["--db", "sqlite:///x.db", "init"], ["nope"]], ids=["success", "usage-error"]
)
def test_a_command_leaves_what_it_made_out_of_the_collections_at_exit(
    tmp_path: Path, args: list[str]
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", EXIT_PROBE, *args], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.splitlines()[-1] == "frozen at exit: True", done.stdout + done.stderr
