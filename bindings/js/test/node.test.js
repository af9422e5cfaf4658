// The suite in Node, against the package's Node entry (ES module import).
import { test } from 'node:test';
import * as api from '../dist/node/index.js';
import { cases } from './suite.js';
import { parseVectors, vectorFiles } from './vectors.js';

for (const { name, run } of cases(api, parseVectors(vectorFiles()))) test(name, run);
