"""The `[cluster]` table and the cluster commands' one-line errors: no services needed, none started."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.crawler.config import ClusterSettings, parse_config
from newsprism.errors import InputError

OUTLET = '[[outlet]]\nname = "Pacific Wire"\nhomepage = "https://pacificwire.example/"\n'


def test_a_configuration_without_a_cluster_table_has_none() -> None:
    assert parse_config(OUTLET).cluster is None


def test_the_cluster_table_is_read_with_its_defaults() -> None:
    config = parse_config('[cluster]\nname = "newsroom-eu"\n' + OUTLET)
    assert config.cluster == ClusterSettings(
        "newsroom-eu", "amqp://guest:guest@127.0.0.1:5672//", "redis://127.0.0.1:6379/0"
    )
    given = '[cluster]\nbroker = "amqp://u:p@mq:5672/news"\ncoordination = "redis://cache:6379/2"\n'
    assert parse_config(given + OUTLET).cluster == ClusterSettings(
        "newsprism", "amqp://u:p@mq:5672/news", "redis://cache:6379/2"
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('name = "two words"', "[cluster]: 'name' must be letters, digits"),
        ('name = ""', "[cluster]: 'name' must be letters"),
        ('broker = "redis://127.0.0.1:6379/0"', "[cluster]: 'broker' must be an AMQP URL"),
        ('coordination = "amqp://127.0.0.1//"', "[cluster]: 'coordination' must be a Redis URL"),
        ("workers = 3", "[cluster]: unknown key 'workers'"),
    ],
    ids=["name-with-space", "empty-name", "broker-not-amqp", "coordination-not-redis", "unknown-key"],
)
def test_cluster_table_mistakes_name_the_key(table: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_config(f"[cluster]\n{table}\n" + OUTLET, "outlets.toml")
    assert str(caught.value).startswith("outlets.toml") and message in str(caught.value)


def newsprism(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsprism", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NEWSPRISM_DB": f"sqlite:///{cwd / 'newsprism.db'}"},
        check=False,
    )


@pytest.mark.parametrize(
    ("cluster", "command", "said"),
    [
        ("", ["crawl", "--distributed"], "no [cluster] table"),
        ("", ["cluster", "status"], "no [cluster] table"),
        ('[cluster]\nname = "x"\n', ["worker"], "a cluster's workers share one PostgreSQL database"),
        (
            '[cluster]\ncoordination = "redis://127.0.0.1:1/0"\n',
            ["crawl", "--distributed"],
            "cannot reach the coordination Redis at 127.0.0.1:1",
        ),
    ],
    ids=["crawl-without-cluster", "status-without-cluster", "worker-on-sqlite", "redis-away"],
)
def test_cluster_commands_fail_with_one_line(
    tmp_path: Path, cluster: str, command: list[str], said: str
) -> None:
    config = tmp_path / "outlets.toml"
    config.write_text(cluster + OUTLET, encoding="utf-8")
    done = newsprism(*command, "--config", str(config), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert said in lines[-1] and lines[-1].startswith("newsprism: error:"), done.stderr
    assert "Traceback" not in done.stderr


def test_the_compose_example_configuration_names_its_cluster() -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "cluster" / "outlets.toml"
    config = parse_config(example.read_text("utf-8"), example.name)
    assert config.cluster == ClusterSettings(
        "newsroom", "amqp://newsprism:newsprism@rabbitmq:5672//", "redis://redis:6379/0"
    )
    compose = (example.parent / "compose.yaml").read_text("utf-8")
    for service in ("postgres:", "rabbitmq:", "redis:", "worker:", "schedule:", "serve:"):
        assert f"\n  {service}" in compose
