"""`newsprism demo` end to end, checked against the newsroom's manifest of planted divergences.

The demo runs as a user runs it (a fresh process, a new database, no network beyond loopback); the
test then reads the JSON reports it wrote and says which planted divergences were found. The
manifest is the answer key only: the product never reads it.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

Manifest = dict[str, Any]
Report = dict[str, Any]

# What every demo run must find; the rest is reported and checked separately below.
REQUIRED_TYPES = {"numeric_conflict", "speaker_conflict"}


@dataclass(frozen=True)
class DemoRun:
    out: Path
    stdout: str
    reports: list[Report]


@pytest.fixture(scope="module")
def manifest() -> Manifest:
    data: Manifest = json.loads(files("newsprism.demo").joinpath("newsroom/manifest.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    folder = tmp_path_factory.mktemp("demo")
    # The user's own database is named both ways; the demo must leave it alone (INTERFACE.md).
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsprism",
            "-q",
            "--db",
            f"sqlite:///{folder / 'mine.db'}",
            "demo",
            "--out",
            "out",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_COLOR": "1", "NEWSPRISM_DB": f"sqlite:///{folder / 'env.db'}"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    reports = [json.loads(p.read_text("utf-8")) for p in sorted((folder / "out").glob("report-*.json"))]
    return DemoRun(folder / "out", done.stdout, reports)


def test_every_event_has_json_markdown_and_html(demo_run: DemoRun) -> None:
    assert demo_run.reports, "the demo wrote no report"
    for report in demo_run.reports:
        stem = demo_run.out / f"report-{report['event']['id']}"
        assert stem.with_suffix(".md").read_text("utf-8").strip()
        html = stem.with_suffix(".html").read_text("utf-8")
        assert "<html" in html.lower() and "http://" not in html.split("<body", 1)[0].replace(
            "http://127.0.0.1", ""
        )


def test_summary_names_the_largest_report(demo_run: DemoRun) -> None:
    assert "events:" in demo_run.stdout and "report-" in demo_run.stdout


def test_the_demo_writes_only_its_own_database_and_says_how_to_serve_it(demo_run: DemoRun) -> None:
    folder = demo_run.out.parent
    assert not (folder / "mine.db").exists() and not (folder / "env.db").exists()
    own = demo_run.out.resolve() / "newsprism.db"
    assert own.is_file()
    closing = demo_run.stdout.strip().splitlines()[-1]
    assert closing.endswith(f"newsprism --db sqlite:///{own} serve")


def test_report_links_open_the_crawled_pages_after_the_run(demo_run: DemoRun) -> None:
    # They pointed at the demo's own server, gone once the demo ends.
    checked = 0
    for report in sorted(demo_run.out.glob("report-*.html")) + sorted(demo_run.out.glob("report-*.md")):
        text = report.read_text("utf-8")
        assert "127.0.0.1" not in text and "localhost" not in text, report.name
        for link in re.findall(r'href="([^"#][^"]*)"|\]\(<([^>]+)>\)', text):
            target = demo_run.out / html.unescape(link[0] or link[1])
            assert target.is_file(), (report.name, link)
            assert "<article>" in target.read_text("utf-8")
            checked += 1
    assert checked >= 2 * len(demo_run.reports)  # each report links every article it compares


def test_events_match_the_stories(demo_run: DemoRun, manifest: Manifest) -> None:
    """Each story of the newsroom is one event holding exactly its outlets' articles."""
    names = {o["slug"]: o["name"] for o in manifest["outlets"]}
    expected: dict[str, set[tuple[str, str]]] = {}
    for article in manifest["articles"]:
        expected.setdefault(article["event"], set()).add((names[article["outlet"]], article["title"]))
    found = {frozenset((a["outlet"], a["title"]) for a in r["articles"]) for r in demo_run.reports}
    assert found == {frozenset(v) for v in expected.values()}


def test_largest_event_shows_all_five_outlets_with_required_conflicts(demo_run: DemoRun) -> None:
    largest = max(demo_run.reports, key=lambda r: len(r["event"]["outlets"]))
    assert len(largest["event"]["outlets"]) == 5
    assert REQUIRED_TYPES <= {d["type"] for d in largest["divergences"]}


def _by_type(reports: list[Report], kind: str) -> list[dict[str, Any]]:
    return [d for r in reports for d in r["divergences"] if d["type"] == kind]


def _claim_outlets(divergence: dict[str, Any]) -> set[str]:
    return {c["outlet"] for c in divergence["claims"]}


def _found_numeric(planted: dict[str, Any], reports: list[Report], names: dict[str, str]) -> bool:
    values = {names[s]: float(v) for s, v in planted["values"].items()}
    for divergence in _by_type(reports, "numeric_conflict"):
        claimed = {c["outlet"]: c.get("value") for c in divergence["claims"]}
        distinct = {values[o] for o in claimed if o in values}
        if len(distinct) > 1 and all(_number(claimed[o]) == values[o] for o in claimed if o in values):
            return True
    return False


def _number(value: Any) -> float | None:
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def _found_speaker(planted: dict[str, Any], reports: list[Report], names: dict[str, str]) -> bool:
    speakers = {names[s]: p.split()[-1] for s, p in planted["speakers"].items()}
    for divergence in _by_type(reports, "speaker_conflict"):
        said = {c["outlet"]: c.get("speaker") or "" for c in divergence["claims"]}
        if len({speakers[o] for o in said if o in speakers}) > 1 and all(
            speakers[o] in said[o] for o in said if o in speakers
        ):
            return True
    return False


def _found_wording(planted: dict[str, Any], reports: list[Report], names: dict[str, str]) -> bool:
    variants = {names[s]: v for s, v in planted["variants"].items()}
    return any(
        all(any(o == c["outlet"] and v in c["text"] for c in d["claims"]) for o, v in variants.items())
        for d in _by_type(reports, "quote_wording")
    )


def _found_omission(planted: dict[str, Any], reports: list[Report], names: dict[str, str]) -> bool:
    omitted = {names[s] for s in planted["omitted_by"]}
    fact = planted["fact"].lower()
    return all(
        any(
            o in d["summary"]
            and o not in _claim_outlets(d)
            and any(fact in c["text"].lower() for c in d["claims"])
            for d in _by_type(reports, "omission")
        )
        for o in omitted
    )


def _found_unique(planted: dict[str, Any], reports: list[Report], names: dict[str, str]) -> bool:
    claimers = {names[s] for s in planted["claimed_by"]}
    return any(
        _claim_outlets(d) == claimers and any(planted["claim"] in c["text"] for c in d["claims"])
        for d in _by_type(reports, "unique_claim")
    )


def _found_reliance(planted: dict[str, Any], reports: list[Report], names: dict[str, str]) -> bool:
    outlets = {names[s] for s in planted["sources"]}
    return any(len(_claim_outlets(d) & outlets) >= 2 for d in _by_type(reports, "source_reliance"))


def _found_date(planted: dict[str, Any], reports: list[Report], names: dict[str, str]) -> bool:
    dates = {names[s]: d for s, d in planted["dates"].items()}
    for divergence in _by_type(reports, "date_conflict"):
        claimed = {c["outlet"]: str(c.get("value")) for c in divergence["claims"]}
        if len({dates[o] for o in claimed if o in dates}) > 1 and all(
            dates[o] in claimed[o] for o in claimed if o in dates
        ):
            return True
    return False


def _found_time(planted: dict[str, Any], reports: list[Report], names: dict[str, str]) -> bool:
    times = {names[s]: t for s, t in planted["times"].items()}
    return any(
        {c["outlet"] for c in d["claims"]} == set(times)
        and all(str(c.get("value")) == times[c["outlet"]] for c in d["claims"])
        for d in _by_type(reports, "time_conflict")
    )


def _found_custody(planted: dict[str, Any], reports: list[Report], names: dict[str, str]) -> bool:
    held = {names[s] for s in planted["in_custody"]}
    free = {names[s] for s in planted["not_in_custody"]}
    for divergence in _by_type(reports, "custody_conflict"):
        values = {c["outlet"]: str(c.get("value")) for c in divergence["claims"]}
        if {o for o, v in values.items() if v == "arrested"} == held and {
            o for o, v in values.items() if v == "not arrested"
        } == free:
            return True
    return False


def _found_polarity(planted: dict[str, Any], reports: list[Report], names: dict[str, str]) -> bool:
    likely, unlikely = {names[s] for s in planted["likely"]}, {names[s] for s in planted["unlikely"]}
    return any(
        likely | unlikely <= _claim_outlets(d) and all(o in d["summary"] for o in likely | unlikely)
        for d in _by_type(reports, "polarity_conflict")
    )


FINDERS: dict[str, Callable[[dict[str, Any], list[Report], dict[str, str]], bool]] = {
    "numeric_conflict": _found_numeric,
    "speaker_conflict": _found_speaker,
    "quote_wording": _found_wording,
    "omission": _found_omission,
    "unique_claim": _found_unique,
    "source_reliance": _found_reliance,
    "date_conflict": _found_date,
    "time_conflict": _found_time,
    "custody_conflict": _found_custody,
    "polarity_conflict": _found_polarity,
}


def planted_found(demo_run: DemoRun, manifest: Manifest) -> dict[str, bool]:
    names = {o["slug"]: o["name"] for o in manifest["outlets"]}
    return {p["id"]: FINDERS[p["type"]](p, demo_run.reports, names) for p in manifest["divergences"]}


def test_required_planted_divergences_are_found(demo_run: DemoRun, manifest: Manifest) -> None:
    found = planted_found(demo_run, manifest)
    print("\nplanted divergences found by the demo report:")  # noqa: T201 -- the test says what it found
    for planted in manifest["divergences"]:
        print(f"  {'found ' if found[planted['id']] else 'MISSED'} {planted['type']:17} {planted['id']}")  # noqa: T201
    required = [p["id"] for p in manifest["divergences"] if p["type"] in REQUIRED_TYPES]
    assert all(found[i] for i in required), {i: found[i] for i in required}


def test_every_planted_divergence_is_found(demo_run: DemoRun, manifest: Manifest) -> None:
    found = planted_found(demo_run, manifest)
    missed = [i for i, ok in found.items() if not ok]
    assert not missed, f"planted divergences the demo report misses: {missed}"


def test_a_second_run_stores_nothing_twice(demo_run: DemoRun) -> None:
    """Running the demo again into the same folder finds its articles already stored in its database."""
    folder = demo_run.out.parent
    again = subprocess.run(
        [sys.executable, "-m", "newsprism", "-q", "demo", "--out", "out"],  # its database: out/newsprism.db
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    first = sorted((a["outlet"], a["url"]) for r in demo_run.reports for a in r["articles"])
    second = [json.loads(p.read_text("utf-8")) for p in sorted((folder / "out").glob("report-*.json"))]
    assert sorted((a["outlet"], a["url"]) for r in second for a in r["articles"]) == first
