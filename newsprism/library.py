"""The Python API (`newsprism.analyze`, `newsprism.compare`): what the `analyze` and `report` commands
give, for texts a program holds, with no database.

Texts are compared as given: every offset of the report (a claim's `start`, `end`) is an index into
the text the caller passed, as INTERFACE.md's `analyze` offsets are. An import makes the spacing of a
text plain before storing it (`newsprism.storage.text.plain_text`); a caller who wants reports that ignore
spacing passes `plain_text(text)` and reads offsets into that.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from newsprism.compare.article.analysis import analyze_article
from newsprism.compare.events import event_key, link_copies, representative_title
from newsprism.compare.reports.report import build_report
from newsprism.compare.types import CoverageArticle, excerpt
from newsprism.crawler.discovery import parse_w3c_date


class ArticleInputError(ValueError):
    """An article given to `compare` is not one: says which (its index) and what is wrong."""


def analyze(text: str, published: date | None = None) -> dict[str, Any]:
    """The attributions, quantities and entities of one article text, as `newsprism analyze` prints
    them; relative dates (`on Sunday`) resolve against `published`.

    >>> found = analyze("Police said three people died on Sunday.", date(2026, 3, 16))
    >>> [(a["speaker"], a["cue"], a["content"]) for a in found["attributions"]]
    [('Police', 'said', 'three people died on Sunday')]
    >>> [(q["value"], q["unit"]) for q in found["quantities"]], found["dates"][0]["resolved"]
    ([(3, 'people')], '2026-03-15')
    """
    if not isinstance(text, str):
        raise TypeError(f"analyze: text must be a str, not {type(text).__name__}")
    if isinstance(published, datetime):
        published = published.date()
    if published is not None and not isinstance(published, date):
        raise TypeError(f"analyze: published must be a datetime.date or None, not {type(published).__name__}")
    result: dict[str, Any] = analyze_article(text, published).to_json()
    return result


def compare(articles: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The divergence report (`report --format json`) of articles about one event.

    Each article is a dict with `url`, `outlet` and `text`, and optionally `title` and `published`
    (an ISO 8601 string, a `datetime` or a `date`). Raises ArticleInputError naming the article.

    >>> report = compare([
    ...     {"url": "https://a.example/1", "outlet": "A", "text": "Five people were killed in Veltria."},
    ...     {"url": "https://b.example/1", "outlet": "B", "text": "Six people were killed in Veltria."},
    ... ])
    >>> [(d["type"], [c["outlet"] for c in d["claims"]]) for d in report["divergences"]]
    [('numeric_conflict', ['A', 'B'])]
    """
    if isinstance(articles, (str, bytes, Mapping)) or not isinstance(articles, Sequence):
        raise ArticleInputError("compare: articles must be a list of dicts, one per article")
    # Near-identical texts of two outlets are one report (`link_copies`): a copy counts once.
    coverage = link_copies([_coverage_article(number, article) for number, article in enumerate(articles)])
    urls = [a.url for a in coverage]
    if len(set(urls)) != len(urls):
        duplicate = next(u for u in urls if urls.count(u) > 1)
        raise ArticleInputError(f"compare: two articles have the url {duplicate!r}; each article is one url")
    event_id = event_key(coverage[0]) if coverage else "empty"
    title = representative_title(coverage) or (excerpt(coverage[0].text, 80) if coverage else "")
    return build_report(event_id, title, coverage).to_json()


def _coverage_article(number: int, article: Mapping[str, Any]) -> CoverageArticle:
    where = f"compare: articles[{number}]"
    if not isinstance(article, Mapping):
        raise ArticleInputError(f"{where} must be a dict, not {type(article).__name__}")
    fields = {key: _required(article, key, where) for key in ("url", "outlet", "text")}
    title = article.get("title") or ""
    if not isinstance(title, str):
        raise ArticleInputError(f"{where}: 'title' must be a string")
    published = _published(article.get("published"), where)
    text = fields["text"]
    return CoverageArticle(
        id=str(number + 1),
        outlet=fields["outlet"],
        url=fields["url"],
        title=title,
        text=text,
        published=published,
        analysis=analyze_article(text, published.date() if published else None),
    )


def _required(article: Mapping[str, Any], key: str, where: str) -> str:
    value = article.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ArticleInputError(f"{where}: needs a non-empty string {key!r}")
    return value


def _published(value: Any, where: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        # The importer's parser, so that a date means here what it means to `newsprism import`.
        parsed = parse_w3c_date(value)
        if parsed is None:
            raise ArticleInputError(f"{where}: 'published' {value!r} is not an ISO 8601 date or date-time")
        return parsed
    raise ArticleInputError(f"{where}: 'published' must be an ISO 8601 string, a datetime or a date")
