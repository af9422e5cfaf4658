"""One check of a large body in Python, for tests/limits/limits.py.

usage: python python-check.py FILE text|value [coerce] | python python-check.py --deep N
"""
import json
import sys
import time

import propexo_preflight as pf

args = sys.argv[1:]
options = {"now": "2026-01-15T00:00:00Z", "coerce": len(args) > 2 and args[2] == "coerce"}
if args[0] == "--deep":
    inner = []
    for _ in range(int(args[1])):
        inner = [inner]  # nested N deep, built without json.loads (which recurses)
    body = {"credentials": {"a": inner}}
else:
    data = open(args[0], "rb").read()
    body = json.loads(data) if args[1] == "value" else data
start = time.perf_counter()
try:
    report = pf.check(body, **options)
    result = {
        "valid": report["valid"],
        "issues": len(report["issues"]),
        "codes": list(dict.fromkeys(i["code"] for i in report["issues"])),
        "changes": len(report["changes"]),
    }
except Exception as e:  # noqa: BLE001 - the point is to see what a caller would see
    result = {"error": "%s: %s" % (type(e).__name__, str(e)[:200])}
result["ms"] = (time.perf_counter() - start) * 1000
result["usable_after"] = pf.check('{"name":"x"}', **options)["valid"] is True
print(json.dumps(result))
