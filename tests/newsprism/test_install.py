"""What `pip install .` must bring: every distribution our code imports, declared in pyproject.toml.

pip 23.2 (Python 3.11's bundled pip) skips the extra `lxml[html_clean]` that trafilatura's dependency
asks for, so a plain install failed at start; a dependency we rely on without declaring it is one
resolver change away from the same failure.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OURS = {"newsprism", "crawler", "storage", "compare", "__future__"}
# Imported by a dependency on our behalf, where its own metadata leaves it to an extra.
INDIRECT = {"lxml_html_clean": "trafilatura and justext import lxml.html.clean, now a separate project"}


def declared() -> set[str]:
    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    return {_normal(re.split(r"[<>=!~\[;\s]", dependency, maxsplit=1)[0]) for dependency in dependencies}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_modules() -> set[str]:
    modules: set[str] = set()
    for package in ("newsprism", "crawler", "storage", "compare"):
        for path in (REPO / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Import):
                    modules |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules.add(node.module.split(".")[0])
    return {m for m in modules if m not in sys.stdlib_module_names and m not in OURS}


def test_every_imported_distribution_is_declared() -> None:
    distributions = packages_distributions()
    missing = {
        module: distributions.get(module)
        for module in imported_modules()
        if not any(_normal(d) in declared() for d in distributions.get(module, [module]))
    }
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_the_html_cleaner_trafilatura_imports_is_declared_by_name() -> None:
    assert set(map(_normal, INDIRECT)) <= declared(), INDIRECT
    import lxml.html.clean  # noqa: F401 -- the import that failed at start with pip 23.2
