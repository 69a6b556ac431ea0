"""What a crawl left behind, read back as a test checks it: the closing table's total row, and rows of
the database it stored into (shared by the single-process and the cluster crawl tests)."""

from __future__ import annotations

from sqlalchemy import create_engine, text

COLUMNS = ("discovered", "new", "updated", "unchanged", "failed", "skipped")


def total_row(table: str) -> dict[str, int]:
    """The `total` row of the closing table a crawl prints."""
    line = next(line for line in table.splitlines() if "total" in line)
    cells = [cell.strip() for cell in line.strip("│┃ ").split("│")]
    return dict(zip(COLUMNS, map(int, cells[1:7]), strict=True))


def rows(database_url: str, sql: str) -> list[tuple[object, ...]]:
    """The rows a query gives, on an engine of its own that is disposed after."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()
