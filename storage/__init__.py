"""Storage of outlets, articles and their versions, fetches, events and analysis findings: the only
SQL in newsprism.

`Database` (in `database`) opens a database and brings it to the schema head; the models are in
`models`; each job has its module of functions that take an open Session and leave committing to the
caller: `articles` (storing articles and outlets), `findings`, `fetches` (fetch records and HTTP
validators), `events`, `locks` (the schedule's), and the reads of the API, pages and export in
`reading`, `profiles` and `search`. SQLite (WAL) by default, PostgreSQL when the database URL names
it; the schema changes only through Alembic.
"""
