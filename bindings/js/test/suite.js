// The one JavaScript test suite of propexo-preflight. It runs unchanged in Node
// (test/node.test.js) and in headless Chromium (test/browser.test.js): it imports
// nothing, and gets the package's API and the shared vectors from its runner.
//
// cases(api, vectors) returns [{ name, run }]; `run` throws on failure.

class AssertionError extends Error {}

function fail(message) {
  throw new AssertionError(message);
}

function equal(actual, expected, what) {
  if (actual !== expected) {
    fail(`${what}\n  got      ${String(actual)}\n  expected ${String(expected)}`);
  }
}

function ok(value, what) {
  if (!value) fail(what);
}

function throws(fn, type, pattern, what) {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof type)) fail(`${what}: threw ${error && error.name}, not ${type.name}: ${error}`);
    if (pattern && !pattern.test(error.message)) fail(`${what}: message "${error.message}" does not match ${pattern}`);
    return error;
  }
  return fail(`${what}: did not throw`);
}

/** "code pointer" of each issue, as the vectors' `expect` lists them. */
const summary = (report) => report.issues.map((i) => `${i.code} ${i.pointer}`).join(', ');

/** A valid update body: checked after each hostile input to see the module still works. */
const VALID = { name: 'Downtown', sync_frequency: 15, sync_cadence: 'MINUTE' };
const VALID_JSON = '{"valid":true,"issues":[],"normalized":{"name":"Downtown","sync_frequency":15,"sync_cadence":"MINUTE"},"changes":[]}';
const NOW = { now: '2026-01-15T00:00:00Z' };

/** A credential value a report must never show. */
const SECRET = 'pf-SECRET-7c1d9e-do-not-print';

export function cases(api, vectors) {
  const out = [];
  const add = (name, run) => out.push({ name, run });

  const stillWorks = () => {
    equal(JSON.stringify(api.check(VALID, NOW)), VALID_JSON, 'a valid body after a hostile one');
  };

  // --- Every shared vector, through every input path ------------------------------------
  for (const { name, vector } of vectors) {
    add(`vector ${name}`, () => {
      const options = vector.options;
      if ('usage_error' in vector) {
        // Bad options: the core's usage error, thrown as a TypeError with its message.
        const error = throws(() => api.check(vector.body, options), TypeError, null, `${name}: check`);
        equal(error.message, vector.usage_error, `${name}: usage error`);
        stillWorks();
        return;
      }
      const expected = JSON.stringify(vector.report);
      const paths = [];
      if ('body_text' in vector) {
        paths.push(['text', vector.body_text]);
      } else {
        if (typeof vector.body !== 'string') paths.push(['object', vector.body]);
        paths.push(['text', JSON.stringify(vector.body)]);
      }
      for (const [path, body] of paths) {
        equal(JSON.stringify(api.check(body, options)), expected, `${name} (${path} path): report`);
      }
      if ('from' in vector) {
        const body = vector.body;
        const failure = /^error: (.*)$/s.exec(String(vector.syncs[0]));
        if (failure) {
          const error = throws(() => api.nextSyncs(body, options, vector.from, vector.count), TypeError, null, `${name}: nextSyncs`);
          equal(error.message, failure[1], `${name}: nextSyncs error`);
        } else {
          const expectedNext = JSON.stringify({ syncs: vector.syncs, complete: !vector.end, end: vector.end ?? null });
          const next = api.nextSyncs(body, options, vector.from, vector.count);
          equal(JSON.stringify(next), expectedNext, `${name}: nextSyncs`);
          const fromDate = api.nextSyncs(body, options, new Date(vector.from), vector.count);
          equal(JSON.stringify(fromDate), expectedNext, `${name}: nextSyncs from a Date`);
        }
        equal(JSON.stringify(api.effectiveSchedule(body, options)), JSON.stringify(vector.effective), `${name}: effectiveSchedule`);
        equal(JSON.stringify(api.weeklySummary(body, options)), JSON.stringify(vector.weekly), `${name}: weeklySummary`);
      }
    });
  }

  add('the vectors were found', () => ok(vectors.length >= 150, `only ${vectors.length} vectors`));

  // --- Input forms ----------------------------------------------------------------------
  add('bytes are the text path', () => {
    const text = '{"name":"Downtown","sync_frequency":"15"}';
    const bytes = new TextEncoder().encode(text);
    const expected = JSON.stringify(api.check(text, NOW));
    equal(JSON.stringify(api.check(bytes, NOW)), expected, 'Uint8Array');
    equal(JSON.stringify(api.check(bytes.buffer, NOW)), expected, 'ArrayBuffer');
    equal(summary(api.check(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), NOW)), 'invalid_json ', 'invalid UTF-8');
  });

  add('a string is JSON text; a Standard Schema reads it as a value', () => {
    equal(summary(api.check('"Downtown"', NOW)), 'invalid_type ', 'JSON text of a string');
    const result = api.updateIntegrationSchema['~standard'].validate('{"name":"x"}');
    ok(result.issues && result.issues.length === 1, 'a string value is not an object');
  });

  // --- Hostile values a JavaScript caller can make ----------------------------------------
  const hostile = [
    ['a circular object', () => {
      const credentials = { apiKey: 'k', companyId: 'c' };
      credentials.self = credentials;
      return { integration_vendor: 'ENTRATA', credentials };
    }, 'nesting_too_deep /credentials/self, unknown_credential_field /credentials/self'],
    ['a cycle through an array', () => {
      const slots = [];
      slots.push(slots);
      return { custom_sync_schedule: { type: 'WEEK_BASED', timezone: 'UTC', interval: { MONDAY: { slots } } } };
    }, 'nesting_too_deep /custom_sync_schedule/interval/MONDAY/slots/0'],
    ['NaN', () => ({ sync_frequency: NaN }), 'invalid_type /sync_frequency'],
    ['Infinity', () => ({ max_request_frequency: Infinity }), 'not_finite /max_request_frequency', {}, '{"max_request_frequency":1e400}'],
    ['-Infinity', () => ({ sync_frequency: -Infinity }), 'invalid_type /sync_frequency, too_small /sync_frequency', {}, '{"sync_frequency":-1e400}'],
    ['-0', () => ({ max_job_concurrency: -0 }), 'too_small /max_job_concurrency', {}, '{"max_job_concurrency":-0}'],
    ['undefined in an array', () => ({ custom_sync_schedule: { type: 'WEEK_BASED', timezone: 'UTC', interval: { MONDAY: { slots: [undefined] } } } }), 'invalid_type /custom_sync_schedule/interval/MONDAY/slots/0'],
    ['a hole in an array', () => ({ custom_sync_schedule: { type: 'WEEK_BASED', timezone: 'UTC', interval: { MONDAY: { slots: new Array(1) } } } }), 'invalid_type /custom_sync_schedule/interval/MONDAY/slots/0'],
    ['undefined for a required field', () => ({ integration_vendor: 'ENTRATA', credentials: undefined, name: 'x' }), 'invalid_type /credentials', { operation: 'create' }],
    ['undefined as the body', () => undefined, 'invalid_type '],
    ['a BigInt', () => ({ sync_frequency: 15n }), 'invalid_type /sync_frequency'],
    ['a function', () => ({ name: () => 'x' }), 'invalid_type /name'],
    ['a symbol', () => ({ name: Symbol('x') }), 'invalid_type /name'],
    ['a Date', () => ({ name: new Date(0) }), 'invalid_type /name'],
    ['a Map as the body', () => new Map([['name', 'x']]), 'invalid_type '],
    ['a Set', () => ({ credentials: new Set() }), 'invalid_type /credentials'],
    ['a typed array', () => ({ credentials: new Float64Array(2) }), 'invalid_type /credentials'],
    ['a class instance is read as its own properties', () => new (class Body { constructor() { this.name = 1; } })(), 'invalid_type /name'],
    ['an own toJSON is a key, not a conversion', () => ({ name: 'x', toJSON: () => ({}) }), 'unrecognized_keys '],
    ['a lone surrogate', () => ({ name: 'a\ud800b' }), 'lone_surrogate /name', {}, '{"name":"a\\ud800b"}'],
    ['a lone surrogate in a key', () => ({ ['\udc00']: 1 }), 'unrecognized_keys ', {}, '{"\\udc00":1}'],
    ['a __proto__ key', () => JSON.parse('{"__proto__":{"active":true},"name":"x"}'), 'unrecognized_keys ', {}, '{"__proto__":{"active":true},"name":"x"}'],
    ['a constructor key', () => ({ constructor: { prototype: {} } }), 'unrecognized_keys ', {}, '{"constructor":{"prototype":{}}}'],
    ['an object with no prototype', () => Object.assign(Object.create(null), { nmae: 'x' }), 'unrecognized_keys '],
    ['10^5-deep nesting', () => {
      let deep = {};
      for (let i = 0; i < 100000; i++) deep = { a: deep };
      return { integration_vendor: 'ENTRATA', credentials: { apiKey: 'k', companyId: 'c', extra: deep } };
    }, `unknown_credential_field /credentials/extra, nesting_too_deep /credentials/extra${'/a'.repeat(62)}`, {},
    `{"integration_vendor":"ENTRATA","credentials":{"apiKey":"k","companyId":"c","extra":${'{"a":'.repeat(100000)}{}${'}'.repeat(100000)}}}`],
    ['10^5-deep arrays as the body', () => {
      let deep = [];
      for (let i = 0; i < 100000; i++) deep = [deep];
      return deep;
    }, 'invalid_type ', {}, `${'['.repeat(100001)}${']'.repeat(100001)}`],
  ];
  for (const [what, make, expected, options, text] of hostile) {
    add(`hostile: ${what}`, () => {
      const report = api.check(make(), { ...NOW, ...options });
      equal(summary(report), expected, `${what}: issues`);
      equal(report.valid, false, `${what}: valid`);
      if (text !== undefined) {
        // The same body written as JSON text gives the same report.
        equal(JSON.stringify(report), JSON.stringify(api.check(text, { ...NOW, ...options })), `${what}: object and text paths`);
      }
      stillWorks();
    });
  }

  add('hostile: undefined for an optional field is an absent field', () => {
    equal(JSON.stringify(api.check({ ...VALID, active: undefined }, NOW)), VALID_JSON, 'report');
  });

  add('hostile: a 10 MB string', () => {
    const name = 'x'.repeat(10 * 1024 * 1024);
    const report = api.check({ name }, NOW);
    equal(report.valid, true, 'valid');
    equal(report.normalized.name.length, name.length, 'normalized name length');
    const text = api.check(JSON.stringify({ nmae: name }), NOW);
    equal(summary(text), 'unrecognized_keys ', 'text path');
    stillWorks();
  });

  add('strings cross into the module whole, ASCII or not, wherever the first other character is', () => {
    const names = ['é', 'aé', 'Ωmega', `${'x'.repeat(100)}日本y`, '😀'.repeat(40), `abc${'😀'}`, `${'ä'.repeat(70)}z`, 'tail ü'];
    for (const name of names) {
      for (const body of [{ ...VALID, name }, JSON.stringify({ ...VALID, name })]) {
        const report = api.check(body, NOW);
        equal(report.valid, true, `${name}: valid`);
        equal(report.normalized.name, name, `${name}: the name the module read (${typeof body})`);
      }
      // Options cross as text too: an unknown option's message names it.
      const error = throws(() => api.check(VALID, { ...NOW, [`colour ${name}`]: 1 }), TypeError, null, `${name}: option`);
      ok(error.message.startsWith(`unknown option 'colour ${name}';`), `${name}: the option's name whole: ${error.message}`);
    }
    stillWorks();
  });

  add('hostile: a raw lone surrogate in JSON text', () => {
    equal(summary(api.check('{"name":"a\ud800"}', NOW)), 'lone_surrogate /name', 'raw high surrogate');
    equal(summary(api.check('{"name":"\udfffa"}', NOW)), 'lone_surrogate /name', 'raw low surrogate');
    equal(api.check('{"name":"\ud83d\ude00"}', NOW).valid, true, 'a pair is fine');
    stillWorks();
  });

  add('hostile: bad options throw TypeError and the module keeps working', () => {
    const bad = [
      [{ operation: 'delete' }, /operation/],
      [{ coerce: 'yes' }, /coerce/],
      [{ colour: true }, /unknown option 'colour'/],
      [{ now: 'yesterday' }, /RFC 3339/],
      [{ now: new Date(NaN) }, /invalid Date/],
      [{ rate_limits: { minute_limit: NaN } }, /minute_limit/],
      [{ current: 'x' }, /current/],
      ['create', /options must be an object/],
      [[], /options must be an object/],
      [{ coerce: 1n }, /coerce/],
    ];
    for (const [options, pattern] of bad) {
      throws(() => api.check(VALID, options), TypeError, pattern, `options ${String(options && JSON.stringify(options, (k, v) => (typeof v === 'bigint' ? `${v}n` : v)))}`);
      stillWorks();
    }
    const circular = {};
    circular.current = circular;
    throws(() => api.check(VALID, circular), TypeError, /current/, 'circular options');
    stillWorks();
  });

  // --- One read of each value, linear in what is read ------------------------------------
  add('hostile: 10^5 holes are read once each, as undefined', () => {
    const report = api.check({ name: new Array(100000) }, NOW);
    equal(summary(report), 'invalid_type /name', 'issues');
    equal(JSON.stringify(report), JSON.stringify(api.check(`{"name":[${'null,'.repeat(99999)}null]}`, NOW)), 'as the text of 10^5 nulls');
    const slots = api.check({ custom_sync_schedule: { type: 'WEEK_BASED', timezone: 'UTC', interval: { MONDAY: { slots: new Array(100000) } } } }, NOW);
    equal(slots.issues.length, 501, 'every hole is an issue, the report keeps 500');
    equal(slots.issues[500].code, 'too_many_issues', 'the rest counted');
    equal(slots.issues[500].params.omitted, 99500, 'omitted');
    stillWorks();
  });

  add('hostile: 3·10^4 NaN credentials', () => {
    const credentials = Object.fromEntries(Array.from({ length: 3e4 }, (_, i) => [`k${i}`, NaN]));
    const report = api.check({ integration_vendor: 'ENTRATA', credentials }, NOW);
    equal(report.issues.length, 501, 'issues kept');
    equal(report.issues[0].pointer, '/credentials/k0', 'first issue');
    equal(report.issues[500].code, 'too_many_issues', 'the rest counted');
    equal(report.issues[500].params.omitted, 29502, 'omitted');
    const alone = api.check({ credentials }, NOW);
    equal(summary(alone), 'credentials_match_no_vendor /credentials', 'without a vendor');
    equal(Object.keys(alone.normalized.credentials).length, 3e4, 'every key read');
    stillWorks();
  });

  add('hostile: an array of 2^32 - 1 holes is too big, not read', () => {
    for (const length of [2 ** 32 - 1, 10000001]) {
      const report = api.check({ name: new Array(length) }, NOW);
      equal(summary(report), 'too_big /name', `length ${length}: issues`);
      equal(report.issues[0].message, 'Array must contain at most 10000000 element(s)', 'message');
      equal(JSON.stringify(report.issues[0].params), '{"maximum":10000000,"inclusive":true,"exact":false,"type":"array"}', 'params');
    }
    const nested = api.check({ credentials: { apiKey: 'k', companyId: 'c', extra: new Array(2 ** 32 - 1) } }, NOW);
    ok(nested.issues.some((i) => i.code === 'too_big' && i.pointer === '/credentials/extra'), `nested: ${summary(nested)}`);
    equal(summary(api.check({ custom_sync_schedule: { type: 'WEEK_BASED', timezone: 'UTC', interval: { MONDAY: { slots: new Array(2 ** 32 - 1) } } } }, NOW)),
      'too_big /custom_sync_schedule/interval/MONDAY/slots', 'slots');
    stillWorks();
  });

  add('hostile: toJSON is never called, on any value', () => {
    const array = ['x'];
    array.toJSON = () => 'hello';
    const report = api.check({ name: array }, NOW);
    equal(summary(report), 'invalid_type /name', 'an array with toJSON is an array');
    const root = { nmae: 'x' };
    Object.defineProperty(root, 'toJSON', { value: () => ({ name: 'x' }) });
    equal(summary(api.check(root, NOW)), 'unrecognized_keys ', 'the root');
    class Body {
      constructor() {
        this.sync_frequency = 0;
      }
      toJSON() {
        return {};
      }
    }
    equal(summary(api.check(new Body(), NOW)), 'too_small /sync_frequency', 'an inherited toJSON');
    const date = new Date(0);
    date.toJSON = () => 'Downtown';
    equal(summary(api.check({ name: date }, NOW)), 'invalid_type /name', 'a Date');
    const options = { operation: 'create', ...NOW };
    Object.defineProperty(options, 'toJSON', { value: () => ({ operation: 'update' }) });
    equal(summary(api.check({ name: 'x' }, options)), 'invalid_type /integration_vendor, invalid_type /credentials', 'the options');
    const envelope = api.check({ sync_frequency: 0 }, NOW);
    envelope.toJSON = () => ({ issues: [] });
    equal(api.toErrorResponse(envelope).error.details.issues.length, 1, 'a report given to toErrorResponse');
    stillWorks();
  });

  add('hostile: each getter is read once', () => {
    let reads = 0;
    const body = {
      get name() {
        reads += 1;
        return reads === 1 ? 'Downtown' : 10n;
      },
    };
    const report = api.check(body, NOW);
    equal(reads, 1, 'getter reads');
    equal(JSON.stringify(report.normalized), '{"name":"Downtown"}', 'the value read is the value checked');
    let items = 0;
    const slots = [];
    Object.defineProperty(slots, 0, {
      get() {
        items += 1;
        return items === 1 ? { start: '09:00', end: '10:00', sync_frequency: 1, sync_cadence: 'HOUR' } : NaN;
      },
      enumerable: true,
    });
    slots.length = 1;
    const schedule = { custom_sync_schedule: { type: 'WEEK_BASED', timezone: 'UTC', interval: { MONDAY: { slots } } } };
    equal(api.check(schedule, NOW).valid, true, 'an array item getter');
    equal(items, 1, 'array item reads');
    let optionReads = 0;
    const options = {
      ...NOW,
      get operation() {
        optionReads += 1;
        return optionReads === 1 ? 'update' : 1n;
      },
    };
    equal(api.check({ name: 'x' }, options).valid, true, 'options');
    equal(optionReads, 1, 'options getter reads');
    let nowReads = 0;
    const dated = {
      get now() {
        nowReads += 1;
        return new Date('2026-01-15T00:00:00Z');
      },
    };
    equal(api.check({ name: 'x' }, dated).valid, true, 'now as a Date getter');
    equal(nowReads, 1, 'now reads');
    stillWorks();
  });

  add('only own enumerable keys are read, whatever a prototype adds', () => {
    const expected = JSON.stringify(api.check({ name: 'Own', active: true }, NOW));
    const bare = Object.assign(Object.create(null), { name: 'Own', active: true });
    equal(JSON.stringify(api.check(bare, NOW)), expected, 'a null prototype');
    class Settings {
      constructor() {
        this.name = 'Own';
        this.active = true;
      }
    }
    Settings.prototype.sync_frequency = 'inherited';
    equal(JSON.stringify(api.check(new Settings(), NOW)), expected, 'a class with an enumerable prototype key');
    // A library that adds an enumerable key to Object.prototype: plain objects still
    // give their own keys only.
    Object.prototype.sync_cadence = 'polluted';
    try {
      equal(JSON.stringify(api.check({ name: 'Own', active: true }, NOW)), expected, 'a polluted Object.prototype');
      equal(JSON.stringify(api.check({ name: 'Own', active: true, custom_sync_schedule: { type: 'WEEK_BASED', timezone: 'UTC', interval: {} } }, NOW).issues.map((i) => i.code)), '[]', 'nested plain objects too');
    } finally {
      delete Object.prototype.sync_cadence;
    }
    stillWorks();
  });

  add('a getter that checks another body, or throws, in the middle of a walk', () => {
    // The walk writes into a buffer it reuses: a walk inside a walk must not write over it.
    let inner;
    const body = {
      name: 'Outer name, long enough to be past the start of the buffer',
      get base_url() {
        inner = api.check({ name: `Inner ${'x'.repeat(300)}`, sync_frequency: 15, sync_cadence: 'MINUTE' }, NOW);
        return 'https://outer.example.com';
      },
      active: true,
    };
    const outer = api.check(body, NOW);
    equal(JSON.stringify(outer.normalized), '{"name":"Outer name, long enough to be past the start of the buffer","active":true,"base_url":"https://outer.example.com"}', 'the outer body whole');
    equal(JSON.stringify(inner.normalized), `{"name":"Inner ${'x'.repeat(300)}","sync_frequency":15,"sync_cadence":"MINUTE"}`, 'the inner body whole');
    const thrower = {
      name: 'n'.repeat(2000),
      get active() {
        throw new RangeError('from a getter');
      },
    };
    throws(() => api.check(thrower, NOW), RangeError, /from a getter/, 'the getter throws through');
    stillWorks();
  });

  add('standardSchema reads and checks its options when it is made', () => {
    throws(() => api.standardSchema({ operation: 'x' }), TypeError, /operation/, 'a bad operation');
    throws(() => api.standardSchema({ colour: true }), TypeError, /colour/, 'an unknown option');
    let reads = 0;
    const options = {
      get operation() {
        reads += 1;
        return 'create';
      },
    };
    const schema = api.standardSchema(options)['~standard'];
    schema.validate({ name: 'x' });
    schema.validate({ name: 'y' });
    equal(reads, 1, 'options read once');
    equal(schema.validate({ name: 'x' }).issues.length, 2, 'with the options read');
  });

  // --- normalize, PreflightError, the 400 envelope ------------------------------------------
  add('normalize returns the normalized body', () => {
    const body = api.normalize({ sync_cadence: 'minute', sync_frequency: '15', name: ' Downtown ' }, { coerce: true, ...NOW });
    equal(JSON.stringify(body), '{"name":"Downtown","sync_frequency":15,"sync_cadence":"MINUTE"}', 'normalized');
  });

  add('normalize throws PreflightError with the errors', () => {
    const error = throws(() => api.normalize({ sync_frequency: 0, nmae: 'x', system: 'SANDBOX' }, NOW), api.PreflightError, /sync_frequency/, 'normalize');
    ok(error instanceof Error, 'an Error');
    equal(error.name, 'PreflightError', 'name');
    equal(error.issues.map((i) => `${i.code} ${i.pointer}`).join(', '), 'unrecognized_keys , too_small /sync_frequency', 'issues are the errors');
    equal(error.report.valid, false, 'report');
    ok(error.report.issues.some((i) => i.severity === 'warning'), 'the report keeps its warnings');
    throws(() => api.normalize(VALID, { operation: 'remove' }), TypeError, /operation/, 'bad options');
  });

  add('toErrorResponse wraps the errors as the server does', () => {
    const report = api.check({ sync_frequency: 0, system: 'SANDBOX' }, NOW);
    const response = api.toErrorResponse(report);
    equal(response.error.code, 'invalid_request', 'code');
    equal(response.error.details.name, 'ZodError', 'name');
    const issues = response.error.details.issues;
    equal(issues.length, 1, 'only errors');
    equal(issues[0].code, 'too_small', 'issue code');
    equal(JSON.stringify(issues[0].path), '["sync_frequency"]', 'issue path');
    equal(api.toErrorResponse(api.check(VALID, NOW)).error.details.issues.length, 0, 'a valid report');
    const own = api.toErrorResponse(api.check({ custom_sync_schedule: { type: 'WEEK_BASED', timezone: 'UTC', interval: { MONDAY: { slots: [{ start: '10:00', end: '09:00', sync_frequency: 1, sync_cadence: 'HOUR' }] } } } }, NOW));
    equal(own.error.details.issues[0].code, 'custom', 'own rules are Zod custom issues');
    equal(JSON.stringify(api.toErrorResponse(JSON.parse(JSON.stringify(report)))), JSON.stringify(response), 'a copy of a report');
    throws(() => api.toErrorResponse(null), TypeError, /report/, 'null');
    throws(() => api.toErrorResponse({ issues: [{ code: 'made_up', severity: 'error', path: [], params: {} }] }), TypeError, /made_up/, 'an unknown code');
    stillWorks();
  });

  // --- Schedule tools, schema, credential shapes ---------------------------------------------
  const schedule = {
    use_custom_sync_schedule: true,
    custom_sync_schedule: {
      type: 'WEEK_BASED',
      timezone: 'America/New_York',
      interval: { MONDAY: { slots: [{ start: '09:00', end: '10:00', sync_frequency: 30, sync_cadence: 'MINUTE' }] } },
    },
  };

  add('schedule tools', () => {
    const next = api.nextSyncs(schedule, null, '2026-01-12T00:00:00Z', 3);
    equal(JSON.stringify(next), JSON.stringify({
      syncs: [
        { utc: '2026-01-12T14:00:00Z', local: '2026-01-12T09:00:00-05:00' },
        { utc: '2026-01-12T14:30:00Z', local: '2026-01-12T09:30:00-05:00' },
        { utc: '2026-01-19T14:00:00Z', local: '2026-01-19T09:00:00-05:00' },
      ],
      complete: true,
      end: null,
    }), 'nextSyncs');
    equal(JSON.stringify(api.nextSyncs(JSON.stringify(schedule), null, new Date('2026-01-12T00:00:00Z'), 3)), JSON.stringify(next), 'text body, Date from');
    const effective = api.effectiveSchedule(schedule);
    equal(effective.kind, 'custom', 'effective kind');
    equal(effective.timezone, 'America/New_York', 'effective zone');
    const weekly = api.weeklySummary(schedule);
    equal(weekly.per_week, 2, 'syncs per week');
    equal(weekly.per_day.MONDAY, 2, 'syncs on Monday');
    equal(api.effectiveSchedule({ name: 'x' }).kind, 'unknown', 'an update that does not say');
  });

  add('schedule tools: usage errors', () => {
    throws(() => api.nextSyncs(schedule, null, 'soon', 3), TypeError, /RFC 3339/, 'bad from');
    throws(() => api.nextSyncs(schedule, null, new Date(NaN), 3), TypeError, /invalid Date/, 'invalid Date');
    throws(() => api.nextSyncs(schedule, null, 0, 3), TypeError, /from/, 'a number as from');
    throws(() => api.nextSyncs(schedule, null, '2026-01-12T00:00:00Z', 1.5), TypeError, /count/, 'fractional count');
    throws(() => api.nextSyncs(schedule, null, '2026-01-12T00:00:00Z', -1), TypeError, /count/, 'negative count');
    throws(() => api.nextSyncs(schedule, null, '2026-01-12T00:00:00Z', '3'), TypeError, /count/, 'a string count');
    throws(() => api.nextSyncs(schedule, null, '2026-01-12T00:00:00Z', 1e9), TypeError, /count/, 'too many');
    throws(() => api.nextSyncs({ name: 'x' }, null, '2026-01-12T00:00:00Z', 3), TypeError, /unknown/, 'unknown schedule');
    throws(() => api.weeklySummary('{"name":', null), TypeError, /not valid JSON/, 'bad JSON text');
    equal(api.weeklySummary([]).kind, 'unknown', 'not an object');
    stillWorks();
  });

  add('schedule tools: the supported range, 1970 to 2099', () => {
    const range = 'is outside the supported range, 1970-01-01T00:00:00Z to 2099-12-31T23:59:59Z (the time-zone data lists clock changes up to 2099)';
    for (const from of ['9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '2100-01-01T00:00:00Z', '1969-12-31T23:59:59Z']) {
      const error = throws(() => api.nextSyncs(schedule, null, from, 3), TypeError, null, `from ${from}`);
      equal(error.message, `from '${from}' ${range}`, `from ${from}: message`);
    }
    // A Date past year 9999 has no RFC 3339 text (toISOString gives +010000-…).
    throws(() => api.nextSyncs(schedule, null, new Date(Date.UTC(10000, 0, 1)), 3), TypeError, /RFC 3339/, 'a Date in year 10000');
    const error = throws(() => api.nextSyncs(schedule, null, new Date(Date.UTC(2100, 0, 1)), 3), TypeError, null, 'a Date in 2100');
    equal(error.message, `from '2100-01-01T00:00:00.000Z' ${range}`, 'a Date in 2100: message');
    const last = api.nextSyncs(schedule, null, '2099-12-20T00:00:00Z', 3);
    equal(JSON.stringify(last), JSON.stringify({
      syncs: [
        { utc: '2099-12-21T14:00:00Z', local: '2099-12-21T09:00:00-05:00' },
        { utc: '2099-12-21T14:30:00Z', local: '2099-12-21T09:30:00-05:00' },
        { utc: '2099-12-28T14:00:00Z', local: '2099-12-28T09:00:00-05:00' },
      ],
      complete: true,
      end: null,
    }), 'the last Mondays of 2099');
    const cut = api.nextSyncs(schedule, null, '2099-12-20T00:00:00Z', 5);
    equal(cut.syncs.length, 4, 'four instants before the end');
    equal(cut.complete, false, 'not complete');
    equal(cut.end.reason, 'range_end', 'reason');
    equal(cut.end.message, 'Found 4 of the 5 sync instants asked for: the next would be after 2099-12-31T23:59:59Z, where the supported range ends (the time-zone data lists clock changes up to 2099)', 'message');
    const never = api.nextSyncs({ use_custom_sync_schedule: true, custom_sync_schedule: { type: 'WEEK_BASED', timezone: 'UTC', interval: {} } }, null, '2026-01-12T00:00:00Z', 2);
    equal(JSON.stringify(never.end), JSON.stringify({ reason: 'no_slots', message: 'Found 0 of the 2 sync instants asked for: the custom schedule has no slot on any day, so it never syncs' }), 'no slot');
    ok(api.weeklySummary(schedule).note.startsWith('Counted over a week without a clock change'), 'the weekly note');
    equal(api.weeklySummary({ use_custom_sync_schedule: false, sync_frequency: 1, sync_cadence: 'DAY' }).note, null, 'no note for a fixed schedule');
  });

  add('jsonSchema', () => {
    const update = api.jsonSchema('update');
    const create = api.jsonSchema('create');
    equal(update.$schema, 'https://json-schema.org/draft/2020-12/schema', '$schema');
    equal(update.additionalProperties, false, 'strict');
    equal(update.required, undefined, 'update requires nothing');
    equal(JSON.stringify(create.required), '["integration_vendor","credentials","name"]', 'create requires');
    ok('based_on_integration_id' in create.properties && !('based_on_integration_id' in update.properties), 'based_on_integration_id on create only');
    throws(() => api.jsonSchema('delete'), TypeError, /operation/, 'bad operation');
    equal(JSON.stringify(api.jsonSchema()), JSON.stringify(update), 'no operation is an update, as in every host');
  });

  add('credentialShapes', () => {
    const shapes = api.credentialShapes();
    equal(Object.keys(shapes).length, 13, 'every vendor');
    equal(shapes.APPFOLIO[0].required.map((k) => k.name).join(','), 'clientId,clientSecret,developerId', 'AppFolio keys');
    equal(shapes.RENTMANAGER.length, 2, 'Rent Manager has two shapes');
    equal(shapes.YARDI_REST.length, 0, 'Yardi REST has none published');
    const ftp = shapes.REALPAGE[0].optional.find((k) => k.name === 'ftp_credentials');
    equal(ftp.type, 'object', 'nested shape type');
    ok(ftp.shape.required.some((k) => k.name === 'SFTP_PORT' && k.type === 'number'), 'nested shape keys');
    shapes.APPFOLIO = null;
    ok(api.credentialShapes().APPFOLIO !== null, 'each call returns a fresh copy');
  });

  // --- Standard Schema -----------------------------------------------------------------
  add('Standard Schema V1', () => {
    for (const schema of [api.updateIntegrationSchema, api.createIntegrationSchema]) {
      equal(schema['~standard'].version, 1, 'version');
      equal(schema['~standard'].vendor, 'preflight', 'vendor');
    }
    const std = api.updateIntegrationSchema['~standard'];
    const passed = std.validate({ ...VALID, system: 'PRODUCTION' });
    equal(JSON.stringify(passed), '{"value":{"name":"Downtown","sync_frequency":15,"sync_cadence":"MINUTE"}}', 'a warning is not a failure; the value is normalized');
    const failed = std.validate({ sync_frequency: 0, custom_sync_schedule: { type: 'DAILY' } });
    equal(JSON.stringify(failed.issues.map((i) => i.path)), '[["sync_frequency"],["custom_sync_schedule","type"],["custom_sync_schedule","timezone"],["custom_sync_schedule","interval"]]', 'paths');
    ok(failed.issues.every((i) => typeof i.message === 'string' && i.message.length > 0), 'messages');
    ok(!('value' in failed), 'no value on failure');
    const create = api.createIntegrationSchema['~standard'].validate({ name: 'x' });
    equal(create.issues.length, 2, 'create requires vendor and credentials');
    const coerced = api.standardSchema({ coerce: true })['~standard'].validate({ sync_frequency: '15' });
    equal(JSON.stringify(coerced), '{"value":{"sync_frequency":15}}', 'standardSchema(options)');
  });

  // --- No credential value anywhere ------------------------------------------------------
  add('no credential value in any report, error or envelope', () => {
    const leaks = (what, text) => ok(!String(text).includes(SECRET) && !String(text).includes(SECRET.toUpperCase()), `${what} shows the secret: ${text}`);
    const bodies = [
      { integration_vendor: 'ENTRATA', credentials: { apiKey: SECRET, companyId: 7, clientSecret: SECRET } },
      { integration_vendor: 'YARDI', credentials: { username: SECRET, password: SECRET, serverName: SECRET, database: SECRET, platform: SECRET, entity: SECRET, license: SECRET, company_id: `${SECRET}!` } },
      { integration_vendor: 'MRI', credentials: { clientId: ` ${SECRET} `, baseUrl: SECRET, password: `${SECRET}\ud800` }, sync_frequency: 0 },
      { integration_vendor: 'REALPAGE_RPX', credentials: { baseUrl: SECRET, licensekey: 5 } },
      { credentials: [SECRET] },
      { credentials: SECRET },
      { credentials: { [SECRET]: SECRET } },
      { integration_vendor: 'APPFOLIO', credentials: { clientId: SECRET, clientSecret: SECRET, developerId: SECRET, extra: SECRET } },
    ];
    for (const body of bodies) {
      for (const options of [NOW, { ...NOW, coerce: true }, { ...NOW, operation: 'create' }]) {
        const report = api.check(body, options);
        leaks('issues', JSON.stringify(report.issues));
        leaks('changes', JSON.stringify(report.changes));
        if (!report.valid) {
          leaks('report', JSON.stringify(report));
          leaks('envelope', JSON.stringify(api.toErrorResponse(report)));
          try {
            api.normalize(body, options);
            fail('normalize did not throw');
          } catch (error) {
            leaks('PreflightError', `${error.message} ${error.stack}`);
          }
          leaks('Standard Schema', JSON.stringify(api.standardSchema(options)['~standard'].validate(body)));
        }
      }
    }
    const trimmed = api.check({ credentials: { apiKey: ` ${SECRET} ` } }, { ...NOW, coerce: true });
    ok(trimmed.changes.length > 0, 'a credential was trimmed');
    leaks('coerced changes', JSON.stringify(trimmed.changes));
    for (const options of [{ current: { credentials: { apiKey: SECRET } }, colour: 1 }, { current: SECRET }, { rate_limits: SECRET }]) {
      try {
        api.check(bodies[0], options);
        fail('bad options did not throw');
      } catch (error) {
        ok(error instanceof TypeError, `a TypeError: ${error}`);
        leaks('TypeError', `${error.message} ${error.stack}`);
      }
    }
  });

  return out;
}
