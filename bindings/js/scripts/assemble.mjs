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

/**
 * wasm-bindgen's glue as written, with its string passing replaced (`passStringToWasm0`):
 * the glue copies a string into the module's memory one UTF-16 unit at a time in
 * JavaScript while they are ASCII, and only then calls `TextEncoder.encodeInto`, which
 * copies the whole string natively, 18 times faster on a 1 KB body (1.66 µs against
 * 0.09 µs in Node 20; docs/benchmarks.md, "Across the boundary"). The replacement
 * encodes into `len` bytes at once (all an ASCII string needs) and, when the string has
 * more to write, grows the buffer to what the rest could take and encodes the rest: the
 * same bytes and the same allocations as the glue's own non-ASCII path.
 */
function glueText(file) {
  const glue = fs.readFileSync(path.join(pkg, file), 'utf8');
  const start = glue.indexOf('function passStringToWasm0(arg, malloc, realloc) {\n');
  const end = glue.indexOf('\n}\n', start);
  const body = glue.slice(start, end + 3);
  if (start < 0 || !body.includes('for (; offset < len; offset++) {') || !body.includes('cachedTextEncoder.encodeInto(arg, view)')) {
    throw new Error(`pkg/${file}: passStringToWasm0 is not the one scripts/assemble.mjs replaces (wasm-bindgen changed?)`);
  }
  return glue.slice(0, start) + passString + glue.slice(end + 3);
}
const passString = `function passStringToWasm0(arg, malloc, realloc) {
    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length, 1) >>> 0;
        getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }
    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;
    const first = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + len));
    let offset = first.written;
    if (first.read !== arg.length) {
        const rest = arg.slice(first.read);
        ptr = realloc(ptr, len, len = offset + rest.length * 3, 1) >>> 0;
        offset += cachedTextEncoder.encodeInto(rest, getUint8ArrayMemory0().subarray(ptr + offset, ptr + len)).written;
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }
    WASM_VECTOR_LEN = offset;
    return ptr;
}
`;

// The wrapper (bundler and web entries import it; the Node entries inline it).
const api = fs.readFileSync(path.join(src, 'api.js'), 'utf8');
const esmExport = 'export { bind, exportsOf, PreflightError };\n';
if (!api.endsWith(esmExport)) throw new Error(`js/api.js must end with: ${esmExport}`);
write('api.js', api);
// The fetch guard, over the bound API, the same way.
const guard = fs.readFileSync(path.join(src, 'guard.js'), 'utf8');
const guardExport = 'export { guards };\n';
if (!guard.endsWith(guardExport)) throw new Error(`js/guard.js must end with: ${guardExport}`);
write('guard.js', guard);
const withGuards = (api) => `((api) => ({ ...api, ...guards(api) }))(${api})`;

const list = names.join(',\n  ');

// The JSON Schemas as JSON text, generated from the core (bindings/js/schema/, kept equal
// to preflight::json_schema by tests/schema_data.rs): every entry passes them to bind().
const schemas = JSON.stringify({
  update: fs.readFileSync(path.join(here, 'schema', 'update.json'), 'utf8').trimEnd(),
  create: fs.readFileSync(path.join(here, 'schema', 'create.json'), 'utf8').trimEnd(),
});
write('schema.js', `export default ${schemas};\n`);

// Node: one file per entry (a fresh process loads one file, not five), an ES module for
// `import` and CommonJS for `require`, built from the same pieces: the glue of both builds
// of the module as factories (js/builds.js says why two), the wrapper, the fetch guard and
// the schemas. `import` and `require` share one instance and one PreflightError class:
// whichever entry a process loads first stores its API under a registry symbol of this
// package version, and the other returns that.
const version = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8')).version;
const nodeTail = `const wasmPath = \`\${__dirname}/preflight_wasm_bg.wasm\`;
const wasmBytes = require('fs').readFileSync(wasmPath);
const wasmModule = new WebAssembly.Module(wasmBytes);
let wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());
let wasm = wasmInstance.exports;
wasm.__wbindgen_start();
`;
/** wasm-bindgen's Node glue as a function that instantiates the module from its bytes. */
function glueFactory(dir, name) {
  const glue = glueText(path.join(dir, 'preflight_wasm.js'));
  if (!glue.endsWith(nodeTail)) throw new Error(`pkg/${dir}/preflight_wasm.js: unexpected end (wasm-bindgen changed?)`);
  return `function ${name}() {
const exports = {};
${glue.slice(0, -nodeTail.length)}let wasm;
exports.instantiate = (bytes) => {
  wasm = new WebAssembly.Instance(new WebAssembly.Module(bytes), __wbg_get_imports()).exports;
  wasm.__wbindgen_start();
  return exports;
};
return exports;
}
`;
}
const withoutExport = (file, line) => {
  const text = fs.readFileSync(path.join(src, file), 'utf8');
  if (!text.endsWith(line)) throw new Error(`js/${file} must end with: ${line}`);
  return text.slice(0, -line.length);
};
const builds = withoutExport('builds.js', 'export { twoBuilds, SMALL_CALLS };\n');
// A glue for each build: the small one returns strings through memory, the fast one (whose
// standard library is the prebuilt one, built with multi-value) as two results.
const glues = `${glueFactory('nodejs-small', 'smallGlue')}\n${glueFactory('nodejs', 'fastGlue')}`;
// Each build instantiated from its file (the small one is the browser module, read from
// the web entry's directory), as both the entries and builds.cjs load them.
const smallBuild = "() => smallGlue().instantiate(read('../web/preflight_wasm_bg.wasm'))";
const fastBuild = "() => fastGlue().instantiate(read('preflight_wasm_bg.wasm'))";
// Everything inside the block: an entry loaded second only reads the registry (and the
// block keeps the wrapper's names, PreflightError among them, off the module scope). What
// a check does not need is read on first use: the fetch guard (guard.cjs) and the JSON
// Schemas (schemas.json), a third of the JavaScript a fresh process would parse.
const nodeApi = (read, load) => `const registry = Symbol.for('propexo-preflight@${version}');
if (!globalThis[registry]) {
${glues}
${builds}
${api.slice(0, -esmExport.length)}
const read = ${read};
let schemaTexts;
const schemaText = (name) => (schemaTexts ??= JSON.parse(read('schemas.json').toString('utf8')))[name];
const schemas = {
  get update() {
    return schemaText('update');
  },
  get create() {
    return schemaText('create');
  },
};
let guarded;
const lazyGuards = (api) => ({
  guardFetch: (fetchImpl, options) => (guarded ??= ${load}('./guard.cjs').guards(api)).guardFetch(fetchImpl, options),
});

const raw = twoBuilds(
  ${smallBuild},
  ${fastBuild},
);
const api = bind(exportsOf(raw), () => {}, schemas);
Object.defineProperty(globalThis, registry, { value: { ...api, ...lazyGuards(api) } });
}
`;
write('node/guard.cjs', `'use strict';\n${guard.slice(0, -guardExport.length)}module.exports = { guards };\n`);
write('node/schemas.json', `${schemas}\n`);
copy('nodejs/preflight_wasm_bg.wasm', 'node/preflight_wasm_bg.wasm');
// The small build is the browser module itself (the same bytes: checked here), so the
// package holds it once.
const smallWasm = (dir) => fs.readFileSync(path.join(pkg, dir, 'preflight_wasm_bg.wasm'));
if (!smallWasm('nodejs-small').equals(smallWasm('web'))) throw new Error('the Node small build differs from the web module');
write(
  'node/index.js',
  `import { readFileSync } from 'node:fs';\nimport { createRequire } from 'node:module';\n\n${nodeApi('(file) => readFileSync(new URL(file, import.meta.url))', 'createRequire(import.meta.url)')}\nexport const {\n  ${list},\n} = globalThis[registry];\n`,
);
write(
  'node/index.cjs',
  `'use strict';\nconst { readFileSync } = require('node:fs');\nconst { join } = require('node:path');\n\n${nodeApi('(file) => readFileSync(join(__dirname, file))', 'require')}\nmodule.exports = globalThis[registry];\n`,
);
// Not loaded by the entries: each build on its own, for the tests that run every vector
// on both (test/builds.test.js) and the benchmarks.
write(
  'node/builds.cjs',
  `'use strict';\nconst { readFileSync } = require('node:fs');\nconst { join } = require('node:path');\n\n${glues}\n${builds}\nconst read = (file) => readFileSync(join(__dirname, file));\nmodule.exports = {\n  small: ${smallBuild},\n  fast: ${fastBuild},\n  twoBuilds,\n  SMALL_CALLS,\n};\n`,
);

// Bundlers: ES modules that import the .wasm file (webpack 5, Vite with a wasm plugin…).
for (const file of ['preflight_wasm.js', 'preflight_wasm_bg.wasm']) copy(`bundler/${file}`, `bundler/${file}`);
write('bundler/preflight_wasm_bg.js', glueText('bundler/preflight_wasm_bg.js'));
write(
  'bundler/index.js',
  `import * as raw from './preflight_wasm.js';\nimport { bind, exportsOf } from '../api.js';\nimport { guards } from '../guard.js';\nimport schemas from '../schema.js';\n\nexport const {\n  ${list},\n} = ${withGuards('bind(exportsOf(raw), () => {}, schemas)')};\n`,
);

// Web: a plain <script type="module"> calls `await init()` first.
write('web/preflight_wasm.js', glueText('web/preflight_wasm.js'));
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
