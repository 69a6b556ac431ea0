"""The pages for people: events, one event's report with outlets side by side, an article, search.

Server-rendered with Jinja2 and autoescaping on, from the same `queries` the API answers with. No
page needs a script or an outside asset (CSS is inline, fonts are the system's), so they load fast on
a laptop or a phone and work behind any firewall.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader
from sqlalchemy.orm import Session

from newsprism.compare.reports.page import install_report_parts
from newsprism.compare.reports.style import TYPE_STYLES
from newsprism.compare.reports.view import (
    grouped_by_type,
    ranked_divergences,
    reader_time,
    reliance_chart,
    timeline,
    type_choices,
)
from newsprism.errors import InputError, NotFoundError
from newsprism.web import queries
from newsprism.web.api import MAX_ID, ReportsDep, read_session
from newsprism.web.apidocs import api_endpoints
from newsprism.web.outlet_profile import outlet_profile
from newsprism.web.textmarks import evidence_passages

log = logging.getLogger(__name__)

EVENTS_PER_PAGE = 20
HITS_PER_PAGE = 20

router = APIRouter(include_in_schema=False)
SessionDep = Annotated[Session, Depends(read_session)]


@cache
def templates() -> Environment:
    """The page templates (loaded once), autoescaped."""
    environment = Environment(
        # The report pieces (divergence cards, charts, legend) come from compare's templates, which
        # the static report is drawn with too: the page and the file cannot drift apart.
        loader=ChoiceLoader(
            [
                PackageLoader("newsprism", "templates"),
                PackageLoader("newsprism.compare.reports", "templates"),
            ]
        ),
        autoescape=True,  # every template, whatever its name: article text is written by strangers
        trim_blocks=True,
        lstrip_blocks=True,
    )
    install_report_parts(environment)
    environment.filters["href"] = safe_href
    environment.filters["outlet_href"] = outlet_href
    environment.filters["type_param"] = lambda kind: urlencode({"type": kind})
    return environment


def when(value: datetime | str | None) -> str:
    """A timestamp as a reader wants it: `3 May 2024, 12:00 UTC`, or a dash when unknown."""
    return reader_time(value)


def outlet_href(name: str) -> str:
    """The outlet page of `name`, every character of the name escaped (a `/` in it included)."""
    return "/outlets/" + quote(name, safe="")


def safe_href(url: str | None) -> str | None:
    """The URL when it is http(s); None otherwise (a `javascript:` link from a hostile page is dropped)."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in {"http", "https"} else None


def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates().get_template(name).render(**context), status_code=status_code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    """The page shown for a 400 or 404: what went wrong, and the way back."""
    return render("error.html", status, title=f"{status}", status=status, message=message, q="")


@router.get("/", response_class=HTMLResponse)
def events_page(
    session: SessionDep, reports: ReportsDep, page: Annotated[int, Query(ge=1, le=10**6)] = 1
) -> HTMLResponse:
    """Every event with its outlets and most severe divergences, most covered first."""
    total = queries.events_total(session)
    shown = queries.events_json(session, limit=EVENTS_PER_PAGE, offset=(page - 1) * EVENTS_PER_PAGE)
    for event in shown:
        event["top"] = _top_divergences(session, reports, event["id"])
    return render(
        "events.html",
        title="Events",
        events=shown,
        total=total,
        page=page,
        pages=max(1, -(-total // EVENTS_PER_PAGE)),
        q="",
    )


def _top_divergences(
    session: Session, reports: queries.ReportCache, event_id: int
) -> list[dict[str, Any]] | None:
    # One event whose report cannot be built must not take the whole list down with it; the event's
    # own page still shows the error, and the log keeps the traceback.
    try:
        return queries.top_divergences(queries.report_json(session, event_id, reports))
    except Exception:
        log.exception("the report of event %s could not be built", event_id)
        return None


TypeFilter = Annotated[list[str] | None, Query(alias="type", max_length=40)]


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(
    session: SessionDep,
    reports: ReportsDep,
    event_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    types: TypeFilter = None,
) -> HTMLResponse:
    """One event's divergence report, grouped by type (`?type=` shows only those), outlets side by
    side, with the timeline of its articles and the sources each outlet relies on."""
    report = queries.report_json(session, event_id, reports)
    outlets = list(report["event"]["outlets"])
    divergences = ranked_divergences(report, _evidence_link)
    shown = _shown_types(types, {d.type for d in divergences})
    groups = grouped_by_type(divergences, shown)
    article_ids = [int(a["id"]) for a in report["articles"] if str(a["id"]).isdigit()]
    versions = {str(k): v for k, v in queries.version_times(session, article_ids).items()}
    return render(
        "event.html",
        title=report["event"]["title"],
        report=report,
        outlets=outlets,
        kinds=queries.outlet_kinds(session),
        groups=groups,
        choices=type_choices(divergences, shown),
        shown=shown,
        total=len(divergences),
        shown_count=sum(len(g.divergences) for g in groups),
        chart=reliance_chart(report["sources"], outlets),
        line=timeline(report["articles"], outlets, versions),
        articles=_articles_by_outlet(report, outlets),
        only_link=_only_type_link(event_id),
        article_anchor=_article_page,
        q="",
    )


def _evidence_link(article_id: str, start: int, end: int) -> str:
    return f"/articles/{article_id}#at-{start}-{end}"


def _article_page(article_id: str) -> str:
    return f"/articles/{article_id}"


def _only_type_link(event_id: int) -> Any:
    def link(kind: str) -> str:
        return f"/events/{event_id}?" + urlencode({"type": kind}) + "#divergences"

    return link


def _shown_types(asked: Sequence[str] | None, present: set[str]) -> set[str] | None:
    """The types `?type=` asks for (None: all); a type newsprism does not know is a 400, not an
    empty page that looks like agreement."""
    if not asked:
        return None
    known = set(TYPE_STYLES) | present
    unknown = [kind for kind in asked if kind not in known]
    if unknown:
        raise InputError(f"type must be one of {', '.join(sorted(known))}; got {unknown[0]!r}")
    return set(asked)


def _articles_by_outlet(report: dict[str, Any], outlets: list[str]) -> list[list[dict[str, Any]]]:
    return [[a for a in report.get("articles", []) if a.get("outlet") == name] for name in outlets]


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    session: SessionDep, reports: ReportsDep, article_id: Annotated[int, Path(ge=1, le=MAX_ID)]
) -> HTMLResponse:
    """One article: its text with who-said-what highlighted and the sentences its event's divergences
    cite anchored (`#at-{start}-{end}`), its numbers, how its versions differ."""
    article = queries.article_json(session, article_id)
    evidence = _evidence_in(session, reports, article)
    return render(
        "article.html",
        title=article["title"] or f"Article {article_id}",
        article=article,
        passages=evidence_passages(article["text"], queries.article_spans(article), evidence),
        evidence_count=len(evidence),
        kind=queries.outlet_kinds(session).get(article["outlet"]),
        changes=queries.version_changes(article),
        q="",
    )


def _evidence_in(
    session: Session, reports: queries.ReportCache, article: dict[str, Any]
) -> list[tuple[int, int]]:
    if article["event"] is None:
        return []
    # The article is readable even when its event's report cannot be built; it just has no anchors.
    try:
        report = queries.report_json(session, article["event"], reports)
    except Exception:
        log.exception("the report of event %s could not be built", article["event"])
        return []
    return sorted(
        {
            (int(claim["start"]), int(claim["end"]))
            for divergence in report["divergences"]
            for claim in divergence["claims"]
            if claim.get("article_url") == article["url"]
        }
    )


@router.get("/outlets/{name:path}", response_class=HTMLResponse)
def outlet_page(session: SessionDep, name: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    """One outlet: the events it covers, its sources by kind over time, its extraction health."""
    profile = outlet_profile(session, name)
    return render("outlet.html", title=profile["outlet"]["name"], profile=profile, q="")


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The JSON API for people: every endpoint and its parameters, from the OpenAPI document."""
    return render("docs.html", title="HTTP API", endpoints=api_endpoints(request.app.openapi()), q="")


# A stored page is a stranger's HTML served from our origin: sandboxed (an opaque origin, no script,
# no form), and nothing fetched from elsewhere, so opening it neither runs nor tells anyone anything.
STORED_PAGE_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@router.get("/articles/{article_id}/copy", response_class=HTMLResponse)
def stored_page(session: SessionDep, article_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> HTMLResponse:
    """The article's page as newsprism fetched it: there when the original has changed or is gone."""
    page = queries.fetched_page(session, article_id)
    return HTMLResponse(page, headers={"Content-Security-Policy": STORED_PAGE_POLICY})


@router.get("/search", response_class=HTMLResponse)
def search_page(
    session: SessionDep,
    q: Annotated[str, Query(max_length=500)] = "",
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    speaker: str | None = None,
    event: str | None = None,  # text: the form sends an empty field for "any event"
    page: Annotated[int, Query(ge=1, le=10**6)] = 1,
) -> HTMLResponse:
    """Search with the matches highlighted and the number of matches at each outlet; the filters of
    `newsprism search` (outlet, dates, cited source, speaker, event) in the form."""
    given = {"outlet": outlet, "since": since, "until": until, "source": source, "speaker": speaker}
    form = {"q": q, "event": event or "", **{key: value or "" for key, value in given.items()}}
    filters = queries.search_filters(**given, event=queries.parse_event_id(event))
    shown: dict[str, Any] = {"form": form, "q": q, "outlets": queries.outlet_names(session)}
    try:
        # Checked even without words: `/search?outlet=Nope` must not look like an empty result.
        queries.check_named(session, filters)
    except NotFoundError as exc:
        return render("search.html", 404, title="Search", result=None, links={}, problem=str(exc), **shown)
    if not q.strip():
        return render("search.html", title="Search", result=None, links={}, **shown)
    result = queries.search_json(session, q, filters, limit=HITS_PER_PAGE, offset=(page - 1) * HITS_PER_PAGE)
    for hit in result["hits"]:
        hit["pieces"] = _snippet_pieces(hit["snippet"], hit["highlights"])
    return render(
        "search.html",
        title=f"Search: {q}",
        result=result,
        page=page,
        links=_search_links(form, result, page),
        **shown,
    )


def _snippet_pieces(snippet: str, highlights: list[list[int]]) -> list[tuple[str, bool]]:
    pieces, at = [], 0
    for start, end in highlights:
        pieces.extend([(snippet[at:start], False), (snippet[start:end], True)])
        at = end
    pieces.append((snippet[at:], False))
    return [piece for piece in pieces if piece[0]]


def _search_links(form: dict[str, str], result: dict[str, Any], page: int) -> dict[str, Any]:
    def link(**change: Any) -> str:
        params = {k: v for k, v in {**form, **change}.items() if v not in ("", None)}
        return "/search?" + urlencode(params)

    pages = max(1, -(-result["total"] // HITS_PER_PAGE))
    return {
        "facets": [
            (name, count, link(outlet=name, page=None)) for name, count in result["facets"]["outlet"].items()
        ],
        "all_outlets": link(outlet=None, page=None),
        "previous": link(page=page - 1) if page > 1 else None,
        "next": link(page=page + 1) if page < pages else None,
        "pages": pages,
    }
