"""What makes two URLs the same article: courlan's normalisation (fragments, case, ports, dot
segments) and our list of tracking parameters.

One place decides URL identity so the feed copy (`?utm_source=rss`), the sitemap copy and a redirect
alias of a story all key the same article. The query is cleaned here rather than by courlan: its strict
mode keeps only a few known parameters and its loose mode drops anything that looks like a tracker
(`cid`, `gl...`), and either way `view?articleId=1` and `view?articleId=2` became one article. Many
regional and state outlets carry the story id in the query string, so only parameters known to track
readers are dropped and every other one is kept.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

import courlan


def is_http_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host and a valid port (if any)."""
    try:
        parts = urlsplit(url)
        # Reading the port validates it: "host:99999" would otherwise raise later, mid-crawl.
        return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:
        return False


# Parameters that say how a reader arrived, never which story: analytics, ad clicks, newsletters,
# share buttons. Matched on the lower-cased name.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "ocid",
        "cmpid",
        "cmp",
        "xtor",
        "ref_src",
        "ref_url",
        "smid",
        "smtyp",
        "fb_action_ids",
        "fb_action_types",
        "fb_source",
        "__twitter_impression",
        "dicbo",
        "ito",
        "ns_source",
        "ns_mchannel",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
        "spm",
        "vero_id",
        "oly_anon_id",
        "oly_enc_id",
        "wt_mc",
        "at_custom1",
        "at_custom2",
    }
)
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "itm_", "hsa_", "__hs")


def clean_url(url: str) -> str:
    """`url` without tracking parameters and fragment, host lower-cased; unchanged if courlan balks.

    Every other query parameter is kept, sorted by name, so parameter order does not split a story.

    >>> clean_url("https://News.example/a/b?utm_source=rss&articleId=3#top")
    'https://news.example/a/b?articleId=3'
    """
    try:
        parts = urlsplit(url)
        # Without a query courlan only normalises; what the query keeps is decided below.
        cleaned = urlsplit(courlan.normalize_url(parts._replace(query="").geturl(), strict=True))
    except (ValueError, AttributeError):
        return url
    query = article_query(parts.query)
    path = cleaned.path or ("/" if query else "")
    rebuilt = urlunsplit((cleaned.scheme, cleaned.netloc, path, query, ""))
    return rebuilt if is_http_url(rebuilt) else url


def article_query(query: str) -> str:
    """`query` without tracking parameters or empty pieces, its pieces sorted by name, each as written.

    >>> article_query("utm_source=rss&sid=9&articleId=3")
    'articleId=3&sid=9'
    """
    pieces = [piece for piece in query.split("&") if piece and not is_tracking(piece.split("=", 1)[0])]
    # Sorted by name only (a stable sort), so repeated names keep their order: `tag=b&tag=a` stays.
    return "&".join(sorted(pieces, key=lambda piece: piece.split("=", 1)[0]))


def is_tracking(name: str) -> bool:
    """True for a query parameter that tracks the reader (`utm_source`, `fbclid`), not the story."""
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)


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
