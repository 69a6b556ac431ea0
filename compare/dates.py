from __future__ import annotations

from datetime import date

from compare.findings import DateMention


def find_dates(text: str, published: date | None) -> list[DateMention]:
    return []
