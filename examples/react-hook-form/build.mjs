// Bundles src/main.jsx with esbuild into dist/app.js, and puts the package's .wasm beside
// it: the web entry of propexo-preflight loads it with init(url).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist);

await esbuild.build({
  entryPoints: [path.join(here, 'src', 'main.jsx')],
  outfile: path.join(dist, 'app.js'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  minify: true,
  sourcemap: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

// The package exports only its entry points, so the .wasm is found next to the web entry.
const webEntry = createRequire(import.meta.url).resolve('propexo-preflight/web');
fs.copyFileSync(path.join(path.dirname(webEntry), 'preflight_wasm_bg.wasm'), path.join(dist, 'preflight_wasm_bg.wasm'));
console.log(`built ${path.relative(process.cwd(), dist) || '.'}: app.js ${fs.statSync(path.join(dist, 'app.js')).size} B`);
