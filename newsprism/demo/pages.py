"""What the demo newsroom serves, rendered once as text: homepages, article pages, feeds, sitemaps.

The pages look like a real outlet's (header, navigation, footer, metadata in the `<head>`) so that the
crawler and trafilatura meet the demo as they would meet the web. Rendering is pure: newsroom and base
URL in, a path-to-resource map out; the server only looks paths up. Everything put into markup is
escaped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape

from newsprism.demo.content import DemoArticle, DemoOutlet, Newsroom

HTML = "text/html; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
# The oldest moment a resource can claim as its Last-Modified when it lists no article.
_EPOCH = datetime(2023, 1, 1, tzinfo=UTC)

_STYLE = (
    "body{font-family:Georgia,serif;margin:0;color:#222}"
    ".site-header,.site-footer{background:#1d2b3a;color:#fff;padding:1em 2em}"
    ".site-header a,.site-footer a{color:#fff}nav ul{list-style:none;padding:0;display:flex;gap:1.5em}"
    "main{max-width:44em;margin:2em auto;padding:0 1em}.byline{color:#666;font-size:.9em}"
)


@dataclass(frozen=True, slots=True)
class Resource:
    """One thing the newsroom serves, with what conditional GET needs (ETag, Last-Modified)."""

    body: bytes
    content_type: str
    last_modified: datetime
    etag: str = field(init=False)

    def __post_init__(self) -> None:
        digest = hashlib.sha256(self.body).hexdigest()[:20]
        object.__setattr__(self, "etag", f'"{digest}"')


def outlet_path(outlet: DemoOutlet) -> str:
    """The path prefix under which one outlet lives, e.g. `/meridian-wire/`."""
    return f"/{outlet.slug}/"


def article_path(article: DemoArticle) -> str:
    """The path of an article page, e.g. `/meridian-wire/news/kim-jong-un-heads-home.html`."""
    return f"/{article.outlet}/news/{article.slug}.html"


def render_site(newsroom: Newsroom, base_url: str) -> dict[str, Resource]:
    """Every resource of the newsroom by path, with absolute links built on `base_url` (no slash)."""
    site = {
        "/": _resource(render_portal(newsroom), HTML, newsroom.articles),
        "/robots.txt": _resource(render_robots(base_url), TEXT, ()),
        "/sitemap.xml": _resource(render_sitemap_index(newsroom, base_url), XML, newsroom.articles),
    }
    for outlet in newsroom.outlets:
        site.update(_outlet_resources(newsroom, outlet, base_url))
    return site


def _outlet_resources(newsroom: Newsroom, outlet: DemoOutlet, base_url: str) -> dict[str, Resource]:
    articles = newsroom.articles_of(outlet.slug)
    prefix = outlet_path(outlet)
    resources = {
        prefix: _resource(render_homepage(outlet, articles, base_url), HTML, articles),
        f"{prefix}rss.xml": _resource(render_rss(outlet, articles, base_url), RSS, articles),
        f"{prefix}sitemap.xml": _resource(render_outlet_sitemap(outlet, articles, base_url), XML, articles),
    }
    for article in articles:
        page = render_article_page(outlet, article, articles, base_url)
        resources[article_path(article)] = _resource(page, HTML, (article,))
    return resources


def _resource(text: str, content_type: str, articles: Iterable[DemoArticle]) -> Resource:
    return Resource(text.encode("utf-8"), content_type, _newest(articles))


def render_robots(base_url: str) -> str:
    """robots.txt: everything may be crawled except the staff area under `/private/`."""
    return f"User-agent: *\nDisallow: /private/\nAllow: /\n\nSitemap: {base_url}/sitemap.xml\n"


def render_portal(newsroom: Newsroom) -> str:
    """The root page: a list of the outlets, for a person who opens the base URL."""
    items = "".join(
        f'<li><a href="{escape(outlet_path(outlet))}">{escape(outlet.name)}</a> ({escape(outlet.kind)}, '
        f"{escape(outlet.country)})</li>"
        for outlet in newsroom.outlets
    )
    body = f"<main><h1>The newsprism demo newsroom</h1><ul>{items}</ul></main>"
    return _document("The newsprism demo newsroom", "", body)


def render_homepage(outlet: DemoOutlet, articles: tuple[DemoArticle, ...], base_url: str) -> str:
    """An outlet's homepage: its latest stories, and its feed announced in the `<head>`."""
    items = "".join(
        f'<li class="story"><h2><a href="{escape(article_path(article))}">{escape(article.title)}</a></h2>'
        f"<p>{escape(article.summary)}</p></li>"
        for article in articles
    )
    head = (
        f'<meta property="og:site_name" content="{escape(outlet.name)}">'
        f'<link rel="canonical" href="{escape(base_url + outlet_path(outlet))}">'
    )
    body = f'<main><h1>Latest from {escape(outlet.name)}</h1><ul id="latest">{items}</ul></main>'
    return _document(outlet.name, head + _feed_link(outlet), _header(outlet) + body + _footer(outlet))


def render_article_page(
    outlet: DemoOutlet, article: DemoArticle, others: tuple[DemoArticle, ...], base_url: str
) -> str:
    """A full article page: metadata for extractors in the `<head>`, the story in `<article>`."""
    url = base_url + article_path(article)
    published = article.published.isoformat()
    head = (
        f'<meta name="author" content="{escape(article.author)}">'
        f'<meta name="description" content="{escape(article.summary)}">'
        f'<meta property="og:type" content="article">'
        f'<meta property="og:title" content="{escape(article.title)}">'
        f'<meta property="og:site_name" content="{escape(outlet.name)}">'
        f'<meta property="og:url" content="{escape(url)}">'
        f'<meta property="article:published_time" content="{escape(published)}">'
        f'<link rel="canonical" href="{escape(url)}">'
    )
    paragraphs = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in article.paragraphs)
    story = (
        f"<article><h1>{escape(article.title)}</h1>"
        f'<div class="byline">By <span class="author">{escape(article.author)}</span>, '
        f'<time datetime="{escape(published)}">{escape(_long_date(article.published))}</time></div>'
        f'<div class="article-body">{paragraphs}</div></article>'
    )
    main = f"<main>{story}{_more_from(outlet, article, others)}</main>"
    title = f"{article.title} | {outlet.name}"
    return _document(title, head + _feed_link(outlet), _header(outlet) + main + _footer(outlet))


def _more_from(outlet: DemoOutlet, article: DemoArticle, others: tuple[DemoArticle, ...]) -> str:
    links = "".join(
        f'<li><a href="{escape(article_path(other))}">{escape(other.title)}</a></li>'
        for other in others
        if other != article
    )
    return f'<aside class="more"><h2>More from {escape(outlet.name)}</h2><ul>{links}</ul></aside>'


def _long_date(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}, {moment:%H:%M} UTC"


def _feed_link(outlet: DemoOutlet) -> str:
    href = f"{outlet_path(outlet)}rss.xml"
    return f'<link rel="alternate" type="application/rss+xml" title="{escape(outlet.name)}" href="{href}">'


def _header(outlet: DemoOutlet) -> str:
    home = escape(outlet_path(outlet))
    return (
        f'<header class="site-header"><a class="brand" href="{home}">{escape(outlet.name)}</a>'
        f'<nav><ul><li><a href="{home}">Home</a></li><li><a href="{home}#latest">Latest</a></li>'
        f'<li><a href="{home}rss.xml">RSS</a></li></ul></nav></header>'
    )


def _footer(outlet: DemoOutlet) -> str:
    return (
        f'<footer class="site-footer"><p>&copy; 2023 {escape(outlet.name)}. A fictional outlet of the '
        f'newsprism demo newsroom.</p><p><a href="{escape(outlet_path(outlet))}rss.xml">RSS feed</a></p>'
        "</footer>"
    )


def _document(title: str, head: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>{head}<style>{_STYLE}</style></head>\n"
        f"<body>{body}</body></html>\n"
    )


def render_rss(outlet: DemoOutlet, articles: tuple[DemoArticle, ...], base_url: str) -> str:
    """An RSS 2.0 feed of the outlet's articles, newest first, each with title, link, date and guid."""
    home = base_url + outlet_path(outlet)
    items = "".join(_rss_item(article, base_url) for article in articles)
    newest = _newest(articles)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{escape(outlet.name)}</title><link>{escape(home)}</link>"
        f"<description>Latest stories from {escape(outlet.name)}</description>"
        f"<language>{escape(outlet.language)}</language>"
        f"<lastBuildDate>{format_datetime(newest, usegmt=True)}</lastBuildDate>"
        f"{items}</channel></rss>\n"
    )


def _rss_item(article: DemoArticle, base_url: str) -> str:
    url = escape(base_url + article_path(article))
    return (
        f"<item><title>{escape(article.title)}</title><link>{url}</link>"
        f'<guid isPermaLink="true">{url}</guid>'
        f"<pubDate>{format_datetime(article.published, usegmt=True)}</pubDate>"
        f"<dc:creator>{escape(article.author)}</dc:creator>"
        f"<description>{escape(article.summary)}</description></item>"
    )


def render_outlet_sitemap(outlet: DemoOutlet, articles: tuple[DemoArticle, ...], base_url: str) -> str:
    """A news sitemap of the outlet's articles (the sitemap protocol plus Google's news extension)."""
    entries = "".join(_sitemap_entry(outlet, article, base_url) for article in articles)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{entries}</urlset>\n"
    )


def _sitemap_entry(outlet: DemoOutlet, article: DemoArticle, base_url: str) -> str:
    published = escape(article.published.isoformat())
    return (
        f"<url><loc>{escape(base_url + article_path(article))}</loc><lastmod>{published}</lastmod>"
        f"<news:news><news:publication><news:name>{escape(outlet.name)}</news:name>"
        f"<news:language>{escape(outlet.language)}</news:language></news:publication>"
        f"<news:publication_date>{published}</news:publication_date>"
        f"<news:title>{escape(article.title)}</news:title></news:news></url>"
    )


def render_sitemap_index(newsroom: Newsroom, base_url: str) -> str:
    """The root sitemap index, pointing at every outlet's own sitemap."""
    entries = "".join(
        f"<sitemap><loc>{escape(base_url + outlet_path(outlet))}sitemap.xml</loc>"
        f"<lastmod>{_newest(newsroom.articles_of(outlet.slug)).isoformat()}</lastmod></sitemap>"
        for outlet in newsroom.outlets
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>\n'
    )


def _newest(articles: Iterable[DemoArticle]) -> datetime:
    return max((article.published for article in articles), default=_EPOCH)
