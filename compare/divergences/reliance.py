"""Who each outlet leans on: sources counted per outlet, and `source_reliance` when outlets differ.

An outlet that relays a state agency while the others cite wire agencies and officials tells a
reader something; this module counts named sources per outlet (wire copies once) for the report's
source table and chart, and flags outlets whose main source the others barely use. It also compares
the media each outlet relays (agencies, state media, other outlets, named): one outlet relaying TASS
alone while another cites AP and Yonhap is a difference in what the accounts rest on, even when
neither leans on one source more than half of the time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsprism.compare.divergences.alignment import independent_articles, statements_of
from newsprism.compare.divergences.quotes import speaker_key
from newsprism.compare.types import Claim, CoverageArticle, Divergence, claim_of, join_names

# Outlets need this many attributed statements before their reliance is judged.
MIN_CITATIONS = 3
# A source is leaned on when it has this share of an outlet's citations ...
LEANING = 0.5
# ... and the other outlets, together, give it at most this share of theirs.
ELSEWHERE = 0.1
# Source types that are reporting relayed from other media.
MEDIA = frozenset({"agency", "state_media", "media"})
# A source name longer than this is a phrase analysis took for a name.
MAX_NAME_WORDS = 5


@dataclass(slots=True)
class SourceUse:
    """One source, its type, and how often each outlet cites it."""

    source: str
    source_type: str
    cited_by: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        cited = dict(sorted(self.cited_by.items()))
        return {"source": self.source, "source_type": self.source_type, "cited_by": cited}


def source_uses(articles: Sequence[CoverageArticle]) -> list[SourceUse]:
    """Named sources of the independent articles, most cited first (names merged by surname)."""
    uses: dict[str, SourceUse] = {}
    for article in independent_articles(articles):
        for attribution in article.analysis.attributions:
            name = attribution.speaker_resolved or attribution.speaker
            key = speaker_key(name)
            if key is None or name is None:
                continue
            use = uses.setdefault(key, SourceUse(name, attribution.source_type))
            if len(name) > len(use.source):
                use.source = name
            use.cited_by[article.outlet] += 1
    return sorted(uses.values(), key=lambda u: (-sum(u.cited_by.values()), u.source))


def reliance_divergences(articles: Sequence[CoverageArticle]) -> list[Divergence]:
    """One divergence per outlet that leans on a source the other outlets barely cite."""
    uses = source_uses(articles)
    totals: Counter[str] = Counter()
    for use in uses:
        totals.update(use.cited_by)
    if len(totals) < 2:
        return []
    found = []
    for outlet in sorted(totals):
        leaned = _leaned_on(outlet, uses, totals)
        if leaned is not None:
            found.append(_divergence(outlet, leaned, totals, articles))
    relayed = relayed_media(articles)
    if _differ(relayed):
        found.append(_media_divergence(relayed, articles))
    return found


def _leaned_on(outlet: str, uses: Sequence[SourceUse], totals: Counter[str]) -> SourceUse | None:
    if totals[outlet] < MIN_CITATIONS:
        return None
    others_total = sum(n for o, n in totals.items() if o != outlet)
    for use in uses:
        if use.source_type == "unknown":
            # A speaker analysis could not type is more often a mis-resolved name than a source.
            continue
        share = use.cited_by[outlet] / totals[outlet]
        elsewhere = (sum(use.cited_by.values()) - use.cited_by[outlet]) / (others_total or 1)
        if share >= LEANING and elsewhere <= ELSEWHERE and others_total >= MIN_CITATIONS:
            return use
    return None


def _divergence(
    outlet: str, use: SourceUse, totals: Counter[str], articles: Sequence[CoverageArticle]
) -> Divergence:
    others = sorted(o for o in totals if o != outlet)
    elsewhere = sum(use.cited_by[o] for o in others)
    summary = (
        f"{outlet} attributes {use.cited_by[outlet]} of its {totals[outlet]} sourced statements to "
        f"{use.source} ({use.source_type.replace('_', ' ')}); {join_names(others)} cite it {elsewhere} "
        f"{'time' if elsewhere == 1 else 'times'} in {sum(totals[o] for o in others)}."
    )
    severity = 0.35 + (0.15 if use.source_type in ("state_media", "anonymous") else 0.0)
    return Divergence("source_reliance", summary, severity, tuple(_citations(outlet, use, articles)))


def _citations(
    outlet: str, use: SourceUse, articles: Sequence[CoverageArticle], limit: int = 5
) -> list[Claim]:
    key = speaker_key(use.source)
    citing = [
        statement
        for article in independent_articles(articles)
        if article.outlet == outlet
        for statement in statements_of(article)
        if any(speaker_key(a.speaker_resolved or a.speaker) == key for a in statement.attributions)
    ]
    return [claim_of(statement, speaker=use.source) for statement in citing[:limit]]


# --- the media each outlet relays ------------------------------------------------------------------


def relayed_media(articles: Sequence[CoverageArticle]) -> dict[str, dict[str, str]]:
    """Per outlet, the named media it cites (agencies, state media, outlets): key -> name."""
    relayed: dict[str, dict[str, str]] = {}
    for article in independent_articles(articles):
        cited = relayed.setdefault(article.outlet, {})
        for attribution in article.analysis.attributions:
            name = attribution.speaker_resolved or attribution.speaker
            key = speaker_key(name)
            if attribution.source_type in MEDIA and key and name and _named(name, article.outlet):
                cited.setdefault(key, name)
    return relayed


def _named(name: str, outlet: str) -> bool:
    # `TASS`, `Yonhap`, not `the Russian state news agency`, nor a shouted headline taken for a name,
    # nor the outlet's own correspondent.
    parts = name.split()
    shouted = len(parts) > 2 and name.isupper()
    own = set(name.lower().split()) & set(outlet.lower().split())
    return parts[-1][:1].isupper() and len(parts) <= MAX_NAME_WORDS and not shouted and not own


def _differ(relayed: dict[str, dict[str, str]]) -> bool:
    sets = [frozenset(cited) for cited in relayed.values() if cited]
    return len(sets) >= 2 and len(set(sets)) > 1


def _media_divergence(relayed: dict[str, dict[str, str]], articles: Sequence[CoverageArticle]) -> Divergence:
    citing = {o: cited for o, cited in relayed.items() if cited}
    ordered = sorted(citing, key=lambda o: (len(citing[o]), o))
    told = "; ".join(f"{o} {_media_list(citing[o])}" for o in ordered)
    silent = sorted(o for o, cited in relayed.items() if not cited)
    verb = "cites" if len(silent) == 1 else "cite"
    tail = f"; {join_names(silent)} {verb} no other media" if silent else ""
    summary = f"The outlets rest on different media: {told}{tail}."
    sets = list(map(frozenset, citing.values()))
    single = any(len(s) == 1 for s in sets)
    disjoint = any(not (a & b) for a in sets for b in sets)
    severity = 0.4 + (0.05 if single else 0.0) + (0.05 if disjoint else 0.0)
    claims = [
        claim
        for outlet in ordered
        for name in citing[outlet].values()
        for claim in _citations(outlet, SourceUse(name, "media"), articles, limit=1)
    ]
    return Divergence("source_reliance", summary, severity, tuple(claims))


def _media_list(cited: dict[str, str]) -> str:
    names = sorted(cited.values())
    return f"cites {names[0]} alone" if len(names) == 1 else f"cites {join_names(names)}"
