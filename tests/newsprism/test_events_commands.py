"""`newsprism events` and `newsprism report` as a user runs them, over a real SQLite file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from newsroom_db import Newsroom, build_newsroom


@pytest.fixture
def newsroom(sqlite_url: str) -> Iterator[Newsroom]:
    made = build_newsroom(sqlite_url)
    made.database.close()
    yield made


def newsprism(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsprism", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )


def test_events_json_has_the_interface_shape(newsroom: Newsroom, tmp_path: Path) -> None:
    done = newsprism("--db", newsroom.url, "events", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (event,) = json.loads(done.stdout)
    assert set(event) == {"id", "title", "first_published", "last_published", "outlets", "articles"}
    assert event["id"] == str(newsroom.event_id)
    assert event["title"] == "Cyclone Marla hits Port Arden"
    assert [a["id"] for a in event["articles"]] == [str(i) for i in newsroom.cyclone_ids]
    assert set(event["articles"][0]) == {"id", "url", "outlet", "title", "published"}


def test_events_table_and_since(newsroom: Newsroom, tmp_path: Path) -> None:
    table = newsprism("--db", newsroom.url, "events", cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    assert "Cyclone Marla hits Port Arden" in table.stdout
    later = newsprism("--db", newsroom.url, "events", "--since", "2999-01-01", "--json", cwd=tmp_path)
    assert later.returncode == 0 and json.loads(later.stdout) == []


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [
        pytest.param("json", '"divergences"', id="json"),
        pytest.param("md", "# Cyclone", id="md"),
        pytest.param("html", "<!DOCTYPE html>", id="html"),
    ],
)
def test_report_in_each_format(newsroom: Newsroom, tmp_path: Path, fmt: str, marker: str) -> None:
    done = newsprism("--db", newsroom.url, "report", str(newsroom.event_id), "--format", fmt, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert marker in done.stdout
    if fmt == "json":
        assert json.loads(done.stdout)["event"]["id"] == str(newsroom.event_id)
    if fmt == "html":
        assert "<script" not in done.stdout.split("<body>")[1]


def test_report_to_a_file(newsroom: Newsroom, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    done = newsprism(
        "--db",
        newsroom.url,
        "report",
        str(newsroom.event_id),
        "--format",
        "html",
        "--out",
        str(out),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # Said, so a user (or a script's log) knows the command did something and where.
    assert done.stdout.strip() == f"report of event {newsroom.event_id} written to {out}"


def test_serve_on_a_busy_port_is_one_line_and_exit_1(newsroom: Newsroom, tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = newsprism("--db", newsroom.url, "serve", "--port", str(port), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"newsprism: error: cannot serve on 127.0.0.1:{port}:") and "--port" in line


@pytest.mark.parametrize(
    "event_id", [pytest.param("999999", id="unknown"), pytest.param("abc", id="not-a-number")]
)
def test_unknown_event_is_one_line_and_exit_1(newsroom: Newsroom, tmp_path: Path, event_id: str) -> None:
    done = newsprism("--db", newsroom.url, "report", event_id, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and event_id in done.stderr
