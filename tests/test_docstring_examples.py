"""Every example in a docstring (`>>> ...`) runs and gives what it shows.

Each docstring with examples is one test, so an example that drifts from the code fails `make test`.
The modules are found by walking `newsprism`, the one installed package (its crawler, storage and
comparison included); a second test reads the source files themselves, so an example the walk cannot
see (in a comment, a nested function, a module left out of the package) fails too.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The source folders that install as parts of `newsprism` (crawler/, storage/, compare/ are linked in).
SOURCE_FOLDERS = ("newsprism", "crawler", "storage", "compare")
# Alembic's environment runs only under alembic (it reads `alembic.context.config` on import).
NOT_IMPORTABLE = ("newsprism.storage.migrations",)
OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
PROMPT = re.compile(r"^\s*>>> ", re.M)


def package_modules() -> list[str]:
    root = importlib.import_module("newsprism")
    names = ["newsprism"]
    for info in pkgutil.walk_packages(root.__path__, prefix="newsprism."):
        if info.name.startswith(NOT_IMPORTABLE) or info.name.endswith(".__main__"):
            continue  # `__main__` runs the command line when imported
        names.append(info.name)
    return names


def docstring_examples() -> dict[str, doctest.DocTest]:
    """Each docstring with examples, by its dotted name (`newsprism.crawler.urls.clean_url`)."""
    finder = doctest.DocTestFinder()
    found: dict[str, doctest.DocTest] = {}
    for name in package_modules():
        for test in finder.find(importlib.import_module(name)):
            if test.examples:
                found[test.name] = test
    return dict(sorted(found.items()))


EXAMPLES = docstring_examples()


def module_of(path: Path) -> str:
    """`compare/events.py` -> `newsprism.compare.events`, as the package installs it."""
    parts = path.relative_to(REPO).with_suffix("").parts
    dotted = ".".join(parts if parts[0] == "newsprism" else ("newsprism", *parts))
    return dotted.removesuffix(".__init__")


def prompts_in_source() -> dict[str, int]:
    """How many examples (lines that open with `>>>`) each source module holds."""
    # newsprism/compare/... is compare/... through a link: each file counted once, by its real path.
    paths = {path.resolve() for folder in SOURCE_FOLDERS for path in (REPO / folder).rglob("*.py")}
    counts: dict[str, int] = {}
    for path in sorted(paths):
        prompts = len(PROMPT.findall(path.read_text("utf-8")))
        if prompts and not path.is_relative_to(REPO / "alembic"):  # storage/migrations links there
            counts[module_of(path)] = prompts
    return counts


def test_every_example_in_the_sources_is_collected() -> None:
    collected: dict[str, int] = {}
    for test in EXAMPLES.values():
        module = test.globs["__name__"]
        collected[module] = collected.get(module, 0) + len(test.examples)
    written = prompts_in_source()
    assert len(written) >= 25, written  # a reader of the sources that saw nothing would pass below
    assert collected == written


@pytest.mark.parametrize("name", EXAMPLES)
def test_docstring_example_runs(name: str) -> None:
    test = EXAMPLES[name]
    # A fresh copy of the module's globals: one docstring's names never leak into the next one's.
    test.globs = dict(test.globs)
    runner = doctest.DocTestRunner(optionflags=OPTIONS)
    reports: list[str] = []
    result = runner.run(test, out=reports.append)
    shown = "".join(reports)  # doctest's own account of each failed example: expected, got
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {name} failed:\n{shown}"
