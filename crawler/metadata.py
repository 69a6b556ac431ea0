"""What an article page says of itself: its headline, its authors and when it was published.

A page states each of these several times (schema.org JSON-LD, Open Graph, `<title>`, `<h1>`, byline
markup) and the copies disagree: a site name is appended to the headline, the publisher is named as
the author, a day is given without its time. The rules here choose among the copies and clean the
choice; each was kept only when it raised the match with the fundus ground truth over all its outlets
(`scripts/score_metadata.py`; the rules and their figures are in docs/crawler.md).
"""

from __future__ import annotations

import html as html_entities
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import htmldate

from newsprism.crawler.discovery import parse_w3c_date
from newsprism.crawler.urls import is_ip_address

# A time zone and a time of day when the page gives them, not just the day.
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
DATE_PARAMS: dict[str, Any] = {"extensive_search": True, "original_date": True, "outputformat": DATE_FORMAT}

# Several people in one byline string: "A and B", "A und B", "A og B", "A, B & C".
_BYLINE_SPLIT = re.compile(r",\s+|\s+(?:and|und|og|et|y|&)\s+", re.IGNORECASE)
_INITIALS = re.compile(r"\([^)]{1,8}\)")
# "By Ann Lee", "Von Ann Lee", "Autor Ann Lee": the byline's lead-in word is not part of the name.
_BYLINE_LEAD = re.compile(
    r"(?:^|\s)(?:(?:written|reporting)\s+by|by|von|par|por|door|av|autor|autorin|author|text|texte)\s+",
    re.IGNORECASE,
)
# Bibliographic order, one person per tag: "Lenharo, Mariana" (family name, given name).
_FAMILY_GIVEN = re.compile(r"(?P<family>[^\W\d][\w'\-]*),\s*(?P<given>[^\W\d][\w'\-]*)")
# What sits between a headline and the site's name in <title> and og:title: "Story | Outlet".
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-\u2013\u2014\u00b7\u2022]|::|»)\s+")
_NOT_KEY = re.compile(r"[\W_]+")
# trafilatura's guess at a field (title, author, date), asked for only when the page's own metadata
# lacks it: trafilatura's metadata pass costs a fifth of an extraction, and most pages never need it.
Guess = Callable[[], str | None]
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True, slots=True)
class ArticleMetadata:
    """What the page's schema.org JSON-LD says of its article, when it says it."""

    headline: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    # Every author is "@type": "Organization": the publisher standing in for a byline.
    authored_by_organization: bool = False
    # The Article's schema.org `name`: mostly its headline again (or the <title>), on some pages the
    # other headline the page gives, the one in og:title (see `headline`).
    name: str | None = None
    # The publisher every JSON-LD object names: one of the names the site gives itself (`site_keys`).
    publishers: tuple[str, ...] = ()


def article_metadata(tree: Any) -> ArticleMetadata:
    """Headline, authors and publication date of the first schema.org Article in the page's JSON-LD,
    and the publishers all its objects name.

    Publishers write these for search engines and they name the story, not the site: on the fundus
    pages they match the ground truth more often than the `<title>` or the bylines trafilatura finds.
    """
    items = list(json_ld_items(tree))  # parsed once: the headline and the site's names read them
    publishers = tuple(name for name in map(_publisher, items) if name)
    for item in items:
        kinds = item.get("@type")
        kinds = " ".join(kinds) if isinstance(kinds, list) else str(kinds or "")
        if "Article" in kinds or "Posting" in kinds:
            headline, name = item.get("headline"), item.get("name")
            return ArticleMetadata(
                _one_line(headline) if isinstance(headline, str) else None,
                _ld_names(item.get("author")),
                item.get("datePublished") if isinstance(item.get("datePublished"), str) else None,
                _by_organization(item.get("author")),
                name=_one_line(name) if isinstance(name, str) else None,
                publishers=publishers,
            )
    return ArticleMetadata(publishers=publishers)


def json_ld_items(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object of the page's `application/ld+json` scripts, `@graph` members included."""
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            stack = [json.loads(script)]
        except (ValueError, RecursionError):
            continue
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                stack.extend(value for key, value in item.items() if key == "@graph")


def _by_organization(author: Any) -> bool:
    people = author if isinstance(author, list) else [author]
    kinds = [person.get("@type") for person in people if isinstance(person, dict)]
    return bool(kinds) and len(kinds) == len(people) and all("Organization" in str(kind) for kind in kinds)


def _ld_names(author: Any) -> tuple[str, ...]:
    return clean_names(_ld_people(author))


def _ld_people(author: Any, depth: int = 0) -> Iterator[str]:
    """The names in a JSON-LD `author`: a string, a Person, or a list of them, lists nested too."""
    if isinstance(author, list) and depth < 3:
        for person in author:
            yield from _ld_people(person, depth + 1)
    elif isinstance(author, dict) and isinstance(author.get("name"), str):
        yield author["name"]
    elif isinstance(author, str):
        yield author


def clean_names(names: Iterable[str]) -> tuple[str, ...]:
    """Bylines as separate names: "A and B" split, entities decoded, "(abc)" initials dropped,
    slug twins ("Ann-Lee" beside "Ann Lee") merged."""
    found: dict[str, str] = {}
    for raw in names:
        for part in _BYLINE_SPLIT.split(html_entities.unescape(raw)):
            name = _without_lead_in(" ".join(_INITIALS.sub("", part).split()).strip(" ,;"))
            twin = name.replace("-", " ").casefold()
            if name and twin not in found:
                found[twin] = name
    return tuple(found.values())


def _without_lead_in(name: str) -> str:
    """ "By Ann Lee" -> "Ann Lee", "Capital von Ann Lee" -> "Ann Lee" (a section's name before the
    byline); "Von der Leyen", "Carl von Ossietzky" and a lone "By Ann" are left alone."""
    for lead in _BYLINE_LEAD.finditer(name):
        rest = name[lead.end() :]
        if rest[:1].isupper() and len(rest.split()) >= 2:
            return rest
    return name


def split_authors(author: str | None) -> tuple[str, ...]:
    """Trafilatura's "A; B" author string as names (see clean_names)."""
    return clean_names((author or "").split(";"))


# --- the authors ---------------------------------------------------------------------------------


def bylines(tree: Any, url: str, declared: ArticleMetadata, extracted: Guess) -> tuple[str, ...]:
    """The article's authors: JSON-LD's, else "Family, Given" author meta tags, else trafilatura's,
    else names linked to author pages.

    When JSON-LD names only an Organization (the publisher standing in) and trafilatura found
    people in the bylines, the people win. A publisher that is the only byline is kept: it is the
    byline the page gives (fundus records it too), and dropping it lost more pages than it won.
    """
    if declared.authored_by_organization and (
        people := _people(split_authors(extracted()), site_keys(tree, url, declared.publishers))
    ):
        return people
    return (
        declared.authors
        or _bibliographic_authors(tree)
        or split_authors(extracted())
        or _author_page_links(tree)
    )


# Scripts written without spaces between words, where one token can be a whole name.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _people(names: tuple[str, ...], sites: frozenset[str]) -> tuple[str, ...]:
    """`names` when every one looks like a person's (a given and a family name, or a name in an
    unspaced script like Japanese), and none is the site's own name (one of `sites`)."""
    personal = (2 <= len(name.split()) <= 5 or _UNSPACED.search(name) for name in names)
    return names if names and all(personal) and not {key(name) for name in names} & sites else ()


# A link to a writer's page: "/author/ann-lee", "/autoren/name/ann-lee", "/journalist/ann-lee".
_AUTHOR_PAGE = re.compile(
    r"/(?:authors?|autor(?:en|in)?|auteurs?|autore|journalists?|reporters?|writers?)/", re.I
)


def _author_page_links(tree: Any) -> tuple[str, ...]:
    """Names linked to the writers' own pages, when the page states its authors nowhere else; none
    when more than a few are linked (a list of the newsroom's writers, not a byline)."""
    names = [
        " ".join(link.text_content().split())
        for link in tree.xpath("//a[@href]")
        if _AUTHOR_PAGE.search(_path(str(link.get("href"))))
    ]
    people = [name for name in names if 2 <= len(name.split()) <= 5]
    return clean_names(people) if 0 < len(set(people)) <= 4 else ()


def _path(href: str) -> str:
    try:
        return urlsplit(href).path
    except ValueError:  # "http://[oops" and other hrefs no URL parser takes
        return ""


def _bibliographic_authors(tree: Any) -> tuple[str, ...]:
    """Author meta tags (`author`, Dublin Core `dc.creator`, `citation_author`) that each hold one
    "Family, Given" name, as "Given Family": trafilatura would take each for two people."""
    for kind in ("author", "dc.creator", "citation_author"):
        tags = tree.xpath(f"//meta[translate(@name, '{_UPPER}', '{_UPPER.lower()}')='{kind}']/@content")
        matches = [_FAMILY_GIVEN.fullmatch(str(tag).strip()) for tag in tags]
        if matches and all(match and not match["family"].isupper() for match in matches):
            return clean_names(f"{match['given']} {match['family']}" for match in matches if match)
    return ()


# --- the headline ---------------------------------------------------------------------------------


def headline(tree: Any, url: str, declared: ArticleMetadata, extracted: Guess) -> str | None:
    """The article's headline without the site's name: JSON-LD's (og:title's when the JSON-LD's own
    `name` sides with it), else og:title, else the `<title>` when a site name could be cut from it,
    else trafilatura's (its guess at which part of the `<title>` is the story)."""
    sites, headings = site_keys(tree, url, declared.publishers), _heading_keys(tree)
    og_title = _one_line(_meta(tree, "//meta[@property='og:title']/@content") or "")
    first = og_title if _headline_outvoted(declared, og_title, sites, headings) else declared.headline
    for candidate in (first, og_title):
        if title := _one_line(candidate or ""):
            return without_site_name(title, sites, headings)
    page_title = _one_line(_meta(tree, "//head/title/text()") or "")
    if (trimmed := without_site_name(page_title, sites, headings)) != page_title:
        return trimmed
    title = _one_line(extracted() or "")
    return without_site_name(title, sites, headings) if title else None


def _headline_outvoted(
    declared: ArticleMetadata, og_title: str, sites: frozenset[str], headings: frozenset[str]
) -> bool:
    """Whether og:title's headline beats the JSON-LD `headline`: the JSON-LD Article's own `name` is
    another headline than its `headline`, and og:title repeats that `name`.

    Where JSON-LD and og:title give two headlines, neither wins by itself (the fundus truth takes the
    JSON-LD one on 30 pages, og:title's on 25, by each publisher's convention), so JSON-LD keeps the
    tie. When the publisher's JSON-LD also names the article with og:title's headline, it declares
    that headline twice against once: on fundus 3 pages of 2 outlets, og:title's each time.
    """
    name = _title_key(declared.name, sites, headings)
    social = _title_key(og_title, sites, headings)
    return bool(name) and name == social and name != _title_key(declared.headline, sites, headings)


def _title_key(title: str | None, sites: frozenset[str], headings: frozenset[str]) -> str:
    """What two copies of a headline share once a site name is cut off ("Story | Outlet", "STORY")."""
    return key(without_site_name(_one_line(title or ""), sites, headings))


def without_site_name(title: str, sites: frozenset[str], headings: frozenset[str]) -> str:
    """`title` without a site name before or after it ("Story | Outlet", "Outlet - Story").

    A part counts as the site's name when it is one of `sites` (keys of the names the page gives
    itself); the whole tail goes when the head alone is one of the page's own `headings`.
    """
    cuts = list(_TITLE_SEPARATOR.finditer(title))
    for cut in cuts:
        head = key(title[: cut.start()])
        if head in headings and head not in sites:
            return title[: cut.start()]
    if cuts and key(title[cuts[-1].end() :]) in sites:
        return title[: cuts[-1].start()]
    if cuts and key(title[: cuts[0].start()]) in sites:
        return title[cuts[0].end() :]
    return title


def site_keys(tree: Any, url: str, publishers: Iterable[str] = ()) -> frozenset[str]:
    """Keys of the names a site gives itself: og:site_name, application-name, the JSON-LD
    publishers (`ArticleMetadata.publishers`), and the domain of the page's URL and of its canonical
    URL ("nytimes" for www.nytimes.com)."""
    names = tree.xpath(
        "//meta[@property='og:site_name' or @name='application-name' or @name='apple-mobile-web-app-title']"
        "/@content"
    )
    names += publishers
    addresses = [url, *tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content")]
    names += [name for address in addresses for name in _domain_names(str(address))]
    return frozenset(key(str(name)) for name in names if name) - {""}


def _publisher(item: dict[str, Any]) -> str:
    publisher = item.get("publisher")
    name = publisher.get("name") if isinstance(publisher, dict) else None
    return name if isinstance(name, str) else ""


def _domain_names(address: str) -> list[str]:
    """ "www.lemonde.fr" -> ["lemonde.fr", "lemonde"]; nothing for an IP address."""
    try:
        host = (urlsplit(address).hostname or "").removeprefix("www.")
    except ValueError:  # "http://[oops": no host to name the site by
        return []
    if is_ip_address(host):
        return []
    labels = host.split(".")
    if len(labels) < 2:
        return []
    # "co.uk", "com.au": the name is the label before the second-level suffix.
    second_level = len(labels) > 2 and labels[-2] in ("co", "com", "org", "net", "gov", "ac", "or", "ne")
    return [host, labels[-3] if second_level else labels[-2]]


def _heading_keys(tree: Any) -> frozenset[str]:
    """Keys of the page's `<h1>` headlines; a logo in an `<h1>` (an image, a link home) is no headline."""
    logo = "[not(.//img) and not(.//a[@href='/' or @href='./' or @href=''])]"
    return frozenset(key(heading.text_content()) for heading in tree.xpath(f"//h1{logo}")) - {""}


def key(text: str) -> str:
    """What two spellings of one name share: "n-tv.de" and "N-TV DE" are both "ntvde"."""
    return _NOT_KEY.sub("", html_entities.unescape(text)).casefold()


def _meta(tree: Any, xpath: str) -> str | None:
    found = tree.xpath(xpath)
    return str(found[0]) if found else None


def _one_line(text: str) -> str:
    return " ".join(html_entities.unescape(text).split())


# --- the publication time -------------------------------------------------------------------------

_PUBLISHED_META = (
    "//meta[@property='article:published_time' or @property='og:published_time'"
    " or @itemprop='datePublished' or @name='pubdate' or @name='publish-date']/@content"
    " | //time[@itemprop='datePublished']/@datetime"
)


def publication_time(tree: Any, url: str, declared: str | None, extracted: Guess) -> datetime | None:
    """The JSON-LD `datePublished` when it has a time of day; else trafilatura's date (htmldate's
    when it has none), with the time the page's publication metadata gives for that same day."""
    stated = parse_w3c_date(declared)
    if stated is not None and "T" in (declared or ""):
        return stated
    day = parse_w3c_date(extracted()) or _htmldate(tree, url)
    for value in [declared or "", *tree.xpath(_PUBLISHED_META)]:
        precise = parse_w3c_date(str(value))
        if precise is not None and (day is None or precise.date() == day.date()):
            return precise
    return day


def htmldate_date(tree: Any, url: str | None) -> str | None:
    """htmldate's publication date of a page (the URL is one of its clues), in DATE_FORMAT."""
    found: str | None = htmldate.find_date(tree, url=url, **DATE_PARAMS)
    return found


def _htmldate(tree: Any, url: str) -> datetime | None:
    try:
        found = htmldate_date(tree, url)
    except Exception:  # htmldate, like trafilatura, has many failure modes on odd pages
        return None
    return parse_w3c_date(found)
