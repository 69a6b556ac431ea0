"""`newsprism.Database` as a Python program uses it: a crawl and an import run from Python, and reads
that answer what the commands print over the same database (real SQLite files, a loopback outlet,
the real command line)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from loopback import LoopbackSite, Reply
from sqlalchemy.pool import QueuePool

import newsprism
from newsprism.errors import InputError, NotFoundError

REPO = Path(__file__).resolve().parents[2]
STORY = (
    "<p>A fire closed the docks of Port Arden on Friday, the port authority said. Twelve ships were"
    " stranded outside the harbour while firefighters worked through the night.</p>"
    "<p>Dock workers were sent home and the authority said the quays would stay shut until Monday at"
    " the earliest, when inspectors will have examined the damaged cranes and warehouses.</p>"
)
RIVAL = (
    "Fire shut the Port Arden docks on Friday, leaving 15 ships stranded outside the harbour, the port"
    " authority said. The quays will stay shut until Monday."
)


def page(title: str) -> str:
    return (
        f'<html lang="en"><head><title>{title}</title>'
        '<meta property="article:published_time" content="2024-05-03T10:00:00+00:00"></head>'
        f"<body><article><h1>{title}</h1>{STORY}</article></body></html>"
    )


def newsprism_command(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "newsprism", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def outlet_toml(tmp_path: Path, site: LoopbackSite) -> Path:
    link = "/2024/05/03/port-fire"
    item = f"<item><title>Fire</title><link>{site.url(link)}</link></item>"
    site.route("/rss.xml", Reply(body=f"<rss><channel>{item}</channel></rss>", content_type="text/xml"))
    site.route(link, Reply(body=page("Fire closes Port Arden docks")))
    path = tmp_path / "outlets.toml"
    path.write_text(
        f'[crawler]\nallow_private_networks = true\n\n[[outlet]]\nname = "Loopback Wire"\n'
        f'homepage = "{site.url("/")}"\nfeeds = ["{site.url("/rss.xml")}"]\ndelay = "0s"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.slow
def test_a_crawl_and_an_import_from_python_read_as_the_commands_print(
    tmp_path: Path, outlet_toml: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'newsprism.db'}"
    with newsprism.Database(url) as db:
        crawled = db.crawl(outlet_toml)
        imported = db.import_articles(
            [
                {
                    "url": "https://daily.example/fire",
                    "outlet": "Eastern Daily",
                    "published": "2024-05-03",
                    "title": "Port Arden docks shut by fire",
                    "text": RIVAL,
                }
            ]
        )
        articles, events = list(db.articles()), db.events()
        report = db.report(events[0]["id"])
        versions = db.versions(int(articles[0]["id"]))
        outlets = {outlet["name"]: outlet["articles"] for outlet in db.outlets()}
        found = db.search("stranded")
    assert (crawled.total().new, imported.new) == (1, 1)
    assert [a["outlet"] for a in articles] == ["Loopback Wire", "Eastern Daily"]
    assert [v["number"] for v in versions] == [1] and "Twelve ships" in versions[0]["text"]
    assert outlets == {"Eastern Daily": 1, "Loopback Wire": 1} and found["total"] == 2
    assert [e["outlets"] for e in events] == [["Eastern Daily", "Loopback Wire"]]
    assert "numeric_conflict" in {d["type"] for d in report["divergences"]}
    # The same answers as the command line gives over the same file.
    cli = ["--db", url, "-q"]
    assert events == json.loads(newsprism_command(*cli, "events", "--json", cwd=tmp_path))
    exported = newsprism_command(*cli, "export", cwd=tmp_path).splitlines()
    assert articles == [json.loads(line) for line in exported]
    printed = newsprism_command(*cli, "report", events[0]["id"], "--format", "json", cwd=tmp_path)
    assert report == json.loads(printed)
    assert found == json.loads(newsprism_command(*cli, "search", "stranded", "--json", cwd=tmp_path))


def test_a_bad_article_is_kept_out_with_its_index_and_the_good_ones_stored(tmp_path: Path) -> None:
    with newsprism.Database(f"sqlite:///{tmp_path / 'newsprism.db'}") as db:
        summary = db.import_articles(
            [
                {"url": "https://daily.example/fire", "outlet": "Eastern Daily", "text": RIVAL},
                {"url": "ftp://daily.example/fire", "outlet": "Eastern Daily", "text": RIVAL},
            ]
        )
        stored = [a["url"] for a in db.articles()]
    assert summary.new == 1 and stored == ["https://daily.example/fire"]
    (problem,) = summary.problems
    assert str(problem) == "articles: [1]: 'url' must be an http(s) URL, got 'ftp://daily.example/fire'"


def test_what_a_database_does_not_hold_is_a_not_found_error(tmp_path: Path) -> None:
    with newsprism.Database(f"sqlite:///{tmp_path / 'newsprism.db'}") as db:
        with pytest.raises(NotFoundError, match="no outlet named 'Nowhere Times'"):
            db.articles(outlet="Nowhere Times")  # said at once, before any article is read
        with pytest.raises(NotFoundError, match="no event with id 7"):
            db.report(7)
        with pytest.raises(NotFoundError, match="no article with id 3"):
            db.article(3)
        with pytest.raises(InputError, match="query"):
            db.search('"unclosed')
    with pytest.raises(newsprism.DatabaseError, match="does not exist"):
        newsprism.Database(f"sqlite:///{tmp_path / 'missing.db'}", must_exist=True)
    assert not (tmp_path / "missing.db").exists()


def test_a_closed_database_holds_no_connection(tmp_path: Path) -> None:
    with newsprism.Database(f"sqlite:///{tmp_path / 'newsprism.db'}") as db:
        assert db.events() == [] and list(db.articles()) == []
        pool = db.engine.pool
        assert isinstance(pool, QueuePool) and pool.checkedin() > 0
        assert pool.checkedout() == 0  # each read gave its connection back
    assert pool.checkedin() == 0 and "newsprism.db" in repr(db)  # closed: its connections too
