"""The benchmark's table: figures with their target and command, printed and kept in docs/performance.md.

Each run merges its parts into `docs/performance.json` (so `python -m bench search` refreshes the
search rows and keeps the others), then renders the table between markers in docs/performance.md;
the prose around the markers is written by hand and left alone.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "performance.json"
DOCUMENT = ROOT / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass(frozen=True)
class Figure:
    """One measured figure, the goal it answers to, and the command that reproduces it."""

    part: str
    name: str
    value: str  # formatted for the table, or "skipped"
    target: str = ""
    met: bool | None = None
    command: str = ""
    load: str = ""  # load average while the part ran
    note: str = ""


def verdict(figure: Figure) -> str:
    return {True: "met", False: "**missed**", None: ""}[figure.met]


def table(figures: list[Figure]) -> str:
    """The figures as one Markdown table (also readable on a terminal)."""
    lines = [
        "| part | figure | value | target | | load avg | command |",
        "|---|---|---:|---|---|---|---|",
    ]
    for figure in figures:
        value = f"{figure.value} ({figure.note})" if figure.note else figure.value
        lines.append(
            f"| {figure.part} | {figure.name} | {value} | {figure.target} | {verdict(figure)} "
            f"| {figure.load} | `{figure.command}` |"
        )
    return "\n".join(lines)


def merged(parts: dict[str, list[Figure]], machine: dict[str, str], when: str) -> dict[str, Any]:
    """Earlier results with the parts of this run replaced."""
    previous: dict[str, Any] = {"parts": {}}
    if RESULTS.exists():
        previous = json.loads(RESULTS.read_text(encoding="utf-8"))
    for part, figures in parts.items():
        previous["parts"][part] = {"when": when, "figures": [asdict(figure) for figure in figures]}
    previous["machine"] = machine
    return previous


def figures_of(results: dict[str, Any], order: list[str]) -> list[Figure]:
    found = results["parts"]
    return [Figure(**row) for part in order if part in found for row in found[part]["figures"]]


def machine_section(machine: dict[str, str], results: dict[str, Any], order: list[str]) -> str:
    rows = [f"| {key} | {value} |" for key, value in machine.items()]
    runs = [f"{part} {results['parts'][part]['when']}" for part in order if part in results["parts"]]
    return "\n".join(["| machine | |", "|---|---|", *rows, f"| measured (UTC) | {'; '.join(runs)} |"])


def write(parts: dict[str, list[Figure]], machine: dict[str, str], when: str, order: list[str]) -> Path:
    """Merge this run into docs/performance.json and re-render the table in docs/performance.md."""
    results = merged(parts, machine, when)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    block = "\n\n".join(
        [START, machine_section(machine, results, order), table(figures_of(results, order)), END]
    )
    text = DOCUMENT.read_text(encoding="utf-8") if DOCUMENT.exists() else f"# Performance\n\n{START}{END}\n"
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    DOCUMENT.write_text(head + block + tail, encoding="utf-8")
    return DOCUMENT
