"""Benchmark of the propexo-preflight Python package (a benchmark, not a test).

Measures `check` of a ~2 KB body (examples/update-valid.json) as a dict, as `str` and as
`bytes`, an invalid body, the import time of the package in a fresh interpreter, and the
size of a wheel when one is given. Peers (pydantic, msgspec, ...) come in another script.

    python bench/python/bench_check.py [--wheel path/to/propexo_preflight-*.whl]

Run it with the interpreter of the environment the package is installed in.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import timeit
from pathlib import Path

import propexo_preflight as pf

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-01-15T00:00:00Z"


def measure(fns, rounds=25, batch_s=0.05):
    """Time per call in microseconds of each function: (median, best) over `rounds`
    batches of about `batch_s` seconds. The functions take turns batch by batch, so that a
    busy neighbour on a shared machine slows all of them alike; the best batch is the
    least disturbed one."""
    timers = {}
    for name, fn in fns:
        timer = timeit.Timer(fn)
        number, took = timer.autorange()
        timers[name] = (timer, max(1, int(number * batch_s / max(took, 1e-9))))
    runs = {name: [] for name, _ in fns}
    for _ in range(rounds):
        for name, (timer, number) in timers.items():
            runs[name].append(timer.timeit(number) / number * 1e6)
    return [(name, statistics.median(r), min(r)) for name, r in runs.items()]


def import_ms(repeat=15):
    """Median wall time of `import propexo_preflight` in a fresh interpreter."""
    code = (
        "import time; t = time.perf_counter(); import {mod}; "
        "print((time.perf_counter() - t) * 1000)"
    )
    times = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", code.format(mod="propexo_preflight")],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", help="a built wheel whose size to report")
    args = parser.parse_args()

    text = (ROOT / "examples" / "update-valid.json").read_text(encoding="utf-8")
    body = json.loads(text)
    compact = json.dumps(body, separators=(",", ":"))
    raw = text.encode("utf-8")
    invalid_text = (ROOT / "examples" / "update-invalid.json").read_text(encoding="utf-8")
    invalid = json.loads(invalid_text)

    # Each measured call must do the real work: check the report once.
    assert pf.check(body, now=NOW)["valid"] is True
    assert pf.check(text, now=NOW) == pf.check(body, now=NOW)
    assert pf.check(invalid, now=NOW)["valid"] is False

    rows = measure(
        [
            ("check(dict)", lambda: pf.check(body, now=NOW)),
            ("check(dict), no options", lambda: pf.check(body)),
            ("check(str), pretty text", lambda: pf.check(text, now=NOW)),
            ("check(str), compact text", lambda: pf.check(compact, now=NOW)),
            ("check(bytes)", lambda: pf.check(raw, now=NOW)),
            ("check(invalid dict)", lambda: pf.check(invalid, now=NOW)),
            ("normalize(dict)", lambda: pf.normalize(body, now=NOW)),
            ("json.dumps(dict) (reference)", lambda: json.dumps(body)),
            ("json.loads(str) (reference)", lambda: json.loads(text)),
        ]
    )

    print(f"propexo-preflight {pf.__version__} on Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    print(f"body: examples/update-valid.json, {len(raw)} bytes ({len(compact)} compact)")
    print()
    reference = next(median for name, median, _ in rows if name.startswith("json.dumps"))
    print(f"| {'call':<30} | µs/call median | µs/call best | median / json.dumps |")
    print(f"|{'-' * 32}|---------------:|-------------:|--------------------:|")
    for name, median, best in rows:
        print(f"| {name:<30} | {median:>14.2f} | {best:>12.2f} | {median / reference:>19.2f} |")
    print()
    print(f"import propexo_preflight: {import_ms():.2f} ms (median of 15 fresh interpreters)")
    if args.wheel:
        size = os.path.getsize(args.wheel)
        print(f"wheel {os.path.basename(args.wheel)}: {size / 1024:.0f} KiB ({size} bytes)")


if __name__ == "__main__":
    main()
