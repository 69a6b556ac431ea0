"""Settings the shell resolves once per command: which database, how much logging."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite:///newsprism.db"


def database_url(given: str | None) -> str:
    """The `--db` option, else `$NEWSPRISM_DB`, else `newsprism.db` in the working directory."""
    return given or os.environ.get("NEWSPRISM_DB") or DEFAULT_DATABASE_URL


def log_level(verbose: int, quiet: int) -> int:
    """Warnings by default; each -v shows more (info, then debug), each -q less."""
    steps = [logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL]
    index = min(max(2 - verbose + quiet, 0), len(steps) - 1)
    return steps[index]


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    verbose: int = 0
    quiet: int = 0

    @property
    def show_progress(self) -> bool:
        return self.quiet == 0
