"""`newsprism demo`: the main job on the bundled newsroom, end to end with no network.

Serve the newsroom on a loopback port, crawl it like any configured outlets (feeds, fetch,
trafilatura, store, analyze), group the articles into events and write every event's report. The
product's own functions do all the work; nothing here knows what the newsroom's articles say.

The demo keeps to a database of its own, `DIR/newsprism.db`: its outlets are fictional, and written
into the database `--db` or `$NEWSPRISM_DB` names they would mix with a newsroom's real coverage (and
the demo would write a report for every real event too).
"""

from __future__ import annotations

import shlex
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsprism.crawler.config import load_config
from newsprism.crawler.crawl import CrawlSummary, crawl_outlets
from newsprism.demo.server import serve_newsroom
from newsprism.pipeline import analyze_page, analyze_stored, update_events
from newsprism.reports import WrittenReport, write_event_reports
from newsprism.settings import Settings
from newsprism.storage.database import Database

# The newsroom is served on the first free port of these, so that its URLs, and hence the stored
# articles, stay the same from one run to the next: a second `newsprism demo` stores nothing twice.
DEMO_PORTS = range(8642, 8652)
# The folder of DIR where the article pages are kept, as the newsroom served them.
ORIGINALS = "newsroom"


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo did, for the closing lines it prints."""

    crawl: CrawlSummary
    reports: list[WrittenReport]
    out: Path
    database_url: str

    @property
    def main_report(self) -> WrittenReport | None:
        """The event covered by the most outlets: the one worth opening first."""
        return max(self.reports, key=lambda r: (len(r.outlets), -r.event_id), default=None)

    def render(self) -> str:
        outlets = sorted({name for report in self.reports for name in report.outlets})
        kinds = Counter(kind for report in self.reports for kind in report.divergence_types)
        lines = [
            f"events: {len(self.reports)}, outlets: {len(outlets)}, divergences: {sum(kinds.values())}",
        ]
        lines += [f"  {kind}: {count}" for kind, count in sorted(kinds.items())]
        lines.append(f"reports written to {self.out}/, the crawled pages to {self.out / ORIGINALS}/")
        main = self.main_report
        if main is not None:
            lines.append(f"largest event: {main.title!r} ({len(main.outlets)} outlets)")
            lines.append(f"open: {main.html}")
        lines.append("browse the events, articles and reports in a web browser:")
        lines.append(f"  newsprism --db {shlex.quote(self.database_url)} serve")
        return "\n".join(lines)


def demo_database_url(out: Path) -> str:
    """The demo's own database, `out/newsprism.db`, as an absolute URL that works from any folder."""
    return f"sqlite:///{out.resolve() / 'newsprism.db'}"


def run_demo(settings: Settings, out: Path) -> DemoSummary:
    """Crawl the demo newsroom into `out/newsprism.db`, group, compare, write the reports into `out`.

    `settings.database_url` is deliberately not used: see the module docstring.
    """
    out.mkdir(parents=True, exist_ok=True)
    database_url = demo_database_url(out)
    database = Database(database_url)
    try:
        with serve_newsroom(ports=DEMO_PORTS) as newsroom, tempfile.TemporaryDirectory() as folder:
            config = load_config(newsroom.write_outlet_config(Path(folder) / "outlets.toml"))
            crawled = crawl_outlets(
                config,
                database,
                after_store=analyze_stored,
                prepare=analyze_page,
                progress=settings.show_progress,
            )
            pages = newsroom.write_article_pages(out / ORIGINALS)
        update_events(database)
        # The reports' links to each article go to its copy: the server is gone after the run.
        links = {url: path.relative_to(out).as_posix() for url, path in pages.items()}
        reports = write_event_reports(database, out, links=links)
    finally:
        database.close()
    return DemoSummary(crawled, reports, out, database_url)
