"""Clocks and statistics for the benchmarks."""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Iterable
from typing import Any


def seconds(action: Callable[[], Any]) -> tuple[float, Any]:
    """How long ``action()`` took, and what it returned."""
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def ms(action: Callable[[], Any]) -> float:
    return seconds(action)[0] * 1000


def percentile(values: Iterable[float], p: float) -> float:
    """The nearest-rank percentile (p in 0..100) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Iterable[float]) -> float:
    return percentile(values, 50)


def rss_mb() -> float:
    """This process's resident memory now, in MiB."""
    import psutil

    return psutil.Process(os.getpid()).memory_info().rss / 2**20


def cpu_seconds(action: Callable[[], Any]) -> tuple[float, float, Any]:
    """How long ``action()`` took on the clock and in CPU, this process's and the worker
    processes' it started and waited for (a shared machine's load shows in the first, hardly
    in the second), and what it returned."""
    import resource

    def used() -> float:
        own, children = (
            resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    before = used()
    took, value = seconds(action)
    return took, used() - before, value
