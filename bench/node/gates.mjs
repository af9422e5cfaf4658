// The Node speed gates (bench/gates): the package's check(text) against JSON.parse + ajv
// (allErrors, the published schema) and check(object) against ajv on the object, rows
// interleaved batch by batch, on every body in bench/bodies. With BASELINE_DIST naming
// another build's dist directory, that build's check(text) and check(object) run in the
// same batches (a before/after of one change). Prints one JSON line per gate and body.
// A benchmark, not a test.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as ajv from './peers/ajv.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
const preflight = require(path.join(root, 'bindings/js/dist/node/index.cjs'));
const baseline = process.env.BASELINE_DIST ? await loadApart(process.env.BASELINE_DIST) : null;

/**
 * Another build of the package as its own instance. Its entries would give the instance
 * already loaded (every entry of one version shares the first one, through a registry
 * symbol), so the baseline is bound here from its parts: its API over its fast build,
 * which is what a warm process runs.
 */
async function loadApart(dist) {
  const { bind, exportsOf } = await import(path.join(dist, 'api.js'));
  const schemas = (await import(path.join(dist, 'schema.js'))).default;
  return bind(exportsOf(require(path.join(dist, 'node/builds.cjs')).fast()), () => {}, schemas);
}
const rounds = Number(process.argv[2] ?? 30);
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(fns) {
  let sink = 0;
  const counts = fns.map((fn) => {
    for (let i = 0; i < 2000; i++) sink += fn() ? 1 : 0;
    const start = process.hrtime.bigint();
    for (let i = 0; i < 200; i++) sink += fn() ? 1 : 0;
    return Math.max(10, Math.round(2e7 / (Number(process.hrtime.bigint() - start) / 200)));
  });
  const samples = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, i) => {
      const start = process.hrtime.bigint();
      for (let k = 0; k < counts[i]; k++) sink += fn() ? 1 : 0;
      samples[i].push(Number(process.hrtime.bigint() - start) / 1000 / counts[i]);
    });
  }
  if (sink === -1) console.log(sink);
  return samples.map(median);
}

for (const file of fs.readdirSync(path.join(root, 'bench/bodies')).filter((f) => f.endsWith('.json')).sort()) {
  const text = JSON.stringify(JSON.parse(fs.readFileSync(path.join(root, 'bench/bodies', file), 'utf8')));
  const body = JSON.parse(text);
  const op = file.startsWith('create') ? 'create' : 'update';
  const options = { operation: op, now: '2026-01-15T00:00:00Z' };
  const validate = ajv.validate[op];
  // What a form reads on every keystroke: valid and the issues.
  const read = (report) => report.valid && report.issues.length >= 0;
  const fns = [
    () => read(preflight.check(text, options)),
    () => validate(JSON.parse(text)) === null,
    () => read(preflight.check(body, options)),
    () => validate(body) === null,
  ];
  if (baseline) fns.push(() => read(baseline.check(text, options)), () => read(baseline.check(body, options)));
  const t = measure(fns);
  const line = (gate, ours, peer, peerName, target, before) =>
    console.log(JSON.stringify({ gate, body: file, preflight: ours, peer, peer_name: peerName, target, ...(before === undefined ? {} : { before }) }));
  line('Node check(text)', t[0], t[1], 'JSON.parse + ajv', 1.5, t[4]);
  line('Node check(object)', t[2], t[3], 'ajv(object)', 6, t[5]);
}
