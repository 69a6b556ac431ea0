"""trafilatura's XPath expressions with bound regex tests select what the originals select."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from lxml import html
from lxml.etree import XPath
from pages import article_html

import newsprism.crawler.extract  # noqa: F401  (rebuilds trafilatura's expressions on import)
from newsprism.crawler.encoding import decode_html
from newsprism.crawler.extract import page_tree
from newsprism.crawler.xpath_regex import (
    REGEXP_NS,
    bind_regex_tests,
    faster_trafilatura_xpaths,
    faster_xpath,
)


def _original(module: str) -> ModuleType:
    """A fresh copy of a trafilatura module, its expressions as trafilatura wrote them."""
    path = Path(sys.modules[f"trafilatura.{module}"].__file__ or "")
    spec = importlib.util.spec_from_file_location(f"trafilatura._original_{module}", path)
    assert spec is not None and spec.loader is not None
    copy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copy)
    return copy


def _expressions(module: ModuleType) -> dict[str, XPath]:
    found: dict[str, XPath] = {}
    for name, value in vars(module).items():
        if isinstance(value, XPath):
            found[name] = value
        elif isinstance(value, list) and value and all(isinstance(item, XPath) for item in value):
            found.update({f"{name}[{index}]": item for index, item in enumerate(value)})
    return found


def _pairs() -> list[tuple[str, XPath, XPath]]:
    """(name, trafilatura's expression, the one its modules now hold) for each expression that tests
    a regex."""
    pairs = []
    for module in ("xpaths", "settings"):
        now = _expressions(sys.modules[f"trafilatura.{module}"])
        for name, original in _expressions(_original(module)).items():
            if "re:test" in original.path:
                pairs.append((f"{module}.{name}", original, now[name]))
    return pairs


PAIRS = _pairs()

# Pages whose elements carry the attributes the expressions test: present, absent, empty, several,
# in either order, in both cases; the article's container and the furniture around it.
PAGES = [
    article_html("Port strike"),
    '<html><body><div id="main"><article class="article-body entry-content"><p>Text of the story.</p>'
    '<div class="share-buttons social">Share</div><div id="comments" class="comments-area">'
    '<ol class="comment-list"><li>First!</li></ol></div></article>'
    '<aside class="sidebar">Most read</aside><div class="">empty class</div><div id="">empty id</div>'
    '<span class="Byline author-name">By Ann Lee</span><div class="infinite-scroll"><h2>Next</h2></div>'
    '<div class="Cookie-Banner" id="cookie-notice">We use cookies</div><p style="display:none">hidden</p>'
    '<section class="FullText">All of it</section><div id="ad-top" class="ad-slot"> </div>'
    '<ul class="tags"><li><a href="/t">tag</a></li></ul><div class="post-nav navbar">nav</div>'
    "</div></body></html>",
]


def test_trafilatura_expressions_with_regex_tests_are_rebuilt() -> None:
    assert len(PAIRS) >= 15
    assert all(now is not original and "re:test" not in now.path for _, original, now in PAIRS)


@pytest.mark.parametrize("page", PAGES, ids=["article", "furniture"])
@pytest.mark.parametrize(("name", "original", "now"), PAIRS, ids=[name for name, _, _ in PAIRS])
def test_rebuilt_expression_selects_the_same_elements(
    page: str, name: str, original: XPath, now: XPath
) -> None:
    tree = page_tree(page)
    for root in [tree, *tree.iter("div", "article", "body")]:
        assert list(now(root)) == list(original(root)), name


@pytest.mark.shared
@pytest.mark.slow
def test_rebuilt_expressions_select_the_same_elements_on_the_fundus_pages(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "fundus"
    manifest = json.loads((corpus / "MANIFEST.json").read_text(encoding="utf-8"))
    for entry in manifest[::5]:
        tree = page_tree(decode_html(gzip.decompress((corpus / entry["html"]).read_bytes()), "text/html"))
        roots = [tree, *list(tree.iter("div", "article", "main", "section"))[::25]]
        for name, original, now in PAIRS:
            for root in roots:
                assert list(now(root)) == list(original(root)), (entry["html"], name)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (".//div[re:test(@class, 'share|social')]", ".//div[(@class and np:regex0(@class))]"),
        (".//*[re:test(@id|@class, 'nav', 'i')]", ".//*[(@id|@class and np:regex0(@id|@class))]"),
        (".//*[re:test(@class, 'x|')]", ".//*[np:regex0(@class)]"),
        (".//*[re:test(., 'x')]", ".//*[re:test(., 'x')]"),
        (".//*[re:test(@class, $pattern)]", ".//*[re:test(@class, $pattern)]"),
        (".//*[contains(@class, 'x')]", ".//*[contains(@class, 'x')]"),
        (
            ".//*[re:test(@class, 'a(?:b|c)') or re:test(@id, \"d,e\")]",
            ".//*[(@class and np:regex0(@class)) or (@id and np:regex1(@id))]",
        ),
    ],
    ids=["class", "union-flags", "matches-empty-unguarded", "text-kept", "variable-kept", "no-test", "two"],
)
def test_bind_regex_tests(path: str, expected: str) -> None:
    assert bind_regex_tests(path).path == expected


@pytest.mark.parametrize(
    ("test", "markup", "expected"),
    [
        ("re:test(@class, '^a')", '<div class="ab">1</div><div class="ba">2</div><div>3</div>', ["1"]),
        ("re:test(@class, 'A', 'i')", '<div class="xa">1</div><div class="y">2</div>', ["1"]),
        ("re:test(@class, '^$|x')", '<div class="">1</div><div>2</div><div class="y">3</div>', ["1", "2"]),
        ("re:test(@id|@class, '^n')", '<div class="m" id="n">1</div><div id="n" class="m">2</div>', ["2"]),
    ],
    ids=["anchored", "ignore-case", "empty-matches-missing", "first-attribute-in-document-order"],
)
def test_bound_test_answers_as_exslt(test: str, markup: str, expected: list[str]) -> None:
    tree = html.fromstring(f"<html><body>{markup}</body></html>")
    original = XPath(f".//div[{test}]", namespaces={"re": REGEXP_NS})
    assert [e.text for e in faster_xpath(original)(tree)] == [e.text for e in original(tree)] == expected


def test_attribute_results_keep_knowing_their_element() -> None:
    tree = html.fromstring('<html><body><div class="share" id="d1">x</div></body></html>')
    ids = faster_xpath(XPath(".//div[re:test(@class, 'share')]/@id", namespaces={"re": REGEXP_NS}))(tree)
    assert ids == ["d1"] and ids[0].getparent().tag == "div"


def test_rebuilding_again_rebuilds_nothing() -> None:
    assert faster_trafilatura_xpaths() == 0
