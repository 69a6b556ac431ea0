"""Benchmark event grouping on synthetic coverage: time, peak memory and how time scales.

Synthetic stories each have their own people, places, numbers and topic words; every story is covered
by one to eight outlets over a day or two, with the story's words mixed into ordinary news filler, some
wire copies among them; about 275 articles a day, so more articles means a longer period. Each size
runs in a fresh process so its peak memory (max RSS) is its own; the CPU time of the process is given
beside the wall time, which other work on the machine stretches.

    .venv/bin/python scripts/bench_grouping.py                 # 10k and 100k
    .venv/bin/python scripts/bench_grouping.py --sizes 2000    # a quick look
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsprism.compare.events import group_articles  # noqa: E402
from newsprism.compare.types import CoverageArticle  # noqa: E402  (after the path set-up above)

_SYLLABLES = "ka lo mi ra ten vo su da rin el ba nor tek al is ut zan gor fe li pa mon dre ski".split()
_FILLER = (
    "government officials statement meeting week minister report agency country city people police "
    "president party election vote law court case plan talks crisis market economy price company "
    "workers health school water power energy security border military army region local national "
    "spokesman announced described expected continued warned promised visited reported according "
    "morning evening afternoon yesterday today tomorrow later early recent major small large public"
).split()
_TOPICS = (
    "flood storm fire earthquake strike protest trial verdict summit treaty merger sanctions "
    "election scandal outbreak vaccine budget tariff drought crash rescue inquiry resignation launch"
).split()
OUTLETS = [f"Outlet {n}" for n in range(40)]
# A news archive grows by adding days, not by crowding more stories into each day: 100k articles are
# a year of 40 outlets at this rate, 10k are five weeks.
ARTICLES_PER_DAY = 275


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


@dataclass(frozen=True)
class _Story:
    """What the articles of one synthetic story share."""

    people: list[str]
    places: list[str]
    topic: list[str]
    numbers: list[str]
    day: datetime


def _story(rng: random.Random, days: float) -> _Story:
    # Keyword arguments are evaluated in order: the random draws are the same as ever, so are the figures.
    return _Story(
        people=[f"{_name(rng, 2)} {_name(rng, 3)}" for _ in range(rng.randint(2, 4))],
        places=[_name(rng, 3) for _ in range(rng.randint(1, 2))],
        topic=rng.sample(_TOPICS, 2),
        numbers=[str(rng.randint(2, 5000)) for _ in range(3)],
        day=datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=rng.uniform(0, days)),
    )


def _sentence(rng: random.Random, story: _Story) -> str:
    key = [*story.people, *story.places, *story.topic, *story.numbers]
    chosen = rng.sample(key, 3) + rng.sample(_FILLER, rng.randint(6, 12))
    rng.shuffle(chosen)
    return " ".join(chosen).capitalize() + "."


def synthetic_articles(count: int, seed: int = 7) -> Iterator[tuple[CoverageArticle, int]]:
    """`count` articles with the index of their story: one to eight outlets per story, some wire copies."""
    rng = random.Random(seed)
    made, story_index = 0, 0
    days = count / ARTICLES_PER_DAY
    while made < count:
        story = _story(rng, days)
        first_id: str | None = None
        for _ in range(min(rng.randint(1, 8), count - made)):
            article = _article(rng, story, made, first_id)
            first_id = first_id or article.id
            made += 1
            yield article, story_index
        story_index += 1


def _article(rng: random.Random, story: _Story, number: int, first: str | None) -> CoverageArticle:
    title = " ".join([*rng.sample(story.people, 1), *story.topic, *rng.sample(_FILLER, 3)])
    text = " ".join(_sentence(rng, story) for _ in range(rng.randint(10, 16)))
    published = story.day + timedelta(hours=rng.uniform(0, 36))
    copy = first is not None and rng.random() < 0.1
    return CoverageArticle(
        id=str(number),
        outlet=rng.choice(OUTLETS),
        url=f"https://synthetic.example/{number}",
        title=title.capitalize(),
        text=text,
        published=published,
        syndicated_from=first if copy else None,
    )


def run_one(size: int) -> dict[str, float]:
    """Group `size` synthetic articles in this process; time, peak RSS and BCubed F1 against the stories."""
    pairs = list(synthetic_articles(size))
    articles = [article for article, _ in pairs]
    gold = {article.id: str(story) for article, story in pairs}
    started, cpu_started = time.perf_counter(), time.process_time()
    groups = group_articles(articles)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from score_grouping import bcubed

    predicted = {i: g.key for g in groups for i in g.article_ids}
    _, _, f1 = bcubed(predicted, gold)
    return {
        "articles": size,
        "events": len(groups),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "peak_mb": peak_mb,
        "f1": f1,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    results = [_in_child(size) for size in args.sizes]
    for row in results:
        print(
            f"{row['articles']:>7.0f} articles -> {row['events']:>6.0f} events: {row['seconds']:6.1f} s "
            f"({row['cpu_seconds']:.1f} s CPU), peak RSS {row['peak_mb']:6.0f} MB, BCubed F1 {row['f1']:.3f}"
        )
    if len(results) >= 2:
        ratio = results[-1]["seconds"] / results[0]["seconds"]
        print(f"time ratio {results[-1]['articles']:.0f}/{results[0]['articles']:.0f}: {ratio:.1f}")
    return 0


def _in_child(size: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(size)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT / "scripts",
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


if __name__ == "__main__":
    sys.exit(main())
