"""Storage of outlets, articles and their versions, fetches, events and analysis findings.

SQLAlchemy 2 models and the repository functions that are the only SQL in newsprism. SQLite (WAL) by
default, PostgreSQL when the database URL names it; the schema changes only through Alembic.
"""
