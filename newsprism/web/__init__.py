"""The HTTP face of newsprism: the read-only JSON API, the pages, and the queries both share.

`create_app(database)` in `newsprism.web.app` builds the application `newsprism serve` runs.
"""
