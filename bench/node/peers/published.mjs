// Propexo's published request schemas, from the directory named by PROPEXO_SCHEMAS
// (they are Propexo's documents, not kept in this repository; see bench/README.md).
import fs from 'node:fs';
import path from 'node:path';

export function published(name) {
  const dir = process.env.PROPEXO_SCHEMAS;
  if (!dir) throw new Error('PROPEXO_SCHEMAS must name the directory of the published request schemas');
  return JSON.parse(fs.readFileSync(path.join(dir, `${name}.schema.json`), 'utf8'));
}
