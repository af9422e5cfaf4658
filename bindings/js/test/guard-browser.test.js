// guardFetch in headless Chromium: test/guard.html runs test/guard.suite.js against the
// web entry, served by the same server that records what arrives.
import { after, before, test } from 'node:test';
import { apiRecorder } from './api-recorder.js';
import { launch } from './chromium.js';
import { serve } from './server.js';

let server;
let browser;
before(async () => {
  server = await serve(0, apiRecorder());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('guardFetch in headless Chromium', { timeout: 180_000 }, async (t) => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${server.url}/bindings/js/test/guard.html`);
  await page.waitForFunction(() => Array.isArray(window.guardResults), null, { timeout: 120_000 });
  const results = await page.evaluate(() => window.guardResults);
  if (errors.length > 0) throw new Error(`page errors:\n${errors.join('\n')}`);
  if (results.length < 12) throw new Error(`only ${results.length} cases ran`);
  for (const result of results) {
    await t.test(result.name, () => {
      if (!result.ok) throw new Error(result.message);
    });
  }
});
