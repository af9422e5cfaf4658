// The packed tarball as an app uses it: installed into a scratch project, then bundled by
// Vite (a production build of the default entry; Vite 8 builds its .wasm import as it is,
// older Vite needs vite-plugin-wasm) and by esbuild
// (the /web entry, its .wasm emitted by the file loader), each page served on localhost
// and run in headless Chromium. The bundlers come from this package's devDependencies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { build as viteBuild } from 'vite';
import { launch } from './chromium.js';

const js = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const body = { sync_frequency: 0, nmae: 'x' };
// What every page must print: the codes of `body`'s issues and the schema's title.
const expected = [['unrecognized_keys', 'too_small'], 'Update an integration'];

let scratch;
let app;

before(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-consumers-'));
  const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', scratch], { cwd: js, encoding: 'utf8' }));
  app = path.join(scratch, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), '{"name":"app","private":true,"type":"module"}');
  execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', path.join(scratch, packed[0].filename)], { cwd: app, stdio: 'pipe' });
});

after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const report = `document.body.dataset.result = JSON.stringify([
  check(${JSON.stringify(body)}).issues.map((i) => i.code),
  jsonSchema('update').title,
]);`;

/** Serves `dir` on 127.0.0.1 (.wasm as application/wasm); resolves to { url, close }. */
function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const server = http.createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const file = path.join(dir, name.endsWith('/') ? `${name}index.html` : name);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file)) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    response.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

/** Opens the built page in Chromium and returns what it wrote, failing on any page error. */
async function runPage(dir) {
  const server = await serve(dir);
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    // A page error (a module that fails to load or instantiate) fails at once.
    const failed = new Promise((_, reject) => page.on('pageerror', reject));
    failed.catch(() => {});
    await page.goto(server.url);
    await Promise.race([failed, page.waitForFunction(() => document.body?.dataset.result !== undefined)]);
    return JSON.parse(await page.evaluate(() => document.body.dataset.result));
  } finally {
    await browser.close();
    await server.close();
  }
}

test('Vite: a production build of the default entry runs in Chromium', { timeout: 180_000 }, async () => {
  const root = path.join(app, 'vite');
  fs.mkdirSync(root);
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./main.js"></script>\n');
  fs.writeFileSync(path.join(root, 'main.js'), `import { check, jsonSchema } from 'propexo-preflight';\n${report}\n`);
  // No configuration: what `vite build` does for an app that only imports the package.
  await viteBuild({ root, logLevel: 'warn', configFile: false, build: { outDir: 'dist' } });
  const out = path.join(root, 'dist');
  const emitted = fs.readdirSync(path.join(out, 'assets'));
  assert.ok(emitted.some((f) => f.endsWith('.wasm')), `Vite emitted the .wasm: ${emitted}`);
  assert.deepEqual(await runPage(out), expected);
});

test('esbuild: a bundle of the /web entry runs in Chromium', { timeout: 180_000 }, async () => {
  const root = path.join(app, 'esbuild');
  const out = path.join(root, 'dist');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./main.js"></script>\n');
  fs.writeFileSync(
    path.join(root, 'main.js'),
    `import init, { check, jsonSchema } from 'propexo-preflight/web';\nimport wasmUrl from 'propexo-preflight/web/preflight_wasm_bg.wasm';\nawait init(new URL(wasmUrl, import.meta.url));\n${report}\n`,
  );
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['main.js'],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    outdir: out,
    loader: { '.wasm': 'file' },
    logLevel: 'warning',
  });
  assert.ok(fs.readdirSync(out).some((f) => f.endsWith('.wasm')), 'esbuild emitted the .wasm');
  assert.deepEqual(await runPage(out), expected);
});

test('esbuild: a Node bundle that keeps the package external runs in Node', { timeout: 60_000 }, async () => {
  const root = path.join(app, 'esbuild-node');
  fs.mkdirSync(root);
  fs.writeFileSync(path.join(root, 'main.js'), `import { check, jsonSchema } from 'propexo-preflight';\nconsole.log(JSON.stringify([check(${JSON.stringify(body)}).issues.map((i) => i.code), jsonSchema('update').title]));\n`);
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['main.js'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    outfile: path.join(root, 'bundle.mjs'),
    logLevel: 'warning',
  });
  const out = execFileSync(process.execPath, [path.join(root, 'bundle.mjs')], { cwd: root, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), expected);
});
