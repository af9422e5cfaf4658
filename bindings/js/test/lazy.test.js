// The package's check reads `normalized` and `changes` from the core only when the
// caller reads them (js/api.js, checkInput): spied on the raw wasm exports, a report
// whose normalized body is never read never asks the core for it, and reading it later
// gives the bytes the full report has.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import test from 'node:test';
import { bind, exportsOf } from '../dist/api.js';
import schemas from '../dist/schema.js';

const raw = exportsOf(createRequire(import.meta.url)('../dist/node/builds.cjs').fast());

/** The API over the raw exports, counting full reports (normalized body included). */
function spied() {
  const calls = { full: 0, issuesOnly: 0 };
  const spy = { ...raw };
  spy.check_text = (text, host, options, now, issuesOnly) => {
    if (issuesOnly) calls.issuesOnly += 1;
    else calls.full += 1;
    return raw.check_text(text, host, options, now, issuesOnly);
  };
  return { api: bind(spy, () => {}, schemas), calls };
}

const body = JSON.parse(fs.readFileSync(new URL('../../../examples/update-valid.json', import.meta.url), 'utf8'));
const options = { now: '2026-01-15T00:00:00Z', coerce: true };
const full = (input) => raw.check_text(typeof input === 'string' ? input : JSON.stringify(input), false, JSON.stringify(options), 0);

for (const [kind, input] of [['object', body], ['text', JSON.stringify(body)]]) {
  test(`check(${kind}): valid and issues without normalizing`, () => {
    const { api, calls } = spied();
    const report = api.check(input, options);
    assert.equal(report.valid, true);
    assert.ok(report.issues.length > 0);
    assert.deepEqual(Object.keys(report), ['valid', 'issues', 'normalized', 'changes']);
    assert.deepEqual(calls, { full: 0, issuesOnly: 1 });
    // Read later: the full report's bytes, from one more call, then cached.
    assert.equal(JSON.stringify(report), full(input));
    assert.deepEqual(calls, { full: 1, issuesOnly: 1 });
    assert.equal(report.normalized, report.normalized);
    void report.changes;
    assert.deepEqual(calls, { full: 1, issuesOnly: 1 });
    assert.equal(JSON.stringify(report), full(input));
  });
}

test('reading changes first settles normalized as well', () => {
  const { api, calls } = spied();
  const report = api.check({ ...body, sync_frequency: '60' }, options);
  assert.ok(Array.isArray(report.changes));
  assert.equal(report.normalized.sync_frequency, 60);
  assert.equal(calls.full, 1);
});

test('a field assigned before it is read keeps the assigned value', () => {
  const { api, calls } = spied();
  const report = api.check(body, options);
  report.normalized = 'mine';
  assert.equal(report.normalized, 'mine');
  assert.equal(calls.full, 0);
  assert.ok(Array.isArray(report.changes));
  assert.equal(report.normalized, 'mine');
});

test('the later call uses the clock of the first (no options.now)', () => {
  const { api } = spied();
  const realNow = Date.now;
  let report;
  try {
    Date.now = () => Date.parse('2026-01-15T00:00:00Z');
    report = api.check(body);
    Date.now = () => Date.parse('2030-06-01T00:00:00Z');
    const later = JSON.parse(raw.check_text(JSON.stringify(body), false, undefined, Date.parse('2026-01-15T00:00:00Z')));
    assert.deepEqual(JSON.parse(JSON.stringify(report)), later);
  } finally {
    Date.now = realNow;
  }
});

test('normalize and a Standard Schema ask for the full report once', () => {
  const { api, calls } = spied();
  assert.equal(typeof api.normalize(body, options), 'object');
  assert.deepEqual(calls, { full: 1, issuesOnly: 0 });
  const schema = api.standardSchema(options);
  const before = calls.full;
  assert.ok('value' in schema['~standard'].validate(body));
  assert.equal(calls.full, before + 1);
});

test('a lazy report spreads, clones and compares as the full report', () => {
  const { api } = spied();
  const text = JSON.stringify(body);
  const expected = JSON.parse(full(text));
  assert.deepStrictEqual({ ...api.check(text, options) }, expected);
  assert.deepStrictEqual(structuredClone(api.check(text, options)), expected);
  const report = api.check(text, options);
  assert.deepEqual(Object.entries(report).map(([key]) => key), ['valid', 'issues', 'normalized', 'changes']);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(report)), expected);
  // Each report keeps its own pending body: a later check does not change an earlier report.
  const first = api.check({ ...body, name: 'First' }, options);
  const second = api.check({ ...body, name: 'Second' }, options);
  assert.equal(second.normalized.name, 'Second');
  assert.equal(first.normalized.name, 'First');
});

test("a lazy report's accessors read from the report they are called on", () => {
  const { api } = spied();
  const report = api.check(body, options);
  const getter = Object.getOwnPropertyDescriptor(report, 'normalized').get;
  assert.equal(getter.call({}), undefined);
  const derived = Object.create(report);
  assert.equal(derived.normalized.name, body.name);
  assert.equal(report.normalized.name, body.name);
});

test('a full call that fails leaves the report pending: the next read makes it again', () => {
  let failures = 1;
  const spy = { ...raw };
  spy.check_text = (text, host, options, now, issuesOnly) => {
    if (!issuesOnly && failures-- > 0) throw new Error('the module failed');
    return raw.check_text(text, host, options, now, issuesOnly);
  };
  const report = bind(spy, () => {}, schemas).check(body, options);
  assert.throws(() => report.normalized, /the module failed/);
  assert.equal(report.normalized.name, body.name);
  assert.ok(Array.isArray(report.changes));
});
