"""search: a GIN index of each article's lexemes and adjacent lexeme pairs, so phrases need no reading

A GIN index keeps no word positions, so a phrase of two common words had every article holding both
words read to check that they stand side by side (~10,000 tsvectors on 100,000 articles). This
revision indexes `newsprism_search_terms(document)`: the tsvector's lexemes (stripped of positions)
plus one lexeme per pair of lexemes at adjacent positions, `' a b'` (a space first, so no word and no
word prefix ever equals or matches one). A phrase "a b" is then the one lexeme `' a b'` in the index,
and longer ones an AND of their pairs (`newsprism.storage.search_pairs`).

An index on an expression, not a column: PostgreSQL computes the terms from `articles_search.document`
on every write, so the triggers of revisions 0003 and 0005 stay the only writers and no table grows.
Building it reads every tsvector once (~3 min on 100,000 articles on a busy 2-core machine); the
index is ~500 MB per 100,000 articles. SQLite is untouched (FTS5 keeps positions in its index).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 15:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A join on position, not lead() over positions: two lexemes may share a position (positions past
# 16383 are all stored as 16383), and every pair a phrase could match there must be indexed.
_TERMS_FUNCTION = """
CREATE FUNCTION newsprism_search_terms(document tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT strip(document) || array_to_tsvector(ARRAY(
    SELECT ' ' || first.lexeme || ' ' || second.lexeme
    FROM (SELECT word.lexeme, position FROM unnest(document) AS word, unnest(word.positions) AS position)
        AS first
    JOIN (SELECT word.lexeme, position FROM unnest(document) AS word, unnest(word.positions) AS position)
        AS second ON second.position = first.position + 1))
$$
"""

POSTGRES_STATEMENTS = [
    _TERMS_FUNCTION,
    # The default 64 MB makes the build write and merge many more runs; for this transaction only.
    "SET LOCAL maintenance_work_mem = '256MB'",
    "CREATE INDEX ix_articles_search_terms ON articles_search USING gin (newsprism_search_terms(document))",
    # Statistics on the indexed expression, which the search reads to tell rare phrases from common.
    "ANALYZE articles_search",
]

POSTGRES_DROPS = [
    "DROP INDEX IF EXISTS ix_articles_search_terms",
    "DROP FUNCTION IF EXISTS newsprism_search_terms(tsvector)",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_STATEMENTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES_DROPS:
            op.execute(statement)
