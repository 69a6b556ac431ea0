"""Score the crawler's article metadata (title, authors, date) against the fundus ground truth.

The fundus corpus (../shared/corpus/fundus/) holds 258 real article pages of 181 publishers with the
title, authors and publication date each publisher's hand-written fundus parser records. Each page is
run through what the crawler does with it (charset decoding, then `newsprism.crawler.extract.extract_page` at
a loopback URL, as tests/crawler/test_fundus_site.py serves it) and compared the way that test compares:

- title: equal after normalising case, spaces and typographic quotes, or one contains the other and
  is at least half its length (a site name left on, or trimmed off);
- authors: the same list of names, case and spacing ignored;
- date: the same calendar day as the truth's `publishing_date` in the truth's own time zone (the
  publisher's day; UTC when it names no zone), no date when the truth has none.

This takes seconds instead of the loopback crawl's minute, for iterating on the rules.

    .venv/bin/python scripts/score_metadata.py            # print the figures
    .venv/bin/python scripts/score_metadata.py --check    # exit 1 below a floor in the baseline
    .venv/bin/python scripts/score_metadata.py --misses title   # list the pages a field misses
    .venv/bin/python scripts/score_metadata.py --half 0   # only the outlets of one half (0 or 1)
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import zlib
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsprism.crawler.encoding import decode_html  # noqa: E402  (after the path set-up above)
from newsprism.crawler.extract import extract_page  # noqa: E402
from newsprism.crawler.workers import ExtractedPage  # noqa: E402

FUNDUS = ROOT.parent / "shared" / "corpus" / "fundus"
BASELINE = ROOT / "scripts" / "metadata_baseline.json"
FIELDS = ("stored", "title", "authors", "date")
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00ad": None,
        "\u2013": "-",
        "\u2014": "-",
    }
)


def norm(text: str | None) -> str:
    """Case, runs of spaces and typographic quotes and dashes normalised away (as the fundus test)."""
    return " ".join((text or "").translate(_QUOTES).split()).casefold()


def title_matches(ours: str | None, truth: str | None) -> bool:
    """Equal when normalised, or one contains the other and is at least half as long."""
    a, b = norm(ours), norm(truth)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return bool(short) and short in long_ and len(short) >= len(long_) / 2


def date_matches(page: ExtractedPage, truth: dict[str, Any]) -> bool:
    """The same calendar day as the truth's publishing date, in the truth's own time zone (UTC when
    it names none); no date at all when the truth has none."""
    stated = truth.get("publishing_date") or ""
    if not stated:
        return page.published is None
    if page.published is None:
        return False
    zone = datetime.fromisoformat(stated).tzinfo or UTC
    return page.published.astimezone(zone).date().isoformat() == stated[:10]


def half_of(publisher: str) -> int:
    """A stable split of the outlets into two halves (tune on one, confirm on the other)."""
    return zlib.crc32(publisher.encode()) % 2


def loopback_url(entry: dict[str, Any], index: int) -> str:
    """The page's address on its publisher's loopback site, as the acceptance crawl serves it."""
    parts = urlsplit(entry["url"])
    query = f"?{parts.query}" if parts.query else ""
    return f"http://127.0.0.{index % 250 + 2}{parts.path or '/'}{query}"


def score_page(item: tuple[Path, str, dict[str, Any]]) -> dict[str, Any]:
    """Which fields of one page match the truth, with what was found, for listing misses."""
    path, url, truth = item
    page = extract_page(decode_html(gzip.decompress(path.read_bytes()), "text/html"), url)
    if page is None:
        return {"url": url, "stored": False, "title": False, "authors": False, "date": False}
    gold_authors = sorted(map(norm, truth.get("authors") or []))
    return {
        "url": url,
        "stored": True,
        "title": title_matches(page.title, truth.get("title")),
        "authors": sorted(map(norm, page.authors)) == gold_authors,
        "date": date_matches(page, truth),
        "found": {"title": page.title, "authors": list(page.authors), "date": str(page.published)},
        "truth": {k: truth.get(k) for k in ("title", "authors")} | {"date": truth.get("publishing_date")},
    }


def pages(corpus: Path, half: int | None) -> list[tuple[Path, str, dict[str, Any]]]:
    """(gzipped page, loopback URL, ground truth) of every page of the manifest (or of one half)."""
    manifest = json.loads((corpus / "MANIFEST.json").read_text(encoding="utf-8"))
    publishers = sorted({entry["publisher"] for entry in manifest})
    items = []
    for entry in manifest:
        if half is not None and half_of(entry["publisher"]) != half:
            continue
        truth = json.loads((corpus / entry["ground_truth"]).read_text(encoding="utf-8"))[entry["version_key"]]
        url = loopback_url(entry, publishers.index(entry["publisher"]))
        items.append((corpus / entry["html"], url, truth))
    return items


def measure(corpus: Path, half: int | None = None, workers: int = 2) -> tuple[dict[str, float], list[Any]]:
    """The share of pages each field matches on, and the per-page results."""
    items = pages(corpus, half)
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(score_page, items, chunksize=4))
    shares = {field: round(sum(r[field] for r in results) / len(results), 4) for field in FIELDS}
    return {**shares, "pages": len(results)}, results


def _print_misses(results: list[dict[str, Any]], field: str) -> None:
    for result in results:
        if result["stored"] and not result[field]:
            key = "date" if field == "date" else field
            print(f"{result['url']}\n  ours:  {result['found'][key]!r}\n  truth: {result['truth'][key]!r}")


def _below_floor(result: dict[str, float]) -> list[str]:
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]
    low = [(field, floor) for field, floor in floors.items() if result[field] < floor]
    return [f"{field} {result[field]:.3f} < {floor:.3f}" for field, floor in low]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=FUNDUS)
    parser.add_argument("--check", action="store_true", help="exit 1 when a field is below its floor")
    parser.add_argument("--misses", choices=FIELDS[1:], help="list the pages this field misses")
    parser.add_argument("--half", type=int, choices=(0, 1), help="only the outlets of one half")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if not (args.corpus / "MANIFEST.json").is_file():
        print(f"no fundus corpus at {args.corpus}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    result, results = measure(args.corpus, args.half, args.workers)
    if args.misses:
        _print_misses(results, args.misses)
    figures = " ".join(f"{field}={result[field]:.3f}" for field in FIELDS)
    seconds = time.perf_counter() - started
    print(f"newsprism.crawler.extract metadata: pages={result['pages']:.0f} {figures} ({seconds:.1f}s)")
    if args.check:
        failures = _below_floor(result)
        for failure in failures:
            print(f"{failure} (floor in {BASELINE.name})", file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
