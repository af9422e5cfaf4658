// Bytes a browser downloads for each validator, for the same two schemas (update and
// create): every JS peer's module (library + schema + the peer file in peers/) bundled by
// esbuild (--bundle --minify, ESM, browser), then gzip -9; preflight's web entry bundled
// the same way, plus its .wasm (gzip -9). A benchmark report, not a test.
//
//   node bench/node/sizes.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { PEERS, loadPeers } from './peers/index.mjs';
import { published } from './peers/published.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const build = path.join(here, '.build');
fs.mkdirSync(build, { recursive: true });
const gzip = (buffer) => spawnSync('gzip', ['-9c'], { input: buffer, maxBuffer: 1 << 28 }).stdout.length;
const version = (pkg) => JSON.parse(fs.readFileSync(path.join(here, 'node_modules', pkg, 'package.json'), 'utf8')).version;

// The ajv peer reads the published schemas from disk in Node; a browser bundle carries
// them inline, so their bytes count in its size.
const inlinePublishedSchemas = {
  name: 'inline-published-schemas',
  setup(b) {
    b.onResolve({ filter: /\/published\.mjs$/ }, () => ({ path: 'published', namespace: 'published' }));
    b.onLoad({ filter: /.*/, namespace: 'published' }, () => {
      const schemas = { put_input: published('put_input'), post_input: published('post_input') };
      return { contents: `const s = ${JSON.stringify(schemas)};\nexport const published = (n) => s[n];`, loader: 'js' };
    });
  },
};

async function bundle(entry) {
  const out = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
    plugins: [inlinePublishedSchemas],
  });
  return Buffer.from(out.outputFiles[0].contents);
}

// Ajv can also compile the schemas ahead of time ("standalone" code): no Ajv compiler
// and no `new Function` in the browser. Generated here from the same published schemas.
function ajvStandalone() {
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { source: true, esm: true } });
  addFormats(ajv);
  for (const [id, file] of [['update', 'put_input'], ['create', 'post_input']]) {
    ajv.addSchema(published(file), id);
  }
  const file = path.join(build, 'ajv-standalone.mjs');
  fs.writeFileSync(file, standaloneCode(ajv, { update: 'update', create: 'create' }));
  return file;
}

const rows = [];
const web = path.join(root, 'bindings/js/dist/web');
const pfEntry = path.join(build, 'preflight-web.mjs');
fs.writeFileSync(pfEntry, `export { init, check } from ${JSON.stringify(path.join(web, 'index.js'))};\n`);
const pfJs = await bundle(pfEntry);
const wasm = fs.readFileSync(path.join(web, 'preflight_wasm_bg.wasm'));
rows.push(['preflight: .wasm (opt-level z) + web entry JS', pfJs.length + wasm.length, gzip(pfJs) + gzip(wasm)]);
rows.push(['  of which .wasm', wasm.length, gzip(wasm)]);
rows.push(['  of which JS (glue, wrapper, entry), minified', pfJs.length, gzip(pfJs)]);

const peers = await loadPeers(PEERS);
const versions = { zod: `zod ${version('zod')}`, 'zod-mini': `zod ${version('zod')}`, valibot: `valibot ${version('valibot')}`, ajv: `ajv ${version('ajv')} + ajv-formats ${version('ajv-formats')}` };
for (const [i, name] of PEERS.entries()) {
  const js = await bundle(path.join(here, 'peers', `${name}.mjs`));
  rows.push([`${peers[i].name} [${versions[name]}]`, js.length, gzip(js)]);
}
const standalone = await bundle(ajvStandalone());
rows.push([`ajv standalone code of the published schema`, standalone.length, gzip(standalone)]);

const base = rows[0][2];
console.log(`esbuild ${esbuild.version}; gzip -9 of each file, summed`);
console.log('');
console.log('| bundle (both schemas) | minified B | gzip -9 B | ÷ preflight |');
console.log('|---|---:|---:|---:|');
for (const [name, raw, gz] of rows) {
  const ratio = name.startsWith('  ') ? '' : (gz / base).toFixed(2);
  console.log(`| ${name} | ${raw.toLocaleString('en-US')} | ${gz.toLocaleString('en-US')} | ${ratio} |`);
}
