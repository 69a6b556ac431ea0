"""Findings on SQLite and PostgreSQL: they belong to the version they were found in, are replaced by a
re-analysis, and are read back by kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest
from stored_pages import page

from newsprism.storage import models
from newsprism.storage.articles import store_article
from newsprism.storage.database import Database
from newsprism.storage.findings import current_findings, save_findings


@dataclass
class FakeAttribution:
    kind: str = "direct"
    content: str = "a lot"
    start: int = 10
    end: int = 15
    cue: str | None = "said"
    cue_start: int | None = 17
    cue_end: int | None = 21
    speaker: str | None = "Kozlov"
    speaker_start: int | None = 0
    speaker_end: int | None = 6
    speaker_resolved: str | None = "Alexander Kozlov"
    source_type: str = "official"
    cue_class: str = "speech"


@dataclass
class FakeQuantity:
    text: str = "five kamikaze drones"
    start: int = 20
    end: int = 40
    value: float = 5
    unit: str | None = "drone"
    concept: str | None = "kamikaze drones"
    change: str = "="
    value_high: float | None = None


@dataclass
class FakeEntity:
    text: str = "Kim"
    label: str = "PERSON"
    start: int = 0
    end: int = 3
    canonical: str = "Kim Jong Un"


@dataclass
class FakeDate:
    text: str = "on Sunday"
    start: int = 41
    end: int = 50
    resolved: date | None = date(2023, 9, 17)


@dataclass
class FakeFindings:
    attributions: list[FakeAttribution] = field(default_factory=lambda: [FakeAttribution()])
    quantities: list[FakeQuantity] = field(default_factory=lambda: [FakeQuantity()])
    entities: list[FakeEntity] = field(
        default_factory=lambda: [FakeEntity(), FakeEntity("Putin", "PERSON", 5, 10, "Vladimir Putin")]
    )
    dates: list[FakeDate] = field(default_factory=lambda: [FakeDate()])


def test_findings_belong_to_their_version_and_are_replaced(database: Database) -> None:
    with database.transaction() as s:
        stored = store_article(s, page("https://wire.example/f", "Findings text."))
        save_findings(s, stored.version_id, FakeFindings())
        save_findings(s, stored.version_id, FakeFindings())  # re-analysis replaces, never duplicates
    with database.session() as s:
        version = s.get(models.ArticleVersion, stored.version_id)
        assert version is not None and version.analysed
        assert [(a.speaker_resolved, a.start_char, a.cue_class) for a in version.attributions] == [
            ("Alexander Kozlov", 10, "speech")
        ]
        assert [q.value for q in version.quantities] == [5]
        assert sorted(e.canonical for e in version.entities) == ["Kim Jong Un", "Vladimir Putin"]
        assert [d.resolved for d in version.dates] == [date(2023, 9, 17)]


def test_current_findings_of_the_kinds_asked(database: Database) -> None:
    with database.transaction() as s:
        stored = store_article(s, page("https://wire.example/k", "Kinds text."))
        save_findings(s, stored.version_id, FakeFindings())
    with database.session() as s:
        some = current_findings(s, ("entities", "attributions"))[stored.version_id]
        assert len(some.entities) == 2 and len(some.attributions) == 1
        assert some.quantities == [] and some.dates == []
        every = current_findings(s)[stored.version_id]
        assert [len(every.quantities), len(every.dates)] == [1, 1]
        with pytest.raises(ValueError, match="no such kind of finding: opinions"):
            current_findings(s, ("entities", "opinions"))
