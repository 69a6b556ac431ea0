"""Where an outlet's articles are: parsers for feeds, sitemaps, section pages, homepages and robots.txt.

Every function here takes a document already fetched (a string or bytes) and returns values; none
touches the network, so the crawl decides what to fetch and the parsers can be fed anything. XML from
strangers is parsed hardened: no DTD, no entity expansion, no network, bounded decompression.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree, html
from protego import Protego

from newsprism.crawler.urls import is_http_url, same_site

# The sitemap protocol caps an uncompressed sitemap at 50 MB; anything larger is a bomb, not a sitemap.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
# What XML 1.0 forbids (lxml writes links back through XML rules): C0 controls but tab, LF, CR; U+FFFE/F.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# How an XML document's first bytes give away its encoding (XML 1.0, appendix F), longest first.
_XML_SIGNATURES = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp037"),
)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")
# Containers whose links lead around the site rather than to stories.
_NAVIGATION = re.compile(
    r"\b(nav|navbar|navigation|menu|footer|header|breadcrumbs?|masthead|pagination|sidebar)\b", re.I
)
_NAVIGATION_TAGS = {"nav", "header", "footer", "aside"}
_NOT_ARTICLE_PATH = re.compile(
    r"/(tags?|topics?|category|categories|authors?|search|login|subscribe|newsletter|about|contact"
    r"|privacy|terms|impressum|datenschutz|page|feed|rss)(/|$)",
    re.I,
)
_DATE_IN_PATH = re.compile(r"/(19|20)\d\d[/-]?(0[1-9]|1[0-2])")
_LONG_NUMBER = re.compile(r"\d{5,}")
# An opaque story id such as BBC's "clymn8zyrp9o": letters and digits mixed, eight or more.
_OPAQUE_ID = re.compile(r"^(?=.*\d)(?=.*[a-z])[a-z0-9]{8,}$", re.I)
_STORY_FOLDER = re.compile(r"/(articles?|story|stories|news|post|posts)/[^/]+", re.I)


class HostileDocumentError(ValueError):
    """An XML document declares entities or decompresses past the limit: refused, never expanded."""


@dataclass(frozen=True, slots=True)
class DiscoveredLink:
    """A candidate article URL and what its listing said about it."""

    url: str
    published: datetime | None = None
    title: str | None = None
    source: str = "feed"


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: article URLs (newest first) and, for an index, the sitemaps it names."""

    urls: list[DiscoveredLink] = field(default_factory=list)
    child_sitemaps: list[str] = field(default_factory=list)


def newest_first(links: Iterable[DiscoveredLink]) -> list[DiscoveredLink]:
    """Links sorted newest first; undated ones keep their order after the dated ones."""
    listed = list(links)
    dated = sorted((link for link in listed if link.published), key=_timestamp, reverse=True)
    return dated + [link for link in listed if not link.published]


def _timestamp(link: DiscoveredLink) -> float:
    return link.published.timestamp() if link.published else 0.0


def web_url(base_url: str, reference: str) -> str | None:
    """`reference` made absolute against `base_url` when that is an http(s) URL, else None.

    >>> web_url("https://x.example/a/", "//[")  # urljoin itself raises on this one
    """
    try:
        url = urljoin(base_url, reference)
    except ValueError:
        return None
    return url if is_http_url(url) else None


# --- feeds -----------------------------------------------------------------------------------------


def parse_feed(document: bytes | str, base_url: str) -> list[DiscoveredLink]:
    """Article links of an RSS or Atom feed, newest first; a malformed feed is read as far as it goes.

    >>> parse_feed(b"<rss><channel><item><link>/a</link></item></channel></rss>", "https://x.example/")
    [DiscoveredLink(url='https://x.example/a', published=None, title=None, source='feed')]
    """
    data = document.encode("utf-8") if isinstance(document, str) else document
    _refuse_entities(data)
    # A stream, never a str: feedparser would treat a str that looks like a URL or path as one to open.
    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": base_url})
    links = []
    for entry in parsed.entries:
        url = _entry_url(entry, base_url)
        if url is not None:
            links.append(DiscoveredLink(url, _entry_date(entry), entry.get("title") or None, "feed"))
    return newest_first(_unique(links))


def _entry_url(entry: Any, base_url: str) -> str | None:
    candidates = [entry.get("link")] + [link.get("href") for link in entry.get("links", [])]
    if str(entry.get("id", "")).startswith("http"):
        candidates.append(entry.get("id"))
    for candidate in candidates:
        if candidate:
            url = web_url(base_url, str(candidate).strip())
            if url is not None:
                return url
    return None


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get, not entry.get: feedparser answers a missing key from another, with a warning.
        parsed = dict.get(entry, key)
        if parsed:
            try:
                year, month, day, hour, minute, second = parsed[:6]
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _unique(links: Iterable[DiscoveredLink]) -> Iterator[DiscoveredLink]:
    seen: set[str] = set()
    for link in links:
        if link.url not in seen:
            seen.add(link.url)
            yield link


def _refuse_entities(data: bytes) -> None:
    # Feeds and sitemaps have no use for entity declarations; refusing them stops billion laughs and XXE.
    # The whole document is searched (comments can push a DOCTYPE past any prefix), in the encoding the
    # XML parser will read it in, so a UTF-16 feed cannot hide its declarations from a byte search.
    if _ENTITY_DECLARATION.search(_as_parsed(data)):
        raise HostileDocumentError("the document declares XML entities")


def _as_parsed(data: bytes) -> bytes:
    """`data` as UTF-8 when an XML parser would read it as UTF-16, UTF-32 or EBCDIC, else unchanged."""
    for signature, encoding in _XML_SIGNATURES:
        if data.startswith(signature):
            return data.decode(encoding, errors="replace").encode("utf-8")
    return data


# --- sitemaps --------------------------------------------------------------------------------------


def parse_sitemap(document: bytes | str, base_url: str, *, max_bytes: int = MAX_SITEMAP_BYTES) -> Sitemap:
    """A sitemap, sitemap index or Google News sitemap (gzipped or not); URLs newest first. A gzipped
    one inflating past `max_bytes` is refused (HostileDocumentError), as a fetched page past it would be."""
    data = document.encode("utf-8") if isinstance(document, str) else gunzip_bounded(document, max_bytes)
    _refuse_entities(data)
    root = _parse_xml(data)
    if root is None:
        return Sitemap()
    links, children = [], []
    for element in root.iter():
        name = _local_name(element)
        if name == "url":
            link = _sitemap_url(element, base_url)
            if link is not None:
                links.append(link)
        elif name == "sitemap":
            location = _child_text(element, "loc")
            child = web_url(base_url, location) if location else None
            if child is not None:
                children.append(child)
    return Sitemap(newest_first(_unique(links)), list(dict.fromkeys(children)))


def gunzip_bounded(data: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """`data` decompressed when it is gzip (a gzip bomb stops at `limit`), else unchanged."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise HostileDocumentError(f"broken gzip: {exc}") from exc
    if len(out) > limit:
        raise HostileDocumentError(f"decompresses past {limit} bytes")
    return out


def _parse_xml(data: bytes) -> Any:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None


def _local_name(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(element: Any, name: str) -> str | None:
    for child in element.iter():
        if child is not element and _local_name(child) == name and child.text and child.text.strip():
            return str(child.text.strip())
    return None


def _sitemap_url(element: Any, base_url: str) -> DiscoveredLink | None:
    location = _child_text(element, "loc")
    if not location:
        return None
    url = web_url(base_url, location)
    if url is None:
        return None
    # Google News sitemaps carry the publication date and title; plain ones only lastmod.
    published = parse_w3c_date(_child_text(element, "publication_date") or _child_text(element, "lastmod"))
    return DiscoveredLink(url, published, _child_text(element, "title"), "sitemap")


def parse_w3c_date(text: str | None) -> datetime | None:
    """An ISO 8601 / W3C date ("2024-05-03", "2024-05-03T18:19:08Z", "...+02:00") as aware UTC, or
    None; a bare date is midnight UTC. The one date parser of the crawler."""
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (ValueError, OverflowError):  # "9999-12-31T23:59:59-14:00" is past the last UTC datetime
        return None


# --- HTML pages and robots.txt --------------------------------------------------------------------


def _html_tree(document: str, base_url: str) -> Any:
    try:
        # Control characters have no place in a link, and lxml refuses to write them back into one.
        tree = html.document_fromstring(_CONTROL_CHARACTERS.sub("", document))
    except (etree.ParserError, ValueError):
        return None
    tree.make_links_absolute(base_url, resolve_base_href=True, handle_failures="discard")
    return tree


def feed_links(document: str, base_url: str) -> list[str]:
    """Feeds a homepage announces with `<link rel="alternate" type="application/rss+xml" href>`."""
    tree = _html_tree(document, base_url)
    if tree is None:
        return []
    found = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().strip()
        href = link.get("href")
        if "alternate" in rel and kind in _FEED_TYPES and href and is_http_url(href):
            found.append(href)
    return list(dict.fromkeys(found))


def section_links(document: str, base_url: str) -> list[DiscoveredLink]:
    """Article links on a section page (or homepage), outside navigation, on the outlet's own site."""
    tree = _html_tree(document, base_url)
    if tree is None:
        return []
    links = []
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        if href and _looks_like_article(href, base_url) and not _in_navigation(anchor):
            text = " ".join(anchor.text_content().split()) or None
            links.append(DiscoveredLink(href.split("#", 1)[0], None, text, "section"))
    return list(_unique(links))


def _looks_like_article(url: str, base_url: str) -> bool:
    if not is_http_url(url) or not same_site(url, base_url):
        return False
    path = urlsplit(url).path
    if _NOT_ARTICLE_PATH.search(path) or path.rstrip("/") == urlsplit(base_url).path.rstrip("/"):
        return False
    segments = [segment for segment in path.split("/") if segment]
    slug = segments[-1] if segments else ""
    # Stories carry a date, a long id, or a slug of several words; sections and the homepage do not.
    wordy_slug = slug.count("-") + slug.count("_") >= 2
    opaque_story = bool(_OPAQUE_ID.match(slug)) and bool(_STORY_FOLDER.search(path))
    return bool(_DATE_IN_PATH.search(path) or _LONG_NUMBER.search(path) or wordy_slug or opaque_story)


def _in_navigation(element: Any) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in _NAVIGATION_TAGS or (ancestor.get("role") or "").lower() == "navigation":
            return True
        marks = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if _NAVIGATION.search(marks.replace("-", " ").replace("_", " ")):
            return True
    return False


def robots_sitemaps(robots_txt: str, robots_url: str) -> list[str]:
    """Sitemaps named by `Sitemap:` lines of a robots.txt, absolute."""
    parser = Protego.parse(robots_txt)
    found = (web_url(robots_url, location.strip()) for location in parser.sitemaps)
    return list(dict.fromkeys(url for url in found if url is not None))
