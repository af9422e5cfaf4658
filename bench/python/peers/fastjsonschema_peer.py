"""fastjsonschema with the published schemas. It implements drafts 4, 6 and 7 and compiles
these draft 2020-12 schemas with draft 7's rules, which cover every keyword they use.
use_default=False: otherwise it writes the schema's defaults into the caller's dict. It
raises at the first error."""

import json

import fastjsonschema

from .common import Peer, published

_validators = {
    "update": fastjsonschema.compile(published("put_input"), use_default=False),
    "create": fastjsonschema.compile(published("post_input"), use_default=False),
}


def _catch(validate):
    def run(value):
        try:
            validate(value)
            return None
        except fastjsonschema.JsonSchemaValueException as error:
            return error

    return run


def _issues(error):
    if error is None:
        return []
    path = tuple(error.path[1:])  # the first element names the root, "data"
    if error.rule == "required":  # a missing key is reported at its object
        missing = [k for k in error.rule_definition if not (isinstance(error.value, dict) and k in error.value)]
        return [(path + (k,), error.message) for k in missing] or [(path, error.message)]
    return [(path, error.message)]


PEER = Peer(
    f"fastjsonschema {fastjsonschema.VERSION}",
    {op: _catch(val) for op, val in _validators.items()},
    {op: (lambda t, run=_catch(val): run(json.loads(t))) for op, val in _validators.items()},
    _issues,
)
