"""Build the coverage bundles of our own fact tables from the shared corpora, at run time.

Our fact tables (tests/data/coverage/own/EVENT.facts.json) are ours; the articles they annotate are
not, and stay in ../shared. Each table has a bundle spec beside it (EVENT.bundle.json) that names its
articles by reference only:

    {"event": "gva-123", "articles": [{"id": "A", "url": "http://..."}, ...]}      # gva-dev.jsonl
    {"event": "pac-12", "articles": [{"id": "A", "pac": "STORY_12_DOCUMENT_0"}, ...]}  # PAC

This script writes the full bundles (EVENT.json, in the form ../shared/tools/score_coverage.py reads)
into a folder of one's choosing, never into the repository.

    .venv/bin/python scripts/coverage_bundles.py OUT_DIR [--specs tests/data/coverage/own]
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GVA = SHARED / "gold" / "coverage" / "gva-dev.jsonl"
PAC = SHARED / "gold" / "pac"
OWN_SPECS = ROOT / "tests" / "data" / "coverage" / "own"


class BundleError(Exception):
    """A bundle spec names an article the shared corpora do not hold."""


def gva_articles(path: Path = GVA) -> dict[str, dict[str, Any]]:
    """The gva-dev articles by URL."""
    with path.open(encoding="utf-8") as lines:
        return {row["url"]: row for row in map(json.loads, lines)}


def pac_article(doc_id: str, folder: Path = PAC) -> dict[str, Any]:
    """One PAC document as an article: its sentences joined by single spaces, as written there."""
    path = folder / f"{doc_id}.json"
    if not path.exists():
        raise BundleError(f"no PAC document {doc_id!r} in {folder}")
    doc = json.loads(path.read_text(encoding="utf-8"))
    news = doc["news"] if isinstance(doc["news"], list) else ast.literal_eval(doc["news"])
    return {
        "url": f"https://pac.example/{doc_id}",
        "outlet": doc.get("source") or "unknown",
        "title": doc.get("title") or "",
        "published": (doc.get("date") or "")[:10] or None,
        "text": " ".join(item["text"] for item in news),
    }


def build_bundle(spec: dict[str, Any], gva: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The full bundle of one spec."""
    articles = []
    for ref in spec["articles"]:
        if "pac" in ref:
            row = pac_article(ref["pac"])
        elif ref.get("url") in gva:
            row = gva[ref["url"]]
        else:
            raise BundleError(f"{spec['event']}: article {ref.get('id')!r} ({ref.get('url')!r}) not in {GVA}")
        articles.append(
            {
                "id": ref["id"],
                "url": row["url"],
                "outlet": row["outlet"],
                "title": row.get("title") or "",
                "published": row.get("published"),
                "text": row["text"],
            }
        )
    return {"set": "own", "event": spec["event"], "articles": articles}


def build_all(specs: Path, out: Path) -> list[Path]:
    """Write every spec's bundle into `out`; returns the bundle files."""
    out.mkdir(parents=True, exist_ok=True)
    gva = gva_articles()
    written = []
    for spec_path in sorted(specs.glob("*.bundle.json")):
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        target = out / f"{spec['event']}.json"
        target.write_text(json.dumps(build_bundle(spec, gva), ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the bundles into (outside the repository)")
    parser.add_argument("--specs", type=Path, default=OWN_SPECS, help="folder of EVENT.bundle.json specs")
    args = parser.parse_args()
    if not SHARED.exists():
        sys.exit(f"needs the shared corpora at {SHARED}")
    try:
        written = build_all(args.specs, args.out)
    except BundleError as error:
        sys.exit(str(error))
    print(f"{len(written)} bundles written to {args.out}")


if __name__ == "__main__":
    main()
