"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_time(fn: Callable[[], object], repeats: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def row(
    figure: str,
    median_s: float | None,
    reference_s: float | None = None,
    target: str = "",
    note: str = "",
    **extra: object,
) -> dict[str, object]:
    ratio = (median_s / reference_s) if (median_s and reference_s) else None
    return {
        "figure": figure,
        "median_s": median_s,
        "reference_s": reference_s,
        "ratio": ratio,
        "target": target,
        "note": note,
        **extra,
    }
