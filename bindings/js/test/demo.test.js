// The demo form (examples/web) in headless Chromium: fill it in, make two slots
// overlap, see the error next to the slot, fix it, see it go; a screenshot goes to
// test-output/ at the repository root.
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './chromium.js';
import { serve } from './server.js';
import { repoRoot } from './vectors.js';

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

test('the demo form shows an overlap next to its slot, and clears it when fixed', { timeout: 120_000 }, async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${server.url}/examples/web/`);
  await page.waitForSelector('body[data-checked]');

  // Fill it in: a name, the vendor's credentials (the inputs follow the vendor), limits.
  await page.fill('#name', 'Downtown Properties');
  await page.selectOption('#vendor', 'ENTRATA');
  const credentialInputs = page.locator('#credential-fields input[type=password]');
  assert.deepEqual(await credentialInputs.evaluateAll((inputs) => inputs.map((i) => i.dataset.credential)), ['apiKey', 'companyId']);
  await page.fill('[data-credential=apiKey]', 'key-123');
  await page.fill('[data-credential=companyId]', 'acme');
  await page.fill('#max_request_frequency', '10');
  await page.fill('#max_job_concurrency', '5');
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Ready to send.');
  assert.match(await page.textContent('#normalized'), /"integration_vendor": "ENTRATA"/);
  assert.equal(await page.locator('#timeline .block').count(), 5, 'Mon–Fri drawn on the timeline');
  assert.equal(await page.locator('#next-syncs li').count(), 10, 'the next 10 syncs');

  // A second Monday slot that overlaps the first (09:00–17:00).
  await page.click('button.add[data-day=MONDAY]');
  const start = page.getByLabel('MONDAY slot 2 start');
  const end = page.getByLabel('MONDAY slot 2 end');
  await start.fill('16:00');
  await end.fill('18:00');
  const slotError = page.locator('.field-error[data-for="/custom_sync_schedule/interval/MONDAY/slots/1"]');
  await slotError.waitFor();
  assert.equal(await slotError.getAttribute('data-code'), 'overlapping_slots');
  assert.match(await slotError.textContent(), /overlaps slot 0/);
  const placedAfterSlot = await slotError.evaluate((note) => note.previousElementSibling?.dataset.pointer);
  assert.equal(placedAfterSlot, '/custom_sync_schedule/interval/MONDAY/slots/1', 'the error sits right after its slot');
  assert.match(await page.textContent('#status'), /1 error to fix/);
  assert.equal(await page.textContent('#normalized'), '', 'no body to send while invalid');

  fs.mkdirSync(path.join(repoRoot, 'test-output'), { recursive: true });
  await page.screenshot({ path: path.join(repoRoot, 'test-output', 'demo-overlap.png'), fullPage: true });

  // Fix it: the slot starts when the first one ends.
  await start.fill('17:00');
  await slotError.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.field-error').count(), 0);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Ready to send.');
  assert.match(await page.textContent('#week-summary'), /^81 syncs per week/, 'Mon 16 + 1, Tue–Fri 16 each');
  await page.screenshot({ path: path.join(repoRoot, 'test-output', 'demo-fixed.png'), fullPage: true });
  assert.deepEqual(errors, []);
});
