"""The docs are checked as the code is: what README.md and docs/*.md name exists.

- every `newsprism COMMAND --option` written in code (a fenced block or an inline span) is a command of
  the command line with that option;
- every TOML block is a configuration `newsprism outlets` accepts, and every `key = value` written
  inline is a key of one of its tables;
- every test the docs cite (`tests/...py::test_name`) is defined in that file, every module, function,
  class or constant they name (`newsprism.crawler.urls.same_site`, `transport.HostPools`) is there to
  import, and every file (`compare/events.py`) and relative link is in the repository.

A rename that leaves a doc behind fails here; the fix is in the doc.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import shlex
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import typer.main

from newsprism.cli import app
from newsprism.crawler.config import parse_config
from newsprism.errors import InputError

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = ["README.md", *sorted(f"docs/{path.name}" for path in (REPO / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.S | re.M)
INLINE = re.compile(r"`([^`\n]+)`")
MINIMAL_OUTLET = '\n[[outlet]]\nname = "X"\nhomepage = "https://x.example/"\n'
# The default database file, written as `newsprism.db`: a file name, not a module.
NOT_MODULES = {"newsprism.db"}


@dataclass(frozen=True)
class Code:
    """The code written in one document: its fenced blocks (with their language) and inline spans."""

    blocks: list[tuple[str, str]]
    spans: list[str]

    def lines(self) -> list[str]:
        """Every line of code; a shell line continued with a backslash is one line."""
        joined = [re.sub(r"\\\n\s*", " ", block) for _, block in self.blocks]
        return [line for block in joined for line in block.splitlines()] + self.spans


@cache
def text_of(document: str) -> str:
    return (REPO / document).read_text("utf-8")


@cache
def code_of(document: str) -> Code:
    text = text_of(document)
    blocks = [(language, body) for language, body in FENCE.findall(text)]
    return Code(blocks, INLINE.findall(FENCE.sub("", text)))


# --- the command line -----------------------------------------------------------------------------


def command_line() -> Any:
    """The click group typer builds (typer ships its own click types, so no isinstance check)."""
    return typer.main.get_command(app)


def options_of(command: Any) -> set[str]:
    return {"--help"} | {name for param in command.params for name in (*param.opts, *param.secondary_opts)}


SHELL_BREAKS = {"|", "||", "&&", ";", ">", ">>", "<", "2>&1", "&"}
OPTION = re.compile(r"--?[a-z][a-z-]*")


def invocations(line: str) -> list[list[str]]:
    """The words after each `newsprism` (or `bin/newsprism`, `-m newsprism`) run in a line of code,
    up to the end of that shell command; a trailing comment is not part of it."""
    found = []
    for match in re.finditer(r"(?:^|(?<=[\s/]))newsprism (.*)", line):
        rest = match.group(1)
        try:
            words = shlex.split(rest, comments=True)
        except ValueError:  # an unbalanced quote in a usage line: words as written
            words = rest.split("#")[0].split()
        ended = [i for i, word in enumerate(words) if word in SHELL_BREAKS]
        found.append(words[: ended[0]] if ended else words)
    return found


def shown_options(words: list[str]) -> list[str]:
    """`[--format md|html|json]` -> `--format`: the options among a usage line's words."""
    cleaned = (word.strip("[]()") for word in words)
    return [option.group() for word in cleaned if (option := OPTION.fullmatch(word.split("=")[0]))]


def unknown_in(words: list[str]) -> list[str]:
    """What of one run (`--db URL crawl --config FILE`) the command line does not have."""
    group = command_line()
    while words and words[0].startswith("-"):
        if words[0] not in options_of(group):
            return [words[0]]
        words = words[2:] if words[0] == "--db" else words[1:]  # --db takes a value
    command = group
    while words and hasattr(command, "commands"):  # `cluster status`: a group, then its command
        if words[0] not in command.commands:
            return [words[0]]
        command, words = command.commands[words[0]], words[1:]
    return [option for option in shown_options(words) if option not in options_of(command)]


def runs_in(document: str) -> list[list[str]]:
    return [words for line in code_of(document).lines() for words in invocations(line)]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_command_and_option_the_docs_show_exists(document: str) -> None:
    unknown = {" ".join(words): unknown_in(words) for words in runs_in(document)}
    assert not {run: missing for run, missing in unknown.items() if missing}


def test_the_command_finder_sees_the_commands() -> None:
    # A finder that saw nothing would pass every test above.
    shown = {words[0] for document in DOCUMENTS for words in runs_in(document) if words}
    assert {"crawl", "schedule", "serve", "import", "report", "search", "worker", "cluster"} <= shown
    assert unknown_in(["crawl", "--config", "F", "--outlets"]) == ["--outlets"]
    assert unknown_in(["cluster", "status", "--json"]) == []
    assert unknown_in(["cluster", "stats"]) == ["stats"]


# --- the configuration ----------------------------------------------------------------------------


def accepted(toml: str, document: str) -> str | None:
    """None when `newsprism outlets` would take this configuration, else its error."""
    if "[[outlet]]" not in toml:
        toml += MINIMAL_OUTLET  # a configuration needs an outlet; the block shows another table
    try:
        parse_config(toml, document)
    except InputError as error:
        return str(error)
    return None


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_configuration_block_of_the_docs_is_accepted(document: str) -> None:
    blocks = [body for language, body in code_of(document).blocks if language == "toml"]
    assert not [error for body in blocks if (error := accepted(body, document))]


def celery_settings() -> str:
    """The Celery settings the cluster's engine writes (the docs name some of them, `key = value`)."""
    return (REPO / "newsprism" / "cluster" / "engine.py").read_text("utf-8")


def configuration_key(written: str) -> bool:
    """Whether `key = value` is a key of [crawler], [cluster] or [[outlet]] (with a value it takes)."""
    header = {"crawler": "[crawler]\n", "cluster": "[cluster]\n", "outlet": MINIMAL_OUTLET}
    return any(accepted(start + written + "\n", "docs") is None for start in header.values())


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_key_the_docs_set_inline_is_a_configuration_key(document: str) -> None:
    written = [span for span in code_of(document).spans if re.fullmatch(r"[a-z_]+ = \S+", span)]
    celery = celery_settings()
    unknown = [span for span in written if not configuration_key(span)]
    assert not [span for span in unknown if f"{span.split()[0]}=" not in celery]


def test_the_key_check_refuses_a_key_no_table_has() -> None:
    assert configuration_key('delay = "0s"') and configuration_key("allow_private_networks = false")
    assert not configuration_key("max_redirect = 5")


# --- tests, modules and files the docs cite --------------------------------------------------------


TEST_ID = re.compile(r"(?<![\w/])tests/[\w/]+\.py(?:::\w+)*")
DOTTED = re.compile(r"(?<![\w/.-])newsprism(?:\.\w+)+")
# `transport.HostPools`, `findings.STATEMENT_CUE_CLASSES`: a module by its last name, and a class or
# constant of it (lower-case tails are methods or columns: `page.text()`, `attributions.cue_class`).
SHORT = re.compile(r"([a-z_]+)\.([A-Z]\w*)")
TOP_LEVEL = "|".join(sorted(path.name for path in REPO.iterdir() if path.is_dir() and path.name[0] != "."))
REPO_PATH = re.compile(rf"(?<![\w/.-])(?:{TOP_LEVEL})/(?:[\w.-]+/)*(?:[\w-]+\.[a-z]+)?(?![\w/])")
LINK = re.compile(r"\]\(([^):#]*)(?:#([\w-]*))?\)")


def defined_in(path: Path, names: list[str]) -> bool:
    """Whether `names` (a test, or a class then its method) is defined at the top of a test file."""
    definitions = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    scope: list[ast.stmt] = ast.parse(path.read_text("utf-8")).body
    for name in names:
        match = [node for node in scope if isinstance(node, definitions) and node.name == name]
        if not match:
            return False
        scope = match[0].body
    return True


def cited_test_exists(cited: str) -> bool:
    path, *names = cited.split("::")
    return (REPO / path).is_file() and defined_in(REPO / path, names)


def importable(dotted: str) -> bool:
    """Whether `newsprism.a.b.name` is a module, or a name (attribute chain) inside one."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


@cache
def modules_by_last_name() -> dict[str, list[str]]:
    modules: dict[str, list[str]] = {}
    for info in pkgutil.walk_packages(importlib.import_module("newsprism").__path__, prefix="newsprism."):
        if not info.name.startswith("newsprism.storage.migrations"):
            modules.setdefault(info.name.rsplit(".", 1)[1], []).append(info.name)
    return modules


def short_name_exists(module: str, name: str) -> bool:
    return any(importable(f"{full}.{name}") for full in modules_by_last_name()[module])


def cited_tests(document: str) -> list[str]:
    return TEST_ID.findall(text_of(document))


def cited_names(document: str) -> list[str]:
    return [name for name in DOTTED.findall(text_of(document)) if name not in NOT_MODULES]


def cited_short_names(document: str) -> list[tuple[str, str]]:
    spans = [span for span in code_of(document).spans if SHORT.fullmatch(span)]
    pairs = [(match[1], match[2]) for span in spans if (match := SHORT.fullmatch(span))]
    return [(module, name) for module, name in pairs if module in modules_by_last_name()]


def cited_files(document: str) -> list[str]:
    """Repository paths (`compare/events.py`, `tests/data/coverage/`) and bare file names (`entities.py`)."""
    text = text_of(document)
    bare = re.findall(r"(?<![\w/.-])[\w-]+\.py\b", text)
    return [match.group() for match in REPO_PATH.finditer(text)] + bare


def file_exists(cited: str) -> bool:
    if "/" in cited:
        return (REPO / cited).exists()
    return any(REPO.glob(f"[!.]*/**/{cited}"))


def heading_anchors(document: str) -> set[str]:
    """GitHub's anchors: each heading lower-cased, punctuation dropped, spaces as hyphens."""
    headings = re.findall(r"^#+ (.+)$", FENCE.sub("", text_of(document)), re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def broken_links(document: str) -> list[str]:
    broken = []
    for target, anchor in LINK.findall(text_of(document)):
        linked = (REPO / document).parent / target if target else REPO / document
        if not linked.exists():
            broken.append(target)
        elif anchor and anchor not in heading_anchors(str(linked.resolve().relative_to(REPO))):
            broken.append(f"{target}#{anchor}")
    return broken


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_test_the_docs_cite_exists(document: str) -> None:
    assert not [cited for cited in cited_tests(document) if not cited_test_exists(cited)]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_module_and_function_the_docs_name_exists(document: str) -> None:
    assert not [name for name in cited_names(document) if not importable(name)]
    assert not [f"{m}.{n}" for m, n in cited_short_names(document) if not short_name_exists(m, n)]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_file_and_link_the_docs_cite_exists(document: str) -> None:
    assert not [cited for cited in cited_files(document) if not file_exists(cited)]
    assert not broken_links(document)


def test_the_citation_finders_see_the_citations() -> None:
    # Finders that saw nothing would pass every test above; the counts are reported by `-s`.
    tests = {cited for document in DOCUMENTS for cited in cited_tests(document)}
    names = {name for document in DOCUMENTS for name in cited_names(document)}
    files = {cited for document in DOCUMENTS for cited in cited_files(document)}
    assert "tests/storage/test_locks.py::test_a_dead_holder_is_taken_over" in tests
    assert "newsprism.crawler.config.parse_config" in names
    assert "newsprism.storage.database.Database.commit_with_retry" in names
    assert {"compare/events.py", "examples/outlets.toml", "scripts/score_grouping.py"} <= files
    assert len(tests) >= 60 and len(names) >= 30 and len(files) >= 50
    assert not cited_test_exists("tests/storage/test_locks.py::test_a_dead_holder_is_taken")
    assert importable("newsprism.crawler.urls.same_site")
    assert not importable("newsprism.crawler.urls.same_host")
    assert not file_exists("compare/divergence.py") and file_exists("entities.py")
