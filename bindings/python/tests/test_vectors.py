"""Every shared vector in tests/vectors, through every input path of the package.

Each must give exactly the report the Rust tests assert: the same compact JSON, key order
included. `body` vectors run through the dict path and the text path (`json.dumps(body)`);
`body_text` vectors as `str` and as UTF-8 `bytes`. Schedule vectors (`from`) also check
the schedule functions against `syncs` (and `end`), `effective` and `weekly`. `usage_error`
vectors must raise exactly that message.
"""

import json
from datetime import datetime

import pytest

import propexo_preflight as pf
from conftest import VECTORS, canonical, option_kwargs, vector_files

FILES = vector_files()


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def vector_id(path):
    return str(path.relative_to(VECTORS))


def test_the_vectors_are_there():
    # The Rust runner insists on at least 150; an empty glob must not pass silently.
    assert len(FILES) >= 150
    areas = {p.relative_to(VECTORS).parts[0] for p in FILES}
    assert {"structure", "rules", "hostile", "coerce", "normalize", "credentials"} <= areas


@pytest.mark.parametrize("path", FILES, ids=vector_id)
def test_vector(path):
    vector = load(path)
    options = option_kwargs(vector.get("options"))
    if "usage_error" in vector:
        # Bad options: the core's usage error, raised with exactly its message.
        for function in (pf.check, pf.verdict):
            with pytest.raises((TypeError, ValueError)) as error:
                function(vector["body"], **options)
            assert str(error.value) == vector["usage_error"]
        return
    expected = canonical(vector["report"])
    runs = []
    if "body" in vector:
        body = vector["body"]
        if isinstance(body, str):
            # A str is JSON text for the package: the body "x" is the text "\"x\"".
            runs.append(("text", json.dumps(body)))
        else:
            runs.append(("value", body))
            runs.append(("text", json.dumps(body)))
            runs.append(("bytes", json.dumps(body).encode("utf-8")))
    else:
        text = vector["body_text"]
        runs.append(("text", text))
        runs.append(("bytes", text.encode("utf-8")))
    whole = json.loads(expected)
    for how, body in runs:
        report = pf.check(body, **options)
        assert canonical(report) == expected, f"{how} path"
        # verdict: the same valid and issues, and nothing else.
        verdict = pf.verdict(body, **options)
        assert list(verdict) == ["valid", "issues"], f"{how} path"
        assert canonical(verdict) == canonical({"valid": whole["valid"], "issues": whole["issues"]}), f"{how} path"
    # The summary written by hand agrees with the report.
    report = json.loads(expected)
    assert report["valid"] == vector["expect"]["valid"]
    got = ["%s %s" % (i["code"], i["pointer"]) for i in report["issues"]]
    assert got == vector["expect"]["issues"]


SCHEDULE_FILES = [p for p in FILES if "from" in load(p)]


@pytest.mark.parametrize("path", SCHEDULE_FILES, ids=vector_id)
def test_schedule_vector(path):
    vector = load(path)
    options = option_kwargs(vector.get("options"))
    # Like the Rust runner: the schedule tools read `body` (a str body is JSON text here).
    body = vector.get("body")
    if isinstance(body, str):
        body = json.dumps(body)
    count = vector.get("count", 10)
    try:
        result = pf.next_sync_instants(body, from_=vector["from"], count=count, **options)
    except ValueError as e:
        assert canonical(["error: %s" % e]) == canonical(vector["syncs"])
    else:
        # `end` (written by hand) is there only when fewer than `count` instants exist.
        end = vector.get("end")
        expected = {"syncs": vector["syncs"], "complete": end is None, "end": end}
        assert canonical(result) == canonical(expected)
        from_ = datetime.fromisoformat(vector["from"].replace("Z", "+00:00"))
        aware = pf.next_syncs(body, from_=from_, count=count, **options)
        assert [d.isoformat() for d in aware["syncs"]] == [s["local"] for s in result["syncs"]]
        assert all(d.utcoffset() is not None for d in aware["syncs"])
        assert (aware["complete"], aware["end"]) == (result["complete"], result["end"])
    assert canonical(pf.effective_schedule(body, **options)) == canonical(vector["effective"])
    assert canonical(pf.weekly_summary(body, **options)) == canonical(vector["weekly"])
