"""Write the screenshots the docs show: the event, article and outlet pages at desktop and phone width.

By default it runs the demo (bundled newsroom, crawled into a temporary database), serves the pages on
a free loopback port and has headless Chromium photograph them: the event covered by the most
outlets, the article its first piece of evidence links to (at that sentence, highlighted), and the
outlet with the most articles. With --db it photographs an existing database instead.

    .venv/bin/python scripts/screenshots.py [--db URL] [--out docs/screenshots]

writes OUT/{event,article,outlet}-{desktop,phone}.png.
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
from urllib.parse import quote

import uvicorn
from sqlalchemy.orm import Session

from newsprism.compare.reports.view import ranked_divergences
from newsprism.settings import Settings
from newsprism.storage.database import Database
from newsprism.web.app import create_app
from newsprism.web.queries import events_json, outlets_json, report_json

REPO = Path(__file__).resolve().parent.parent
# A laptop's window, and a common phone's CSS width; tall enough to show the pictures and the first
# divergences, not the whole 10,000-pixel page.
SIZES = {"desktop": (1280, 2000), "phone": (390, 2600)}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", help="photograph this database instead of running the demo")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshots: chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or _demo_database(Path(folder))
        database = Database(url)
        try:
            with database.session() as session:
                pages = _pages(session)
            if pages is None:
                print(f"screenshots: no events in {url}", file=sys.stderr)
                return 1
            with _serve(create_app(database)) as base:
                for name, path in pages.items():
                    for size_name, size in SIZES.items():
                        out = args.out / f"{name}-{size_name}.png"
                        _photograph(chromium, base + path, out, size, Path(folder))
                        print(f"wrote {out} ({path})")
        finally:
            database.close()
    return 0


def _pages(session: Session) -> dict[str, str] | None:
    """The paths to photograph: the most covered event, its first evidence, the busiest outlet."""
    events = events_json(session)
    if not events:
        return None
    event = max(events, key=lambda e: (len(e["outlets"]), -e["id"]))["id"]
    report = report_json(session, event)
    links = [
        e.href
        for d in ranked_divergences(report, lambda a, s, e: f"/articles/{a}#at-{s}-{e}")
        for column in d.columns
        for e in column
        if e.href
    ]
    article = links[0] if links else f"/articles/{report['articles'][0]['id']}"
    outlet = max(outlets_json(session), key=lambda o: (o["articles"], o["name"]))["name"]
    return {"event": f"/events/{event}", "article": article, "outlet": "/outlets/" + quote(outlet, safe="")}


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
