"""URL identity: tracking parameters go, parameters that name the article stay."""

from __future__ import annotations

import pytest

from newsprism.crawler.urls import clean_url, host_key, same_site

BASE = "https://news.example/view"


@pytest.mark.parametrize(
    "parameter",
    ["articleId", "sid", "docid", "newsid", "nid", "story_id", "storyId", "article", "n", "cid", "id", "p",
     "aid", "itemid", "no", "idxno", "seq"],
)  # fmt: skip
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
    ids=["utm", "click-ids", "mailchimp", "campaigns", "analytics", "host-and-fragment", "bare-query",
         "sorted"],
)  # fmt: skip
def test_only_tracking_parameters_are_dropped(url: str, expected: str) -> None:
    assert clean_url(url) == expected
    assert clean_url(expected) == expected


@pytest.mark.parametrize(
    ("url", "other", "same"),
    [
        ("https://news.example/a", "https://www.news.example/b", True),
        ("https://m.news.example/a", "https://news.example/b", True),
        ("https://news.example/a", "https://edition.news.example/b", True),
        ("https://badnews.example/a", "https://news.example/b", False),
        ("https://news.example/a", "https://fakenews.example/b", False),
        ("https://news.example/a", "https://news.example.org/b", False),
        ("not a url", "also not one", False),
    ],
    ids=["www", "subdomain", "subdomain-second", "suffix-of-the-name", "suffix-second", "longer-tld",
         "no-host"],
)  # fmt: skip
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
