// `npm pack` gives an installable tarball: install it offline into a scratch project
// and use it through require, import and the web entry's files.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

const js = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm pack, install the tarball in a scratch project, use it', { timeout: 120_000 }, () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-pack-'));
  try {
    const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', scratch], { cwd: js, encoding: 'utf8' }));
    const files = packed[0].files.map((f) => f.path).sort();
    for (const expected of ['README.md', 'package.json', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/web.d.ts', 'dist/node/index.cjs', 'dist/node/index.js', 'dist/bundler/index.js', 'dist/web/index.js', 'dist/web/preflight_wasm_bg.wasm']) {
      assert.ok(files.includes(expected), `the tarball has ${expected}`);
    }
    assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('test/') || f === 'Cargo.toml'), 'no sources in the tarball');

    const project = path.join(scratch, 'app');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{"name":"app","private":true}');
    execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', path.join(scratch, packed[0].filename)], { cwd: project, stdio: 'pipe' });

    const body = '{"sync_frequency":0}';
    fs.writeFileSync(path.join(project, 'use.cjs'), `
      const p = require('propexo-preflight');
      const r = p.check(${JSON.stringify(body)});
      let thrown;
      try { p.normalize({ nmae: 1 }); } catch (e) { thrown = e instanceof p.PreflightError && e.issues[0].code; }
      console.log(JSON.stringify([r.issues[0].code, thrown]));`);
    fs.writeFileSync(path.join(project, 'use.mjs'), `
      import { check, PreflightError } from 'propexo-preflight';
      import { createRequire } from 'node:module';
      const cjs = createRequire(import.meta.url)('propexo-preflight');
      console.log(JSON.stringify([check(${JSON.stringify(body)}).issues[0].code, PreflightError === cjs.PreflightError]));`);
    // The web entry under Node: init() with the .wasm bytes, as a page would with a URL.
    fs.writeFileSync(path.join(project, 'web.mjs'), `
      import fs from 'node:fs';
      import { createRequire } from 'node:module';
      import init, { check } from 'propexo-preflight/web';
      let early;
      try { check('{}'); } catch (e) { early = e.message; }
      const wasm = createRequire(import.meta.url).resolve('propexo-preflight/web').replace(/index\\.js$/, 'preflight_wasm_bg.wasm');
      await init(fs.readFileSync(wasm));
      console.log(JSON.stringify([/init\\(\\)/.test(early), check(${JSON.stringify(body)}).issues[0].code]));`);
    const run = (file) => JSON.parse(execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' }));
    assert.deepEqual(run('use.cjs'), ['too_small', 'unrecognized_keys']);
    assert.deepEqual(run('use.mjs'), ['too_small', true]);
    assert.deepEqual(run('web.mjs'), [true, 'too_small']);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

test('the repository root loads the built package with require and import', () => {
  const root = path.resolve(js, '../..');
  const out = execFileSync(process.execPath, ['-e', `
    const p = require('./bindings/js');
    import('./bindings/js/dist/node/index.js').then((m) => {
      console.log(JSON.stringify([p.check('{}').issues[0].code, m.check === p.check]));
    });`], { cwd: root, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), ['empty_update', true]);
});

test('package.json is ready to publish: every file it names is packed, provenance metadata', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(js, 'package.json'), 'utf8'));
  const packed = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json'], { cwd: js, encoding: 'utf8' }));
  const files = new Set(packed[0].files.map((f) => f.path));
  const named = [];
  const walk = (value) => {
    if (typeof value === 'string') named.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk([manifest.main, manifest.module, manifest.types, manifest.exports, manifest.sideEffects]);
  for (const file of named.filter((f) => f !== './package.json')) {
    assert.ok(files.has(file.replace(/^\.\//, '')), `${file} (named in package.json) is in the tarball`);
  }
  // npm --provenance checks that the repository is the one the workflow runs in.
  assert.match(manifest.repository.url, /^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
  assert.equal(manifest.repository.directory, 'bindings/js');
  assert.deepEqual(manifest.publishConfig, { access: 'public', provenance: true });
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  assert.ok(manifest.engines.node, 'engines.node is set');
  assert.ok(!('private' in manifest) && !('dependencies' in manifest), 'publishable, with no runtime dependencies');
});
