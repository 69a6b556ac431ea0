"""How a crawl pass or an import reports its progress: small protocols, and what draws them.

The crawl and the import call a protocol; what a person sees is decided by whoever started them. The
rich bars draw only on a terminal, so logs and pipes stay clean; `PlainImportProgress` writes an
occasional plain line instead, for an operator who asks for progress in a log.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class CrawlProgress(Protocol):
    """Told what a crawl pass is doing, outlet by outlet."""

    def discovered(self, outlet: str, count: int) -> None:
        """`count` candidate articles were found for `outlet`."""

    def advanced(self, outlet: str, status: str) -> None:
        """One article of `outlet` was dealt with (new, updated, unchanged, failed or skipped)."""


# Redraws a second of a bar on a terminal (rich's default is ten). Each redraw runs on rich's thread
# and holds the interpreter lock that the crawl's event loop and database thread need.
REDRAWS_PER_SECOND = 4
# Outlets a crawl's progress draws a bar for at once, under the pass's own bar. A bar for every outlet
# of a large configuration (181) fills no terminal, and took 54 ms to draw, half a core at ten
# redraws a second: the whole command took twice as long on a terminal as on a pipe.
SHOWN_OUTLETS = 8


def _terminal_bar(console: Console, *columns: ProgressColumn) -> Progress:
    """A rich bar per task (its name, the bar, then `columns`) that leaves no trace when done and is
    drawn only when `console` is a terminal: a log or a pipe gets nothing."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        *columns,
        console=console,
        transient=True,
        disable=not console.is_terminal,
        refresh_per_second=REDRAWS_PER_SECOND,
    )


class SilentProgress:
    """Progress that shows nothing."""

    def discovered(self, outlet: str, count: int) -> None:
        pass

    def advanced(self, outlet: str, status: str) -> None:
        pass


class RichProgress:
    """A crawl pass on standard error, drawn only on a terminal: one bar for all the articles found so
    far, and one for each of the first `shown` outlets still being fetched (an outlet's bar goes when
    it is done and the next unfinished outlet takes its place)."""

    def __init__(self, console: Console | None = None, shown: int = SHOWN_OUTLETS) -> None:
        self.console = console or Console(stderr=True)
        self._bar = _terminal_bar(self.console, MofNCompleteColumn(), _PassElapsed())
        self._pass = self._bar.add_task("all outlets", total=0, whole=True)
        # A fixed set of rows that outlets take in turn: adding or removing a rich task redraws at
        # once, which 181 outlets would do 181 times each way.
        self._free = [self._bar.add_task("", total=0, visible=False) for _ in range(shown)]
        self._articles = self._outlets = self._finished = 0
        self._found: dict[str, int] = {}  # articles found, per outlet
        self._left: dict[str, int] = {}  # articles not yet dealt with, per unfinished outlet, in order
        self._rows: dict[str, TaskID] = {}  # the outlets drawn, and their rows

    def discovered(self, outlet: str, count: int) -> None:
        self._outlets += 1
        self._articles += count
        self._found[outlet] = self._left[outlet] = count
        self._bar.update(self._pass, total=self._articles)
        if count == 0:
            self._finish(outlet)
        elif self._free:
            self._draw(outlet, self._free.pop(0))
        self._describe_pass()

    def advanced(self, outlet: str, status: str) -> None:
        if outlet not in self._left:
            return
        self._bar.advance(self._pass)
        self._left[outlet] -= 1
        if outlet in self._rows:
            self._bar.advance(self._rows[outlet])
        if self._left[outlet] <= 0:
            self._finish(outlet)
            self._describe_pass()

    def drawn(self) -> list[tuple[str, int, int]]:
        """The bars drawn now, the pass's first: each one's description, articles done and found."""
        return [
            (task.description, int(task.completed), int(task.total or 0))
            for task in self._bar.tasks
            if task.visible
        ]

    def _draw(self, outlet: str, row: TaskID) -> None:
        found = self._found[outlet]
        self._rows[outlet] = row
        self._bar.update(
            row, description=outlet, total=found, completed=found - self._left[outlet], visible=True
        )

    def _finish(self, outlet: str) -> None:
        del self._left[outlet]
        self._finished += 1
        row = self._rows.pop(outlet, None)
        if row is None:
            return
        waiting = next((name for name in self._left if name not in self._rows), None)
        if waiting is None:
            self._bar.update(row, visible=False)
            self._free.append(row)
        else:
            self._draw(waiting, row)

    def _describe_pass(self) -> None:
        self._bar.update(self._pass, description=f"all outlets ({self._finished}/{self._outlets} done)")

    def __enter__(self) -> RichProgress:
        self._bar.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._bar.stop()


class _PassElapsed(TimeElapsedColumn):
    """The time since the pass started, on the pass's bar only: an outlet's row is a reused one."""

    def render(self, task: Task) -> Text:
        return super().render(task) if task.fields.get("whole") else Text("")


class ImportProgress(Protocol):
    """Told how far an import is into each of its files, in bytes."""

    def file_started(self, source: str, size: int) -> None:
        """The import opened `source`, a file of `size` bytes."""

    def file_advanced(self, source: str, position: int) -> None:
        """The first `position` bytes of `source` have been dealt with."""

    def file_done(self, source: str) -> None:
        """`source` has been read to its end (or given up on)."""


class SilentImportProgress:
    """Import progress that shows nothing."""

    def file_started(self, source: str, size: int) -> None:
        pass

    def file_advanced(self, source: str, position: int) -> None:
        pass

    def file_done(self, source: str) -> None:
        pass


class RichImportProgress:
    """One rich bar per imported file on standard error (bytes read of its size), only on a terminal."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self._bar = _terminal_bar(self.console, DownloadColumn(), TimeRemainingColumn())
        self._tasks: dict[str, TaskID] = {}

    def file_started(self, source: str, size: int) -> None:
        self._tasks[source] = self._bar.add_task(source, total=size)

    def file_advanced(self, source: str, position: int) -> None:
        if source in self._tasks:
            self._bar.update(self._tasks[source], completed=position)

    def file_done(self, source: str) -> None:
        if source in self._tasks:
            self._bar.remove_task(self._tasks.pop(source))

    def __enter__(self) -> RichImportProgress:
        self._bar.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._bar.stop()


class PlainImportProgress:
    """A plain line at most every `every` seconds and one per finished file, for logs and pipes.

    `clock` is a parameter so that a test decides when time has passed.
    """

    def __init__(
        self, stream: TextIO, *, every: float = 10.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream, self.every, self.clock = stream, every, clock
        self._sizes: dict[str, int] = {}
        self._positions: dict[str, int] = {}
        self._last = clock()

    def file_started(self, source: str, size: int) -> None:
        self._sizes[source], self._positions[source] = size, 0
        self._write(source)

    def file_advanced(self, source: str, position: int) -> None:
        self._positions[source] = position
        if self.clock() - self._last >= self.every:
            self._write(source)

    def file_done(self, source: str) -> None:
        if source in self._sizes:
            self._positions[source] = self._sizes[source]
            self._write(source)

    def _write(self, source: str) -> None:
        size, position = self._sizes.get(source, 0), self._positions.get(source, 0)
        share = 100 * position // size if size else 100
        self.stream.write(f"newsprism: import {source}: {share}% ({position:,} of {size:,} bytes)\n")
        self.stream.flush()
        self._last = self.clock()
