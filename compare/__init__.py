"""Comparison of news coverage: analysis of one article (`article`), the claims it makes (`claims`),
events across outlets (`events`, with the copies and the site furniture it tells apart in `copies`),
the divergences between them (`divergences`) and their reports (`reports`); the records passed between
those parts are in `types`, an article's findings in `findings`.

Analysis of a text is pure (text in, dataclasses out); nothing here opens a database or the network.

`newsprism.compare` is also the Python API's compare function (INTERFACE.md): the package can be
called, `newsprism.compare(articles)`, and gives the report of `newsprism.library.compare`. Importing
the package imports none of its modules, so the command line does not pay for them at start-up.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any


class _CallableComparison(ModuleType):
    """This package, callable: one name for the sub-package and the API function it serves."""

    def __call__(self, articles: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        """The divergence report of articles about one event (`report --format json`), no database."""
        from newsprism.library import compare

        return compare(articles)


sys.modules[__name__].__class__ = _CallableComparison
