"""newsprism, the application shell: the command line, the HTTP API and pages, settings, the demo
newsroom, and the pipeline that wires crawler, storage and compare together.

The Python API (INTERFACE.md): `newsprism.analyze(text, published=None)` and
`newsprism.compare(articles)`, defined in `newsprism.library` and loaded on first use, so that the
command line does not pay for the analysis models at start-up. `newsprism.compare` is at once the
comparison's sub-package and that function: the package can be called (see its docstring).
`newsprism.Database(url)` (`newsprism.database`, loaded on first use too) opens a database to read
its articles, versions, events and reports and to crawl or import into it. The application's errors
(`NewsprismError` and its leaves, `newsprism.errors`) are here as well.

The repository keeps its layout (`crawler/`, `storage/`, `compare/` beside `newsprism/`); links in
`newsprism/` make them `newsprism.crawler`, `newsprism.storage` and `newsprism.compare`, in the
checkout as in the installed wheel.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "Database",
    "DatabaseError",
    "InputError",
    "NewsprismError",
    "NotFoundError",
    "__version__",
    "analyze",
    "compare",
]

from newsprism.errors import DatabaseError, InputError, NewsprismError, NotFoundError

if TYPE_CHECKING:
    # A type checker sees the function a caller calls (`newsprism.compare([...])`); at run time the
    # package newsprism.compare is the same function, its module made callable.
    from newsprism.database import Database
    from newsprism.library import compare as compare
else:
    # The package newsprism.compare, which is also the API function: calling it compares articles.
    from newsprism import compare


def __getattr__(name: str) -> Any:
    # SQLAlchemy, the crawler and the web queries load when a program asks for the database, not
    # with every `newsprism --help`.
    if name == "Database":
        from newsprism.database import Database

        return Database
    raise AttributeError(f"module 'newsprism' has no attribute {name!r}")


def analyze(text: str, published: date | None = None) -> dict[str, Any]:
    """The attributions, quantities and entities of one article text (`newsprism analyze`)."""
    from newsprism.library import analyze as analyze_text

    return analyze_text(text, published)
