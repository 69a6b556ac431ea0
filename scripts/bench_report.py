"""Time the divergence report of real five-outlet events: the gva-dev incidents covered by five outlets.

Each event's first five articles of different outlets are analyzed first (not timed), then
`newsprism.compare.reports.report.build_report` is timed, as the web page and `newsprism report` build it,
after one untimed build that loads what a process loads once (about 0.25 s, simplemma's English word lists
the most of it).

    .venv/bin/python scripts/bench_report.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsprism.compare.article.analysis import analyze_article  # noqa: E402  (after the path set-up above)
from newsprism.compare.reports.report import build_report  # noqa: E402
from newsprism.compare.types import CoverageArticle  # noqa: E402

CORPUS = ROOT.parent / "shared" / "gold" / "coverage"
OUTLETS = 5


def five_outlet_events(corpus: Path = CORPUS) -> list[list[CoverageArticle]]:
    """The incidents with articles of at least five outlets, one article per outlet, analyzed."""
    incidents = json.loads((corpus / "gva-dev-incidents.json").read_text(encoding="utf-8"))["url_to_incident"]
    by_incident: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    with (corpus / "gva-dev.jsonl").open(encoding="utf-8") as lines:
        for row in map(json.loads, lines):
            if row["url"] in incidents:
                by_incident[str(incidents[row["url"]])].setdefault(row["outlet"], row)
    events = []
    for outlets in by_incident.values():
        if len(outlets) >= OUTLETS:
            rows = list(outlets.values())[:OUTLETS]
            events.append(
                [
                    CoverageArticle(
                        str(i),
                        r["outlet"],
                        r["url"],
                        r.get("title") or "",
                        r["text"],
                        analysis=analyze_article(r["text"]),
                    )
                    for i, r in enumerate(rows)
                ]
            )
    return events


def main() -> None:
    if not CORPUS.exists():
        sys.exit(f"needs the shared data sets at {CORPUS}")
    timings = []
    events = five_outlet_events()
    # One untimed build first: what a process loads once (simplemma's word lists, compiled patterns)
    # is no part of any report a running server or a batch builds.
    build_report("warm-up", "warm-up", events[0])
    for articles in events:
        started = time.perf_counter()
        build_report("event", "event", articles)
        timings.append(time.perf_counter() - started)
    print(
        f"{len(timings)} five-outlet events: median {1000 * statistics.median(timings):.0f} ms, "
        f"slowest {1000 * max(timings):.0f} ms"
    )


if __name__ == "__main__":
    main()
