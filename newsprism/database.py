"""The database as a Python program holds it: `newsprism.Database(url)` reads what the commands print
and runs what they run, so a script needs neither the command line nor SQL.

It is the storage handle (`newsprism.storage.database.Database`: engine, sessions, transactions), so
it also goes wherever the library takes one. Every read answers plain JSON values, as the command of
the same name prints them (INTERFACE.md): `articles` as `export`, `events` as `events --json`,
`report` as `report --format json`, `search` as `search --json`, `article` as `GET /api/articles/{id}`.

>>> import newsprism
>>> wire = "A fire closed the docks of Port Arden on Friday. Twelve ships were stranded, the port said."
>>> daily = "Fire shut the Port Arden docks on Friday, leaving 15 ships stranded, the port said."
>>> with newsprism.Database("sqlite://") as db:  # in memory; a file is "sqlite:///newsprism.db"
...     imported = db.import_articles([
...         {"url": "https://wire.example/fire", "outlet": "Harbour Wire", "published": "2024-05-03",
...          "text": wire},
...         {"url": "https://daily.example/fire", "outlet": "Eastern Daily", "published": "2024-05-03",
...          "text": daily},
...     ])
...     (event,) = db.events()
...     report = db.report(event["id"])
...     [(article["outlet"], article["versions"]) for article in db.articles()]
[('Harbour Wire', 1), ('Eastern Daily', 1)]
>>> imported.new, event["outlets"]
(2, ['Eastern Daily', 'Harbour Wire'])
>>> for divergence in report["divergences"]:
...     print(divergence["type"], [(claim["outlet"], claim["value"]) for claim in divergence["claims"]])
numeric_conflict [('Eastern Daily', '15'), ('Harbour Wire', '12')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsprism.storage import database as storage

if TYPE_CHECKING:
    from newsprism.crawler.config import CrawlConfig
    from newsprism.crawler.crawl import CrawlSummary
    from newsprism.crawler.importer import ImportSummary


class Database(storage.Database):
    """A newsprism database opened by URL (SQLite or PostgreSQL), brought to the schema head.

    Use it as a context manager, or `close()` it. `must_exist=True` refuses a SQLite file that does
    not exist instead of creating an empty one.
    """

    # --- reading -----------------------------------------------------------------------------------

    def articles(self, *, outlet: str | None = None, since: date | None = None) -> Iterator[dict[str, Any]]:
        """Every stored article (its current version) as `export` writes it, oldest first; those of
        `outlet`, published on or after `since`. NotFoundError for an unknown outlet, at once."""
        from newsprism.storage.articles import outlet_named

        if outlet is not None:
            with self.session() as session:
                outlet_named(session, outlet)
        return self._exported(outlet, _moment(since))

    def _exported(self, outlet: str | None, since: datetime | None) -> Iterator[dict[str, Any]]:
        from newsprism.storage.reading import export_articles

        # One session for the whole stream: the export reads in batches, never the whole table at once.
        with self.session() as session:
            yield from export_articles(session, outlet=outlet, since=since)

    def article(self, article_id: int) -> dict[str, Any]:
        """One article with its text, every version and the findings of its current version (the
        HTTP API's `GET /api/articles/{id}`). NotFoundError for an unknown id."""
        from newsprism.web.queries import article_json, plain_json

        with self.session() as session:
            found: dict[str, Any] = plain_json(article_json(session, article_id))
        return found

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        """Every version of one article, oldest first: its number, title, text and when it was fetched."""
        found: list[dict[str, Any]] = self.article(article_id)["versions"]
        return found

    def events(self, *, since: date | None = None) -> list[dict[str, Any]]:
        """The events (articles of several outlets about one story), most covered first, as
        `events --json` prints them; those last published on or after `since`."""
        from newsprism.web.queries import events_list_json

        with self.session() as session:
            return events_list_json(session, _moment(since))

    def report(self, event_id: int | str) -> dict[str, Any]:
        """The divergence report of one event, as `report --format json` writes it. NotFoundError for
        an unknown id."""
        from newsprism.errors import NotFoundError
        from newsprism.web.queries import report_json

        if not str(event_id).isdigit():
            raise NotFoundError(f"no event with id {event_id!r}")
        with self.session() as session:
            return report_json(session, int(event_id))

    def search(self, query: str, *, outlet: str | None = None, limit: int = 20) -> dict[str, Any]:
        """Full-text search over the stored articles, best first, as `search --json` prints it.
        InputError for a query the search engine cannot parse."""
        from newsprism.web.queries import plain_json, search_filters, search_json

        with self.session() as session:
            found: dict[str, Any] = plain_json(
                search_json(session, query, search_filters(outlet=outlet), limit=limit)
            )
        return found

    def outlets(self) -> list[dict[str, Any]]:
        """Every outlet with its description and how many articles are stored (`GET /api/outlets`)."""
        from newsprism.web.queries import outlets_json

        with self.session() as session:
            return outlets_json(session)

    # --- storing -----------------------------------------------------------------------------------

    def crawl(
        self,
        config: CrawlConfig | str | Path,
        *,
        outlets: Iterable[str] | None = None,
        progress: bool = False,
    ) -> CrawlSummary:
        """One crawl pass over the outlets of `config` (a configuration file or a loaded one; all its
        outlets, or those named), as `newsprism crawl` runs it: discover, fetch, extract, store,
        analyze, then group every article into events. Commits."""
        from newsprism.crawler.config import CrawlConfig, load_config
        from newsprism.crawler.crawl import crawl_outlets
        from newsprism.pipeline import analyze_page, analyze_stored, complete_stored

        loaded = config if isinstance(config, CrawlConfig) else load_config(Path(config))
        summary = crawl_outlets(
            loaded, self, outlets=outlets, after_store=analyze_stored, prepare=analyze_page, progress=progress
        )
        complete_stored(self)
        return summary

    def import_files(self, paths: Iterable[str | Path], *, outlet: str | None = None) -> ImportSummary:
        """Import JSON Lines or WARC files as `newsprism import` does: each article stored and
        analyzed like a crawled one, then every article grouped into events. Commits."""
        from newsprism.crawler.importer import import_files
        from newsprism.pipeline import analyze_stored, complete_stored

        files = [Path(path) for path in paths]
        summary = import_files(files, self, after_store=analyze_stored, outlet=outlet)
        complete_stored(self)
        return summary

    def import_articles(self, articles: Iterable[Mapping[str, Any]]) -> ImportSummary:
        """Import articles held in memory, each a dict of the JSON Lines import format (`url`, `outlet`,
        `text` or `html`, optionally `title` and `published`), then group every article into events.
        A bad one is kept in the summary's problems with its index; the others are stored. Commits."""
        from newsprism.crawler.importer import import_records
        from newsprism.pipeline import analyze_stored, complete_stored

        summary = import_records(articles, self, after_store=analyze_stored)
        complete_stored(self)
        return summary


def _moment(day: date | None) -> datetime | None:
    """The start of `day` in UTC; a datetime as it is (in UTC when it names no zone)."""
    if isinstance(day, datetime):
        return day if day.tzinfo else day.replace(tzinfo=UTC)
    return datetime.combine(day, time(), UTC) if day is not None else None
