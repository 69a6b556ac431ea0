"""The newsprism schema as SQLAlchemy 2 typed models.

Every finding of analysis (attribution, quantity, entity, date) belongs to the article version it was
found in, so a changed article keeps the findings of each of its versions. Table and column names are
plain so the SQLite file stays friendly to generic tools.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    Unicode,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# A naming convention lets Alembic name (and later drop) constraints identically on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that always comes back timezone-aware in UTC.

    SQLite keeps no time zone, so without this an aware datetime written to it is read back naive and
    no longer compares with the aware ones newsprism uses everywhere.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def column_length(attribute: Any) -> int:
    """The declared length of a String column: `column_length(Article.url)` is 2000."""
    column_type = attribute.expression.type
    if not isinstance(column_type, String) or column_type.length is None:
        raise TypeError(f"{attribute} is not a String column with a length")
    return int(column_type.length)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


def table_of(model: type[Base]) -> Table:
    """The table of a model, for Core statements (plain INSERTs and UPDATEs without the ORM's unit of
    work, which the crawl's one database thread cannot afford per article)."""
    return model.metadata.tables[model.__tablename__]


class Outlet(Base):
    """A news organisation newsprism follows (a wire agency, a state agency, a daily ...)."""

    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    homepage: Mapped[str | None] = mapped_column(String(2000))
    kind: Mapped[str] = mapped_column(String(20), default="other")
    country: Mapped[str | None] = mapped_column(String(8))
    language: Mapped[str | None] = mapped_column(String(16))

    articles: Mapped[list[Article]] = relationship(back_populates="outlet")


class Article(Base):
    """One story at one outlet, known by the URL it was first seen at and its canonical URL."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    canonical_url: Mapped[str] = mapped_column(String(2000), unique=True)
    outlet_id: Mapped[int] = mapped_column(ForeignKey("outlets.id"), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    published: Mapped[datetime | None] = mapped_column(index=True)
    language: Mapped[str | None] = mapped_column(String(16))
    first_seen: Mapped[datetime]
    last_fetched: Mapped[datetime]
    # Circular with article_versions.article_id, hence use_alter: the version row is written first.
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("article_versions.id", use_alter=True, ondelete="SET NULL")
    )
    # A wire copy points at the earliest article with the same text; it is not an independent report.
    syndicated_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )

    outlet: Mapped[Outlet] = relationship(back_populates="articles")
    versions: Mapped[list[ArticleVersion]] = relationship(
        back_populates="article",
        foreign_keys="ArticleVersion.article_id",
        order_by="ArticleVersion.number",
        cascade="all, delete-orphan",
    )
    current_version: Mapped[ArticleVersion | None] = relationship(
        foreign_keys=[current_version_id], post_update=True
    )


class ArticleVersion(Base):
    """The text of an article as fetched at one time; a new row only when the text changed."""

    __tablename__ = "article_versions"
    __table_args__ = (
        UniqueConstraint("article_id", "number"),
        UniqueConstraint("article_id", "content_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    fetched_at: Mapped[datetime]
    # zlib-compressed page as fetched, so extraction can be re-run without the network. Deferred: a
    # version is loaded for its text, and its page (most of the row) only when asked for.
    raw_html: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    # The column keeps the name it was created with; code and Core statements say `analyzed`.
    analyzed: Mapped[bool] = mapped_column("analysed", Boolean, default=False, key="analyzed")

    article: Mapped[Article] = relationship(back_populates="versions", foreign_keys=[article_id])
    attributions: Mapped[list[Attribution]] = relationship(
        back_populates="version", cascade="all, delete-orphan"
    )
    quantities: Mapped[list[Quantity]] = relationship(back_populates="version", cascade="all, delete-orphan")
    entities: Mapped[list[Entity]] = relationship(back_populates="version", cascade="all, delete-orphan")
    dates: Mapped[list[DateMention]] = relationship(back_populates="version", cascade="all, delete-orphan")


class FetchRecord(Base):
    """One HTTP fetch (feed, sitemap, robots.txt or article) and how it went."""

    __tablename__ = "fetches"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), index=True)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id", ondelete="SET NULL"))
    purpose: Mapped[str] = mapped_column(String(16), default="article")
    status: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)
    elapsed_ms: Mapped[float | None] = mapped_column(Float)
    fetched_at: Mapped[datetime] = mapped_column(index=True)


class HttpValidator(Base):
    """The ETag and Last-Modified last seen for a URL, for conditional GET on the next fetch."""

    __tablename__ = "http_validators"

    url: Mapped[str] = mapped_column(String(2000), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime]


class Event(Base):
    """A story covered by one or more outlets: the unit a divergence report compares."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable across re-grouping: derived from the founding article, so reports keep their names.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    first_published: Mapped[datetime | None]
    last_published: Mapped[datetime | None]

    members: Mapped[list[EventArticle]] = relationship(back_populates="event", cascade="all, delete-orphan")


class EventArticle(Base):
    """Membership of an article in an event (an article belongs to one event at most)."""

    __tablename__ = "event_articles"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, unique=True
    )
    similarity: Mapped[float] = mapped_column(Float, default=1.0)

    event: Mapped[Event] = relationship(back_populates="members")
    article: Mapped[Article] = relationship()


class Attribution(Base):
    """Who said what in one article version (a quote, reported speech or a source cue)."""

    __tablename__ = "attributions"
    __table_args__ = (Index("ix_attributions_speaker_resolved", "speaker_resolved"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("article_versions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int]
    end_char: Mapped[int]
    cue: Mapped[str | None] = mapped_column(String(200))
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_start: Mapped[int | None]
    speaker_end: Mapped[int | None]
    speaker_resolved: Mapped[str | None] = mapped_column(String(500))
    source_type: Mapped[str] = mapped_column(String(16))
    # Columns a migration added come last, in its order, as the migrated table has them: a new
    # database is built from these declarations (newsprism.storage.schema).
    cue_start: Mapped[int | None]
    cue_end: Mapped[int | None]
    # speech | belief | intention | perception | document; NULL on rows analyzed before issue 16.
    cue_class: Mapped[str | None] = mapped_column(String(16))

    version: Mapped[ArticleVersion] = relationship(back_populates="attributions")


class Quantity(Base):
    """A number and what it counts, found in one article version."""

    __tablename__ = "quantities"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("article_versions.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int]
    end_char: Mapped[int]
    value: Mapped[float] = mapped_column(Float)
    value_high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(200))
    concept: Mapped[str | None] = mapped_column(String(500))
    change: Mapped[str] = mapped_column(String(8), default="=")

    version: Mapped[ArticleVersion] = relationship(back_populates="quantities")


class Entity(Base):
    """A named person, organisation, place or group mentioned in one article version."""

    __tablename__ = "entities"
    __table_args__ = (Index("ix_entities_canonical", "canonical"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("article_versions.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(8))
    start_char: Mapped[int]
    end_char: Mapped[int]
    canonical: Mapped[str] = mapped_column(String(500))

    version: Mapped[ArticleVersion] = relationship(back_populates="entities")


class DateMention(Base):
    """A date named in one article version, resolved against its publication date when possible."""

    __tablename__ = "date_mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("article_versions.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start_char: Mapped[int]
    end_char: Mapped[int]
    resolved: Mapped[date | None] = mapped_column(Date)

    version: Mapped[ArticleVersion] = relationship(back_populates="dates")


class SchedulerLock(Base):
    """Who runs `newsprism schedule` on this database: one row per lock, refreshed by a heartbeat."""

    __tablename__ = "scheduler_locks"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    pid: Mapped[int]
    host: Mapped[str] = mapped_column(String(255))
    started_at: Mapped[datetime]
    heartbeat_at: Mapped[datetime]


class GroupingState(Base):
    """What the stored events were grouped from: a fingerprint of every grouping input (each article's
    current version, syndication link, publication time and analysis), so a pass that changed none
    of them skips regrouping every article."""

    __tablename__ = "grouping_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    articles: Mapped[int]
    grouped_at: Mapped[datetime]


# APScheduler 3's SQLAlchemyJobStore table, declared here exactly as APScheduler declares it so that the
# schema stays whole under Alembic (autogenerate would otherwise propose dropping it).
apscheduler_jobs = Table(
    "apscheduler_jobs",
    Base.metadata,
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25), index=True),
    Column("job_state", LargeBinary, nullable=False),
)
