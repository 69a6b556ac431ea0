"""Storing articles and their outlets: an article, a new version when its text changed, or nothing.

The crawl and the import store every article through `store_article`, inside the one transaction
(`commit_article`) that also holds its analysis and fetch records. An article is known by the URL it
was first seen at or its canonical URL; a text that another outlet carried first marks it a wire copy.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, TypeVar

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session

from newsprism.errors import InputError, NotFoundError
from newsprism.storage.database import Database
from newsprism.storage.models import Article, ArticleVersion, Outlet, table_of

StoreStatus = Literal["new", "updated", "unchanged"]
_SPACE_RUN = re.compile(r"\s+")
T = TypeVar("T")


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
    # can see it to analyze it first.
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
    """The id of the outlet named `name`; NotFoundError when there is none. Read-only."""
    outlet_id = session.scalar(_OUTLET_ID, {"name": name})
    if outlet_id is None:
        raise NotFoundError(f"no outlet named {name!r}")
    return outlet_id


def ensure_outlet_named(session: Session, name: str) -> None:
    """Create the outlet `name` when it is not known yet (a known one is left as it is). Flushes."""
    if session.scalar(_OUTLET_ID, {"name": name}) is None:
        save_outlet(session, OutletInfo(name))


def outlet_named(session: Session, name: str) -> Outlet:
    """The outlet named `name`; NotFoundError when there is none. Read-only."""
    outlet = session.scalar(select(Outlet).where(Outlet.name == name))
    if outlet is None:
        raise NotFoundError(f"no outlet named {name!r}")
    return outlet


def list_outlets(session: Session) -> Sequence[Outlet]:
    """Every outlet, by name. Read-only."""
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


def commit_article(database: Database, url: str, work: Callable[[Session], T]) -> T:
    """Run one article's transaction (`Database.commit_with_retry`); a value the database cannot hold
    (too long, a NUL character) is an InputError naming the article's `url`: that article's problem,
    not the end of the crawl or import that stores it."""
    try:
        return database.commit_with_retry(work)
    except DataError as exc:
        raise InputError(f"the database refused {url!r}: {exc.orig}") from exc


# The statements a crawl runs for every article, built once: building one costs as much as running it.
_KNOWN_ARTICLE = (
    select(Article.id)
    .where(Article.url.in_(bindparam("keys", expanding=True)) | Article.canonical_url.in_(bindparam("keys")))
    .limit(1)
)


_OUTLET_ID = select(Outlet.id).where(Outlet.name == bindparam("name"))


_NEW_ARTICLE = insert(table_of(Article)).returning(table_of(Article).c.id)


_NEW_VERSION = insert(table_of(ArticleVersion)).returning(table_of(ArticleVersion).c.id)


_SET_CURRENT_VERSION = (
    update(table_of(Article))
    .where(table_of(Article).c.id == bindparam("article"))
    .values(current_version_id=bindparam("version"))
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
        "analyzed": False,
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


def version_text(session: Session, version_id: int) -> str:
    """The text of one article version. Read-only."""
    text = session.scalar(select(ArticleVersion.text).where(ArticleVersion.id == version_id))
    if text is None:
        raise NotFoundError(f"no article version with id {version_id}")
    return text
