"""URL identity: tracking parameters go, parameters that name the article stay."""

from __future__ import annotations

import pytest

from newsprism.crawler.urls import clean_url

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
