"""`newsprism search` and `newsprism serve` as a user runs them: real processes over a real SQLite file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from newsroom_db import RARE_WORD, Newsroom, build_newsroom

from newsprism.commands.web import _search_title


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


def test_search_prints_a_table(newsroom: Newsroom, tmp_path: Path) -> None:
    done = newsprism("--db", newsroom.url, "search", RARE_WORD.lower(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Central bank raises rates" in done.stdout and "1 article(s) match" in done.stdout


def test_search_json_with_filters(newsroom: Newsroom, tmp_path: Path) -> None:
    args = ["--db", newsroom.url, "search", "cyclone", "--json", "--outlet", "Eastern Daily"]
    done = newsprism(*args, "--since", "2024-05-01", "--until", "2024-05-04", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [hit["outlet"] for hit in result["hits"]] == ["Eastern Daily"]
    assert result["total"] == 1 and len(result["facets"]["outlet"]) == 3
    assert (result["total_is_estimate"], result["ranked_newest"]) == (False, None)
    hit = result["hits"][0]
    assert all(hit["snippet"][a:b].lower() == "cyclone" for a, b in hit["highlights"])


@pytest.mark.parametrize(
    ("args", "named"),
    [
        pytest.param(['"unbalanced'], "closing quote", id="unbalanced-quote"),
        pytest.param(["AND OR ("], "'AND' must stand between two words", id="dangling-operators"),
        pytest.param(["cyclone", "--since", "last week"], "since must be a date", id="bad-date"),
        pytest.param(["cyclone", "--limit", "0"], "limit must be between", id="bad-limit"),
        pytest.param(["cyclone", "--outlet", "Nobody"], "no outlet named 'Nobody'", id="unknown-outlet"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    newsroom: Newsroom, tmp_path: Path, args: list[str], named: str
) -> None:
    done = newsprism("--db", newsroom.url, "search", *args, cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "Traceback" not in done.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_on_loopback_by_default(newsroom: Newsroom, tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsprism", "--db", newsroom.url, "serve", "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        response = _wait_for(f"http://127.0.0.1:{port}/api/search?q={RARE_WORD}", server)
        assert response.status_code == 200 and response.json()["total"] == 1
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in stderr


def _wait_for(url: str, server: subprocess.Popen[str]) -> httpx.Response:
    deadline = time.monotonic() + 30
    while True:
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise
            time.sleep(0.1)


@pytest.mark.parametrize(
    ("estimate", "newest", "title"),
    [
        pytest.param(False, None, "3 article(s) match 'x'; best 1 shown", id="counted"),
        pytest.param(
            True, 1000, "about 3 article(s) match 'x'; best 1 of the 1000 newest matches shown", id="est"
        ),
    ],
)
def test_search_table_title_says_when_the_total_is_estimated(
    estimate: bool, newest: int | None, title: str
) -> None:
    result = {"query": "x", "total": 3, "total_is_estimate": estimate, "ranked_newest": newest, "hits": [{}]}
    assert _search_title(result) == title
