// Assembles bindings/js/dist from the wasm-bindgen output in bindings/js/pkg and the
// hand-written sources in bindings/js/js. Run by scripts/build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = path.join(here, 'pkg');
const dist = path.join(here, 'dist');
const src = path.join(here, 'js');

// The names every entry point exports, in the order of index.d.ts.
const names = [
  'check',
  'normalize',
  'toErrorResponse',
  'effectiveSchedule',
  'nextSyncs',
  'weeklySummary',
  'jsonSchema',
  'credentialShapes',
  'standardSchema',
  'updateIntegrationSchema',
  'createIntegrationSchema',
  'PreflightError',
  'guardFetch',
];

fs.rmSync(dist, { recursive: true, force: true });
for (const dir of ['node', 'bundler', 'web']) fs.mkdirSync(path.join(dist, dir), { recursive: true });
const write = (file, text) => fs.writeFileSync(path.join(dist, file), text);
const copy = (from, to) => fs.copyFileSync(path.join(pkg, from), path.join(dist, to));

// The wrapper, once as an ES module and once as CommonJS.
const api = fs.readFileSync(path.join(src, 'api.js'), 'utf8');
const esmExport = 'export { bind, exportsOf, PreflightError };\n';
if (!api.endsWith(esmExport)) throw new Error(`js/api.js must end with: ${esmExport}`);
write('api.js', api);
write('api.cjs', `'use strict';\n${api.slice(0, -esmExport.length)}module.exports = { bind, exportsOf, PreflightError };\n`);
// The fetch guard, over the bound API, the same way.
const guard = fs.readFileSync(path.join(src, 'guard.js'), 'utf8');
const guardExport = 'export { guards };\n';
if (!guard.endsWith(guardExport)) throw new Error(`js/guard.js must end with: ${guardExport}`);
write('guard.js', guard);
write('guard.cjs', `'use strict';\n${guard.slice(0, -guardExport.length)}module.exports = { guards };\n`);
const withGuards = (api) => `((api) => ({ ...api, ...guards(api) }))(${api})`;

const list = names.join(',\n  ');

// The JSON Schemas as JSON text, generated from the core (bindings/js/schema/, kept equal
// to preflight::json_schema by tests/schema_data.rs), once as an ES module and once as
// CommonJS: every entry passes them to bind().
const schemas = JSON.stringify({
  update: fs.readFileSync(path.join(here, 'schema', 'update.json'), 'utf8').trimEnd(),
  create: fs.readFileSync(path.join(here, 'schema', 'create.json'), 'utf8').trimEnd(),
});
write('schema.js', `export default ${schemas};\n`);
write('schema.cjs', `'use strict';\nmodule.exports = ${schemas};\n`);

// Node: CommonJS glue that loads the wasm synchronously; the ES entry re-exports it, so
// `import` and `require` share one instance (and one PreflightError class).
copy('nodejs/preflight_wasm.js', 'node/preflight_wasm.cjs');
copy('nodejs/preflight_wasm_bg.wasm', 'node/preflight_wasm_bg.wasm');
write(
  'node/index.cjs',
  `'use strict';\nconst raw = require('./preflight_wasm.cjs');\nconst { bind, exportsOf } = require('../api.cjs');\nconst { guards } = require('../guard.cjs');\nconst schemas = require('../schema.cjs');\n\nmodule.exports = ${withGuards('bind(exportsOf(raw), () => {}, schemas)')};\n`,
);
write('node/index.js', `import api from './index.cjs';\n\nexport const {\n  ${list},\n} = api;\n`);

// Bundlers: ES modules that import the .wasm file (webpack 5, Vite with a wasm plugin…).
for (const file of ['preflight_wasm.js', 'preflight_wasm_bg.js', 'preflight_wasm_bg.wasm']) {
  copy(`bundler/${file}`, `bundler/${file}`);
}
write(
  'bundler/index.js',
  `import * as raw from './preflight_wasm.js';\nimport { bind, exportsOf } from '../api.js';\nimport { guards } from '../guard.js';\nimport schemas from '../schema.js';\n\nexport const {\n  ${list},\n} = ${withGuards('bind(exportsOf(raw), () => {}, schemas)')};\n`,
);

// Web: a plain <script type="module"> calls `await init()` first.
copy('web/preflight_wasm.js', 'web/preflight_wasm.js');
copy('web/preflight_wasm_bg.wasm', 'web/preflight_wasm_bg.wasm');
write(
  'web/index.js',
  `import initWasm, * as raw from './preflight_wasm.js';
import { bind, exportsOf } from '../api.js';
import { guards } from '../guard.js';
import schemas from '../schema.js';

let ready = false;
let loading;

/**
 * Loads the WebAssembly module: by default preflight_wasm_bg.wasm beside this file, or
 * the URL, Response, bytes or WebAssembly.Module given. Resolves once; call it first.
 */
export function init(input) {
  loading ??= initWasm(input === undefined ? undefined : { module_or_path: input }).then(
    () => {
      ready = true;
    },
    (error) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export default init;

export const {
  ${list},
} = ${withGuards(`bind(exportsOf(raw), () => {
  if (!ready) throw new Error('propexo-preflight/web: await init() before calling its functions');
}, schemas)`)};
`,
);

// Types: one declaration file, also as .d.cts for require.
// The vocabulary (vocab.d.ts, generated from the core) is inlined where index.d.ts imports it.
const vocab = fs.readFileSync(path.join(src, 'vocab.d.ts'), 'utf8');
const types = fs
  .readFileSync(path.join(src, 'index.d.ts'), 'utf8')
  .replace(/^\/\/ vocab:begin[^]*?^\/\/ vocab:end\n/m, () => vocab);
if (!types.includes('export type Vendor =')) throw new Error('index.d.ts: the vocabulary was not inlined');
write('index.d.ts', types);
write('index.d.cts', types);
write(
  'web.d.ts',
  `export * from './index.js';\n\n/** Loads the WebAssembly module; await it before calling any other function. */\nexport declare function init(\n  input?: string | URL | Request | Response | BufferSource | WebAssembly.Module,\n): Promise<void>;\nexport default init;\n`,
);
