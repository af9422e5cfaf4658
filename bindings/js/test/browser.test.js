// The suite in headless Chromium, against the package's web entry.
import { after, before, test } from 'node:test';
import { launch } from './chromium.js';
import { serve } from './server.js';

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the suite in headless Chromium', { timeout: 300_000 }, async (t) => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${server.url}/bindings/js/test/browser.html`);
  await page.waitForFunction(() => Array.isArray(window.suiteResults), null, { timeout: 240_000 });
  const results = await page.evaluate(() => window.suiteResults);
  if (errors.length > 0) throw new Error(`page errors:\n${errors.join('\n')}`);
  if (results.length < 150) throw new Error(`only ${results.length} cases ran`);
  for (const result of results) {
    await t.test(result.name, () => {
      if (!result.ok) throw new Error(result.message);
    });
  }
});
