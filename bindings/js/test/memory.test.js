// The browser module uses a small free-list allocator (feature small-alloc, scripts/build)
// instead of dlmalloc. A settings page checks on every keystroke for as long as it is
// open: once the first checks have grown the memory, more checks of the same bodies must
// not grow it further (freed blocks are merged and reused, nothing leaks).
import fs from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportsOf } from '../dist/api.js';
import initWasm, * as glue from '../dist/web/preflight_wasm.js';

const raw = exportsOf(glue);

const dist = new URL('../dist/web/', import.meta.url);
const root = new URL('../../../', import.meta.url);
const bodies = ['bench/bodies/update-valid.json', 'bench/bodies/update-4-errors.json', 'bench/bodies/create-valid.json']
  .map((file) => fs.readFileSync(new URL(file, root), 'utf8'));
const options = JSON.stringify({ now: '2026-01-15T00:00:00Z' });

test('the web module memory stops growing under repeated checks', async () => {
  const wasm = await initWasm({ module_or_path: fs.readFileSync(new URL('preflight_wasm_bg.wasm', dist)) });
  // Bodies of growing and shrinking size, so blocks of many sizes are freed and reused.
  const parsed = bodies.map((body) => JSON.parse(body));
  const round = (i) => {
    bodies.forEach((body, k) => {
      assert.equal(typeof raw.check_text(body, undefined, options, undefined), 'string');
      const resized = JSON.stringify({ ...parsed[k], name: 'x'.repeat((i * 397) % 20000) });
      raw.check_text(resized, undefined, options, undefined);
      raw.weekly_summary(new TextEncoder().encode(body), undefined, options, undefined);
    });
  };
  // Names of up to 20,000 characters, in an order that does not repeat within the test.
  for (let i = 0; i < 200; i++) round(i);
  const settled = wasm.memory.buffer.byteLength;
  for (let i = 0; i < 3000; i++) round(i);
  assert.equal(wasm.memory.buffer.byteLength, settled, `memory grew from ${settled} B`);
});
