"""Randomized bodies (fixed seed): the dict path and the text path give the same report.

The generator mixes the schema's own field names and values with noise, so the reads hit
the validator's real branches (schedules, credentials, coercion) as well as junk.
"""

import json
import random

import pytest

import propexo_preflight as pf
from conftest import canonical

NOW = "2026-01-15T00:00:00Z"
SCHEMA = pf.json_schema("create")
FIELDS = list(SCHEMA["properties"])
WORDS = FIELDS + [
    "type", "timezone", "interval", "slots", "start", "end", "SUNDAY", "MONDAY", "FRIDAY",
    "apiKey", "companyId", "clientId", "secret", "WEEK_BASED", "UTC", "America/New_York",
    "US/Eastern", "MINUTE", "hour", "HOUR", "DAY", "ENTRATA", "BUILDIUM", "sample2", "09:00",
    "9:30", "17:00", "23:59", " 15 ", "true", "", "x", "é", "😀", "a\"b\\c\n", "\u0000", "\ud800",
]
NUMBERS = [0, 1, -1, 12, 100, 101, 2**53 + 1, 10**20, 10**25, -(2**70), 0.5, 1.0, -0.0, 1e-7, 1e300, 12.0]


def scalar(rng):
    kind = rng.randrange(5)
    if kind == 0:
        return rng.choice(WORDS)
    if kind == 1:
        return rng.choice(NUMBERS)
    if kind == 2:
        return rng.choice([True, False])
    if kind == 3:
        return None
    return "".join(rng.choice("ab:09 \t") for _ in range(rng.randrange(6)))


def value(rng, depth):
    kind = rng.randrange(10)
    if depth > 5 or kind < 5:
        return scalar(rng)
    if kind < 8:
        return {rng.choice(WORDS): value(rng, depth + 1) for _ in range(rng.randrange(5))}
    items = [value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return tuple(items) if kind == 8 else items


def slot(rng):
    return {
        "start": rng.choice(["09:00", "09:00", "9:00", "10:30", "23:59", "24:00", 9]),
        "end": rng.choice(["17:00", "17:00", "08:00", "10:45", "23:59"]),
        "sync_frequency": rng.choice([1, 15, 15, 0, "15", 1.5, 120]),
        "sync_cadence": rng.choice(["MINUTE", "HOUR", "minute", "DAY", "SECOND"]),
    }


def plausible(rng, schema):
    """A value of the field's own type (or, for coercion, its form-string spelling)."""
    schema = SCHEMA["$defs"]["cadence"] if schema.get("$ref") == "#/$defs/cadence" else schema
    if "enum" in schema:
        choice = rng.choice(schema["enum"])
        return rng.choice([choice, choice.lower(), " %s " % choice])
    kind = schema.get("type")
    if kind == "integer":
        n = rng.choice([1, 5, 12, 100, 12.0])
        return rng.choice([n, str(n)])
    if kind == "number":
        return rng.choice([1, 2.5, 60, "10"])
    if kind == "boolean":
        return rng.choice([True, False, "true", "false"])
    if kind == ["string", "null"]:
        return rng.choice([None, "https://api.example.com/v1", ""])
    return rng.choice(["Downtown", " Downtown ", "x", ""])


def schedule(rng):
    days = rng.sample(["SUNDAY", "MONDAY", "TUESDAY", "SATURDAY", "FRIDAY", "MONDY"], rng.randrange(4))
    out = {
        "type": "WEEK_BASED",
        "timezone": rng.choice(["UTC", "America/New_York", "America/Phoenix", "us/eastern", "Europe/Paris"]),
        "interval": {d: {"slots": [slot(rng) for _ in range(rng.randrange(3))]} for d in days},
    }
    if rng.random() < 0.1:
        out["extra"] = value(rng, 2)
    return out


def body(rng):
    out = {}
    # Half the bodies are small and mostly well typed, so that many are valid.
    small = rng.random() < 0.5
    count = rng.randrange(5) if small else rng.randrange(len(FIELDS))
    for field in rng.sample(FIELDS, count):
        if field in ("credentials", "custom_sync_schedule"):
            continue
        schema = SCHEMA["properties"][field]
        out[field] = plausible(rng, schema) if rng.random() < (0.98 if small else 0.85) else value(rng, 1)
    if small and rng.random() < 0.5:
        return out
    if rng.random() < 0.6:
        out["custom_sync_schedule"] = schedule(rng) if rng.random() < 0.9 else value(rng, 1)
        out["use_custom_sync_schedule"] = rng.choice([True, False, "true"])
    if rng.random() < 0.5:
        out["integration_vendor"] = rng.choice(["ENTRATA", "APPFOLIO", "RENTMANAGER", "yardi", 5])
        keys = rng.choice([["apiKey", "companyId"], ["clientId", "clientSecret", "developerId"], rng.sample(WORDS, 3)])
        out["credentials"] = {k: rng.choice(["k", " k ", value(rng, 3)]) for k in keys}
    return out


def as_list(value):
    """What json.dumps makes of tuples."""
    if isinstance(value, dict):
        return {k: as_list(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_list(v) for v in value]
    return value


@pytest.mark.parametrize("seed", range(300))
def test_dict_and_text_paths_agree(seed):
    rng = random.Random(seed)
    b = body(rng)
    options = {"operation": rng.choice(["update", "create"]), "coerce": rng.random() < 0.5, "now": NOW}
    from_value = pf.check(b, **options)
    from_text = pf.check(json.dumps(b), **options)
    assert canonical(from_value) == canonical(from_text)
    assert canonical(pf.verdict(b, **options)) == canonical({"valid": from_text["valid"], "issues": from_text["issues"]})
    assert canonical(pf.check(as_list(b), **options)) == canonical(from_value)
    if from_value["valid"]:
        again = pf.check(from_value["normalized"], **options)
        assert again["valid"] is True
        assert canonical(again["normalized"]) == canonical(from_value["normalized"])
