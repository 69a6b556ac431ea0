"""The one way a crawled or imported article reaches the database: one transaction per article.

The article (or its new version), the validators that let the next fetch be conditional, the hook the
shell passes (analysis) and the fetch records pending so far commit together or not at all, so a crash
at any moment leaves either the whole article or none of it, never a page marked fresh but not stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from newsprism.crawler.fetch import FetchLog, Validator
from newsprism.crawler.workers import ExtractedPage
from newsprism.storage.articles import (
    FetchedArticle,
    OutletInfo,
    StoredArticle,
    commit_article,
    ensure_outlet_named,
    save_outlets,
    store_article,
)
from newsprism.storage.database import Database
from newsprism.storage.fetches import get_validator, get_validators, record_fetches, save_validator


class AfterStore(Protocol):
    """The shell's hook inside each article's transaction (its analysis). A crawl given a page
    preparation passes what it made of the page as `prepared`; imports never do."""

    def __call__(self, session: Session, stored: StoredArticle, prepared: object = None, /) -> None: ...


@dataclass(frozen=True, slots=True)
class FreshValidator:
    """Validators to remember for `url` once what came from it is safely stored."""

    url: str
    validator: Validator


def article_from(
    url: str,
    outlet: str,
    extracted: ExtractedPage,
    fetched_at: datetime,
    *,
    html: str | None = None,
    compressed_html: bytes | None = None,
    title: str | None = None,
    published: datetime | None = None,
    language: str | None = None,
) -> FetchedArticle:
    """The article to store for a page at `url`; the keywords are fallbacks from its listing."""
    return FetchedArticle(
        url=url,
        canonical_url=extracted.canonical_url or url,
        outlet=outlet,
        text=extracted.text,
        fetched_at=fetched_at,
        title=extracted.title or title,
        authors=list(extracted.authors),
        published=extracted.published or published,
        language=extracted.language or language,
        html=html,
        compressed_html=compressed_html,
    )


def store_page(
    database: Database,
    article: FetchedArticle,
    *,
    after_store: AfterStore | None = None,
    validator: FreshValidator | None = None,
    logs: Iterable[FetchLog] = (),
    create_outlet: bool = False,
    prepared: object = None,
) -> StoredArticle:
    """Store one article with its validators, its analysis (`after_store`) and fetch logs. Commits.

    With `create_outlet`, an outlet not yet known is created by name (a known one is left as it is).
    `prepared` (what the page preparation made of the page) goes to `after_store` when there is one.
    """
    pending_logs = list(logs)

    def store(session: Session) -> StoredArticle:
        if create_outlet:
            ensure_outlet_named(session, article.outlet)
        stored = store_article(session, article)
        if validator is not None:
            remember_validator(session, validator, article.fetched_at)
        if after_store is not None and prepared is not None:
            after_store(session, stored, prepared)
        elif after_store is not None:
            after_store(session, stored)
        save_logs(session, pending_logs)
        return stored

    # Another crawler (or import) storing the same URL or outlet at the same moment makes this one lose
    # the race on a unique key; run again, it finds their article and adds to it instead. A value the
    # database cannot hold is an InputError naming the URL: this article's problem, not the run's.
    return commit_article(database, article.url, store)


def remember_validator(session: Session, fresh: FreshValidator, now: datetime) -> None:
    save_validator(session, fresh.url, fresh.validator.etag, fresh.validator.last_modified, now)


def load_validators(database: Database, urls: Sequence[str]) -> dict[str, Validator]:
    """The validators stored for each of `urls` that has some: one read for a whole listing. Read-only."""
    with database.session() as session:
        return {row.url: Validator(row.etag, row.last_modified) for row in get_validators(session, urls)}


def load_validator(database: Database, url: str) -> Validator | None:
    """The validators stored for `url`, for a conditional GET. Read-only."""
    with database.session() as session:
        row = get_validator(session, url)
        return Validator(row.etag, row.last_modified) if row is not None else None


def save_logs(session: Session, logs: Iterable[FetchLog]) -> None:
    """Keep fetch logs as FetchRecords, each tied to the outlet it was made for."""
    record_fetches(session, logs)


def ensure_outlets(database: Database, infos: Iterable[OutletInfo]) -> None:
    """Create or update outlets from their configuration, in one transaction. Commits."""
    chosen = list(infos)

    def save(session: Session) -> None:
        save_outlets(session, chosen)

    database.commit_with_retry(save)
