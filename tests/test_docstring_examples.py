"""Every example in a docstring (`>>> ...`) of the packages runs and gives what it shows.

The docs' examples were written as if tested and were not collected; here each module with examples
is one test, so an example that drifts from the code fails `make test`.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ("compare", "storage", "crawler", "newsprism")
# Alembic's environment runs only under alembic (it reads `alembic.context.config` on import).
NOT_IMPORTABLE = ("newsprism.storage.migrations",)


def modules_with_examples() -> list[str]:
    names = []
    for package in PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
            if info.name.startswith(NOT_IMPORTABLE) or info.name.endswith(".__main__"):
                continue  # `__main__` runs the command line when imported
            module = importlib.import_module(info.name)
            if any(test.examples for test in doctest.DocTestFinder().find(module)):
                names.append(info.name)
    return sorted(names)


MODULES = modules_with_examples()


def test_the_examples_are_found() -> None:
    # A finder that saw nothing would pass every test below: the known modules must be there.
    known = {"newsprism.compare.events", "newsprism.compare.textsim", "newsprism.storage.text"}
    assert known | {"newsprism.database"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {name} failed"
