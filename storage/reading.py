"""What the doors onto the database read (the API, the pages, `export`): articles with their outlet,
versions and findings, the page kept of each, outlets with their counts, and who cites which source.

Every function is read-only.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from newsprism.errors import NotFoundError
from newsprism.storage.models import Article, ArticleVersion, Attribution, Outlet


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


def articles_with_ids(session: Session, ids: Iterable[int]) -> list[Article]:
    """The articles with these ids (unknown ones skipped), outlets loaded, in the order given. Read-only."""
    wanted = list(ids)
    found = session.scalars(
        select(Article).where(Article.id.in_(wanted)).options(selectinload(Article.outlet))
    ).all()
    by_id = {article.id: article for article in found}
    return [by_id[i] for i in wanted if i in by_id]


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


EXPORT_KEYS = (
    "id",
    "url",
    "canonical_url",
    "outlet",
    "title",
    "authors",
    "published",
    "language",
    "text",
    "versions",
    "fetched",
)


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
