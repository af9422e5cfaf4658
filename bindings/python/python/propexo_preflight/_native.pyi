"""The compiled core; use the names re-exported by `propexo_preflight`."""

from propexo_preflight import (
    ISSUE_CODES as ISSUE_CODES,
    MAX_DEPTH as MAX_DEPTH,
    MAX_ISSUES as MAX_ISSUES,
    MAX_SYNC_COUNT as MAX_SYNC_COUNT,
    __version__ as __version__,
    check as check,
    credential_shapes as credential_shapes,
    effective_schedule as effective_schedule,
    json_schema as json_schema,
    next_sync_instants as next_sync_instants,
    next_syncs as next_syncs,
    to_error_response as to_error_response,
    verdict as verdict,
    weekly_summary as weekly_summary,
)

__all__ = [
    "ISSUE_CODES",
    "MAX_DEPTH",
    "MAX_ISSUES",
    "MAX_SYNC_COUNT",
    "__version__",
    "check",
    "credential_shapes",
    "effective_schedule",
    "json_schema",
    "next_sync_instants",
    "next_syncs",
    "to_error_response",
    "verdict",
    "weekly_summary",
]
