"""Write the screenshot of an event page that the docs show (docs/event-page.png).

By default it runs the demo (bundled newsroom, crawled into a temporary database), serves the pages on
a free loopback port and has headless Chromium photograph the event covered by the most outlets.
With --db it photographs an existing database instead.

    .venv/bin/python scripts/screenshot_event_page.py [--db URL] [--event ID] [--out docs/event-page.png]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from newsprism.settings import Settings
from newsprism.web.app import create_app
from newsprism.web.queries import events_json
from storage.database import open_database

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="photograph this database instead of running the demo")
    parser.add_argument("--event", type=int, help="event id (default: the one with the most outlets)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "event-page.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1800)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshot: chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or _demo_database(Path(folder))
        factory = open_database(url)
        with factory() as session:
            events = events_json(session)
        if not events:
            print(f"screenshot: no events in {url}", file=sys.stderr)
            return 1
        event = args.event or max(events, key=lambda e: (len(e["outlets"]), -e["id"]))["id"]
        with _serve(create_app(factory)) as base:
            _photograph(chromium, f"{base}/events/{event}", args.out, (args.width, args.height), Path(folder))
        factory.kw["bind"].dispose()
    print(f"wrote {args.out} (event {event})")
    return 0


def _demo_database(folder: Path) -> str:
    from newsprism.demo.run import run_demo

    # The demo keeps to its own database, reports/newsprism.db, whatever the settings name.
    return run_demo(Settings("sqlite:///unused.db", quiet=1), folder / "reports").database_url


@contextmanager
def _serve(app: object) -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", ws="none"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join()
        sock.close()


def _photograph(chromium: str, url: str, out: Path, size: tuple[int, int], folder: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={folder / 'profile'}",
            f"--window-size={size[0]},{size[1]}",
            f"--screenshot={out.resolve()}",
            url,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


if __name__ == "__main__":
    sys.exit(main())
