"""The schedule engine against an independent computation, and at the supported range's ends.

`next_syncs` is checked against Python's own `zoneinfo` (the system's tz database, or the
`tzdata` package where there is none): random schedules, in the eight zones, from random
instants of 1970-2099 weighted towards the weekends the clocks change. The reference below
shares nothing with the core but the documented semantics (ARCHITECTURE.md, "Schedule
semantics").
"""

import datetime
import random
import typing
from zoneinfo import ZoneInfo

import pytest

import propexo_preflight as pf
from propexo_preflight._vocab import Timezone, Weekday

UTC = datetime.timezone.utc
# The eight schedule zones and the weekdays, as the core names them (generated vocabulary).
ZONES = list(typing.get_args(Timezone))
DAYS = list(typing.get_args(Weekday))
CADENCE_SECONDS = {"SECOND": 1, "MINUTE": 60, "HOUR": 3600, "DAY": 86400, "WEEK": 604800, "MONTH": 2592000}
FIRST = datetime.datetime(1970, 1, 1, tzinfo=UTC)
LAST = datetime.datetime(2099, 12, 31, 23, 59, 59, tzinfo=UTC)
RANGE = (
    "is outside the supported range, 1970-01-01T00:00:00Z to 2099-12-31T23:59:59Z "
    "(the time-zone data lists clock changes up to 2099)"
)


def utc_text(instant):
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def hhmm(minutes):
    return "%02d:%02d" % divmod(minutes, 60)


# --- the reference ----------------------------------------------------------------------


def local_instant(zone, day, second):
    """The instant of wall-clock `second` of local `day`: None when the clocks skip it, the
    earlier one when they repeat it (fold=0)."""
    naive = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(seconds=second)
    aware = naive.replace(tzinfo=zone, fold=0)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        return None
    return aware


def expected_syncs(zone_name, slots_by_day, from_, count):
    """The first `count` instants at or after `from_` and before the end of 2099, each
    `{"utc", "local"}`, and whether the range ended first."""
    zone = ZoneInfo(zone_name)
    day = from_.astimezone(zone).date() - datetime.timedelta(days=1)
    last_day = LAST.astimezone(zone).date()
    found = []
    while len(found) < count and day <= last_day:
        weekday = (day.weekday() + 1) % 7  # Sunday = 0
        seconds = set()
        for start, end, frequency, cadence in slots_by_day.get(weekday, []):
            step = frequency * CADENCE_SECONDS[cadence]
            seconds.update(range(start * 60, end * 60, step))
        instants = {}
        for second in seconds:
            aware = local_instant(zone, day, second)
            if aware is not None and from_ <= aware <= LAST:
                instants.setdefault(aware.astimezone(UTC), aware)
        for key in sorted(instants):
            found.append({"utc": utc_text(key), "local": key.astimezone(zone).isoformat()})
        day += datetime.timedelta(days=1)
    return found[:count], len(found) < count


def clock_changes(zone_name, year):
    """The UTC days of a year on which the zone's offset changes."""
    zone = ZoneInfo(zone_name)
    changes = []
    at = datetime.datetime(year, 1, 1, 12, tzinfo=UTC)
    offset = at.astimezone(zone).utcoffset()
    while at.year == year:
        nxt = at + datetime.timedelta(days=1)
        if nxt.astimezone(zone).utcoffset() != offset:
            changes.append(at)
            offset = nxt.astimezone(zone).utcoffset()
        at = nxt
    return changes


# --- random schedules -------------------------------------------------------------------


def random_slot(rng):
    # Half the slots sit in the small hours, where the clocks change.
    if rng.random() < 0.5:
        start = rng.randrange(0, 4 * 60)
        end = min(1439, start + rng.randrange(1, 4 * 60))
    else:
        start = rng.randrange(0, 1439)
        end = rng.randrange(start + 1, 1440)
    cadence, frequency = rng.choice(
        [
            ("MINUTE", rng.randrange(1, 91)),
            ("MINUTE", rng.choice([1, 15, 30])),
            ("HOUR", rng.randrange(1, 5)),
            ("SECOND", rng.randrange(30, 600)),
            ("DAY", 1),
        ]
    )
    return start, end, frequency, cadence


def random_schedule(rng):
    zone = rng.choice(ZONES)
    slots_by_day = {}
    for weekday in rng.sample(range(7), rng.randrange(1, 8)):
        slots_by_day[weekday] = [random_slot(rng) for _ in range(rng.randrange(1, 4))]
    interval = {
        DAYS[weekday]: {
            "slots": [
                {"start": hhmm(s), "end": hhmm(e), "sync_frequency": f, "sync_cadence": c} for s, e, f, c in slots
            ]
        }
        for weekday, slots in slots_by_day.items()
    }
    body = {
        "use_custom_sync_schedule": True,
        "custom_sync_schedule": {"type": "WEEK_BASED", "timezone": zone, "interval": interval},
    }
    return zone, slots_by_day, body


def random_from(rng, zone):
    kind = rng.random()
    if kind < 0.5:
        # Shortly before a clock change (in zones without one: any day of the year).
        year = rng.randrange(1970, 2100)
        changes = clock_changes(zone, year) or [datetime.datetime(year, rng.randrange(1, 13), 10, tzinfo=UTC)]
        at = rng.choice(changes) - datetime.timedelta(seconds=rng.randrange(0, 3 * 86400))
    elif kind < 0.6:
        # The last weeks of the range: the run may stop at its end.
        at = LAST - datetime.timedelta(seconds=rng.randrange(0, 21 * 86400))
    elif kind < 0.65:
        at = FIRST + datetime.timedelta(seconds=rng.randrange(0, 7 * 86400))
    else:
        at = FIRST + datetime.timedelta(seconds=rng.randrange(0, int((LAST - FIRST).total_seconds())))
    return max(FIRST, min(LAST, at)).replace(microsecond=0)


def test_random_schedules_match_zoneinfo():
    rng = random.Random(20260817)
    ran = stopped = near_changes = 0
    for case in range(400):
        zone, slots_by_day, body = random_schedule(rng)
        from_ = random_from(rng, zone)
        count = rng.randrange(1, 40)
        syncs, range_ended = expected_syncs(zone, slots_by_day, from_, count)
        result = pf.next_sync_instants(body, from_=from_, count=count)
        where = "case %d: %s from %s count %d\n%s" % (case, zone, utc_text(from_), count, body)
        assert result["syncs"] == syncs, where
        assert result["complete"] is (not range_ended), where
        if range_ended:
            assert result["end"]["reason"] == "range_end", where
            stopped += 1
        else:
            assert result["end"] is None, where
        ran += 1
        changes = clock_changes(zone, from_.year)
        near_changes += any(
            abs((datetime.datetime.fromisoformat(s["utc"].replace("Z", "+00:00")) - c).days) < 2
            for s in syncs[:3]
            for c in changes
        )
    assert ran == 400
    # The mix reached what it aims at.
    assert stopped >= 5, stopped
    assert near_changes >= 50, near_changes


# --- the reproduction and the range's ends ----------------------------------------------

WEEKLY_IN_THE_SKIPPED_HOUR = {
    "use_custom_sync_schedule": True,
    "custom_sync_schedule": {
        "type": "WEEK_BASED",
        "timezone": "America/New_York",
        "interval": {
            "SUNDAY": {"slots": [{"start": "02:30", "end": "02:31", "sync_frequency": 1, "sync_cadence": "MINUTE"}]}
        },
    },
}
FIXED = {"use_custom_sync_schedule": False, "sync_frequency": 1, "sync_cadence": "HOUR"}


def test_a_week_without_a_sync_does_not_cut_the_search_short():
    result = pf.next_syncs(WEEKLY_IN_THE_SKIPPED_HOUR, from_="2027-03-08T00:00:00Z", count=52)
    assert result["complete"] and result["end"] is None
    assert len(result["syncs"]) == 52
    assert result["syncs"][-1].isoformat() == "2028-03-19T02:30:00-04:00"
    assert len(pf.next_syncs(WEEKLY_IN_THE_SKIPPED_HOUR, from_="2027-03-08T00:00:00Z", count=200)["syncs"]) == 200


@pytest.mark.parametrize(
    "from_",
    [
        "9999-12-31T23:59:59Z",
        "0000-01-01T00:00:00Z",
        "2100-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z",
        "2099-12-31T23:59:59.5Z",
    ],
)
@pytest.mark.parametrize("body", [FIXED, WEEKLY_IN_THE_SKIPPED_HOUR], ids=["fixed", "custom"])
def test_a_from_outside_the_range_is_the_cores_value_error(from_, body):
    for fn in (pf.next_syncs, pf.next_sync_instants):
        with pytest.raises(ValueError) as raised:
            fn(body, from_=from_, count=3)
        assert str(raised.value) == "from '%s' %s" % (from_, RANGE)
        assert type(raised.value) is ValueError


@pytest.mark.parametrize(
    "from_, text",
    [
        (datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC), "9999-12-31T23:59:59+00:00"),
        (datetime.datetime(1, 1, 1, tzinfo=UTC), "0001-01-01T00:00:00+00:00"),
        (
            datetime.datetime(9999, 12, 31, 23, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-5))),
            "9999-12-31T23:00:00-05:00",
        ),
    ],
)
def test_a_datetime_at_the_calendars_ends_is_outside_the_range(from_, text):
    # These once leaked "Invalid isoformat string: '+010000-…'" and "year 0 is out of range".
    with pytest.raises(ValueError) as raised:
        pf.next_syncs(FIXED, from_=from_, count=3)
    assert str(raised.value) == "from '%s' %s" % (text, RANGE)


def test_a_run_stops_at_the_end_of_the_range_and_says_so():
    result = pf.next_syncs(FIXED, from_="2099-12-31T21:30:00Z", count=5)
    assert [d.isoformat() for d in result["syncs"]] == [
        "2099-12-31T21:30:00+00:00",
        "2099-12-31T22:30:00+00:00",
        "2099-12-31T23:30:00+00:00",
    ]
    assert result["complete"] is False
    assert result["end"] == {
        "reason": "range_end",
        "message": "Found 3 of the 5 sync instants asked for: the next would be after 2099-12-31T23:59:59Z, "
        "where the supported range ends (the time-zone data lists clock changes up to 2099)",
    }
    instants = pf.next_sync_instants(FIXED, from_="2099-12-31T21:30:00Z", count=5)
    assert instants["end"] == result["end"]
    assert [i["local"] for i in instants["syncs"]] == [d.isoformat() for d in result["syncs"]]
    # The first instant of the range, in a zone west of UTC: still 1969 on the wall clock.
    honolulu = dict(WEEKLY_IN_THE_SKIPPED_HOUR)
    honolulu["custom_sync_schedule"] = {
        "type": "WEEK_BASED",
        "timezone": "Pacific/Honolulu",
        "interval": {"WEDNESDAY": {"slots": [{"start": "14:00", "end": "15:00", "sync_frequency": 1, "sync_cadence": "HOUR"}]}},
    }
    first = pf.next_syncs(honolulu, from_="1970-01-01T00:00:00Z", count=1)["syncs"][0]
    assert first.isoformat() == "1969-12-31T14:00:00-10:00"


def test_a_schedule_without_slots_says_it_never_syncs():
    body = {
        "use_custom_sync_schedule": True,
        "custom_sync_schedule": {"type": "WEEK_BASED", "timezone": "UTC", "interval": {}},
    }
    result = pf.next_syncs(body, from_="2026-01-01T00:00:00Z", count=4)
    assert result == {
        "syncs": [],
        "complete": False,
        "end": {
            "reason": "no_slots",
            "message": "Found 0 of the 4 sync instants asked for: the custom schedule has no slot on any day, "
            "so it never syncs",
        },
    }


def test_the_weekly_summary_says_it_counts_a_week_without_a_clock_change():
    note = pf.weekly_summary(WEEKLY_IN_THE_SKIPPED_HOUR)["note"]
    assert note.startswith("Counted over a week without a clock change")
    assert pf.weekly_summary(FIXED)["note"] is None
