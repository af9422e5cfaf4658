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
import { credentialShapes } from '../dist/node/index.js';

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

/** What the form should render for a shape: "path:type" per input, in order; an object of
 * optional keys (RPX's method_specific) with its first key added. */
function expectedInputs(shape, prefix = '') {
  return [...shape.required, ...shape.optional].flatMap((key) => {
    if (key.type !== 'object') return [`${prefix}${key.name}:${key.type}`];
    const at = key.keys ? `${prefix}${key.name}/${key.keys[0]}/` : `${prefix}${key.name}/`;
    return expectedInputs(key.shape, at);
  });
}

test("the credential inputs follow every vendor's shapes from the core's table, nested ones included", { timeout: 180_000 }, async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${server.url}/examples/web/`);
  await page.waitForSelector('body[data-checked]');
  const table = credentialShapes();
  let nested = 0;
  for (const [vendor, shapes] of Object.entries(table)) {
    await page.selectOption('#vendor', vendor);
    if (shapes.length === 0) {
      assert.match(await page.textContent('#credential-fields'), /publishes no credential shape/, vendor);
      continue;
    }
    for (let i = 0; i < shapes.length; i++) {
      if (shapes.length > 1) await page.selectOption('#shape', String(i));
      // Open every optional nested object and add the first key of each object of keys.
      for (;;) {
        const closed = page.locator('[data-include]:not(:checked)');
        if ((await closed.count()) > 0) {
          await closed.first().click(); // re-renders: check() would wait on the replaced box
          nested++;
          continue;
        }
        const empty = page.locator('fieldset.nested[data-pointer]:has(> .row [data-choose]):not(:has(fieldset.nested))');
        if ((await empty.count()) === 0) break;
        const pointer = await empty.first().getAttribute('data-pointer');
        const key = [...shapes[i].required, ...shapes[i].optional].find((k) => `/credentials/${k.name}` === pointer);
        const offered = await page.locator(`[data-choose="${pointer}"] option`).evaluateAll((o) => o.map((x) => x.value));
        assert.deepEqual(offered, key.keys, `${vendor} ${pointer}: every key of the table is offered`);
        await page.click(`[data-add-key="${pointer}"]`);
        nested++;
      }
      const rendered = await page
        .locator('#credential-fields [data-credential]')
        .evaluateAll((inputs) => inputs.map((input) => `${input.dataset.credential}:${input.dataset.type}`));
      assert.deepEqual(rendered, expectedInputs(shapes[i]), `${vendor}, shape ${shapes[i].title}`);
    }
  }
  assert.ok(nested >= 8, `nested objects opened: ${nested} (RealPage SFTP, RPX per-method, Yardi interfaces)`);
  assert.deepEqual(errors, []);
});

test('a nested credential error shows at its nested field: RealPage SFTP, then an RPX method', { timeout: 120_000 }, async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${server.url}/examples/web/`);
  await page.waitForSelector('body[data-checked]');

  await page.selectOption('#vendor', 'REALPAGE');
  for (const [key, value] of [['PMC_ID', '1'], ['SITE_ID', '2'], ['LICENSE_KEY', 'lk'], ['ONESITE_USERNAME', 'u']]) {
    await page.fill(`[data-credential="${key}"]`, value);
  }
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Ready to send.');
  await page.check('[data-include="/credentials/ftp_credentials"]');
  for (const [key, value] of [['SFTP_HOST', 'sftp.example.com'], ['SFTP_USERNAME', 'u'], ['SFTP_PASSWORD', 'p'], ['SFTP_DIR', '/in']]) {
    await page.fill(`[data-credential="ftp_credentials/${key}"]`, value);
  }
  const port = '/credentials/ftp_credentials/SFTP_PORT';
  const portError = page.locator(`.field-error[data-for="${port}"]`);
  await portError.waitFor();
  assert.equal(await portError.getAttribute('data-code'), 'missing_credential_field');
  assert.match(await portError.textContent(), /SFTP_PORT.*a number/);
  assert.equal(await portError.evaluate((note) => note.previousElementSibling?.dataset.field), port, 'right after the port input');
  assert.equal(await page.getAttribute(`[data-pointer="${port}"]`, 'type'), 'number');
  await page.screenshot({ path: path.join(repoRoot, 'test-output', 'demo-realpage-sftp.png'), fullPage: true });
  await page.fill(`[data-pointer="${port}"]`, '22');
  await portError.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Ready to send.');
  const sent = JSON.parse(await page.textContent('#normalized'));
  assert.deepEqual(Object.keys(sent.credentials.ftp_credentials), ['SFTP_HOST', 'SFTP_PORT', 'SFTP_USERNAME', 'SFTP_PASSWORD', 'SFTP_DIR']);
  assert.equal(sent.credentials.ftp_credentials.SFTP_PORT, 22, 'the port as a number');

  await page.selectOption('#vendor', 'REALPAGE_RPX');
  await page.fill('[data-credential="baseUrl"]', 'https://rpx.example.com/');
  await page.fill('[data-credential="licensekey"]', 'lk');
  await page.selectOption('[data-choose="/credentials/method_specific"]', 'getunitlist');
  await page.click('[data-add-key="/credentials/method_specific"]');
  await page.fill('[data-credential="method_specific/getunitlist/baseUrl"]', 'https://units.example.com/');
  await page.fill('[data-credential="method_specific/getunitlist/licensekey"]', 'lk-units');
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Ready to send.');
  const rpx = JSON.parse(await page.textContent('#normalized'));
  assert.deepEqual(rpx.credentials.method_specific, { getunitlist: { baseUrl: 'https://units.example.com/', licensekey: 'lk-units' } });
  // The top-level baseUrl must be a URI: the error sits at it, not at the method's.
  await page.fill('[data-credential="baseUrl"]', 'not a uri');
  const uriError = page.locator('.field-error[data-for="/credentials/baseUrl"]');
  await uriError.waitFor();
  assert.equal(await page.locator('.field-error').count(), 1);
  await page.screenshot({ path: path.join(repoRoot, 'test-output', 'demo-rpx-method.png'), fullPage: true });
  assert.deepEqual(errors, []);
});
