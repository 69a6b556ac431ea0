"""How a crawl pass reports its progress: a small protocol, and a rich progress bar for terminals.

The crawl calls the protocol; what a person sees is decided by whoever started the pass. The rich bar
draws only on a terminal, so logs and pipes stay clean.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn


class CrawlProgress(Protocol):
    """Told what a crawl pass is doing, outlet by outlet."""

    def discovered(self, outlet: str, count: int) -> None:
        """`count` candidate articles were found for `outlet`."""

    def advanced(self, outlet: str, status: str) -> None:
        """One article of `outlet` was dealt with (new, updated, unchanged, failed or skipped)."""


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
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
            disable=not self.console.is_terminal,
        )
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
