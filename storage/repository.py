"""Repository functions: the only SQL in newsprism.

Each function takes an open Session and leaves committing to the caller's transaction, so that one
article, its version and its analysis land together or not at all.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, Protocol, TypeVar

from sqlalchemy import Select, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from newsprism.errors import NotFoundError
from newsprism.storage.models import (
    Article,
    ArticleVersion,
    Attribution,
    Base,
    DateMention,
    Entity,
    Event,
    EventArticle,
    FetchRecord,
    GroupingState,
    HttpValidator,
    Outlet,
    Quantity,
)

StoreStatus = Literal["new", "updated", "unchanged"]
Item = TypeVar("Item")
_SPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class OutletInfo:
    """What newsprism knows of an outlet from its configuration or an import."""

    name: str
    homepage: str | None = None
    kind: str = "other"
    country: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class FetchedArticle:
    """An extracted article page, ready to be stored as an article version."""

    url: str
    canonical_url: str
    outlet: str
    text: str
    fetched_at: datetime
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    language: str | None = None
    html: str | None = None
    # The page already zlib-compressed (the crawl's extraction workers do it); else `html` is compressed.
    compressed_html: bytes | None = None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """What storing a fetched article did: a new article, a new version of one, or nothing."""

    article_id: int
    version_id: int
    status: StoreStatus
    # The version row was written by this transaction: it has no findings yet, and no other writer
    # can see it to analyse it first.
    fresh_version: bool = False
    # The article's publication time as this transaction stored it (with the page's own UTC offset,
    # so the day it falls on is the publisher's day).
    published: datetime | None = None


def content_hash(text: str) -> str:
    """Hash of an article text that ignores whitespace differences, so re-flowed pages are unchanged."""
    normalised = _SPACE_RUN.sub(" ", text).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def save_outlet(session: Session, info: OutletInfo) -> Outlet:
    """Create the outlet or update its description from `info`; the name is the key."""
    return save_outlets(session, [info])[0]


def save_outlets(session: Session, infos: Sequence[OutletInfo]) -> list[Outlet]:
    """`save_outlet` for many outlets at once: one query for those known, one flush for all (a
    181-outlet configuration took 150 ms one by one before a crawl could start)."""
    names = [info.name for info in infos]
    known: dict[str, Outlet] = {}
    for start in range(0, len(names), 500):  # within any back-end's limit of bound parameters
        chunk = names[start : start + 500]
        known.update((o.name, o) for o in session.scalars(select(Outlet).where(Outlet.name.in_(chunk))))
    saved = []
    for info in infos:
        outlet = known.get(info.name)
        if outlet is None:
            outlet = known[info.name] = Outlet(name=info.name)
            session.add(outlet)
        outlet.homepage = info.homepage or outlet.homepage
        outlet.kind = info.kind or outlet.kind or "other"
        outlet.country = info.country or outlet.country
        outlet.language = info.language or outlet.language
        saved.append(outlet)
    session.flush()
    return saved


def outlet_id_named(session: Session, name: str) -> int:
    outlet_id = session.scalar(_OUTLET_ID, {"name": name})
    if outlet_id is None:
        raise NotFoundError(f"no outlet named {name!r}")
    return outlet_id


def outlet_named(session: Session, name: str) -> Outlet:
    outlet = session.scalar(select(Outlet).where(Outlet.name == name))
    if outlet is None:
        raise NotFoundError(f"no outlet named {name!r}")
    return outlet


def list_outlets(session: Session) -> Sequence[Outlet]:
    return session.scalars(select(Outlet).order_by(Outlet.name)).all()


def store_article(session: Session, page: FetchedArticle) -> StoredArticle:
    """Store a fetched article: a new article, a new version when its text changed, or nothing new.

    The outlet must exist (see save_outlet). Flushes; the caller's transaction commits.
    """
    digest = content_hash(page.text)
    known = _known_article_id(session, page.url, page.canonical_url)
    if known is None:
        return _store_new_article(session, page, digest)
    article = session.get_one(Article, known)
    article.last_fetched = page.fetched_at
    current = article.current_version
    if current is not None and current.content_hash == digest:
        session.flush()
        return StoredArticle(article.id, current.id, "unchanged", published=article.published)
    _refresh_metadata(article, page)
    version = _version_with_hash(session, article.id, digest) or _add_version(session, article, page, digest)
    article.current_version = version
    session.flush()
    return StoredArticle(article.id, version.id, "updated", published=article.published)


def _table(model: type[Base]) -> Table:
    return model.metadata.tables[model.__tablename__]


# The statements a crawl runs for every article, built once: building one costs as much as running it.
_KNOWN_ARTICLE = (
    select(Article.id)
    .where(Article.url.in_(bindparam("keys", expanding=True)) | Article.canonical_url.in_(bindparam("keys")))
    .limit(1)
)
_OUTLET_ID = select(Outlet.id).where(Outlet.name == bindparam("name"))
_NEW_ARTICLE = insert(_table(Article)).returning(_table(Article).c.id)
_NEW_VERSION = insert(_table(ArticleVersion)).returning(_table(ArticleVersion).c.id)
_SET_CURRENT_VERSION = (
    update(_table(Article))
    .where(_table(Article).c.id == bindparam("article"))
    .values(current_version_id=bindparam("version"))
)
_MARK_ANALYSED = (
    update(_table(ArticleVersion))
    .where(_table(ArticleVersion).c.id == bindparam("version"))
    .values(analysed=True)
)


def _known_article_id(session: Session, url: str, canonical_url: str) -> int | None:
    return session.scalar(_KNOWN_ARTICLE, {"keys": sorted({url, canonical_url})})


def _store_new_article(session: Session, page: FetchedArticle, digest: str) -> StoredArticle:
    # Plain INSERTs, not ORM objects: a crawl stores hundreds of new articles a minute on its one
    # database thread, and the ORM's unit of work (with the post-update of the circular
    # current_version) cost three times the statements themselves.
    outlet_id = outlet_id_named(session, page.outlet)
    article = {
        "url": page.url,
        "canonical_url": page.canonical_url,
        "outlet_id": outlet_id,
        "title": page.title,
        "authors": list(page.authors),
        "published": page.published,
        "language": page.language,
        "first_seen": page.fetched_at,
        "last_fetched": page.fetched_at,
        "syndicated_from_id": _earliest_with_text(session, digest, outlet_id),
    }
    article_id = int(session.execute(_NEW_ARTICLE, article).scalar_one())
    version_id = int(session.execute(_NEW_VERSION, _version_row(article_id, page, digest, 1)).scalar_one())
    session.execute(_SET_CURRENT_VERSION, {"article": article_id, "version": version_id})
    return StoredArticle(article_id, version_id, "new", fresh_version=True, published=page.published)


def _refresh_metadata(article: Article, page: FetchedArticle) -> None:
    article.title = page.title or article.title
    article.authors = list(page.authors) or list(article.authors or [])
    article.published = page.published or article.published
    article.language = page.language or article.language


def _add_version(session: Session, article: Article, page: FetchedArticle, digest: str) -> ArticleVersion:
    numbers = select(func.max(ArticleVersion.number)).where(ArticleVersion.article_id == article.id)
    last = session.scalar(numbers)
    version = ArticleVersion(**_version_row(article.id, page, digest, (last or 0) + 1))
    session.add(version)
    session.flush()
    return version


def _version_row(article_id: int, page: FetchedArticle, digest: str, number: int) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "number": number,
        "title": page.title,
        "text": page.text,
        "content_hash": digest,
        "fetched_at": page.fetched_at,
        "raw_html": page.compressed_html or (zlib.compress(page.html.encode("utf-8")) if page.html else None),
        "analysed": False,
    }


def _version_with_hash(session: Session, article_id: int, digest: str) -> ArticleVersion | None:
    # A page that reverts to an earlier text points back at that version instead of repeating it.
    return session.scalar(
        select(ArticleVersion).where(
            ArticleVersion.article_id == article_id, ArticleVersion.content_hash == digest
        )
    )


def _earliest_with_text(session: Session, digest: str, outlet_id: int) -> int | None:
    # The same text at another outlet is a wire copy of the earliest article that carried it.
    return session.scalar(_EARLIEST_WITH_TEXT, {"digest": digest, "outlet": outlet_id})


_EARLIEST_WITH_TEXT = (
    select(Article.id)
    .join(ArticleVersion, ArticleVersion.article_id == Article.id)
    .where(ArticleVersion.content_hash == bindparam("digest"), Article.outlet_id != bindparam("outlet"))
    .order_by(Article.first_seen, Article.id)
    .limit(1)
)


def get_article(session: Session, article_id: int) -> Article:
    """The article with its outlet and versions; NotFoundError when there is none."""
    article = session.scalar(
        select(Article)
        .where(Article.id == article_id)
        .options(selectinload(Article.versions), selectinload(Article.outlet))
    )
    if article is None:
        raise NotFoundError(f"no article with id {article_id}")
    return article


def list_articles(
    session: Session,
    *,
    outlet: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Sequence[Article]:
    """Articles newest first, with outlet and current version loaded. Read-only."""
    query = (
        select(Article)
        .options(selectinload(Article.outlet), selectinload(Article.current_version))
        .order_by(Article.published.desc().nulls_last(), Article.id.desc())
        .offset(offset)
        .limit(limit)
    )
    if outlet is not None:
        query = query.join(Outlet).where(Outlet.name == outlet)
    if since is not None:
        query = query.where(Article.published >= since)
    if until is not None:
        query = query.where(Article.published < until)
    return session.scalars(query).all()


# The kinds of findings, as VersionFindings and ArticleAnalysis name them.
FINDING_KINDS = ("attributions", "quantities", "entities", "dates")


def list_articles_with_findings(
    session: Session, kinds: Sequence[str] = FINDING_KINDS
) -> tuple[Sequence[Article], dict[int, VersionFindings]]:
    """Every article in publication order with its outlet and current version, and the findings of
    those versions by version id (of the `kinds` asked; the others stay empty). Read-only.

    The findings come as plain rows, one query per kind: loaded as ORM objects they took longer
    than grouping the articles itself.
    """
    query = (
        select(Article)
        .options(selectinload(Article.outlet), selectinload(Article.current_version))
        .order_by(Article.published.asc().nulls_last(), Article.id)
    )
    return session.scalars(query).all(), current_findings(session, kinds)


@dataclass(slots=True)
class VersionFindings:
    """The findings rows of one article version (columns as in the models), each kind as read."""

    attributions: list[Any] = field(default_factory=list)
    quantities: list[Any] = field(default_factory=list)
    entities: list[Any] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)


def current_findings(session: Session, kinds: Sequence[str] = FINDING_KINDS) -> dict[int, VersionFindings]:
    """The findings of every article's current version (of the `kinds` asked), by version id. Read-only."""
    unknown = set(kinds) - set(FINDING_KINDS)
    if unknown:
        raise ValueError(
            f"no such kind of finding: {', '.join(sorted(unknown))} (kinds: {', '.join(FINDING_KINDS)})"
        )
    found: dict[int, VersionFindings] = {}
    for kind, model in zip(FINDING_KINDS, _FINDING_MODELS, strict=True):
        if kind not in kinds:
            continue
        table = _table(model)
        # Unordered: analysis_of puts each kind in text order, for these rows and loaded collections alike.
        rows = session.execute(select(table).join(Article, Article.current_version_id == table.c.version_id))
        for row in rows:
            getattr(found.setdefault(row.version_id, VersionFindings()), kind).append(row)
    return found


EXPORT_KEYS = (
    "id", "url", "canonical_url", "outlet", "title", "authors", "published", "language", "text",
    "versions", "fetched",
)  # fmt: skip


def export_articles(
    session: Session, *, outlet: str | None = None, since: datetime | None = None, batch: int = 200
) -> Iterator[dict[str, Any]]:
    """Every stored article (its current version) as the INTERFACE export record, oldest id first.

    `since` keeps articles published then or later (undated ones by when they were first seen).
    Streams in batches of `batch`, so memory stays flat for any database. Read-only.
    """
    versions = (
        select(func.count(ArticleVersion.id))
        .where(ArticleVersion.article_id == Article.id)
        .correlate(Article)
        .scalar_subquery()
    )
    query = (
        select(Article, versions)
        .options(selectinload(Article.outlet), selectinload(Article.current_version))
        .order_by(Article.id)
        .execution_options(yield_per=batch)
    )
    if outlet is not None:
        query = query.join(Outlet).where(Outlet.name == outlet)
    if since is not None:
        dated = Article.published >= since
        query = query.where(dated | (Article.published.is_(None) & (Article.first_seen >= since)))
    for article, count in session.execute(query):
        yield _export_record(article, count)


def _export_record(article: Article, versions: int) -> dict[str, Any]:
    current = article.current_version
    return {
        "id": article.id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "outlet": article.outlet.name,
        "title": article.title,
        "authors": list(article.authors or []),
        "published": article.published.isoformat() if article.published else None,
        "language": article.language,
        "text": current.text if current is not None else "",
        "versions": versions,
        "fetched": article.last_fetched.isoformat(),
    }


# --- analysis findings ----------------------------------------------------------------------------
# Storage does not import compare/; these protocols name the attributes it reads from its findings
# (read-only, so compare's frozen dataclasses satisfy them).


class AttributionFinding(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def content(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def cue(self) -> str | None: ...
    @property
    def cue_start(self) -> int | None: ...
    @property
    def cue_end(self) -> int | None: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def speaker_start(self) -> int | None: ...
    @property
    def speaker_end(self) -> int | None: ...
    @property
    def speaker_resolved(self) -> str | None: ...
    @property
    def source_type(self) -> str: ...


class QuantityFinding(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def value(self) -> float: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def concept(self) -> str | None: ...
    @property
    def change(self) -> str: ...
    @property
    def value_high(self) -> float | None: ...


class EntityFinding(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def canonical(self) -> str: ...


class DateFinding(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def resolved(self) -> date | None: ...


class AnalysisFindings(Protocol):
    @property
    def attributions(self) -> Sequence[AttributionFinding]: ...
    @property
    def quantities(self) -> Sequence[QuantityFinding]: ...
    @property
    def entities(self) -> Sequence[EntityFinding]: ...
    @property
    def dates(self) -> Sequence[DateFinding]: ...


def save_findings(
    session: Session, version_id: int, findings: AnalysisFindings, *, fresh: bool = False
) -> None:
    """Replace the analysis findings of one article version and mark it analysed. Flushes.

    `fresh` says the version was written by this transaction (`StoredArticle.fresh_version`): it has
    no findings to replace and is not read first. The rows go in as one multi-row INSERT per kind:
    building ORM objects through the version's collections (each one lazy-loaded first) cost more
    than the analysis itself during a crawl.
    """
    if fresh:
        _insert_findings(session, version_id, findings)
        session.execute(_MARK_ANALYSED, {"version": version_id})
        return
    version = session.get(ArticleVersion, version_id)
    if version is None:
        raise NotFoundError(f"no article version with id {version_id}")
    # A version never analysed has no findings: they are saved in the transaction that sets the mark.
    if version.analysed:
        for model in _FINDING_MODELS:
            session.execute(
                delete(model).where(model.version_id == version_id),
                execution_options={"synchronize_session": False},
            )
        # Re-analysed in place: the grouping inputs' fingerprint cannot tell these findings from the old.
        forget_grouping(session)
    _insert_findings(session, version_id, findings)
    version.analysed = True
    session.flush()
    # Collections loaded before (a re-analysis) would still show the replaced rows.
    session.expire(version, ["attributions", "quantities", "entities", "dates"])


def _insert_findings(session: Session, version_id: int, findings: AnalysisFindings) -> None:
    for model, rows in _finding_rows(version_id, findings):
        if rows:
            # The table, not the mapped class: a plain executemany, without the ORM's bulk machinery.
            session.execute(insert(_table(model)), rows)


def version_text(session: Session, version_id: int) -> str:
    """The text of one article version. Read-only."""
    text = session.scalar(select(ArticleVersion.text).where(ArticleVersion.id == version_id))
    if text is None:
        raise NotFoundError(f"no article version with id {version_id}")
    return text


_FINDING_MODELS = (Attribution, Quantity, Entity, DateMention)


def _finding_rows(
    version_id: int, findings: AnalysisFindings
) -> list[tuple[type[Attribution | Quantity | Entity | DateMention], list[dict[str, Any]]]]:
    return [
        (Attribution, [_attribution_row(version_id, a) for a in findings.attributions]),
        (Quantity, [_quantity_row(version_id, q) for q in findings.quantities]),
        (Entity, [
            {"version_id": version_id, "text": e.text, "label": e.label, "start_char": e.start,
             "end_char": e.end, "canonical": e.canonical}
            for e in findings.entities
        ]),
        (DateMention, [
            {"version_id": version_id, "text": d.text, "start_char": d.start, "end_char": d.end,
             "resolved": d.resolved}
            for d in findings.dates
        ]),
    ]  # fmt: skip


def _attribution_row(version_id: int, a: AttributionFinding) -> dict[str, Any]:
    return {
        "version_id": version_id,
        "kind": a.kind,
        "content": a.content,
        "start_char": a.start,
        "end_char": a.end,
        "cue": a.cue,
        "cue_start": a.cue_start,
        "cue_end": a.cue_end,
        "speaker": a.speaker,
        "speaker_start": a.speaker_start,
        "speaker_end": a.speaker_end,
        "speaker_resolved": a.speaker_resolved,
        "source_type": a.source_type,
        # Optional in the protocol: findings made before issue 16 carry none, and store NULL as
        # old rows do.
        "cue_class": getattr(a, "cue_class", None),
    }


def _quantity_row(version_id: int, q: QuantityFinding) -> dict[str, Any]:
    return {
        "version_id": version_id,
        "text": q.text,
        "start_char": q.start,
        "end_char": q.end,
        "value": q.value,
        "value_high": q.value_high,
        "unit": q.unit,
        "concept": q.concept,
        "change": q.change,
    }


def versions_to_analyse(session: Session, limit: int | None = None) -> Sequence[ArticleVersion]:
    """Article versions stored but not yet analysed (e.g. after an interrupted run). Read-only."""
    query = select(ArticleVersion).where(ArticleVersion.analysed.is_(False)).order_by(ArticleVersion.id)
    return session.scalars(query.limit(limit)).all()


# --- fetches and conditional GET -------------------------------------------------------------------


def record_fetches(session: Session, records: Sequence[dict[str, Any]]) -> None:
    """Keep the outcomes of several fetches (rows of `fetches`), in one executemany."""
    if records:
        session.execute(insert(_table(FetchRecord)), list(records))


def get_validator(session: Session, url: str) -> HttpValidator | None:
    return session.get(HttpValidator, url)


def get_validators(session: Session, urls: Sequence[str], batch: int = 500) -> list[HttpValidator]:
    """The stored validators of those of `urls` that have some, in queries of `batch` URLs. Read-only."""
    found: list[HttpValidator] = []
    for chunk in _chunks(urls, batch):
        found += session.scalars(select(HttpValidator).where(HttpValidator.url.in_(chunk))).all()
    return found


def save_validator(
    session: Session, url: str, etag: str | None, last_modified: str | None, now: datetime
) -> None:
    """Remember the validators of `url` for the next conditional GET.

    An upsert: two crawlers fetching the same feed or page both store its validators without either
    failing on the key. The newer write wins, and either is right.
    """
    row = {"url": url, "etag": etag, "last_modified": last_modified, "updated_at": now}
    session.execute(_VALIDATOR_UPSERTS[session.get_bind().dialect.name], row)


def _validator_upsert(insert_for_dialect: Any) -> Any:
    # Both back-ends spell the upsert INSERT ... ON CONFLICT; SQLAlchemy has one construct per dialect.
    upsert = insert_for_dialect(_table(HttpValidator))
    kept = {column: upsert.excluded[column] for column in ("etag", "last_modified", "updated_at")}
    return upsert.on_conflict_do_update(index_elements=["url"], set_=kept)


_VALIDATOR_UPSERTS = {
    "postgresql": _validator_upsert(postgresql_insert),
    "sqlite": _validator_upsert(sqlite_insert),
}


# --- events ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventMembership:
    """An event found by grouping, keyed stably, with the ids of its articles."""

    key: str
    title: str
    article_ids: list[int]
    similarities: dict[int, float] = field(default_factory=dict)


def save_events(session: Session, groups: Iterable[EventMembership]) -> list[Event]:
    """Create or update events from grouping; an article moves to the event that now holds it. Flushes.

    Set-based (a few statements for any number of events): regrouping after every crawl pass
    rewrites every event, and a query or two per event cost more than the grouping itself.
    """
    groups = list(groups)
    known = {event.key: event for event in session.scalars(select(Event))}
    events = [known.get(group.key) or Event(key=group.key) for group in groups]
    for event, group in zip(events, groups, strict=True):
        event.title = group.title
    session.add_all(events)
    session.flush()
    _set_memberships(session, events, groups)
    _set_spans(session, events)
    return events


def _set_memberships(session: Session, events: list[Event], groups: list[EventMembership]) -> None:
    """Membership rows as grouping found them: an article that left a saved event or moved to another
    is deleted (and inserted again where it moved), one that stayed only gets its new similarity."""
    wanted = {
        article_id: (event.id, group.similarities.get(article_id, 1.0))
        for event, group in zip(events, groups, strict=True)
        for article_id in group.article_ids
    }
    saved = {event.id for event in events}
    table = _table(EventArticle)
    current = {row.article_id: (row.event_id, row.similarity) for row in session.execute(select(table))}
    gone = {
        article_id
        for article_id, (event_id, _) in current.items()
        if wanted.get(article_id, (event_id,))[0] != event_id
        or (article_id not in wanted and event_id in saved)
    }
    for chunk in _chunks(sorted(gone)):
        session.execute(delete(table).where(table.c.article_id.in_(chunk)))
    if joined := [a for a in wanted if a not in current or a in gone]:
        rows = [{"event_id": wanted[a][0], "article_id": a, "similarity": wanted[a][1]} for a in joined]
        session.execute(insert(table), rows)
    rescored = [a for a, old in current.items() if a in wanted and a not in gone and wanted[a] != old]
    if rescored:
        session.execute(
            update(table)
            .where(table.c.article_id == bindparam("member"))
            .values(similarity=bindparam("score")),
            [{"member": a, "score": wanted[a][1]} for a in rescored],
        )
    for event in events:  # collections loaded before would still show the old members
        session.expire(event, ["members"])


def _set_spans(session: Session, events: list[Event]) -> None:
    """Each event's first and last publication time, from its members, in one query."""
    spans = {
        event_id: (first, last)
        for event_id, first, last in session.execute(
            select(EventArticle.event_id, func.min(Article.published), func.max(Article.published))
            .join(Article, Article.id == EventArticle.article_id)
            .group_by(EventArticle.event_id)
        )
    }
    for event in events:
        event.first_published, event.last_published = spans.get(event.id, (None, None))
    session.flush()


def _chunks(items: Sequence[Item], size: int = 500) -> Iterator[Sequence[Item]]:
    """`items` in runs of `size`: one IN list per run keeps each query under the back-ends' limits."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def delete_empty_events(session: Session) -> int:
    """Remove events left without articles after re-grouping; returns how many. Flushes."""
    empty = session.scalars(
        select(Event).where(~select(EventArticle).where(EventArticle.event_id == Event.id).exists())
    ).all()
    for event in empty:
        session.delete(event)
    session.flush()
    return len(empty)


# Every input of event grouping, per article: the current version stands for its title and text (the
# article's metadata changes only with a new version), `analysed` for its findings.
_GROUPING_INPUTS = (
    select(
        Article.id,
        Article.current_version_id,
        Article.syndicated_from_id,
        Article.published,
        ArticleVersion.analysed,
    )
    .outerjoin(ArticleVersion, ArticleVersion.id == Article.current_version_id)
    .order_by(Article.id)
)
_EVENTS_STATE = "events"


@dataclass(frozen=True, slots=True)
class GroupingInputs:
    """A fingerprint of what event grouping would read now, and how many articles that is."""

    fingerprint: str
    articles: int


def grouping_inputs(session: Session, revision: str) -> GroupingInputs:
    """The fingerprint of every article's grouping inputs, and of the grouping `revision` (a new
    grouping rule regroups what an older one grouped). Read-only; 100,000 articles take well under
    a second, against 40 s to regroup them."""
    rows = session.execute(_GROUPING_INPUTS).all()
    digest = hashlib.sha256(revision.encode())
    digest.update("\n".join(f"{i},{v},{s},{p and p.isoformat()},{a}" for i, v, s, p, a in rows).encode())
    return GroupingInputs(digest.hexdigest(), len(rows))


def grouped_inputs(session: Session) -> str | None:
    """The fingerprint the stored events were grouped from; None before the first grouping."""
    return session.scalar(select(GroupingState.fingerprint).where(GroupingState.name == _EVENTS_STATE))


def record_grouping(session: Session, inputs: GroupingInputs, at: datetime) -> None:
    """Note that the stored events were grouped from `inputs`. Flushes."""
    state = session.get(GroupingState, _EVENTS_STATE) or GroupingState(name=_EVENTS_STATE)
    state.fingerprint, state.articles, state.grouped_at = inputs.fingerprint, inputs.articles, at
    session.add(state)
    session.flush()


def forget_grouping(session: Session) -> None:
    """The next regrouping regroups everything (findings were replaced in place)."""
    session.execute(delete(GroupingState).where(GroupingState.name == _EVENTS_STATE))


def count_events(session: Session, since: datetime | None = None) -> int:
    """How many events there are (of those last published from `since`). Read-only."""
    query = select(func.count()).select_from(Event)
    if since is not None:
        query = query.where(Event.last_published >= since)
    return session.scalar(query) or 0


def _events_in_order(since: datetime | None) -> Select[Event]:
    """Events, most covered first then newest (then by id), from `since` when given.

    Ordered in SQL, so that a page is cut there: the events page of a 100,000-article database
    loaded all 21,000 events and their 100,000 articles (7-8 s) to show 20 of them.
    """
    members = (
        select(EventArticle.event_id, func.count().label("members"))
        .group_by(EventArticle.event_id)
        .subquery()
    )
    query = (
        select(Event)
        .outerjoin(members, members.c.event_id == Event.id)
        .order_by(
            func.coalesce(members.c.members, 0).desc(), Event.last_published.desc().nulls_last(), Event.id
        )
    )
    return query if since is None else query.where(Event.last_published >= since)


def list_events(session: Session, since: datetime | None = None) -> Sequence[Event]:
    """Events, most covered first then newest, with their member articles loaded. Read-only."""
    query = _events_in_order(since).options(
        selectinload(Event.members).selectinload(EventArticle.article).selectinload(Article.outlet)
    )
    return session.scalars(query).all()


@dataclass(frozen=True, slots=True)
class ListedArticle:
    """An event's article as the events list shows it."""

    id: int
    url: str
    outlet: str
    title: str | None
    published: datetime | None


@dataclass(frozen=True, slots=True)
class ListedEvent:
    """An event as the events list shows it: no findings, no texts."""

    id: int
    title: str
    first_published: datetime | None
    last_published: datetime | None
    articles: list[ListedArticle]


def event_listing(
    session: Session, since: datetime | None = None, *, limit: int | None = None, offset: int = 0
) -> list[ListedEvent]:
    """What `list_events` gives, as plain rows in two queries: the whole list of 21,000 events and
    their 100,000 articles took 6.5 s as ORM objects. Read-only."""
    page = _events_in_order(since).offset(offset).limit(limit).subquery()
    events = session.execute(
        select(page.c.id, page.c.title, page.c.first_published, page.c.last_published)
    ).all()
    articles: dict[int, list[ListedArticle]] = {event.id: [] for event in events}
    members = (
        select(EventArticle.event_id, Article.id, Article.url, Outlet.name, Article.title, Article.published)
        .join(Article, Article.id == EventArticle.article_id)
        .join(Outlet, Outlet.id == Article.outlet_id)
    )
    # A page names its events (joined to the ordered page instead, SQLite sorted every event again);
    # past an offset without a limit, the members of the events skipped are read and left out.
    if limit is not None:
        members = members.where(EventArticle.event_id.in_(list(articles)))
    elif since is not None:
        members = members.join(Event, Event.id == EventArticle.event_id).where(Event.last_published >= since)
    for event_id, article_id, url, outlet, title, published in session.execute(members):
        if (listed := articles.get(event_id)) is not None:
            listed.append(ListedArticle(article_id, url, outlet, title, published))
    return [ListedEvent(e.id, e.title, e.first_published, e.last_published, articles[e.id]) for e in events]


def event_report_inputs(session: Session, event_id: int) -> tuple[Any, ...]:
    """What one event's report is built from, to tell a report built before still current: the
    event's title and, for each member article, its current version (its text and metadata change
    only with a new one) and whether that was analysed yet (its findings are written once), its
    syndication link and its outlet. NotFoundError for an unknown id. Read-only."""
    title = session.scalar(select(Event.title).where(Event.id == event_id))
    if title is None:
        raise NotFoundError(f"no event with id {event_id}")
    members = (
        select(
            Article.id,
            Article.current_version_id,
            ArticleVersion.analysed,
            Article.syndicated_from_id,
            Outlet.name,
            Outlet.kind,
        )
        .join(EventArticle, EventArticle.article_id == Article.id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .outerjoin(ArticleVersion, ArticleVersion.id == Article.current_version_id)
        .where(EventArticle.event_id == event_id)
        .order_by(Article.id)
    )
    return (title, *(tuple(row) for row in session.execute(members)))


def get_event(session: Session, event_id: int) -> Event:
    """One event with its articles, their outlets and current versions with findings. Read-only."""
    event = session.scalar(
        select(Event)
        .where(Event.id == event_id)
        .options(
            selectinload(Event.members)
            .selectinload(EventArticle.article)
            .options(
                selectinload(Article.outlet),
                selectinload(Article.current_version).options(
                    selectinload(ArticleVersion.attributions),
                    selectinload(ArticleVersion.quantities),
                    selectinload(ArticleVersion.entities),
                    selectinload(ArticleVersion.dates),
                ),
            )
        )
    )
    if event is None:
        raise NotFoundError(f"no event with id {event_id}")
    return event


# --- reading for the API and pages -----------------------------------------------------------------


def count_articles(
    session: Session,
    *,
    outlet: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> int:
    """How many articles `list_articles` would return with the same filters and no paging. Read-only."""
    query = select(func.count(Article.id))
    if outlet is not None:
        query = query.join(Outlet).where(Outlet.name == outlet)
    if since is not None:
        query = query.where(Article.published >= since)
    if until is not None:
        query = query.where(Article.published < until)
    return int(session.scalar(query) or 0)


def get_article_with_findings(session: Session, article_id: int) -> Article:
    """The article with its outlet, every version and the findings of each. Read-only."""
    article = session.scalar(
        select(Article)
        .where(Article.id == article_id)
        .options(
            selectinload(Article.outlet),
            selectinload(Article.versions).options(
                selectinload(ArticleVersion.attributions),
                selectinload(ArticleVersion.quantities),
                selectinload(ArticleVersion.entities),
            ),
        )
    )
    if article is None:
        raise NotFoundError(f"no article with id {article_id}")
    return article


def stored_page(session: Session, article_id: int) -> str | None:
    """The page of an article's current version as it was fetched; None when none was kept (an
    article imported as text). NotFoundError for an unknown article. Read-only."""
    row = session.execute(
        select(Article.id, ArticleVersion.raw_html)
        .outerjoin(ArticleVersion, ArticleVersion.id == Article.current_version_id)
        .where(Article.id == article_id)
    ).first()
    if row is None:
        raise NotFoundError(f"no article with id {article_id}")
    return zlib.decompress(row.raw_html).decode("utf-8", "replace") if row.raw_html else None


def event_id_of_article(session: Session, article_id: int) -> int | None:
    """The event an article belongs to, if any. Read-only."""
    return session.scalar(select(EventArticle.event_id).where(EventArticle.article_id == article_id))


def outlets_with_article_counts(session: Session) -> list[tuple[Outlet, int]]:
    """Every outlet by name with how many articles it has stored. Read-only."""
    counts = (
        select(Article.outlet_id, func.count(Article.id).label("articles"))
        .group_by(Article.outlet_id)
        .subquery()
    )
    rows = session.execute(
        select(Outlet, func.coalesce(counts.c.articles, 0))
        .outerjoin(counts, counts.c.outlet_id == Outlet.id)
        .order_by(Outlet.name)
    ).all()
    return [(outlet, int(count)) for outlet, count in rows]


def source_citations(
    session: Session,
    *,
    outlet: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[tuple[str, str, str, int]]:
    """(source, source type, citing outlet, citations) over current versions, most cited first. Read-only.

    A source is the resolved speaker of an attribution (`TASS`, `Alexander Kozlov`); unresolved ones
    (a bare "he") are left out.
    """
    citations = func.count(Attribution.id)
    query = (
        select(Attribution.speaker_resolved, Attribution.source_type, Outlet.name, citations)
        .join(Article, Article.current_version_id == Attribution.version_id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(Attribution.speaker_resolved.is_not(None))
        .group_by(Attribution.speaker_resolved, Attribution.source_type, Outlet.name)
        .order_by(citations.desc(), Attribution.speaker_resolved, Outlet.name)
    )
    if outlet is not None:
        query = query.where(Outlet.name == outlet)
    if since is not None:
        query = query.where(Article.published >= since)
    if until is not None:
        query = query.where(Article.published < until)
    return [(str(s), str(t), str(o), int(n)) for s, t, o, n in session.execute(query).all()]


def articles_with_ids(session: Session, ids: Iterable[int]) -> list[Article]:
    """The articles with these ids (unknown ones skipped), outlets loaded, in the order given. Read-only."""
    wanted = list(ids)
    found = session.scalars(
        select(Article).where(Article.id.in_(wanted)).options(selectinload(Article.outlet))
    ).all()
    by_id = {article.id: article for article in found}
    return [by_id[i] for i in wanted if i in by_id]
