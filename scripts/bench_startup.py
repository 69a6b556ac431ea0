"""Time `newsprism --help` as a user waits for it: a fresh process each run, the installed console script.

The target of issue 17 is 0.6 s on this machine. Runs alternate with a bare `python -c pass` so the
interpreter's own start-up, which no change to newsprism can cut, is shown beside it.

    .venv/bin/python scripts/bench_startup.py [--runs 20] [-- ARGS ...]   # e.g. -- import --help
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 0.6


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("args", nargs="*", default=["--help"], help="what newsprism is asked [--help]")
    options = parser.parse_args()
    script = Path(sys.executable).parent / "newsprism"
    newsprism, bare = [str(script), *options.args], [sys.executable, "-c", "pass"]
    timed(newsprism)  # the first run fills the file cache and writes the bytecode; not counted
    ours, python = [], []
    for _ in range(options.runs):
        ours.append(timed(newsprism))
        python.append(timed(bare))
    median, slowest = statistics.median(ours), max(ours)
    print(
        f"newsprism {' '.join(options.args)}: median {1000 * median:.0f} ms, slowest {1000 * slowest:.0f} ms "
        f"over {options.runs} runs (python -c pass: median {1000 * statistics.median(python):.0f} ms); "
        f"target {1000 * TARGET_SECONDS:.0f} ms {'met' if median <= TARGET_SECONDS else 'MISSED'}; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )


if __name__ == "__main__":
    main()
