"""Score the divergence reports against fact tables of real coverage: the given tables and our own.

Three sets, each judged by ../shared/tools/score_coverage.py, which imports the set into a fresh
database with the real `newsprism` command, groups it and judges every divergence:

- given: ../shared/gold/coverage/facts, eight shootings; rules are tuned on them.
- own: tests/data/coverage/own, 10 shootings and 6 PAC stories, made blind before any tuning and
  measured only while the first claim rules were written; their misses have since been read, so they
  are tuned on too.
- fresh: tests/data/coverage/fresh, 8 shootings of the gva-dev check split (odd incident ids), made
  blind after that; only measured, but the descriptions of its missed conflicts were read in the sixth
  round (2026-12-07), so a class of miss named there (a victim's name withheld) is no longer blind.
- fresh2: tests/data/coverage/fresh2, 6 shootings of the check split and 4 PAC stories, made blind on
  2026-12-07 by an annotator who never saw newsprism's output; only measured, never read. Its figures
  are the ones to believe.
- own2: tests/data/coverage/own2, 6 shootings of the tune split and 4 PAC stories, made blind on
  2026-12-07 and measured once at 0b27fc8 (precision 75.0, conflict recall 1 of 27, trivial share
  27.3); their misses have been read since, so they are tuned on.
- own3: tests/data/coverage/own3, the next 6 tune-split shootings and 4 PAC stories by own2's rule,
  made blind and measured once at 770cf3f (precision 66.7, conflict recall 2 of 32, trivial share
  33.3); read and tuned on since.
- own4: tests/data/coverage/own4, the next 6 and 4 by the same rule, made blind and measured once at
  5753108 (precision 66.7, conflict recall 4 of 45, trivial share 36.1); read and tuned on since.
- own5: tests/data/coverage/own5, the next 5 shootings and 4 PAC stories by the same rule, made blind and
  measured once at c000575 (precision 71.7, conflict recall 6 of 27, trivial share 16.4); not read yet,
  so still blind.

    .venv/bin/python scripts/score_coverage.py           # print every set's figures
    .venv/bin/python scripts/score_coverage.py --check   # exit 1 when a figure falls below its floor
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_coverage.py"
GIVEN = (SHARED / "gold" / "coverage" / "bundles", SHARED / "gold" / "coverage" / "facts")
# Our own fact tables: one folder of tests/data/coverage per set, scored in this order.
OUR_TABLES = ROOT / "tests" / "data" / "coverage"
OUR_SETS = ("own", "own2", "own3", "own4", "own5", "fresh", "fresh2")
BASELINE = ROOT / "scripts" / "coverage_baseline.json"
NEWSPRISM = Path(sys.executable).parent / "newsprism"
FIGURES = ("precision", "conflict_recall", "trivial_share")


def score(bundles: Path, facts: Path) -> dict[str, object]:
    """The shared scorer's figures for one set."""
    command = [sys.executable, str(SCORER), str(bundles), str(facts), "--newsprism", str(NEWSPRISM), "--json"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def below_floor(name: str, figures: dict[str, object], floors: dict[str, float]) -> list[str]:
    """The figures of a set that miss their floor (trivial share is a ceiling)."""
    misses = []
    for key in FIGURES:
        value, floor = float(figures[key]), floors[key]  # type: ignore[arg-type]
        bad = value > floor if key == "trivial_share" else value < floor
        if bad:
            misses.append(f"{name} {key} {value} (floor {floor})")
    return misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when below the pinned floors")
    args = parser.parse_args()
    if not SCORER.exists():
        sys.exit(f"needs the shared data sets at {SHARED}")
    sys.path.insert(0, str(ROOT / "scripts"))
    from coverage_bundles import build_all

    results = {"given": score(*GIVEN)}
    for name in OUR_SETS:
        facts = OUR_TABLES / name
        with tempfile.TemporaryDirectory(prefix=f"{name}-bundles-") as work:
            build_all(facts, Path(work))
            results[name] = score(Path(work), facts)
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))
    misses = []
    for name, figures in results.items():
        shown = {k: figures[k] for k in ("events", "divergences", *FIGURES, "gold_conflicts")}
        print(name, json.dumps(shown))
        misses += below_floor(name, figures, floors[name])
    if args.check and misses:
        sys.exit("below floor: " + "; ".join(misses))


if __name__ == "__main__":
    main()
