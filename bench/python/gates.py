"""The Python speed gates (bench/gates): verdict(dict) against jsonschema-rs (the published
schema, every error) on the dict, and verdict(str) against json.loads + jsonschema-rs, rows
interleaved batch by batch, on every body in bench/bodies. verdict is what a caller that
only asks "does it pass, and why not" calls (jsonschema-rs answers no more); check, which
also builds the normalized body, is measured beside it in the same batches. Prints one
JSON line per row and body. A benchmark, not a test."""

import json
import statistics
import sys
import timeit
from pathlib import Path

import propexo_preflight as pf

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from peers.jsonschema_rs_peer import PEER  # noqa: E402

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
NOW = "2026-01-15T00:00:00Z"


def measure(fns):
    timers = []
    for fn in fns:
        timer = timeit.Timer(fn)
        number, took = timer.autorange()
        timers.append((timer, max(1, int(number * 0.02 / max(took, 1e-9)))))
    samples = [[] for _ in fns]
    for _ in range(ROUNDS):
        for i, (timer, number) in enumerate(timers):
            samples[i].append(timer.timeit(number) / number * 1e6)
    return [statistics.median(s) for s in samples]


for path in sorted((HERE.parent / "bodies").glob("*.json")):
    body = json.loads(path.read_text(encoding="utf-8"))
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    op = "create" if path.name.startswith("create") else "update"
    t = measure([
        lambda: pf.verdict(body, operation=op, now=NOW),
        lambda: PEER.validate[op](body),
        lambda: pf.verdict(text, operation=op, now=NOW),
        lambda: PEER.validate_text[op](text),
        lambda: pf.check(body, operation=op, now=NOW),
        lambda: pf.check(text, operation=op, now=NOW),
    ])
    for gate, ours, peer, name, target in [
        ("Python verdict(dict)", t[0], t[1], "jsonschema-rs(dict)", 1.5),
        ("Python verdict(str)", t[2], t[3], "json.loads + jsonschema-rs", 0.8),
        # Beside the gates: check also builds the normalized body, which the peer does not.
        ("Python check(dict), full report", t[4], t[1], "jsonschema-rs(dict)", None),
        ("Python check(str), full report", t[5], t[3], "json.loads + jsonschema-rs", None),
    ]:
        print(json.dumps({"gate": gate, "body": path.name, "preflight": ours, "peer": peer,
                          "peer_name": name, "target": target}))
