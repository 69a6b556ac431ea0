"""The outlet configuration: valid files load, every mistake is one error naming file, outlet and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.crawler.config import CrawlerSettings, load_config, parse_config, parse_duration
from newsprism.errors import InputError

GOOD = """
[crawler]
timeout = "2.5s"
max_bytes = 100000
allow_private_networks = true

[[outlet]]
name = "Pacific Wire"
homepage = "https://pacificwire.example/"
feeds = ["https://pacificwire.example/rss.xml"]
sitemaps = ["https://pacificwire.example/sitemap.xml"]
sections = ["https://pacificwire.example/world/"]
every = "15m"
delay = "0.05s"
concurrency = 3
kind = "agency"
country = "US"
language = "en"

[[outlet]]
name = "Second"
homepage = "http://second.example/"
"""


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("15m", 900.0), ("0.05s", 0.05), ("0s", 0.0), ("250ms", 0.25), ("1.5h", 5400.0), (".5s", 0.5)],
    ids=["minutes", "fraction", "zero", "milliseconds", "hours", "leading-dot"],
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


def test_a_good_file_loads_with_defaults_filled(tmp_path: Path) -> None:
    path = tmp_path / "outlets.toml"
    path.write_text(GOOD, encoding="utf-8")
    config = load_config(path)
    wire, second = config.outlets
    assert (wire.every, wire.delay, wire.concurrency, wire.kind) == (900.0, 0.05, 3, "agency")
    assert wire.feeds == ("https://pacificwire.example/rss.xml",)
    assert config.settings.timeout == 2.5 and config.settings.max_bytes == 100000
    assert config.settings.allow_private_networks is True
    assert "newsprism" in config.settings.user_agent
    assert (second.feeds, second.every, second.kind) == ((), 900.0, "other")
    assert [o.name for o in config.select(["Second"])] == ["Second"]


def test_private_networks_are_refused_by_default() -> None:
    config = parse_config('[[outlet]]\nname = "A"\nhomepage = "https://a.example/"\n')
    assert config.settings == CrawlerSettings()
    assert config.settings.allow_private_networks is False


def test_a_user_agent_always_names_newsprism() -> None:
    config = parse_config(
        '[crawler]\nuser_agent = "ExampleBot/1"\n[[outlet]]\nname = "A"\nhomepage = "https://a.example/"\n'
    )
    assert config.settings.user_agent.startswith("ExampleBot/1") and "newsprism" in config.settings.user_agent


# The message a user sees, exactly.
EXAMPLE_MESSAGE = "outlets.toml: outlet 'Pacific Wire': 'every' must be a duration like \"15m\", got \"soon\""
OUTLET = '[[outlet]]\nname = "Pacific Wire"\nhomepage = "https://pacificwire.example/"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (OUTLET + 'every = "soon"\n', EXAMPLE_MESSAGE),
        (OUTLET + 'delay = "-1s"\n', "outlet 'Pacific Wire': 'delay' must be a duration"),
        (OUTLET + "concurrency = 0\n", "outlet 'Pacific Wire': 'concurrency' must be at least 1, got 0"),
        (OUTLET + "concurrency = true\n", "'concurrency' must be an integer, got True"),
        (OUTLET + 'kind = "blog"\n', "outlet 'Pacific Wire': 'kind' must be one of agency"),
        (
            OUTLET + 'feeds = ["ftp://x.example/"]\n',
            """'feeds' must be an http(s) URL, got "ftp://x.example/\"""",
        ),
        (OUTLET + 'feeds = "https://x.example/rss"\n', "'feeds' must be a list"),
        (OUTLET + 'fedds = ["https://x.example/rss"]\n', "outlet 'Pacific Wire': unknown key 'fedds'"),
        ('[[outlet]]\nname = "Pacific Wire"\n', "outlet 'Pacific Wire': 'homepage' is required"),
        (OUTLET.replace('"https://pacificwire.example/"', "7"), "'homepage' must be a string, got 7"),
        ('[[outlet]]\nhomepage = "https://a.example/"\n', "outlet #1: 'name' must be a non-empty string"),
        (OUTLET + OUTLET, "outlet 'Pacific Wire' is defined more than once"),
        ("[crawler]\ntimeout = 3\n", "no [[outlet]] tables"),
        ('[crawler]\nmax_bytes = "big"\n' + OUTLET, "[crawler]: 'max_bytes' must be an integer"),
        ("[crawler]\nallow_private_networks = 1\n" + OUTLET, "'allow_private_networks' must be true or"),
        ("[outlets]\n", "unknown table 'outlets'"),
        ("[[outlet]\n", "not valid TOML"),
        (OUTLET + "every =\n", "not valid TOML: Invalid value (at line 4, column 8)"),
        ("[crawler]\nmax_articles = -5\n" + OUTLET, "[crawler]: 'max_articles' must be at least 1, got -5"),
        ("[crawler]\nretries = -1\n" + OUTLET, "[crawler]: 'retries' must be at least 0, got -1"),
        ("[crawler]\nmax_redirects = -1\n" + OUTLET, "[crawler]: 'max_redirects' must be at least 0, got -1"),
        ("[crawler]\nmax_sitemaps = 0\n" + OUTLET, "[crawler]: 'max_sitemaps' must be at least 1, got 0"),
        ("[crawler]\nspeed = 3\n" + OUTLET, "[crawler]: unknown key 'speed'"),
    ],
    ids=[
        "bad-duration",
        "negative-duration",
        "zero-concurrency",
        "bool-for-int",
        "unknown-kind",
        "non-http-feed",
        "feeds-not-list",
        "unknown-key",
        "missing-homepage",
        "missing-name",
        "duplicate-name",
        "no-outlets",
        "max-bytes-type",
        "private-flag-type",
        "unknown-table",
        "bad-toml",
        "homepage-type",
        "toml-error-line",
        "negative-max-articles",
        "negative-retries",
        "negative-max-redirects",
        "no-sitemaps",
        "unknown-crawler-key",
    ],
)
def test_mistakes_name_file_outlet_and_key(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_config(text, "outlets.toml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("outlets.toml")


def test_unknown_outlet_selected() -> None:
    config = parse_config(OUTLET, "outlets.toml")
    with pytest.raises(InputError, match="no outlet named 'Nope'"):
        config.select(["Nope"])


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read configuration"):
        load_config(tmp_path / "missing.toml")


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "outlets.toml"
# The seed story's wires, state agencies and the outlets it cites: a starting list must have them.
SEED_OUTLETS = [
    "Associated Press",
    "Reuters",
    "AFP",
    "TASS",
    "KCNA",
    "Yonhap",
    "Xinhua",
    "NDTV",
    "Firstpost",
    "DW",
]


def test_the_example_outlet_list_validates_and_every_outlet_can_be_discovered() -> None:
    config = load_config(EXAMPLE)
    outlets = config.outlets
    assert len(outlets) >= 30 and len({o.country for o in outlets}) >= 10
    assert {o.kind for o in outlets} == {"agency", "state_media", "newspaper", "broadcaster", "online"}
    assert set(SEED_OUTLETS) <= {o.name for o in outlets}
    for outlet in outlets:
        # A feed, a sitemap or a section page of its own: homepage discovery alone is a guess.
        assert outlet.discovery == "configured", outlet.name
        assert outlet.country and len(outlet.country) == 2 and outlet.language, outlet.name
    assert not config.settings.allow_private_networks
    assert "example" in config.settings.user_agent  # a placeholder the operator must replace
    assert "CANNOT be fetched" in EXAMPLE.read_text("utf-8")
