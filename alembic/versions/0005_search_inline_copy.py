"""search: an inline copy of each article's tsvector on PostgreSQL, read for ranking and phrase checks

`articles_search.document` averages ~2.9 kB, does not compress, and so lives out of line in TOAST:
every `ts_rank` or phrase check on it costs a TOAST index lookup and two chunk reads, and ranking a
few thousand matches took most of a search. `articles_search_inline` holds the same tsvector with
`STORAGE MAIN`, so it stays in the row (read ~6x faster); `articles_search` keeps its narrow heap,
which the GIN bitmap scans visit to count matches. A trigger on `articles_search` keeps the copy in
step, so the triggers of revision 0003 stay the only writers. SQLite is untouched.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 13:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

POSTGRES_STATEMENTS = [
    "CREATE TABLE articles_search_inline ("
    " article_id INTEGER PRIMARY KEY REFERENCES articles_search (article_id) ON DELETE CASCADE,"
    " document TSVECTOR NOT NULL)",
    # MAIN: compressed if that helps, kept in the row unless the row cannot fit a page at all.
    "ALTER TABLE articles_search_inline ALTER COLUMN document SET STORAGE MAIN",
    "CREATE FUNCTION newsprism_copy_search_document() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO articles_search_inline (article_id, document) VALUES (NEW.article_id, NEW.document) "
    "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER articles_search_inline_copy AFTER INSERT OR UPDATE OF document ON articles_search "
    "FOR EACH ROW EXECUTE FUNCTION newsprism_copy_search_document()",
    "INSERT INTO articles_search_inline (article_id, document) "
    "SELECT article_id, document FROM articles_search",
    "ANALYZE articles_search_inline",
]

POSTGRES_DROPS = [
    "DROP TRIGGER IF EXISTS articles_search_inline_copy ON articles_search",
    "DROP FUNCTION IF EXISTS newsprism_copy_search_document()",
    "DROP TABLE IF EXISTS articles_search_inline",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_STATEMENTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_DROPS:
            op.execute(statement)
