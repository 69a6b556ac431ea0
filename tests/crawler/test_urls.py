"""URL identity: tracking parameters go, parameters that name the article stay."""

from __future__ import annotations

import pytest

from newsprism.crawler.urls import article_query, clean_url, host_key, is_http_url, is_ip_address, same_site

BASE = "https://news.example/view"


@pytest.mark.parametrize(
    "parameter",
    [
        "articleId",
        "sid",
        "docid",
        "newsid",
        "nid",
        "story_id",
        "storyId",
        "article",
        "n",
        "cid",
        "id",
        "p",
        "aid",
        "itemid",
        "no",
        "idxno",
        "seq",
    ],
)
def test_parameters_that_name_the_article_are_kept(parameter: str) -> None:
    one, two = clean_url(f"{BASE}?{parameter}=1"), clean_url(f"{BASE}?{parameter}=2")
    assert one == f"{BASE}?{parameter}=1" and one != two


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"{BASE}?articleId=7&utm_source=rss&utm_medium=feed", f"{BASE}?articleId=7"),
        (f"{BASE}?fbclid=abc&gclid=d&msclkid=e&nid=3", f"{BASE}?nid=3"),
        (f"{BASE}?mc_cid=1&mc_eid=2&sid=9", f"{BASE}?sid=9"),
        (f"{BASE}?at_medium=social&at_campaign=x&ocid=y&cmpid=z&xtor=RSS-1", BASE),
        (f"{BASE}?_ga=1.2&_gl=3&igshid=4&ref_src=twsrc&n=5", f"{BASE}?n=5"),
        ("https://News.example/a?utm_source=rss&id=3#top", "https://news.example/a?id=3"),
        ("https://news.example/index.php?/archives/123", "https://news.example/index.php?/archives/123"),
        (f"{BASE}?storyId=2&article=1", f"{BASE}?article=1&storyId=2"),
    ],
    ids=[
        "utm",
        "click-ids",
        "mailchimp",
        "campaigns",
        "analytics",
        "host-and-fragment",
        "bare-query",
        "sorted",
    ],
)
def test_only_tracking_parameters_are_dropped(url: str, expected: str) -> None:
    assert clean_url(url) == expected
    assert clean_url(expected) == expected


@pytest.mark.parametrize(
    ("url", "other", "same"),
    [
        pytest.param("https://news.example/a", "https://www.news.example/b", True, id="www"),
        pytest.param("https://m.news.example/a", "https://news.example/b", True, id="subdomain"),
        pytest.param("https://news.example/a", "https://edition.news.example/b", True, id="subdomain-second"),
        pytest.param("https://badnews.example/a", "https://news.example/b", False, id="suffix-of-the-name"),
        pytest.param("https://news.example/a", "https://fakenews.example/b", False, id="suffix-second"),
        pytest.param("https://news.example/a", "https://news.example.org/b", False, id="longer-tld"),
        pytest.param("not a url", "also not one", False, id="no-host"),
    ],
)
def test_subdomains_are_one_site_and_names_that_merely_end_alike_are_not(
    url: str, other: str, same: bool
) -> None:
    # A section page's link to `badnews.example` is another site's, however the names end.
    assert same_site(url, other) is same


@pytest.mark.parametrize(
    ("url", "spelt_out"),
    [
        ("https://news.example/a", "https://news.example:443/b"),
        ("http://news.example/a", "http://news.example:80/b"),
        ("https://NEWS.example/a", "https://news.example:443/"),
    ],
)
def test_a_default_port_written_or_not_is_one_host_for_politeness(url: str, spelt_out: str) -> None:
    # One server, one delay and one concurrency limit, however the outlet's links spell its port.
    assert host_key(url) == host_key(spelt_out)


def test_the_schemes_default_ports_are_two_hosts_for_politeness() -> None:
    assert host_key("http://news.example/a") != host_key("https://news.example/a")
    assert host_key("https://news.example:8443/a") != host_key("https://news.example/a")


@pytest.mark.parametrize(
    ("url", "web"),
    [
        pytest.param("https://news.example/a", True, id="https"),
        pytest.param("http://news.example:8080/a", True, id="port"),
        pytest.param("http://news.example:1/a", True, id="port-one"),
        pytest.param("http://news.example:0/a", False, id="port-zero"),
        pytest.param("http://news.example:99999/a", False, id="port-out-of-range"),
        pytest.param("ftp://news.example/a", False, id="ftp"),
        pytest.param("https:///a", False, id="no-host"),
    ],
)
def test_a_web_url_has_a_host_and_a_port_a_connection_can_use(url: str, web: bool) -> None:
    # Port 0 cannot be connected to: a link naming it is skipped, not fetched and failed mid-crawl.
    assert is_http_url(url) is web


def test_query_pieces_are_sorted_by_name_alone() -> None:
    # By name, not by value: `b=1&a=2` is `a=2&b=1`; a repeated name keeps its values' order, which
    # may be what tells two pages apart (`tag=b&tag=a`).
    assert article_query("b=1&a=2") == "a=2&b=1"
    assert article_query("tag=b&tag=a&s=1") == "s=1&tag=b&tag=a"


@pytest.mark.parametrize(
    ("host", "literal"),
    [("127.0.0.1", True), ("::1", True), ("10.0.0.7", True), ("news.example", False), ("1.2.3", False)],
)
def test_an_address_literal_is_told_from_a_name_to_resolve(host: str, literal: bool) -> None:
    assert is_ip_address(host) is literal


@pytest.mark.parametrize(
    ("url", "cleaned"),
    [
        pytest.param("https://news.example?id=3", "https://news.example/?id=3", id="query-gets-a-path"),
        pytest.param("https://news.example", "https://news.example", id="bare-host-stays-bare"),
        pytest.param("http://[::1/a", "http://[::1/a", id="unparsable-unchanged"),
    ],
)
def test_a_query_needs_a_path_and_an_unparsable_url_is_left_as_it_is(url: str, cleaned: str) -> None:
    # `host?id=3` and `host/?id=3` are one page; a URL urlsplit refuses is kept for the caller to refuse.
    assert clean_url(url) == cleaned


def test_each_host_is_its_own_politeness_key() -> None:
    keys = {host_key(url) for url in ("https://a.example/1", "https://b.example/1", "https://A.example/2")}
    assert keys == {"a.example:443", "b.example:443"}
