"""Storing articles on SQLite and PostgreSQL: every version kept and nothing twice, aliases and wire copies
known, outlets created or described further."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from stored_pages import NOW, page

from newsprism.errors import InputError, NotFoundError
from newsprism.storage import models
from newsprism.storage.articles import (
    OutletInfo,
    commit_article,
    content_hash,
    ensure_outlet_named,
    save_outlet,
    save_outlets,
    store_article,
)
from newsprism.storage.database import Database
from newsprism.storage.reading import get_article


def test_new_unchanged_updated_and_reverted(database: Database) -> None:
    url = "https://wire.example/news/train"
    with database.transaction() as s:
        first = store_article(s, page(url, "The train left Artyom on Sunday."))
    with database.transaction() as s:
        again = store_article(s, page(url, "The  train left Artyom\non Sunday. "))
    with database.transaction() as s:
        changed = store_article(s, page(url, "The train left Artyom on Saturday."))
    with database.transaction() as s:
        reverted = store_article(s, page(url, "The train left Artyom on Sunday."))
    assert (first.status, again.status, changed.status, reverted.status) == (
        "new",
        "unchanged",
        "updated",
        "updated",
    )
    assert again.version_id == first.version_id and reverted.version_id == first.version_id
    with database.session() as s:
        article = get_article(s, first.article_id)
        assert [v.number for v in article.versions] == [1, 2]
        assert article.current_version_id == first.version_id


def test_alias_and_canonical_url_are_one_article(database: Database) -> None:
    canonical = "https://wire.example/news/train"
    with database.transaction() as s:
        first = store_article(s, page(canonical + "?utm_source=rss", "Text one.", canonical_url=canonical))
        alias = store_article(s, page("https://wire.example/a/123", "Text one.", canonical_url=canonical))
    assert alias.article_id == first.article_id
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(models.Article)) == 1


def test_same_text_at_another_outlet_is_a_wire_copy(database: Database) -> None:
    text = "Kim received five kamikaze drones as a gift, the regional governor said."
    with database.transaction() as s:
        original = store_article(s, page("https://wire.example/drones", text))
    with database.transaction() as s:
        copy = store_article(
            s,
            page("https://daily.example/drones", text, outlet="Eastern Daily", fetched_at=NOW + timedelta(1)),
        )
    with database.session() as s:
        assert get_article(s, copy.article_id).syndicated_from_id == original.article_id
        assert get_article(s, original.article_id).syndicated_from_id is None


def test_unknown_outlet_is_refused_and_nothing_is_stored(database: Database) -> None:
    with pytest.raises(NotFoundError, match="'Nowhere Times'"), database.transaction() as s:
        store_article(s, page("https://x.example/1", "Text.", outlet="Nowhere Times"))
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(models.Article)) == 0


def test_outlets_saved_together_are_created_or_updated(database: Database) -> None:
    infos = [
        OutletInfo("Eastern Daily", "https://daily.example/", "newspaper", "JP"),  # known: described further
        OutletInfo("Northern Post", kind="newspaper"),
        OutletInfo("Northern Post", kind="newspaper", language="en"),  # twice in one call: one outlet
    ]
    with database.transaction() as s:
        saved = save_outlets(s, infos)
        assert saved[1] is saved[2] and all(o.id for o in saved)
    with database.session() as s:
        outlets = {o.name: o for o in s.scalars(select(models.Outlet))}
        assert sorted(outlets) == ["Eastern Daily", "Harbour Wire", "Northern Post"]
        daily, post = outlets["Eastern Daily"], outlets["Northern Post"]
        assert (daily.kind, daily.country, daily.homepage) == ("newspaper", "JP", "https://daily.example/")
        assert (post.kind, post.language) == ("newspaper", "en")


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("a  b\nc") == content_hash(" a b c ")
    assert content_hash("a b c") != content_hash("a b d")


def test_an_outlet_named_by_an_import_is_created_once(database: Database) -> None:
    with database.transaction() as s:
        ensure_outlet_named(s, "Northern Post")
        ensure_outlet_named(s, "Northern Post")
        ensure_outlet_named(s, "Harbour Wire")  # known: left as it was
    with database.session() as s:
        outlets = {o.name: o for o in s.scalars(select(models.Outlet))}
    assert sorted(outlets) == ["Eastern Daily", "Harbour Wire", "Northern Post"]
    assert outlets["Harbour Wire"].kind == "agency" and outlets["Northern Post"].kind == "other"


@pytest.mark.postgres
def test_a_value_the_database_refuses_is_an_input_error_naming_the_article(postgres_url: str) -> None:
    url = "https://wire.example/nul"
    with Database(postgres_url) as database:
        with database.transaction() as s:
            save_outlet(s, OutletInfo("Harbour Wire"))
        with pytest.raises(InputError, match=f"the database refused '{url}'"):
            commit_article(database, url, lambda s: store_article(s, page(url, "A NUL \x00 byte.")))
        with database.session() as s:
            assert s.scalar(select(func.count()).select_from(models.Article)) == 0
