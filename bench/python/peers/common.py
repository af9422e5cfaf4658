"""What the peer modules share: the vocabulary, the overlap test, the published schemas."""

import json
import os
from pathlib import Path
from typing import Literal

def published(name):
    """One of Propexo's published request schemas, from the directory named by
    PROPEXO_SCHEMAS (not kept in this repository; see bench/README.md)."""
    directory = Path(os.environ["PROPEXO_SCHEMAS"])
    return json.loads((directory / f"{name}.schema.json").read_text(encoding="utf-8"))


# The live API's vendor names (the published schema redacts YARDI and APPFOLIO as SAMPLE1
# and SAMPLE2), the cadences, the eight schedule zones.
Vendor = Literal[
    "APPFOLIO", "BUILDIUM", "ENTRATA", "MRI", "PROPERTYWARE", "PROPERTYWARE_REST", "REALPAGE",
    "REALPAGE_RPX", "RENTMANAGER", "RENTVINE", "RESMAN", "YARDI", "YARDI_REST",
]  # fmt: skip
Cadence = Literal["MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "SECOND"]
Zone = Literal[
    "UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu",
]  # fmt: skip
System = Literal["PRODUCTION", "SANDBOX"]


def overlap(slots) -> bool:
    """True when two of a day's slots overlap ("HH:MM" strings compare as times)."""
    spans = sorted((s.start, s.end) for s in slots)
    end = None
    for start, stop in spans:
        if end is not None and start < end:
            return True
        end = stop if end is None or stop > end else end
    return False


class Peer:
    def __init__(self, name, validate, validate_text, issues):
        self.name, self.validate, self.validate_text, self.issues = name, validate, validate_text, issues
