"""What the crawler keeps of its fetches: the outcome of every attempt (`fetches`) and the validators
(ETag, Last-Modified) that make the next fetch of a feed or page conditional.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from newsprism.storage.bulk import in_chunks
from newsprism.storage.models import FetchRecord, HttpValidator, Outlet, column_length, table_of


class FetchAttempt(Protocol):
    """One attempt at a URL as the crawler logs it (`newsprism.crawler.fetch.FetchLog`)."""

    @property
    def url(self) -> str: ...
    @property
    def purpose(self) -> str: ...
    @property
    def status(self) -> int | None: ...
    @property
    def error(self) -> str | None: ...
    @property
    def elapsed_ms(self) -> float: ...
    @property
    def fetched_at(self) -> datetime: ...
    @property
    def outlet(self) -> str | None: ...


_MAX_URL = column_length(FetchRecord.url)


def record_fetches(session: Session, attempts: Iterable[FetchAttempt]) -> None:
    """Keep the outcome of each attempt, tied to the outlet it was made for, in one executemany."""
    outlet_ids: dict[str | None, int | None] = {None: None}
    rows: list[dict[str, Any]] = []
    for attempt in attempts:
        outlet = attempt.outlet
        if outlet not in outlet_ids:
            outlet_ids[outlet] = session.scalar(select(Outlet.id).where(Outlet.name == outlet))
        rows.append(
            {
                "url": attempt.url[:_MAX_URL],
                "outlet_id": outlet_ids[outlet],
                "purpose": attempt.purpose,
                "status": attempt.status,
                "error": attempt.error,
                "elapsed_ms": attempt.elapsed_ms,
                "fetched_at": attempt.fetched_at,
            }
        )
    if rows:
        session.execute(insert(table_of(FetchRecord)), rows)


def get_validator(session: Session, url: str) -> HttpValidator | None:
    """The validators stored for `url`, if any. Read-only."""
    return session.get(HttpValidator, url)


def get_validators(session: Session, urls: Sequence[str], batch: int = 500) -> list[HttpValidator]:
    """The stored validators of those of `urls` that have some, in queries of `batch` URLs. Read-only."""
    found: list[HttpValidator] = []
    for chunk in in_chunks(urls, batch):
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
    upsert = insert_for_dialect(table_of(HttpValidator))
    kept = {column: upsert.excluded[column] for column in ("etag", "last_modified", "updated_at")}
    return upsert.on_conflict_do_update(index_elements=["url"], set_=kept)


_VALIDATOR_UPSERTS = {
    "postgresql": _validator_upsert(postgresql_insert),
    "sqlite": _validator_upsert(sqlite_insert),
}
