"""Run the benchmarks: ``uv run python -m tests.bench [--quick] [--only NAME]``.

Every ``tests/bench/bench_*.py`` module exposes ``run(quick: bool) -> list[dict]``
with rows ``{figure, median_s, reference_s, ratio, target, note}`` (plus the
ranges of both, see ``timing.row``). Absolute times on a shared 2-core machine
are noise; the ratio against the strongest fair reference measured in the same
run is the result, printed with its run-to-run range.

Each module runs in a fresh interpreter (``--one NAME``), as a user's process would be:
what an earlier module left behind (objects for the cycle collector to walk, a warm
or a fragmented heap, threads) is not the next module's figure.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import platform
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _fmt_time(value: object) -> str:
    if not isinstance(value, int | float):
        return "–"
    return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.1f} s"


def _fmt_range(value: object, unit: object = None) -> str:
    if not (isinstance(value, list | tuple) and len(value) == 2):
        return ""
    low, high = value
    if unit:
        return f" ({low:.1f}–{high:.1f})"
    return f" ({_fmt_time(low)}–{_fmt_time(high)})".replace(" ms–", "–")


def _fmt(row: dict[str, object], key: str) -> str:
    value = row.get(key)
    if key in ("median_s", "reference_s"):
        spread = row.get("range_s" if key == "median_s" else "reference_range_s")
        if "unit" in row and isinstance(value, int | float):
            return f"{value:.1f} {row['unit']}{_fmt_range(spread, row['unit'])}"
        return _fmt_time(value) + _fmt_range(spread)
    if key == "ratio":
        if not isinstance(value, int | float):
            return "–"
        spread = row.get("ratio_range")
        if isinstance(spread, list | tuple) and len(spread) == 2:
            return f"{value:.2f} ({spread[0]:.2f}–{spread[1]:.2f})"
        return f"{value:.2f}"
    return str(value if value is not None else "–")


def _run_one(name: str, quick: bool, out: Path | None) -> int:
    """One module's rows, written as JSON to ``out`` (the child of :func:`main`)."""
    try:
        rows = importlib.import_module(f"tests.bench.{name}").run(quick)
    except Exception:
        traceback.print_exc()
        return 1
    if out is not None:
        out.write_text(json.dumps(rows, default=str))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("--quick", action="store_true", help="few repetitions (CI)")
    parser.add_argument("--only", help="run only bench_NAME")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a module, in this process
    args = parser.parse_args(argv)
    if args.one:
        return _run_one(args.one, args.quick, args.json)

    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if args.only:
        names = [n for n in names if n in (args.only, f"bench_{args.only}")]
    rows: list[dict[str, object]] = []
    failed = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            out = Path(scratch) / f"{name}.json"
            cmd = [sys.executable, "-m", "tests.bench", "--one", name, "--json", str(out)]
            done = subprocess.run(cmd + (["--quick"] if args.quick else []), check=False)
            if done.returncode != 0 or not out.exists():
                failed.append(name)
                continue
            rows.extend(json.loads(out.read_text()))

    headers = ["figure", "median (range)", "reference (range)", "ratio (range)", "target", "note"]
    keys = ["figure", "median_s", "reference_s", "ratio", "target", "note"]
    table = [[_fmt(r, k) for k in keys] for r in rows]
    widths = [
        max(len(h), *(len(t[i]) for t in table)) if table else len(h) for i, h in enumerate(headers)
    ]
    machine = f"{os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"\nbenchmarks on {platform.node()} ({machine})")
    print(" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("-+-".join("-" * w for w in widths))
    for t in table:
        print(" | ".join(c.ljust(w) for c, w in zip(t, widths, strict=True)))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2, default=str))
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
