"""What an import shows of its progress: plain lines for logs when asked, a rich bar on a terminal."""

from __future__ import annotations

import io
import time

from rich.console import Console

from newsprism.crawler.progress import PlainImportProgress, RichImportProgress


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_plain_progress_writes_at_start_at_most_every_interval_and_at_the_end() -> None:
    out, clock = io.StringIO(), Clock()
    progress = PlainImportProgress(out, every=10.0, clock=clock)
    progress.file_started("big.jsonl", 4000)
    progress.file_advanced("big.jsonl", 1000)  # no time has passed: nothing written
    clock.now += 10.0
    progress.file_advanced("big.jsonl", 2000)
    clock.now += 9.0
    progress.file_advanced("big.jsonl", 3000)  # 9 s after the last line: nothing written
    progress.file_done("big.jsonl")
    assert out.getvalue().splitlines() == [
        "newsprism: import big.jsonl: 0% (0 of 4,000 bytes)",
        "newsprism: import big.jsonl: 50% (2,000 of 4,000 bytes)",
        "newsprism: import big.jsonl: 100% (4,000 of 4,000 bytes)",
    ]


def test_plain_progress_of_an_empty_file_is_done_not_a_division_by_zero() -> None:
    out = io.StringIO()
    progress = PlainImportProgress(out)
    progress.file_started("empty.jsonl", 0)
    progress.file_done("empty.jsonl")
    assert out.getvalue().splitlines()[-1] == "newsprism: import empty.jsonl: 100% (0 of 0 bytes)"


def test_rich_progress_draws_a_bar_on_a_terminal_and_nothing_elsewhere() -> None:
    for terminal in (True, False):
        out = io.StringIO()
        console = Console(file=out, force_terminal=terminal, width=100)
        with RichImportProgress(console) as progress:
            progress.file_started("big.jsonl", 2_000_000)
            progress.file_advanced("big.jsonl", 1_000_000)
            # rich redraws from a thread ten times a second; wait for a drawing, or long enough for several.
            until = time.monotonic() + (5.0 if terminal else 0.5)
            while "1.0/2.0 MB" not in out.getvalue() and time.monotonic() < until:
                time.sleep(0.05)
            progress.file_done("big.jsonl")
        assert ("big.jsonl" in out.getvalue() and "1.0/2.0 MB" in out.getvalue()) is terminal, out.getvalue()
