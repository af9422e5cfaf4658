// Speed and cold start of propexo-preflight next to the validators a user would pick
// instead (zod 4 classic and mini, valibot, ajv with the published schema), in one
// process, on the shared bodies in bench/bodies. A benchmark, not a test: it asserts
// nothing about time.
//
//   node bench/node/compare.mjs [--quick] [--no-cold]
//
// Each row is timed in batches of about 20 ms; the rows take turns batch by batch (so a
// busy neighbour slows them alike), after a warm-up. Printed: the median µs per call over
// the batches, the spread (the middle half of the batches: 25th to 75th percentile), and
// the ratio of the median to preflight's with the same input (object or JSON text).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PEERS, loadPeers } from './peers/index.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const preflight = require(path.join(root, 'bindings/js/dist/node/index.cjs'));
const peers = await loadPeers(PEERS);
const NOW = '2026-01-15T00:00:00Z';

const BODIES = [
  ['seed-update.json', 'update', 'the speed gates\' seed: the docs\' update example, read-only fields removed'],
  ['update-valid.json', 'update', 'a valid update, full week schedule'],
  ['update-4-errors.json', 'update', 'the same with 4 errors'],
  ['create-valid.json', 'create', 'a valid create'],
];

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))];

function measure(rows) {
  const rounds = quick ? 8 : 30;
  const target = quick ? 5e6 : 2e7; // ns per batch
  let sink = 0;
  const counts = rows.map(([, fn]) => {
    for (let i = 0; i < 2000; i++) sink += fn() ? 1 : 0; // warm-up: let V8 optimize
    const start = process.hrtime.bigint();
    for (let i = 0; i < 200; i++) sink += fn() ? 1 : 0;
    const per = Number(process.hrtime.bigint() - start) / 200;
    return Math.max(10, Math.round(target / per));
  });
  const samples = rows.map(() => []);
  for (let round = 0; round < rounds; round++) {
    rows.forEach(([, fn], i) => {
      const n = counts[i];
      const start = process.hrtime.bigint();
      for (let k = 0; k < n; k++) sink += fn() ? 1 : 0;
      samples[i].push(Number(process.hrtime.bigint() - start) / 1000 / n);
    });
  }
  if (sink === -1) console.log(sink); // keep the results alive
  return samples.map((s) => s.sort((a, b) => a - b)).map((s) => [quantile(s, 0.5), quantile(s, 0.25), quantile(s, 0.75)]);
}

const fmt = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
console.log(`node ${process.version}, ${os.cpus()[0].model}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}`);
for (const [file, op, what] of BODIES) {
  const text = fs.readFileSync(path.join(root, 'bench/bodies', file), 'utf8');
  const body = JSON.parse(text);
  const options = { operation: op, now: NOW };
  // Each measured call must do the real work: every validator agrees on valid or not.
  const expected = preflight.check(body, options).valid;
  for (const p of peers) {
    const ok = p.issues(p.validate[op](body)).length === 0;
    if (ok !== expected) console.log(`NOTE: ${p.name} says ${ok ? 'valid' : 'invalid'} where preflight says ${expected ? 'valid' : 'invalid'}`);
  }
  // The functions return something truthy or falsy that depends on the result.
  const rows = [
    ['preflight check(object)', 'object', () => preflight.check(body, options).valid],
    ...peers.map((p) => [`${p.name}`, 'object', ((v) => () => v(body))(p.validate[op])]),
    ['preflight check(text)', 'text', () => preflight.check(text, options).valid],
    ...peers.map((p) => [`JSON.parse + ${p.name}`, 'text', ((v) => () => v(JSON.parse(text)))(p.validate[op])]),
    ['JSON.parse(text) alone (yardstick)', 'text', () => JSON.parse(text)],
  ];
  const results = measure(rows.map(([name, , fn]) => [name, fn]));
  const base = {};
  rows.forEach(([name, kind], i) => { if (name.startsWith('preflight')) base[kind] = results[i][0]; });
  console.log('');
  console.log(`### ${file} (${Buffer.byteLength(text)} bytes; ${op}; ${what}; preflight: ${expected ? 'valid' : 'invalid'})`);
  console.log('');
  console.log('| input | validator | µs/call (median) | spread (25–75%) | ÷ preflight |');
  console.log('|---|---|---:|---:|---:|');
  rows.forEach(([name, kind], i) => {
    const [median, lo, hi] = results[i];
    const bold = name.startsWith('preflight') ? '**' : '';
    console.log(`| ${kind} | ${bold}${name}${bold} | ${fmt(median)} | ${fmt(lo)}–${fmt(hi)} | ${(median / base[kind]).toFixed(2)} |`);
  });
}

if (process.argv.includes('--no-cold')) process.exit(0);

// Cold start: a fresh process loads the validator (for the peers: the library and the
// schema construction or compilation in peers/*.mjs) and checks update-valid.json once.
// Timed inside the process, from before the import to after the first check.
function coldStart(load, call) {
  const script = `
    import { performance } from 'node:perf_hooks';
    import fs from 'node:fs';
    const body = JSON.parse(fs.readFileSync(${JSON.stringify(path.join(root, 'bench/bodies/update-valid.json'))}, 'utf8'));
    const t0 = performance.now();
    const m = ${load};
    ${call};
    process.stdout.write(String(performance.now() - t0));`;
  const samples = [];
  for (let i = 0; i < (quick ? 5 : 21); i++) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: here });
    if (result.status !== 0) throw new Error(result.stderr);
    samples.push(Number(result.stdout));
  }
  samples.sort((a, b) => a - b);
  return [quantile(samples, 0.5), quantile(samples, 0.25), quantile(samples, 0.75)];
}
const cold = [
  ['preflight: import + first check(object)', `await import(${JSON.stringify(path.join(root, 'bindings/js/dist/node/index.js'))})`, 'm.check(body, { now: "' + NOW + '" })'],
  ['preflight: require + first check(object)', `(await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(path.join(root, 'bindings/js/dist/node/index.cjs'))})`, 'm.check(body, { now: "' + NOW + '" })'],
  ...PEERS.map((name, i) => [`${peers[i].name}: import + schema + first check`, `await import('./peers/${name}.mjs')`, 'm.validate.update(body)']),
];
console.log('');
console.log('### Cold start (fresh process; median of ' + (quick ? 5 : 21) + ')');
console.log('');
console.log('| validator | ms (median) | spread (25–75%) | ÷ preflight (import) |');
console.log('|---|---:|---:|---:|');
let coldBase;
for (const [name, load, call] of cold) {
  const [median, lo, hi] = coldStart(load, call);
  coldBase ??= median;
  console.log(`| ${name} | ${fmt(median)} | ${fmt(lo)}–${fmt(hi)} | ${(median / coldBase).toFixed(2)} |`);
}
