// The Node entries run two builds of the module (js/builds.js): the small one for a
// process's first calls, the fast one from its SMALL_CALLS-th call on. Every vector runs on
// each build on its own, and the switch happens once, on that call, with the arguments
// passed through as given.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { bind, exportsOf } from '../dist/api.js';
import { guards } from '../dist/guard.js';
import schemas from '../dist/schema.js';
import * as entry from '../dist/node/index.js';
import { cases } from './suite.js';
import { parseVectors, vectorFiles } from './vectors.js';

const builds = createRequire(import.meta.url)('../dist/node/builds.cjs');
const { twoBuilds, SMALL_CALLS } = builds;
const vectors = parseVectors(vectorFiles());

for (const name of ['small', 'fast']) {
  const bound = bind(exportsOf(builds[name]()), () => {}, schemas);
  const api = { ...bound, ...guards(bound) };
  for (const { name: what, run } of cases(api, vectors)) test(`${name} build: ${what}`, run);
}

test('the two builds are different modules (the small one, the browser module, is the smaller)', () => {
  const size = (file) => fs.statSync(new URL(`../dist/${file}`, import.meta.url)).size;
  assert.ok(size('web/preflight_wasm_bg.wasm') < size('node/preflight_wasm_bg.wasm') * 0.8);
});

test('calls go to the small build until the SMALL_CALLS-th, which loads the fast one once', () => {
  const calls = [];
  let fastLoads = 0;
  const glue = (name) => ({
    call_text: (...args) => (calls.push([name, 'text', ...args]), `${name} text`),
    call_bytes: (...args) => (calls.push([name, 'bytes', ...args]), `${name} bytes`),
  });
  const raw = twoBuilds(() => glue('small'), () => (fastLoads++, glue('fast')));
  const bytes = new Uint8Array([123, 125]);
  for (let i = 1; i < SMALL_CALLS; i++) {
    assert.equal(raw.call_text(0, 4, '{}', 'options', undefined, i), 'small text');
  }
  assert.equal(fastLoads, 0, 'not loaded before it is needed');
  assert.equal(raw.call_bytes(3, 1, bytes, undefined, 'from', 7), 'fast bytes');
  assert.equal(fastLoads, 1);
  assert.equal(raw.call_text(1, 0, 'x', undefined, undefined, 0), 'fast text');
  assert.equal(fastLoads, 1, 'loaded once');
  assert.equal(calls.length, SMALL_CALLS + 1);
  assert.deepEqual(calls[0], ['small', 'text', 0, 4, '{}', 'options', undefined, 1]);
  assert.deepEqual(calls[SMALL_CALLS - 1], ['fast', 'bytes', 3, 1, bytes, undefined, 'from', 7]);
});

test('the Node entry gives the same report before and after it moves to the fast build', () => {
  const body = fs.readFileSync(new URL('../../../bench/bodies/seed-update.json', import.meta.url), 'utf8');
  const options = { now: '2026-01-15T00:00:00Z' };
  const first = JSON.stringify(entry.check(body, options));
  for (let i = 0; i < 2 * SMALL_CALLS; i++) assert.equal(JSON.stringify(entry.check(body, options)), first);
  assert.match(first, /"normalized":/);
});
