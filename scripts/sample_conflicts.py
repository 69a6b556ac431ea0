"""Draw numeric conflicts at random from the gva-dev shootings, for judging by reading, and score them.

Every gva-dev incident (../shared/gold/coverage) covered by two outlets or more is compared as one
event, its articles analyzed as an import would (text made plain, real analysis), and every
`numeric_conflict` of its report is a candidate. The sample is the SAMPLE candidates whose hash of
incident and summary is smallest: a random draw that stays put when rules change, so that a conflict
judged once stays in the sample while it is still reported, and a conflict the rules drop makes room
for the next one. The judgments a reader made live in tests/data/coverage/judged-numeric-conflicts.json
(each: the incident, the summary, the verdict `real` or `false` and why); the score is the share
judged real, and a drawn conflict without a judgment is listed so that it can be judged.

The first 40 judgments (`"set": "tune"`) were of a seeded draw that rules were then written against;
the figure is measured on the hash-ordered sample, judged after those rules.

    .venv/bin/python scripts/sample_conflicts.py --draw OUT.json   # the sample, with its evidence
    .venv/bin/python scripts/sample_conflicts.py                   # the judged share of today's sample
    .venv/bin/python scripts/sample_conflicts.py --check           # exit 1 under the pinned floor
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsprism.library import compare  # noqa: E402  (after the path set-up above)
from newsprism.storage.text import plain_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "gold" / "coverage"
JUDGED = ROOT / "tests" / "data" / "coverage" / "judged-numeric-conflicts.json"
BASELINE = ROOT / "scripts" / "conflicts_baseline.json"
SAMPLE = 40
# The target; the floor pinned in BASELINE is today's figure less a margin, until it is met.
TARGET = 80.0


def incidents(corpus: Path = CORPUS) -> dict[str, list[dict[str, Any]]]:
    """The gva-dev articles of each incident that two outlets or more cover."""
    gold = json.loads((corpus / "gva-dev-incidents.json").read_text(encoding="utf-8"))["url_to_incident"]
    by_incident: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    with (corpus / "gva-dev.jsonl").open(encoding="utf-8") as lines:
        for row in map(json.loads, lines):
            if row["url"] in gold:
                by_incident[str(gold[row["url"]])].append(row)
    return {i: rows for i, rows in sorted(by_incident.items()) if len({r["outlet"] for r in rows}) >= 2}


def incident_divergences(corpus: Path = CORPUS) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Each multi-outlet incident and the divergences of its report, as the Python API gives them for
    the texts as an import stores them (spaced as `plain_text` makes them)."""
    for incident, rows in incidents(corpus).items():
        stored = [{**row, "text": plain_text(row["text"])} for row in rows]
        yield incident, compare(stored)["divergences"]


def numeric_conflicts(corpus: Path = CORPUS) -> list[dict[str, Any]]:
    """Every numeric conflict of every multi-outlet incident, with its evidence."""
    return [
        {"incident": incident, **d}
        for incident, divergences in incident_divergences(corpus)
        for d in divergences
        if d["type"] == "numeric_conflict"
    ]


def draw(conflicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sample: the SAMPLE conflicts of smallest hash (incident and summary)."""
    return sorted(conflicts, key=_hash)[:SAMPLE]


def _hash(conflict: dict[str, Any]) -> str:
    return hashlib.sha256(f"{conflict['incident']}\n{conflict['summary']}".encode()).hexdigest()


def judged_share(
    sample: list[dict[str, Any]], judgments: list[dict[str, Any]]
) -> tuple[float, int, list[str]]:
    """Share judged real among the sample's judged conflicts, how many were judged, and the unjudged."""
    verdicts = {(j["incident"], j["summary"]): j["verdict"] for j in judgments if j.get("set") != "tune"}
    seen = [verdicts.get((c["incident"], c["summary"])) for c in sample]
    judged = [v for v in seen if v is not None]
    unjudged = [c["summary"] for c, v in zip(sample, seen, strict=True) if v is None]
    share = 100.0 * sum(v == "real" for v in judged) / len(judged) if judged else 0.0
    return round(share, 1), len(judged), unjudged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--draw", type=Path, help="write the drawn sample with its evidence to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 under the floor judged real")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"needs the shared data sets at {CORPUS}")
    conflicts = numeric_conflicts()
    sample = draw(conflicts)
    if args.draw:
        args.draw.write_text(json.dumps(sample, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{len(sample)} of {len(conflicts)} numeric conflicts written to {args.draw}")
        return
    judgments = json.loads(JUDGED.read_text(encoding="utf-8"))["judgments"]
    share, judged, unjudged = judged_share(sample, judgments)
    print(json.dumps({"conflicts": len(conflicts), "sample": len(sample), "judged": judged, "real": share}))
    for summary in unjudged:
        print("not judged yet:", summary)
    floor = float(json.loads(BASELINE.read_text(encoding="utf-8"))["real"])
    if args.check and (share < floor or judged < len(sample) * 0.9):
        sys.exit(
            f"judged real {share} % of {judged} (floor {floor} %, target {TARGET} %; at least 90 % of the"
            " sample must be judged: judge the conflicts listed above)"
        )


if __name__ == "__main__":
    main()
