"""Article pages for crawler tests: plausible news HTML that trafilatura extracts fully."""

from __future__ import annotations

from html import escape

PARAGRAPHS = [
    "The harbour authority said on Tuesday that five cargo ships had been held outside the port for"
    " three days while inspectors examined their papers and the weather kept the pilots ashore.",
    "Officials from the ministry of transport told reporters that the delays would end by the weekend,"
    " although shipping companies warned that the backlog could take much longer to clear entirely.",
    "Dock workers described long shifts and uncertainty, and several union leaders called for more staff"
    " to be hired before the winter season brings the usual storms and the usual closures of the quays.",
    "The port handles about a third of the country's imports, and economists expect the disruption to"
    " show up in the prices of fuel and grain within weeks if the ships are not unloaded soon enough.",
]


def article_html(
    title: str,
    paragraphs: list[str] | None = None,
    *,
    author: str | None = "Jane Reporter",
    published: str | None = "2024-05-03T10:00:00+00:00",
    canonical: str | None = None,
    charset: str = "utf-8",
    lang: str = "en",
    extra_head: str = "",
) -> str:
    """A plausible news article page that trafilatura extracts text, title, author and date from."""
    head = [f'<meta charset="{charset}">', f"<title>{escape(title)}</title>", extra_head]
    if author:
        head.append(f'<meta name="author" content="{escape(author)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{escape(canonical)}">')
    body = "".join(f"<p>{escape(p)}</p>" for p in (paragraphs or PARAGRAPHS))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{"".join(head)}</head><body>'
        '<nav><a href="/">Home</a> <a href="/world/">World</a></nav>'
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        '<footer><a href="/about">About us</a></footer></body></html>'
    )
