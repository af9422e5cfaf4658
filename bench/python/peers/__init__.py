"""The validators a Python user would pick instead of propexo-preflight, one module each,
so that each one's import and set-up can be timed alone:

- pydantic v2 and msgspec: hand-written models, as strict as each library allows (unknown
  keys forbidden, strict types, enums as Literals, ranges, finite numbers, the anchored
  HH:MM pattern, a validator for a slot's end after its start and one for overlapping
  slots). Credentials: any object, as in the published schema.
- jsonschema-rs, fastjsonschema and python-jsonschema: the published JSON Schemas in
  $PROPEXO_SCHEMAS (Propexo's documents, not kept here; see bench/README.md), with
  format checks on.

Each module has `PEER`, with `validate[op](value)`, `validate_text[op](text)` (the
library's own JSON decoder where it has one, else `json.loads` first) and
`issues(result)`: a list of (path, message), path a tuple of keys and indexes.
"""

import importlib

MODULES = ["pydantic_peer", "msgspec_peer", "jsonschema_rs_peer", "fastjsonschema_peer", "jsonschema_peer"]


def load(names=MODULES):
    return [importlib.import_module(f"peers.{name}").PEER for name in names]
