"""propexo-preflight next to the validators a Python user would pick instead (pydantic,
msgspec, jsonschema-rs, fastjsonschema, python-jsonschema), in one process, on the shared
bodies in bench/bodies: speed, import and cold start, wheel sizes. A benchmark, not a
test: it asserts nothing about time.

    bench/python/compare                      (sets up bench/python/.venv, builds the wheel)
    bench/python/.venv/bin/python bench/python/compare.py [--wheel FILE] [--quick]

Each row is timed in batches of about 20 ms; the rows take turns batch by batch (so a
busy neighbour slows them alike). Printed: the median µs per call over the batches, the
spread (the middle half of the batches: 25th to 75th percentile), and the ratio of the
median to preflight's with the same input (dict, or JSON text as str).
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import timeit
from pathlib import Path

import propexo_preflight as pf

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import peers as peer_modules  # noqa: E402

NOW = "2026-01-15T00:00:00Z"
BODIES = [
    ("seed-update.json", "update", "the speed gates' seed: the docs' update example, read-only fields removed"),
    ("update-valid.json", "update", "a valid update, full week schedule"),
    ("update-4-errors.json", "update", "the same with 4 errors"),
    ("create-valid.json", "create", "a valid create"),
]


def quantiles(samples):
    s = sorted(samples)
    pick = lambda q: s[min(len(s) - 1, int(q * (len(s) - 1) + 0.5))]  # noqa: E731
    return pick(0.5), pick(0.25), pick(0.75)


def measure(rows, rounds, batch_s):
    timers = []
    for _, fn in rows:
        timer = timeit.Timer(fn)
        number, took = timer.autorange()
        timers.append((timer, max(1, int(number * batch_s / max(took, 1e-9)))))
    samples = [[] for _ in rows]
    for _ in range(rounds):
        for i, (timer, number) in enumerate(timers):
            samples[i].append(timer.timeit(number) / number * 1e6)
    return [quantiles(s) for s in samples]


def fmt(x):
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"


def speed(peers, quick):
    for file, op, what in BODIES:
        text = (ROOT / "bench" / "bodies" / file).read_text(encoding="utf-8")
        body = json.loads(text)
        expected = pf.check(body, operation=op, now=NOW)["valid"]
        for p in peers:  # each measured call must do the real work
            ok = not p.issues(p.validate[op](body))
            if ok != expected:
                print(f"NOTE: {p.name} says {'valid' if ok else 'invalid'} where preflight says "
                      f"{'valid' if expected else 'invalid'}")
        rows = [("dict", "**preflight check(dict)**", lambda: pf.check(body, operation=op, now=NOW))]
        rows += [("dict", p.name, (lambda v: lambda: v(body))(p.validate[op])) for p in peers]
        rows += [("str", "**preflight check(str)**", lambda: pf.check(text, operation=op, now=NOW))]
        native = {"pydantic": "model_validate_json", "msgspec": "json.Decoder.decode"}
        for p in peers:
            how = next((f"{p.name} ({m})" for k, m in native.items() if p.name.startswith(k)), f"json.loads + {p.name}")
            rows.append(("str", how, (lambda v: lambda: v(text))(p.validate_text[op])))
        rows += [
            ("str", "json.loads(str) alone (yardstick)", lambda: json.loads(text)),
            ("dict", "json.dumps(dict) alone (yardstick)", lambda: json.dumps(body)),
        ]
        results = measure([(name, fn) for _, name, fn in rows], rounds=8 if quick else 25, batch_s=0.005 if quick else 0.02)
        base = {kind: results[i][0] for i, (kind, name, _) in enumerate(rows) if "preflight" in name}
        print()
        print(f"### {file} ({len(text.encode())} bytes; {op}; {what}; preflight: {'valid' if expected else 'invalid'})")
        print()
        print("| input | validator | µs/call (median) | spread (25–75%) | ÷ preflight |")
        print("|---|---|---:|---:|---:|")
        for (kind, name, _), (median, lo, hi) in zip(rows, results):
            print(f"| {kind} | {name} | {fmt(median)} | {fmt(lo)}–{fmt(hi)} | {median / base[kind]:.2f} |")


def fresh(code, repeat):
    """Median and spread of the milliseconds a fresh interpreter prints for `code`."""
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=HERE)
        times.append(float(out.stdout.strip()))
    return quantiles(times)


def cold(peers, quick):
    body = str(ROOT / "bench" / "bodies" / "update-valid.json")
    timed = "import time, json; b = json.load(open({body!r})); t = time.perf_counter(); {work}; print((time.perf_counter() - t) * 1000)"
    libraries = {"pydantic": "pydantic", "msgspec": "msgspec", "jsonschema-rs": "jsonschema_rs",
                 "fastjsonschema": "fastjsonschema", "python-jsonschema": "jsonschema"}
    rows = [("propexo_preflight", "import propexo_preflight",
             "import propexo_preflight as m; m.check(b)")]
    for module, p in zip(peer_modules.MODULES, peers):
        lib = next(v for k, v in libraries.items() if p.name.startswith(k))
        rows.append((p.name, f"import {lib}", f"import peers.{module} as m; m.PEER.validate['update'](b)"))
    repeat = 5 if quick else 15
    print()
    print(f"### Import and cold start (fresh interpreter; median of {repeat})")
    print()
    print("| package | import, ms | import + models or schema + first check, ms (spread) | ÷ preflight |")
    print("|---|---:|---:|---:|")
    base = None
    for name, imp, work in rows:
        i_med, _, _ = fresh(timed.format(body=body, work=imp), repeat)
        c_med, c_lo, c_hi = fresh(timed.format(body=body, work=work), repeat)
        base = base or c_med
        print(f"| {name} | {fmt(i_med)} | {fmt(c_med)} ({fmt(c_lo)}–{fmt(c_hi)}) | {c_med / base:.2f} |")


def pinned():
    """name==version lines of requirements.txt, by distribution name."""
    out = {}
    for line in (HERE / "requirements.txt").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line)
        if m:
            out[m.group(1).lower()] = f"{m.group(1)}=={m.group(2)}"
    return out


def wheels(wheel):
    """Wheel sizes: the one given for preflight; each peer's wheels for this interpreter,
    with their runtime dependencies, fetched with `pip download` into .venv/wheels."""
    pins = pinned()
    groups = [("pydantic", ["pydantic"]), ("msgspec", ["msgspec"]), ("jsonschema-rs", ["jsonschema-rs"]),
              ("fastjsonschema", ["fastjsonschema"]), ("python-jsonschema (+ rfc3986-validator)", ["jsonschema", "rfc3986-validator"])]
    rows = []
    if wheel:
        rows.append(("propexo-preflight", [Path(wheel).name], os.path.getsize(wheel)))
    for label, names in groups:
        dest = HERE / ".venv" / "wheels" / names[0]
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check",
                        "--only-binary=:all:", "--dest", str(dest), *(pins[n] for n in names)],
                       check=True, stdout=subprocess.DEVNULL)
        files = sorted(dest.glob("*.whl"))
        rows.append((label, [f.name.split("-")[0] for f in files], sum(f.stat().st_size for f in files)))
    print()
    print("### Wheels (what pip downloads for this interpreter, runtime dependencies included)")
    print()
    print("| package | wheels | KiB | ÷ preflight |")
    print("|---|---|---:|---:|")
    base = rows[0][2] if wheel else None
    for label, files, size in rows:
        ratio = f"{size / base:.2f}" if base else ""
        print(f"| {label} | {', '.join(files)} | {size / 1024:,.0f} | {ratio} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", help="the propexo-preflight wheel installed here (for its size)")
    parser.add_argument("--quick", action="store_true", help="fewer rounds: a smoke run")
    parser.add_argument("--only", choices=["speed", "cold", "wheels"], help="one part only")
    args = parser.parse_args()
    peers = peer_modules.load()
    print(f"propexo-preflight {pf.__version__} on Python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; peers: {', '.join(p.name for p in peers)}")
    if args.only in (None, "speed"):
        speed(peers, args.quick)
    if args.only in (None, "cold"):
        cold(peers, args.quick)
    if args.only in (None, "wheels"):
        wheels(args.wheel)


if __name__ == "__main__":
    main()
