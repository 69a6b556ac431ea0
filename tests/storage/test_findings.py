"""Findings on SQLite and PostgreSQL: they belong to the version they were found in, are replaced by a
re-analysis, and are read back by kind."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

import pytest
from stored_pages import page

from newsprism.compare.findings import FINDING_TYPES
from newsprism.storage import models
from newsprism.storage.articles import store_article
from newsprism.storage.database import Database
from newsprism.storage.findings import (
    FINDING_KINDS,
    FINDING_MODELS,
    column_of,
    current_findings,
    finding_of,
    finding_row,
    save_findings,
)


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
        assert version is not None and version.analyzed
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


def test_the_kinds_are_those_of_an_article_analysis() -> None:
    assert FINDING_KINDS == tuple(FINDING_TYPES)


@pytest.mark.parametrize("kind", FINDING_KINDS)
def test_each_kind_is_stored_in_a_column_per_field_of_its_dataclass(kind: str) -> None:
    # The one definition is the dataclass: a field without its column, or a column no field fills,
    # is a schema that drifted from it (the change wants an Alembic migration).
    columns = {column.name for column in FINDING_MODELS[kind].__table__.columns} - {"id", "version_id"}
    assert columns == {column_of(f.name) for f in fields(FINDING_TYPES[kind])}


def test_a_finding_is_read_back_as_the_dataclass_it_was_saved_from(database: Database) -> None:
    saved = FakeFindings()
    with database.transaction() as s:
        stored = store_article(s, page("https://wire.example/r", "Read back."))
        save_findings(s, stored.version_id, saved)
    with database.session() as s:
        version = s.get(models.ArticleVersion, stored.version_id)
        assert version is not None
        assert [finding_of(FakeAttribution, row) for row in version.attributions] == saved.attributions
        assert [finding_of(FakeQuantity, row) for row in version.quantities] == saved.quantities
        assert [finding_of(FakeDate, row) for row in version.dates] == saved.dates
        read = current_findings(s)[stored.version_id]  # plain rows read the same as ORM objects
        assert sorted(finding_of(FakeEntity, row).canonical for row in read.entities) == [
            "Kim Jong Un",
            "Vladimir Putin",
        ]


def test_a_field_without_a_column_is_an_error_not_a_value_dropped(database: Database) -> None:
    @dataclass
    class Unmapped:
        text: str = "Kim"
        label: str = "PERSON"
        start: int = 0
        end: int = 3
        canonical: str = "Kim Jong Un"
        mood: str = "calm"  # no such column

    assert finding_row(7, Unmapped())["mood"] == "calm"
    with pytest.raises(TypeError, match=r"entities.* mood"), database.transaction() as s:
        stored = store_article(s, page("https://wire.example/u", "Unmapped."))
        save_findings(s, stored.version_id, FakeFindings(entities=[Unmapped()]))  # type: ignore[list-item]
