"""`crawl`, `import` and `export` as a user runs them: real processes, a loopback outlet, SQLite files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from loopback import LoopbackSite, Reply

REPO = Path(__file__).resolve().parents[2]
EXPORT_KEYS = [
    "id",
    "url",
    "canonical_url",
    "outlet",
    "title",
    "authors",
    "published",
    "language",
    "text",
    "versions",
    "fetched",
]
BODY = "".join(
    f"<p>Paragraph {i}: the harbour authority said five cargo ships were held outside the port while"
    f" inspectors examined their papers, and union leaders called for more staff before winter.</p>"
    for i in range(4)
)


def page(title: str) -> str:
    return (
        f'<html lang="en"><head><title>{title}</title><meta name="author" content="Jane Reporter">'
        '<meta property="article:published_time" content="2024-05-03T10:00:00+00:00"></head>'
        f"<body><article><h1>{title}</h1>{BODY}</article></body></html>"
    )


def newsprism(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsprism", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


@pytest.fixture
def outlet_toml(tmp_path: Path, site: LoopbackSite) -> Path:
    links = ["/2024/05/03/port-strike", "/2024/05/03/missing-story"]
    items = "".join(f"<item><title>t</title><link>{site.url(link)}</link></item>" for link in links)
    site.route("/rss.xml", Reply(body=f"<rss><channel>{items}</channel></rss>", content_type="text/xml"))
    site.route("/2024/05/03/port-strike", Reply(body=page("Port strike")))
    path = tmp_path / "outlets.toml"
    path.write_text(
        f'[crawler]\nallow_private_networks = true\n\n[[outlet]]\nname = "Loopback Wire"\n'
        f'homepage = "{site.url("/")}"\nfeeds = ["{site.url("/rss.xml")}"]\ndelay = "0s"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.slow
def test_crawl_then_export(tmp_path: Path, outlet_toml: Path) -> None:
    db = f"sqlite:///{tmp_path / 'n.db'}"
    done = newsprism("--db", db, "crawl", "--config", str(outlet_toml), cwd=tmp_path)
    assert done.returncode == 0, done.stderr  # a failed URL (the 404) does not fail the pass
    assert "Loopback Wire" in done.stdout and "discovered" in done.stdout
    line = next(line for line in done.stdout.splitlines() if "Loopback Wire" in line)
    assert [cell.strip() for cell in line.strip("│┃ ").split("│")][1:7] == ["2", "1", "0", "0", "1", "0"]
    assert "Loopback Wire: some pages failed:" in done.stdout and "missing-story: HTTP 404" in done.stdout
    exported = newsprism("--db", db, "export", cwd=tmp_path)
    (record,) = [json.loads(line) for line in exported.stdout.splitlines()]
    assert list(record) == EXPORT_KEYS and record["title"] == "Port strike" and record["versions"] == 1
    as_csv = newsprism("--db", db, "export", "--format", "csv", "--outlet", "Loopback Wire", cwd=tmp_path)
    (row,) = csv.DictReader(io.StringIO(as_csv.stdout))
    assert row["authors"] == "Jane Reporter"
    later = newsprism("--db", db, "export", "--since", "2024-05-04", cwd=tmp_path)
    assert later.returncode == 0 and later.stdout == ""


def test_crawl_names_an_outlet_that_yielded_nothing_and_what_to_do_without_v(
    tmp_path: Path, outlet_toml: Path
) -> None:
    # By default loopback is refused: the operator is told which setting allows it.
    refused = tmp_path / "refused.toml"
    refused.write_text(outlet_toml.read_text("utf-8").replace("allow_private_networks = true", ""))
    db = f"sqlite:///{tmp_path / 'n.db'}"
    done = newsprism("--db", db, "crawl", "--config", str(refused), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    said = done.stdout[done.stdout.index("Loopback Wire: nothing stored, because") :]
    assert "is a private or local address" in said and "allow_private_networks = true" in said


def test_crawl_with_a_bad_config_is_one_line_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "outlets.toml"
    bad.write_text('[[outlet]]\nname = "X"\nhomepage = "https://x.example/"\nevery = "soon"')
    done = newsprism("--db", f"sqlite:///{tmp_path / 'n.db'}", "crawl", "--config", str(bad), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        """newsprism: error: outlets.toml: outlet 'X': 'every' must be a duration like "15m", got "soon\""""
    ]


def test_import_reports_bad_lines_and_keeps_the_good(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    good = {"url": "https://a.example/one", "outlet": "A", "text": "An imported article. " * 10}
    path.write_text(f"{json.dumps(good)}\n{{broken\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'n.db'}"
    done = newsprism("--db", db, "import", "in.jsonl", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        "newsprism: error: in.jsonl: line 2, column 2: not JSON: "
        "Expecting property name enclosed in double quotes"
    )
    assert "1 new" in done.stdout
    exported = newsprism("--db", db, "export", cwd=tmp_path).stdout.splitlines()
    assert [json.loads(line)["url"] for line in exported] == ["https://a.example/one"]


def test_an_html_page_given_to_import_is_one_error_naming_it_nothing_stored_lost(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'n.db'}"
    good = {"url": "https://a.example/one", "outlet": "A", "text": "An imported article. " * 10}
    (tmp_path / "in.jsonl").write_text(json.dumps(good) + "\n")
    assert newsprism("--db", db, "import", "in.jsonl", cwd=tmp_path).returncode == 0
    (tmp_path / "saved.html").write_text(page("Saved by mistake").replace("><", ">\n<"), encoding="utf-8")
    done = newsprism("--db", db, "import", "saved.html", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "newsprism: error: saved.html: line 1: this file is an HTML or XML page, not JSON Lines (one JSON "
        "object per line, its page in the 'html' key); nothing in it was imported"
    ]
    exported = newsprism("--db", db, "export", cwd=tmp_path).stdout.splitlines()
    assert [json.loads(line)["url"] for line in exported] == ["https://a.example/one"]


def test_import_progress_on_a_pipe_only_when_asked(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'n.db'}"
    records = [{"url": f"https://a.example/{n}", "outlet": "A", "text": f"Story {n}. " * 9} for n in range(3)]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    size = path.stat().st_size
    quiet = newsprism("--db", db, "import", "in.jsonl", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stderr == ""  # standard error is a pipe here: no bar drawn
    asked = newsprism("--db", db, "import", "--progress", "in.jsonl", cwd=tmp_path)
    assert asked.returncode == 0 and "0 new, 0 updated, 3 unchanged" in asked.stdout
    assert asked.stderr.splitlines() == [
        f"newsprism: import in.jsonl: 0% (0 of {size:,} bytes)",
        f"newsprism: import in.jsonl: 100% ({size:,} of {size:,} bytes)",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--since", "soon"], "--since must be an ISO 8601 date"),
        (["export", "--outlet", "Nobody"], "no outlet named 'Nobody'"),
        (["events", "--since", "2024-13-45"], "--since must be a date YYYY-MM-DD"),
        (["crawl", "--config", "absent.toml"], "cannot read configuration 'absent.toml'"),
        (["import", "absent.jsonl"], "cannot read 'absent.jsonl'"),
    ],
    ids=["bad-since", "unknown-outlet", "events-bad-since", "absent-config", "absent-import-file"],
)
def test_export_errors(tmp_path: Path, args: list[str], message: str) -> None:
    # Reading commands refuse a database file that does not exist: these errors are about the rest.
    assert newsprism("--db", f"sqlite:///{tmp_path / 'n.db'}", "init", cwd=tmp_path).returncode == 0
    done = newsprism("--db", f"sqlite:///{tmp_path / 'n.db'}", *args, cwd=tmp_path)
    assert done.returncode == 1 and message in done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
