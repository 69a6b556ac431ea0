"""Benchmark `analyze_article` on synthetic ~700-word news articles: articles per second on one core.

    python scripts/bench_analysis.py [--articles 300] [--words 700] [--seed 7]

The articles are generated here from sentence templates of our own (quotes, reported speech, source
cues, numbers, dates, names), so the figure does not depend on any shared data.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsprism.compare.article.analysis import analyze_article

_NAMES = ["Maria Okafor", "Tomas Lindqvist", "Priya Raman", "Jonas Weber", "Elena Petrova", "Samuel Adeyemi"]
_PLACES = ["Lisbon", "Nairobi", "Osaka", "Quito", "Tallinn", "Perth"]
_OUTLETS = ["Reuters", "AFP", "the state news agency", "a local newspaper", "officials"]
_TEMPLATES = [
    "{name} said on {day} that the harbour in {place} would reopen within {num} weeks.",
    "“We have done everything we could,” {name} told reporters in {place}. “The rest is up to them.”",
    "According to {outlet}, about {num} people were evacuated from the coast near {place}.",
    "The ministry said spending rose by {num} percent to ${num}.{num} billion last year.",
    "{surname} added that at least {word} inspectors had visited the site since {month}.",
    "He warned that prices could climb further, {outlet} reported.",
    "Officials who spoke on condition of anonymity said the talks in {place} had stalled.",
    "The storm damaged {num} homes and cut power to tens of thousands of residents.",
    "In {month}, the company shipped {num},{num:03d} units, up from {word} hundred a year earlier.",
    "Protesters marched through {place} for a {word}-day vigil, according to {outlet}.",
    # Background sentences without numbers or sources, as most sentences of a report are.
    "The decision followed months of negotiations between the government and the unions.",
    "Residents of {place} have long complained about the state of the roads and the lack of buses.",
    "The harbour is the main gateway for grain and fuel arriving in the region.",
    "Critics of the plan argue it does little for families who have already left the area.",
    "The agreement still has to be approved by parliament before it can take effect.",
    "Shops in the old town stayed closed while police blocked the main square.",
    "Talks are expected to resume after the holiday, when both delegations return to {place}.",
    "The river burst its banks after days of heavy rain, flooding farms along the valley.",
]
_WORDS = ["two", "five", "seven", "twelve", "twenty", "forty"]
_DAYS = ["Monday", "Tuesday", "Friday", "Sunday"]
_MONTHS = ["March", "July", "September", "November"]


def article(rng: random.Random, words: int) -> str:
    """One synthetic article of about `words` words, in paragraphs of two or three sentences."""
    sentences: list[str] = []
    count = 0
    while count < words:
        name = rng.choice(_NAMES)
        sentence = rng.choice(_TEMPLATES).format(
            name=name,
            surname=name.split()[-1],
            place=rng.choice(_PLACES),
            outlet=rng.choice(_OUTLETS),
            num=rng.randint(2, 900),
            word=rng.choice(_WORDS),
            day=rng.choice(_DAYS),
            month=rng.choice(_MONTHS),
        )
        sentences.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return "\n\n".join(paragraphs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--words", type=int, default=700)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--repeat", type=int, default=5, help="passes; the fastest is reported, as timeit does"
    )
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    texts = [article(rng, args.words) for _ in range(args.articles)]
    analyze_article(texts[0])  # warm the regular-expression caches
    timings: list[float] = []
    found = 0
    for _ in range(args.repeat):
        started = time.process_time()
        found = sum(len(analyze_article(text).attributions) for text in texts)
        timings.append(time.process_time() - started)
    elapsed = min(timings)  # other processes on the machine only ever slow a pass down
    words = sum(len(text.split()) for text in texts) / len(texts)
    print(f"articles: {len(texts)}  mean words: {words:.0f}  attributions: {found}")
    print(f"cpu seconds: {elapsed:.2f}  articles/s/core: {len(texts) / elapsed:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
