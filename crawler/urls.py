"""What makes two URLs the same article: courlan's cleaning (tracking parameters, fragments, case).

One place decides URL identity so the feed copy (`?utm_source=rss`), the sitemap copy and a redirect
alias of a story all key the same article.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import courlan


def is_http_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host and a valid port (if any)."""
    try:
        parts = urlsplit(url)
        # Reading the port validates it: "host:99999" would otherwise raise later, mid-crawl.
        return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:
        return False


def clean_url(url: str) -> str:
    """`url` without tracking parameters and fragment, host lower-cased; unchanged if courlan balks.

    >>> clean_url("https://News.example/a/b?utm_source=rss&id=3#top")
    'https://news.example/a/b?id=3'
    """
    try:
        cleaned = courlan.normalize_url(url, strict=True)
    except (ValueError, AttributeError):
        return url
    return cleaned if is_http_url(cleaned) else url


def is_ip_address(host: str) -> bool:
    """True when `host` is an IP address literal (`127.0.0.1`, `::1`), not a name to resolve."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def site_of(url: str) -> str:
    """The host without a leading `www.`: what an outlet's pages share."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def same_site(url: str, other: str) -> bool:
    """True when both URLs are on one site (subdomains of the same domain count as one)."""
    one, two = site_of(url), site_of(other)
    return bool(one) and (one == two or one.endswith(f".{two}") or two.endswith(f".{one}"))


def host_key(url: str) -> str:
    """The origin politeness is kept per: host and port, so each server is treated on its own."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"
