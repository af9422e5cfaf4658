// The tests of guardFetch, run unchanged in Node (test/guard.test.js) and in headless
// Chromium (test/guard-browser.test.js) against test/api-recorder.js, a server on
// 127.0.0.1 that records what arrives. Imports nothing: the runner gives the package's
// API and the server's origin.
//
// guardCases(api, origin) returns [{ name, run }]; `run` is async and throws on failure.
// The cases share the server's record, so they run one after another.

class AssertionError extends Error {}

const fail = (message) => {
  throw new AssertionError(message);
};
const equal = (actual, expected, what) => {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) fail(`${what}\n  got      ${a}\n  expected ${e}`);
};
const ok = (value, what) => value || fail(what);

async function rejects(promise, what) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return fail(`${what}: did not reject`);
}

// An update whose normalized form differs from the text: days Sunday first, slots by start.
const UPDATE_TEXT =
  '{"use_custom_sync_schedule":true,"custom_sync_schedule":{"type":"WEEK_BASED","timezone":"UTC","interval":{' +
  '"TUESDAY":{"slots":[{"start":"13:00","end":"17:00","sync_frequency":2,"sync_cadence":"HOUR"},' +
  '{"start":"09:00","end":"12:00","sync_frequency":30,"sync_cadence":"MINUTE"}]},' +
  '"MONDAY":{"slots":[{"start":"09:00","end":"17:00","sync_frequency":1,"sync_cadence":"HOUR"}]}}},"name":"Downtown"}';
// The same with two Tuesday slots that overlap.
const OVERLAP_TEXT = UPDATE_TEXT.replace('"start":"13:00"', '"start":"11:00"');
// A create in the documented field order, as normalization writes it.
const CREATE = {
  integration_vendor: 'ENTRATA',
  credentials: { apiKey: 'key-1', companyId: 'acme' },
  name: 'Downtown',
  sync_frequency: 6,
  sync_cadence: 'HOUR',
};
const JSON_HEADERS = { 'content-type': 'application/json', authorization: 'Bearer test-token' };

export function guardCases(api, origin) {
  const out = [];
  const add = (name, run) => out.push({ name, run });
  const collection = `${origin}/v1/admin/integrations/`;
  const item = (id = 'int_1') => `${origin}/v1/admin/integrations/${id}/`;
  const arrived = async () => (await fetch(`${origin}/__recorded`)).json();
  const normalizedText = (text, options) => JSON.stringify(api.check(text, options).normalized);

  add('an invalid update is rejected with PreflightError and never arrives', async () => {
    await arrived();
    const guarded = api.guardFetch();
    const error = await rejects(guarded(item(), { method: 'PUT', headers: JSON_HEADERS, body: OVERLAP_TEXT }), 'overlap');
    ok(error instanceof api.PreflightError, `a PreflightError, not ${error}`);
    equal(error.issues.map((i) => `${i.code} ${i.pointer}`), ['overlapping_slots /custom_sync_schedule/interval/TUESDAY/slots/1'], 'the errors');
    equal(error.report.valid, false, 'the report is attached');
    equal(await arrived(), [], 'nothing arrived');
  });

  add('an invalid create is rejected and never arrives', async () => {
    const guarded = api.guardFetch(fetch);
    const error = await rejects(
      guarded(collection, { method: 'post', headers: JSON_HEADERS, body: JSON.stringify({ ...CREATE, sync_frequency: 0 }) }),
      'create',
    );
    ok(error instanceof api.PreflightError, `a PreflightError, not ${error}`);
    equal(error.issues.map((i) => i.pointer), ['/sync_frequency'], 'judged as a create');
    const missing = await rejects(guarded(collection, { method: 'POST', headers: JSON_HEADERS, body: '{"name":"x"}' }), 'no vendor');
    ok(missing.issues.some((i) => i.pointer === '/integration_vendor'), 'POST requires the vendor');
    const broken = await rejects(guarded(collection, { method: 'POST', headers: JSON_HEADERS, body: '{"name":' }), 'broken JSON');
    equal(broken.issues.map((i) => i.code), ['invalid_json'], 'JSON that does not parse');
    equal(await arrived(), [], 'nothing arrived');
  });

  add('a valid update arrives normalized, with its headers', async () => {
    const guarded = api.guardFetch();
    const response = await guarded(item(), { method: 'PUT', headers: JSON_HEADERS, body: UPDATE_TEXT });
    equal(response.status, 200, 'the server answered');
    const expected = normalizedText(UPDATE_TEXT, { operation: 'update' });
    ok(expected !== UPDATE_TEXT, 'the normalized text differs from the text given');
    equal(await arrived(), [
      { method: 'PUT', path: '/v1/admin/integrations/int_1/', contentType: 'application/json', authorization: 'Bearer test-token', body: expected },
    ], 'what arrived');
    equal(response.preflightReport.valid, true, 'the report rides on the response');
    equal(await response.json(), { received: true }, 'the response is the server\'s');
  });

  add('a valid create arrives normalized; coerce reads what forms send', async () => {
    const guarded = api.guardFetch(fetch, { coerce: true });
    const { name, ...rest } = CREATE;
    const body = JSON.stringify({ name, ...rest, sync_frequency: '6', sync_cadence: 'hour' });
    await guarded(collection, { method: 'POST', headers: JSON_HEADERS, body });
    const [request] = await arrived();
    equal(request.method, 'POST', 'method');
    equal(request.body, JSON.stringify(CREATE), 'numbers and cadences as the API wants them, fields in order');
  });

  add('send: "as-given" checks, then sends the text unchanged', async () => {
    const guarded = api.guardFetch(undefined, { send: 'as-given' });
    await guarded(item(), { method: 'PUT', headers: JSON_HEADERS, body: UPDATE_TEXT });
    equal((await arrived()).map((r) => r.body), [UPDATE_TEXT], 'the text as given');
    const error = await rejects(guarded(item(), { method: 'PUT', headers: JSON_HEADERS, body: OVERLAP_TEXT }), 'still checked');
    ok(error instanceof api.PreflightError, 'still rejected');
    equal(await arrived(), [], 'nothing arrived');
  });

  add('warnings reach onWarnings before sending, and can stop the request', async () => {
    const seen = [];
    const guarded = api.guardFetch({ onWarnings: (warnings, context) => seen.push([warnings.map((w) => w.code), context.method, context.url]) });
    const body = JSON.stringify({ name: 'Downtown', system: 'PRODUCTION' });
    const response = await guarded(item(), { method: 'PUT', headers: JSON_HEADERS, body });
    equal(seen, [[['deprecated_field'], 'PUT', item()]], 'the warnings, the method and the URL');
    equal(response.preflightReport.issues.map((i) => i.code), ['deprecated_field'], 'and on the response');
    equal((await arrived()).length, 1, 'sent');

    const strict = api.guardFetch({
      onWarnings: (warnings) => {
        throw new Error(`refused: ${warnings[0].code}`);
      },
    });
    const error = await rejects(strict(item(), { method: 'PUT', headers: JSON_HEADERS, body }), 'strict');
    equal(error.message, 'refused: deprecated_field', 'the callback\'s error');
    equal(await arrived(), [], 'nothing arrived');
  });

  add('bytes, a Blob and a stream are read as JSON text', async () => {
    const guarded = api.guardFetch();
    const expected = normalizedText(UPDATE_TEXT, { operation: 'update' });
    const bytes = new TextEncoder().encode(UPDATE_TEXT);
    await guarded(item(), { method: 'PUT', headers: JSON_HEADERS, body: bytes });
    await guarded(item(), { method: 'PUT', headers: JSON_HEADERS, body: bytes.buffer });
    await guarded(item(), { method: 'PUT', body: new Blob([UPDATE_TEXT], { type: 'application/json' }) });
    const stream = new Blob([UPDATE_TEXT]).stream();
    await guarded(item(), { method: 'PUT', headers: JSON_HEADERS, body: stream, duplex: 'half' });
    const got = await arrived();
    equal(got.map((r) => r.body), [expected, expected, expected, expected], 'normalized each time');
    equal(got[2].contentType, 'application/json', 'the Blob\'s type is kept');
    const bad = new TextEncoder().encode(OVERLAP_TEXT);
    ok((await rejects(guarded(item(), { method: 'PUT', headers: JSON_HEADERS, body: bad }), 'bytes')) instanceof api.PreflightError, 'bad bytes rejected');
    equal(await arrived(), [], 'nothing arrived');
  });

  add('a Request object is checked, and left unread when rejected', async () => {
    const guarded = api.guardFetch();
    const bad = new Request(item(), { method: 'PUT', headers: JSON_HEADERS, body: OVERLAP_TEXT });
    const error = await rejects(guarded(bad), 'bad Request');
    ok(error instanceof api.PreflightError, 'rejected');
    equal(bad.bodyUsed, false, 'the caller\'s Request is unread');
    const good = new Request(item(), { method: 'PUT', headers: JSON_HEADERS, body: UPDATE_TEXT });
    await guarded(good);
    equal(await arrived(), [
      { method: 'PUT', path: '/v1/admin/integrations/int_1/', contentType: 'application/json', authorization: 'Bearer test-token', body: normalizedText(UPDATE_TEXT, { operation: 'update' }) },
    ], 'the good one arrived normalized with its headers');
  });

  if (globalThis.location) {
    add('in a page, a relative URL is routed as the page resolves it', async () => {
      const guarded = api.guardFetch();
      const error = await rejects(guarded('/v1/admin/integrations/int_1/', { method: 'PUT', headers: JSON_HEADERS, body: OVERLAP_TEXT }), 'relative');
      ok(error instanceof api.PreflightError, 'rejected');
      await guarded('/v1/admin/integrations/int_1/', { method: 'PUT', headers: JSON_HEADERS, body: UPDATE_TEXT });
      equal((await arrived()).map((r) => r.body), [normalizedText(UPDATE_TEXT, { operation: 'update' })], 'sent normalized');
    });
  }

  add('other requests pass through untouched: the same arguments, the same object', async () => {
    const calls = [];
    const answer = Promise.resolve('answer');
    const stub = (...args) => {
      calls.push(args);
      return answer;
    };
    const guarded = api.guardFetch(stub);
    const init = { method: 'POST', headers: JSON_HEADERS, body: '{"not":"checked"}' };
    const url = new URL(`${item()}sync/`);
    ok(guarded(url, init) === answer, 'the same promise back');
    ok(calls[0].length === 2 && calls[0][0] === url && calls[0][1] === init, 'the same arguments');
    ok(guarded(collection) === answer && calls[1].length === 1, 'a GET with one argument');
    const form = new FormData();
    form.append('name', 'x');
    const formInit = { method: 'POST', body: form };
    ok(guarded(collection, formInit) === answer && calls[2][1] === formInit, 'a FormData body');
  });

  add('other routes and methods, and non-JSON bodies, arrive untouched', async () => {
    const guarded = api.guardFetch();
    const bad = '{"sync_frequency":0}';
    await guarded(`${item()}sync/`, { method: 'POST', headers: JSON_HEADERS, body: bad });
    await guarded(`${origin}/v1/admin/other/`, { method: 'PUT', headers: JSON_HEADERS, body: bad });
    await guarded(collection, { method: 'PUT', headers: JSON_HEADERS, body: bad });
    await guarded(item(), { method: 'PATCH', headers: JSON_HEADERS, body: bad });
    await guarded(item(), { method: 'DELETE', headers: JSON_HEADERS });
    await guarded(`${item()}?expand=1`, { headers: JSON_HEADERS });
    await guarded(collection, { method: 'POST', body: new URLSearchParams({ sync_frequency: '0' }) });
    await guarded(item(), { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: 'sync_frequency\n0\n' });
    await guarded(item(), { method: 'PUT', headers: JSON_HEADERS });
    const got = await arrived();
    equal(got.map((r) => `${r.method} ${r.path} ${r.body}`), [
      `POST /v1/admin/integrations/int_1/sync/ ${bad}`,
      `PUT /v1/admin/other/ ${bad}`,
      `PUT /v1/admin/integrations/ ${bad}`,
      `PATCH /v1/admin/integrations/int_1/ ${bad}`,
      'DELETE /v1/admin/integrations/int_1/ ',
      'GET /v1/admin/integrations/int_1/?expand=1 ',
      'POST /v1/admin/integrations/ sync_frequency=0',
      'PUT /v1/admin/integrations/int_1/ sync_frequency\n0\n',
      'PUT /v1/admin/integrations/int_1/ ',
    ], 'each as sent');
    ok(got[6].contentType.startsWith('application/x-www-form-urlencoded'), 'the form keeps its type');
  });

  add('current: true judges an update against the stored integration', async () => {
    const body = JSON.stringify({ credentials: { clientId: 'c-1' } });
    // Without it, the vendor is unknown and the credentials are only warned about.
    const plain = api.guardFetch();
    const response = await plain(item(), { method: 'PUT', headers: JSON_HEADERS, body });
    ok(response.preflightReport.issues.every((i) => i.severity === 'warning'), 'only warnings without current');
    equal((await arrived()).map((r) => r.method), ['PUT'], 'sent');

    // With it, the stored vendor (Buildium) needs `secret` too.
    const guarded = api.guardFetch({ current: true });
    const error = await rejects(guarded(item(), { method: 'PUT', headers: JSON_HEADERS, body }), 'current');
    ok(error instanceof api.PreflightError, `a PreflightError, not ${error}`);
    equal(error.issues.map((i) => `${i.code} ${i.pointer}`), ['missing_credential_field /credentials/secret'], 'judged against Buildium');
    equal(await arrived(), [
      { method: 'GET', path: '/v1/admin/integrations/int_1/', contentType: 'application/json', authorization: 'Bearer test-token', body: '' },
    ], 'only the GET arrived, with the same headers');

    const complete = JSON.stringify({ credentials: { clientId: 'c-1', secret: 's-1' } });
    await guarded(new Request(item(), { method: 'PUT', headers: JSON_HEADERS, body: complete }));
    equal((await arrived()).map((r) => `${r.method} ${r.authorization}`), ['GET Bearer test-token', 'PUT Bearer test-token'], 'read, then sent');

    // A create is never preceded by a GET.
    await guarded(collection, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(CREATE) });
    equal((await arrived()).map((r) => r.method), ['POST'], 'no GET before a create');
  });

  add('current: true and an integration the server cannot read: nothing is sent', async () => {
    const guarded = api.guardFetch({ current: true });
    const error = await rejects(guarded(item('missing'), { method: 'PUT', headers: JSON_HEADERS, body: '{"name":"x"}' }), 'missing');
    ok(!(error instanceof api.PreflightError) && /answered 404/.test(error.message), `the GET's status: ${error.message}`);
    equal(error.response.status, 404, 'the GET response is attached');
    equal((await arrived()).map((r) => r.method), ['GET'], 'only the GET');
  });

  add('guardFetch refuses options it does not know how to honour', async () => {
    for (const [args, what] of [
      [[42], 'a number as fetch'],
      [[undefined, { send: 'raw' }], 'an unknown send'],
      [[undefined, { onWarnings: 'log' }], 'a callback that is not a function'],
      [[{ current: { id: 'int_1' } }], 'a document as current (the guard reads it)'],
    ]) {
      try {
        api.guardFetch(...args);
      } catch (error) {
        ok(error instanceof TypeError, `${what}: a TypeError`);
        continue;
      }
      fail(`${what}: accepted`);
    }
  });

  return out;
}
