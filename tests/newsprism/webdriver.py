"""A real headless Chromium driven over the W3C WebDriver protocol (chromedriver), for the page tests.

Five calls of the protocol are all the tests need (open, run a script, click, press a key, read the
console), so they are spoken here over httpx rather than through selenium. The browser runs with
its console captured: a test can say that a page logged no error (a refused style, a failed load).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the key WebDriver names an element by
TAB, ENTER = "\ue004", "\ue007"


class Browser:
    """One browser session: a window of the given size with its console recorded."""

    def __init__(self, client: httpx.Client, session: str) -> None:
        self.client = client
        self.session = session

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self.client.request(method, f"/session/{self.session}{path}", json=body)
        answer = response.json()
        if response.status_code != 200:
            raise AssertionError(f"webdriver {path}: {answer.get('value')}")
        return answer.get("value")

    def open(self, url: str) -> None:
        self._call("POST", "/url", {"url": url})

    @property
    def url(self) -> str:
        return str(self._call("GET", "/url"))

    def wait_for_url(self, part: str, timeout: float = 30) -> str:
        """The URL once it contains `part` and its page has loaded: a click on a submit button or a
        link can return before the browser has started the navigation it causes."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            url = self.url
            if part in url and self.run("return document.readyState") == "complete":
                return url
            time.sleep(0.05)
        raise AssertionError(f"the browser never reached a URL with {part!r} (at {self.url})")

    def run(self, script: str, *args: Any) -> Any:
        """Run `script` (a function body; `arguments` holds `args`) in the page and return its value."""
        return self._call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def click(self, css: str) -> None:
        found = self._call("POST", "/element", {"using": "css selector", "value": css})
        self._call("POST", f"/element/{found[ELEMENT]}/click", {})

    def press(self, key: str) -> None:
        keys = [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]
        self._call("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": keys}]})

    def console_errors(self) -> list[str]:
        """The errors the console logged since the last call (chromedriver hands each entry once)."""
        entries = self._call("POST", "/se/log", {"type": "browser"})
        return [str(e["message"]) for e in entries if e.get("level") == "SEVERE"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def chromium(profile: Path, width: int = 1280, height: int = 900) -> Iterator[Browser]:
    """A headless Chromium session under chromedriver; both are ended (and checked ended) on exit."""
    assert CHROMIUM is not None and CHROMEDRIVER is not None
    port = _free_port()
    driver = subprocess.Popen(
        [CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    options = {
        "binary": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
        ],
    }
    capabilities = {
        "browserName": "chrome",
        "goog:chromeOptions": options,
        "goog:loggingPrefs": {"browser": "ALL"},
    }
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            _wait_for(client)
            started = client.post("/session", json={"capabilities": {"alwaysMatch": capabilities}})
            session = started.json()["value"]["sessionId"]
            try:
                yield Browser(client, session)
            finally:
                client.delete(f"/session/{session}")
    finally:
        driver.terminate()
        driver.wait(timeout=30)
    assert driver.returncode is not None  # the driver (and with it the browser) is gone


def _wait_for(client: httpx.Client) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if client.get("/status").json()["value"]["ready"]:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("chromedriver did not start")
