// The example in headless Chromium: type a bad slot time and an overlapping slot, see
// each error on its nested field, fix both, see them clear, submit the normalized body.
// Run by bindings/js/scripts/test after `npm run build` here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch } from '../../../bindings/js/test/chromium.js';
import { serve } from '../../../bindings/js/test/server.js';
import { repoRoot } from '../../../bindings/js/test/vectors.js';

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

test('react-hook-form + standardSchemaResolver: preflight errors land on nested fields and clear', { timeout: 120_000 }, async () => {
  const page = await browser.context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.goto(`${server.url}/examples/react-hook-form/`);
  await page.getByLabel('MONDAY slot 1 start').waitFor();
  const errorAt = (name) => page.locator(`.error[data-for="${name}"]`);
  const monday = 'custom_sync_schedule.interval.MONDAY.slots.0';
  const tuesday = 'custom_sync_schedule.interval.TUESDAY.slots';

  // A bad time on Monday's slot: the error is on that slot's start, nowhere else.
  await page.getByLabel('MONDAY slot 1 start').fill('25:00');
  await errorAt(`${monday}.start`).waitFor();
  assert.match(await errorAt(`${monday}.start`).textContent(), /^Invalid time/);
  assert.equal(await page.getByLabel('MONDAY slot 1 start').getAttribute('aria-invalid'), 'true');

  // A second Tuesday slot overlapping the first (09:00–17:00): the error is on slot 2.
  await page.click('button[data-add=TUESDAY]');
  await page.getByLabel('TUESDAY slot 2 start').fill('16:00');
  await page.getByLabel('TUESDAY slot 2 end').fill('18:00');
  await errorAt(`${tuesday}.1`).waitFor();
  assert.match(await errorAt(`${tuesday}.1`).textContent(), /overlaps slot 0/);
  const placed = await errorAt(`${tuesday}.1`).evaluate((note) => note.closest('[data-slot]')?.dataset.slot);
  assert.equal(placed, `${tuesday}.1`, 'the overlap is shown in the second Tuesday slot');
  assert.deepEqual(
    (await page.locator('.error').evaluateAll((notes) => notes.map((n) => n.dataset.for))).sort(),
    [`${monday}.start`, `${tuesday}.1`],
    'exactly the two errors, each on its field',
  );
  fs.mkdirSync(path.join(repoRoot, 'test-output'), { recursive: true });
  await page.screenshot({ path: path.join(repoRoot, 'test-output', 'react-hook-form-errors.png'), fullPage: true });

  // Submitting with errors sends nothing.
  await page.click('button[type=submit]');
  assert.equal(await page.locator('#sent').count(), 0);

  // Fix the time, then the overlap from the other slot: both errors clear.
  await page.getByLabel('MONDAY slot 1 start').fill('9:00');
  await errorAt(`${monday}.start`).waitFor({ state: 'detached' });
  await page.getByLabel('TUESDAY slot 1 end').fill('16:00');
  await errorAt(`${tuesday}.1`).waitFor({ state: 'detached' });
  assert.equal(await page.locator('.error').count(), 0);
  assert.equal(await page.textContent('#status'), 'No errors.');

  // The submitted value is the normalized body: numbers as numbers, "9:00" as "09:00".
  await page.click('button[type=submit]');
  const sent = JSON.parse(await page.locator('#sent').textContent());
  assert.deepEqual(sent.custom_sync_schedule.interval.MONDAY.slots[0], { start: '09:00', end: '17:00', sync_frequency: 30, sync_cadence: 'MINUTE' });
  assert.deepEqual(
    sent.custom_sync_schedule.interval.TUESDAY.slots.map((s) => `${s.start}-${s.end}`),
    ['09:00-16:00', '16:00-18:00'],
  );
  await page.screenshot({ path: path.join(repoRoot, 'test-output', 'react-hook-form-fixed.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
});
