"""The bundled demo newsroom as data: its fictional outlets and their articles, read from the package.

The newsroom ships inside the package (`newsroom/manifest.json` plus one text file per article) so that
`newsprism demo` runs without a network and from an installed wheel. Only the outlets and the articles'
title, byline, date and text are read here. The manifest's planted divergences and each article's event
are the answer key for tests; they never reach the product.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from newsprism.errors import DemoNewsroomError

NEWSROOM_PACKAGE = "newsprism.demo"
NEWSROOM_FOLDER = "newsroom"
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True, slots=True)
class DemoOutlet:
    """A fictional outlet of the demo newsroom; `kind` is one of INTERFACE.md's outlet kinds."""

    name: str
    slug: str
    kind: str
    country: str
    language: str


@dataclass(frozen=True, slots=True)
class DemoArticle:
    """One article as its outlet publishes it: `outlet` is the outlet's slug, `published` is UTC."""

    outlet: str
    slug: str
    title: str
    published: datetime
    author: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        """The body as plain text, paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    @property
    def summary(self) -> str:
        """The first paragraph, which feeds and homepages show as a teaser."""
        return self.paragraphs[0]


@dataclass(frozen=True, slots=True)
class Newsroom:
    """Every outlet of the demo newsroom and every article they publish."""

    outlets: tuple[DemoOutlet, ...]
    articles: tuple[DemoArticle, ...]

    def outlet(self, slug: str) -> DemoOutlet:
        """The outlet with this slug; `KeyError` naming it if there is none."""
        for outlet in self.outlets:
            if outlet.slug == slug:
                return outlet
        raise KeyError(f"no demo outlet with slug {slug!r}")

    def articles_of(self, slug: str) -> tuple[DemoArticle, ...]:
        """The articles of one outlet, newest first, as its homepage and feed list them."""
        own = (article for article in self.articles if article.outlet == slug)
        return tuple(sorted(own, key=lambda article: article.published, reverse=True))


def load_newsroom() -> Newsroom:
    """Read the bundled newsroom from the installed package. Read-only.

    >>> newsroom = load_newsroom()
    >>> newsroom.outlet("meridian-wire").kind
    'agency'
    """
    folder = files(NEWSROOM_PACKAGE).joinpath(NEWSROOM_FOLDER)
    manifest = _read_manifest(folder.joinpath(MANIFEST_NAME))
    outlets = tuple(_outlet_from(entry) for entry in _entries(manifest, "outlets"))
    articles = tuple(_article_from(entry, folder) for entry in _entries(manifest, "articles"))
    _check_outlets_known(outlets, articles)
    return Newsroom(outlets, articles)


def _read_manifest(path: Traversable) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DemoNewsroomError(f"cannot read the demo manifest {path.name!r}: {error}") from error
    if not isinstance(manifest, dict):
        raise DemoNewsroomError(f"the demo manifest {path.name!r} is not a JSON object")
    return manifest


def _entries(manifest: dict[str, Any], key: str) -> list[dict[str, Any]]:
    entries = manifest.get(key)
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise DemoNewsroomError(f"the demo manifest's {key!r} is not a list of objects")
    return entries


def _field(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value:
        raise DemoNewsroomError(f"demo manifest entry {entry.get('slug')!r} lacks the text field {key!r}")
    return value


def _outlet_from(entry: dict[str, Any]) -> DemoOutlet:
    return DemoOutlet(
        name=_field(entry, "name"),
        slug=_field(entry, "slug"),
        kind=_field(entry, "kind"),
        country=_field(entry, "country"),
        language=_field(entry, "language"),
    )


def _article_from(entry: dict[str, Any], folder: Traversable) -> DemoArticle:
    return DemoArticle(
        outlet=_field(entry, "outlet"),
        slug=_field(entry, "slug"),
        title=_field(entry, "title"),
        published=_utc_datetime(_field(entry, "published")),
        author=_field(entry, "author"),
        paragraphs=_paragraphs(folder, _field(entry, "file")),
    )


def _utc_datetime(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise DemoNewsroomError(f"demo article date {text!r} is not ISO 8601") from error
    if moment.tzinfo is None:
        raise DemoNewsroomError(f"demo article date {text!r} has no time zone")
    return moment.astimezone(UTC)


def _paragraphs(folder: Traversable, relative: str) -> tuple[str, ...]:
    body = folder
    for part in relative.split("/"):
        body = body.joinpath(part)
    try:
        text = body.read_text(encoding="utf-8")
    except OSError as error:
        raise DemoNewsroomError(f"cannot read the demo article {relative!r}: {error}") from error
    paragraphs = tuple(" ".join(block.split()) for block in text.split("\n\n") if block.strip())
    if not paragraphs:
        raise DemoNewsroomError(f"the demo article {relative!r} is empty")
    return paragraphs


def _check_outlets_known(outlets: tuple[DemoOutlet, ...], articles: tuple[DemoArticle, ...]) -> None:
    slugs = {outlet.slug for outlet in outlets}
    for article in articles:
        if article.outlet not in slugs:
            raise DemoNewsroomError(
                f"demo article {article.slug!r} names an unknown outlet {article.outlet!r}"
            )
