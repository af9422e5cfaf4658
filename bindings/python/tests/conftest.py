import json
from pathlib import Path

import pytest

import propexo_preflight

VECTORS = Path(__file__).resolve().parents[3] / "tests" / "vectors"


def vector_files():
    return sorted(VECTORS.rglob("*.json"))


def canonical(value):
    """The comparison every host uses: compact JSON, key order kept, no ASCII escaping."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def option_kwargs(options):
    """A vector's options as keyword arguments (they are passed to check as they are)."""
    return dict(options or {})


@pytest.fixture(autouse=True)
def interpreter_stays_usable():
    """After every test, the package still checks a valid body normally."""
    yield
    report = propexo_preflight.check({"name": "Downtown", "sync_frequency": 6, "sync_cadence": "HOUR"})
    assert report == {
        "valid": True,
        "issues": [],
        "normalized": {"name": "Downtown", "sync_frequency": 6, "sync_cadence": "HOUR"},
        "changes": [],
    }
