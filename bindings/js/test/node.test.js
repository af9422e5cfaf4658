// The suite in Node, against the package's Node entry (ES module import).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import * as api from '../dist/node/index.js';
import { cases } from './suite.js';
import { parseVectors, vectorFiles } from './vectors.js';

for (const { name, run } of cases(api, parseVectors(vectorFiles()))) test(name, run);

test('credentialShapes is the core table (tests/credential-shapes.json)', () => {
  const committed = new URL('../../../tests/credential-shapes.json', import.meta.url);
  assert.deepEqual(api.credentialShapes(), JSON.parse(fs.readFileSync(committed, 'utf8')));
});
