"""The crawl as its users run it: `newsprism crawl` and trafilatura's command line, whole, same pages.

The in-process benchmark (bench/crawl.py) times `crawl_outlets` and `update_events` in a warm process
whose extraction workers' server has loaded trafilatura in an earlier round. A user runs a command:
the interpreter starts, imports, migrates a new database, starts its workers, crawls, regroups and
prints its table. This module times that, from the exec to the exit, with a fresh database each
round, once with standard output and error on a file (a log, a pipe, cron) and once on a
pseudo-terminal, where the command draws its progress as it does for a person at a terminal.

trafilatura's side is its own command line, `trafilatura -i URLS -o FOLDER --with-metadata`: how its
documentation has a user download and extract a list of pages, each written to a file. It gets the
same article URLs (no discovery), 16 download threads, and a settings file with `SLEEP_TIME = 0`
(no pause between two pages of one host, as newsprism's `delay = "0s"`) and `SSRF_PROTECTION = off`
(the pages are on loopback).
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.crawl import TRAFILATURA_THREADS, Round
from bench.fundus_web import Web

# The window the pseudo-terminal reports: a common terminal's, so the progress has room to draw.
TERMINAL_ROWS, TERMINAL_COLUMNS = 40, 120


@dataclass(frozen=True)
class CommandFiles:
    """What the two commands read: the crawl configuration, the URL list, trafilatura's settings."""

    config: Path
    urls: Path
    trafilatura_settings: Path
    pages: int  # article pages offered
    bytecode: Path  # where both commands keep their compiled modules (see `environment`)


def command_files(web: Web, folder: Path) -> CommandFiles:
    """Write the web's configuration, its article URLs and trafilatura's settings into `folder`."""
    import trafilatura.settings

    config, urls, settings = folder / "crawl.toml", folder / "urls.txt", folder / "trafilatura.cfg"
    config.write_text(web.config, encoding="utf-8")
    urls.write_text("".join(f"{url}\n" for url in web.article_urls), encoding="utf-8")
    shipped = Path(trafilatura.settings.__file__).with_name("settings.cfg").read_text(encoding="utf-8")
    settings.write_text(_no_pause_on_loopback(shipped), encoding="utf-8")
    return CommandFiles(config, urls, settings, len(web.article_urls), folder / "bytecode")


def environment(files: CommandFiles, **extra: str) -> dict[str, str]:
    """The commands' environment: this one's, with compiled modules kept (in `files.bytecode`).

    An installed package comes with its modules compiled (pip compiles them), and Python writes the
    compiled form of a module it imports from source unless PYTHONDONTWRITEBYTECODE forbids it, as
    this machine's environment does: newsprism, installed editable here, would then compile its
    200 modules on every run, which no user's installation does. A first, untimed run of each
    command fills the folder.
    """
    kept = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**kept, "PYTHONPYCACHEPREFIX": str(files.bytecode), **extra}


def _no_pause_on_loopback(settings: str) -> str:
    lines = []
    for line in settings.splitlines():
        key = line.split("=", 1)[0].strip()
        if key == "SLEEP_TIME":
            line = "SLEEP_TIME = 0"
        elif key == "SSRF_PROTECTION":
            line = "SSRF_PROTECTION = off"
        lines.append(line)
    return "\n".join(lines) + "\n"


def console_script(name: str) -> list[str]:
    """The installed command `name` beside this interpreter (as a user of this environment runs it),
    else the module run by this interpreter."""
    script = Path(sys.executable).with_name(name)
    if script.is_file():
        return [str(script)]
    found = shutil.which(name)
    return [found] if found else [sys.executable, "-m", name]


def newsprism_command(files: CommandFiles, *, terminal: bool) -> Round:
    """`newsprism --db NEW crawl --config FILE` from exec to exit; the articles it stored."""
    with tempfile.TemporaryDirectory(prefix="bench-command-") as folder:
        database = Path(folder) / "newsprism.db"
        argv = [*console_script("newsprism"), "--db", f"sqlite:///{database}", "crawl"]
        argv += ["--config", str(files.config)]
        seconds = timed(argv, Path(folder), environment(files), terminal=terminal)
        with sqlite3.connect(database) as connection:
            (stored,) = connection.execute("SELECT count(*) FROM articles").fetchone()
        connection.close()
    return Round(files.pages, int(stored), seconds)


def trafilatura_command(files: CommandFiles) -> Round:
    """`trafilatura -i URLS -o FOLDER --with-metadata` from exec to exit; the pages it wrote."""
    with tempfile.TemporaryDirectory(prefix="bench-command-") as folder:
        written = Path(folder) / "extracted"
        argv = [*console_script("trafilatura"), "-i", str(files.urls), "-o", str(written), "--with-metadata"]
        argv += ["--parallel", str(TRAFILATURA_THREADS), "--config-file", str(files.trafilatura_settings)]
        seconds = timed(argv, Path(folder), environment(files), terminal=False)
        done = sum(1 for _ in written.iterdir()) if written.is_dir() else 0
    return Round(files.pages, done, seconds)


def timed(argv: list[str], folder: Path, env: dict[str, str], *, terminal: bool) -> float:
    """Seconds from starting `argv` in `folder` with `env` to its exit; raises when it fails."""
    if terminal:
        return _on_terminal(argv, folder, {**env, "TERM": "xterm-256color"})
    log = folder / "output.log"
    with log.open("wb") as output:
        started = time.perf_counter()
        status = subprocess.run(
            argv, cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=output
        )
        seconds = time.perf_counter() - started
    _check(argv, status.returncode, log.read_bytes())
    return seconds


def _on_terminal(argv: list[str], folder: Path, env: dict[str, str]) -> float:
    """Run `argv` with standard output and error on a pseudo-terminal whose screen is read (and
    dropped) as a terminal would; the time to the command's exit, not to its last child's."""
    screen, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", TERMINAL_ROWS, TERMINAL_COLUMNS, 0, 0))
    tail = bytearray()
    done = threading.Event()
    reader = threading.Thread(target=_read_screen, args=(screen, tail, done), daemon=True)
    reader.start()
    try:
        started = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=folder, env=env, stdin=subprocess.DEVNULL, stdout=side, stderr=side
        )
        os.close(side)
        status = process.wait()
        seconds = time.perf_counter() - started
    finally:
        done.set()
        reader.join(timeout=5)
        os.close(screen)
    _check(argv, status, bytes(tail))
    return seconds


def _read_screen(screen: int, tail: bytearray, done: threading.Event) -> None:
    # A terminal reads everything the command draws; only the last of it is kept, for an error.
    while not done.is_set():
        ready, _, _ = select.select([screen], [], [], 0.1)
        if not ready:
            continue
        try:
            chunk = os.read(screen, 65536)
        except OSError:  # every writer closed the terminal
            return
        if not chunk:
            return
        tail.extend(chunk)
        del tail[:-4096]


def _check(argv: list[str], status: int, output: bytes) -> None:
    if status != 0:
        said = output[-2000:].decode("utf-8", "replace")
        raise RuntimeError(f"{' '.join(argv)} exited with {status}:\n{said}")
