"""`newsprism outlets`: a configuration checked and its crawl plan listed, with no network and no database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Hosts in the reserved .invalid domain: any attempt to reach them would fail, so listing them proves
# nothing is fetched.
CONFIG = """
[[outlet]]
name = "Beta Post"
homepage = "https://beta.invalid/"
feeds = ["https://beta.invalid/rss.xml"]
sitemaps = ["https://beta.invalid/news-sitemap.xml"]
every = "15m"
kind = "newspaper"
country = "DE"
language = "de"

[[outlet]]
name = "Gamma [TV]"
homepage = "https://gamma.invalid/"
kind = "broadcaster"
"""


def newsprism(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsprism", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_outlets_json_says_what_each_outlet_would_crawl(tmp_path: Path) -> None:
    (tmp_path / "outlets.toml").write_text(CONFIG, encoding="utf-8")
    done = newsprism("outlets", "--config", "outlets.toml", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    beta, gamma = json.loads(done.stdout)
    assert beta == {
        "name": "Beta Post",
        "homepage": "https://beta.invalid/",
        "kind": "newspaper",
        "country": "DE",
        "language": "de",
        "discovery": "configured",
        "feeds": ["https://beta.invalid/rss.xml"],
        "sitemaps": ["https://beta.invalid/news-sitemap.xml"],
        "sections": [],
        "every": 900.0,
        "delay": 1.0,
        "concurrency": 2,
    }
    assert (gamma["discovery"], gamma["feeds"], gamma["kind"]) == ("homepage", [], "broadcaster")
    assert not list(tmp_path.glob("*.db")), "checking a configuration opens no database"


def test_outlets_table_lists_every_outlet_and_its_sources(tmp_path: Path) -> None:
    (tmp_path / "outlets.toml").write_text(CONFIG, encoding="utf-8")
    done = newsprism("outlets", "--config", "outlets.toml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2 outlet(s), valid" in done.stdout
    assert "feed https://beta.invalid/rss.xml" in done.stdout and "15m" in done.stdout
    assert "Gamma [TV]" in done.stdout and "feeds announced by https://gamma.invalid/" in done.stdout


def test_an_invalid_configuration_is_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "outlets.toml").write_text(CONFIG.replace('"broadcaster"', '"tabloid"'), encoding="utf-8")
    done = newsprism("outlets", "--config", "outlets.toml", cwd=tmp_path)
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("newsprism: error: outlets.toml: outlet 'Gamma [TV]': 'kind' must be one of")
