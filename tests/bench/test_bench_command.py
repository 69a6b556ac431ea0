"""`python -m bench` is a benchmark, not a test: here only that its command line, its table and its
whole-command measure work (on a tiny loopback web)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from loopback import LoopbackSite, Reply

from bench.command import command_files, environment, newsprism_command, timed, trafilatura_command
from bench.fundus_web import Web
from bench.report import Figure, table

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("args", "status", "says"),
    [
        (["--help"], 0, "crawl, command, extraction, analysis,"),
        (["nope"], 2, "unknown part 'nope'"),
    ],
    ids=["help", "unknown-part"],
)
def test_the_command_line(args: list[str], status: int, says: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == status
    assert says in done.stdout + done.stderr


def test_a_figure_row_carries_its_target_verdict_and_command() -> None:
    figure = Figure("search", "SQLite p95 ms", "12.0", "<= 50 ms", True, "python scripts/x.py", "1.0")
    row = table([figure]).splitlines()[-1]
    assert row == "| search | SQLite p95 ms | 12.0 | <= 50 ms | met | 1.0 | `python scripts/x.py` |"


def _tiny_web(site: LoopbackSite, pages: int) -> Web:
    """`pages` article pages listed in a sitemap, one outlet, politeness off, as the bench's web."""
    urls = []
    for number in range(pages):
        path = f"/2024/05/story-{number}"
        # trafilatura names each file by a hash of its words, numbers left out: the stories differ in words.
        paragraphs = "".join(f"<p>{PLACES[number]}: {text}</p>" for text in STORY)
        body = f"<html><head><title>Story {number}</title></head><body><article>{paragraphs}</article>"
        site.route(path, Reply(body=body))
        urls.append(site.url(path))
    locs = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    site.route("/sitemap.xml", Reply(body=sitemap, content_type="application/xml"))
    config = (
        '[crawler]\nallow_private_networks = true\n\n[[outlet]]\nname = "Tiny Wire"\n'
        f'homepage = "{site.url("/")}"\nsitemaps = ["{site.url("/sitemap.xml")}"]\ndelay = "0s"\n'
    )
    return Web(config, urls)


PLACES = ["Arden", "Brill", "Cresswell", "Dunmore"]
STORY = [
    "The harbour authority said on Tuesday that five cargo ships had been held outside the port for"
    " three days while inspectors examined their papers and the weather kept the pilots ashore.",
    "Officials from the ministry of transport told reporters that the delays would end by the weekend,"
    " although shipping companies warned that the backlog could take much longer to clear entirely.",
    "Dock workers described long shifts and uncertainty, and several union leaders called for more staff"
    " to be hired before the winter season brings the usual storms and the usual closures of the quays.",
]


def test_the_whole_commands_crawl_a_tiny_web_each_into_its_own_output(
    site: LoopbackSite, tmp_path: Path
) -> None:
    files = command_files(_tiny_web(site, 3), tmp_path)
    rounds = {
        "plain": newsprism_command(files, terminal=False),
        "terminal": newsprism_command(files, terminal=True),
        "trafilatura": trafilatura_command(files),
    }
    assert {name: (result.pages, result.done) for name, result in rounds.items()} == {
        "plain": (3, 3),
        "terminal": (3, 3),
        "trafilatura": (3, 3),
    }
    assert "SLEEP_TIME = 0\n" in files.trafilatura_settings.read_text(encoding="utf-8")
    # Both commands kept their compiled modules, as an installed package has them.
    assert environment(files)["PYTHONPYCACHEPREFIX"] == str(files.bytecode)
    assert "PYTHONDONTWRITEBYTECODE" not in environment(files)
    compiled = {f"{path.parent.name}/{path.name.split('.')[0]}" for path in files.bytecode.rglob("*.pyc")}
    assert {"crawler/crawl", "crawler/extract", "trafilatura/cli"} <= compiled


@pytest.mark.parametrize(
    ("terminal", "check"),
    [(True, "assert sys.stdout.isatty() and sys.stderr.isatty()"), (False, "assert not sys.stderr.isatty()")],
    ids=["terminal", "file"],
)
def test_a_command_is_timed_on_a_terminal_or_a_file_and_its_failure_said(
    terminal: bool, check: str, tmp_path: Path
) -> None:
    env = dict(os.environ)
    assert timed([sys.executable, "-c", f"import sys; {check}"], tmp_path, env, terminal=terminal) > 0
    with pytest.raises(RuntimeError, match="exited with 3"):
        timed([sys.executable, "-c", "raise SystemExit(3)"], tmp_path, env, terminal=terminal)
