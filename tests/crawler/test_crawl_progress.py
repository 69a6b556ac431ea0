"""What a crawl shows of its progress on a terminal: the pass's bar and a few outlets' bars, redrawn
a few times a second (a bar for each of 181 outlets, ten times a second, doubled the command's time)."""

from __future__ import annotations

import io
import re
import time

from rich.console import Console

from newsprism.crawler.progress import REDRAWS_PER_SECOND, SHOWN_OUTLETS, RichProgress


def _terminal() -> tuple[Console, io.StringIO]:
    screen = io.StringIO()
    return Console(file=screen, force_terminal=True, width=100, height=40), screen


def test_the_pass_has_one_bar_and_the_first_unfinished_outlets_take_the_others_in_turn() -> None:
    console, _ = _terminal()
    progress = RichProgress(console, shown=2)
    for outlet, found in (("Alpha", 2), ("Empty", 0), ("Beta", 1), ("Gamma", 3), ("Delta", 1)):
        progress.discovered(outlet, found)
    assert progress.drawn() == [("all outlets (1/5 done)", 0, 7), ("Alpha", 0, 2), ("Beta", 0, 1)]
    progress.advanced("Gamma", "new")  # not drawn yet, still counted in the pass
    progress.advanced("Beta", "new")  # Beta is done: Gamma, the next unfinished, takes its row
    assert progress.drawn() == [("all outlets (2/5 done)", 2, 7), ("Alpha", 0, 2), ("Gamma", 1, 3)]
    progress.advanced("Alpha", "failed")
    progress.advanced("Alpha", "unchanged")
    assert progress.drawn() == [("all outlets (3/5 done)", 4, 7), ("Delta", 0, 1), ("Gamma", 1, 3)]
    for _ in range(2):
        progress.advanced("Gamma", "new")
    progress.advanced("Delta", "skipped")
    progress.advanced("Nobody", "new")  # an outlet never discovered is not counted
    assert progress.drawn() == [("all outlets (5/5 done)", 7, 7)]


def test_a_large_configuration_draws_the_default_number_of_outlets() -> None:
    console, _ = _terminal()
    progress = RichProgress(console)
    for number in range(181):
        progress.discovered(f"Outlet {number}", 2)
    assert len(progress.drawn()) == SHOWN_OUTLETS + 1


def test_the_bars_are_redrawn_a_few_times_a_second_on_a_terminal() -> None:
    console, screen = _terminal()
    with RichProgress(console) as progress:
        started = time.monotonic()
        for number in range(40):
            progress.discovered(f"Outlet {number}", 3)
            progress.advanced(f"Outlet {number}", "new")
            time.sleep(0.05)
        seconds = time.monotonic() - started
    redraws = len(re.findall(r"all outlets \(\d+/\d+ done\)", screen.getvalue()))
    # At least one drawing; at most the rate allows, plus the first and the last.
    assert 1 <= redraws <= REDRAWS_PER_SECOND * seconds + 2
    assert REDRAWS_PER_SECOND <= 5
