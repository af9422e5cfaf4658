#!/usr/bin/env python3
"""Resource limits: large bodies through the CLI, Node and Python, timed and measured.

Usage: tests/limits/run [--scale F] [--only CASE] [--hosts cli,node,python]

Writes the inputs to tests/limits/out/ (ignored by git), runs each host in a fresh
process under /usr/bin/time (wall time and peak RSS), checks that the report carries the
expected issue codes and that the host still checks a small body afterwards, and prints
a Markdown table for docs/limits.md. `--scale 0.01` makes every input 100 times smaller
(a quick try of the script itself).
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = HERE / "out"
NOW = "2026-01-15T00:00:00Z"
TIMEOUT = 900


def write_string(path, n):
    with open(path, "w") as f:
        f.write('{"name":"')
        f.write("x" * n)
        f.write('"}')


def write_keys(path, n):
    with open(path, "w") as f:
        f.write("{")
        f.write(",".join('"k%07d":0' % i for i in range(n)))
        f.write("}")


def write_slots(path, n):
    # Every slot covers 01:00-03:00 on SUNDAY in New York: each overlaps the first and
    # meets the spring-forward and fall-back changes (2026-03-08, 2026-11-01).
    slot = '{"start":"01:00","end":"03:00","sync_frequency":30,"sync_cadence":"MINUTE"}'
    with open(path, "w") as f:
        f.write('{"use_custom_sync_schedule":true,"custom_sync_schedule":{"type":"WEEK_BASED",'
                '"timezone":"America/New_York","interval":{"SUNDAY":{"slots":[')
        f.write(",".join([slot] * n))
        f.write("]}}}}")


def write_nesting(path, n):
    # Inside credentials, which the validator walks to the depth limit.
    with open(path, "w") as f:
        f.write('{"credentials":{"a":' + "[" * n + "]" * n + "}}")


def write_credentials(path, n, padded=False):
    value = '" v "' if padded else '"v"'
    with open(path, "w") as f:
        f.write('{"integration_vendor":"BUILDIUM","credentials":{')
        f.write(",".join('"k%d":%s' % (i, value) for i in range(n)))
        f.write(',"clientId":"c","secret":"s"}}')


# name, what it is, writer, size, coerce, expected (valid, codes that must appear)
CASES = [
    ("string-50mb", "`name` is a 50 MB string", write_string, 50_000_000, False, (True, [])),
    ("keys-50mb", "50 MB of unknown root keys (4.5 million)", write_keys, 4_500_000, False,
     (False, ["unrecognized_keys"])),
    ("slots-1e6", "10⁶ slots on one day, overlapping, across clock changes", write_slots, 1_000_000, False,
     (False, ["overlapping_slots", "dst_transition", "too_many_issues"])),
    ("nesting-1e5", "a credential nested 10⁵ arrays deep", write_nesting, 100_000, False,
     (False, ["nesting_too_deep"])),
    ("credentials-1e6", "10⁶ unknown credential keys", write_credentials, 1_000_000, False,
     (True, ["unknown_credential_field", "too_many_issues"])),
    ("credentials-1e6-coerce", "the same, values padded, `coerce` on (10⁶ changes)",
     lambda p, n: write_credentials(p, n, padded=True), 1_000_000, True,
     (True, ["unknown_credential_field", "too_many_issues"])),
]


def timed(command, env=None):
    with tempfile.NamedTemporaryFile("r") as stats:
        try:
            proc = subprocess.run(
                ["/usr/bin/time", "-q", "-f", "%e %M", "-o", stats.name] + command,
                capture_output=True, timeout=TIMEOUT, env=env,
            )
        except subprocess.TimeoutExpired:
            return None, None, None, "timeout after %d s" % TIMEOUT
        line = stats.read().strip().splitlines()[-1:] or ["0 0"]
        wall, rss = line[0].split()[:2]
        return float(wall), int(rss) // 1024, proc, None


def summary_from_report(report):
    codes = list(dict.fromkeys(i["code"] for i in report["issues"]))
    return {"valid": report["valid"], "issues": len(report["issues"]), "codes": codes,
            "changes": len(report["changes"])}


def run_cli(binary, path, coerce, deep):
    command = [binary, "check", "--format", "json", "--now", NOW] + (["--coerce"] if coerce else []) + [str(path)]
    wall, rss, proc, error = timed(command)
    if error:
        return wall, rss, {"error": error}
    if proc.returncode not in (0, 1):
        return wall, rss, {"error": "exit %d: %s" % (proc.returncode, proc.stderr.decode()[:200])}
    result = summary_from_report(json.loads(proc.stdout))
    result["ms"] = None
    after = subprocess.run([binary, "check", "-"], input=b'{"name":"x"}', capture_output=True)
    result["usable_after"] = after.returncode == 0  # a fresh process: always usable
    return wall, rss, result


def run_script(command):
    wall, rss, proc, error = timed(command)
    if error:
        return wall, rss, {"error": error}
    try:
        return wall, rss, json.loads(proc.stdout.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        return wall, rss, {"error": "crashed (exit %d): %s" % (proc.returncode, proc.stderr.decode()[-300:])}


def verdict(result, expected):
    if "error" in result:
        return "**" + result["error"] + "**"
    valid, codes = expected
    ok = result["valid"] == valid and all(c in result["codes"] for c in codes)
    text = "%s, %d issues (%s)" % ("valid" if result["valid"] else "invalid", result["issues"],
                                   ", ".join(result["codes"][:4]) or "none")
    if result.get("changes"):
        text += ", %d changes" % result["changes"]
    return text if ok else "**UNEXPECTED** " + text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", action="append")
    parser.add_argument("--hosts", default="cli,node,python")
    parser.add_argument("--cli", default=os.environ.get("PREFLIGHT_BIN", str(ROOT / "target/release/preflight")))
    parser.add_argument("--node-package", default=str(ROOT / "bindings/js"))
    parser.add_argument("--python", default=str(ROOT / ".venv/bin/python"))
    args = parser.parse_args()
    hosts = args.hosts.split(",")
    OUT.mkdir(exist_ok=True)

    rows = []
    for name, what, writer, size, coerce, expected in CASES:
        if args.only and name not in args.only:
            continue
        n = max(1, int(size * args.scale))
        path = OUT / (name + ".json")
        writer(path, n)
        mb = path.stat().st_size / 1e6
        deep = name.startswith("nesting")
        flag = ["coerce"] if coerce else []
        runs = []
        if "cli" in hosts:
            runs.append(("CLI", "file", run_cli(args.cli, path, coerce, deep)))
        if "node" in hosts:
            node = ["node", "--max-old-space-size=8192", str(HERE / "node-check.cjs"), args.node_package]
            runs.append(("Node", "text", run_script(node + [str(path), "text"] + flag)))
            value = node + (["--deep", str(n)] if deep else [str(path), "value"] + flag)
            runs.append(("Node", "object", run_script(value)))
        if "python" in hosts:
            py = [args.python, str(HERE / "python-check.py")]
            runs.append(("Python", "bytes", run_script(py + [str(path), "text"] + flag)))
            value = py + (["--deep", str(n)] if deep else [str(path), "value"] + flag)
            runs.append(("Python", "dict", run_script(value)))
        for host, form, (wall, rss, result) in runs:
            row = {"case": name, "what": what, "mb": mb, "host": host, "input": form, "wall": wall, "rss": rss,
                   "check_ms": result.get("ms"), "result": verdict(result, expected),
                   "usable_after": result.get("usable_after")}
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)

    print("| case | body | host | input | wall s | peak RSS MB | check ms | report | usable after |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| %s | %.1f MB | %s | %s | %s | %s | %s | %s | %s |" % (
            r["case"], r["mb"], r["host"], r["input"],
            "%.2f" % r["wall"] if r["wall"] is not None else "–",
            r["rss"] if r["rss"] is not None else "–",
            "%.0f" % r["check_ms"] if r["check_ms"] is not None else "–",
            r["result"], {True: "yes", False: "**no**", None: "–"}[r["usable_after"]]))


if __name__ == "__main__":
    main()
