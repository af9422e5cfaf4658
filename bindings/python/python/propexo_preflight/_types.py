"""The types of the bodies, reports and schedules, at run time.

The vocabulary (vendors, cadences, zones, days, severities, issue codes) is generated
from the core into ``_vocab.py``. The rest are the same definitions as in ``__init__.pyi`` (where type checkers read them), written
without typing_extensions (``NotRequired`` is 3.11+; the package supports 3.10), so the
package has no run-time dependency; a test checks the two agree. ``propexo_preflight`` imports this
module only when one of these names is first used, which keeps ``import`` fast.
"""

from datetime import datetime
from typing import Any, Dict, List, Literal, Mapping, Optional, TypedDict, Union


from ._vocab import (  # noqa: F401 (re-exported)
    Cadence,
    IssueCode,
    Operation,
    Severity,
    System,
    Timezone,
    Vendor,
    Weekday,
)

# --- Bodies -----------------------------------------------------------------------------


class Slot(TypedDict):
    """Between start and end (HH:MM, local time of the schedule's zone), sync every
    sync_frequency sync_cadence units."""

    start: str
    end: str
    sync_frequency: int
    sync_cadence: Cadence


class Day(TypedDict):
    slots: List[Slot]


class Interval(TypedDict, total=False):
    SUNDAY: Day
    MONDAY: Day
    TUESDAY: Day
    WEDNESDAY: Day
    THURSDAY: Day
    FRIDAY: Day
    SATURDAY: Day


class CustomSyncSchedule(TypedDict):
    type: Literal["WEEK_BASED"]
    timezone: Timezone
    interval: Interval


class UpdateIntegrationBody(TypedDict, total=False):
    """PUT /v1/admin/integrations/{integration_id}/: every field optional."""

    integration_vendor: Vendor
    credentials: Dict[str, Any]
    name: str
    system: System
    sync_frequency: int
    sync_cadence: Cadence
    max_request_cadence: Cadence
    max_request_frequency: float
    max_job_concurrency: int
    active: bool
    base_url: Optional[str]
    new_properties_are_enabled: bool
    allow_manual_syncs: bool
    custom_sync_schedule: CustomSyncSchedule
    use_custom_sync_schedule: bool


class _CreateRequired(TypedDict):
    integration_vendor: Vendor
    credentials: Dict[str, Any]
    name: str


class CreateIntegrationBody(_CreateRequired, total=False):
    """POST /v1/admin/integrations/: integration_vendor, credentials and name required."""

    system: System
    sync_frequency: int
    sync_cadence: Cadence
    max_request_cadence: Cadence
    max_request_frequency: float
    max_job_concurrency: int
    active: bool
    base_url: Optional[str]
    new_properties_are_enabled: bool
    based_on_integration_id: str
    allow_manual_syncs: bool
    custom_sync_schedule: CustomSyncSchedule
    use_custom_sync_schedule: bool


IntegrationBody = Union[UpdateIntegrationBody, CreateIntegrationBody]
#: What `check` and the schedule tools take: a parsed body, or its JSON text.
BodyInput = Union[Mapping[str, Any], str, bytes, bytearray, memoryview]
#: `current` and `rate_limits`: the GET output as a dict, or its JSON text.
Document = Union[Mapping[str, Any], str, bytes, bytearray]
#: An instant: a timezone-aware datetime or RFC 3339 text.
Instant = Union[datetime, str]

# --- Report -----------------------------------------------------------------------------


class Issue(TypedDict):
    code: IssueCode
    severity: Severity
    path: List[Union[str, int]]
    pointer: str
    message: str
    params: Dict[str, Any]


_ChangeRequired = TypedDict(
    "_ChangeRequired",
    {"path": List[Union[str, int]], "pointer": str, "from": Any},
)


class Change(_ChangeRequired, total=False):
    # Absent when normalization removed the field.
    to: Any


class Verdict(TypedDict):
    valid: bool
    issues: List[Issue]


class Report(TypedDict):
    valid: bool
    issues: List[Issue]
    normalized: Optional[Dict[str, Any]]
    changes: List[Change]


class ErrorDetails(TypedDict):
    issues: List[Dict[str, Any]]
    name: str


class ErrorBody(TypedDict):
    code: str
    message: str
    details: ErrorDetails


class ErrorResponse(TypedDict):
    error: ErrorBody

# --- Schedules --------------------------------------------------------------------------


class SyncInstant(TypedDict):
    utc: str
    local: str


class SyncsEnd(TypedDict):
    """Why fewer instants than asked for: `no_slots` (the custom schedule never syncs) or
    `range_end` (the next would be after 2099-12-31T23:59:59Z)."""

    reason: Literal["no_slots", "range_end"]
    message: str


class NextSyncInstants(TypedDict):
    """What `next_sync_instants` returns; `end` is None when `complete`."""

    syncs: List[SyncInstant]
    complete: bool
    end: Optional[SyncsEnd]


class NextSyncs(TypedDict):
    """What `next_syncs` returns: `NextSyncInstants` with aware datetimes as `syncs`."""

    syncs: List[datetime]
    complete: bool
    end: Optional[SyncsEnd]


class ScheduleSlot(TypedDict):
    start: str
    end: str
    sync_frequency: float
    sync_cadence: Cadence


class EffectiveSchedule(TypedDict, total=False):
    """`kind` says which keys are there: fixed (source, sync_frequency, sync_cadence),
    custom (source, timezone, interval) or unknown (reason); `summary` always."""

    kind: Literal["fixed", "custom", "unknown"]
    source: str
    sync_frequency: float
    sync_cadence: Cadence
    timezone: Timezone
    interval: Dict[Weekday, List[ScheduleSlot]]
    reason: str
    summary: str


class Coverage(TypedDict):
    day: Weekday
    start: str
    end: str
    sync_frequency: float
    sync_cadence: Cadence
    syncs: float


class WeeklySummary(TypedDict):
    kind: Literal["fixed", "custom", "unknown"]
    timezone: Optional[Timezone]
    per_day: Dict[Weekday, float]
    per_week: float
    note: Optional[str]
    coverage: List[Coverage]
    summary: str
