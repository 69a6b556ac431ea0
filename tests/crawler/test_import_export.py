"""Imports (JSON Lines, WARC) through the crawl's store path, and the export records."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pages import PARAGRAPHS, article_html
from sqlalchemy.orm import Session
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.commands.crawling import write_export
from newsprism.crawler.importer import import_files
from newsprism.crawler.workers import Extractor
from newsprism.storage.articles import StoredArticle
from newsprism.storage.database import Database
from newsprism.storage.reading import EXPORT_KEYS, export_articles

NOW = datetime(2024, 5, 4, 12, 0, tzinfo=UTC)
TEXT = " ".join(PARAGRAPHS)


def lines(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def test_jsonl_with_bad_lines_stores_every_good_one(
    tmp_path: Path, database: Database, extractor: Extractor
) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text(
        lines(
            {
                "url": "https://a.example/one",
                "outlet": "A",
                "title": "One",
                "published": "2024-05-03",
                "text": TEXT,
            },
            "{not json",
            {"url": "https://a.example/two", "outlet": "A", "html": article_html("Two")},
            {"outlet": "A", "text": "no url"},
            "",
            {
                "url": "https://b.example/three?utm_source=x",
                "outlet": "B",
                "text": "Short text.",
                "published": "2024-05-03T10:00:00+02:00",
            },
            {"url": "https://a.example/four", "outlet": "A", "published": "yesterday", "text": "x"},
            {"url": "https://a.example/five", "outlet": "A", "text": 5},
        ),
        encoding="utf-8",
    )
    analyzed: list[StoredArticle] = []

    def analyze(session: Session, stored: StoredArticle, prepared: object = None) -> None:
        analyzed.append(stored)

    summary = import_files([path], database, extractor=extractor, now=lambda: NOW, after_store=analyze)
    assert (summary.new, len(summary.problems)) == (3, 4)
    assert [p.where for p in summary.problems] == ["line 2, column 2", "line 4", "line 7", "line 8"]
    assert "not JSON" in str(summary.problems[0]) and "'url' is required" in str(summary.problems[1])
    assert "'published' is not an ISO 8601 date: 'yesterday'" in str(summary.problems[2])
    assert len(analyzed) == 3
    with database.session() as session:
        records = {r["url"]: r for r in export_articles(session)}
    assert records["https://a.example/one"]["published"] == "2024-05-03T00:00:00+00:00"
    assert records["https://a.example/two"]["title"] == "Two"
    three = records["https://b.example/three?utm_source=x"]
    assert three["canonical_url"] == "https://b.example/three" and three["outlet"] == "B"
    assert three["published"] == "2024-05-03T08:00:00+00:00"


def test_articles_told_apart_only_by_a_query_id_are_two_articles(
    tmp_path: Path, database: Database, extractor: Extractor
) -> None:
    # Had the id been cleaned away, the first would have become an invented earlier version of the second.
    path = tmp_path / "articles.jsonl"
    path.write_text(
        lines(
            {"url": "https://a.example/view?articleId=1&utm_source=x", "outlet": "A", "text": TEXT},
            {"url": "https://a.example/view?articleId=2", "outlet": "A", "text": "Another story entirely."},
        ),
        encoding="utf-8",
    )
    summary = import_files([path], database, extractor=extractor, now=lambda: NOW)
    assert (summary.new, summary.updated, summary.problems) == (2, 0, [])
    with database.session() as session:
        records = sorted((r["canonical_url"], r["versions"]) for r in export_articles(session))
    assert records == [("https://a.example/view?articleId=1", 1), ("https://a.example/view?articleId=2", 1)]


def test_bad_bytes_and_unstorable_values_cost_only_their_line(tmp_path: Path, database_url: str) -> None:
    good = {"outlet": "A", "text": TEXT}
    path = tmp_path / "articles.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"  # a byte order mark, as some editors write
        + lines(
            {"url": "https://a.example/one", **good},
            {"url": "https://a.example/nul", "outlet": "A", "text": "a NUL \x00 byte"},
            {"url": "https://a.example/long", "outlet": "O" * 201, "text": TEXT},
            {"url": "https://a.example/" + "u" * 2000, **good},
            {"url": "https://a.example/bad-date", "published": "2024-02-30", **good},
        ).encode()
        + b'{"url": "https://a.example/latin1", "outlet": "A", "text": "caf\xe9"}\n'
        + lines({"url": "https://a.example/last", **good}).encode()
    )
    database = Database(database_url)
    try:
        summary = import_files([path], database, extractor=Extractor(workers=0))
        with database.session() as session:
            stored = sorted(record["url"] for record in export_articles(session))
    finally:
        database.close()
    assert [(p.where, p.reason.split(":")[0]) for p in summary.problems] == [
        ("line 2", "'text' contains a NUL character"),
        ("line 3", "'outlet' is longer than 200 characters"),
        ("line 4", "'url' is longer than 2000 characters"),
        ("line 5", "'published' is not an ISO 8601 date"),
        ("line 6", "not UTF-8"),
    ]
    assert stored == ["https://a.example/last", "https://a.example/one"]


def test_importing_twice_adds_nothing(tmp_path: Path, database: Database, extractor: Extractor) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(lines({"url": "https://a.example/one", "outlet": "A", "text": TEXT}), encoding="utf-8")
    import_files([path], database, extractor=extractor)
    again = import_files([path], database, extractor=extractor)
    assert (again.new, again.unchanged, again.problems) == (0, 1, [])


@pytest.mark.parametrize(
    ("line", "where", "reason"),
    [
        pytest.param(
            '{"url": "https://a.example/x", "outlet": "A", "text": "never closed}',
            "line 2, column 55",
            "not JSON: a string starts here and is never closed",
            id="unterminated-string",
        ),
        pytest.param(
            '{"url": "https://a.example/x", "outlet": "A", "text": "a\tb"}',
            "line 2, column 57",
            "not JSON: a control character (a raw tab or line break?) inside a string",
            id="control-character",
        ),
        pytest.param(
            '{"url": "https://a.example/x",, }',
            "line 2, column 31",
            "not JSON: Expecting property name enclosed in double quotes",
            id="stray-comma",
        ),
        pytest.param('{"a": 1} {"b": 2}', "line 2, column 10", "not JSON: Extra data", id="two-objects"),
    ],
)
def test_a_malformed_line_names_file_line_and_column_in_words(
    tmp_path: Path, database: Database, extractor: Extractor, line: str, where: str, reason: str
) -> None:
    # The json module's own messages end in "at" before a position, which read "at at column 47".
    path = tmp_path / "articles.jsonl"
    good = {"url": "https://a.example/one", "outlet": "A", "text": TEXT}
    path.write_text(lines(good, line), encoding="utf-8")
    summary = import_files([path], database, extractor=extractor)
    (problem,) = summary.problems
    assert (summary.new, problem.where, problem.reason) == (1, where, reason)
    assert str(problem) == f"{path}: {where}: {reason}"


@pytest.mark.parametrize(
    "page",
    [
        pytest.param("<!DOCTYPE html>\n" + article_html("Saved page"), id="html"),
        pytest.param("\n\n  <html><body>\n<p>one</p>\n<p>two</p>\n</body></html>\n", id="blank-lines-first"),
        pytest.param('<?xml version="1.0"?>\n<rss><channel>\n</channel></rss>\n', id="xml"),
    ],
)
def test_an_html_page_imported_by_mistake_is_one_problem_and_costs_nothing_stored(
    tmp_path: Path, database: Database, extractor: Extractor, page: str
) -> None:
    first = tmp_path / "a.jsonl"
    first.write_text(lines({"url": "https://a.example/one", "outlet": "A", "text": TEXT}), encoding="utf-8")
    import_files([first], database, extractor=extractor)
    mistake, after = tmp_path / "page.html", tmp_path / "b.jsonl"
    mistake.write_text(page, encoding="utf-8")
    after.write_text(lines({"url": "https://b.example/two", "outlet": "B", "text": TEXT}), encoding="utf-8")
    summary = import_files([mistake, after], database, extractor=extractor)
    (problem,) = summary.problems
    blank = len(page) - len(page.lstrip("\n"))
    assert (problem.source, problem.where) == (str(mistake), f"line {blank + 1}")
    assert problem.reason.startswith("this file is an HTML or XML page, not JSON Lines")
    assert summary.new == 1  # the file after it is still imported
    with database.session() as session:
        assert sorted(r["url"] for r in export_articles(session)) == [
            "https://a.example/one",
            "https://b.example/two",
        ]


def test_a_tag_after_good_lines_is_only_a_bad_line(
    tmp_path: Path, database: Database, extractor: Extractor
) -> None:
    # Only a file that starts as a page is given up on; a stray line in real JSON Lines costs itself.
    path = tmp_path / "a.jsonl"
    good = {"outlet": "A", "text": TEXT}
    path.write_text(
        lines({"url": "https://a.example/1", **good}, "<p>stray</p>", {"url": "https://a.example/2", **good})
    )
    summary = import_files([path], database, extractor=extractor)
    assert summary.new == 2 and [p.where for p in summary.problems] == ["line 2, column 1"]


def test_import_tells_progress_in_bytes_per_file(
    tmp_path: Path, database: Database, extractor: Extractor
) -> None:
    seen: list[tuple[str, str, int]] = []

    class Recorder:
        def file_started(self, source: str, size: int) -> None:
            seen.append(("started", source, size))

        def file_advanced(self, source: str, position: int) -> None:
            seen.append(("advanced", source, position))

        def file_done(self, source: str) -> None:
            seen.append(("done", source, 0))

    path = tmp_path / "a.jsonl"
    records = [{"url": f"https://a.example/{n}", "outlet": "A", "text": TEXT} for n in range(3)]
    path.write_text(lines(*records))
    import_files([path], database, extractor=extractor, progress=Recorder())
    size = path.stat().st_size
    positions = [position for kind, _, position in seen if kind == "advanced"]
    assert seen[0] == ("started", str(path), size) and seen[-1] == ("done", str(path), 0)
    assert len(positions) == 3 and positions == sorted(positions) and positions[-1] == size


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for url, body, content_type in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            # With the length given, warcio needs no temporary file (which it would leave open).
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
            writer.write_record(record)


@pytest.mark.parametrize("name", ["pages.warc.gz", "pages.warc"])
def test_warc_import(tmp_path: Path, database: Database, extractor: Extractor, name: str) -> None:
    path = tmp_path / name
    write_warc(
        path,
        [
            (
                "https://www.wire.example/2024/05/03/a",
                article_html("Strike").encode(),
                "text/html; charset=x",
            ),
            ("https://www.wire.example/logo.png", b"\x89PNG", "image/png"),
            ("https://www.wire.example/", b"<html><body><nav>Menu</nav></body></html>", "text/html"),
        ],
    )
    summary = import_files([path], database, extractor=extractor)
    assert (summary.new, summary.skipped, summary.problems) == (1, 2, [])
    with database.session() as session:
        (record,) = export_articles(session)
    assert record["outlet"] == "wire.example" and record["title"] == "Strike"


def test_a_broken_warc_record_is_reported_with_its_offset(
    tmp_path: Path, database: Database, extractor: Extractor
) -> None:
    path = tmp_path / "broken.warc"
    write_warc(path, [("https://wire.example/2024/05/03/a", article_html("Strike").encode(), "text/html")])
    good_length = path.stat().st_size
    with path.open("ab") as stream:
        stream.write(b"this is not a WARC record at all\r\n\r\n")
    summary = import_files([path], database, extractor=extractor)
    assert summary.new == 1
    (problem,) = summary.problems
    assert problem.where.startswith("offset ") and int(problem.where.split()[1]) >= good_length - 4


def test_a_truncated_warc_gz_keeps_the_whole_records_and_reports_the_cut_one(
    tmp_path: Path, database: Database, extractor: Extractor
) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(
        whole,
        [
            (f"https://wire.example/2024/05/03/{n}", article_html(f"Strike {n}").encode(), "text/html")
            for n in range(3)
        ],
    )
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 4 // 5])
    summary = import_files([cut], database, extractor=extractor)
    assert summary.new == 2
    (problem,) = summary.problems
    assert problem.where.startswith("offset ") and "the file is truncated" in problem.reason


def test_export_keys_jsonl_and_csv(tmp_path: Path, database: Database, extractor: Extractor) -> None:
    path = tmp_path / "a.jsonl"
    one = {"url": "https://a.example/one", "outlet": "A", "title": "T, with comma", "text": TEXT}
    two = {"url": "https://b.example/two", "outlet": "B", "text": "Other."}
    path.write_text(lines(one, two), encoding="utf-8")
    import_files([path], database, extractor=extractor)
    with database.session() as session:
        out = io.StringIO()
        write_export(export_articles(session, outlet="A"), "jsonl", out)
        (record,) = [json.loads(line) for line in out.getvalue().splitlines()]
        assert list(record) == list(EXPORT_KEYS)
        assert record["versions"] == 1 and record["authors"] == [] and record["fetched"]
        out = io.StringIO()
        write_export(export_articles(session), "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(EXPORT_KEYS) and rows[0]["title"] == "T, with comma" and len(rows) == 2
