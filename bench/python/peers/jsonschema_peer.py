"""python-jsonschema with the published schemas: Draft202012Validator with its format
checker ("uri" through rfc3986-validator), every error collected (iter_errors)."""

import json
from importlib.metadata import version

from jsonschema import Draft202012Validator

from .common import Peer, published

_validators = {
    op: Draft202012Validator(published(name), format_checker=Draft202012Validator.FORMAT_CHECKER)
    for op, name in (("update", "put_input"), ("create", "post_input"))
}


def _issues(errors):
    out = []
    for e in errors:
        path = tuple(e.absolute_path)
        if e.validator == "required" and isinstance(e.instance, dict):  # at its object
            out.extend((path + (k,), e.message) for k in e.validator_value if k not in e.instance)
        else:
            out.append((path, e.message))
    return out


PEER = Peer(
    f"python-jsonschema {version('jsonschema')}",
    {op: (lambda v, val=val: list(val.iter_errors(v))) for op, val in _validators.items()},
    {op: (lambda t, val=val: list(val.iter_errors(json.loads(t)))) for op, val in _validators.items()},
    _issues,
)
