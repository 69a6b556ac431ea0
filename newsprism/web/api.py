"""The read-only JSON API under `/api`, typed with pydantic so `/openapi.json` describes every answer.

Each endpoint checks its parameters, opens one short read session and calls one function of
`newsprism.web.queries`. Unknown ids are 404s and bad parameters or queries 400s with a JSON reason
(see `newsprism.web.app`), never a 500.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from dataclasses import fields
from datetime import datetime
from functools import reduce
from types import UnionType
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field, create_model
from sqlalchemy.orm import Session

from newsprism.compare.findings import FINDING_TYPES
from newsprism.storage.database import Database
from newsprism.storage.findings import FINDING_MODELS, column_of
from newsprism.web import queries
from newsprism.web.apidocs import api_endpoints

MAX_ID = queries.MAX_ID


class ErrorOut(BaseModel):
    """Why a request was refused (400) or found nothing (404)."""

    error: str


class ArticleSummary(BaseModel):
    id: int
    url: str
    canonical_url: str
    outlet: str
    title: str | None
    published: datetime | None
    language: str | None


class ArticlesOut(BaseModel):
    total: int
    total_is_estimate: bool = False
    limit: int
    offset: int
    items: list[ArticleSummary]


class VersionOut(BaseModel):
    number: int
    title: str | None
    fetched_at: datetime
    content_hash: str
    text: str


def finding_model(kind: str) -> type[BaseModel]:
    """The model of one kind of finding as `queries.article_json` answers it, made from the fields of
    its dataclass (compare.findings), so that a field added there is described here too.

    Types are the dataclass's, but literals are answered as plain strings; a whole `value` as an
    integer; a field whose column may be null (`cue_class`) as null, and optional.
    """
    dataclass_type = FINDING_TYPES[kind]
    hints = get_type_hints(dataclass_type)
    model = FINDING_MODELS[kind]
    answered: dict[str, Any] = {}
    for field in fields(dataclass_type):
        if field.name in queries.FIELDS_NOT_ANSWERED:
            continue
        annotation = _answered_type(hints[field.name])
        if field.name in queries.WHOLE_NUMBER_FIELDS:
            annotation = annotation | int
        if model.__table__.c[column_of(field.name)].nullable and not _admits_none(annotation):
            answered[field.name] = (annotation | None, None)
        else:
            answered[field.name] = (annotation, ...)
    made: type[BaseModel] = create_model(f"{dataclass_type.__name__}Out", **answered)
    return made


def _answered_type(hint: Any) -> Any:
    """`hint` as the JSON answers it: `Literal["direct", ...]` is a string; unions map each member."""
    if get_origin(hint) is Literal:
        return str
    if get_origin(hint) in (Union, UnionType):
        return reduce(operator.or_, (_answered_type(member) for member in get_args(hint)))
    return hint


def _admits_none(annotation: Any) -> bool:
    return annotation is type(None) or type(None) in get_args(annotation)


if TYPE_CHECKING:  # mypy sees models; the real ones are made from the dataclasses below
    AttributionOut = BaseModel
    QuantityOut = BaseModel
    EntityOut = BaseModel
else:
    AttributionOut, QuantityOut, EntityOut = (finding_model(kind) for kind in queries.ANSWERED_FINDINGS)


class ArticleOut(ArticleSummary):
    authors: list[str]
    first_seen: datetime
    last_fetched: datetime
    syndicated_from: int | None
    event: int | None
    text: str
    versions: list[VersionOut]
    attributions: list[AttributionOut]
    quantities: list[QuantityOut]
    entities: list[EntityOut]


class EventArticleOut(BaseModel):
    id: int
    url: str
    outlet: str
    title: str | None
    published: datetime | None


class EventOut(BaseModel):
    id: int
    title: str
    first_published: datetime | None
    last_published: datetime | None
    outlets: list[str]
    articles: list[EventArticleOut]


class _Open(BaseModel):
    # The report grows by adding keys (INTERFACE.md); unknown ones pass through untouched.
    model_config = ConfigDict(extra="allow")


class ClaimOut(_Open):
    outlet: str
    article_url: str | None = None
    text: str
    start: int | None = None
    end: int | None = None
    value: Any = None
    speaker: str | None = None


class DivergenceOut(_Open):
    type: str
    summary: str
    severity: float
    claims: list[ClaimOut]


class SourceOut(_Open):
    source: str
    source_type: str
    cited_by: dict[str, int]


class ReportEventOut(_Open):
    id: str | int
    title: str
    outlets: list[str]


class ReportArticleOut(_Open):
    id: str | int
    url: str
    outlet: str
    title: str | None
    published: str | None


class ReportOut(_Open):
    event: ReportEventOut
    articles: list[ReportArticleOut]
    divergences: list[DivergenceOut]
    sources: list[SourceOut]


class SearchHitOut(BaseModel):
    id: int
    url: str
    outlet: str
    title: str | None
    published: datetime | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]]


class FacetsOut(BaseModel):
    outlet: dict[str, int]


class SearchOut(BaseModel):
    query: str
    total: int
    total_is_estimate: bool = Field(
        False, description="`total` (and the facet counts) extrapolated from the newest matches, not counted"
    )
    ranked_newest: int | None = Field(
        None, description="when set, the hits are the best of this many most recently stored matches"
    )
    limit: int
    offset: int
    hits: list[SearchHitOut]
    facets: FacetsOut
    facets_are_estimates: bool = False


class OutletOut(BaseModel):
    name: str
    homepage: str | None
    kind: str
    country: str | None
    language: str | None
    articles: int


class CitedSourceOut(BaseModel):
    source: str
    source_type: str
    cited_by: dict[str, int]
    citations: int


def read_session(request: Request) -> Iterator[Session]:
    """One short read-only session per request, from the database the app was built with."""
    database: Database = request.app.state.database
    with database.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(read_session)]


def report_cache(request: Request) -> queries.ReportCache:
    """The reports the app built, shared by its requests (see `queries.ReportCache`)."""
    reports: queries.ReportCache = request.app.state.reports
    return reports


ReportsDep = Annotated[queries.ReportCache, Depends(report_cache)]
Outlet = Annotated[str | None, Query(description="Only this outlet (its exact name).")]
Since = Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD or ISO date-time).")]
Until = Annotated[str | None, Query(description="Published before; a bare date includes that day.")]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_PAGE, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="How many results to skip.")]
SearchQuery = Annotated[
    str,
    Query(
        min_length=1,
        max_length=500,
        description='words, "phrases", prefix*, AND, OR, NOT or -word, (parentheses)',
    ),
]
ArticleId = Annotated[int, Path(ge=1, le=MAX_ID)]
EventId = Annotated[int, Path(ge=1, le=MAX_ID)]
ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorOut}, 404: {"model": ErrorOut}}

router = APIRouter(prefix="/api", tags=["api"], responses={400: {"model": ErrorOut}})


@router.get("", include_in_schema=False)
def api_index(request: Request) -> dict[str, Any]:
    """What `/api` offers: every endpoint with its summary, and where the full description is."""
    keys = ("method", "path", "summary", "description")
    endpoints = [{key: e[key] for key in keys} for e in api_endpoints(request.app.openapi())]
    return {"openapi": "/openapi.json", "docs": "/docs", "endpoints": endpoints}


@router.get("/articles", response_model=ArticlesOut)
def list_articles(
    session: SessionDep,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    q: Annotated[str | None, Query(max_length=500, description="Only articles matching this search.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stored articles, newest first (best match first with `q`), one page at a time."""
    filters = queries.search_filters(outlet=outlet, since=since, until=until)
    return queries.articles_json(session, filters, q, limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=ERRORS)
def get_article(session: SessionDep, article_id: ArticleId) -> dict[str, Any]:
    """One article with its current text, every version, and its attributions, quantities, entities."""
    return queries.article_json(session, article_id)


@router.get("/events", response_model=list[EventOut])
def list_events(
    session: SessionDep,
    since: Since = None,
    limit: Annotated[
        int | None, Query(ge=1, le=queries.MAX_PAGE, description="Page size [default: every event].")
    ] = None,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    """Every event (articles of several outlets about one story), most covered first; one page of
    them with `limit` and `offset`."""
    return queries.events_json(session, queries.parse_when(since, "since"), limit=limit, offset=offset)


@router.get("/events/{event_id}/report", response_model=ReportOut, responses=ERRORS)
def event_report(session: SessionDep, reports: ReportsDep, event_id: EventId) -> dict[str, Any]:
    """The divergence report of one event, as `newsprism report --format json` writes it."""
    return queries.report_json(session, event_id, reports)


@router.get("/search", response_model=SearchOut)
def search(
    session: SessionDep,
    q: SearchQuery,
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    event: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only articles of this event.")] = None,
    source: Annotated[str | None, Query(description="Only articles citing this source (e.g. TASS).")] = None,
    speaker: Annotated[str | None, Query(description="Only articles quoting a speaker named so.")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Full-text search, best match first, with a highlighted snippet and the count per outlet."""
    filters = queries.search_filters(
        outlet=outlet, since=since, until=until, event=event, source=source, speaker=speaker
    )
    return queries.search_json(session, q, filters, limit=limit, offset=offset)


@router.get("/outlets", response_model=list[OutletOut])
def list_outlets(session: SessionDep) -> list[dict[str, Any]]:
    """Every outlet with its description and how many articles are stored."""
    return queries.outlets_json(session)


@router.get("/sources", response_model=list[CitedSourceOut])
def list_sources(
    session: SessionDep, outlet: Outlet = None, since: Since = None, until: Until = None
) -> list[dict[str, Any]]:
    """Who cites whom how often: each source with the number of citations by each outlet."""
    filters = queries.search_filters(outlet=outlet, since=since, until=until)
    return queries.sources_json(session, filters)
