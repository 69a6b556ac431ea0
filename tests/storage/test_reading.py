"""The reads of the API and pages on SQLite and PostgreSQL."""

from __future__ import annotations

from stored_pages import page

from newsprism.storage.articles import store_article
from newsprism.storage.database import Database
from newsprism.storage.reading import list_articles


def test_list_articles_filters_by_outlet(database: Database) -> None:
    with database.transaction() as s:
        store_article(s, page("https://wire.example/1", "One."))
        store_article(s, page("https://daily.example/2", "Two.", outlet="Eastern Daily"))
    with database.session() as s:
        assert [a.url for a in list_articles(s, outlet="Eastern Daily")] == ["https://daily.example/2"]
        assert len(list_articles(s)) == 2
