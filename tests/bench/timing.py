"""Small timing helpers shared by the benchmarks.

Every figure is a median over repetitions and is reported with its range (the fastest
and slowest repetition), so one lucky or unlucky run cannot pass for the result.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Seconds: the median and the range of the repetitions."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> Timing:
        return cls(statistics.median(samples), min(samples), max(samples))


def measure(fn: Callable[[], object], repeats: int, warmup: int = 1) -> Timing:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return Timing.of(samples)


def measure_interleaved(
    fns: Sequence[Callable[[], object]], repeats: int, warmup: int = 1
) -> list[Timing]:
    """Each of ``fns`` in turn, ``repeats`` rounds: on a shared machine a burst of load
    then falls on every contender alike instead of on one block of repetitions."""
    for _ in range(warmup):
        for fn in fns:
            fn()
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(repeats):
        for fn, out in zip(fns, samples, strict=True):
            start = time.perf_counter()
            fn()
            out.append(time.perf_counter() - start)
    return [Timing.of(s) for s in samples]


def median_time(fn: Callable[[], object], repeats: int, warmup: int = 1) -> float:
    return measure(fn, repeats, warmup).median


def row(
    figure: str,
    median_s: float | Timing | None,
    reference_s: float | Timing | None = None,
    target: str = "",
    note: str = "",
    **extra: object,
) -> dict[str, object]:
    """One line of the table; a :class:`Timing` brings its range along."""
    ours = median_s.median if isinstance(median_s, Timing) else median_s
    ref = reference_s.median if isinstance(reference_s, Timing) else reference_s
    ratio = (ours / ref) if (ours and ref) else None
    out: dict[str, object] = {
        "figure": figure,
        "median_s": ours,
        "reference_s": ref,
        "ratio": ratio,
        "target": target,
        "note": note,
    }
    if isinstance(median_s, Timing):
        out["range_s"] = (median_s.low, median_s.high)
    if isinstance(reference_s, Timing):
        out["reference_range_s"] = (reference_s.low, reference_s.high)
    if isinstance(median_s, Timing) and isinstance(reference_s, Timing) and ref and ours:
        # the ratio's spread: best of ours against worst of the reference and back
        out["ratio_range"] = (median_s.low / reference_s.high, median_s.high / reference_s.low)
    out.update(extra)
    return out
