// guardFetch in Node, against the Node entry and a server on 127.0.0.1 that records
// what arrives (test/api-recorder.js).
import { after, before, test } from 'node:test';
import * as api from '../dist/node/index.js';
import { apiRecorder } from './api-recorder.js';
import { guardCases } from './guard.suite.js';
import { serve } from './server.js';

let server;
before(async () => {
  server = await serve(0, apiRecorder());
});
after(() => server?.close());

test('guardFetch in Node', async (t) => {
  for (const { name, run } of guardCases(api, server.url)) await t.test(name, run);
});
