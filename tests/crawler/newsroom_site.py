"""A loopback newsroom of a few hundred small article pages, for the crash and concurrency tests."""

from __future__ import annotations

from pathlib import Path

from loopback import LoopbackSite, Reply
from pages import PARAGRAPHS, article_html

PAGES = 300


def story(number: int) -> list[str]:
    """Two short paragraphs, distinct per page, with an attribution and a quantity to find."""
    return [
        f"The mayor of district {number} said on Monday that {number % 9 + 2} bridges had been closed"
        f" after inspectors found cracks in story {number}.",
        PARAGRAPHS[number % len(PARAGRAPHS)],
    ]


def serve_newsroom(site: LoopbackSite, pages: int = PAGES, delay: float = 0.0) -> list[str]:
    """PAGES article pages (each with an ETag, so a resumed crawl skips what is stored, and answered
    after `delay` seconds) and a sitemap."""
    urls = []
    for number in range(pages):
        path = f"/2024/05/{number % 28 + 1:02d}/story-{number}"
        page = article_html(f"Story {number}", story(number))
        site.route(path, Reply(body=page, etag=f'"v{number}"', delay=delay))
        urls.append(site.url(path))
    locs = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    site.route("/sitemap.xml", Reply(body=sitemap, content_type="application/xml"))
    return urls


def outlet_config(tmp_path: Path, site: LoopbackSite) -> Path:
    path = tmp_path / "outlets.toml"
    path.write_text(
        f'[crawler]\nallow_private_networks = true\n\n[[outlet]]\nname = "Loopback Wire"\n'
        f'homepage = "{site.url("/")}"\nsitemaps = ["{site.url("/sitemap.xml")}"]\n'
        'delay = "0s"\nconcurrency = 8\n',
        encoding="utf-8",
    )
    return path
