// What each validator catches: every peer over the shared vectors in tests/vectors, and,
// per preflight error code, how many of the bodies preflight rejects with that code each
// peer lets through (accepts). A benchmark report, not a test: it asserts nothing.
//
//   node bench/node/catches.mjs [--list]     (--list names the vectors behind each number)
//
// Vectors taken: strict ones only (`coerce: true` is skipped: the peers have no coercion
// mode that matches), and `body_text` only when it is JSON (the peers get the parsed
// value). The operation's schema follows `options.operation` (update by default).
// preflight runs on the vector as written (its text, or its body) with its options.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PEERS, loadPeers } from './peers/index.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
const preflight = require(path.join(root, 'bindings/js/dist/node/index.cjs'));
const list = process.argv.includes('--list');
const peers = await loadPeers(PEERS);

// What each code means, for the reader of the table (the codes are preflight's).
const LABELS = {
  invalid_type: 'wrong type, missing required field',
  unrecognized_keys: 'unknown key (root or schedule, e.g. `MONDY`)',
  invalid_enum_value: 'value not in the enum',
  invalid_string: 'time not `HH:MM` (unanchored pattern), relative URL',
  too_small: 'below a minimum',
  too_big: 'above a maximum',
  not_finite: 'number overflows to infinity',
  missing_credential_field: "credentials lack a key the vendor's shape requires",
  invalid_credential_field: 'credential value of the wrong type or form',
  request_rate_below_floor: 'fewer than one request per minute',
  overlapping_slots: "two slots of a day overlap",
  slot_end_not_after_start: "a slot's end is not after its start",
  custom_schedule_missing: 'custom schedule in force, none given',
  nesting_too_deep: 'nested deeper than 64 levels',
  lone_surrogate: 'string with a lone UTF-16 surrogate (no UTF-8 form)',
  invalid_json: 'JSON the server would not parse',
};

function vectors() {
  const dir = path.join(root, 'tests/vectors');
  const out = [];
  for (const area of fs.readdirSync(dir).sort()) {
    const sub = path.join(dir, area);
    if (!fs.statSync(sub).isDirectory()) continue;
    for (const file of fs.readdirSync(sub).sort()) {
      if (file.endsWith('.json')) out.push([`${area}/${file.slice(0, -5)}`, JSON.parse(fs.readFileSync(path.join(sub, file), 'utf8'))]);
    }
  }
  return out;
}

// A peer issue "is where preflight's error is" when one path is a prefix of the other
// (a peer may report an object where preflight names its key, or the reverse).
const related = (a, b) => a.slice(0, Math.min(a.length, b.length)).every((k, i) => String(k) === String(b[i]));

const skipped = { coerce: 0, notJson: 0 };
const invalid = []; // [name, codes, paths]
const valid = [];
const results = new Map(peers.map((p) => [p.name, new Map()])); // peer → vector → {accepted, relatedIssue}
const warningCodes = new Set();
let preflightMismatch = 0;
for (const [name, vector] of vectors()) {
  if ('usage_error' in vector) continue; // bad options, no body to judge
  const options = vector.options ?? {};
  if (options.coerce) { skipped.coerce++; continue; }
  let body = vector.body;
  if ('body_text' in vector) {
    try { body = JSON.parse(vector.body_text); } catch { skipped.notJson++; continue; }
  }
  // A string is JSON text for the package: the body "x" is the text '"x"'.
  const input = 'body_text' in vector ? vector.body_text : typeof body === 'string' ? JSON.stringify(body) : body;
  const report = preflight.check(input, options);
  if (report.valid !== vector.report.valid) preflightMismatch++;
  for (const issue of vector.report.issues) if (issue.severity === 'warning') warningCodes.add(issue.code);
  const errors = vector.report.issues.filter((i) => i.severity === 'error');
  if (vector.report.valid) valid.push(name);
  else invalid.push([name, [...new Set(errors.map((i) => i.code))], errors.map((i) => i.path)]);
  const op = options.operation === 'create' ? 'create' : 'update';
  for (const peer of peers) {
    let issues;
    let raised = false;
    try {
      issues = peer.issues(peer.validate[op](body));
    } catch (error) { // counted as a rejection, and in its own row
      raised = true;
      issues = [{ path: [], message: `threw ${error}` }];
    }
    const paths = errors.map((i) => i.path);
    results.get(peer.name).set(name, {
      accepted: issues.length === 0,
      raised,
      related: !raised && issues.some((i) => paths.some((p) => related(p, i.path))),
      first: issues[0]?.message,
    });
  }
}

const codes = new Map();
for (const [name, vcodes] of invalid) for (const code of vcodes) codes.set(code, [...(codes.get(code) ?? []), name]);
const order = [...codes.keys()].sort((a, b) => codes.get(b).length - codes.get(a).length || a.localeCompare(b));

const head = ['preflight error code', 'what', 'bodies', ...peers.map((p) => p.name)];
const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`];
const names = {};
for (const code of order) {
  const bodies = codes.get(code);
  const cells = peers.map((p) => {
    const through = bodies.filter((n) => results.get(p.name).get(n).accepted);
    names[`${code} / ${p.name}`] = through;
    return String(through.length);
  });
  lines.push(`| \`${code}\` | ${LABELS[code] ?? ''} | ${bodies.length} | ${cells.join(' | ')} |`);
}
const row = (label, what, n, fn) => lines.push(`| ${label} | ${what} | ${n} | ${peers.map((p) => {
  const hit = fn(results.get(p.name));
  names[`${label} / ${p.name}`] = hit;
  return `**${hit.length}**`;
}).join(' | ')} |`);
row('**invalid bodies let through**', 'accepted although preflight finds an error', invalid.length, (r) => invalid.map(([n]) => n).filter((n) => r.get(n).accepted));
row('rejected elsewhere', "rejected, but no issue where preflight's errors are", invalid.length, (r) => invalid.map(([n]) => n).filter((n) => !r.get(n).accepted && !r.get(n).related && !r.get(n).raised));
row('**valid bodies rejected**', 'preflight: valid (perhaps with warnings)', valid.length, (r) => valid.filter((n) => !r.get(n).accepted));
row('raised', 'an exception instead of a result (counted as rejected above)', invalid.length + valid.length,
  (r) => [...invalid.map(([n]) => n), ...valid].filter((n) => r.get(n).raised));

console.log(`Vectors: ${invalid.length} invalid and ${valid.length} valid bodies taken from tests/vectors; ` +
  `skipped ${skipped.coerce} with coerce and ${skipped.notJson} whose text is not JSON. ` +
  `A body with several error codes counts once in each code's row.` +
  (preflightMismatch ? ` WARNING: preflight disagreed with ${preflightMismatch} blessed reports (stale build?).` : ''));
console.log('');
console.log(lines.join('\n'));
console.log('');
console.log(`preflight's warnings in these vectors, which no peer has a notion of: ${[...warningCodes].sort().map((c) => `\`${c}\``).join(', ')}.`);
if (list) {
  console.log('');
  for (const [key, hit] of Object.entries(names)) {
    if (hit.length === 0) continue;
    const peer = key.split(' / ').pop();
    console.log(`${key}:`);
    for (const n of hit) console.log(`  ${n}${results.get(peer).get(n).first ? ` (${results.get(peer).get(n).first})` : ''}`);
  }
}
