"""The Python API of INTERFACE.md: `newsprism.analyze` and `newsprism.compare`, no database needed.

Each is checked against the command it stands for (`newsprism analyze`, `newsprism import` + `report`
over a real SQLite file), so the API and the commands cannot drift apart.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, cast

import pytest

import newsprism

# `newsprism.compare` is the package made callable when it is imported; a type checker sees a module.
compare = cast(Callable[[Sequence[Mapping[str, Any]]], dict[str, Any]], newsprism.compare)

TEXT = (
    "Police Chief Maren Holt said on Sunday that two people were killed and four others were injured "
    "when a gunman opened fire at the Port Arden ferry terminal around 9:30 p.m. on Friday. "
    '"We will not let this terminal become a place of fear," Holt told reporters.'
)
ARTICLES: list[dict[str, Any]] = [
    {
        "url": "https://harbour-courier.example/terminal",
        "outlet": "Harbour Courier",
        "title": "Two killed",
        "published": "2026-03-14T08:00:00+00:00",
        "text": TEXT,
    },
    {
        "url": "https://coastline-daily.example/terminal",
        "outlet": "Coastline Daily",
        "title": "Gunfire",
        "published": "2026-03-14T10:30:00+00:00",
        "text": TEXT.replace("four others were injured", "six others were injured").replace("9:30", "10:30"),
    },
]


def run(*args: str, cwd: Path, stdin: str | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "newsprism", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_analyze_gives_what_the_analyze_command_prints(tmp_path: Path) -> None:
    printed = json.loads(run("analyze", "--published", "2026-03-15", cwd=tmp_path, stdin=TEXT))
    assert newsprism.analyze(TEXT, date(2026, 3, 15)) == printed
    speakers = {a["speaker"] for a in printed["attributions"]}
    assert any("Holt" in (s or "") for s in speakers)


def test_compare_gives_the_report_an_import_and_report_give(tmp_path: Path) -> None:
    report = compare(ARTICLES)
    types = {d["type"] for d in report["divergences"]}
    assert {"numeric_conflict", "time_conflict"} <= types
    assert report["event"]["outlets"] == ["Coastline Daily", "Harbour Courier"]

    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    database = f"sqlite:///{tmp_path / 'newsprism.db'}"
    run("--db", database, "import", str(source), cwd=tmp_path)
    (event,) = json.loads(run("--db", database, "events", "--json", cwd=tmp_path))
    stored = json.loads(run("--db", database, "report", event["id"], "--format", "json", cwd=tmp_path))

    def seen(r: dict[str, Any]) -> list[tuple[str, str, list[tuple[str, str]]]]:
        return [
            (d["type"], d["summary"], [(c["outlet"], c["text"]) for c in d["claims"]])
            for d in r["divergences"]
        ]

    assert seen(report) == seen(stored)


@pytest.mark.parametrize(
    ("articles", "message"),
    [
        ({"url": "u"}, "must be a list"),
        ([{"url": "https://a.example/1", "outlet": "A"}], "articles[0]: needs a non-empty string 'text'"),
        ([ARTICLES[0], "text"], "articles[1] must be a dict"),
        ([{**ARTICLES[0], "published": "last Tuesday"}], "articles[0]: 'published' 'last Tuesday'"),
        ([ARTICLES[0], ARTICLES[0]], "two articles have the url"),
    ],
    ids=["not-a-list", "no-text", "not-a-dict", "bad-date", "same-url"],
)
def test_bad_articles_are_named_with_what_is_wrong(articles: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        compare(articles)


def test_importing_newsprism_loads_no_analysis(tmp_path: Path) -> None:
    probe = "import sys, newsprism; print(any(m.startswith(('compare', 'sqlalchemy')) for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_compare_offsets_index_the_texts_as_given() -> None:
    # INTERFACE.md: offsets are indices into the input text; spacing is the caller's to keep.
    spaced = [{**a, "text": "  " + a["text"].replace("Police Chief", "Police\u00a0 Chief")} for a in ARTICLES]
    report = compare(spaced)
    texts = {a["url"]: a["text"] for a in spaced}
    claims = [c for d in report["divergences"] for c in d["claims"]]
    assert claims
    for claim in claims:
        assert texts[claim["article_url"]][claim["start"] : claim["end"]] == claim["text"]
