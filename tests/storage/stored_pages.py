"""Article pages as the storage tests store them: fetched at NOW from the outlets the `database`
fixture (conftest.py) saves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsprism.storage.articles import FetchedArticle

NOW = datetime(2023, 9, 17, 8, 0, tzinfo=UTC)


def page(url: str, text: str, outlet: str = "Harbour Wire", **extra: object) -> FetchedArticle:
    return FetchedArticle(
        url=url,
        canonical_url=str(extra.pop("canonical_url", url)),
        outlet=outlet,
        text=text,
        fetched_at=extra.pop("fetched_at", NOW),  # type: ignore[arg-type]
        title=str(extra.pop("title", "Leader boards armoured train")),
        published=NOW - timedelta(hours=2),
        html="<html><body><p>" + text + "</p></body></html>",
    )
