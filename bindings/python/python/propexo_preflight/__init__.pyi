"""Types of propexo_preflight: the bodies, the report, and the functions.

The body types describe what the validator accepts (its JSON Schema is `json_schema()`);
`check` takes any value and reports what does not fit.
"""

from datetime import datetime
from typing import Any, Dict, List, Literal, Mapping, Optional, Union

from typing_extensions import NotRequired, TypedDict

from .guards import PreflightAdapter as PreflightAdapter
from .guards import guard_httpx as guard_httpx
# The vocabulary is generated from the core (``_vocab.py``).
from ._vocab import (
    Cadence as Cadence,
    IssueCode as IssueCode,
    Operation as Operation,
    Severity as Severity,
    System as System,
    Timezone as Timezone,
    Vendor as Vendor,
    Weekday as Weekday,
)

__all__ = [
    "ISSUE_CODES",
    "MAX_DEPTH",
    "MAX_ISSUES",
    "MAX_SYNC_COUNT",
    "PreflightError",
    "check",
    "credential_shapes",
    "effective_schedule",
    "json_schema",
    "next_sync_instants",
    "next_syncs",
    "normalize",
    "to_error_response",
    "verdict",
    "weekly_summary",
]

__version__: str
MAX_DEPTH: int
MAX_ISSUES: int
MAX_SYNC_COUNT: int
ISSUE_CODES: tuple[IssueCode, ...]

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

class CreateIntegrationBody(TypedDict):
    """POST /v1/admin/integrations/: integration_vendor, credentials and name required."""

    integration_vendor: Vendor
    credentials: Dict[str, Any]
    name: str
    system: NotRequired[System]
    sync_frequency: NotRequired[int]
    sync_cadence: NotRequired[Cadence]
    max_request_cadence: NotRequired[Cadence]
    max_request_frequency: NotRequired[float]
    max_job_concurrency: NotRequired[int]
    active: NotRequired[bool]
    base_url: NotRequired[Optional[str]]
    new_properties_are_enabled: NotRequired[bool]
    based_on_integration_id: NotRequired[str]
    allow_manual_syncs: NotRequired[bool]
    custom_sync_schedule: NotRequired[CustomSyncSchedule]
    use_custom_sync_schedule: NotRequired[bool]

IntegrationBody = Union[UpdateIntegrationBody, CreateIntegrationBody]
#: What `check` and the schedule tools take: a parsed body, or its JSON text.
BodyInput = Union[Mapping[str, Any], str, bytes, bytearray, memoryview]
#: `current` and `rate_limits`: the response as a dict, or its JSON text.
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

Change = TypedDict(
    "Change",
    {
        "path": List[Union[str, int]],
        "pointer": str,
        "from": Any,
        # Absent when normalization removed the field.
        "to": NotRequired[Any],
    },
)

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

# --- Functions --------------------------------------------------------------------------

class PreflightError(ValueError):
    """Raised by `normalize` for a body that is not valid."""

    issues: List[Issue]
    def __init__(self, issues: List[Issue]) -> None: ...

def check(
    body: BodyInput,
    *,
    operation: Operation = "update",
    coerce: bool = False,
    current: Optional[Document] = None,
    rate_limits: Optional[Document] = None,
    now: Optional[Instant] = None,
) -> Report: ...
def verdict(
    body: BodyInput,
    *,
    operation: Operation = "update",
    coerce: bool = False,
    current: Optional[Document] = None,
    rate_limits: Optional[Document] = None,
    now: Optional[Instant] = None,
) -> Verdict: ...
def normalize(
    body: BodyInput,
    *,
    operation: Operation = "update",
    coerce: bool = False,
    current: Optional[Document] = None,
    rate_limits: Optional[Document] = None,
    now: Optional[Instant] = None,
) -> Dict[str, Any]: ...
def effective_schedule(
    body: BodyInput,
    *,
    operation: Operation = "update",
    coerce: bool = False,
    current: Optional[Document] = None,
    rate_limits: Optional[Document] = None,
    now: Optional[Instant] = None,
) -> EffectiveSchedule: ...
def weekly_summary(
    body: BodyInput,
    *,
    operation: Operation = "update",
    coerce: bool = False,
    current: Optional[Document] = None,
    rate_limits: Optional[Document] = None,
    now: Optional[Instant] = None,
) -> WeeklySummary: ...
def next_syncs(
    body: BodyInput,
    *,
    from_: Instant,
    count: int = 10,
    operation: Operation = "update",
    coerce: bool = False,
    current: Optional[Document] = None,
    rate_limits: Optional[Document] = None,
    now: Optional[Instant] = None,
) -> NextSyncs: ...
def next_sync_instants(
    body: BodyInput,
    *,
    from_: Instant,
    count: int = 10,
    operation: Operation = "update",
    coerce: bool = False,
    current: Optional[Document] = None,
    rate_limits: Optional[Document] = None,
    now: Optional[Instant] = None,
) -> NextSyncInstants: ...
def json_schema(operation: Operation = "update") -> Dict[str, Any]: ...
def credential_shapes() -> Dict[Vendor, List[Dict[str, Any]]]:
    """The credential keys each vendor's shapes hold, from the core's table."""
def to_error_response(report: Report) -> ErrorResponse: ...
