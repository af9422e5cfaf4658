// The bundler entry imports its .wasm as an ES module, as webpack 5 or Vite (with a wasm
// plugin) do; Node does the same with --experimental-wasm-modules. A smoke test in a
// child process, so the flag stays out of the other suites.
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('the bundler entry loads its .wasm as a module and checks', () => {
  const script = `
    const api = await import('./dist/bundler/index.js');
    const report = api.check({ sync_frequency: 0, nmae: 'x' });
    console.log(JSON.stringify([report.issues.map((i) => i.code), api.jsonSchema('update').title]));`;
  const out = execFileSync(process.execPath, ['--experimental-wasm-modules', '--no-warnings', '--input-type=module', '-e', script], {
    cwd: new URL('..', import.meta.url),
    encoding: 'utf8',
  });
  assert.deepEqual(JSON.parse(out), [['unrecognized_keys', 'too_small'], 'Update an integration']);
});
