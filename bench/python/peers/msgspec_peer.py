"""msgspec: Structs with forbid_unknown_fields; UNSET marks an absent field (null is
rejected); __post_init__ runs during decoding and its ValueError becomes a
ValidationError. msgspec's patterns use Python's `re.search`, where `$` also matches
before a final newline, so `\\Z` ends them. msgspec stops at the first error."""

import json
import math
import re
from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from .common import Cadence, Peer, System, Vendor, Zone, overlap

Time = Annotated[str, Meta(pattern=r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]\Z")]
Count = Annotated[int, Meta(ge=1)]


class Slot(Struct, forbid_unknown_fields=True):
    start: Time
    end: Time
    sync_frequency: Count
    sync_cadence: Cadence

    def __post_init__(self):
        if self.end <= self.start:
            raise ValueError("end must be after start")


class Day(Struct, forbid_unknown_fields=True):
    slots: list[Slot]

    def __post_init__(self):
        if overlap(self.slots):
            raise ValueError("slots overlap")


class Interval(Struct, forbid_unknown_fields=True):
    SUNDAY: Day | UnsetType = UNSET
    MONDAY: Day | UnsetType = UNSET
    TUESDAY: Day | UnsetType = UNSET
    WEDNESDAY: Day | UnsetType = UNSET
    THURSDAY: Day | UnsetType = UNSET
    FRIDAY: Day | UnsetType = UNSET
    SATURDAY: Day | UnsetType = UNSET


class Schedule(Struct, forbid_unknown_fields=True):
    type: Literal["WEEK_BASED"]
    timezone: Zone
    interval: Interval


class Update(Struct, forbid_unknown_fields=True, kw_only=True):
    integration_vendor: Vendor | UnsetType = UNSET
    credentials: dict[str, Any] | UnsetType = UNSET
    name: str | UnsetType = UNSET
    system: System | UnsetType = UNSET
    sync_frequency: Count | UnsetType = UNSET
    sync_cadence: Cadence | UnsetType = UNSET
    max_request_cadence: Cadence | UnsetType = UNSET
    max_request_frequency: Annotated[float, Meta(ge=1)] | UnsetType = UNSET
    max_job_concurrency: Annotated[int, Meta(ge=1, le=100)] | UnsetType = UNSET
    active: bool | UnsetType = UNSET
    # msgspec has no URL type: an absolute URI's scheme, then no whitespace.
    base_url: Annotated[str, Meta(pattern=r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+\Z")] | None | UnsetType = UNSET
    new_properties_are_enabled: bool | UnsetType = UNSET
    allow_manual_syncs: bool | UnsetType = UNSET
    custom_sync_schedule: Schedule | UnsetType = UNSET
    use_custom_sync_schedule: bool | UnsetType = UNSET

    def __post_init__(self):
        # Meta has no "finite": a dict may hold inf, which passes ge=1.
        if isinstance(self.max_request_frequency, float) and not math.isfinite(self.max_request_frequency):
            raise ValueError("max_request_frequency must be finite")


class Create(Update, kw_only=True):
    integration_vendor: Vendor
    credentials: dict[str, Any]
    name: str
    based_on_integration_id: Annotated[str, Meta(min_length=1)] | UnsetType = UNSET


def _catch(fn):
    def run(value):
        try:
            return fn(value)
        except msgspec.ValidationError as error:
            return error

    return run


_AT = re.compile(r" - at `\$(.*)`$")
_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]|\[(\"(?:[^\"\\]|\\.)*\")\]")


def _issues(result):
    """The one error's path is at the end of its message: `$.a.b[0]`."""
    if not isinstance(result, msgspec.ValidationError):
        return []
    message = str(result)
    at = _AT.search(message)
    path = []
    if at:
        for key, index, quoted in _PART.findall(at.group(1)):
            path.append(key or (int(index) if index else json.loads(quoted)))
    return [(tuple(path), message)]


_decoders = {"update": msgspec.json.Decoder(Update), "create": msgspec.json.Decoder(Create)}
PEER = Peer(
    f"msgspec {msgspec.__version__}",
    {"update": _catch(lambda v: msgspec.convert(v, Update)), "create": _catch(lambda v: msgspec.convert(v, Create))},
    {op: _catch(d.decode) for op, d in _decoders.items()},
    _issues,
)
