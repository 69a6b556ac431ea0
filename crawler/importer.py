"""Articles from files instead of the web: JSON Lines (the INTERFACE format) and WARC archives.

Each imported article goes down the same path as a crawled one (`newsprism.crawler.store.store_page`, with the
shell's `after_store`), so an import is analyzed exactly as a crawl. A broken line or record does not
stop the import: it is reported with its line number or byte offset and every good one is stored.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsprism.crawler.discovery import parse_w3c_date
from newsprism.crawler.encoding import decode_html
from newsprism.crawler.fetch import utc_now
from newsprism.crawler.progress import ImportProgress, SilentImportProgress
from newsprism.crawler.store import AfterStore, article_from, store_page
from newsprism.crawler.urls import clean_url, is_http_url, site_of
from newsprism.crawler.workers import Extractor
from newsprism.errors import InputError
from newsprism.storage.articles import FetchedArticle
from newsprism.storage.database import Database
from newsprism.storage.models import Article, Outlet, column_length
from newsprism.storage.text import plain_text

log = logging.getLogger(__name__)
MAX_RECORD_BYTES = 10_000_000
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# The lengths of the columns these fields are stored in, read from the models so the two cannot drift.
_MAX_LENGTHS = {"url": column_length(Article.url), "outlet": column_length(Outlet.name)}


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One line or record that could not be imported, and why."""

    source: str
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.where}: {self.reason}"


@dataclass(slots=True)
class ImportSummary:
    """What an import stored, skipped (not articles) and could not read."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[ImportProblem] = field(default_factory=list)

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)


@dataclass(frozen=True, slots=True)
class _Importer:
    database: Database
    after_store: AfterStore | None
    extractor: Extractor
    now: Callable[[], datetime]
    outlet: str | None
    progress: ImportProgress


def import_files(
    paths: Iterable[Path],
    database: Database,
    *,
    after_store: AfterStore | None = None,
    extractor: Extractor | None = None,
    now: Callable[[], datetime] = utc_now,
    outlet: str | None = None,
    progress: ImportProgress | None = None,
) -> ImportSummary:
    """Import JSON Lines (`.jsonl`, `.json`, other) and WARC (`.warc`, `.warc.gz`) files. Commits.

    `outlet` names the outlet of WARC pages (default: the site's host name). `progress` is told how
    far into each file the import is, in bytes. InputError only when a file cannot be opened at all;
    bad lines and records are collected in the summary.
    """
    summary = ImportSummary()
    own = extractor is None
    shown = progress or SilentImportProgress()
    importer = _Importer(database, after_store, extractor or Extractor(), now, outlet, shown)
    try:
        for path in paths:
            reader = _read_warc if _is_warc(path) else _read_jsonl
            for item in reader(path, importer):
                if isinstance(item, ImportProblem):
                    summary.problems.append(item)
                else:
                    summary.count(item)
            importer.progress.file_done(str(path))
    finally:
        if own:
            importer.extractor.close()
    return summary


def import_records(
    records: Iterable[Any],
    database: Database,
    *,
    after_store: AfterStore | None = None,
    extractor: Extractor | None = None,
    now: Callable[[], datetime] = utc_now,
) -> ImportSummary:
    """Import articles a program holds, each a dict in the JSON Lines format (`url`, `outlet`, `text`
    or `html`, optionally `title` and `published`), as `import_files` imports a file's lines. Commits.

    A bad record is collected in the summary with its index (`articles[2]`); the good ones are stored.
    """
    summary = ImportSummary()
    own = extractor is None
    importer = _Importer(database, after_store, extractor or Extractor(), now, None, SilentImportProgress())
    try:
        for index, record in enumerate(records):
            outcome = _import_record(record, "articles", f"[{index}]", importer)
            if isinstance(outcome, ImportProblem):
                summary.problems.append(outcome)
            else:
                summary.count(outcome)
    finally:
        if own:
            importer.extractor.close()
    return summary


def _is_warc(path: Path) -> bool:
    return path.name.endswith((".warc", ".warc.gz", ".arc.gz"))


def _store(importer: _Importer, article: FetchedArticle) -> str:
    stored = store_page(importer.database, article, after_store=importer.after_store, create_outlet=True)
    return stored.status


# --- JSON Lines -----------------------------------------------------------------------------------


def _read_jsonl(path: Path, importer: _Importer) -> Iterator[str | ImportProblem]:
    try:
        size = path.stat().st_size  # first: were it to fail after the open, the file would stay open
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {str(path)!r}: {exc}") from exc
    source, read, seen_content = str(path), 0, False
    importer.progress.file_started(source, size)
    with handle:
        # Bytes, decoded line by line: a text stream decodes a whole buffer at once, so one bad byte
        # was reported at the wrong line and cost every line after it.
        for number, raw in enumerate(handle, 1):
            read += len(raw)
            importer.progress.file_advanced(source, read)
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield ImportProblem(source, f"line {number}", f"not UTF-8: {exc.reason}")
                continue
            if not line.strip():
                continue
            if not seen_content and line.lstrip().startswith("<"):
                # A page saved or downloaded by mistake: one error for the file, not one per line of it.
                yield ImportProblem(source, f"line {number}", _NOT_JSON_LINES)
                return
            seen_content = True
            yield _jsonl_line(line, source, number, importer)


_NOT_JSON_LINES = (
    "this file is an HTML or XML page, not JSON Lines (one JSON object per line, its page in the "
    "'html' key); nothing in it was imported"
)


def _jsonl_line(line: str, source: str, number: int, importer: _Importer) -> str | ImportProblem:
    try:
        # Without its line break: a string left open would otherwise be reported as a control
        # character (the break) at the end of the line, not as the open string where it starts.
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        where = f"line {number}, column {exc.colno}"
        return ImportProblem(source, where, f"not JSON: {_json_reason(exc.msg)}")
    return _import_record(record, source, f"line {number}", importer)


def _import_record(record: Any, source: str, where: str, importer: _Importer) -> str | ImportProblem:
    """Store one article given in the JSON Lines format: its status, or the problem that kept it out."""
    try:
        article = _article_from_json(record, importer)
    except ValueError as exc:
        return ImportProblem(source, where, str(exc))
    if article is None:
        return ImportProblem(source, where, "no article text could be extracted from 'html'")
    try:
        return _store(importer, article)
    except InputError as exc:
        return ImportProblem(source, where, str(exc))


# The json module ends some messages with "at", meant to be followed by its own position text; the
# problem names line and column itself, so these are reworded to read whole.
_JSON_REASONS = {
    "Unterminated string starting at": "a string starts here and is never closed",
    "Invalid control character at": "a control character (a raw tab or line break?) inside a string",
}


def _json_reason(message: str) -> str:
    return _JSON_REASONS.get(message, message.removesuffix(" at"))


def _article_from_json(record: Any, importer: _Importer) -> FetchedArticle | None:
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    url, outlet = _required_string(record, "url"), _required_string(record, "outlet")
    if not is_http_url(url):
        raise ValueError(f"'url' must be an http(s) URL, got {url!r}")
    title = _optional_string(record, "title")
    published = parse_published(record.get("published"))
    text, page_html = _optional_string(record, "text"), _optional_string(record, "html")
    if page_html:
        extracted = importer.extractor.extract_now(page_html, url)
        if extracted is None:
            return None
        article = article_from(url, outlet, extracted, importer.now(), html=page_html)
        # What the file states outranks what extraction guessed.
        return replace(article, title=title or article.title, published=published or article.published)
    if not text or not text.strip():
        raise ValueError("needs a non-empty 'text' or 'html'")
    return FetchedArticle(
        url=url,
        canonical_url=clean_url(url),
        outlet=outlet,
        text=plain_text(text),
        fetched_at=importer.now(),
        title=title,
        published=published,
    )


def _required_string(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key!r} is required and must be a non-empty string")
    return _storable(key, value.strip())


def _optional_string(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string, got {type(value).__name__}")
    return _storable(key, value) if value is not None else None


def _storable(key: str, value: str) -> str:
    """`value` if every back-end can store it under `key`; PostgreSQL refuses NUL characters and
    strings longer than their column, and would otherwise end the import at this line."""
    if "\x00" in value:
        raise ValueError(f"{key!r} contains a NUL character")
    limit = _MAX_LENGTHS.get(key)
    if limit is not None and len(value) > limit:
        raise ValueError(f"{key!r} is longer than {limit} characters")
    return value


def parse_published(value: Any) -> datetime | None:
    """An ISO 8601 date or date-time as an aware UTC datetime; ValueError naming the value otherwise."""
    if value is None or value == "":
        return None
    parsed = parse_w3c_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise ValueError(f"'published' is not an ISO 8601 date: {value!r}")
    return parsed


# --- WARC -----------------------------------------------------------------------------------------


def _read_warc(path: Path, importer: _Importer) -> Iterator[str | ImportProblem]:
    try:
        size = path.stat().st_size  # first: were it to fail after the open, the file would stay open
        stream = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {str(path)!r}: {exc}") from exc
    source = str(path)
    importer.progress.file_started(source, size)
    with stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                outcome = _warc_record(record, importer)
                # Only known once the record has been read to its end.
                where = f"offset {records.get_record_offset()}"
                # The position in the file itself (compressed bytes for .warc.gz), to compare with its size.
                importer.progress.file_advanced(source, stream.tell())
                yield outcome if isinstance(outcome, str) else ImportProblem(source, where, outcome.reason)
        except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
            # warcio cannot find the next record after a broken one: the rest of this file is lost.
            where = f"offset {records.offset}"
            yield ImportProblem(source, where, f"broken WARC record, rest of file skipped: {exc}")


@dataclass(frozen=True, slots=True)
class _BadRecord:
    reason: str


def _read_bounded(stream: Any, limit: int) -> bytes | None:
    chunks, size = [], 0
    while chunk := stream.read(65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return None
    return b"".join(chunks)


def _warc_record(record: Any, importer: _Importer) -> str | _BadRecord:
    if record.rec_type != "response" or record.http_headers is None:
        return "skipped"
    content_type = record.http_headers.get_header("Content-Type") or ""
    if record.http_headers.get_statuscode() != "200" or not content_type.lower().startswith(_HTML_TYPES):
        return "skipped"
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if not is_http_url(url):
        return _BadRecord(f"no http(s) WARC-Target-URI: {url!r}")
    body = _read_bounded(record.content_stream(), MAX_RECORD_BYTES)
    if body is None:
        return _BadRecord(f"page larger than {MAX_RECORD_BYTES} bytes")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        # The file ends inside this record (a download or copy cut short): half a page is no article.
        return _BadRecord(f"record cut short, {missing} bytes missing: the file is truncated")
    page_html = decode_html(body, content_type)
    extracted = importer.extractor.extract_now(page_html, url)
    if extracted is None:
        # Archives hold home pages, indexes and error pages too: not articles, not errors.
        return "skipped"
    outlet = importer.outlet or site_of(url)
    try:
        return _store(importer, article_from(url, outlet, extracted, importer.now(), html=page_html))
    except InputError as exc:
        return _BadRecord(str(exc))
