"""From an article page to its text and metadata: trafilatura, URLs made canonical.

Extraction is CPU-bound and the crawl is I/O-bound, so pages are extracted in worker processes (one
per core, `newsprism.crawler.workers`) while the event loop keeps fetching; only they load this
module. The canonical URL comes from `rel=canonical` or `og:url` (only when it stays on the page's
own site, so a page cannot claim another outlet's story) and is cleaned by courlan, so the feed
copy, the sitemap copy and a redirect alias are one article.
"""

from __future__ import annotations

import copy
import functools
import logging
import re
from collections.abc import Callable
from html import unescape
from typing import Any
from urllib.parse import urljoin

import trafilatura
import trafilatura.core
import trafilatura.utils
from isal import isal_zlib
from lxml import etree, html
from trafilatura.metadata import (
    Document,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_title,
    extract_url,
)
from trafilatura.utils import line_processing

from newsprism.crawler.encoding import decode_html
from newsprism.crawler.metadata import article_metadata, bylines, headline, htmldate_date, publication_time
from newsprism.crawler.urls import clean_url, is_http_url, same_site
from newsprism.crawler.workers import ExtractedFetch, ExtractedPage, PagePreparation
from newsprism.crawler.xpath_regex import faster_trafilatura_xpaths
from newsprism.storage.text import plain_text

log = logging.getLogger(__name__)
# Less than this is a menu, a teaser or an error page that trafilatura found "text" in, not a story.
MIN_ARTICLE_CHARS = 80
# Below this share of the page's paragraph text, trafilatura's fast mode missed the article.
FAST_COVERAGE = 0.2
# lxml.html gives every element it hands to Python its class by calling a Python function (752,000
# calls for the 258 fundus pages, a tenth of extraction). This lookup, done in C, gives the same
# classes except the form-field ones (form, input, select, textarea, label), whose extra methods
# neither trafilatura, htmldate, jusText nor we call: the extracted pages are identical.
_ELEMENT_CLASSES = etree.ElementDefaultClassLookup(
    element=html.HtmlElement,
    comment=html.HtmlComment,
    pi=html.HtmlProcessingInstruction,
    entity=html.HtmlEntity,
)
trafilatura.utils.HTML_PARSER.set_element_class_lookup(_ELEMENT_CLASSES)


class ForbiddenCharacters:
    """trafilatura's pattern of the characters XML forbids, run only on a page that holds one.

    trafilatura removes them from every page before parsing it, and Python's re tests its character
    class one character at a time: 1.8 ms for a 330,000-character page, where looking for each of
    the 29 characters with `in` takes 0.6 ms (one fundus page of 258 holds any). A page without them
    is handed back as it came, which is what removing none of them gives.
    """

    PATTERN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
    CHARACTERS = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]))

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def sub(self, replacement: str, text: str, count: int = 0) -> str:
        if not any(character in text for character in self.CHARACTERS):
            return text
        return self.pattern.sub(replacement, text, count)

    def __getattr__(self, name: str) -> Any:  # the pattern's other methods, as they were
        return getattr(self.pattern, name)


def _forbidden_characters_looked_for_first() -> None:
    # Only where trafilatura's pattern is the one whose characters are listed above.
    found = trafilatura.utils.INVALID_XML_CHARS
    if isinstance(found, re.Pattern) and found.pattern == ForbiddenCharacters.PATTERN:
        # A stand-in with the one method trafilatura calls (sub), and the pattern's others through it.
        trafilatura.utils.INVALID_XML_CHARS = ForbiddenCharacters(found)  # type: ignore[assignment]


_forbidden_characters_looked_for_first()


class HandedOver:
    """trafilatura's `bare_extraction` on a tree it may keep and change, without its copy of it.

    `bare_extraction` copies a tree it is given before changing it, as its caller may read it after:
    1-1.5 ms a page, 4 % of a worker. A page's tree is read before extraction and never after, so
    it is handed over: trafilatura's first copy of that tree (the one `bare_extraction` makes at its
    start) gives the tree itself. Installed only where trafilatura's module copies with `copy.copy`;
    elsewhere, and for every other copy, trafilatura copies as it does.
    """

    def __init__(self) -> None:
        self._tree: Any = None
        self.installed = False

    def install(self) -> None:
        # `copy`: the name trafilatura's module imported copy.copy as, which it copies trees with.
        if getattr(trafilatura.core, "copy", None) is copy.copy:
            setattr(trafilatura.core, "copy", self.copy)  # noqa: B010  # not exported: mypy refuses the attribute
            self.installed = True

    def copy(self, thing: Any) -> Any:
        if thing is self._tree and thing is not None:
            self._tree = None
            return thing
        return copy.copy(thing)

    def bare_extraction(self, tree: Any, **options: Any) -> Any:
        """`trafilatura.bare_extraction(tree, **options)`, `tree` changed by it when it is a whole
        document (a lone block of a larger one, trafilatura copies as its own document)."""
        self._tree = tree if tree.getparent() is None else None
        try:
            return trafilatura.bare_extraction(tree, **options)
        finally:
            self._tree = None


HANDED_OVER = HandedOver()
HANDED_OVER.install()
# trafilatura's boilerplate and container paths, their regex tests bound in Python: the same
# elements for 8 % fewer of a worker's instructions per page (`newsprism.crawler.xpath_regex`).
faster_trafilatura_xpaths()


def extract_page(page_html: str, url: str) -> ExtractedPage | None:
    """Text and metadata of an article page at `url`; None when it holds no article text.

    Pure and picklable, so it runs in a worker process; never raises on a bad page.
    """
    tree = page_tree(page_html)
    if tree is None:
        return None
    # lxml.html hands back a lone block for what it does not take for a whole document (a page that
    # opens with stray text); trafilatura extracts from that, our metadata reads the whole document.
    document_root = tree.getroottree().getroot()
    canonical = canonical_url(document_root, url)
    # Read before trafilatura extracts: it is handed the tree to change (see `HandedOver`).
    declared = article_metadata(document_root)
    guesses = TrafilaturaGuesses(document_root, url)
    title = headline(document_root, url, declared, guesses.title)
    authors = bylines(document_root, url, declared, guesses.author)
    published = publication_time(document_root, url, declared.published, guesses.date)
    paragraphs = _paragraph_chars(document_root)
    language = _language(document_root)
    try:
        document: Any = article_body(tree, url, paragraphs, page_html)
    except Exception:  # trafilatura fails on odd pages in many ways; one page must not stop a crawl
        log.debug("extraction failed for %s", url, exc_info=True)
        return None
    if document is None or len((document.text or "").strip()) < MIN_ARTICLE_CHARS:
        return None
    return ExtractedPage(
        text=plain_text(document.text),
        title=title,
        authors=authors,
        published=published,
        language=language,
        canonical_url=canonical,
    )


def page_tree(page_html: str) -> Any:
    """The page parsed once, as trafilatura parses it (its parser, its repairs of broken markup), for
    its extraction and our metadata alike; None when it is no HTML document.

    Our own parse beside trafilatura's cost 7 % of extraction. trafilatura takes a tree it is given as
    its own parse of the string (it works on a copy), so its text is what the string gives: with a
    parse of our own it scored lower on AEB (0.957 against 0.960 F1).
    """
    try:
        return trafilatura.utils.load_html(page_html)
    except (etree.ParserError, ValueError):
        return None


def article_body(tree: Any, url: str, paragraph_chars: int, page_html: str) -> Any:
    """trafilatura's extraction of the page: its fast mode, or its whole cascade where that missed.
    The tree is handed over: trafilatura changes it (`HandedOver`); the cascade parses `page_html`
    again, as the fast mode left the tree changed.

    The whole cascade second-guesses trafilatura's own extractor with readability and jusText on
    every page; they change the text of few pages (11 of the 258 fundus pages) but cost a quarter
    of the extraction. Where the fast text covers less than `FAST_COVERAGE` of the page's paragraph
    text (`paragraph_chars`), the main extractor missed the article and the cascade runs (3 fundus
    pages lost 84-96 % of their text without it). Body F1: AEB 0.962 (0.960 with the cascade on every
    page), fundus 0.947 (0.949).
    """
    fast: Any = HANDED_OVER.bare_extraction(tree, url=url, include_comments=False, fast=True)
    if fast is not None and len(fast.text or "") >= FAST_COVERAGE * paragraph_chars:
        return fast
    return HANDED_OVER.bare_extraction(page_tree(page_html), url=url, include_comments=False)


def _paragraph_chars(tree: Any) -> int:
    return sum(len(" ".join(paragraph.text_content().split())) for paragraph in tree.iter("p"))


class TrafilaturaGuesses:
    """trafilatura's guess at a page's title, author or date, worked out on the question only.

    Most pages state their headline, authors and time in JSON-LD and never ask. A page that asks for
    one field gets the steps of `trafilatura.metadata.extract_metadata` that decide that field and
    not the rest (site name, categories, tags, licence; the date search for an author): the same
    answers on the 439 fundus and AEB pages, at 40 % of the cost of the whole metadata.
    """

    def __init__(self, tree: Any, url: str) -> None:
        self._tree, self._url = tree, url

    def title(self) -> str | None:
        declared = self._declared
        return self._guess(lambda: declared.title or extract_title(self._tree))

    def author(self) -> str | None:
        declared = self._declared
        return self._guess(lambda: declared.author or extract_author(self._tree))

    def date(self) -> str | None:
        declared = self._declared
        return self._guess(
            lambda: htmldate_date(self._tree, declared.url or extract_url(self._tree, self._url))
        )

    @functools.cached_property
    def _declared(self) -> Any:
        """What the page's meta tags and JSON-LD declare, as trafilatura reads them (once)."""
        try:
            found = examine_meta(self._tree)
        except Exception:  # as in extraction: an odd page gives no guess, not a failed crawl
            log.debug("meta tags failed for %s", self._url, exc_info=True)
            return Document()
        if found.author and " " not in found.author:
            found.author = None  # as trafilatura: a one-word meta author is a handle, not a name
        try:
            return extract_meta_json(self._tree, found)
        except Exception:  # as trafilatura: a broken JSON-LD block adds nothing
            log.debug("JSON-LD metadata failed for %s", self._url, exc_info=True)
            return found

    def _guess(self, work: Callable[[], Any]) -> str | None:
        try:
            value = work()
        except Exception:  # as in extraction: an odd page gives no guess, not a failed crawl
            log.debug("metadata extraction failed for %s", self._url, exc_info=True)
            return None
        if not isinstance(value, str):
            return None
        # trafilatura's last step (Document.clean_and_trim) on the one field.
        value = value[:9999] + "…" if len(value) > 10000 else value
        return line_processing(unescape(value))


def _language(tree: Any) -> str | None:
    declared = tree.get("lang") or tree.get("xml:lang") or ""
    primary = declared.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def canonical_url(tree: Any, url: str) -> str:
    """The page's own canonical URL (`rel=canonical`, then `og:url`) cleaned, else `url` cleaned."""
    candidates = tree.xpath(
        "//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href"
        " | //meta[@property='og:url']/@content"
    )
    for candidate in candidates:
        absolute = _absolute(str(candidate).strip(), url)
        if absolute and same_site(absolute, url):
            return clean_url(absolute)
    return clean_url(url)


def _absolute(candidate: str, base: str) -> str | None:
    try:
        absolute = urljoin(base, candidate)
    except ValueError:  # "http://[oops": a canonical link no URL parser takes is no canonical URL
        return None
    return absolute if is_http_url(absolute) else None


def extract_fetched(
    body: bytes, content_type: str, url: str, prepare: PagePreparation | None = None
) -> ExtractedFetch | None:
    """Decode a fetched body with its true charset, extract it, compress the page for storage and
    run `prepare` on the extracted page.

    Decoding (charset detection) and compressing a 300 KB page cost the crawl's single process as
    much as storing and analyzing its article, so a worker does them beside the extraction; the
    shell's analysis (`prepare`) too, as the one crawling process fetches and stores for all workers.
    """
    page_html = decode_html(body, content_type)
    extracted = extract_page(page_html, url)
    if extracted is None:
        return None
    # zlib's format, so any zlib reads the kept page back, made by ISA-L: the 84 MB of the fundus
    # pages take 0.16 s to 18.7 MB at its level 1, against 0.93 s to 19.0 MB with zlib's (and 2 s at
    # zlib's default 6), a tenth of a worker's time.
    compressed = isal_zlib.compress(page_html.encode("utf-8"), 1)
    return ExtractedFetch(extracted, compressed, prepare(extracted) if prepare is not None else None)
