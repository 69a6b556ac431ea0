"""Score the casualty counts newsprism reads against the Gun Violence Archive, article by article.

Every gva-dev article (../shared/gold/coverage/gva-dev.jsonl) whose incident has a Gun Violence Archive
record and that states a killed or injured count (in its headline or body, as `newsprism.compare.claims` reads
it) is checked: the first count of each role against the record's `num_killed` / `num_injured`. The
incidents are split by id: even ids are the tune split, odd ids the check split; floors are pinned on
the check split in scripts/casualties_baseline.json.

An article can be right and still differ from the record (it was published before a death, or counts
the shooter), so this measures agreement with the record, not reading errors alone. Reading errors are
measured against tolls judged by reading (tests/data/coverage/judged-tolls.json: 269 articles, 129 of
tune incidents, 140 of check): `read_right` is the share of the counts newsprism reads that equal the
judged toll, `read_of_stated` how many of the tolls the articles state it reads at all.

    .venv/bin/python scripts/score_casualties.py            # both splits
    .venv/bin/python scripts/score_casualties.py --check    # exit 1 below the check-split floors
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsprism.compare.claims.casualties import (  # noqa: E402
    INJURED,
    KILLED,
    article_casualties,
    casualty_claims,
    lead_count,
)
from newsprism.compare.divergences.alignment import statements_of  # noqa: E402
from newsprism.compare.types import CoverageArticle, Statement  # noqa: E402  (after the path set-up above)

CORPUS = ROOT.parent / "shared" / "gold" / "coverage"
BASELINE = ROOT / "scripts" / "casualties_baseline.json"
JUDGED = ROOT / "tests" / "data" / "coverage" / "judged-tolls.json"
RECORD = {KILLED: "num_killed", INJURED: "num_injured"}


def read_counts(row: dict[str, str]) -> dict[str, float]:
    """The killed and injured counts an article states: the headline's first, else the body's."""
    title = row.get("title") or ""
    headline = casualty_claims(Statement("headline", row["outlet"], row["url"], title, 0, len(title), -1))
    article = CoverageArticle(row["url"], row["outlet"], row["url"], title, row["text"])
    claims = headline + article_casualties(statements_of(article))
    counts = {role: lead_count(claims, role) for role in RECORD}
    return {role: value for role, value in counts.items() if value is not None}


def score(corpus: Path = CORPUS) -> dict[str, dict[str, float]]:
    """Share of counts that agree with the record, per split and role, with how many were read."""
    gold = json.loads((corpus / "gva-dev-incidents.json").read_text(encoding="utf-8"))
    tally: Counter[tuple[str, str, bool]] = Counter()
    with (corpus / "gva-dev.jsonl").open(encoding="utf-8") as lines:
        for row in map(json.loads, lines):
            incident = str(gold["url_to_incident"].get(row["url"]))
            record = gold["incidents"].get(incident)
            if record is None:
                continue
            split = "tune" if int(incident) % 2 == 0 else "check"
            for role, value in read_counts(row).items():
                tally[(split, role, value == record[RECORD[role]])] += 1
    return {split: _figures(tally, split) for split in ("tune", "check")}


def judged_reading(corpus: Path = CORPUS, judged: Path = JUDGED) -> dict[str, dict[str, float]]:
    """Per split: of the counts read, the share equal to the judged toll; of the tolls stated, the
    share read at all."""
    rows = {}
    with (corpus / "gva-dev.jsonl").open(encoding="utf-8") as lines:
        for row in map(json.loads, lines):
            rows[row["url"]] = row
    tally: Counter[tuple[str, str]] = Counter()
    for item in json.loads(judged.read_text(encoding="utf-8"))["judgments"]:
        read = read_counts(rows[item["url"]])
        for role in RECORD:
            mine, truth = read.get(role), item[role]
            if truth is not None:
                tally[(item["set"], "stated")] += 1
            if mine is not None:
                tally[(item["set"], "read")] += 1
                tally[(item["set"], "right")] += mine == truth
                tally[(item["set"], "read_of_stated")] += truth is not None
    return {
        split: {
            "read_right": round(100 * tally[(split, "right")] / max(1, tally[(split, "read")]), 1),
            "read": tally[(split, "read")],
            "read_of_stated": round(
                100 * tally[(split, "read_of_stated")] / max(1, tally[(split, "stated")]), 1
            ),
        }
        for split in ("tune", "check")
    }


def _figures(tally: Counter[tuple[str, str, bool]], split: str) -> dict[str, float]:
    figures: dict[str, float] = {}
    for role in (*RECORD, "all"):
        roles = RECORD if role == "all" else (role,)
        right = sum(tally[(split, r, True)] for r in roles)
        read = right + sum(tally[(split, r, False)] for r in roles)
        figures[f"{role}_agree"] = round(100 * right / max(1, read), 1)
        figures[f"{role}_read"] = read
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 below the check-split floors")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"needs the shared data sets at {CORPUS}")
    figures = score()
    for split, judged in judged_reading().items():
        figures[split] |= judged
    for split, values in figures.items():
        print(split, json.dumps(values))
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))
    misses = [f"{k} {figures['check'][k]} < {v}" for k, v in floors.items() if figures["check"][k] < v]
    if args.check and misses:
        sys.exit("below floor: " + "; ".join(misses))


if __name__ == "__main__":
    main()
