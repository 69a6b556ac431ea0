"""The web application `newsprism serve` runs: the JSON API, the pages, and how errors are answered.

Errors a user can act on never become a 500: an unknown id is a 404, a bad parameter or a query the
search engine cannot parse is a 400, each with one sentence saying why (JSON under `/api`, a page
elsewhere). Pages carry a strict Content-Security-Policy: they need no script and no outside asset,
so even a missed escape could not run one.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException

from newsprism.errors import InputError, NewsprismError, NotFoundError
from newsprism.storage.database import Database
from newsprism.web import api, pages, queries

log = logging.getLogger(__name__)

PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def create_app(database: Database) -> FastAPI:
    """The API and pages over `database` (opened and migrated by the caller)."""
    app = FastAPI(
        title="newsprism",
        summary="Compare how outlets cover the same event: who said what, the numbers, what is left out.",
        version="0.1.0",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN; the OpenAPI document stays
        redoc_url=None,
    )
    app.state.database = database
    app.state.reports = queries.ReportCache()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(NotFoundError, _answer(404))
    app.add_exception_handler(InputError, _answer(400))
    app.add_exception_handler(RequestValidationError, _bad_parameters)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(NewsprismError, _answer(503))
    app.add_exception_handler(SQLAlchemyError, _database_error)
    app.middleware("http")(_security_headers)
    return app


def _answer(status: int) -> Callable[[Request, Exception], Response]:
    def handle(request: Request, exc: Exception) -> Response:
        return _error(request, status, " ".join(str(exc).split()))

    return handle


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return JSONResponse({"error": message}, status_code=status)
    return pages.error_page(request, status, message)


def _bad_parameters(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    reasons = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in {"query", "path"})
        reasons.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return _error(request, 400, "bad parameter " + "; ".join(reasons))


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = "no such page" if exc.status_code == 404 else str(exc.detail)
    return _error(request, exc.status_code, message)


def _database_error(request: Request, exc: Exception) -> Response:
    log.error("database error answering %s: %s", request.url.path, exc)
    return _error(request, 503, "the database cannot answer right now; try again")


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if response.headers.get("content-type", "").startswith("text/html"):
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
    return response
