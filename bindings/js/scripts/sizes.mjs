// Prints the sizes the package's budget is about: the .wasm a browser loads and the
// JavaScript around it, raw and gzipped: `gzip -9c < FILE | wc -c` (files joined).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'dist');
const gzip = (buffer) => spawnSync('gzip', ['-9c'], { input: buffer, maxBuffer: 1 << 26 }).stdout.length;
const read = (...files) => Buffer.concat(files.map((f) => fs.readFileSync(path.join(dist, f))));
const rows = [
  ['web + bundler .wasm (opt-level z)', read('web/preflight_wasm_bg.wasm')],
  ['node .wasm (opt-level 3)', read('node/preflight_wasm_bg.wasm')],
  ['web JS: glue + wrapper + entry', read('web/preflight_wasm.js', 'api.js', 'guard.js', 'web/index.js')],
  ['bundler JS: glue + wrapper + entry', read('bundler/preflight_wasm.js', 'bundler/preflight_wasm_bg.js', 'api.js', 'guard.js', 'bundler/index.js')],
  ['node JS: glue + wrapper + entries', read('node/preflight_wasm.cjs', 'api.cjs', 'guard.cjs', 'node/index.cjs', 'node/index.js')],
];
for (const [name, buffer] of rows) {
  console.log(`${name.padEnd(40)} ${String(buffer.length).padStart(8)} B  ${String(gzip(buffer)).padStart(7)} B gzip -9`);
}
