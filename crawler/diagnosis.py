"""Why a pass got nothing from an outlet, and what an operator can do about it, in plain words.

A crawl run from cron or systemd is read, if at all, through its summary: "0 new, 0 failed" without a
reason looks like a quiet news day when the feed has moved or the host is refused. Every problem a
pass meets keeps its URL and reason here, and `advice` turns the reason into the next step: the
configuration key to change, the URL to check, or nothing to do but wait.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# A page that ends up here is the answer of the site, not of the network.
NOT_AN_ARTICLE = "no article text found"
HTML_NOT_SITEMAP = "an HTML page, not a sitemap (XML)"
HTML_NOT_FEED = "an HTML page, not an RSS or Atom feed"
NO_LINKS = "no article links found"
# Reasons shown per outlet at most; the rest are counted, so one broken outlet cannot flood a log.
MAX_REASONS_SHOWN = 5

# (a piece of the reason, what to do), first match wins: the reasons are the fetcher's own words. A
# host nothing listens on fails at its robots.txt first; the connection is the news, so it comes first.
_ADVICE: tuple[tuple[str, str], ...] = (
    (
        "private or local address",
        "newsprism refuses private, loopback and link-local addresses by default; if this outlet is on"
        " your own network, set allow_private_networks = true in the [crawler] table",
    ),
    ("disallowed by robots.txt", "the site's robots.txt forbids crawling this page; newsprism obeys it"),
    ("cannot resolve", "the host name does not resolve: check it in the configuration"),
    (
        "cannot connect",
        "nothing answered there: check the host name and port in the configuration, or whether the site is"
        " down",
    ),
    (
        "robots.txt unreachable",
        "nothing is fetched from a host whose robots.txt cannot be read; check the homepage URL,"
        " or try later",
    ),
    ("timed out", "the server did not answer in time: try later, or raise timeout in the [crawler] table"),
    ("HTTP 404", "no such page: check the URL in the configuration (outlets move their feeds)"),
    ("HTTP 410", "the page is gone: remove or replace the URL in the configuration"),
    ("HTTP 401", "the server asks for a login: newsprism crawls public pages only"),
    (
        "HTTP 403",
        "the server refuses newsprism: set user_agent in the [crawler] table to name you and a contact"
        " address, or ask the outlet",
    ),
    ("HTTP 429", "the server is rate-limiting newsprism: raise the outlet's delay"),
    ("HTTP 5", "the server is failing: it is tried again next pass"),
    (
        HTML_NOT_SITEMAP,
        "point sitemaps at the XML sitemap (robots.txt often names it), or list this page under sections",
    ),
    (HTML_NOT_FEED, "point feeds at the RSS or Atom feed, or list this page under sections"),
    ("refused:", "the document was refused as hostile or oversized; check that the URL is the right one"),
    (NOT_AN_ARTICLE, "an index, video or paywalled page, most likely: nothing to do unless it is an article"),
    (
        NO_LINKS,
        "its feeds, sitemaps and sections named no article: check those URLs, or add a feed or sitemap",
    ),
)


def advice(reason: str) -> str | None:
    """What an operator can do about a failure `reason`, or None when there is nothing to say.

    >>> advice("HTTP 404")
    'no such page: check the URL in the configuration (outlets move their feeds)'
    """
    return next((todo for piece, todo in _ADVICE if piece in reason), None)


@dataclass(frozen=True, slots=True)
class CrawlProblem:
    """One thing that kept a pass from an outlet's articles: what was fetched, its URL, and why."""

    purpose: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.purpose} {self.url}: {self.reason}" if self.url else f"{self.purpose}: {self.reason}"


def explain(outlet: str, problems: Sequence[CrawlProblem], *, yielded_nothing: bool) -> list[str]:
    """The lines that say why `outlet` yielded nothing (or what failed), each with what to do.

    Articles failing for one reason are folded into one line with their count: a site whose article
    pages all answer 403 says so once, not a thousand times.
    """
    if not problems and not yielded_nothing:
        return []
    if not problems:
        problems = [CrawlProblem("listings", "", NO_LINKS)]
    heading = f"{outlet}: nothing stored, because" if yielded_nothing else f"{outlet}: some pages failed:"
    lines = [heading]
    for problem, count in _folded(problems)[:MAX_REASONS_SHOWN]:
        said = f"{count} {problem.purpose} pages, e.g. {problem}" if count > 1 else str(problem)
        todo = advice(problem.reason)
        lines.append(f"  - {said}" + (f"\n    what to do: {todo}" if todo else ""))
    hidden = len(_folded(problems)) - MAX_REASONS_SHOWN
    if hidden > 0:
        lines.append(f"  - and {hidden} more reasons (run with -v to see every URL)")
    return lines


def _folded(problems: Sequence[CrawlProblem]) -> list[tuple[CrawlProblem, int]]:
    """One entry per (purpose, reason), the first problem standing for the rest, most frequent first."""
    counts = Counter((p.purpose, p.reason) for p in problems)
    first: dict[tuple[str, str], CrawlProblem] = {}
    for problem in problems:
        first.setdefault((problem.purpose, problem.reason), problem)
    return sorted(((first[key], n) for key, n in counts.items()), key=lambda item: -item[1])
