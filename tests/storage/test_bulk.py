"""fewer_collections: fewer garbage collections inside, Python's own settings again after."""

from __future__ import annotations

import gc
import threading

import pytest

from newsprism.storage.bulk import BULK_GC_THRESHOLD, fewer_collections


def test_inside_old_objects_are_left_out_and_collections_wait() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == (BULK_GC_THRESHOLD, *before[1:])
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_settings_come_back_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("pass failed")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_overlapping_blocks_restore_only_when_the_last_one_leaves() -> None:
    before = gc.get_threshold()
    entered, release = threading.Event(), threading.Event()

    def other_pass() -> None:
        with fewer_collections():
            entered.set()
            release.wait(5)

    with fewer_collections():
        worker = threading.Thread(target=other_pass)
        worker.start()
        assert entered.wait(5)
    # This block is over, the other still runs: the settings stay changed.
    assert gc.get_threshold()[0] == BULK_GC_THRESHOLD
    release.set()
    worker.join(5)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_a_block_that_only_waits_leaves_freezing_to_the_first_block_inside_it() -> None:
    before = gc.get_threshold()
    with fewer_collections(freeze=False):
        assert gc.get_threshold() == (BULK_GC_THRESHOLD, *before[1:]) and gc.get_freeze_count() == 0
        made = [[index] for index in range(1000)]  # tracked containers, made before the inner block
        with fewer_collections():
            frozen = gc.get_freeze_count()
            assert frozen >= len(made)
            with fewer_collections():  # a block inside a freezing one freezes nothing more
                more = [[index] for index in range(1000)]
                assert gc.get_freeze_count() < frozen + len(more)
        assert gc.get_freeze_count() >= len(made)  # frozen until the last block is out
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
