"""`newsprism analyze`: the attributions, quantities and entities of plain text, as JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from newsprism.console import reports_errors
from newsprism.errors import InputError


@reports_errors
def analyze_command(
    file: Annotated[
        Path | None, typer.Argument(help="A plain-text article; standard input when omitted.")
    ] = None,
    jsonl: Annotated[
        Path | None,
        typer.Option("--jsonl", help='Many articles: one {"id", "text", "published"?} object per line.'),
    ] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for relative dates.")
    ] = None,
) -> None:
    """Print what analysis finds in an article: who said what, the numbers, the entities."""
    # Imported here, not at the top: loading the analysis models would slow every `newsprism --help`.
    from newsprism.compare.article.analysis import analyze_article

    if jsonl is not None:
        bad = analyze_jsonl(jsonl, sys.stdout)
        if bad:
            raise InputError(f"{jsonl}: {bad} line(s) could not be analysed (see above)")
        return
    text = _read_text(file)
    result = analyze_article(text, _parse_date(published, "--published")).to_json()
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2))


def _read_text(file: Path | None) -> str:
    if file is None:
        return sys.stdin.read()
    try:
        return file.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {str(file)!r}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{str(file)!r} is not UTF-8 text (byte {exc.start})") from exc


def _parse_date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InputError(f"{where}: 'published' must be a date YYYY-MM-DD, got {value!r}") from exc


def analyze_jsonl(path: Path, out: IO[str]) -> int:
    """Analyze every line of a JSON Lines file, writing one result line each; returns bad lines.

    A bad line is reported on standard error with its number; the good ones are still analyzed.
    """
    from newsprism.compare.article.analysis import analyze_article

    bad = 0
    for number, line in _lines(path):
        try:
            record = _article_record(_decoded(line, f"{path}:{number}"), f"{path}:{number}")
        except InputError as exc:
            typer.echo(f"newsprism: error: {exc}", err=True)
            bad += 1
            continue
        analysis = analyze_article(record["text"], record["published"]).to_json()
        analysis.pop("dates", None)
        out.write(json.dumps({"id": record["id"], **analysis}, ensure_ascii=False) + "\n")
    return bad


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    # Bytes, decoded line by line (`_decoded`): one bad byte costs its line, not the whole file.
    try:
        with path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield number, line
    except OSError as exc:
        raise InputError(f"cannot read {str(path)!r}: {exc.strerror}") from exc


def _decoded(line: bytes, where: str) -> str:
    try:
        return line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text (byte {exc.start})") from exc


def _article_record(line: str, where: str) -> dict[str, Any]:
    try:
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        # json's messages end in "at" before the position it would add itself; the column is named here.
        reason = exc.msg.removesuffix(" at")
        raise InputError(f"{where}, column {exc.colno}: not valid JSON ({reason})") from exc
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object")
    if not isinstance(record.get("text"), str):
        raise InputError(f"{where}: key 'text' must be a string")
    return {
        "id": record.get("id"),
        "text": record["text"],
        "published": _parse_date(record.get("published"), where),
    }
