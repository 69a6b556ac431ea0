"""`newsprism analyze` prints INTERFACE.md's JSON for one text or a JSON Lines batch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ARTICLE = (
    "Russia's natural resources minister Alexander Kozlov said the talks went well.\n\n"
    '"We discussed grain and flights," Kozlov said. The governor handed over five kamikaze drones, '
    "the official TASS news agency said on Sunday."
)
ATTRIBUTION_KEYS = {
    "kind",
    "content",
    "start",
    "end",
    "cue",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_resolved",
    "source_type",
}


def analyze(*args: str, stdin: str = "", cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsprism", "analyze", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def _check_offsets(text: str, result: dict[str, list[dict[str, Any]]]) -> None:
    for item in result["attributions"]:
        assert set(item) >= ATTRIBUTION_KEYS
        assert text[item["start"] : item["end"]] == item["content"]
    for item in result["quantities"] + result["entities"]:
        assert text[item["start"] : item["end"]] == item["text"]


def test_one_text_from_standard_input(tmp_path: Path) -> None:
    done = analyze("--published", "2023-09-17", stdin=ARTICLE, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    _check_offsets(ARTICLE, result)
    quote = next(a for a in result["attributions"] if a["kind"] == "direct")
    assert quote["speaker_resolved"] == "Alexander Kozlov"
    drones = next(q for q in result["quantities"] if q["value"] == 5)
    assert drones["unit"] == "drone"
    assert any(
        a["source_type"] in {"agency", "state_media"} and "TASS" in (a["speaker"] or "")
        for a in result["attributions"]
    )


def test_one_text_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    done = analyze(str(path), cwd=tmp_path)
    assert done.returncode == 0 and json.loads(done.stdout)["attributions"]


def test_missing_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    done = analyze(str(tmp_path / "absent.txt"), cwd=tmp_path)
    assert done.returncode == 1 and "absent.txt" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_jsonl_batch_keeps_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "published": "2023-09-17"}),
        "{not json",
        json.dumps({"id": 7, "text": "Kim spent six days in Russia, officials said."}),
        json.dumps({"id": "bad-date", "text": "x", "published": "Sunday"}),
    ]
    after = json.dumps({"id": "after", "text": "The mayor said two bridges were closed."})
    path = tmp_path / "batch.jsonl"
    # A line in Latin-1 costs that line only, not the lines around it.
    path.write_bytes(
        ("\n".join(lines) + "\n").encode() + b'{"id": "latin", "text": "caf\xe9"}\n' + after.encode()
    )
    done = analyze("--jsonl", str(path), cwd=tmp_path)
    assert done.returncode == 1
    assert "batch.jsonl:2, column 2: not valid JSON (Expecting property name" in done.stderr
    assert "batch.jsonl:4" in done.stderr
    assert "batch.jsonl:5: not UTF-8 text" in done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in results] == ["a1", 7, "after"]
    assert set(results[0]) == {"id", "attributions", "quantities", "entities"}
    _check_offsets(ARTICLE, results[0])
