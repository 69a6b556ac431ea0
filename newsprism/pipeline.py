"""The pipeline that wires the three packages: stored articles are analyzed, then grouped into events.

The crawler hands every stored article to `analyze_stored` inside the transaction that stored it, so
an article, its version and its findings land together. Grouping and reports read storage rows and turn
them into `CoverageArticle`s, the only thing `compare` sees.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from newsprism import __version__
from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.article.cues import cue_class
from newsprism.compare.events import GROUPING_FINDINGS, GROUPING_REVISION, group_articles, link_copies
from newsprism.compare.findings import FINDING_TYPES, ArticleAnalysis, Attribution
from newsprism.compare.types import CoverageArticle
from newsprism.preparation import PageAnalysis as PageAnalysis
from newsprism.preparation import analyze_page as analyze_page
from newsprism.preparation import publication_day
from newsprism.storage import models
from newsprism.storage.articles import StoredArticle, version_text
from newsprism.storage.bulk import fewer_collections
from newsprism.storage.database import Database
from newsprism.storage.events import (
    EventMembership,
    count_events,
    delete_empty_events,
    get_event,
    grouped_inputs,
    grouping_inputs,
    record_grouping,
    save_events,
)
from newsprism.storage.findings import (
    ArticleRow,
    VersionFindings,
    articles_to_group,
    current_findings_as,
    finding_of,
    save_findings,
    unanalyzed_version,
    versions_to_analyze,
)

log = logging.getLogger(__name__)
_REGROUPING = threading.Lock()


def analyze_stored(session: Session, stored: StoredArticle, prepared: object = None, /) -> None:
    """Analyze the version just stored (unless it was already analyzed) and save its findings.

    The worker's analysis (`prepared`) is taken when it resolved dates against the day the article
    is stored with; a page without a date takes its feed's, and is analyzed again here.
    """
    if stored.fresh_version:
        _analyze_fresh(session, stored, prepared)
    else:
        _analyze_version(session, stored.version_id, prepared)


def _analyze_version(session: Session, version_id: int, prepared: object = None) -> bool:
    """Analyze a stored version unless it was analyzed already; whether it was analyzed now."""
    # Locked (PostgreSQL): a second process analyzing the same version waits, then sees it analyzed,
    # instead of saving the findings a second time beside the first.
    version = unanalyzed_version(session, version_id)
    if version is None:
        return False
    day = publication_day(version.article.published)
    save_findings(session, version.id, _analysis(prepared, day) or analyze_article(version.text, day))
    return True


def _analyze_fresh(session: Session, stored: StoredArticle, prepared: object) -> None:
    # A version this transaction wrote has no findings and no other process sees it: no locked read.
    day = publication_day(stored.published)
    analysis = _analysis(prepared, day) or analyze_article(version_text(session, stored.version_id), day)
    save_findings(session, stored.version_id, analysis, fresh=True)


def _analysis(prepared: object, day: date | None) -> ArticleAnalysis | None:
    """The worker's analysis when it resolved dates against `day`, else None."""
    if isinstance(prepared, PageAnalysis) and prepared.day == day:
        return prepared.analysis
    return None


def analyze_pending(database: Database) -> int:
    """Analyze every stored version that has no findings yet (e.g. after an interrupted run); how
    many this call analyzed."""
    with database.session() as session:
        pending = [version.id for version in versions_to_analyze(session)]
    done = 0
    for version_id in pending:
        with database.transaction() as session:
            done += _analyze_version(session, version_id)
    return done


def complete_stored(database: Database) -> int:
    """After a crawl or import: analyze what an earlier run stored but never analyzed, then regroup
    every article, so a run that was killed is finished by the next one. Returns the event count."""
    analyze_pending(database)
    return update_events(database)


def update_events(database: Database, *, force: bool = False) -> int:
    """Group every stored article into events from scratch and store them; returns the event count.

    Grouping is deterministic (articles in publication order), so re-running it keeps event keys, and
    it is skipped (unless `force`) when no grouping input changed since the stored events were made:
    a scheduled pass that found nothing new would otherwise regroup every article (40 s at 100,000).
    """
    # One regrouping at a time in a process: the jobs of a schedule end together, and each regrouping
    # holds every article in memory (800 MB at 100,000). Queued behind the first, the others find
    # the fingerprint it recorded unchanged and stop there.
    with _REGROUPING, fewer_collections():
        # Two processes ending together both regroup; the one that loses a race on an event key
        # runs again.
        return database.commit_with_retry(lambda session: _regroup(session, force))


def _regroup(session: Session, force: bool) -> int:
    # The fingerprint is taken before the articles are read: an article stored in between is grouped
    # but not in the fingerprint, so the next pass regroups once more rather than never.
    inputs = grouping_inputs(session, f"newsprism {__version__}, grouping {GROUPING_REVISION}")
    if not force and inputs.fingerprint == grouped_inputs(session):
        return count_events(session)
    groups = group_articles(grouping_coverage(session))
    saved = save_events(
        session,
        [
            EventMembership(
                key=group.key,
                title=group.title,
                article_ids=[int(i) for i in group.article_ids],
                similarities={int(k): v for k, v in group.similarities.items()},
            )
            for group in groups
        ],
    )
    delete_empty_events(session)
    record_grouping(session, inputs, datetime.now(UTC))
    return len(saved)


def grouping_coverage(session: Session) -> list[CoverageArticle]:
    """Every stored article in publication order as grouping sees it: as `coverage_of` makes it, with
    only the findings grouping reads, from plain rows. Read-only."""
    kinds = {kind: FINDING_TYPES[kind] for kind in GROUPING_FINDINGS}
    findings = current_findings_as(session, kinds)
    return [_coverage_of_row(row, findings) for row in articles_to_group(session)]


def _coverage_of_row(row: ArticleRow, findings: dict[int, dict[str, list[Any]]]) -> CoverageArticle:
    # coverage_of's rules on a row of articles_to_group: the titles' order, no text without a version.
    version_id = row.current_version_id
    return CoverageArticle(
        id=str(row.id),
        outlet=row.outlet,
        outlet_kind=row.outlet_kind,
        url=row.url,
        title=row.title or row.version_title or "",
        text=row.text if version_id is not None else "",
        published=row.published,
        analysis=_analysis_of_kinds(findings.get(version_id, {})) if version_id else ArticleAnalysis(),
        syndicated_from=str(row.syndicated_from_id) if row.syndicated_from_id else None,
    )


def _analysis_of_kinds(kinds: dict[str, list[Any]]) -> ArticleAnalysis:
    if "attributions" in kinds:
        kinds = {**kinds, "attributions": [_with_cue_class(a) for a in kinds["attributions"]]}
    return ArticleAnalysis(**kinds)


def event_coverage(session: Session, event_id: int) -> tuple[str, list[CoverageArticle]]:
    """The title of an event and its articles as the comparison sees them, near-identical texts of two
    outlets linked as copies (`link_copies`), so that each counts once. Read-only."""
    event = get_event(session, event_id)
    articles = sorted((member.article for member in event.members), key=_publication_order)
    return event.title, link_copies([coverage_of(article) for article in articles])


def _publication_order(article: models.Article) -> tuple[float, int]:
    return (article.published.timestamp() if article.published else float("inf"), article.id)


def coverage_of(article: models.Article, findings: VersionFindings | None = None) -> CoverageArticle:
    """Turn a stored article (current version loaded) into a CoverageArticle, with the findings
    given, else those loaded with its version."""
    version = article.current_version
    return CoverageArticle(
        id=str(article.id),
        outlet=article.outlet.name,
        outlet_kind=article.outlet.kind,
        url=article.url,
        title=article.title or (version.title if version else None) or "",
        text=version.text if version else "",
        published=article.published,
        analysis=analysis_of(findings or version) if version else ArticleAnalysis(),
        syndicated_from=str(article.syndicated_from_id) if article.syndicated_from_id else None,
    )


def analysis_of(version: models.ArticleVersion | VersionFindings) -> ArticleAnalysis:
    """The stored findings of one version (its loaded collections, or rows read apart), back as the
    dataclasses analysis produced, each kind in text order."""
    found: dict[str, list[Any]] = {
        kind: [finding_of(kind_type, row) for row in _by_offset(getattr(version, kind))]
        for kind, kind_type in FINDING_TYPES.items()
    }
    found["attributions"] = [_with_cue_class(a) for a in found["attributions"]]
    return ArticleAnalysis(**found)


def _by_offset(rows: Sequence[Any]) -> list[Any]:
    return sorted(rows, key=lambda row: (row.start_char, row.id))


def _with_cue_class(attribution: Attribution) -> Attribution:
    # Rows stored before issue 16 have no class: the cue's verb and source still give it.
    if attribution.cue_class:
        return attribution
    found = cue_class(attribution.cue, attribution.source_type, attribution.content)
    return replace(attribution, cue_class=found)
