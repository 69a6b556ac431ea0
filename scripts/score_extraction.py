"""Score the crawler's article extraction against the article-extraction-benchmark (AEB) body truth.

AEB (../shared/corpus/aeb/) holds 181 real article pages and the body text of each. Each page is run
through what the crawler itself does with a page (charset decoding, then
`newsprism.crawler.extract.extract_page`) and compared with the truth by AEB's metric: shingles of 4 word
tokens, per-page true/false
positives and negatives normalised by their sum, precision and recall averaged over pages, F1 of the
two averages. trafilatura publishes 0.958 F1 on this benchmark; our handling must not lose that.

    .venv/bin/python scripts/score_extraction.py            # print the figures
    .venv/bin/python scripts/score_extraction.py --check    # exit 1 below the floor in the baseline
    .venv/bin/python scripts/score_extraction.py --raw      # plain trafilatura.extract, for comparison
    .venv/bin/python scripts/score_extraction.py --fundus   # the fundus pages' bodies instead (258 pages)

`--fundus` scores the body of each page of ../shared/corpus/fundus/ against its publisher's fundus
parser (summary, section headlines and paragraphs joined), by the same metric: a second corpus of
other outlets, so a change to extraction is judged on two.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsprism.crawler.encoding import decode_html  # noqa: E402  (after the path set-up above)
from newsprism.crawler.extract import extract_page  # noqa: E402

AEB = ROOT.parent / "shared" / "corpus" / "aeb"
FUNDUS = ROOT.parent / "shared" / "corpus" / "fundus"
BASELINE = ROOT / "scripts" / "extraction_baseline.json"
_WORD = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Counts of the runs of `size` word tokens in `text` (the whole text when it is shorter)."""
    tokens = _WORD.findall(text or "")
    starts = range(max(1, len(tokens) - size + 1))
    return Counter(tuple(tokens[i : i + size]) for i in starts if tokens[i : i + size])


def page_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """True positives, false positives, false negatives of one page, normalised to sum to 1."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Precision and recall averaged over pages, and the F1 of the two (AEB's way)."""
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def extract_body(path: Path, url: str, raw: bool) -> str:
    """The body text the crawler would store for one gzipped page (or plain trafilatura with `raw`)."""
    page = decode_html(gzip.decompress(path.read_bytes()), "text/html")
    if raw:
        import trafilatura

        return trafilatura.extract(page, include_comments=False) or ""
    extracted = extract_page(page, url)
    return extracted.text if extracted else ""


def _score_one(item: tuple[Path, str, str, bool]) -> tuple[float, float, float]:
    path, truth, url, raw = item
    return page_counts(truth, extract_body(path, url, raw))


def measure(corpus: Path, raw: bool = False, workers: int = 2) -> dict[str, float]:
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    items = [
        (corpus / "html" / f"{key}.html.gz", value["articleBody"], value.get("url") or "", raw)
        for key, value in truth.items()
    ]
    with ProcessPoolExecutor(workers) as pool:
        counts = list(pool.map(_score_one, items, chunksize=8))
    return {**scores(counts), "pages": len(counts)}


def fundus_items(corpus: Path, raw: bool) -> list[tuple[Path, str, str, bool]]:
    """(page, body truth, url, raw) of every fundus page: its parser's summary, headlines and paragraphs."""
    items = []
    for entry in json.loads((corpus / "MANIFEST.json").read_text(encoding="utf-8")):
        truth = json.loads((corpus / entry["ground_truth"]).read_text(encoding="utf-8"))[entry["version_key"]]
        body = truth.get("body") or {}
        sections = body.get("sections", [])
        parts = [
            *body.get("summary", []),
            *(p for s in sections for p in [*s.get("headline", []), *s.get("paragraphs", [])]),
        ]
        items.append((corpus / entry["html"], "\n".join(parts), entry["url"], raw))
    return items


def measure_fundus(corpus: Path, raw: bool = False, workers: int = 2) -> dict[str, float]:
    items = fundus_items(corpus, raw)
    with ProcessPoolExecutor(workers) as pool:
        counts = list(pool.map(_score_one, items, chunksize=8))
    return {**scores(counts), "pages": len(counts)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=AEB)
    parser.add_argument("--check", action="store_true", help="exit 1 when F1 is below the baseline floor")
    parser.add_argument("--raw", action="store_true", help="score plain trafilatura.extract instead")
    parser.add_argument("--fundus", action="store_true", help="score the fundus pages' bodies instead")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    corpus = FUNDUS if args.fundus and args.corpus == AEB else args.corpus
    index = "MANIFEST.json" if args.fundus else "ground-truth.json"
    if not (corpus / index).is_file():
        print(f"no {'fundus' if args.fundus else 'AEB'} corpus at {corpus}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    measured = measure_fundus if args.fundus else measure
    result = measured(corpus, args.raw, args.workers)
    name = "trafilatura.extract" if args.raw else "newsprism.crawler.extract"
    print(
        f"{name}: pages={result['pages']:.0f} precision={result['precision']:.3f} "
        f"recall={result['recall']:.3f} F1={result['f1']:.3f} ({time.perf_counter() - started:.1f}s)"
    )
    if args.check:
        floor = json.loads(BASELINE.read_text(encoding="utf-8"))["fundus_f1" if args.fundus else "f1"]
        if result["f1"] < floor:
            print(f"F1 {result['f1']:.3f} is below the floor {floor:.3f} in {BASELINE.name}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
