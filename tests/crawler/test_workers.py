"""The extraction workers' server: started first by `newsprism crawl`, light for the process that starts
it, and its workers come with the extraction modules (and the page preparation's) already loaded.

Each case runs in a fresh process: a process has one forkserver, and the test process's may have
been started by other tests with another preload.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from loopback import LoopbackSite
from newsroom_site import outlet_config, serve_newsroom

from newsprism.commands.crawling import PAGE_PREPARATION
from newsprism.crawler.workers import EXTRACTION_MODULES
from newsprism.pipeline import analyze_page
from newsprism.preparation import PageAnalysis

HEAVY = (
    "trafilatura",
    "lxml",
    "newsprism.crawler.extract",
    "newsprism.crawler.wordlists",
    "newsprism.preparation",
)
# What the crawling process needs and the workers do not: their server does not load it for them.
NOT_IN_THE_WORKERS = ("sqlalchemy", "numpy", "newsprism.storage.models", "newsprism.pipeline")

# The worker's task lives in a module of its own that imports nothing: what the worker has loaded
# when it runs came from its server.
TASK = """
import sys

def loaded(names):
    return [name for name in names if name in sys.modules]

def word_lists_built():
    # Read without building: each library keeps what it built in a global or a cache.
    import trafilatura.external
    from htmldate.extractors import month_words
    from justext.core import define_stoplist
    return {
        "stop words": len(trafilatura.external.JT_STOPLIST or ()),
        "stop sets": define_stoplist.cache_info().currsize,
        "month lists": month_words.cache_info().currsize,
    }
"""

PROBE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from newsprism.crawler.workers import start_worker_server, worker_context
start_worker_server(["newsprism.preparation"])
heavy, light = {heavy!r}, {light!r}
here = [name for name in heavy if name in sys.modules]
from concurrent.futures import ProcessPoolExecutor
import task
with ProcessPoolExecutor(1, mp_context=worker_context()) as pool:
    there = pool.submit(task.loaded, heavy + light).result()
    built = pool.submit(task.word_lists_built).result()
print(json.dumps({{"here": here, "there": there, "built": built}}))
"""


def test_the_server_starts_without_heavy_imports_and_its_workers_have_them(tmp_path: Path) -> None:
    (tmp_path / "task.py").write_text(TASK, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY, light=NOT_IN_THE_WORKERS), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = json.loads(done.stdout.splitlines()[-1])
    assert (found["here"], found["there"]) == ([], list(HEAVY))
    # The word lists trafilatura, jusText and htmldate build on first use came built from the server.
    built = found["built"]
    assert built["stop words"] > 10_000 and built["stop sets"] == 1 and built["month lists"] == 1


def test_the_command_preloads_the_module_of_the_preparation_its_crawl_runs() -> None:
    assert analyze_page.__module__ == PageAnalysis.__module__ == PAGE_PREPARATION
    assert EXTRACTION_MODULES == ("newsprism.crawler.extract", "newsprism.crawler.wordlists")


CRAWL_PROBE = """
import json, sys
from newsprism.cli import app
try:
    app(sys.argv[1:], prog_name="newsprism")
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
# Loaded by the extraction workers only, or by a cluster's workers only: never by a local crawl.
# Nor Alembic, for a new database (built at the head at once), nor numpy, which grouping does without:
# each was a tenth of a second of the command's start.
NOT_IN_THE_CRAWLING_PROCESS = (
    "trafilatura",
    "justext",
    "htmldate",
    "newsprism.crawler.extract",
    "redis",
    "celery",
    "alembic",
    "numpy",
)


def test_the_crawling_process_of_newsprism_crawl_never_loads_the_extractor(
    site: LoopbackSite, tmp_path: Path
) -> None:
    urls = serve_newsroom(site, pages=2)
    config = outlet_config(tmp_path, site)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CRAWL_PROBE,
            "--db",
            f"sqlite:///{tmp_path / 'n.db'}",
            "crawl",
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["code"] in (0, None), done.stderr
    assert "Loopback Wire" in done.stdout and len(urls) == 2
    with closing(sqlite3.connect(tmp_path / "n.db")) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    loaded = set(found["modules"])
    assert [name for name in NOT_IN_THE_CRAWLING_PROCESS if name in loaded] == []


WORKER_PROBE = """
import gc, os, sys, time
from newsprism.crawler.workers import start_worker
owner = os.fork()
if owner == 0:  # the pool's owner: gone at once
    os._exit(0)
os.waitpid(owner, 0)
start_worker(owner)
print("frozen:", gc.get_freeze_count() > 0, flush=True)
time.sleep(30)  # ended by the watch on the owner, well before
print("still here", flush=True)
"""


def test_a_worker_freezes_what_it_inherited_and_ends_when_its_owner_is_gone() -> None:
    done = subprocess.run(
        [sys.executable, "-c", WORKER_PROBE], capture_output=True, text=True, timeout=20, check=True
    )
    assert done.stdout.splitlines() == ["frozen: True"]
