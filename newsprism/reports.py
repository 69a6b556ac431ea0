"""Divergence reports of stored events, written as JSON, Markdown and a self-contained HTML page."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path

from sqlalchemy.orm import Session

from newsprism.compare.reports.page import render_page
from newsprism.compare.reports.report import DivergenceReport, build_report, render_markdown
from newsprism.compare.types import CoverageArticle
from newsprism.errors import InputError
from newsprism.pipeline import event_coverage
from newsprism.storage.database import Database
from newsprism.storage.events import list_events
from newsprism.storage.profiles import version_times

REPORT_FORMATS = ("json", "md", "html")


def event_report(session: Session, event_id: int) -> DivergenceReport:
    """The divergence report of one stored event. Read-only."""
    title, articles = event_coverage(session, event_id)
    return build_report(str(event_id), title, articles)


def render_event_report(session: Session, event_id: int, report_format: str) -> str:
    """One event's report as `json`, `md` or `html` text. Read-only."""
    if report_format not in REPORT_FORMATS:
        raise InputError(
            f"unknown report format {report_format!r}; choose one of {', '.join(REPORT_FORMATS)}"
        )
    title, articles = event_coverage(session, event_id)
    report = build_report(str(event_id), title, articles)
    if report_format == "json":
        return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
    if report_format == "md":
        return render_markdown(report)
    return report_page(session, report, articles)


def report_page(session: Session, report: DivergenceReport, articles: list[CoverageArticle]) -> str:
    """The static HTML page of a report, its timeline marking each article's later versions. Read-only."""
    ids = [int(a.id) for a in articles if a.id.isdigit()]
    versions = {str(article_id): times for article_id, times in version_times(session, ids).items()}
    return render_page(report, articles, versions)


@dataclass(frozen=True, slots=True)
class WrittenReport:
    """The files written for one event and what its report found."""

    event_id: int
    title: str
    outlets: list[str]
    divergence_types: list[str]
    html: Path


def write_event_reports(
    database: Database, out: Path, *, links: Mapping[str, str] | None = None
) -> list[WrittenReport]:
    """Write report-<event>.json, .md and .html for every stored event into `out` (created).

    `links` maps article URLs to the links the Markdown and HTML give instead (the JSON keeps each
    article's `url`, its identity): the demo points them at copies of pages whose server is gone.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create report folder {str(out)!r}: {exc.strerror}") from exc
    written = []
    with database.session() as session:
        for event in list_events(session):
            title, articles = event_coverage(session, event.id)
            report = build_report(str(event.id), title, articles)
            stem = out / f"report-{event.id}"
            stem.with_suffix(".json").write_text(
                json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            markdown, page = render_markdown(report), report_page(session, report, articles)
            stem.with_suffix(".md").write_text(_relinked(markdown, links or {}), encoding="utf-8")
            stem.with_suffix(".html").write_text(_relinked(page, links or {}, html=True), encoding="utf-8")
            data = report.to_json()
            written.append(
                WrittenReport(
                    event.id,
                    title,
                    list(data["event"]["outlets"]),
                    [d["type"] for d in data["divergences"]],
                    stem.with_suffix(".html"),
                )
            )
    return written


def _relinked(text: str, links: Mapping[str, str], *, html: bool = False) -> str:
    # URLs as the renderer wrote them: escaped in HTML attributes. Replacing a whole http(s) URL with
    # a relative path of the caller's cannot open a way for markup or a `javascript:` link.
    # Longest first, so that no URL is replaced inside a longer one it begins.
    for url, link in sorted(links.items(), key=lambda pair: -len(pair[0])):
        text = text.replace(escape(url) if html else url, escape(link) if html else link)
    return text
