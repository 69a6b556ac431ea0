"""The event, article and outlet pages of the demo in a real headless Chromium (over WebDriver): the
hooks, the type filter used by clicking and by keyboard, evidence links landing on their highlighted
sentence, charts that fit a phone, the outlet page; and not one error in the browser's console."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

import pytest
from newsroom_db import DemoSite
from webdriver import CHROMEDRIVER, CHROMIUM, ENTER, TAB, Browser, chromium

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None or CHROMEDRIVER is None,
        reason="needs chromium and chromedriver on PATH (Debian: apt-get install chromium chromium-driver)",
    ),
]

PHONE = (390, 844)
# What the page says of itself once loaded: every divergence card, mark and evidence link.
HOOKS = """
const cards = [...document.querySelectorAll('section.card.divergence')];
return {
  types: cards.map(c => c.dataset.type),
  inGroups: cards.every(c => c.parentElement.id === 'type-' + c.dataset.type),
  severities: cards.map(c => c.querySelector('.severity-value').textContent),
  marks: document.querySelectorAll('blockquote.claim mark.value').length,
  evidence: [...document.querySelectorAll('blockquote.claim a.evidence')].map(a => a.getAttribute('href')),
  kinds: cards.map(c => c.querySelectorAll('.col h4 .kind').length),
  charts: [...document.querySelectorAll('figure.chart svg')].length,
};
"""
# Anything wider than the window (a chart, a label, a table) would make the page scroll sideways.
OVERFLOW = """
const wide = [...document.querySelectorAll(arguments[0] || 'main *')].filter(e => {
  const box = e.getBoundingClientRect();
  return box.right > document.documentElement.clientWidth + 1 && !e.closest('.scroll');
}).map(e => e.tagName + '.' + e.getAttribute('class'));
const labels = [...document.querySelectorAll('figure.chart svg text')].filter(t => {
  const svg = t.ownerSVGElement.getBoundingClientRect(), box = t.getBoundingClientRect();
  return box.left < svg.left - 1 || box.right > svg.right + 1;
}).map(t => t.textContent);
return {scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth, wide, labels};
"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with chromium(tmp_path_factory.mktemp("chromium")) as made:
        yield made


@pytest.fixture(scope="module")
def phone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with chromium(tmp_path_factory.mktemp("phone"), *PHONE) as made:
        yield made


def test_event_page_hooks_in_the_browser(browser: Browser, demo_site: DemoSite) -> None:
    browser.open(f"{demo_site.base}/events/{demo_site.event_id}")
    hooks = browser.run(HOOKS)
    report = demo_site.report["divergences"]
    assert sorted(hooks["types"]) == sorted(d["type"] for d in report) and hooks["inGroups"]
    assert sorted(map(float, hooks["severities"])) == sorted(round(d["severity"], 2) for d in report)
    assert hooks["marks"] >= sum(1 for d in report for c in d["claims"] if c.get("phrase"))
    assert len(hooks["evidence"]) == sum(len(d["claims"]) for d in report)
    assert all(re.fullmatch(r"/articles/\d+#at-\d+-\d+", href) for href in hooks["evidence"])
    assert set(hooks["kinds"]) == {len(demo_site.outlets)} and hooks["charts"] == 2
    assert browser.console_errors() == []


def test_type_filter_by_clicking_without_scripts(browser: Browser, demo_site: DemoSite) -> None:
    browser.open(f"{demo_site.base}/events/{demo_site.event_id}")
    browser.click("form.types input[value=numeric_conflict]")
    browser.click("form.types input[value=date_conflict]")
    browser.click("form.types button[type=submit]")
    browser.wait_for_url("type=numeric_conflict&type=date_conflict")
    shown = browser.run(
        "return [...document.querySelectorAll('section.card.divergence')].map(c => c.dataset.type)"
    )
    expected = [
        d["type"]
        for d in demo_site.report["divergences"]
        if d["type"] in {"numeric_conflict", "date_conflict"}
    ]
    assert sorted(shown) == sorted(expected) and expected
    ticked = browser.run(
        "return [...document.querySelectorAll('form.types input:checked')].map(i => i.value)"
    )
    assert sorted(ticked) == ["date_conflict", "numeric_conflict"]
    assert browser.console_errors() == []


def test_keyboard_reaches_the_skip_link_and_the_filter(browser: Browser, demo_site: DemoSite) -> None:
    browser.open(f"{demo_site.base}/events/{demo_site.event_id}")
    browser.press(TAB)
    focused = browser.run(
        "const a = document.activeElement; return [a.className, a.getBoundingClientRect().left]"
    )
    assert focused[0] == "skip" and focused[1] >= 0  # shown when focused, not left off-screen
    browser.press(ENTER)
    assert browser.wait_for_url("#content").endswith("#content")
    for _ in range(80):
        browser.press(TAB)
        if browser.run("return document.activeElement.name") == "type":
            break
    else:
        pytest.fail("Tab never reached the type filter")
    browser.press(" ")
    assert browser.run("return document.activeElement.checked") is True
    outline = browser.run("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focused control is visible
    assert browser.console_errors() == []


def test_evidence_link_lands_on_its_highlighted_sentence(browser: Browser, demo_site: DemoSite) -> None:
    browser.open(f"{demo_site.base}/events/{demo_site.event_id}#divergences")
    href = browser.run("return document.querySelector('blockquote.claim a.evidence').getAttribute('href')")
    claim = browser.run(
        "const link = document.querySelector('blockquote.claim a.evidence');"
        "return link.closest('blockquote').querySelector('p').textContent"
    )
    browser.click("blockquote.claim a.evidence")
    assert browser.wait_for_url(href).endswith(href)
    target = browser.run(
        "const t = document.querySelector(':target'); const box = t.getBoundingClientRect();"
        "return {id: t.id, text: t.textContent, outline: getComputedStyle(t).outlineStyle,"
        " background: getComputedStyle(t).backgroundColor, seen: box.top >= 0 && box.top < innerHeight}"
    )
    assert "#" + target["id"] == href[href.index("#") :]
    assert " ".join(target["text"].split()).startswith(" ".join(claim.split()))
    assert target["outline"] != "none" and target["background"] != "rgba(0, 0, 0, 0)" and target["seen"]
    assert browser.console_errors() == []


@pytest.mark.parametrize("path", ["event", "article", "outlet"])
def test_pages_fit_a_phone_and_log_no_error(phone: Browser, demo_site: DemoSite, path: str) -> None:
    first_article = demo_site.report["articles"][0]["id"]
    url = {
        "event": f"/events/{demo_site.event_id}",
        "article": f"/articles/{first_article}",
        "outlet": "/outlets/" + quote(demo_site.outlets[0], safe=""),
    }[path]
    phone.open(demo_site.base + url)
    fit = phone.run(OVERFLOW)
    assert fit == {"scroll": 0, "wide": [], "labels": []}
    assert phone.console_errors() == []


def test_static_report_fits_a_phone_and_logs_no_error(phone: Browser, demo_site: DemoSite) -> None:
    phone.open((demo_site.reports / f"report-{demo_site.event_id}.html").as_uri())
    assert phone.run(OVERFLOW, "body *") == {"scroll": 0, "wide": [], "labels": []}
    assert phone.run(CONTRAST) == [] and phone.console_errors() == []
    cards = phone.run("return document.querySelectorAll('section.card.divergence mark.value').length")
    assert cards > 0


def _events_covered_by(outlet_slug: str) -> set[str]:
    """The demo stories an outlet covers, from the newsroom's answer key."""
    manifest = json.loads(files("newsprism.demo").joinpath("newsroom/manifest.json").read_text("utf-8"))
    return {a["event"] for a in manifest["articles"] if a["outlet"] == outlet_slug}


def test_outlet_page_in_the_browser(browser: Browser, demo_site: DemoSite) -> None:
    outlet = "Meridian Wire"
    browser.open(f"{demo_site.base}/outlets/{quote(outlet)}")
    page = browser.run(
        "return {title: document.querySelector('h1').textContent,"
        " events: [...document.querySelectorAll('table.events a')].map(a => a.textContent),"
        " health: [...document.querySelectorAll('table.health td.share')].map(td => +td.dataset.share),"
        " bars: document.querySelectorAll('figure.reliance rect').length}"
    )
    assert page["title"].startswith(outlet) and "news agency" in page["title"]
    assert len(page["events"]) == len(_events_covered_by("meridian-wire")) and page["bars"] > 0
    assert page["health"] and all(0 <= share <= 100 for share in page["health"])
    browser.click("table.events a")
    assert re.search(r"/events/\d+$", browser.wait_for_url("/events/"))
    assert browser.console_errors() == []


def test_browser_fixture_profiles_are_separate(tmp_path: Path) -> None:
    # Two sessions at once (the desktop and the phone) each need a profile of their own.
    with chromium(tmp_path / "one") as one, chromium(tmp_path / "two", *PHONE) as two:
        assert one.run("return innerWidth") != two.run("return innerWidth")


# Every element that shows text, its colour against the first opaque background behind it (WCAG 2).
CONTRAST = """
const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
const lum = c => {
  const [r, g, b] = rgb(c).slice(0, 3).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const behind = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
  if (rgb(c).length < 4 || rgb(c)[3] > 0) return c; } return 'rgb(255, 255, 255)'; };
const low = [];
for (const e of document.querySelectorAll('body *')) {
  if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
  if (e.getClientRects().length === 0 || e.closest('.skip')) continue;
  const style = getComputedStyle(e), fg = e instanceof SVGElement ? style.fill : style.color;
  const [a, b] = [lum(fg), lum(behind(e))].sort((x, y) => y - x), ratio = (a + 0.05) / (b + 0.05);
  const what = `${e.tagName}.${e.getAttribute('class')}`;
  if (ratio < 4.5) low.push(`${what} ${ratio.toFixed(2)}: ${e.textContent.slice(0, 40)}`);
}
return low;
"""


@pytest.mark.parametrize("path", ["event", "article", "outlet"])
def test_all_text_meets_wcag_aa_contrast(browser: Browser, demo_site: DemoSite, path: str) -> None:
    first_article = demo_site.report["articles"][0]["id"]
    url = {
        "event": f"/events/{demo_site.event_id}",
        "article": f"/articles/{first_article}",
        "outlet": "/outlets/" + quote(demo_site.outlets[0], safe=""),
    }[path]
    browser.open(demo_site.base + url)
    assert browser.run(CONTRAST) == []
