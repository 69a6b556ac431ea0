"""The README is the user's reference: the configuration keys it names exist and the defaults it shows
are the real ones (as sqlite-utils tests its documentation). The commands and options of the README
and docs/ are checked in tests/test_docs.py."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest

from newsprism.crawler.config import CrawlerSettings, OutletConfig, parse_config
from newsprism.errors import InputError

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text("utf-8")
MINIMAL_OUTLET = '[[outlet]]\nname = "X"\nhomepage = "https://x.example/"\n'


def readme_configuration() -> str:
    (block,) = [b for b in re.findall(r"```toml\n(.*?)```", README, re.S) if "[crawler]" in b]
    return str(block)


def accepted_crawler_keys() -> set[str]:
    """The [crawler] keys the configuration takes, found by asking it about each setting."""
    accepted = set()
    for setting in dataclasses.fields(CrawlerSettings):
        value = getattr(CrawlerSettings(), setting.name)
        shown = f"{value:g}s" if setting.name == "timeout" else value
        try:
            parse_config(f"[crawler]\n{setting.name} = {_toml(shown)}\n" + MINIMAL_OUTLET)
        except InputError as exc:
            assert "unknown key" in str(exc), exc
            continue
        accepted.add(setting.name)
    return accepted


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return f'"{value}"' if isinstance(value, str) else str(value)


def test_the_readme_configuration_shows_every_key_with_its_real_default() -> None:
    block = readme_configuration()
    config = parse_config(block, "README.md")  # an unknown key would be an error here
    assert config.settings == CrawlerSettings(), "the README's [crawler] values are not the defaults"
    document = tomllib.loads(block)
    assert set(document["crawler"]) == accepted_crawler_keys()
    assert set(document["outlet"][0]) == {f.name for f in dataclasses.fields(OutletConfig)}
    outlet = OutletConfig("X", "https://x.example/")
    for shown in (
        f'default "{outlet.every / 60:g}m"',
        f'default "{outlet.delay:g}s"',
        f"default {outlet.concurrency}",
        f'default "{outlet.kind}"',
    ):
        assert shown in block, f"the README's outlet defaults lack {shown}"


@pytest.mark.parametrize("document", ["README.md", "docs/crawler.md"])
def test_configuration_keys_the_docs_name_are_accepted(document: str) -> None:
    # docs/crawler.md once described max_redirects and max_sitemaps, which the configuration refused.
    text = (REPO / document).read_text("utf-8")
    settings = {f.name for f in dataclasses.fields(CrawlerSettings)}
    named = {word for word in re.findall(r"`([a-z_]+)`", text) if word in settings}
    assert named <= accepted_crawler_keys(), named - accepted_crawler_keys()


def test_the_readme_shows_the_import_format_and_the_exit_statuses() -> None:
    assert "## Importing articles: JSON Lines" in README and '"url":' in README and '"outlet":' in README
    assert "### Exit status" in README
    assert "no authentication" in README and "[Timer]" in README and "PostgreSQL" in README
