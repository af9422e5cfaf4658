// Reads every shared vector under tests/vectors (recursively), for the Node runners.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const vectorRoot = path.join(repoRoot, 'tests', 'vectors');

/** [{ name, text }] sorted by name; `text` is the file as written. */
export function vectorFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) files.push(full);
    }
  };
  walk(vectorRoot);
  return files
    .map((file) => ({ name: path.relative(vectorRoot, file).split(path.sep).join('/'), text: fs.readFileSync(file, 'utf8') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** [{ name, vector }] */
export const parseVectors = (files) => files.map(({ name, text }) => ({ name, vector: JSON.parse(text) }));
