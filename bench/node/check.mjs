// Speed of the npm package in Node: `check` of a ~2 KB body as JSON text and as an
// object, the conversions it could use instead (serde-wasm-bindgen both ways, when the
// benchmark build exists), and cold start. A benchmark, not a test: it asserts nothing.
//
//   bindings/js/scripts/build && bench/node/run      (run also builds the swb variant)
//   node bench/node/check.mjs [--quick]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const api = require(path.join(root, 'bindings/js/dist/node/index.cjs'));
const { exportsOf } = await import(path.join(root, 'bindings/js/dist/api.js'));
const raw = exportsOf(require(path.join(root, 'bindings/js/dist/node/builds.cjs')).fast());

const text = fs.readFileSync(path.join(root, 'examples/update-valid.json'), 'utf8');
const body = JSON.parse(text);
const options = { now: '2026-01-15T00:00:00Z' };
const optionsText = JSON.stringify(options);

/**
 * µs per call of each row: rounds of one timed batch per row, interleaved so that load
 * changes during the run hit every row alike, after a warm-up; each row keeps its fastest
 * batch. The machines this runs on are shared and their timings vary up to 2x: compare
 * the rows of one run with each other.
 */
function measure(rows) {
  const batch = quick ? 500 : 1000;
  for (const [, fn] of rows) for (let i = 0; i < batch * 5; i++) fn();
  const best = rows.map(() => Infinity);
  for (let round = 0; round < (quick ? 10 : 40); round++) {
    rows.forEach(([, fn], i) => {
      const start = process.hrtime.bigint();
      for (let k = 0; k < batch; k++) fn();
      best[i] = Math.min(best[i], Number(process.hrtime.bigint() - start) / 1000 / batch);
    });
  }
  rows.forEach(([name], i) => console.log(`${name.padEnd(64)} ${best[i].toFixed(2).padStart(7)} µs`));
}

const rows = [];
const row = (name, fn) => rows.push([name, fn]);

console.log(`node ${process.version}, ${os.cpus()[0].model}, ${os.cpus().length} cores`);
console.log(`body: examples/update-valid.json, ${Buffer.byteLength(text)} bytes of text (${JSON.stringify(body).length} compact)\n`);

row('check(text)                       [package]', () => api.check(text, options));
row('check(object)                     [package]', () => api.check(body, options));
row('  raw check_text(text) → JSON text, no JSON.parse', () => raw.check_text(text, false, optionsText));
row('  JSON.stringify(object)', () => JSON.stringify(body));
row('  JSON.parse(text) (for scale: V8 parsing the same body)', () => JSON.parse(text));
row('  JSON.parse(report JSON)', (() => {
  const report = raw.check_text(text, false, optionsText);
  return () => JSON.parse(report);
})());

const swbPath = path.join(root, 'bindings/js/pkg/swb/preflight_wasm.cjs');
if (fs.existsSync(swbPath)) {
  const swb = require(swbPath);
  row('serde-wasm-bindgen: object in, report JSON text + JSON.parse out', () => JSON.parse(swb.check_object_swb(body, optionsText)));
  row('serde-wasm-bindgen: text in, report as JS objects out', () => swb.check_text_swb(text, optionsText));
  row('same build: text in, report JSON text + JSON.parse out', () => JSON.parse(swb.check_text(text, false, optionsText)));
} else {
  console.log('(no serde-wasm-bindgen build: bench/node/run builds it)');
}
measure(rows);

// Cold start: a fresh process imports the package, instantiates the module and checks once.
function coldStart(kind) {
  const entry = path.join(root, 'bindings/js/dist/node', kind === 'import' ? 'index.js' : 'index.cjs');
  const load = kind === 'import' ? `await import(${JSON.stringify(entry)})` : `require(${JSON.stringify(entry)})`;
  const script = `
    const { performance } = require('node:perf_hooks');
    const text = require('node:fs').readFileSync(${JSON.stringify(path.join(root, 'examples/update-valid.json'))}, 'utf8');
    (async () => {
      const t0 = performance.now();
      const api = ${load};
      api.check(text);
      process.stdout.write(String(performance.now() - t0));
    })();`;
  const samples = [];
  for (let i = 0; i < (quick ? 5 : 21); i++) {
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    samples.push(Number(result.stdout));
  }
  samples.sort((a, b) => a - b);
  return [samples[0], samples[samples.length >> 1]];
}
for (const kind of ['require', 'import']) {
  const [best, median] = coldStart(kind);
  console.log(`${`cold start (${kind} + instantiate + first check)`.padEnd(64)} ${best.toFixed(2).padStart(7)} ms (median ${median.toFixed(2)})`);
}
