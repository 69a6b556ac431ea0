"""Work on many rows at once: IN lists cut to the back-ends' limits, and fewer garbage collections
while a crawl pass or the loading of every article's findings makes many short-lived objects.

Python's cyclic garbage collector runs its youngest generation every 700 allocations, and each of its
full runs rescans everything the process holds. During a 258-article crawl pass it ran 400 times (0.4
of the crawling process's 5 CPU seconds), and 200 times while regrouping loaded the findings (0.12 of
0.6 s). `fewer_collections` leaves what existed before out of the scans and waits longer between runs.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

# The youngest generation is collected after this many allocations inside `fewer_collections`.
BULK_GC_THRESHOLD = 20_000
_lock = threading.Lock()
_running = 0
_frozen = False
_thresholds_before: tuple[int, int, int] = gc.get_threshold()
Item = TypeVar("Item")


def in_chunks(items: Sequence[Item], size: int = 500) -> Iterator[Sequence[Item]]:
    """`items` in runs of `size`: one IN list per run keeps each query under the back-ends' limits of
    bound parameters.

    >>> [list(run) for run in in_chunks([1, 2, 3, 4, 5], size=2)]
    [[1, 2], [3, 4], [5]]
    """
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextmanager
def fewer_collections(*, freeze: bool = True) -> Iterator[None]:
    """Run the block with fewer and smaller cyclic garbage collections; as before once none runs.

    What exists when the first freezing block starts is left out of the scans (`gc.freeze`), and the
    youngest generation waits for BULK_GC_THRESHOLD allocations. Blocks may overlap on several
    threads (the scheduler's passes) and nest: the first one in changes the settings, the first one
    that freezes freezes, and the last one out restores them. Freezing again at each block would
    keep, in a schedule whose passes always overlap, every piece of cyclic garbage some pass began
    beside. `freeze=False` is for a block that only waits longer (`newsprism crawl`'s imports and
    migrations, before the pass, whose own block then freezes what they made).
    """
    global _running, _frozen, _thresholds_before
    with _lock:
        if _running == 0:
            _thresholds_before = gc.get_threshold()
            gc.set_threshold(BULK_GC_THRESHOLD, *_thresholds_before[1:])
        if freeze and not _frozen:
            gc.freeze()
            _frozen = True
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                gc.set_threshold(*_thresholds_before)
                if _frozen:
                    gc.unfreeze()
                    _frozen = False
