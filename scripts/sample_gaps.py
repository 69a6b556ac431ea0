"""Draw coverage gaps (omissions and unique claims) of the gva-dev shootings, for judging by reading.

Every gva-dev incident (../shared/gold/coverage) covered by two outlets or more is compared as one
event, as `scripts/sample_conflicts.py` does, and every `omission` and `unique_claim` its report keeps
is a candidate: a unique claim is one item (the outlet that alone reports it), an omission one item per
outlet it names in `missing_from` (each outlet may or may not state the fact in other words). Items are
keyed by incident, type, outlet and the evidence the summary quotes.

Incidents are split by id: even ids are the tune split, whose judgments may be read to write rules, odd
ids the check split, only measured. Each split's sample is its SAMPLE items of smallest hash: a draw
that stays put when rules change, so that an item judged once stays in the sample while it is still
reported, and an item the rules drop makes room for the next one, which must then be judged. The
judgments live in tests/data/coverage/judged-gaps.json (each: the item's key, the verdict `real` (a true,
newsworthy gap), `false` (another outlet states it, in other words or not, or it is no fact) or
`trivial` (true but worthless), why, and the split). The score is the share judged real.

    .venv/bin/python scripts/sample_gaps.py --draw OUT.json     # both samples, with their evidence
    .venv/bin/python scripts/sample_gaps.py --census OUT.json   # every gap item of every incident
    .venv/bin/python scripts/sample_gaps.py                     # the judged-real share of each split
    .venv/bin/python scripts/sample_gaps.py --check             # exit 1 under the pinned floors
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from sample_conflicts import CORPUS, incident_divergences  # noqa: E402  (after the path set-up above)

JUDGED = ROOT / "tests" / "data" / "coverage" / "judged-gaps.json"
BASELINE = ROOT / "scripts" / "gaps_baseline.json"
SAMPLE = 40
GAPS = ("omission", "unique_claim")
# A split whose sample has more unjudged items than this share fails --check: judge them first.
UNJUDGED_ALLOWED = 0.1


def split_of(incident: str) -> str:
    """Even incident ids are tuned on, odd ones only measured."""
    return "tune" if int(incident) % 2 == 0 else "check"


def evidence_of(divergence: dict[str, Any]) -> str:
    """The sentence (or its excerpt) a gap's summary quotes: what the item says is missing or alone."""
    return str(divergence["summary"]).split(": ", 1)[-1]


def gap_items(incident: str, divergences: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One item per unique claim, one per outlet an omission names."""
    for divergence in divergences:
        kind = divergence["type"]
        if kind not in GAPS:
            continue
        outlets = (
            divergence.get("missing_from", [])
            if kind == "omission"
            else sorted({c["outlet"] for c in divergence["claims"]})
        )
        for outlet in outlets:
            yield {
                "incident": incident,
                "split": split_of(incident),
                "type": kind,
                "outlet": outlet,
                "evidence": evidence_of(divergence),
                "summary": divergence["summary"],
                "claims": [{"outlet": c["outlet"], "text": c["text"]} for c in divergence["claims"]],
            }


def census(corpus: Path = CORPUS) -> list[dict[str, Any]]:
    """Every gap item of every multi-outlet incident's report."""
    return [item for incident, found in incident_divergences(corpus) for item in gap_items(incident, found)]


def key_of(item: dict[str, Any]) -> tuple[str, str, str, str]:
    return (item["incident"], item["type"], item["outlet"], item["evidence"])


def _hash(item: dict[str, Any]) -> str:
    return hashlib.sha256("\n".join(key_of(item)).encode()).hexdigest()


def draw(items: list[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    """A split's sample: its SAMPLE items of smallest hash."""
    return sorted((i for i in items if i["split"] == split), key=_hash)[:SAMPLE]


def judged_share(
    sample: list[dict[str, Any]], judgments: list[dict[str, Any]]
) -> tuple[float, int, dict[str, int], list[dict[str, Any]]]:
    """Share judged real among the sample's judged items, how many were judged, the count of each
    verdict, and the items not judged yet."""
    verdicts = {key_of(j): j["verdict"] for j in judgments}
    seen = [verdicts.get(key_of(item)) for item in sample]
    judged = [v for v in seen if v is not None]
    counts = {v: judged.count(v) for v in ("real", "false", "trivial")}
    unjudged = [item for item, v in zip(sample, seen, strict=True) if v is None]
    share = 100.0 * counts["real"] / len(judged) if judged else 0.0
    return round(share, 1), len(judged), counts, unjudged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--draw", type=Path, help="write both splits' samples with their evidence here")
    parser.add_argument("--census", type=Path, help="write every gap item of every incident here")
    parser.add_argument("--check", action="store_true", help="exit 1 under the floors judged real")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"needs the shared data sets at {CORPUS}")
    items = census()
    if args.census:
        args.census.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{len(items)} gap items written to {args.census}")
    samples = {split: draw(items, split) for split in ("tune", "check")}
    if args.draw:
        drawn = [item for sample in samples.values() for item in sample]
        args.draw.write_text(json.dumps(drawn, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{len(drawn)} of {len(items)} gap items written to {args.draw}")
    if args.draw or args.census:
        return
    judgments = json.loads(JUDGED.read_text(encoding="utf-8"))["judgments"]
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))
    reports = (_report(split, sample, items, judgments, floors) for split, sample in samples.items())
    misses = [miss for miss in reports if miss]
    if args.check and misses:
        sys.exit("; ".join(misses))


def _report(
    split: str,
    sample: list[dict[str, Any]],
    items: list[dict[str, Any]],
    judgments: list[dict[str, Any]],
    floors: dict[str, float],
) -> str | None:
    """Print a split's figures and its unjudged items; what misses the floor, if anything."""
    share, judged, counts, unjudged = judged_share(sample, judgments)
    in_split = sum(i["split"] == split for i in items)
    figures = {"items": in_split, "sample": len(sample), "judged": judged, **counts, "real": share}
    print(split, json.dumps(figures))
    for item in unjudged:
        print(f"  not judged yet ({split}):", *(item[k] for k in ("incident", "type", "outlet", "evidence")))
    if share < floors[split] or len(unjudged) > len(sample) * UNJUDGED_ALLOWED:
        return (
            f"{split} judged real {share} % of {judged} (floor {floors[split]} %; {len(unjudged)} unjudged)"
        )
    return None


if __name__ == "__main__":
    main()
