// Node cold start of the package against valibot's, in one run: each sample is a fresh
// process, timed inside it from before the import to after the first check of
// bench/bodies/update-valid.json (for valibot: import, building the schemas of
// bench/node/peers/valibot.mjs, first check). The two take turns, so load changes hit
// both alike. A measurement, not a test: it asserts nothing.
//
//   bindings/js/scripts/build && (cd bench/node && npm ci) && node bindings/js/scripts/cold-start.mjs [runs]
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const peers = path.join(root, 'bench/node');
const runs = Number(process.argv[2] ?? 21);
const body = JSON.stringify(path.join(root, 'bench/bodies/update-valid.json'));
const NOW = '2026-01-15T00:00:00Z';

const rows = [
  ['preflight: import + first check(object)', `await import(${JSON.stringify(path.join(root, 'bindings/js/dist/node/index.js'))})`, `m.check(body, { now: '${NOW}' })`],
  ['preflight: import + first check(text)', `await import(${JSON.stringify(path.join(root, 'bindings/js/dist/node/index.js'))})`, `m.check(text, { now: '${NOW}' })`],
  ['preflight: require + first check(object)', `(await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(path.join(root, 'bindings/js/dist/node/index.cjs'))})`, `m.check(body, { now: '${NOW}' })`],
  ['valibot: import + schema + first check', `await import('./peers/valibot.mjs')`, 'm.validate.update(body)'],
];
const script = (load, call) => `
  import { performance } from 'node:perf_hooks';
  import fs from 'node:fs';
  const text = fs.readFileSync(${body}, 'utf8');
  const body = JSON.parse(text);
  const t0 = performance.now();
  const m = ${load};
  ${call};
  process.stdout.write(String(performance.now() - t0));`;

const samples = rows.map(() => []);
for (let i = 0; i < runs; i++) {
  rows.forEach(([, load, call], k) => {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script(load, call)], { encoding: 'utf8', cwd: peers });
    if (result.status !== 0) throw new Error(result.stderr);
    samples[k].push(Number(result.stdout));
  });
}
const quantile = (s, q) => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
console.log(`node ${process.version}, ${os.cpus()[0].model}, load average ${os.loadavg()[0].toFixed(2)}; ${runs} fresh processes each`);
console.log('| start | ms (median) | spread (25–75%) | ÷ valibot |');
console.log('|---|---:|---:|---:|');
const medians = samples.map((s) => quantile(s.sort((a, b) => a - b), 0.5));
const valibot = medians.at(-1);
rows.forEach(([name], k) => {
  const s = samples[k];
  console.log(`| ${name} | ${medians[k].toFixed(1)} | ${quantile(s, 0.25).toFixed(1)}–${quantile(s, 0.75).toFixed(1)} | ${(medians[k] / valibot).toFixed(2)} |`);
});
