"""The findings of analysis as rows: the attributions, quantities, entities and dates of each article
version, saved together with the mark that it was analyzed, and read back for grouping and reports.

A finding is a dataclass (`newsprism.compare.findings`: `Attribution`, `Quantity`, `Entity`,
`DateMention`). Storage does not import `compare`: a finding's row is made from its own fields, each
stored in the column of its name but the offsets `start` and `end`, kept as `start_char` and
`end_char`; `finding_of` reads a row back into the dataclass the same way. A field without a column
is an error, not a value dropped, and the tests hold every kind's columns to its fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cache
from operator import attrgetter
from typing import Any, ClassVar, Protocol, TypeAlias, TypeVar, cast

from sqlalchemy import Row, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from newsprism.errors import NotFoundError
from newsprism.storage.events import forget_grouping
from newsprism.storage.models import (
    Article,
    ArticleVersion,
    Attribution,
    Base,
    DateMention,
    Entity,
    Outlet,
    Quantity,
    table_of,
)

# Each kind of finding, as ArticleAnalysis and ArticleVersion name it, and its table.
FINDING_MODELS: dict[str, type[Attribution | Quantity | Entity | DateMention]] = {
    "attributions": Attribution,
    "quantities": Quantity,
    "entities": Entity,
    "dates": DateMention,
}
FINDING_KINDS = tuple(FINDING_MODELS)
# Findings read per DB-API call when they are read in bulk (regrouping reads every current one).
FINDINGS_BATCH = 2_000
# The fields stored under another name: `end` is a reserved word in SQL.
_COLUMN_OF_FIELD = {"start": "start_char", "end": "end_char"}


class Dataclass(Protocol):
    """Any dataclass instance: storage reads findings by their fields, not by importing their types."""

    __dataclass_fields__: ClassVar[dict[str, Any]]


Finding = TypeVar("Finding", bound=Dataclass)
# A plain row of any columns (`articles_to_group` names them).
ArticleRow: TypeAlias = Row[*tuple[Any, ...]]


def column_of(field_name: str) -> str:
    """The column a finding's field is stored in.

    >>> column_of("start"), column_of("speaker_start")
    ('start_char', 'speaker_start')
    """
    return _COLUMN_OF_FIELD.get(field_name, field_name)


@cache
def _columns(kind: type[Dataclass]) -> tuple[tuple[str, str], ...]:
    # (field, column) of a kind of finding, worked out once: a crawl stores dozens per article.
    return tuple((f.name, column_of(f.name)) for f in fields(kind))


@cache
def _row_reader(kind: type[Dataclass]) -> Callable[[Any], tuple[Any, ...]]:
    # The columns of every field, read in one C call: regrouping reads the findings of every article.
    if any(f.kw_only for f in fields(kind)):
        raise TypeError(f"{kind.__name__} has keyword-only fields: its findings are built by position")
    columns = [column for _, column in _columns(kind)]
    read = attrgetter(*columns)
    return read if len(columns) > 1 else lambda row: (read(row),)


def finding_row(version_id: int, finding: Dataclass) -> dict[str, Any]:
    """The row that stores `finding` for the article version `version_id`."""
    row = {column: getattr(finding, name) for name, column in _columns(type(finding))}
    row["version_id"] = version_id
    return row


def stored_fields(kind: type[Dataclass], row: Any) -> dict[str, Any]:
    """The fields of a finding of `kind` as `row` (an ORM object or a plain row) stores them, in the
    order of the dataclass's fields."""
    return {name: getattr(row, column) for name, column in _columns(kind)}


def finding_of(kind: type[Finding], row: Any) -> Finding:
    """The finding `row` stores, back as the dataclass `kind` it was saved from."""
    make = cast("Callable[..., Finding]", kind)  # a string: the alias is not built on every call
    return make(*_row_reader(kind)(row))


def save_findings(session: Session, version_id: int, analysis: Dataclass, *, fresh: bool = False) -> None:
    """Replace the findings of one article version with those of `analysis` (an ArticleAnalysis: a
    list of findings per kind) and mark it analyzed. Flushes.

    `fresh` says the version was written by this transaction (`StoredArticle.fresh_version`): it has
    no findings to replace and is not read first. The rows go in as one multi-row INSERT per kind:
    building ORM objects through the version's collections (each one lazy-loaded first) cost more
    than the analysis itself during a crawl.
    """
    if fresh:
        _insert_findings(session, version_id, analysis)
        session.execute(_MARK_ANALYZED, {"version": version_id})
        return
    version = session.get(ArticleVersion, version_id)
    if version is None:
        raise NotFoundError(f"no article version with id {version_id}")
    # A version never analyzed has no findings: they are saved in the transaction that sets the mark.
    if version.analyzed:
        for model in FINDING_MODELS.values():
            session.execute(
                delete(model).where(model.version_id == version_id),
                execution_options={"synchronize_session": False},
            )
        # Re-analyzed in place: the grouping inputs' fingerprint cannot tell these findings from the old.
        forget_grouping(session)
    _insert_findings(session, version_id, analysis)
    version.analyzed = True
    session.flush()
    # Collections loaded before (a re-analysis) would still show the replaced rows.
    session.expire(version, list(FINDING_KINDS))


def _insert_findings(session: Session, version_id: int, analysis: Dataclass) -> None:
    for kind, model in FINDING_MODELS.items():
        findings: Sequence[Dataclass] = getattr(analysis, kind)
        for kind_type in {type(finding) for finding in findings}:
            _check_columns(kind_type, model)
        rows = [finding_row(version_id, finding) for finding in findings]
        if rows:
            # The table, not the mapped class: a plain executemany, without the ORM's bulk machinery.
            session.execute(insert(table_of(model)), rows)


@cache
def _check_columns(kind: type[Dataclass], model: type[Base]) -> None:
    # An executemany drops the keys its table has no column for: a field would vanish unsaid.
    missing = [name for name, column in _columns(kind) if column not in table_of(model).c]
    if missing:
        raise TypeError(
            f"{kind.__name__} has fields {table_of(model).name!r} stores nowhere: {', '.join(missing)} "
            "(add the columns with an Alembic migration)"
        )


_MARK_ANALYZED = (
    update(table_of(ArticleVersion))
    .where(table_of(ArticleVersion).c.id == bindparam("version"))
    .values(analyzed=True)
)


def unanalyzed_version(session: Session, version_id: int) -> ArticleVersion | None:
    """The version `version_id`, locked until the transaction ends (PostgreSQL), unless it does not
    exist or was analyzed already: a second process about to analyze it waits, then finds it done."""
    version = session.get(ArticleVersion, version_id, with_for_update=True, populate_existing=True)
    return None if version is None or version.analyzed else version


def versions_to_analyze(session: Session, limit: int | None = None) -> Sequence[ArticleVersion]:
    """Article versions stored but not yet analyzed (e.g. after an interrupted run). Read-only."""
    query = select(ArticleVersion).where(ArticleVersion.analyzed.is_(False)).order_by(ArticleVersion.id)
    return session.scalars(query.limit(limit)).all()


@dataclass(slots=True)
class VersionFindings:
    """The findings rows of one article version (columns as in the models), each kind as read."""

    attributions: list[Any] = field(default_factory=list)
    quantities: list[Any] = field(default_factory=list)
    entities: list[Any] = field(default_factory=list)
    dates: list[Any] = field(default_factory=list)


def articles_to_group(session: Session) -> Sequence[ArticleRow]:
    """Every article in publication order as plain rows of what grouping reads of it: `id`, `outlet`,
    `outlet_kind`, `url`, `title`, `version_title`, `text`, `published`, `syndicated_from_id` and
    `current_version_id` (the version's columns None without one). Read-only.

    Loaded as ORM objects with their outlets and versions, the 257 fundus articles took 0.1-0.2 s,
    a sixth of the regrouping that ends a crawl.
    """
    article, version, outlet = table_of(Article), table_of(ArticleVersion), table_of(Outlet)
    query = (
        select(
            article.c.id,
            outlet.c.name.label("outlet"),
            outlet.c.kind.label("outlet_kind"),
            article.c.url,
            article.c.title,
            version.c.title.label("version_title"),
            version.c.text,
            article.c.published,
            article.c.syndicated_from_id,
            article.c.current_version_id,
        )
        .join(outlet, outlet.c.id == article.c.outlet_id)
        .outerjoin(version, version.c.id == article.c.current_version_id)
        .order_by(article.c.published.asc().nulls_last(), article.c.id)
    )
    return session.execute(query).all()


def current_findings_as(
    session: Session, kinds: Mapping[str, type[Finding]]
) -> dict[int, dict[str, list[Finding]]]:
    """The findings of every article's current version, by version id, of the kinds `kinds` names
    with the dataclass each is read back as (`{"entities": Entity}`), each kind in text order.
    Read-only.

    Each finding is made from a row of its columns in its fields' order, read in that order: made
    by column name from whole rows, then sorted, the 33,642 findings of the fundus articles took
    as long to read as grouping them.
    """
    unknown = set(kinds) - set(FINDING_KINDS)
    if unknown:
        raise ValueError(
            f"no such kind of finding: {', '.join(sorted(unknown))} (kinds: {', '.join(FINDING_KINDS)})"
        )
    article = table_of(Article)
    found: dict[int, dict[str, list[Finding]]] = {}
    for kind, kind_type in kinds.items():
        table = table_of(FINDING_MODELS[kind])
        columns = [table.c[column] for _, column in _columns(kind_type)]
        query = (
            select(table.c.version_id, *columns)
            .join(article, article.c.current_version_id == table.c.version_id)
            .order_by(table.c.version_id, table.c.start_char, table.c.id)
        )
        make = cast("Callable[..., Finding]", kind_type)
        # Rows fetched in batches: one row at a time was half the read (a DB-API call per finding).
        for rows in session.execute(query).partitions(FINDINGS_BATCH):
            for version_id, *values in rows:
                found.setdefault(version_id, {}).setdefault(kind, []).append(make(*values))
    return found


def current_findings(session: Session, kinds: Sequence[str] = FINDING_KINDS) -> dict[int, VersionFindings]:
    """The findings of every article's current version (of the `kinds` asked), by version id. Read-only."""
    unknown = set(kinds) - set(FINDING_KINDS)
    if unknown:
        raise ValueError(
            f"no such kind of finding: {', '.join(sorted(unknown))} (kinds: {', '.join(FINDING_KINDS)})"
        )
    found: dict[int, VersionFindings] = {}
    for kind, model in FINDING_MODELS.items():
        if kind not in kinds:
            continue
        table = table_of(model)
        # Unordered: analysis_of puts each kind in text order, for these rows and loaded collections alike.
        rows = session.execute(select(table).join(Article, Article.current_version_id == table.c.version_id))
        for row in rows:
            getattr(found.setdefault(row.version_id, VersionFindings()), kind).append(row)
    return found
