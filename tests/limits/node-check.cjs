// One check of a large body in Node, for tests/limits/limits.py.
// usage: node node-check.cjs PACKAGE_DIR FILE text|value [coerce] | PACKAGE_DIR --deep N
const fs = require('fs');
const [pkg, file, mode, flag] = process.argv.slice(2);
const { check } = require(pkg);
const options = { now: '2026-01-15T00:00:00Z', coerce: flag === 'coerce' };
let body;
if (file === '--deep') {
  // A value nested N deep, built without JSON.parse.
  let inner = [];
  for (let i = 0; i < Number(mode); i++) inner = [inner];
  body = { credentials: { a: inner } };
} else {
  const text = fs.readFileSync(file, 'utf8');
  body = mode === 'value' ? JSON.parse(text) : text;
}
const start = process.hrtime.bigint();
let result;
try {
  const report = check(body, options);
  result = {
    valid: report.valid,
    issues: report.issues.length,
    codes: [...new Set(report.issues.map((i) => i.code))],
    changes: report.changes.length,
  };
} catch (e) {
  result = { error: `${e.name}: ${String(e.message).slice(0, 200)}` };
}
result.ms = Number(process.hrtime.bigint() - start) / 1e6;
result.usable_after = check('{"name":"x"}', options).valid === true;
console.log(JSON.stringify(result));
