"""The schema at its head revision, built at once for a new database.

A database without tables gets the models' tables (`Base.metadata.create_all`), the objects the models
do not declare (two views for generic SQL tools, the search index and the triggers that feed it) and
the head revision written where Alembic keeps it, as `alembic stamp head` writes it: the Alembic
cookbook's "building an up to date database from scratch". Replaying the eight migrations instead,
with Alembic loaded for them, cost `newsprism crawl` 0.2-0.3 s before its first request. A database
with tables goes through the migrations (`newsprism.storage.database.upgrade_to_head`).

The migrations stay the only way the schema changes: this module states where they lead, and
`tests/storage/test_schema.py` checks, on SQLite and PostgreSQL, that a database built here and one
migrated from nothing have the same tables, columns, indexes, constraints, views, triggers and
functions, and that `HEAD_REVISION` is the migrations' head. A new migration fails that test until
this module says the same.
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, MetaData, PrimaryKeyConstraint, String, Table

from newsprism.storage.models import Base

# The revision a database built here is at: the last migration's (alembic/versions/).
HEAD_REVISION = "0008"
# Alembic's own table of the revision a database is at, declared as Alembic declares it.
ALEMBIC_VERSION = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)

# Revision 0003: views for generic SQL tools, on both back-ends.
VIEWS = [
    """
CREATE VIEW articles_current AS
SELECT a.id AS id, a.url AS url, a.canonical_url AS canonical_url, o.name AS outlet,
       a.title AS title, a.published AS published, a.language AS language,
       v.number AS version, v.text AS text, v.fetched_at AS fetched_at,
       a.first_seen AS first_seen, a.last_fetched AS last_fetched,
       a.syndicated_from_id AS syndicated_from_id
FROM articles a
JOIN outlets o ON o.id = a.outlet_id
LEFT JOIN article_versions v ON v.id = a.current_version_id
""",
    """
CREATE VIEW attributions_by_outlet AS
SELECT o.name AS outlet, COALESCE(t.speaker_resolved, t.speaker) AS source, t.source_type AS source_type,
       COUNT(*) AS citations, COUNT(DISTINCT a.id) AS articles
FROM attributions t
JOIN articles a ON a.current_version_id = t.version_id
JOIN outlets o ON o.id = a.outlet_id
GROUP BY o.name, COALESCE(t.speaker_resolved, t.speaker), t.source_type
""",
]

# Revision 0003 on SQLite: the FTS5 index over `articles_current` and the triggers that feed it (an
# FTS5 'delete' must repeat the values once inserted, which these expressions guarantee).
_SQLITE_TEXT_OF = "(SELECT text FROM article_versions WHERE id = {row}.current_version_id)"
_SQLITE_ADD = (
    "INSERT INTO articles_fts(rowid, title, text) VALUES ({row}.id, {row}.title, " + _SQLITE_TEXT_OF + ");"
)
_SQLITE_REMOVE = (
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', {row}.id, {row}.title, " + _SQLITE_TEXT_OF + ");"
)
SQLITE_SEARCH = [
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
    "CREATE TRIGGER articles_fts_before_delete BEFORE DELETE ON articles BEGIN "
    + _SQLITE_REMOVE.format(row="old")
    + " END",
    "CREATE TRIGGER articles_fts_after_version_text AFTER UPDATE OF text ON article_versions BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "SELECT 'delete', a.id, a.title, old.text FROM articles a WHERE a.current_version_id = old.id; "
    "INSERT INTO articles_fts(rowid, title, text) "
    "SELECT a.id, a.title, new.text FROM articles a WHERE a.current_version_id = new.id; END",
    "CREATE TRIGGER articles_fts_before_version_delete BEFORE DELETE ON article_versions BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "SELECT 'delete', a.id, a.title, old.text FROM articles a WHERE a.current_version_id = old.id; "
    "INSERT INTO articles_fts(rowid, title, text) "
    "SELECT a.id, a.title, NULL FROM articles a WHERE a.current_version_id = old.id; END",
]

_PG_DOCUMENT = (
    "setweight(to_tsvector('english'::regconfig, COALESCE({title}, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, COALESCE({text}, '')), 'B')"
)
# Revisions 0003, 0005 and 0006 on PostgreSQL: the tsvector table and its GIN index, fed by triggers;
# its copy kept in the row (STORAGE MAIN); the index of lexemes and adjacent lexeme pairs.
POSTGRES_SEARCH = [
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
    "CREATE TABLE articles_search_inline ("
    " article_id INTEGER PRIMARY KEY REFERENCES articles_search (article_id) ON DELETE CASCADE,"
    " document TSVECTOR NOT NULL)",
    "ALTER TABLE articles_search_inline ALTER COLUMN document SET STORAGE MAIN",
    "CREATE FUNCTION newsprism_copy_search_document() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO articles_search_inline (article_id, document) VALUES (NEW.article_id, NEW.document) "
    "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER articles_search_inline_copy AFTER INSERT OR UPDATE OF document ON articles_search "
    "FOR EACH ROW EXECUTE FUNCTION newsprism_copy_search_document()",
    """
CREATE FUNCTION newsprism_search_terms(document tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT strip(document) || array_to_tsvector(ARRAY(
    SELECT ' ' || first.lexeme || ' ' || second.lexeme
    FROM (SELECT word.lexeme, position FROM unnest(document) AS word, unnest(word.positions) AS position)
        AS first
    JOIN (SELECT word.lexeme, position FROM unnest(document) AS word, unnest(word.positions) AS position)
        AS second ON second.position = first.position + 1))
$$
""",
    "CREATE INDEX ix_articles_search_terms ON articles_search USING gin (newsprism_search_terms(document))",
]


def is_empty(connection: Connection) -> bool:
    """Whether the database holds no table and no view yet: a new one, which `create_schema` builds.

    Read-only; one catalogue query on either back-end.
    """
    if connection.dialect.name == "sqlite":
        found = connection.exec_driver_sql("SELECT 1 FROM sqlite_master LIMIT 1").first()
    else:
        found = connection.exec_driver_sql(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() LIMIT 1"
        ).first()
    return found is None


def create_schema(connection: Connection) -> None:
    """Build the head schema in an empty database and stamp it at `HEAD_REVISION`, inside the caller's
    transaction (which commits it whole or not at all)."""
    _models_for(connection).create_all(connection, checkfirst=False)
    dialect = connection.dialect.name
    search = SQLITE_SEARCH if dialect == "sqlite" else POSTGRES_SEARCH if dialect == "postgresql" else []
    for statement in [*VIEWS, *search]:
        connection.exec_driver_sql(statement)
    ALEMBIC_VERSION.create(connection)
    connection.execute(ALEMBIC_VERSION.insert().values(version_num=HEAD_REVISION))


def _models_for(connection: Connection) -> MetaData:
    """The models' tables to create on `connection`: the models themselves where every foreign key
    goes inside its CREATE TABLE (SQLite), else a copy.

    Where the back-end can ALTER TABLE, `create_all` adds the circular foreign key (`use_alter`) that
    way and marks the constraint never to be written inside a CREATE TABLE again, on any back-end
    (SQLAlchemy 2.1): a SQLite database built later in the same process would lack it.
    """
    if not connection.dialect.supports_alter:
        return Base.metadata
    copy = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(copy)
    return copy
