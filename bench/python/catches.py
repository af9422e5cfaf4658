"""What each validator catches: every Python peer over the shared vectors in tests/vectors,
and, per preflight error code, how many of the bodies preflight rejects with that code
each peer lets through (accepts). A benchmark report, not a test: it asserts nothing.

    bench/python/.venv/bin/python bench/python/catches.py [--list]

Vectors taken: strict ones only (`coerce: true` is skipped: the peers have no coercion
mode that matches), and `body_text` only when it is JSON as JSON.parse reads it (no NaN
or Infinity literals; the peers get the parsed value). The operation's schema follows
`options.operation` (update by default). preflight runs on the vector as written (its
text, or its body) with its options. The same rules as bench/node/catches.mjs.
"""

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import propexo_preflight as pf

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peers as peer_modules  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

LABELS = {
    "invalid_type": "wrong type, missing required field",
    "unrecognized_keys": "unknown key (root or schedule, e.g. `MONDY`)",
    "invalid_enum_value": "value not in the enum",
    "invalid_string": "time not `HH:MM` (unanchored pattern), relative URL",
    "too_small": "below a minimum",
    "too_big": "above a maximum",
    "not_finite": "number overflows to infinity",
    "missing_credential_field": "credentials lack a key the vendor's shape requires",
    "invalid_credential_field": "credential value of the wrong type or form",
    "request_rate_below_floor": "fewer than one request per minute",
    "overlapping_slots": "two slots of a day overlap",
    "slot_end_not_after_start": "a slot's end is not after its start",
    "custom_schedule_missing": "custom schedule in force, none given",
    "nesting_too_deep": "nested deeper than 64 levels",
    "lone_surrogate": "string with a lone UTF-16 surrogate (no UTF-8 form)",
    "invalid_json": "JSON the server would not parse",
}


def strict_json(text):
    def refuse(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def related(a, b):
    """One path is a prefix of the other (a peer may report an object where preflight
    names its key, or the reverse)."""
    n = min(len(a), len(b))
    return all(str(x) == str(y) for x, y in zip(a[:n], b[:n]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="name the vectors behind each number")
    args = parser.parse_args()
    peers = peer_modules.load()

    skipped = {"coerce": 0, "not_json": 0}
    invalid, valid = [], []
    codes = defaultdict(list)
    warnings = set()
    results = {p.name: {} for p in peers}
    mismatch = 0
    for path in sorted((ROOT / "tests" / "vectors").rglob("*.json")):
        name = str(path.relative_to(ROOT / "tests" / "vectors").with_suffix(""))
        vector = json.loads(path.read_text(encoding="utf-8"))
        if "usage_error" in vector:
            continue  # bad options, no body to judge
        options = dict(vector.get("options") or {})
        if options.get("coerce"):
            skipped["coerce"] += 1
            continue
        if "body_text" in vector:
            try:
                body = strict_json(vector["body_text"])
            except ValueError:
                skipped["not_json"] += 1
                continue
            source = vector["body_text"]
        else:
            body = vector["body"]
            # A str is JSON text for the package: the body "x" is the text '"x"'.
            source = json.dumps(body) if isinstance(body, str) else body
        if pf.check(source, **options)["valid"] != vector["report"]["valid"]:
            mismatch += 1
        errors = [i for i in vector["report"]["issues"] if i["severity"] == "error"]
        warnings.update(i["code"] for i in vector["report"]["issues"] if i["severity"] == "warning")
        if vector["report"]["valid"]:
            valid.append(name)
        else:
            invalid.append(name)
            for code in dict.fromkeys(i["code"] for i in errors):
                codes[code].append(name)
        op = "create" if options.get("operation") == "create" else "update"
        for peer in peers:
            raised = False
            try:
                issues = peer.issues(peer.validate[op](body))
            except Exception as error:  # counted as a rejection, and in its own row
                raised = True
                issues = [((), f"raised {type(error).__name__}: {error}")]
            results[peer.name][name] = {
                "accepted": not issues,
                "raised": raised,
                "related": not raised and any(related(tuple(i["path"]), p) for i in errors for p, _ in issues),
                "first": issues[0][1] if issues else None,
            }

    order = sorted(codes, key=lambda c: (-len(codes[c]), c))
    head = ["preflight error code", "what", "bodies", *(p.name for p in peers)]
    lines = [f"| {' | '.join(head)} |", "|" + "|".join("---" if i < 2 else "---:" for i in range(len(head))) + "|"]
    named = {}
    for code in order:
        cells = []
        for peer in peers:
            through = [n for n in codes[code] if results[peer.name][n]["accepted"]]
            named[f"{code} / {peer.name}"] = through
            cells.append(str(len(through)))
        lines.append(f"| `{code}` | {LABELS.get(code, '')} | {len(codes[code])} | {' | '.join(cells)} |")

    def row(label, what, n, pick):
        cells = []
        for peer in peers:
            hit = pick(results[peer.name])
            named[f"{label} / {peer.name}"] = hit
            cells.append(f"**{len(hit)}**")
        lines.append(f"| {label} | {what} | {n} | {' | '.join(cells)} |")

    row("**invalid bodies let through**", "accepted although preflight finds an error", len(invalid),
        lambda r: [n for n in invalid if r[n]["accepted"]])
    row("rejected elsewhere", "rejected, but no issue where preflight's errors are", len(invalid),
        lambda r: [n for n in invalid if not r[n]["accepted"] and not r[n]["related"] and not r[n]["raised"]])
    row("**valid bodies rejected**", "preflight: valid (perhaps with warnings)", len(valid),
        lambda r: [n for n in valid if not r[n]["accepted"]])
    row("raised", "an exception instead of a result (counted as rejected above)", len(invalid) + len(valid),
        lambda r: [n for n in invalid + valid if r[n]["raised"]])

    note = f" WARNING: preflight disagreed with {mismatch} blessed reports (stale build?)." if mismatch else ""
    print(f"Vectors: {len(invalid)} invalid and {len(valid)} valid bodies taken from tests/vectors; "
          f"skipped {skipped['coerce']} with coerce and {skipped['not_json']} whose text is not JSON. "
          f"A body with several error codes counts once in each code's row.{note}")
    print()
    print("\n".join(lines))
    print()
    print("preflight's warnings in these vectors, which no peer has a notion of: "
          + ", ".join(f"`{c}`" for c in sorted(warnings)) + ".")
    if args.list:
        print()
        for key, hit in named.items():
            if not hit:
                continue
            peer = key.rsplit(" / ", 1)[1]
            print(f"{key}:")
            for n in hit:
                first = results[peer][n]["first"]
                print(f"  {n}" + (f" ({first})" if first else ""))


if __name__ == "__main__":
    main()
