"""What the three doors onto the database (the `search` command, the JSON API, the pages) ask of it.

Each function reads through `storage` and returns JSON-ready dicts (datetimes left as datetimes for
the caller to render), so the command, the API and the pages show the same thing. User-typed filters
are parsed here into one `InputError` naming the parameter. Read-only.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import Any

from sqlalchemy.orm import Session

from newsprism.compare.findings import FINDING_TYPES, Finding, whole_number
from newsprism.errors import InputError, NotFoundError
from newsprism.storage import models
from newsprism.storage.articles import list_outlets, outlet_named
from newsprism.storage.events import (
    ListedArticle,
    ListedEvent,
    check_event,
    count_events,
    event_id_of_article,
    event_listing,
    event_report_inputs,
)
from newsprism.storage.findings import stored_fields
from newsprism.storage.profiles import version_times as article_version_times
from newsprism.storage.reading import (
    articles_with_ids,
    count_articles,
    get_article_with_findings,
    list_articles,
    outlets_with_article_counts,
    source_citations,
    stored_page,
)
from newsprism.storage.search import SearchFilters, SearchHit, outlet_facet_counts, search_articles
from newsprism.web.textmarks import Span, diff_texts, mark_spans

MAX_PAGE = 200
MAX_TEXT_PARAMETER = 500
MAX_ID = 2**31 - 1


def parse_when(value: str | None, name: str, *, end_of_day: bool = False) -> datetime | None:
    """An ISO date or date-time typed by a user; a bare date as `until` means through that whole day.

    >>> parse_when("2024-05-03", "until", end_of_day=True)
    datetime.datetime(2024, 5, 4, 0, 0, tzinfo=datetime.timezone.utc)
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day + timedelta(days=1 if end_of_day else 0), time(), UTC)
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"{name} must be a date YYYY-MM-DD or an ISO date-time, got {value!r}") from exc
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def checked_text(value: str | None, name: str) -> str | None:
    """A free-text parameter (outlet, source, speaker): bounded, no NUL, blank means absent."""
    if value is None or not value.strip():
        return None
    if "\x00" in value or len(value) > MAX_TEXT_PARAMETER:
        raise InputError(f"{name} must be text of at most {MAX_TEXT_PARAMETER} characters without NUL")
    return value.strip()


def parse_event_id(value: str | None, name: str = "event") -> int | None:
    """An event id typed into a form (blank means any event); InputError naming `name` otherwise."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_ID:
        raise InputError(f"{name} must be an event id (a whole number from 1), got {value!r}")
    return int(text)


def checked_paging(limit: int, offset: int) -> tuple[int, int]:
    if not 1 <= limit <= MAX_PAGE:
        raise InputError(f"limit must be between 1 and {MAX_PAGE}, got {limit}")
    if not 0 <= offset <= 10**9:
        raise InputError(f"offset must be between 0 and 1000000000, got {offset}")
    return limit, offset


def search_filters(
    *,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    event: int | None = None,
    source: str | None = None,
    speaker: str | None = None,
) -> SearchFilters:
    """The filters of a search as typed by a user (dates as text), checked."""
    return SearchFilters(
        outlet=checked_text(outlet, "outlet"),
        since=parse_when(since, "since"),
        until=parse_when(until, "until", end_of_day=True),
        event_id=event,
        source=checked_text(source, "source"),
        speaker=checked_text(speaker, "speaker"),
    )


def check_named(session: Session, filters: SearchFilters) -> None:
    """NotFoundError when the filters name an outlet or an event the database does not hold.

    A mistyped outlet name would otherwise read as "nothing matches"; the command line, the API and the
    pages all say "no outlet named ..." instead. Read-only.
    """
    if filters.outlet is not None:
        outlet_named(session, filters.outlet)
    if filters.event_id is not None:
        check_event(session, filters.event_id)


def search_json(
    session: Session, q: str, filters: SearchFilters, *, limit: int = 20, offset: int = 0, facets: bool = True
) -> dict[str, Any]:
    """One page of search results, best first, with the outlet facet; InputError for a bad query.

    `total_is_estimate` / `facets_are_estimates`: extrapolated, not counted (very common terms on
    PostgreSQL); `ranked_newest`: when not null, the hits are the best of that many newest matches.
    """
    limit, offset = checked_paging(limit, offset)
    check_named(session, filters)
    page = search_articles(session, q, filters, limit=limit, offset=offset)
    counts, estimated = outlet_facet_counts(session, q, filters) if facets else ({}, False)
    return {
        "query": page.query,
        "total": page.total,
        "total_is_estimate": page.total_is_estimate,
        "ranked_newest": page.ranked_newest,
        "limit": page.limit,
        "offset": page.offset,
        "hits": [_hit_json(hit) for hit in page.hits],
        "facets": {"outlet": counts},
        "facets_are_estimates": estimated,
    }


def _hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "id": hit.article_id,
        "url": hit.url,
        "outlet": hit.outlet,
        "title": hit.title,
        "published": hit.published,
        "score": hit.score,
        "snippet": hit.snippet,
        "highlights": [list(pair) for pair in hit.highlights],
    }


def articles_json(
    session: Session, filters: SearchFilters, q: str | None, *, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """Articles newest first (or best first when `q` is given), one page, with the total."""
    limit, offset = checked_paging(limit, offset)
    check_named(session, filters)
    if q is not None and q.strip():
        found = search_articles(session, q, filters, limit=limit, offset=offset)
        articles = articles_with_ids(session, [hit.article_id for hit in found.hits])
        items, total, estimated = [_summary(a) for a in articles], found.total, found.total_is_estimate
    else:
        outlet, since, until = filters.outlet, filters.since, filters.until
        page = list_articles(session, outlet=outlet, since=since, until=until, limit=limit, offset=offset)
        items = [_summary(a) for a in page]
        total, estimated = count_articles(session, outlet=outlet, since=since, until=until), False
    return {"total": total, "total_is_estimate": estimated, "limit": limit, "offset": offset, "items": items}


def _summary(article: models.Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "outlet": article.outlet.name,
        "title": article.title,
        "published": article.published,
        "language": article.language,
    }


def article_json(session: Session, article_id: int) -> dict[str, Any]:
    """One article: its current text, every version, and the findings of the current version."""
    article = get_article_with_findings(session, article_id)
    current = article.current_version
    return {
        **_summary(article),
        "authors": list(article.authors or []),
        "first_seen": article.first_seen,
        "last_fetched": article.last_fetched,
        "syndicated_from": article.syndicated_from_id,
        "event": event_id_of_article(session, article.id),
        "text": current.text if current else "",
        "versions": [_version_json(v) for v in article.versions],
        **{kind: _findings_json(kind, getattr(current, kind, [])) for kind in ANSWERED_FINDINGS},
    }


def fetched_page(session: Session, article_id: int) -> str:
    """The page of an article's current version as fetched; NotFoundError when none was kept."""
    page = stored_page(session, article_id)
    if page is None:
        raise NotFoundError(f"no page was kept of article {article_id}: it was imported as text")
    return page


def _ordered(rows: Any) -> list[Any]:
    return sorted(rows, key=lambda row: (row.start_char, row.id))


def _version_json(version: models.ArticleVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "title": version.title,
        "fetched_at": version.fetched_at,
        "content_hash": version.content_hash,
        "text": version.text,
    }


# The findings an article's JSON answers, each as its dataclass (compare.findings) stores it, but for
# the cue's offsets, which the API's shape never carried. A `value` is written as an integer when
# whole, as `analyze` writes it; a column that may be null is answered null (`cue_class` of rows
# analyzed before it existed).
ANSWERED_FINDINGS = ("attributions", "quantities", "entities")
FIELDS_NOT_ANSWERED = frozenset({"cue_start", "cue_end"})
WHOLE_NUMBER_FIELDS = frozenset({"value"})


def _findings_json(kind: str, rows: Sequence[Any]) -> list[dict[str, Any]]:
    return [_finding_json(FINDING_TYPES[kind], row) for row in _ordered(rows)]


def _finding_json(kind: type[Finding], row: Any) -> dict[str, Any]:
    answered = {}
    for name, value in stored_fields(kind, row).items():
        if name not in FIELDS_NOT_ANSWERED:
            answered[name] = whole_number(value) if name in WHOLE_NUMBER_FIELDS else value
    return answered


def article_pieces(article: dict[str, Any]) -> list[Any]:
    """The current text of an `article_json` cut into pieces, quotes and speakers marked."""
    return mark_spans(article["text"], article_spans(article))


def article_spans(article: dict[str, Any]) -> list[Span]:
    """The quotes and speakers of an `article_json` as spans of its current text."""
    spans = []
    for a in article["attributions"]:
        who = a["speaker_resolved"] or a["speaker"] or "unknown source"
        spans.append(Span(a["start"], a["end"], "quote", f"{a['kind']} — {who} ({a['source_type']})"))
        if a["speaker_start"] is not None and a["speaker_end"] is not None:
            spans.append(Span(a["speaker_start"], a["speaker_end"], "speaker", who))
    return spans


def version_changes(article: dict[str, Any]) -> list[dict[str, Any]]:
    """The diff between each version of an `article_json` and the one before it."""
    versions = article["versions"]
    return [
        {
            "from": old["number"],
            "to": new["number"],
            "fetched_at": new["fetched_at"],
            "changes": diff_texts(old["text"], new["text"]),
        }
        for old, new in pairwise(versions)
    ]


def events_json(
    session: Session, since: datetime | None = None, *, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Every event (or one page of them), most covered first: the `events --json` shape of
    INTERFACE.md."""
    return [_event_json(event) for event in event_listing(session, since, limit=limit, offset=offset)]


def events_list_json(session: Session, since: datetime | None = None) -> list[dict[str, Any]]:
    """Every event as `events --json` prints it (INTERFACE.md): ids as strings, times as ISO 8601."""
    return [_listed(event) for event in events_json(session, since)]


def _listed(event: dict[str, Any]) -> dict[str, Any]:
    listed: dict[str, Any] = plain_json(event)
    listed["id"] = str(listed["id"])
    listed["articles"] = [{**article, "id": str(article["id"])} for article in listed["articles"]]
    return listed


def plain_json(value: Any) -> Any:
    """`value` with every datetime written as ISO 8601 text, as the commands print it.

    >>> plain_json({"published": datetime(2024, 5, 3, 9, 30, tzinfo=UTC), "ids": [1, 2]})
    {'published': '2024-05-03T09:30:00+00:00', 'ids': [1, 2]}
    """
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: plain_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_json(item) for item in value]
    return value


def events_total(session: Session, since: datetime | None = None) -> int:
    """How many events `events_json` lists."""
    return count_events(session, since)


def _event_json(event: ListedEvent) -> dict[str, Any]:
    articles = sorted(event.articles, key=_publication_order)
    return {
        "id": event.id,
        "title": event.title,
        "first_published": event.first_published,
        "last_published": event.last_published,
        "outlets": sorted({a.outlet for a in articles}),
        "articles": [
            {"id": a.id, "url": a.url, "outlet": a.outlet, "title": a.title, "published": a.published}
            for a in articles
        ],
    }


def _publication_order(article: ListedArticle) -> tuple[bool, datetime, int]:
    return (article.published is None, article.published or datetime.min.replace(tzinfo=UTC), article.id)


class ReportCache:
    """Reports built, kept while what each was built from stays the same (`event_report_inputs`).

    The events page shows the top divergences of 20 events, and the report of an event of a dozen
    articles takes a quarter of a second to build; the most covered events open the page and are
    the ones shown most. Bounded (least recently used go first) and safe across request threads.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.hits = 0
        self._reports: OrderedDict[tuple[int, tuple[Any, ...]], dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[int, tuple[Any, ...]]) -> dict[str, Any] | None:
        with self._lock:
            report = self._reports.get(key)
            if report is None:
                return None
            self._reports.move_to_end(key)
            self.hits += 1
        return copy.deepcopy(report)  # a caller's changes stay its own

    def put(self, key: tuple[int, tuple[Any, ...]], report: dict[str, Any]) -> None:
        kept = copy.deepcopy(report)
        with self._lock:
            self._reports[key] = kept
            self._reports.move_to_end(key)
            while len(self._reports) > self.size:
                self._reports.popitem(last=False)

    def __len__(self) -> int:
        return len(self._reports)


def report_json(session: Session, event_id: int, cache: ReportCache | None = None) -> dict[str, Any]:
    """The divergence report of one event (`report --format json`); NotFoundError for an unknown id.
    With a `cache`, a report built before from the same articles' same versions is reused."""
    from newsprism.reports import event_report  # the comparison is only loaded when a report is asked

    key = (event_id, event_report_inputs(session, event_id))
    if cache is not None and (kept := cache.get(key)) is not None:
        return kept
    report: dict[str, Any] = event_report(session, event_id).to_json()
    if cache is not None:
        cache.put(key, report)
    return report


def top_divergences(report: dict[str, Any], count: int = 3) -> list[dict[str, Any]]:
    """The most severe divergences of a report, most severe first."""
    ranked = sorted(report.get("divergences", []), key=lambda d: -float(d.get("severity") or 0))
    return ranked[:count]


def outlet_kinds(session: Session) -> dict[str, str]:
    """Each outlet's kind (agency, state_media, newspaper...) by name, for the pages' badges."""
    return {outlet.name: outlet.kind for outlet in list_outlets(session)}


def version_times(session: Session, article_ids: list[int]) -> dict[int, list[datetime]]:
    """When each version of the given articles was fetched, oldest first (the event timeline)."""
    return article_version_times(session, article_ids)


def outlet_names(session: Session) -> list[str]:
    """The name of every outlet, in order: what a form offers to filter on (no counting)."""
    return [outlet.name for outlet in list_outlets(session)]


def outlets_json(session: Session) -> list[dict[str, Any]]:
    """Every outlet with its description and how many articles are stored."""
    return [
        {
            "name": o.name,
            "homepage": o.homepage,
            "kind": o.kind,
            "country": o.country,
            "language": o.language,
            "articles": count,
        }
        for o, count in outlets_with_article_counts(session)
    ]


def sources_json(session: Session, filters: SearchFilters) -> list[dict[str, Any]]:
    """Who cites whom how often: each source with the outlets citing it, most cited first."""
    check_named(session, filters)
    cited_by: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for source, source_type, outlet, count in source_citations(
        session, outlet=filters.outlet, since=filters.since, until=filters.until
    ):
        cited_by[(source, source_type)][outlet] = count
    rows = [
        {"source": source, "source_type": kind, "cited_by": outlets, "citations": sum(outlets.values())}
        for (source, kind), outlets in cited_by.items()
    ]
    return sorted(rows, key=lambda row: (-row["citations"], row["source"]))
