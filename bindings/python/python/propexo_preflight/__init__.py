"""Check and normalize Propexo admin-API integration bodies before they are sent.

Every rule, message and default lives in the Rust core (``propexo_preflight._native``);
this module only re-exports it and adds :func:`normalize` and :class:`PreflightError`.
Types are in ``__init__.pyi``.
"""

from ._native import (
    ISSUE_CODES,
    MAX_DEPTH,
    MAX_ISSUES,
    MAX_SYNC_COUNT,
    check,
    credential_shapes,
    effective_schedule,
    json_schema,
    next_sync_instants,
    next_syncs,
    to_error_response,
    verdict,
    weekly_summary,
)
from ._native import __version__

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


#: Types defined in _types.py (and in __init__.pyi for type checkers), loaded on first use.
_TYPES = frozenset(
    (
        "BodyInput Cadence Change Coverage CreateIntegrationBody CustomSyncSchedule Day "
        "Document EffectiveSchedule ErrorBody ErrorDetails ErrorResponse Instant "
        "IntegrationBody Interval Issue IssueCode NextSyncInstants NextSyncs Operation Report "
        "ScheduleSlot Severity Slot SyncInstant SyncsEnd System Timezone UpdateIntegrationBody "
        "Vendor Verdict Weekday WeeklySummary"
    ).split()
)


#: The HTTP client guards (guards.py), loaded on first use so that importing this package
#: imports neither httpx nor requests.
_GUARDS = frozenset(("PreflightAdapter", "guard_httpx"))


def __getattr__(name):
    if name in _TYPES:
        from . import _types

        return getattr(_types, name)
    if name in _GUARDS:
        from . import guards

        return getattr(guards, name)
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


def __dir__():
    return sorted(set(globals()) | _TYPES | _GUARDS)


class PreflightError(ValueError):
    """A body that is not valid: ``issues`` holds every issue of its report."""

    def __init__(self, issues):
        super().__init__(issues)
        self.issues = issues

    def __str__(self):
        errors = [i for i in self.issues if i.get("severity") == "error"]
        lines = ["body is not valid (%d error%s)" % (len(errors), "" if len(errors) == 1 else "s")]
        for issue in errors:
            lines.append(
                "  %s: %s [%s]" % (issue.get("pointer") or "(body)", issue.get("message"), issue.get("code"))
            )
        return "\n".join(lines)


def normalize(body, *, operation="update", coerce=False, current=None, rate_limits=None, now=None):
    """The normalized body of a valid body; raises :class:`PreflightError` otherwise."""
    report = check(
        body,
        operation=operation,
        coerce=coerce,
        current=current,
        rate_limits=rate_limits,
        now=now,
    )
    if not report["valid"]:
        raise PreflightError(report["issues"])
    return report["normalized"]
