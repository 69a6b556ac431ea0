"""Fetch records and HTTP validators on SQLite and PostgreSQL: each attempt kept with the outlet it was
made for, and validators upserted, so two crawlers storing the same URL's never fail on its key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from stored_pages import NOW

from newsprism.storage import models
from newsprism.storage.database import Database
from newsprism.storage.fetches import get_validator, get_validators, record_fetches, save_validator


@dataclass(frozen=True)
class Attempt:
    url: str
    outlet: str | None
    status: int | None = 200
    error: str | None = None
    purpose: str = "article"
    elapsed_ms: float = 12.5
    fetched_at = NOW


def test_each_attempt_is_kept_with_the_outlet_it_was_made_for(database: Database) -> None:
    attempts = [
        Attempt("https://wire.example/a", "Harbour Wire"),
        Attempt("https://daily.example/b", "Eastern Daily", None, "cannot connect: ConnectError"),
        Attempt("https://robots.example/robots.txt", None, 404, "HTTP 404", "robots"),
        Attempt("https://gone.example/" + "x" * 3000, "Nowhere Times"),  # not an outlet newsprism knows
    ]
    with database.transaction() as session:
        record_fetches(session, attempts)
        record_fetches(session, [])  # nothing to keep: no statement
    with database.session() as session:
        outlets: dict[int | None, str] = {o.id: o.name for o in session.scalars(select(models.Outlet))}
        rows = session.execute(
            select(
                models.FetchRecord.url,
                models.FetchRecord.outlet_id,
                models.FetchRecord.status,
                models.FetchRecord.error,
                models.FetchRecord.purpose,
            ).order_by(models.FetchRecord.id)
        ).all()
    kept = [(outlets.get(outlet_id), status, error, purpose) for _, outlet_id, status, error, purpose in rows]
    assert kept == [
        ("Harbour Wire", 200, None, "article"),
        ("Eastern Daily", None, "cannot connect: ConnectError", "article"),
        (None, 404, "HTTP 404", "robots"),
        (None, 200, None, "article"),
    ]
    assert len(rows[3].url) == models.column_length(models.FetchRecord.url)  # cut to fit its column


def test_validators_are_upserted_and_read_back_by_url(database: Database) -> None:
    url = "https://wire.example/rss.xml"
    with database.transaction() as session:
        save_validator(session, url, '"v1"', None, NOW)
    with database.transaction() as session:
        save_validator(session, url, '"v2"', "Fri, 03 May 2024 10:00:00 GMT", NOW + timedelta(minutes=15))
    with database.session() as session:
        kept = get_validator(session, url)
        assert kept is not None and kept.etag == '"v2"'
        assert kept.last_modified == "Fri, 03 May 2024 10:00:00 GMT"
        assert get_validator(session, "https://wire.example/other") is None
        found = get_validators(session, [url, "https://wire.example/other"], batch=1)
        assert [v.url for v in found] == [url]
