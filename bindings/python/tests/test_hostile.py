"""Hostile input (SPEC §7): nothing crashes, each case gets a clear issue or a clear
TypeError/ValueError, and the interpreter stays usable (the autouse fixture in conftest.py
checks a valid body after every test).

Where JSON text can say the same thing, the dict path must give exactly the report of the
text path: that pins the conversion to `JSON.parse` semantics without restating rules.
"""

import datetime
import decimal
import enum
import json
import pickle

import pytest

import propexo_preflight as pf
from conftest import canonical

NOW = "2026-01-15T00:00:00Z"
SECRET = "S3CR3T-hunter2-0xDEADBEEF"
DEEP = 100_000


def check(body, **options):
    options.setdefault("now", NOW)
    return pf.check(body, **options)


def summary(report):
    return ["%s %s" % (i["code"], i["pointer"]) for i in report["issues"]]


def same_as_text(body, text, **options):
    """The dict path gives the report of the text path, byte for byte."""
    from_value = check(body, **options)
    from_text = check(text, **options)
    assert canonical(from_value) == canonical(from_text)
    return from_value


# --- numbers ----------------------------------------------------------------------------


def test_nan_is_a_number_the_core_reports():
    report = check({"max_request_frequency": float("nan")})
    assert summary(report) == ["invalid_type /max_request_frequency"]
    assert report["issues"][0]["params"] == {"expected": "number", "received": "nan"}


@pytest.mark.parametrize(
    "value, literal",
    [
        (float("inf"), "1e400"),
        (float("-inf"), "-1e400"),
        (10**400, "1e400"),
        (-(10**400), "-1e400"),
        (1e308, "1e308"),
        (2**64, "18446744073709551616"),
        (2**53 + 1, "9007199254740993"),
        (123456789012345678901, "123456789012345678901"),
        (-0.0, "-0"),
        (0.1, "0.1"),
    ],
)
def test_numbers_read_as_json_parse_reads_them(value, literal):
    for field in ("max_request_frequency", "sync_frequency", "max_job_concurrency"):
        same_as_text({field: value}, '{"%s": %s}' % (field, literal))


def test_huge_ints_become_infinity():
    report = check({"max_request_frequency": 10**400})
    assert summary(report) == ["not_finite /max_request_frequency"]


def test_large_integral_numbers_come_back_as_json_writes_them():
    # JSON writes doubles below 1e21 as integers, with the shortest round-trip digits.
    report = check({"max_request_frequency": 123456789012345678901})
    assert report["normalized"] == {"max_request_frequency": 123456789012345680000}
    report = check({"max_request_frequency": 1e21})
    assert report["normalized"] == {"max_request_frequency": 1e21}
    assert isinstance(report["normalized"]["max_request_frequency"], float)
    report = check({"sync_frequency": 12.0, "sync_cadence": "HOUR"})
    assert report["normalized"]["sync_frequency"] == 12
    assert isinstance(report["normalized"]["sync_frequency"], int)


def test_negative_zero():
    report = same_as_text({"max_job_concurrency": -0.0}, '{"max_job_concurrency": -0}')
    assert summary(report) == ["too_small /max_job_concurrency"]


def test_bool_is_never_a_number():
    report = check({"sync_frequency": True, "max_job_concurrency": False})
    assert [i["params"]["received"] for i in report["issues"]] == ["boolean", "boolean"]
    report = check({"active": 1})
    assert report["issues"][0]["params"] == {"expected": "boolean", "received": "number"}


def test_int_and_str_subclasses_are_ints_and_strs():
    class Frequency(enum.IntEnum):
        TWELVE = 12

    class Cadence(str, enum.Enum):
        HOUR = "HOUR"

    report = check({"sync_frequency": Frequency.TWELVE, "sync_cadence": Cadence.HOUR})
    assert report["valid"] is True
    assert report["normalized"] == {"sync_frequency": 12, "sync_cadence": "HOUR"}
    assert type(report["normalized"]["sync_frequency"]) is int
    assert type(report["normalized"]["sync_cadence"]) is str


# --- strings ----------------------------------------------------------------------------


def test_huge_strings():
    name = "x" * 10_000_000
    report = same_as_text({"name": name}, json.dumps({"name": name}))
    assert report["valid"] is True
    assert report["normalized"]["name"] == name
    report = check({"name": 5, "nmae": name})
    assert summary(report) == ["unrecognized_keys ", "invalid_type /name"]


def test_lone_surrogates_in_values_and_keys():
    report = same_as_text({"name": "Down\ud800town"}, '{"name": "Down\\ud800town"}')
    assert summary(report) == ["lone_surrogate /name"]
    report = same_as_text({"na\udc00me": "x"}, '{"na\\udc00me": "x"}')
    assert report["issues"][0]["params"] == {"keys": ["\ufffd"]}
    body = {"integration_vendor": "ENTRATA", "credentials": {"apiKey": "k\udbff", "companyId": "c"}}
    same_as_text(body, json.dumps(body))


def test_a_str_body_with_a_lone_surrogate_is_text_that_has_no_utf8():
    class Text(str):
        def encode(self, *args):
            raise AssertionError("the subclass's encode ran")

    assert canonical(check(Text('{"name": "a\ud800"}'))) == canonical(check('{"name": "a\ud800"}'))
    report = check('{"name": "a\ud800"}')
    assert summary(report) == ["invalid_json "]
    assert report["issues"][0]["params"] == {"reason": "invalid UTF-8", "line": 1, "column": 12}
    assert canonical(report) == canonical(check('{"name": "a\ud800"}'.encode("utf-8", "surrogatepass")))


# --- nesting ----------------------------------------------------------------------------


def deep_list(depth):
    value = []
    for _ in range(depth - 1):
        value = [value]
    return value


def deep_dict(depth):
    value = {}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


@pytest.mark.parametrize("depth", [pf.MAX_DEPTH - 2, pf.MAX_DEPTH - 1, pf.MAX_DEPTH, DEEP])
def test_deep_lists_and_dicts_stop_at_the_depth_limit(depth):
    prefix = '{"integration_vendor": "ENTRATA", "credentials": {"apiKey": "k", "companyId": "c", "extra": '
    body = {"integration_vendor": "ENTRATA", "credentials": {"apiKey": "k", "companyId": "c"}}
    body["credentials"]["extra"] = deep_list(depth)
    same_as_text(body, prefix + "[" * depth + "]" * depth + "}}")
    body["credentials"]["extra"] = deep_dict(depth)
    text = prefix + '{"a": ' * (depth - 1) + "{}" + "}" * (depth - 1) + "}}"
    report = same_as_text(body, text)
    deep = [i for i in report["issues"] if i["code"] == "nesting_too_deep"]
    if depth > pf.MAX_DEPTH - 2:
        # The root object is level 0: the container at level MAX_DEPTH is not read.
        assert [len(i["path"]) for i in deep] == [pf.MAX_DEPTH]
    else:
        assert deep == []


def test_deep_root():
    report = same_as_text(deep_list(DEEP), "[" * DEEP + "]" * DEEP)
    assert summary(report) == ["invalid_type "]
    report = same_as_text(deep_dict(DEEP), '{"a": ' * (DEEP - 1) + "{}" + "}" * (DEEP - 1))
    assert summary(report) == ["unrecognized_keys "]


def test_containers_that_contain_themselves():
    loop = {"apiKey": "k", "companyId": "c"}
    loop["self"] = loop
    twice = []
    twice.append(twice)
    twice.append(twice)  # without cycle detection: 2**64 values
    report = check({"integration_vendor": "ENTRATA", "credentials": loop, "name": twice})
    # A cycle is infinitely deep: it is cut where the container meets itself again.
    assert "nesting_too_deep /credentials/self" in summary(report)
    assert "invalid_type /name" in summary(report)
    report = check({"integration_vendor": "ENTRATA", "credentials": {"apiKey": "k", "companyId": twice}})
    assert "nesting_too_deep /credentials/companyId/0" in summary(report)
    assert "nesting_too_deep /credentials/companyId/1" in summary(report)


def test_shared_references_are_read_as_copies():
    slot = {"start": "09:00", "end": "17:00", "sync_frequency": 1, "sync_cadence": "HOUR"}
    day = {"slots": [slot]}
    body = {
        "use_custom_sync_schedule": True,
        "custom_sync_schedule": {
            "type": "WEEK_BASED",
            "timezone": "UTC",
            "interval": {"MONDAY": day, "TUESDAY": day},
        },
    }
    same_as_text(body, json.dumps(body))


def test_an_exponential_object_is_a_value_error_not_a_hang():
    bomb = []
    for _ in range(80):
        bomb = [bomb, bomb]
    with pytest.raises(ValueError, match="more than 10000000 values"):
        check({"name": bomb})
    # Where the core walks the dict itself (the schedule's levels), too.
    schedule = {"type": "WEEK_BASED", "timezone": "UTC", "interval": {"MONDAY": {"slots": bomb}}}
    for function in (pf.check, pf.verdict):
        with pytest.raises(ValueError, match="more than 10000000 values"):
            function({"custom_sync_schedule": schedule}, now=NOW)


def test_dict_subclasses_and_tuples_at_every_level_read_as_their_text():
    class Body(dict):
        pass

    slot = Body(start="09:00", end="17:00", sync_frequency=1, sync_cadence="HOUR")
    body = Body(
        name="x",
        custom_sync_schedule=Body(type="WEEK_BASED", timezone="UTC", interval=Body(MONDAY=Body(slots=(slot, slot)))),
    )
    same_as_text(body, json.dumps(body))
    assert pf.verdict(body, now=NOW)["issues"] == check(json.dumps(body))["issues"]


# --- what JSON cannot hold --------------------------------------------------------------


@pytest.mark.parametrize(
    "value, received",
    [
        ({1, 2}, "set"),
        (frozenset(), "set"),
        (b"bytes", "bytes"),
        (bytearray(b"x"), "bytes"),
        (datetime.date(2026, 1, 1), "date"),
        (datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc), "date"),
        (len, "function"),
        (lambda: None, "function"),
        (object(), "object"),
        (decimal.Decimal("1.5"), "object"),
        (int, "object"),
        (memoryview(b"x"), "bytes"),
        (range(3), "object"),
        (iter([1]), "object"),
    ],
)
def test_values_json_cannot_hold_are_reported_at_their_path(value, received):
    report = check({"name": value})
    assert summary(report) == ["invalid_type /name"]
    assert report["issues"][0]["params"] == {"expected": "string", "received": received}
    report = check({"integration_vendor": "ENTRATA", "credentials": {"apiKey": value, "companyId": "c"}})
    assert "invalid_type /credentials/apiKey" in summary(report)


def test_a_memoryview_body_is_the_bytes_it_shows():
    text = b'{"nmae":"x","sync_frequency":0}'
    expected = canonical(check(text))
    assert canonical(check(memoryview(text))) == expected
    assert canonical(check(memoryview(b"xx" + text + b"yy")[2:-2])) == expected
    assert canonical(check(memoryview(bytearray(text)))) == expected
    assert summary(check(memoryview(b"{"))) == ["invalid_json "]


def test_tuples_are_lists():
    slot = {"start": "09:00", "end": "17:00", "sync_frequency": 1, "sync_cadence": "HOUR"}
    schedule = {"type": "WEEK_BASED", "timezone": "UTC", "interval": {"MONDAY": {"slots": (slot, slot)}}}
    as_tuple = check({"custom_sync_schedule": schedule})
    schedule["interval"]["MONDAY"]["slots"] = [slot, slot]
    as_list = check({"custom_sync_schedule": schedule})
    assert canonical(as_tuple) == canonical(as_list)
    assert "overlapping_slots /custom_sync_schedule/interval/MONDAY/slots/1" in summary(as_list)


@pytest.mark.parametrize(
    "body, place",
    [
        ({1: "x"}, "int", ),
        ({"credentials": {("a",): 1}}, "tuple"),
        ({"custom_sync_schedule": {"interval": {"MONDAY": {"slots": [{None: 1}]}}}}, "NoneType"),
        ({b"name": "x"}, "bytes"),
    ],
)
def test_non_str_keys_are_a_type_error_naming_the_path(body, place):
    with pytest.raises(TypeError) as raised:
        check(body)
    message = str(raised.value)
    assert "dict keys must be str" in message
    assert "type %s" % place in message


def test_non_str_key_paths():
    with pytest.raises(TypeError, match="at the top level$"):
        check({1: "x"})
    with pytest.raises(TypeError, match="at /credentials$"):
        check({"credentials": {2: "x"}})
    with pytest.raises(TypeError, match="at /custom_sync_schedule/interval/MONDAY/slots/0$"):
        check({"custom_sync_schedule": {"interval": {"MONDAY": {"slots": [{None: 1}]}}}})
    with pytest.raises(TypeError, match="^current: .* at /result$"):
        check({}, current={"result": {1.5: "x"}})


def test_objects_with_hostile_hooks_run_no_code():
    calls = []

    class Sneaky:
        def __eq__(self, other):
            calls.append("eq")
            return False

        __hash__ = object.__hash__

        @property
        def __class__(self):
            calls.append("class")
            return str

        def __float__(self):
            calls.append("float")
            return 1.0

    class BigInt(int):
        def __float__(self):
            calls.append("int float")
            return 1.0

        def __lt__(self, other):
            calls.append("lt")
            return False

    body = {"name": Sneaky(), "max_request_frequency": BigInt(10**400)}
    report = check(body)
    assert summary(report) == ["invalid_type /name", "not_finite /max_request_frequency"]
    assert calls == []


# --- secrets ----------------------------------------------------------------------------


SECRET_BODIES = [
    # wrong vendor's shape, unknown keys, a key of the wrong type
    {"integration_vendor": "ENTRATA", "credentials": {"apiKey": SECRET, "clientSecret": SECRET}},
    {"integration_vendor": "APPFOLIO", "credentials": {"clientId": 5, "clientSecret": SECRET}},
    {"integration_vendor": "ENTRATA", "credentials": {"apiKey": SECRET + "\ud800", "companyId": SECRET}},
    {"integration_vendor": "ENTRATA", "credentials": {"apiKey": [SECRET], "companyId": {"x": SECRET}}},
    {"integration_vendor": "REALPAGE_RPX", "credentials": {"base_url": SECRET}},
    {"credentials": {SECRET: SECRET}, "name": 5},
    {"credentials": SECRET},
    {"credentials": [SECRET]},
    {"integration_vendor": "nope", "credentials": {"apiKey": " %s " % SECRET}},
]


@pytest.mark.parametrize("body", SECRET_BODIES)
@pytest.mark.parametrize("coerce", [False, True])
@pytest.mark.parametrize("operation", ["update", "create"])
def test_no_credential_value_in_reports_or_exceptions(body, coerce, operation):
    for how in (body, json.dumps(body)):
        report = check(how, coerce=coerce, operation=operation)
        text = json.dumps(report["issues"] + report["changes"], ensure_ascii=False)
        assert SECRET not in text
        assert SECRET not in json.dumps(pf.to_error_response(report), ensure_ascii=False)
        if not report["valid"]:
            assert report["normalized"] is None
            with pytest.raises(pf.PreflightError) as raised:
                pf.normalize(how, coerce=coerce, operation=operation, now=NOW)
            assert SECRET not in str(raised.value)
            assert SECRET not in repr(raised.value)


def test_credentials_changed_by_coercion_are_redacted():
    body = {"integration_vendor": "ENTRATA", "credentials": {"apiKey": "  %s " % SECRET, "companyId": "c"}}
    report = check(body, coerce=True)
    assert report["changes"] == [
        {"path": ["credentials", "apiKey"], "pointer": "/credentials/apiKey", "from": "[redacted]", "to": "[redacted]"}
    ]
    # The normalized body is what the caller sends: it carries the (trimmed) credentials.
    assert report["normalized"]["credentials"]["apiKey"] == SECRET


def test_no_credential_value_in_type_errors():
    with pytest.raises(TypeError) as raised:
        check({"credentials": {"apiKey": SECRET, 7: SECRET}})
    assert SECRET not in str(raised.value)


def test_preflight_error_pickles():
    with pytest.raises(pf.PreflightError) as raised:
        pf.normalize({"sync_frequency": 0}, now=NOW)
    again = pickle.loads(pickle.dumps(raised.value))
    assert again.issues == raised.value.issues
    assert str(again) == str(raised.value)
