"""The pages for people: events, one event's report with outlets side by side, an article, search.

Server-rendered with Jinja2 and autoescaping on, from the same `queries` the API answers with. No
page needs a script or an outside asset (CSS is inline, fonts are the system's), so they load fast on
a laptop or a phone and work behind any firewall.
"""

from __future__ import annotations

import logging
from datetime import datetime
from functools import cache
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader
from sqlalchemy.orm import Session

from newsprism.web import queries
from newsprism.web.api import MAX_ID, ReportsDep, read_session
from newsprism.web.apidocs import api_endpoints
from storage.errors import NotFoundError

log = logging.getLogger(__name__)

EVENTS_PER_PAGE = 20
HITS_PER_PAGE = 20

router = APIRouter(include_in_schema=False)
SessionDep = Annotated[Session, Depends(read_session)]


@cache
def templates() -> Environment:
    """The page templates (loaded once), autoescaped."""
    environment = Environment(
        loader=PackageLoader("newsprism", "templates"),
        autoescape=True,  # every template, whatever its name: article text is written by strangers
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["when"] = when
    environment.filters["href"] = safe_href
    return environment


def when(value: datetime | str | None) -> str:
    """A timestamp as a reader wants it: `2024-05-03 12:00 UTC`, or a dash when unknown."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
    else:
        moment = value
    return moment.strftime("%Y-%m-%d %H:%M UTC" if moment.tzinfo else "%Y-%m-%d %H:%M")


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


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(
    session: SessionDep, reports: ReportsDep, event_id: Annotated[int, Path(ge=1, le=MAX_ID)]
) -> HTMLResponse:
    """One event's divergence report, the outlets side by side."""
    report = queries.report_json(session, event_id, reports)
    outlets = list(report["event"]["outlets"])
    divergences = sorted(report["divergences"], key=lambda d: -float(d.get("severity") or 0))
    columns = [_claims_by_outlet(d, outlets) for d in divergences]
    return render(
        "event.html",
        title=report["event"]["title"],
        report=report,
        outlets=outlets,
        divergences=list(zip(divergences, columns, strict=True)),
        articles=_articles_by_outlet(report, outlets),
        q="",
    )


def _claims_by_outlet(divergence: dict[str, Any], outlets: list[str]) -> list[list[dict[str, Any]]]:
    return [[c for c in divergence.get("claims", []) if c.get("outlet") == name] for name in outlets]


def _articles_by_outlet(report: dict[str, Any], outlets: list[str]) -> list[list[dict[str, Any]]]:
    return [[a for a in report.get("articles", []) if a.get("outlet") == name] for name in outlets]


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(session: SessionDep, article_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> HTMLResponse:
    """One article: its text with who-said-what highlighted, its numbers, how its versions differ."""
    article = queries.article_json(session, article_id)
    return render(
        "article.html",
        title=article["title"] or f"Article {article_id}",
        article=article,
        pieces=queries.article_pieces(article),
        changes=queries.version_changes(article),
        q="",
    )


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
        "search.html", title=f"Search: {q}", result=result, page=page,
        links=_search_links(form, result, page), **shown,
    )  # fmt: skip


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
