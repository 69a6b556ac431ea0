"""The bundled demo newsroom: five fictional outlets covering the same story, served on loopback.

`newsprism demo` crawls it to show the whole product working without a network; the tests crawl it as
a realistic site. `load_newsroom` reads the bundled content, `serve_newsroom` serves it.
"""

from __future__ import annotations

from newsprism.demo.content import DemoArticle, DemoOutlet, Newsroom, load_newsroom
from newsprism.demo.server import DemoNewsroom, OutletSite, serve_newsroom

__all__ = [
    "DemoArticle",
    "DemoNewsroom",
    "DemoOutlet",
    "Newsroom",
    "OutletSite",
    "load_newsroom",
    "serve_newsroom",
]
