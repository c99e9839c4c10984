"""Children that die with the build: a forked worker never outlives the process that forked it.

`in_forks` spreads one pass over many documents across forked workers that die so.

A build killed by SIGKILL or SIGTERM runs no cleanup, so each child asks Linux to kill it when its
parent dies (`PR_SET_PDEATHSIG`); elsewhere it does nothing, and the children end when their pipe
closes, as before.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1
# Loaded once, before any fork: a child of a threaded process should not load libraries.
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


def die_with_parent(parent: int) -> None:
    """Called first in a child (forked, or before exec): killed when `parent` dies."""
    if _LIBC is None:
        return
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


_TASK: Callable[[int, int], list[Any]] | None = None


def _start_worker(parent: int) -> None:
    """A worker dies with its parent and never walks what it inherited.

    What the parent holds (10,000 parsed documents) lives as long as the worker: without the
    freeze each full collection in the worker walks all of it (and copies every page it touches),
    a fifth of the workers' time at 10,000 documents.
    """
    die_with_parent(parent)
    gc.freeze()


def _run_span(span: tuple[int, int]) -> list[Any]:
    assert _TASK is not None
    return _TASK(*span)


def forked_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of forked workers that die with this process and never walk what they inherit."""
    import multiprocessing as mp  # not needed (nor imported) to check a few files
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        workers,
        mp_context=mp.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )


def in_forks(task: Callable[[int, int], list[T]], count: int, workers: int) -> list[T] | None:
    """`task(start, stop)` over `range(count)` in forked workers, the results in order.

    The task reads what the parent holds (the parsed documents) without any copying: the workers
    are forked after it is set. None where there is no fork (the caller runs the task itself).
    """
    import multiprocessing as mp

    if "fork" not in mp.get_all_start_methods():
        return None
    global _TASK
    _TASK = task
    step = max(1, count // (workers * 4))
    spans = [(i, min(count, i + step)) for i in range(0, count, step)]
    try:
        with forked_pool(workers) as pool:
            return [x for part in pool.map(_run_span, spans) for x in part]
    finally:
        _TASK = None


def workers_for(count: int, parallel_from: int) -> int:
    """How many workers a pass over `count` items gets: 1 (none) below `parallel_from`."""
    return 1 if count < parallel_from else min(os.cpu_count() or 1, 4)
