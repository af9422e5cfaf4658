#!/usr/bin/env python3
"""Differential test of preflight against the published request schemas.

Bodies are generated from JSON Schemas with hypothesis-jsonschema (derandomized, so a run
is reproducible), some with one mutation applied, and each body is judged by:

- python-jsonschema on the *published* schema ($PROPEXO_SCHEMAS/*_input.schema.json) vs preflight's
  `valid`: every disagreement is classified by its cause, either a documented decision
  (with the SPEC.md section) or UNEXPLAINED, which is a bug to fix;
- python-jsonschema on preflight's *own exported* schema (`json_schema(operation)`) vs
  preflight's structural verdict (no issue with a structural code): these must agree
  exactly, since the exported schema claims to describe what the validator accepts;
- preflight on the dict vs preflight on its JSON text: the same report.

Usage: differential.py [--examples N] [--json OUT]   (tests/differential/run sets it up)
"""
import argparse
import collections
import copy
import json
import math
import os
import pathlib
import sys

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

import propexo_preflight as pf

HERE = pathlib.Path(__file__).resolve().parent
SCHEMA_FILES = {"update": "put_input.schema.json", "create": "post_input.schema.json"}
PUBLISHED_DIR = pathlib.Path(os.environ["PROPEXO_SCHEMAS"])
PUBLISHED = {op: json.loads((PUBLISHED_DIR / f).read_text()) for op, f in SCHEMA_FILES.items()}
STRICT = {op: pf.json_schema(op) for op in SCHEMA_FILES}

STRUCTURAL = {
    "invalid_type", "unrecognized_keys", "invalid_enum_value", "invalid_string", "too_small",
    "too_big", "not_finite", "invalid_json", "lone_surrogate", "nesting_too_deep",
}
LIVE_ONLY_VENDORS = {"YARDI", "APPFOLIO", "YARDI_REST"}
REDACTED_VENDORS = {"SAMPLE1", "SAMPLE2"}
DOUBLE_MAX = 1.7976931348623157e308

# Why preflight may reject a body the published schema accepts (or accept one it
# rejects): each class cites the SPEC.md section and line where the decision is written.
CLASSES = {
    "unknown-keys": "Unknown keys are errors at the root, in the schedule, interval, days and slots; the published schema has no additionalProperties: false (SPEC §4, lines 82-84)",
    "time-whole-string": "HH:MM is the whole string, ASCII digits; the published pattern is unanchored and Python's \\d takes any Unicode digit (SPEC §4, lines 97-98)",
    "sync-frequency-min": "sync_frequency is an integer >= 1; the published PUT schema has no minimum (SPEC §4, line 90)",
    "based-on-nonempty": "based_on_integration_id is a non-empty string (SPEC §4, line 89)",
    "vendor-names": "integration_vendor takes the live API's names (YARDI, APPFOLIO, YARDI_REST); the published enum has the redacted SAMPLE1/SAMPLE2 instead (SPEC §4, lines 85-87)",
    "base-url-uri": "base_url is null or an absolute URI; the published format: uri is only an annotation in draft 2020-12 (SPEC §4, line 93)",
    "beyond-double": "a number beyond the double range is Infinity, as JSON.parse reads it on the server: not an integer, not finite (SPEC §4, lines 79-80 and 91; ARCHITECTURE.md json.rs)",
    "credential-shape": "credentials must fit the vendor's shape; the published anyOf starts with a branch that takes any object (SPEC §5, lines 110-112; ARCHITECTURE.md decisions)",
    "own-rule": "preflight's own errors: slot end after start, no overlapping slots, a request rate of at least one per minute, a custom schedule when one is in use (SPEC §5, lines 104-114)",
    "UNEXPLAINED": "no documented decision explains it: a bug",
}


def tightened(schema):
    """The schema with additionalProperties: false on every object that lists its
    properties, so generated bodies are not dominated by unknown keys. The any-object
    credentials branch (properties: {}) is left open."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and node.get("properties"):
                node.setdefault("additionalProperties", False)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


# One mutation: a value replaced, a key removed, or an unknown key added, anywhere.
MUTANT_VALUES = [
    None, True, False, 0, -1, 0.5, 1.5, 12.0, 100, 101, 10**400, -(10**400), "", " ", "15",
    "09:00", "09:00\n", "9:00", "x09:00y", "24:00", "0\u0669:00", "hour", "HOUR", "US/Eastern", "UTC",
    "YARDI", "APPFOLIO", "YARDI_REST", "SAMPLE1", "WEEK_BASED", "https://x.example", "not a uri",
    "a:[", [], {}, {"slots": []},
]
MUTANT_KEYS = ["MONDY", "nmae", "foo", "based_on_integration_id", "slots", "start"]


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, prefix + (i,))


def get(value, path):
    for step in path:
        value = value[step]
    return value


@st.composite
def mutated(draw, base):
    body = copy.deepcopy(draw(base))
    path = draw(st.sampled_from(list(paths(body))))
    kind = draw(st.sampled_from(["replace", "remove", "add"]))
    if kind == "replace" and path:
        get(body, path[:-1])[path[-1]] = draw(st.sampled_from(MUTANT_VALUES))
    elif kind == "remove" and path and isinstance(get(body, path[:-1]), dict):
        del get(body, path[:-1])[path[-1]]
    else:
        target = get(body, path)
        if isinstance(target, dict):
            target[draw(st.sampled_from(MUTANT_KEYS))] = draw(st.sampled_from(MUTANT_VALUES))
        elif path:
            get(body, path[:-1])[path[-1]] = draw(st.sampled_from(MUTANT_VALUES))
    return body


def big(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > DOUBLE_MAX


def at(body, path):
    try:
        return get(body, path)
    except (KeyError, IndexError, TypeError):
        return None


def classify_preflight_error(issue, body, op):
    """The class of one preflight error on a body the published schema accepts."""
    code, path = issue["code"], issue["path"]
    value = at(body, path)
    last = path[-1] if path else None
    if code == "unrecognized_keys":
        return "unknown-keys"
    if big(value):
        return "beyond-double"
    if code == "invalid_string" and last in ("start", "end"):
        return "time-whole-string"
    if code == "invalid_string" and path == ["base_url"]:
        return "base-url-uri"
    if code == "too_small" and path == ["sync_frequency"] and op == "update":
        return "sync-frequency-min"
    if code == "too_small" and path == ["based_on_integration_id"]:
        return "based-on-nonempty"
    if code == "invalid_enum_value" and path == ["integration_vendor"] and value in REDACTED_VENDORS:
        return "vendor-names"
    if code in ("missing_credential_field", "invalid_credential_field"):
        return "credential-shape"
    if code in ("slot_end_not_after_start", "overlapping_slots", "request_rate_below_floor",
                "custom_schedule_missing"):
        return "own-rule"
    return "UNEXPLAINED"


def classify_schema_error(error, body):
    """The class of one published-schema error on a body preflight accepts."""
    path = list(error.absolute_path)
    if error.validator == "enum" and path == ["integration_vendor"] and error.instance in LIVE_ONLY_VENDORS:
        return "vendor-names"
    return "UNEXPLAINED"


def shortest(a, b):
    return a if b is None or len(json.dumps(a)) <= len(json.dumps(b)) else b


class Tally:
    def __init__(self):
        self.counts = collections.Counter()  # (comparison, generator, op, outcome) -> n
        self.classes = collections.Counter()  # (direction, class) -> bodies
        self.only = collections.Counter()  # (direction, class) -> bodies explained by it alone
        self.examples = {}
        self.strict_disagreements = []
        self.text_mismatches = []

    def example(self, key, body, note):
        old = self.examples.get(key)
        if old is None or len(json.dumps(body)) < len(json.dumps(old[0])):
            self.examples[key] = (body, note)


VALIDATORS = {
    op: jsonschema.Draft202012Validator(PUBLISHED[op]) for op in SCHEMA_FILES
}
STRICT_VALIDATORS = {
    op: jsonschema.Draft202012Validator(
        STRICT[op], format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for op in SCHEMA_FILES
}
NOW = "2026-01-15T00:00:00Z"


def judge(tally, generator, op, body):
    report = pf.check(body, operation=op, now=NOW)
    text_report = pf.check(json.dumps(body), operation=op, now=NOW)
    if report != text_report:
        tally.text_mismatches.append((op, body))

    # 1. The published schema vs preflight's verdict.
    schema_errors = list(VALIDATORS[op].iter_errors(body))
    published_ok = not schema_errors
    errors = [i for i in report["issues"] if i["severity"] == "error"]
    outcome = {
        (True, True): "both accept", (False, False): "both reject",
        (True, False): "schema accepts, preflight rejects", (False, True): "schema rejects, preflight accepts",
    }[(published_ok, report["valid"])]
    tally.counts[("published", generator, op, outcome)] += 1
    if published_ok and not report["valid"]:
        classes = {classify_preflight_error(i, body, op) for i in errors}
        direction = "preflight stricter"
        notes = sorted({"%s %s" % (i["code"], i["pointer"] or "/") for i in errors})
    elif report["valid"] and not published_ok:
        classes = {classify_schema_error(e, body) for e in schema_errors}
        direction = "schema stricter"
        notes = sorted({"%s at /%s" % (e.validator, "/".join(map(str, e.absolute_path))) for e in schema_errors})
    else:
        classes = set()
    for c in classes:
        tally.classes[(direction, c)] += 1
        if len(classes) == 1:
            tally.only[(direction, c)] += 1
            tally.example((direction, c), body, "; ".join(notes))
        elif c == "UNEXPLAINED":
            tally.example((direction, c), body, "; ".join(notes))

    # 2. preflight's exported schema vs preflight's structural verdict.
    strict_ok = STRICT_VALIDATORS[op].is_valid(body)
    structural_ok = not any(i["code"] in STRUCTURAL for i in report["issues"])
    if strict_ok != structural_ok and strict_ok and all(
        i["code"] == "invalid_string" and str(at(body, i["path"])).endswith("\n")
        for i in report["issues"] if i["code"] in STRUCTURAL
    ):
        # Python's re lets `$` match before a final newline; ECMA-262 (the dialect JSON
        # Schema names) and the validator do not. A quirk of the checker, not of preflight.
        tally.counts[("strict", generator, op, "python-dollar")] += 1
        tally.example(("strict", "python-dollar"), body, "invalid_string on a value ending in a newline")
        return
    tally.counts[("strict", generator, op, "agree" if strict_ok == structural_ok else "DISAGREE")] += 1
    if strict_ok != structural_ok:
        tally.strict_disagreements.append(
            (op, body, strict_ok, [i["code"] + " " + i["pointer"] for i in report["issues"] if i["code"] in STRUCTURAL],
             [e.message[:120] for e in STRICT_VALIDATORS[op].iter_errors(body)])
        )


def run(examples, tally):
    base = {op: {
        "published": from_schema(PUBLISHED[op]),
        "published, closed": from_schema(tightened(PUBLISHED[op])),
        "preflight schema": from_schema(STRICT[op]),
    } for op in SCHEMA_FILES}
    generators = []
    for op in SCHEMA_FILES:
        generators += [
            (op, "published", base[op]["published"]),
            (op, "published, closed", base[op]["published, closed"]),
            (op, "published, closed, 1 mutation", mutated(base[op]["published, closed"])),
            (op, "preflight schema", base[op]["preflight schema"]),
            (op, "preflight schema, 1 mutation", mutated(base[op]["preflight schema"])),
        ]
    for op, name, strategy in generators:
        @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(strategy)
        def each(body):
            judge(tally, name, op, body)

        each()
        print("  %-6s %-32s done" % (op, name), file=sys.stderr)


def markdown(tally, examples):
    out = []
    out.append("| generator | operation | bodies | both accept | both reject | schema accepts, preflight rejects | schema rejects, preflight accepts |")
    out.append("|---|---|---|---|---|---|---|")
    rows = sorted({(g, op) for (c, g, op, _) in tally.counts if c == "published"}, key=lambda r: (r[1], r[0]))
    for g, op in rows:
        cells = [tally.counts[("published", g, op, o)] for o in
                 ("both accept", "both reject", "schema accepts, preflight rejects", "schema rejects, preflight accepts")]
        out.append("| %s | %s | %d | %s |" % (g, op, sum(cells), " | ".join(map(str, cells))))
    out.append("")
    out.append("| direction | class | bodies | explained by this class alone | decision |")
    out.append("|---|---|---|---|---|")
    for (direction, c), n in sorted(tally.classes.items(), key=lambda kv: (kv[0][0], -kv[1])):
        out.append("| %s | `%s` | %d | %d | %s |" % (direction, c, n, tally.only[(direction, c)], CLASSES[c]))
    out.append("")
    out.append("Examples (the shortest body each class explains alone):")
    out.append("")
    for (direction, c), (body, note) in sorted(tally.examples.items()):
        if direction == "strict":
            continue
        out.append("- %s, `%s`: `%s` → %s" % (direction, c, json.dumps(body, ensure_ascii=True)[:300], note[:300]))
    out.append("")
    python_dollar = sum(n for (c, _, _, o), n in tally.counts.items() if c == "strict" and o == "python-dollar")
    if python_dollar:
        out.append("preflight's exported schema accepts and preflight rejects %d bodies only because Python's `re` "
                   "lets `$` match before a final newline (ECMA-262, the dialect JSON Schema names, does not), e.g. `%s`."
                   % (python_dollar, json.dumps(tally.examples[("strict", "python-dollar")][0])[:200]))
        out.append("")
    strict_total = sum(n for (c, *_), n in tally.counts.items() if c == "strict")
    out.append("preflight's exported schema vs its structural verdict: %d bodies, %d disagreements; "
               "dict vs JSON text: %d reports differ." % (strict_total, len(tally.strict_disagreements), len(tally.text_mismatches)))
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=1000, help="bodies per generator and operation")
    parser.add_argument("--json", help="write the tallies and every disagreement here")
    args = parser.parse_args()
    tally = Tally()
    run(args.examples, tally)
    print(markdown(tally, args.examples))
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps({
            "counts": [list(k) + [v] for k, v in sorted(tally.counts.items())],
            "classes": [list(k) + [v, tally.only[k]] for k, v in sorted(tally.classes.items())],
            "strict_disagreements": tally.strict_disagreements,
            "text_mismatches": tally.text_mismatches,
        }, indent=1, default=str))
    bad = tally.classes.get(("preflight stricter", "UNEXPLAINED"), 0) + tally.classes.get(("schema stricter", "UNEXPLAINED"), 0)
    if bad or tally.strict_disagreements or tally.text_mismatches:
        for d in tally.strict_disagreements[:10]:
            print("STRICT SCHEMA DISAGREES:", json.dumps(d, default=str)[:600], file=sys.stderr)
        for d in tally.text_mismatches[:10]:
            print("TEXT VS DICT:", json.dumps(d, default=str)[:600], file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
