"""The Python API around the core: options, normalize, schedules, schema, error response,
and the agreement of the type stubs with what the core accepts."""

import ast
import datetime
import json
import typing
from pathlib import Path

import pytest

import propexo_preflight as pf
from conftest import canonical

ROOT = Path(__file__).resolve().parents[3]
STUB = Path(pf.__file__).with_name("__init__.pyi")
NOW = "2026-01-15T00:00:00Z"
EXAMPLE = json.loads((ROOT / "examples" / "update-valid.json").read_text(encoding="utf-8"))
UTC = datetime.timezone.utc


def codes(report):
    return ["%s %s" % (i["code"], i["pointer"]) for i in report["issues"]]


# --- check ------------------------------------------------------------------------------


def test_every_input_form_gives_the_same_report():
    text = json.dumps(EXAMPLE)
    reports = [
        pf.check(EXAMPLE, now=NOW),
        pf.check(text, now=NOW),
        pf.check(text.encode(), now=NOW),
        pf.check(bytearray(text.encode()), now=NOW),
        pf.check(json.dumps(EXAMPLE, indent=2), now=NOW),
    ]
    assert len({canonical(r) for r in reports}) == 1
    assert reports[0]["valid"] is True


def test_report_is_plain_data_in_the_core_key_order():
    report = pf.check({"sync_frequency": 0, "nmae": "x"}, now=NOW)
    assert list(report) == ["valid", "issues", "normalized", "changes"]
    assert type(report) is dict and type(report["issues"]) is list
    assert list(report["issues"][0]) == ["code", "severity", "path", "pointer", "message", "params"]
    assert codes(report) == ["unrecognized_keys ", "too_small /sync_frequency"]
    report = pf.check({"active": "true"}, coerce=True, now=NOW)
    assert report["changes"] == [{"path": ["active"], "pointer": "/active", "from": "true", "to": True}]
    # A change that removes a field has no "to".
    report = pf.check({"name": "x", "allow_manual_syncs": True}, now=NOW)
    assert report["changes"] == [
        {"path": ["allow_manual_syncs"], "pointer": "/allow_manual_syncs", "from": True}
    ]


def test_the_input_is_not_modified():
    body = json.loads(json.dumps(EXAMPLE))
    before = canonical(body)
    pf.check(body, coerce=True, now=NOW)
    assert canonical(body) == before


def test_options_reach_the_core():
    body = {"integration_vendor": "BUILDIUM", "credentials": {"clientId": "i", "secret": "s"}, "name": "x"}
    assert pf.check(body, operation="create", now=NOW)["valid"] is True
    assert codes(pf.check({}, operation="create", now=NOW)) == [
        "invalid_type /integration_vendor",
        "invalid_type /credentials",
        "invalid_type /name",
    ]
    assert pf.check({"sync_frequency": "15"}, now=NOW)["valid"] is False
    assert pf.check({"sync_frequency": "15"}, coerce=True, now=NOW)["normalized"] == {"sync_frequency": 15}


def test_current_and_rate_limits_as_dicts_or_json_text():
    current = {"result": {"id": "i", "vendor": "ENTRATA", "max_request_frequency": 100, "max_request_cadence": "MINUTE"}}
    limits = {"results": {"integration_id": "i", "api_ratelimits": [{"api": "leases", "minute_limit": 50}]}}
    body = {"name": "x"}
    as_dicts = pf.check(body, current=current, rate_limits=limits, now=NOW)
    as_text = pf.check(body, current=json.dumps(current), rate_limits=json.dumps(limits).encode(), now=NOW)
    assert canonical(as_dicts) == canonical(as_text)
    assert codes(as_dicts) == ["exceeds_pms_rate_limit /max_request_frequency"]
    assert codes(pf.check(body, now=NOW)) == []


def test_now_as_text_or_aware_datetime():
    body = {
        "use_custom_sync_schedule": True,
        "custom_sync_schedule": {
            "type": "WEEK_BASED",
            "timezone": "America/New_York",
            "interval": {"SUNDAY": {"slots": [{"start": "01:00", "end": "03:30", "sync_frequency": 30, "sync_cadence": "MINUTE"}]}},
        },
    }
    as_text = pf.check(body, now="2026-01-15T00:00:00Z")
    as_datetime = pf.check(body, now=datetime.datetime(2026, 1, 14, 19, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))))
    assert canonical(as_text) == canonical(as_datetime)
    later = pf.check(body, now="2026-06-01T00:00:00Z")
    assert canonical(later) != canonical(as_text)  # the next clock change is another one


@pytest.mark.parametrize(
    "options, error, message",
    [
        ({"operation": "delete"}, ValueError, 'options.operation must be "update" or "create"'),
        ({"operation": 1}, TypeError, 'operation must be a str, "update" or "create", got int'),
        ({"coerce": "yes"}, TypeError, "coerce must be a bool, got str"),
        ({"coerce": 1}, TypeError, "coerce must be a bool, got int"),
        ({"now": "yesterday"}, ValueError, "'yesterday' is not an RFC 3339 date-time"),
        ({"now": datetime.datetime(2026, 1, 1)}, ValueError, "now must be a timezone-aware datetime"),
        ({"now": 1700000000}, TypeError, "now must be a timezone-aware datetime or an RFC 3339 str, got int"),
        ({"current": [1]}, ValueError, "options.current must be the integration as Propexo returns it"),
        ({"current": {"foo": 1}}, ValueError, "options.current has none of an integration's fields"),
        ({"current": "{"}, ValueError, "current is not valid JSON"),
        ({"rate_limits": {}}, ValueError, "options.rate_limits has neither api_ratelimits"),
        ({"rate_limits": {"minute_limit": "many"}}, ValueError, "minute_limit must be a non-negative number"),
        ({"bogus": 1}, TypeError, "unexpected keyword argument 'bogus'"),
    ],
)
def test_bad_options(options, error, message):
    with pytest.raises(error) as raised:
        pf.check({}, **options)
    assert message in str(raised.value)


def test_none_means_not_given():
    body = {"sync_frequency": "15"}
    assert canonical(pf.check(body, operation=None, coerce=None, now=NOW)) == canonical(pf.check(body, now=NOW))
    assert pf.json_schema(None) == pf.json_schema("update")


def test_positional_options_are_refused():
    with pytest.raises(TypeError):
        pf.check({}, "create")  # type: ignore[misc]


# --- normalize --------------------------------------------------------------------------


def test_normalize_returns_the_normalized_body():
    body = {"sync_cadence": "HOUR", "sync_frequency": 12.0, "name": "x", "allow_manual_syncs": True}
    normalized = pf.normalize(body, now=NOW)
    assert list(normalized.items()) == [("name", "x"), ("sync_frequency", 12), ("sync_cadence", "HOUR")]
    assert pf.normalize(normalized, now=NOW) == normalized
    assert pf.normalize({"sync_frequency": " 15 "}, coerce=True, now=NOW) == {"sync_frequency": 15}


def test_normalize_raises_preflight_error_with_the_issues():
    body = {"sync_frequency": 0, "nmae": "x", "system": "SANDBOX"}
    with pytest.raises(pf.PreflightError) as raised:
        pf.normalize(body, now=NOW)
    error = raised.value
    assert isinstance(error, ValueError)
    assert error.issues == pf.check(body, now=NOW)["issues"]
    assert str(error) == "\n".join(
        [
            "body is not valid (2 errors)",
            "  (body): Unrecognized key(s) in object: 'nmae' [unrecognized_keys]",
            "  /sync_frequency: Number must be greater than or equal to 1 [too_small]",
        ]
    )
    with pytest.raises(pf.PreflightError, match=r"^body is not valid \(1 error\)\n  \(body\): "):
        pf.normalize("not json", now=NOW)


# --- schedules --------------------------------------------------------------------------


def test_next_syncs_are_aware_datetimes_in_the_local_offset():
    result = pf.next_sync_instants(EXAMPLE, from_="2026-03-07T00:00:00Z", count=3)
    assert (result["complete"], result["end"]) == (True, None)
    instants = result["syncs"]
    assert instants == [
        {"utc": "2026-03-07T15:00:00Z", "local": "2026-03-07T10:00:00-05:00"},
        {"utc": "2026-03-07T15:30:00Z", "local": "2026-03-07T10:30:00-05:00"},
        {"utc": "2026-03-07T16:00:00Z", "local": "2026-03-07T11:00:00-05:00"},
    ]
    result = pf.next_syncs(EXAMPLE, from_=datetime.datetime(2026, 3, 7, tzinfo=UTC), count=3)
    assert list(result) == ["syncs", "complete", "end"] and result["complete"]
    syncs = result["syncs"]
    assert [d.isoformat() for d in syncs] == [i["local"] for i in instants]
    assert [d.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for d in syncs] == [i["utc"] for i in instants]
    assert all(d.utcoffset() == datetime.timedelta(hours=-5) for d in syncs)


def test_next_syncs_cross_the_spring_clock_change():
    # Saturday 10:00-14:00 every 30 minutes, Sunday 08:00-12:00; clocks go forward early
    # on Sunday 8 March 2026 in New York.
    syncs = pf.next_syncs(EXAMPLE, from_="2026-03-07T18:20:00Z", count=3)["syncs"]
    assert [d.isoformat() for d in syncs] == [
        "2026-03-07T13:30:00-05:00",
        "2026-03-08T08:00:00-04:00",
        "2026-03-08T08:30:00-04:00",
    ]


def test_next_syncs_round_from_up_to_the_second():
    fixed = {"use_custom_sync_schedule": False, "sync_frequency": 1, "sync_cadence": "HOUR"}
    syncs = pf.next_sync_instants(fixed, from_=datetime.datetime(2026, 1, 1, 0, 0, 0, 1, tzinfo=UTC), count=2)
    assert syncs["syncs"] == [
        {"utc": "2026-01-01T00:00:01Z", "local": "2026-01-01T00:00:01+00:00"},
        {"utc": "2026-01-01T01:00:01Z", "local": "2026-01-01T01:00:01+00:00"},
    ]
    assert pf.next_syncs(fixed, from_="2026-01-01T00:00:00Z", count=0) == {"syncs": [], "complete": True, "end": None}
    assert len(pf.next_syncs(fixed, from_="2026-01-01T00:00:00Z")["syncs"]) == 10


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"count": -1}, ValueError, "count must be a non-negative int"),
        ({"count": -(10**30)}, ValueError, "count must be a non-negative int"),
        ({"count": 10**30}, ValueError, "count must be at most 10000"),
        ({"count": "3"}, TypeError, "count must be an int, got str"),
        ({"count": True}, TypeError, "count must be an int, got bool"),
        ({"count": pf.MAX_SYNC_COUNT + 1}, ValueError, "count must be at most 10000"),
        ({"from_": datetime.datetime(2026, 1, 1)}, ValueError, "from_ must be a timezone-aware datetime"),
        ({"from_": "soon"}, ValueError, "'soon' is not an RFC 3339 date-time"),
        ({"from_": 0}, TypeError, "from_ must be a timezone-aware datetime or an RFC 3339 str"),
    ],
)
def test_next_syncs_bad_arguments(kwargs, error, message):
    kwargs.setdefault("from_", "2026-01-01T00:00:00Z")
    for fn in (pf.next_syncs, pf.next_sync_instants):
        with pytest.raises(error) as raised:
            fn(EXAMPLE, **kwargs)
        assert message in str(raised.value)


def test_next_syncs_of_an_unknown_schedule_is_a_value_error():
    with pytest.raises(ValueError, match="^the schedule in force is unknown: "):
        pf.next_syncs({}, from_="2026-01-01T00:00:00Z")
    with pytest.raises(ValueError, match="^body is not valid JSON: "):
        pf.next_syncs("{", from_="2026-01-01T00:00:00Z")


def test_effective_schedule_and_weekly_summary():
    schedule = pf.effective_schedule(EXAMPLE)
    assert schedule["kind"] == "custom" and schedule["source"] == "body"
    assert schedule["timezone"] == "America/New_York"
    assert list(schedule["interval"]) == ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]
    summary = pf.weekly_summary(EXAMPLE)
    # 08:00-12:00 every 30 min on weekends, 09:00-17:00 every 15 min Mon-Thu, 09:00-16:00 Fri.
    assert summary["per_day"] == {
        "SUNDAY": 8, "MONDAY": 32, "TUESDAY": 32, "WEDNESDAY": 32, "THURSDAY": 32, "FRIDAY": 28, "SATURDAY": 8,
    }
    assert summary["per_week"] == 172
    assert canonical(pf.weekly_summary(json.dumps(EXAMPLE))) == canonical(summary)
    created = pf.effective_schedule(
        {"integration_vendor": "BUILDIUM", "credentials": {}, "name": "x"}, operation="create"
    )
    assert (created["kind"], created["sync_frequency"], created["sync_cadence"]) == ("fixed", 12, "HOUR")
    assert pf.effective_schedule({})["kind"] == "unknown"
    current = {"use_custom_sync_schedule": False, "sync_frequency": 2, "sync_cadence": "DAY"}
    from_current = pf.effective_schedule({}, current=current)
    assert (from_current["source"], from_current["sync_frequency"]) == ("current", 2)


# --- schema and error response ----------------------------------------------------------


def test_json_schema():
    update = pf.json_schema()
    create = pf.json_schema("create")
    assert update == pf.json_schema("update")
    assert update["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "required" not in update and create["required"] == ["integration_vendor", "credentials", "name"]
    assert "based_on_integration_id" in create["properties"]
    assert "based_on_integration_id" not in update["properties"]
    with pytest.raises(ValueError, match='operation must be "update" or "create"'):
        pf.json_schema("delete")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match='operation must be a str, "update" or "create", got int'):
        pf.json_schema(1)  # type: ignore[arg-type]


def test_to_error_response_wraps_the_errors_as_the_server_does():
    report = pf.check({"sync_frequency": 0, "nmae": "x", "system": "SANDBOX", "custom_sync_schedule": {
        "type": "WEEK_BASED", "timezone": "UTC",
        "interval": {"MONDAY": {"slots": [{"start": "10:00", "end": "09:00", "sync_frequency": 1, "sync_cadence": "HOUR"}]}},
    }}, now=NOW)
    response = pf.to_error_response(report)
    # Written by hand from the server's 400 (SPEC §3): errors only, Zod fields at the top
    # level of Zod issues, preflight's own rules as Zod "custom" issues.
    assert json.dumps(response, separators=(",", ":")) == json.dumps({
        "error": {
            "code": "invalid_request",
            "message": "invalid request",
            "details": {
                "issues": [
                    {"code": "unrecognized_keys", "keys": ["nmae"], "path": [],
                     "message": "Unrecognized key(s) in object: 'nmae'"},
                    {"code": "too_small", "minimum": 1, "inclusive": True, "exact": False, "type": "number",
                     "path": ["sync_frequency"], "message": "Number must be greater than or equal to 1"},
                    {"code": "custom", "params": {"code": "slot_end_not_after_start", **report["issues"][-1]["params"]},
                     "path": ["custom_sync_schedule", "interval", "MONDAY", "slots", 0, "end"],
                     "message": report["issues"][-1]["message"]},
                ],
                "name": "ZodError",
            },
        }
    }, separators=(",", ":"))
    # The warning (system is deprecated) is left out of the response.
    assert [i["code"] for i in report["issues"]] == [
        "unrecognized_keys", "too_small", "deprecated_field", "slot_end_not_after_start"]


def test_to_error_response_of_a_valid_report_has_no_issues():
    response = pf.to_error_response(pf.check({"name": "x"}, now=NOW))
    assert response["error"]["details"]["issues"] == []


@pytest.mark.parametrize(
    "report, error, message",
    [
        ([], ValueError, "expected a report as check returns it"),
        ({}, ValueError, "expected a report as check returns it"),
        ({"issues": [{"code": "nope", "severity": "error", "path": []}]}, ValueError, "unknown issue code 'nope'"),
        ({"issues": [5]}, ValueError, "expected a report as check returns it"),
    ],
)
def test_to_error_response_bad_reports(report, error, message):
    with pytest.raises(error) as raised:
        pf.to_error_response(report)
    assert message in str(raised.value)


# --- types ------------------------------------------------------------------------------


def stub_tree():
    return ast.parse(STUB.read_text(encoding="utf-8"))


def stub_literals(name):
    vocab = ast.parse(STUB.with_name("_vocab.py").read_text())
    for node in stub_tree().body + vocab.body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == [name]:
            subscript = node.value
            assert isinstance(subscript, ast.Subscript)
            elements = subscript.slice.elts if isinstance(subscript.slice, ast.Tuple) else [subscript.slice]
            return [e.value for e in elements]
    raise AssertionError("no alias %s in the stub" % name)


def stub_keys(name):
    for node in stub_tree().body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return [n.target.id for n in node.body if isinstance(n, ast.AnnAssign)]
    raise AssertionError("no class %s in the stub" % name)


def test_stub_literals_are_the_schema_enums():
    schema = pf.json_schema("create")
    props = schema["properties"]
    defs = schema["$defs"]
    assert stub_literals("Vendor") == props["integration_vendor"]["enum"]
    assert stub_literals("System") == props["system"]["enum"]
    assert stub_literals("Cadence") == defs["cadence"]["enum"]
    assert stub_literals("Timezone") == defs["custom_sync_schedule"]["properties"]["timezone"]["enum"]
    assert stub_literals("Weekday") == list(defs["custom_sync_schedule"]["properties"]["interval"]["properties"])
    assert tuple(stub_literals("IssueCode")) == pf.ISSUE_CODES


def test_stub_bodies_are_the_schema_bodies():
    create = pf.json_schema("create")
    update = pf.json_schema("update")
    assert stub_keys("UpdateIntegrationBody") == list(update["properties"])
    assert stub_keys("CreateIntegrationBody") == list(create["properties"])
    assert stub_keys("CustomSyncSchedule") == list(create["$defs"]["custom_sync_schedule"]["properties"])
    assert stub_keys("Slot") == list(create["$defs"]["slot"]["properties"])
    assert stub_keys("Day") == list(create["$defs"]["day"]["properties"])


def test_runtime_types_match_the_stub():
    from propexo_preflight import _types

    for alias in ("Vendor", "System", "Cadence", "Timezone", "Weekday", "IssueCode", "Severity", "Operation"):
        assert list(typing.get_args(getattr(pf, alias))) == stub_literals(alias)
    for name in ("UpdateIntegrationBody", "CreateIntegrationBody", "CustomSyncSchedule", "Slot", "Day", "Interval",
                 "Issue", "Report", "SyncInstant", "SyncsEnd", "NextSyncInstants", "NextSyncs", "Coverage",
                 "WeeklySummary", "EffectiveSchedule"):
        runtime = getattr(pf, name)
        assert runtime is getattr(_types, name)
        assert list(runtime.__annotations__) == stub_keys(name), name
    assert pf.CreateIntegrationBody.__required_keys__ == frozenset({"integration_vendor", "credentials", "name"})
    assert pf.UpdateIntegrationBody.__required_keys__ == frozenset()
    assert pf.Change.__required_keys__ == frozenset({"path", "pointer", "from"})
    assert pf.Change.__optional_keys__ == frozenset({"to"})


def test_types_load_only_when_used():
    import subprocess
    import sys

    code = "import sys, propexo_preflight as p; print('propexo_preflight._types' in sys.modules); p.Report; " \
           "print('propexo_preflight._types' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]
    with pytest.raises(AttributeError):
        pf.NotAType  # noqa: B018


def test_credential_shapes_are_the_cores_table():
    committed = Path(__file__).resolve().parents[3] / "tests" / "credential-shapes.json"
    shapes = pf.credential_shapes()
    assert shapes == json.loads(committed.read_text())
    assert list(shapes) == list(typing.get_args(pf.Vendor))
    shapes["APPFOLIO"].clear()
    assert pf.credential_shapes()["APPFOLIO"], "each call returns a fresh copy"


def test_options_given_again_or_changed_are_the_options_of_each_call():
    # The extension keeps the last options read from the same str and bool objects: a
    # call with other objects, or the same text in a new object, must read its own.
    vector = json.loads((ROOT / "tests" / "vectors" / "rules" / "dst-new-york-skipped-hour-only.json").read_text(encoding="utf-8"))
    body = vector["body"]
    date = lambda report: [i["params"].get("date") for i in report["issues"] if i["code"] == "dst_transition"]
    january = "2026-01-15T00:00:00Z"
    april = "2026-04-15T00:00:00Z"
    for _ in range(3):
        assert date(pf.verdict(body, now=january)) == ["2026-03-08"]
        assert date(pf.verdict(body, now=april)) == ["2027-03-14"]
        assert date(pf.verdict(body, now="".join(["2026-04-", "15T00:00:00Z"]))) == ["2027-03-14"]
        assert date(pf.verdict(body, now=datetime.datetime(2026, 4, 15, tzinfo=UTC))) == ["2027-03-14"]
        assert date(pf.verdict(body, now=january)) == ["2026-03-08"]
    create = {"name": "Downtown"}
    for _ in range(3):
        assert not pf.verdict(create, operation="create", now=january)["valid"]
        assert pf.verdict(create, operation="update", now=january)["valid"]
        assert pf.verdict(create, now=january)["valid"]
        assert not pf.verdict(create, operation=type("Name", (str,), {})("create"), now=january)["valid"]
    coerced = {"name": "Downtown", "sync_frequency": "15", "sync_cadence": "MINUTE"}
    for _ in range(3):
        assert pf.verdict(coerced, coerce=True, now=january)["valid"]
        assert not pf.verdict(coerced, coerce=False, now=january)["valid"]
        assert not pf.verdict(coerced, now=january)["valid"]
    current = {"use_custom_sync_schedule": False, "sync_frequency": 1, "sync_cadence": "DAY"}
    assert pf.verdict({"sync_frequency": 2}, current=current, now=january)["valid"]
    current["sync_cadence"] = "MINUTE"
    assert pf.verdict({"sync_frequency": 2}, current=current, now=january) == pf.verdict(
        {"sync_frequency": 2}, current=dict(current), now=january
    )
