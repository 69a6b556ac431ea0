"""Score event grouping against PAC: every story's two documents mixed together, BCubed P/R/F1.

PAC (../shared/gold/pac/) holds 152 real stories, each covered by two outlets of opposite leaning;
each story is one gold event. The documents are grouped with `newsprism.compare.events.group_articles` (after
the real analysis when `newsprism.compare.article.analysis` is importable) and compared with the story ids.

    .venv/bin/python scripts/score_grouping.py            # print the figures
    .venv/bin/python scripts/score_grouping.py --check    # exit 1 when below scripts/grouping_baseline.json
    .venv/bin/python scripts/score_grouping.py --no-dates # the same without publication dates
    .venv/bin/python scripts/score_grouping.py --gva check --check  # gva-dev shootings, one split

The gva-dev articles carry the copy links storage would give them (the same text at another outlet is
a copy of the first article that carried it, `newsprism.storage.articles.content_hash`); the
figures say how many copy links the events hold and the longest in days, which must stay inside the
window (`newsprism.compare.events.WINDOW_DAYS`).
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsprism.compare.events import WINDOW_DAYS, EventGroup, group_articles  # noqa: E402
from newsprism.compare.findings import ArticleAnalysis  # noqa: E402
from newsprism.compare.types import CoverageArticle  # noqa: E402  (after the path set-up above)
from newsprism.storage.articles import content_hash  # noqa: E402

PAC = ROOT.parent / "shared" / "gold" / "pac"
GVA = ROOT.parent / "shared" / "gold" / "coverage"
BASELINE = ROOT / "scripts" / "grouping_baseline.json"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def load_pac(folder: Path, with_dates: bool = True) -> tuple[list[CoverageArticle], dict[str, str]]:
    """The PAC documents as coverage articles, and each document's gold story id."""
    articles, gold = [], {}
    for path in sorted(folder.glob("STORY_*_DOCUMENT_*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        news = doc["news"] if isinstance(doc["news"], list) else ast.literal_eval(doc["news"])
        text = " ".join(item["text"] for item in news)
        published = _date(doc.get("date", "")) if with_dates else None
        articles.append(
            CoverageArticle(
                id=doc["id"],
                outlet=doc.get("source") or "unknown",
                url=f"pac:{doc['id']}",
                title=doc.get("title") or "",
                text=text,
                published=published,
                analysis=analyze(text, published),
            )
        )
        gold[doc["id"]] = doc["id"].split("_DOCUMENT")[0]
    return articles, gold


def load_gva(folder: Path, split: str) -> tuple[list[CoverageArticle], dict[str, str]]:
    """The gva-dev articles of one split (incident ids even: tune, odd: check) and their incident."""
    incidents = json.loads((folder / "gva-dev-incidents.json").read_text(encoding="utf-8"))["url_to_incident"]
    articles, gold = [], {}
    with (folder / "gva-dev.jsonl").open(encoding="utf-8") as lines:
        for row in map(json.loads, lines):
            incident = incidents.get(row["url"])
            if incident is None or ("tune" if int(incident) % 2 == 0 else "check") != split:
                continue
            published = _date(row.get("published") or "")
            articles.append(
                CoverageArticle(
                    id=row["url"],
                    outlet=row["outlet"],
                    url=row["url"],
                    title=row.get("title") or "",
                    text=row["text"],
                    published=published,
                    analysis=analyze(row["text"], published),
                )
            )
            gold[row["url"]] = str(incident)
    return stored_copy_links(articles), gold


def stored_copy_links(articles: Sequence[CoverageArticle]) -> list[CoverageArticle]:
    """The articles with the copy links storage gives them: the same text at another outlet is a copy
    of the first article (in publication order) that carried it."""
    carried: dict[str, list[CoverageArticle]] = {}
    linked = []
    for article in sorted(articles, key=lambda a: (a.published is None, a.published or _EPOCH, a.id)):
        earlier = carried.setdefault(content_hash(article.text), [])
        first = next((a for a in earlier if a.outlet != article.outlet), None)
        linked.append(replace(article, syndicated_from=first.id if first else None))
        earlier.append(article)
    return linked


def copy_link_days(groups: Sequence[EventGroup], articles: Sequence[CoverageArticle]) -> list[float]:
    """How many days apart each copy link of the events is (0 for an undated end)."""
    published = {a.id: a.published for a in articles}
    days = []
    for group in groups:
        for copy, original in group.copies.items():
            a, b = published[copy], published[original]
            days.append(abs((a - b).total_seconds()) / 86_400 if a and b else 0.0)
    return days


def _date(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value[:10]).replace(tzinfo=UTC)
    except ValueError:
        return None


def analyze(text: str, published: datetime | None) -> ArticleAnalysis:
    """The real analysis when it is there; grouping works on words alone otherwise."""
    try:
        from newsprism.compare.article.analysis import analyze_article  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return ArticleAnalysis()
    result: ArticleAnalysis = analyze_article(text, published.date() if published else None)
    return result


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of a clustering (item -> cluster) against gold (item -> class)."""
    pairs = Counter((predicted[item], gold[item]) for item in gold)
    clusters = Counter(predicted[item] for item in gold)
    classes = Counter(gold.values())
    precision = sum(n * n / clusters[c] for (c, _), n in pairs.items()) / len(gold)
    recall = sum(n * n / classes[g] for (_, g), n in pairs.items()) / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def score(articles: Sequence[CoverageArticle], gold: Mapping[str, str]) -> dict[str, float]:
    started = time.perf_counter()
    groups = group_articles(articles)
    elapsed = time.perf_counter() - started
    predicted = {article_id: group.key for group in groups for article_id in group.article_ids}
    precision, recall, f1 = bcubed(predicted, gold)
    links = copy_link_days(groups, articles)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "events": len(groups),
        "seconds": elapsed,
        "copy_links": len(links),
        "longest_copy_link_days": max(links, default=0.0),
        "most_incidents": max(len({gold[i] for i in g.article_ids}) for g in groups) if groups else 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when F1 is below the baseline floor")
    parser.add_argument("--no-dates", action="store_true", help="drop publication dates")
    parser.add_argument("--pac", type=Path, default=PAC)
    parser.add_argument("--gva", choices=("tune", "check"), help="score a split of gva-dev instead of PAC")
    args = parser.parse_args()
    if args.gva:
        return _score_gva(args.gva, args.check)
    if not args.pac.is_dir():
        print(f"no PAC data at {args.pac}", file=sys.stderr)
        return 1
    articles, gold = load_pac(args.pac, with_dates=not args.no_dates)
    figures = score(articles, gold)
    print(
        f"PAC {len(articles)} documents, {len(set(gold.values()))} stories -> "
        f"{figures['events']:.0f} events: "
        f"BCubed P {figures['precision']:.3f} R {figures['recall']:.3f} F1 {figures['f1']:.3f} "
        f"({figures['seconds']:.2f} s grouping)"
    )
    if args.check:
        floor = float(json.loads(BASELINE.read_text())["f1"])
        if figures["f1"] < floor:
            print(f"F1 {figures['f1']:.3f} below the floor {floor:.3f}", file=sys.stderr)
            return 1
    return 0


def _score_gva(split: str, check: bool) -> int:
    if not GVA.is_dir():
        print(f"no gva-dev data at {GVA}", file=sys.stderr)
        return 1
    articles, gold = load_gva(GVA, split)
    figures = score(articles, gold)
    stored = sum(1 for a in articles if a.syndicated_from)
    print(
        f"gva-dev {split}: {len(articles)} articles, {len(set(gold.values()))} incidents -> "
        f"{figures['events']:.0f} events: BCubed P {figures['precision']:.3f} R {figures['recall']:.3f} "
        f"F1 {figures['f1']:.3f}; at most {figures['most_incidents']:.0f} incidents in one event; "
        f"{figures['copy_links']:.0f} copy links ({stored} stored), longest "
        f"{figures['longest_copy_link_days']:.1f} days (window {WINDOW_DAYS:g})"
    )
    floor = float(json.loads(BASELINE.read_text())[f"gva_{split}_f1"])
    if check and figures["f1"] < floor:
        print(f"F1 {figures['f1']:.3f} below the floor {floor:.3f}", file=sys.stderr)
        return 1
    if check and figures["longest_copy_link_days"] > WINDOW_DAYS:
        longest = figures["longest_copy_link_days"]
        print(f"a copy link spans {longest:.1f} days, past the window", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
