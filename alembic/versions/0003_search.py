"""search index and views for generic SQL tools

Full-text search over each article's title and current text, kept in sync by triggers so that every
writer (crawl, import, a hand-made INSERT) keeps it current:

- SQLite: `articles_fts`, an FTS5 table with external content (the `articles_current` view), so the
  text is not stored twice; triggers on `articles` and `article_versions` feed it.
- PostgreSQL: `articles_search` (article_id, weighted tsvector) with a GIN index, fed by triggers.

Views for generic tools on both back-ends: `articles_current` (each article with its outlet's name and
its current text) and `attributions_by_outlet` (how often each outlet cites each source).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 06:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARTICLES_CURRENT = """
CREATE VIEW articles_current AS
SELECT a.id AS id, a.url AS url, a.canonical_url AS canonical_url, o.name AS outlet,
       a.title AS title, a.published AS published, a.language AS language,
       v.number AS version, v.text AS text, v.fetched_at AS fetched_at,
       a.first_seen AS first_seen, a.last_fetched AS last_fetched,
       a.syndicated_from_id AS syndicated_from_id
FROM articles a
JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN article_versions v ON v.id = a.current_version_id
"""

ATTRIBUTIONS_BY_OUTLET = """
CREATE VIEW attributions_by_outlet AS
SELECT o.name AS outlet, COALESCE(t.speaker_resolved, t.speaker) AS source, t.source_type AS source_type,
       COUNT(*) AS citations, COUNT(DISTINCT a.id) AS articles
FROM attributions t
JOIN articles a ON a.current_version_id = t.version_id
JOIN outlets o ON o.id = a.outlet_id
GROUP BY o.name, COALESCE(t.speaker_resolved, t.speaker), t.source_type
"""

# The text indexed for an article is always (articles.title, text of its current version); an FTS5
# 'delete' must repeat exactly the values once inserted, which these expressions guarantee.
_SQLITE_TEXT_OF = "(SELECT text FROM article_versions WHERE id = {row}.current_version_id)"
_SQLITE_ADD = (
    "INSERT INTO articles_fts(rowid, title, text) VALUES ({row}.id, {row}.title, " + _SQLITE_TEXT_OF + ");"
)
_SQLITE_REMOVE = (
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', {row}.id, {row}.title, " + _SQLITE_TEXT_OF + ");"
)

SQLITE_STATEMENTS = [
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles_current', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN "
    + _SQLITE_ADD.format(row="new")
    + " END",
    "CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF title, current_version_id ON articles BEGIN "
    + _SQLITE_REMOVE.format(row="old")
    + " "
    + _SQLITE_ADD.format(row="new")
    + " END",
    # BEFORE: the current version (and so the text to remove) still exists.
    "CREATE TRIGGER articles_fts_before_delete BEFORE DELETE ON articles BEGIN "
    + _SQLITE_REMOVE.format(row="old")
    + " END",
    "CREATE TRIGGER articles_fts_after_version_text AFTER UPDATE OF text ON article_versions BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "SELECT 'delete', a.id, a.title, old.text FROM articles a WHERE a.current_version_id = old.id; "
    "INSERT INTO articles_fts(rowid, title, text) "
    "SELECT a.id, a.title, new.text FROM articles a WHERE a.current_version_id = new.id; END",
    # A current version deleted on its own leaves its article indexed by title only (the FK sets NULL).
    "CREATE TRIGGER articles_fts_before_version_delete BEFORE DELETE ON article_versions BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "SELECT 'delete', a.id, a.title, old.text FROM articles a WHERE a.current_version_id = old.id; "
    "INSERT INTO articles_fts(rowid, title, text) "
    "SELECT a.id, a.title, NULL FROM articles a WHERE a.current_version_id = old.id; END",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
]

SQLITE_DROPS = [
    "DROP TRIGGER IF EXISTS articles_fts_before_version_delete",
    "DROP TRIGGER IF EXISTS articles_fts_after_version_text",
    "DROP TRIGGER IF EXISTS articles_fts_before_delete",
    "DROP TRIGGER IF EXISTS articles_fts_after_update",
    "DROP TRIGGER IF EXISTS articles_fts_after_insert",
    "DROP TABLE IF EXISTS articles_fts",
]

_PG_DOCUMENT = (
    "setweight(to_tsvector('english'::regconfig, COALESCE({title}, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE({text}, '')), 'B')"
)

POSTGRES_STATEMENTS = [
    "CREATE TABLE articles_search ("
    " article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
    " document TSVECTOR NOT NULL)",
    "CREATE INDEX ix_articles_search_document ON articles_search USING gin (document)",
    "CREATE FUNCTION newsprism_index_article() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO articles_search (article_id, document) "
    "SELECT NEW.id, "
    + _PG_DOCUMENT.format(title="NEW.title", text="v.text")
    + " FROM (SELECT 1) AS one LEFT JOIN article_versions v ON v.id = NEW.current_version_id "
    "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER articles_search_refresh AFTER INSERT OR UPDATE OF title, current_version_id "
    "ON articles FOR EACH ROW EXECUTE FUNCTION newsprism_index_article()",
    "CREATE FUNCTION newsprism_index_version_text() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "UPDATE articles_search s SET document = "
    + _PG_DOCUMENT.format(title="a.title", text="NEW.text")
    + " FROM articles a WHERE a.current_version_id = NEW.id AND s.article_id = a.id; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER article_versions_search_refresh AFTER UPDATE OF text ON article_versions "
    "FOR EACH ROW EXECUTE FUNCTION newsprism_index_version_text()",
    "INSERT INTO articles_search (article_id, document) SELECT a.id, "
    + _PG_DOCUMENT.format(title="a.title", text="v.text")
    + " FROM articles a LEFT JOIN article_versions v ON v.id = a.current_version_id",
]

POSTGRES_DROPS = [
    "DROP TRIGGER IF EXISTS article_versions_search_refresh ON article_versions",
    "DROP TRIGGER IF EXISTS articles_search_refresh ON articles",
    "DROP FUNCTION IF EXISTS newsprism_index_version_text()",
    "DROP FUNCTION IF EXISTS newsprism_index_article()",
    "DROP TABLE IF EXISTS articles_search",
]


def upgrade() -> None:
    op.execute(ARTICLES_CURRENT)
    op.execute(ATTRIBUTIONS_BY_OUTLET)
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_STATEMENTS:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in POSTGRES_STATEMENTS:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_DROPS:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in POSTGRES_DROPS:
            op.execute(statement)
    op.execute("DROP VIEW IF EXISTS attributions_by_outlet")
    op.execute("DROP VIEW IF EXISTS articles_current")
