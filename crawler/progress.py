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
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class CrawlProgress(Protocol):
    """Told what a crawl pass is doing, outlet by outlet."""

    def discovered(self, outlet: str, count: int) -> None:
        """`count` candidate articles were found for `outlet`."""

    def advanced(self, outlet: str, status: str) -> None:
        """One article of `outlet` was dealt with (new, updated, unchanged, failed or skipped)."""


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
    )


class SilentProgress:
    """Progress that shows nothing."""

    def discovered(self, outlet: str, count: int) -> None:
        pass

    def advanced(self, outlet: str, status: str) -> None:
        pass


class RichProgress:
    """One rich progress bar per outlet on standard error, drawn only when it is a terminal."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self._bar = _terminal_bar(self.console, MofNCompleteColumn(), TimeElapsedColumn())
        self._tasks: dict[str, TaskID] = {}

    def discovered(self, outlet: str, count: int) -> None:
        self._tasks[outlet] = self._bar.add_task(outlet, total=count)

    def advanced(self, outlet: str, status: str) -> None:
        if outlet in self._tasks:
            self._bar.advance(self._tasks[outlet])

    def __enter__(self) -> RichProgress:
        self._bar.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._bar.stop()


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
