// Prints the sizes the package's budget is about: the .wasm a browser loads and the
// JavaScript around it, raw and gzipped: `gzip -9c < FILE | wc -c` (files joined).
// Exits non-zero when the web .wasm is over BUDGET (the build is deterministic, so a
// size check is a fair test; scripts/test runs this after the build).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// gzip -9 bytes of the web entry's .wasm: the measured size rounded up a little, so
// that growth fails CI. Lower it as the module shrinks; never raise it without the
// numbers in docs/benchmarks.md ("Browser module size").
const BUDGET = 60_600;
// The size the browser module should reach (and the goal beyond it).
const TARGET = 60 * 1024;
const GOAL = 40 * 1024;

const dist = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'dist');
const gzip = (buffer) => spawnSync('gzip', ['-9c'], { input: buffer, maxBuffer: 1 << 26 }).stdout.length;
const read = (...files) => Buffer.concat(files.map((f) => fs.readFileSync(path.join(dist, f))));
const web = read('web/preflight_wasm_bg.wasm');
const rows = [
  ['web + bundler .wasm, Node small build (opt-level z)', web],
  ['node .wasm, fast build (opt-level 3)', read('node/preflight_wasm_bg.wasm')],
  ['web JS: glue + wrapper + entry', read('web/preflight_wasm.js', 'api.js', 'guard.js', 'web/index.js')],
  ['bundler JS: glue + wrapper + entry', read('bundler/preflight_wasm.js', 'bundler/preflight_wasm_bg.js', 'api.js', 'guard.js', 'bundler/index.js')],
  ['JSON Schemas (schema.js, every entry)', read('schema.js')],
  ['node ES module entry (all of the above)', read('node/index.js')],
];
for (const [name, buffer] of rows) {
  console.log(`${name.padEnd(52)} ${String(buffer.length).padStart(8)} B  ${String(gzip(buffer)).padStart(7)} B gzip -9`);
}

const size = gzip(web);
const verdict = (limit) => (size <= limit ? 'met' : `not met, ${size - limit} B over`);
console.log(`\nweb .wasm: ${size} B gzip -9; target ${TARGET} B (60 KB): ${verdict(TARGET)}; goal ${GOAL} B (40 KB): ${verdict(GOAL)}`);
if (size > BUDGET) {
  console.error(`web .wasm is ${size} B gzip -9, over the budget of ${BUDGET} B (scripts/sizes.mjs)`);
  process.exit(1);
}
console.log(`budget ${BUDGET} B: within`);
