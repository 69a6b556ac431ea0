"""Score `newsprism.compare.article.analysis.analyze_article` against the shared gold sets (--check: floors).

    python scripts/score_analysis.py [--split tune|check|both] [--train] [--spread] [--check] [--gold DIR]
    python scripts/score_analysis.py --errors tune|train [--statements]    # the errors to read

Every scored set is cut into a part rules may be tuned on and a part they are only measured on
(`polnear_splits`, `newsquant_split`): PolNeAR dev by document (per outlet, in name order, every
second text is check, so each split holds each outlet's share and both readings of a text), NewsQuant
(the even half of the whole set, `newsquant-dev.json`) by position (every third sentence, from the
third, is check: 98 of 295). Floors are pinned on the check split; the tune-check gap is printed.
`--train` adds PolNeAR train, which the cue lexicon was once drawn from (no floor). `--spread` adds
how far tune and check fall apart by chance (`split_spread`; no floor). `--errors` lists the PolNeAR
errors of the tune split or of train (`error_report`): the check split's cannot be asked for, so that
no rule is fitted to them.

Statements (`statements_*`): the gold attributions whose cue is a verb of saying (`STATEMENT_VERBS`,
fixed here before any rule used the split, so that rules cannot move the gold) or punctuation
introducing a quotation, or whose source is a document (`poll found`); predictions whose `cue_class`
is speech or document (all of them for an analysis without `cue_class`).

PolNeAR (brat standoff): every annotation file of the split is one gold reading of its text (a text
annotated twice counts twice). Attribution content is matched one-to-one, a prediction matching a
gold item when it covers at least 30 % of the gold content's characters (all pieces of a
discontinuous span). Among matched items whose gold source names someone, the predicted speaker
(resolved name, else the surface) agrees when one contains the other or the last names are equal.
Exact-span F1 per role compares (start, end) after trimming whitespace and edge punctuation.

NewsQuant: quantities of each sentence matched one-to-one on value (ranges on both bounds), then on
value and unit (normalised: lower case, singular, symbols spelled out; containment counts).

The gold directory is `../shared/gold` beside the repository, else `$NEWSPRISM_SHARED/gold`, else --gold.
"""

# Typographic quotes, apostrophes and dashes are what this module reads, so they appear literally.
# ruff: noqa: RUF001

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.findings import Attribution, Quantity

REPO = Path(__file__).resolve().parent.parent
BASELINE = REPO / "scripts" / "analysis_baseline.json"
MIN_OVERLAP = 0.30
_EDGE = " \t\n.,;:!?\"“”‘’'()—–-"
_PRONOUNS_AND_ARTICLES = "the a an he she it they we i you his her their its our this that these those"
_NOT_NAMES = frozenset(f"{_PRONOUNS_AND_ARTICLES} one some many who which".split())

Pieces = tuple[tuple[int, int], ...]
SPLITS = ("tune", "check")
STATEMENT_CLASSES = frozenset({"speech", "document"})
# Lemmas of the verbs of saying: the act reported is an utterance with a content (what the Gender
# Gap Tracker annotates as quotes). Evaluation (`called`, `criticized`), reference (`cited`,
# `talked about`), stance (`opposed`), belief, intention and perception verbs are left out.
STATEMENT_VERBS = frozenset(
    """say tell add note write announce state claim explain argue warn insist reply respond ask tweet
    declare acknowledge admit deny confirm recall remark comment stress emphasize emphasise testify
    assert mention report reiterate repeat quote contend concede allege predict promise pledge vow
    suggest complain boast joke quip retort counter disclose reveal caution inform answer lament
    proclaim affirm assure speak put according""".split()
)
_IRREGULAR = {
    "said": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "put": "put",
}
# Gold sources that are documents: their `found`, `shows` are statements of the document.
_DOCUMENT_SOURCE = re.compile(
    r"\b(?:report|poll|survey|study|analysis|data|statement|letter|memo|document|filing|complaint|"
    r"lawsuit|ruling|indictment|release|transcript|record|research|figures|audit|census)s?\b",
    re.IGNORECASE,
)


@dataclass
class GoldAttribution:
    content: Pieces
    cue: Pieces | None
    source: Pieces | None
    source_text: str | None
    cue_text: str | None = None


def _lemmas(word: str) -> set[str]:
    """Candidate lemmas of one inflected verb form (`says`, `noted`, `arguing`, `told`)."""
    word = word.lower().strip(".,:;")
    found = {word, _IRREGULAR.get(word, word)}
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            found.add(word[: -len(suffix)] + repl)
    cut = 2 if word.endswith("ed") else 3 if word.endswith("ing") else 0
    if cut and len(word) > cut + 3 and word[-cut - 1] == word[-cut - 2]:
        found.add(word[: -cut - 1])  # `admitted`, `quipping`: the doubled consonant
    return found


def is_statement(gold: GoldAttribution) -> bool:
    """Whether a gold attribution reports a statement: a verb of saying, a quotation mark-up cue
    (`:`, a dash) or a document as source."""
    cue = (gold.cue_text or "").strip()
    if cue and not any(c.isalpha() for c in cue):
        return True
    if any(_lemmas(w) & STATEMENT_VERBS for w in re.findall(r"[A-Za-z]+", cue)):
        return True
    return bool(gold.source_text and _DOCUMENT_SOURCE.search(gold.source_text))


def is_predicted_statement(pred: Attribution) -> bool:
    """Whether a prediction claims to report a statement (every one, before `cue_class` existed)."""
    cue_class = getattr(pred, "cue_class", None)
    return cue_class is None or cue_class in STATEMENT_CLASSES


def polnear_splits(names: Iterable[str]) -> dict[str, str]:
    """The split of each PolNeAR text: per outlet (the name's first part), in name order, every
    second text is check, so both splits hold each outlet's share and both readings of a text."""
    by_outlet: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        by_outlet.setdefault(name.split("_", 1)[0], []).append(name)
    return {name: SPLITS[index % 2] for names_of in by_outlet.values() for index, name in enumerate(names_of)}


def newsquant_split(index: int) -> str:
    """The split of the NewsQuant sentence at `index`: every third, from the third, is check."""
    return "check" if index % 3 == 2 else "tune"


@dataclass
class Counts:
    """True positives, predictions and gold items of one measure."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def f1(self) -> float:
        return 200.0 * self.tp / (self.pred + self.gold) if self.pred + self.gold else 100.0

    def precision(self) -> float:
        return 100.0 * self.tp / self.pred if self.pred else 100.0

    def recall(self) -> float:
        return 100.0 * self.tp / self.gold if self.gold else 100.0


@dataclass
class PolnearScore:
    content: Counts = field(default_factory=Counts)
    speaker_agree: int = 0
    speaker_named: int = 0
    exact: dict[str, Counts] = field(
        default_factory=lambda: {r: Counts() for r in ("source", "cue", "content")}
    )


def gold_dir(option: str | None) -> Path:
    if option:
        return Path(option)
    beside = REPO.parent / "shared" / "gold"
    if beside.is_dir():
        return beside
    env = os.environ.get("NEWSPRISM_SHARED")
    return Path(env) / "gold" if env else beside


def parse_ann(lines: Iterable[str]) -> list[GoldAttribution]:
    """Attributions of one brat file: `E` lines tie Content, Cue and Source `T` spans together."""
    spans: dict[str, tuple[Pieces, str]] = {}
    events: list[dict[str, str]] = []
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            pieces = tuple((int(a), int(b)) for a, b in (p.split() for p in offsets.split(";")))
            spans[parts[0]] = (pieces, parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            pairs = (arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
            events.append(dict(pairs))
    result: list[GoldAttribution] = []
    for event in events:
        roles = event
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        source = spans.get(roles.get("Source", ""))
        cue = spans.get(roles.get("Cue", ""))
        result.append(
            GoldAttribution(
                spans[roles["Content"]][0],
                cue[0] if cue else None,
                source[0] if source else None,
                source[1] if source else None,
                cue[1] if cue else None,
            )
        )
    return result


def overlap(pred: tuple[int, int], gold: Pieces) -> float:
    total = sum(e - s for s, e in gold)
    covered = sum(max(0, min(e, pred[1]) - max(s, pred[0])) for s, e in gold)
    return covered / total if total else 0.0


def match_content(preds: list[Attribution], golds: list[GoldAttribution]) -> list[tuple[int, int]]:
    """One-to-one pairs (prediction, gold), best overlaps first."""
    candidates = []
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            score = overlap((pred.start, pred.end), gold.content)
            if score >= MIN_OVERLAP:
                candidates.append((-score, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in sorted(candidates):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def is_named(source: str) -> bool:
    """Whether a gold source names someone (a capitalised word other than a pronoun or article)."""
    words = re.findall(r"[\w’'.-]+", source.split(",")[0])
    return any(w[:1].isupper() and w.lower() not in _NOT_NAMES for w in words)


def speaker_agrees(pred: Attribution, gold_source: str) -> bool:
    """Same last name, or one name contains the other (case-insensitive)."""
    guess = pred.speaker_resolved or pred.speaker
    if not guess:
        return False
    g = re.sub(r"[’']s\b|[^\w\s]", " ", gold_source).lower().split()
    p = re.sub(r"[’']s\b|[^\w\s]", " ", guess).lower().split()
    if not g or not p:
        return False
    g_text, p_text = " ".join(g), " ".join(p)
    if f" {p_text} " in f" {g_text} " or f" {g_text} " in f" {p_text} ":
        return True
    head = re.findall(r"[\w’'.-]+", gold_source.split(",")[0])
    capitals = [w.lower().strip(".’'") for w in head if w[:1].isupper()]
    return bool(capitals) and capitals[-1] == p[-1]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _exact_sets(
    text: str, preds: list[Attribution], golds: list[GoldAttribution]
) -> dict[str, tuple[set[tuple[int, int]], set[tuple[int, int]]]]:
    def gold_set(role: str) -> set[tuple[int, int]]:
        found = set()
        for g in golds:
            pieces = getattr(g, role)
            if pieces and len(pieces) == 1:
                found.add(_trim(text, *pieces[0]))
            elif pieces:
                found.add((-1, -len(found) - 1))  # discontinuous: no single span can equal it
        return found

    pred_sets = {
        "source": {
            _trim(text, p.speaker_start, p.speaker_end)
            for p in preds
            if p.speaker_start is not None and p.speaker_end is not None and p.cue is not None
        },
        "cue": {
            _trim(text, p.cue_start, p.cue_end)
            for p in preds
            if p.cue_start is not None and p.cue_end is not None
        },
        "content": {_trim(text, p.start, p.end) for p in preds},
    }
    return {role: (pred_sets[role], gold_set(role)) for role in ("source", "cue", "content")}


def score_polnear(root: Path, part: str, split: str | None = None) -> tuple[PolnearScore, PolnearScore]:
    """All attributions and statements only of PolNeAR `part` (dev, train), one split or all of it."""
    score, statements = PolnearScore(), PolnearScore()
    cache: dict[Path, tuple[str, list[Attribution]]] = {}
    files = sorted((root / "polnear" / part / "attributions").glob("*.ann"))
    splits = polnear_splits(ann.stem.rsplit("_", 1)[0] for ann in files)
    for ann in files:
        name = ann.stem.rsplit("_", 1)[0]
        if split is not None and splits[name] != split:
            continue
        text_path = root / "polnear" / part / "text" / (name + ".txt")
        if text_path not in cache:
            text = text_path.read_text(encoding="utf-8")
            cache[text_path] = (text, analyze_article(text).attributions)
        text, preds = cache[text_path]
        golds = parse_ann(ann.read_text(encoding="utf-8").splitlines())
        _score_document(score, text, preds, golds)
        _score_document(
            statements,
            text,
            [p for p in preds if is_predicted_statement(p)],
            [g for g in golds if is_statement(g)],
        )
    return score, statements


def _score_document(
    score: PolnearScore, text: str, preds: list[Attribution], golds: list[GoldAttribution]
) -> None:
    pairs = match_content(preds, golds)
    score.content.tp += len(pairs)
    score.content.pred += len(preds)
    score.content.gold += len(golds)
    for i, j in pairs:
        source = golds[j].source_text
        if source and is_named(source):
            score.speaker_named += 1
            score.speaker_agree += speaker_agrees(preds[i], source)
    for role, (pred_set, gold_set) in _exact_sets(text, preds, golds).items():
        counts = score.exact[role]
        counts.tp += len(pred_set & gold_set)
        counts.pred += len(pred_set)
        counts.gold += len(gold_set)


# Units spelled the same way on both sides before comparison.
_UNIT_WORDS = {
    "$": "dollar",
    "us$": "dollar",
    "usd": "dollar",
    "dollars": "dollar",
    "%": "percentage",
    "percent": "percentage",
    "per cent": "percentage",
    "pc": "percentage",
    "pct": "percentage",
    "€": "euro",
    "eur": "euro",
    "£": "pound sterling",
    "ps": "pound sterling",
    "gbp": "pound sterling",
    "¥": "japanese yen",
    "y": "japanese yen",
    "jpy": "japanese yen",
    "yen": "japanese yen",
    "$a": "australian dollar",
    "a$": "australian dollar",
    "aud": "australian dollar",
    "hk$": "hong kong dollar",
    "rm": "malaysian ringgit",
    "ringgit": "malaysian ringgit",
    "rs": "rupee",
    "inr": "rupee",
    "rupees": "rupee",
    "p": "point",
    "pts": "point",
}


def normalize_unit(unit: str | None) -> str:
    if not unit or unit.strip() in {"-", ""}:
        return ""
    lowered = unit.strip().lower()
    lowered = _UNIT_WORDS.get(lowered, lowered)
    words = [
        w[:-1] if w.endswith("s") and len(w) > 3 and not w.endswith("ss") else w for w in lowered.split()
    ]
    return " ".join(words)


def unit_agrees(pred: str | None, gold_unit: str, gold_normalized: str) -> bool:
    p = normalize_unit(pred)
    for g in {normalize_unit(gold_unit), normalize_unit(gold_normalized)}:
        if p == g or (p and g and (f" {p} " in f" {g} " or f" {g} " in f" {p} ")):
            return True
    return False


_GOLD_VALUE = re.compile(r"\s*(-?[\d.]+(?:E-?\d+)?)\s*(?:-\s*(-?[\d.]+(?:E-?\d+)?))?\s*")


def _gold_value(value: str) -> tuple[float, float | None]:
    """`275.0`, `-5.0`, `1.99E-29`, or a range `252.0-287.0`."""
    match = _GOLD_VALUE.fullmatch(value)
    if match is None:
        raise ValueError(f"unreadable gold value {value!r}")
    high = match.group(2)
    return float(match.group(1)), float(high) if high else None


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _value_matches(pred: Quantity, gold: tuple[float, float | None]) -> bool:
    low, high = gold
    if high is None:
        return pred.value_high is None and _same(pred.value, low)
    return pred.value_high is not None and _same(pred.value, low) and _same(pred.value_high, high)


def score_newsquant(path: Path, split: str | None = None) -> tuple[Counts, Counts]:
    """Value and value + unit counts over the sentences of `split` (all when None)."""
    values, units = Counts(), Counts()
    for index, item in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        if split is not None and newsquant_split(index) != split:
            continue
        preds = analyze_article(item["text"]).quantities
        golds = item["quantities"]
        for counts, with_unit in ((values, False), (units, True)):
            counts.pred += len(preds)
            counts.gold += len(golds)
            counts.tp += _match_quantities(preds, golds, with_unit)
    return values, units


def _match_quantities(preds: list[Quantity], golds: list[dict[str, str]], with_unit: bool) -> int:
    used: set[int] = set()
    tp = 0
    for gold in golds:
        value = _gold_value(gold["value"])
        for i, pred in enumerate(preds):
            if i in used or not _value_matches(pred, value):
                continue
            if with_unit and not unit_agrees(pred.unit, gold["unit"], gold["normalized_unit"]):
                continue
            used.add(i)
            tp += 1
            break
    return tp


def _polnear_figures(prefix: str, score: PolnearScore, exact: bool) -> dict[str, float]:
    figures = {
        f"{prefix}_content_f1": score.content.f1(),
        f"{prefix}_content_precision": score.content.precision(),
        f"{prefix}_content_recall": score.content.recall(),
        f"{prefix}_speaker_agreement": (
            100.0 * score.speaker_agree / score.speaker_named if score.speaker_named else 100.0
        ),
    }
    if exact:
        for role, counts in score.exact.items():
            figures[f"{prefix}_exact_{role}_f1"] = counts.f1()
    return figures


def _statement_counts_per_text(root: Path) -> tuple[dict[str, Counts], dict[str, Counts]]:
    """Statements content counts of every PolNeAR dev text: over all its readings, and over its first."""
    every: dict[str, Counts] = {}
    first: dict[str, Counts] = {}
    predictions: dict[str, tuple[str, list[Attribution]]] = {}
    for ann in sorted((root / "polnear" / "dev" / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if name not in predictions:
            text = (root / "polnear" / "dev" / "text" / (name + ".txt")).read_text(encoding="utf-8")
            predictions[name] = (
                text,
                [p for p in analyze_article(text).attributions if is_predicted_statement(p)],
            )
        text, preds = predictions[name]
        golds = [g for g in parse_ann(ann.read_text(encoding="utf-8").splitlines()) if is_statement(g)]
        score = PolnearScore()
        _score_document(score, text, preds, golds)
        if name not in first:
            first[name] = _sum_counts([score.content])
        every[name] = _sum_counts([every.get(name, Counts()), score.content])
    return every, first


def _sum_counts(counts: Iterable[Counts]) -> Counts:
    total = Counts()
    for c in counts:
        total.tp, total.pred, total.gold = total.tp + c.tp, total.pred + c.pred, total.gold + c.gold
    return total


def _f1_of(counts: Iterable[Counts]) -> float:
    return _sum_counts(counts).f1()


def split_spread(root: Path, draws: int = 2000, seed: int = 1) -> dict[str, float]:
    """How far apart tune and check fall by chance on the statements content F1: |tune - check| over
    `draws` random splits drawn the way `polnear_splits` draws (within each outlet, every second text
    of a shuffled order), and both fixed splits with one reading per text (a text read by six
    annotators otherwise counts six times)."""
    every, first = _statement_counts_per_text(root)
    fixed = polnear_splits(every)
    by_outlet: dict[str, list[str]] = {}
    for name in sorted(every):
        by_outlet.setdefault(name.split("_", 1)[0], []).append(name)
    rng = random.Random(seed)
    gaps = []
    for _ in range(draws):
        halves: tuple[list[str], list[str]] = ([], [])
        for names in by_outlet.values():
            order = rng.sample(names, len(names))
            for index, name in enumerate(order):
                halves[index % 2].append(name)
        gaps.append(abs(_f1_of(every[n] for n in halves[0]) - _f1_of(every[n] for n in halves[1])))
    gaps.sort()
    actual = abs(
        _f1_of(c for n, c in every.items() if fixed[n] == "tune")
        - _f1_of(c for n, c in every.items() if fixed[n] == "check")
    )
    figures = {
        f"polnear_{split}_statements_one_reading_f1": _f1_of(c for n, c in first.items() if fixed[n] == split)
        for split in SPLITS
    }
    figures["polnear_spread_statements_gap_median"] = gaps[len(gaps) // 2]
    figures["polnear_spread_statements_gap_p90"] = gaps[int(len(gaps) * 0.9)]
    figures["polnear_spread_statements_share_at_least_fixed_gap"] = (
        100.0 * sum(g >= actual for g in gaps) / len(gaps)
    )
    return figures


def _context(text: str, pieces: Pieces, width: int = 60) -> str:
    """The gold or predicted span with some text either side, on one line, the span in brackets."""
    start, end = pieces[0][0], pieces[-1][1]
    before, after = text[max(0, start - width) : start], text[end : end + width]
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


def _span_text(text: str, pieces: Pieces | None) -> str:
    return " | ".join(text[s:e] for s, e in pieces) if pieces else "-"


def _document_errors(
    name: str, text: str, preds: list[Attribution], golds: list[GoldAttribution]
) -> Iterable[str]:
    """One line per error of one reading: missed gold (`MISS`), spurious prediction (`FALSE`), speaker
    disagreement (`SPEAKER`), and matched items whose content or source span is not exact (`CONTENT`,
    `SOURCE`), each tab-separated with the text's name."""
    pairs = match_content(preds, golds)
    matched_p, matched_g = {i for i, _ in pairs}, {j for _, j in pairs}
    for j, gold in enumerate(golds):
        if j not in matched_g:
            yield (
                f"MISS\t{name}\tcue={_span_text(text, gold.cue)}\tsource={gold.source_text or '-'}"
                f"\t{_context(text, gold.content)}"
            )
    for i, pred in enumerate(preds):
        if i not in matched_p:
            yield (
                f"FALSE\t{name}\tcue={pred.cue}\tclass={getattr(pred, 'cue_class', None)}"
                f"\tspeaker={pred.speaker}\t{_context(text, ((pred.start, pred.end),))}"
            )
    for i, j in pairs:
        pred, gold = preds[i], golds[j]
        source = gold.source_text
        if source and is_named(source) and not speaker_agrees(pred, source):
            yield (
                f"SPEAKER\t{name}\tgold={source}\tpred={pred.speaker}->{pred.speaker_resolved}"
                f"\tcue={pred.cue}\t{_context(text, gold.content, 30)}"
            )
        if len(gold.content) == 1 and _trim(text, *gold.content[0]) != _trim(text, pred.start, pred.end):
            yield (
                f"CONTENT\t{name}\tgold={_context(text, gold.content, 25)}"
                f"\tpred={_context(text, ((pred.start, pred.end),), 25)}"
            )
        if (
            gold.source
            and len(gold.source) == 1
            and pred.speaker_start is not None
            and pred.speaker_end is not None
            and pred.cue is not None
            and _trim(text, *gold.source[0]) != _trim(text, pred.speaker_start, pred.speaker_end)
        ):
            yield f"SOURCE\t{name}\tgold={_context(text, gold.source, 30)}\tpred={pred.speaker}"


def error_report(root: Path, part: str, statements_only: bool = False) -> Iterable[str]:
    """The errors of PolNeAR `part`: `tune` (the dev texts rules may be fitted to) or `train`. The
    check split is left out on purpose: rules are never fitted to its errors."""
    folder = "dev" if part == "tune" else part
    files = sorted((root / "polnear" / folder / "attributions").glob("*.ann"))
    splits = polnear_splits(ann.stem.rsplit("_", 1)[0] for ann in files)
    cache: dict[str, tuple[str, list[Attribution]]] = {}
    for ann in files:
        name = ann.stem.rsplit("_", 1)[0]
        if part == "tune" and splits[name] != "tune":
            continue
        if name not in cache:
            text = (root / "polnear" / folder / "text" / (name + ".txt")).read_text(encoding="utf-8")
            cache[name] = (text, analyze_article(text).attributions)
        text, preds = cache[name]
        golds = parse_ann(ann.read_text(encoding="utf-8").splitlines())
        if statements_only:
            preds = [p for p in preds if is_predicted_statement(p)]
            golds = [g for g in golds if is_statement(g)]
        yield from _document_errors(ann.stem, text, preds, golds)


def run(root: Path, splits: list[str], train: bool = False) -> dict[str, float]:
    """Every figure of the splits asked for, named `<set>_<split>_<measure>`."""
    figures: dict[str, float] = {}
    for split in splits:
        score, statements = score_polnear(root, "dev", split)
        figures.update(_polnear_figures(f"polnear_{split}", score, exact=True))
        figures.update(_polnear_figures(f"polnear_{split}_statements", statements, exact=False))
        values, units = score_newsquant(root / "newsquant-dev.json", split)
        figures[f"newsquant_{split}_value_f1"] = values.f1()
        figures[f"newsquant_{split}_value_unit_f1"] = units.f1()
        figures[f"newsquant_{split}_value_precision"] = values.precision()
        figures[f"newsquant_{split}_value_recall"] = values.recall()
    if train:
        score, statements = score_polnear(root, "train")
        figures.update(_polnear_figures("polnear_train", score, exact=True))
        figures.update(_polnear_figures("polnear_train_statements", statements, exact=False))
    return figures


def gaps(figures: dict[str, float]) -> dict[str, float]:
    """Tune minus check for every figure measured on both splits."""
    return {
        name.replace("_tune_", "_gap_"): value - figures[name.replace("_tune_", "_check_")]
        for name, value in figures.items()
        if "_tune_" in name and name.replace("_tune_", "_check_") in figures
    }


def check(figures: dict[str, float]) -> list[str]:
    floors: dict[str, float] = json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]
    return [
        f"{name}: {figures[name]:.1f} is below the floor {floor:.1f}"
        for name, floor in floors.items()
        if name in figures and figures[name] < floor
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=[*SPLITS, "both"], default="both")
    parser.add_argument("--train", action="store_true", help="also score PolNeAR train (no floor)")
    parser.add_argument("--gold", help="the gold directory (default ../shared/gold)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a figure is below its floor")
    parser.add_argument(
        "--spread", action="store_true", help="also the statements gap random splits give (no floor)"
    )
    parser.add_argument(
        "--errors", choices=["tune", "train"], help="list the PolNeAR errors of the tune split or of train"
    )
    parser.add_argument("--statements", action="store_true", help="with --errors: statements only")
    args = parser.parse_args(argv)
    root = gold_dir(args.gold)
    if not (root / "polnear").is_dir():
        print(f"no gold data at {root}", file=sys.stderr)
        return 1
    if args.errors:
        for line in error_report(root, args.errors, args.statements):
            print(line)
        return 0
    splits = list(SPLITS) if args.split == "both" else [args.split]
    figures = run(root, splits, train=args.train)
    shown = {**figures, **gaps(figures), **(split_spread(root) if args.spread else {})}
    width = max(len(name) for name in shown)
    for name, value in shown.items():
        print(f"{name:<{width}}  {value:6.1f}")
    if args.check:
        failures = check(figures)
        for failure in failures:
            print(failure, file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
