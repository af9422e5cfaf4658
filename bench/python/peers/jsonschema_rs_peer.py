"""jsonschema-rs with the published schemas (draft 2020-12), formats checked, every error
collected (iter_errors)."""

import json
from importlib.metadata import version

import jsonschema_rs

from .common import Peer, published

_validators = {
    "update": jsonschema_rs.validator_for(published("put_input"), validate_formats=True),
    "create": jsonschema_rs.validator_for(published("post_input"), validate_formats=True),
}


def _issues(errors):
    out = []
    for e in errors:
        path = tuple(e.instance_path)
        if isinstance(e.kind, jsonschema_rs.ValidationErrorKind.Required):
            path += (e.kind.property,)  # a missing key is reported at its object
        out.append((path, e.message))
    return out


PEER = Peer(
    f"jsonschema-rs {version('jsonschema-rs')}",
    {op: (lambda v, val=val: list(val.iter_errors(v))) for op, val in _validators.items()},
    {op: (lambda t, val=val: list(val.iter_errors(json.loads(t)))) for op, val in _validators.items()},
    _issues,
)
