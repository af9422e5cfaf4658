"""pydantic v2: strict mode (no "15" → 15, no 12.0 → 12), extra="forbid". A field typed
`X = None` may be absent but not null (pydantic does not validate a default; it does
validate an explicit null). pydantic's patterns run on Rust's regex engine, where `$` is
the end of the text."""

from typing import Annotated, Any, Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .common import Cadence, Peer, System, Vendor, Zone, overlap

Time = Annotated[str, Field(pattern=r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Slot(Strict):
    start: Time
    end: Time
    sync_frequency: Annotated[int, Field(ge=1)]
    sync_cadence: Cadence

    @model_validator(mode="after")
    def end_after_start(self):
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


class Day(Strict):
    slots: list[Slot]

    @field_validator("slots")
    @classmethod
    def no_overlap(cls, slots):
        if overlap(slots):
            raise ValueError("slots overlap")
        return slots


class Interval(Strict):
    SUNDAY: Day = None
    MONDAY: Day = None
    TUESDAY: Day = None
    WEDNESDAY: Day = None
    THURSDAY: Day = None
    FRIDAY: Day = None
    SATURDAY: Day = None


class Schedule(Strict):
    type: Literal["WEEK_BASED"]
    timezone: Zone
    interval: Interval


class Update(Strict):
    integration_vendor: Vendor = None
    credentials: dict[str, Any] = None
    name: str = None
    system: System = None
    sync_frequency: Annotated[int, Field(ge=1)] = None
    sync_cadence: Cadence = None
    max_request_cadence: Cadence = None
    max_request_frequency: Annotated[float, Field(ge=1, allow_inf_nan=False)] = None
    max_job_concurrency: Annotated[int, Field(ge=1, le=100)] = None
    active: bool = None
    # Strict mode takes only Url instances for a URL field; a body holds text.
    base_url: Annotated[pydantic.AnyUrl | None, Field(strict=False)] = None
    new_properties_are_enabled: bool = None
    allow_manual_syncs: bool = None
    custom_sync_schedule: Schedule = None
    use_custom_sync_schedule: bool = None


class Create(Update):
    integration_vendor: Vendor
    credentials: dict[str, Any]
    name: str
    based_on_integration_id: Annotated[str, Field(min_length=1)] = None


def _catch(validate):
    def run(value):
        try:
            return validate(value)
        except pydantic.ValidationError as error:
            return error

    return run


def _issues(result):
    if not isinstance(result, pydantic.ValidationError):
        return []
    return [(tuple(e["loc"]), e["msg"]) for e in result.errors(include_url=False)]


PEER = Peer(
    f"pydantic {pydantic.VERSION}",
    {"update": _catch(Update.model_validate), "create": _catch(Create.model_validate)},
    {"update": _catch(Update.model_validate_json), "create": _catch(Create.model_validate_json)},
    _issues,
)
