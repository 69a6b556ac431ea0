"""A report does not change when only the spacing of its articles does.

The same three articles are imported twice with the real `newsprism import`, once as written and once
re-spaced the ways real pages differ (Windows line ends, tabs and no-break spaces, doubled spaces,
trailing blanks, one or four line breaks between paragraphs, a line wrapped mid-sentence), and the two
reports must be the same divergence for divergence, evidence for evidence.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from newsprism.storage.text import plain_text

# Our own fictional coverage of one event: counts, a time of day, an arrest and a quote that differ.
ARTICLES = [
    {
        "url": "https://harbour-courier.example/news/ferry-terminal-shooting",
        "outlet": "Harbour Courier",
        "title": "Two killed in shooting at Port Arden ferry terminal",
        "published": "2026-03-14T08:00:00+00:00",
        "text": (
            "Two killed in shooting at Port Arden ferry terminal\n\n"
            "Two people were killed and four others were injured when a gunman opened fire at the Port "
            "Arden ferry terminal around 9:30 p.m. Friday, police said.\n\n"
            "Police Chief Maren Holt said officers arrested a 24-year-old man at the scene.\n\n"
            '"We will not let this terminal become a place of fear," Holt said at a news conference.\n\n'
            "The injured were taken to St. Brigid Hospital, where two were listed in critical condition."
        ),
    },
    {
        "url": "https://coastline-daily.example/2026/03/14/terminal-gunfire",
        "outlet": "Coastline Daily",
        "title": "Gunfire at Port Arden ferry terminal leaves two dead",
        "published": "2026-03-14T10:30:00+00:00",
        "text": (
            "Gunfire at Port Arden ferry terminal leaves two dead\n\n"
            "Two people died and six others were wounded in a shooting at the Port Arden ferry terminal "
            "shortly before 10 p.m. Friday, according to police.\n\n"
            "Police Chief Maren Holt said the suspect was still at large and asked witnesses to come "
            "forward.\n\n"
            '"This terminal will not become a place of fear," Holt told reporters.\n\n'
            "Ferry services were suspended overnight and resumed on Saturday morning."
        ),
    },
    {
        "url": "https://arden-radio.example/news/ferry-terminal",
        "outlet": "Arden Radio",
        "title": "Port Arden ferry terminal shooting: two dead",
        "published": "2026-03-14T12:00:00+00:00",
        "text": (
            "Port Arden ferry terminal shooting: two dead\n\n"
            "Two people were killed and four were injured in a shooting at the Port Arden ferry terminal "
            "on Friday night, police said.\n\n"
            "A 24-year-old man was arrested at the scene, Police Chief Maren Holt said.\n\n"
            "Ferry services were suspended overnight and resumed on Saturday morning."
        ),
    },
]


def respaced(text: str) -> str:
    """The same words, spaced as another page would space them."""
    text = text.replace("\n\n", "\r\n\r\n\r\n\r\n", 1).replace("\n\n", "  \n")  # paragraph breaks vary
    text = text.replace(" were ", " \t were\u00a0")
    text = re.sub(r"(?<=[a-z]) (?=[a-z])", "  ", text, count=6)
    return re.sub(r"(?<=the) (?=Port)", "\n", text)  # a line wrapped inside a sentence


def newsprism(database: str, *args: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "newsprism", "--db", database, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def event_report(articles: list[dict[str, str]], folder: Path) -> dict[str, Any]:
    folder.mkdir()
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    database = f"sqlite:///{folder / 'newsprism.db'}"
    newsprism(database, "import", str(source), cwd=folder)
    (event,) = json.loads(newsprism(database, "events", "--json", cwd=folder))
    report: dict[str, Any] = json.loads(
        newsprism(database, "report", event["id"], "--format", "json", cwd=folder)
    )
    return report


def comparable(report: dict[str, Any]) -> list[tuple[object, ...]]:
    return [
        (d["type"], d["summary"], round(d["severity"], 6), [(c["outlet"], c["text"]) for c in d["claims"]])
        for d in report["divergences"]
    ]


def test_respaced_articles_give_the_same_report(tmp_path: Path) -> None:
    as_written = event_report(ARTICLES, tmp_path / "as-written")
    other = [{**a, "text": respaced(a["text"])} for a in ARTICLES]
    assert all(o["text"] != a["text"] for o, a in zip(other, ARTICLES, strict=True))
    respaced_report = event_report(other, tmp_path / "respaced")
    assert comparable(respaced_report) == comparable(as_written)
    # The comparison found something to be stable about: the counts and the arrest differ.
    assert {"numeric_conflict", "custody_conflict"} <= {d["type"] for d in as_written["divergences"]}


def test_stored_text_is_plain_whatever_the_spacing(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    source = folder / "articles.jsonl"
    article = {**ARTICLES[0], "text": respaced(ARTICLES[0]["text"])}
    source.write_text(json.dumps(article) + "\n", encoding="utf-8")
    database = f"sqlite:///{folder / 'newsprism.db'}"
    newsprism(database, "import", str(source), cwd=folder)
    exported = newsprism(database, "export", "--format", "jsonl", cwd=folder)
    (stored,) = [json.loads(line) for line in exported.splitlines()]
    assert stored["text"] == plain_text(ARTICLES[0]["text"])
    assert "  " not in stored["text"] and "\r" not in stored["text"] and "\u00a0" not in stored["text"]
