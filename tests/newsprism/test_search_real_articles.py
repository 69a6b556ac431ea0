"""Over a few hundred real news pages (the fundus test pages in ../shared), imported with the real
`newsprism import`, the CLI and the API both find a known article by a word only it contains."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import httpx
import pytest
from newsroom_db import live_server
from sqlalchemy import text

from newsprism.storage.database import Database
from newsprism.web.app import create_app

pytestmark = [pytest.mark.shared, pytest.mark.slow]


def newsprism(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsprism", "-q", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(os.environ),
        check=False,
    )


@pytest.fixture(scope="module")
def fundus_db(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("fundus")
    corpus = shared_dir / "corpus" / "fundus"
    with (folder / "pages.jsonl").open("w", encoding="utf-8") as out:
        for entry in json.loads((corpus / "MANIFEST.json").read_text(encoding="utf-8")):
            html = gzip.decompress((corpus / entry["html"]).read_bytes()).decode("utf-8", "replace")
            out.write(json.dumps({"url": entry["url"], "outlet": entry["publisher"], "html": html}) + "\n")
    url = f"sqlite:///{folder / 'fundus.db'}"
    done = newsprism("--db", url, "import", "pages.jsonl", cwd=folder)
    # A page trafilatura finds no text in is refused with its line number; the others land.
    assert "imported:" in done.stdout + done.stderr, done.stderr[-2000:]
    return url


def _rare_word(url: str) -> tuple[int, str, int]:
    """(article id, a word no other article contains, how many articles are stored)."""
    database = Database(url)
    with database.session() as session:
        rows = session.execute(text("SELECT id, lower(title || ' ' || text) FROM articles_current")).all()
    database.close()
    words = {article_id: set(re.findall(r"\b[a-z]{9,14}\b", body)) for article_id, body in rows}
    seen = Counter(word for found in words.values() for word in found)
    article_id = sorted(words)[len(words) // 2]
    unique = sorted(word for word in words[article_id] if seen[word] == 1)
    assert unique, "the chosen article has a word of its own"
    return article_id, unique[0], len(rows)


def test_cli_and_api_find_a_real_article_by_a_rare_word(fundus_db: str, tmp_path: Path) -> None:
    article_id, word, stored = _rare_word(fundus_db)
    assert stored >= 200
    done = newsprism("--db", fundus_db, "search", word, "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert article_id in [hit["id"] for hit in json.loads(done.stdout)["hits"]][:3]
    database = Database(fundus_db)
    try:
        with live_server(create_app(database)) as base:
            found = httpx.get(f"{base}/api/search", params={"q": word}, timeout=30).json()
            assert article_id in [hit["id"] for hit in found["hits"]][:3]
            assert httpx.get(f"{base}/api/search", params={"q": '"unbalanced'}, timeout=30).status_code == 400
            for page in ("/", f"/articles/{article_id}", f"/search?q={word}"):
                assert httpx.get(base + page, timeout=30).status_code == 200, page
    finally:
        database.close()
