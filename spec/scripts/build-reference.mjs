// `build`: writes dist/reference.html (shipped in the package, served at /docs).
// `docs`: `--site <dir>` also writes <dir>/index.html and <dir>/openapi.json, a folder to publish as is.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { renderReferencePage } from './reference-page.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { site: { type: 'string' } } });

const specFile = join(root, 'dist', 'openapi.json');
const spec = JSON.parse(readFileSync(specFile, 'utf8'));
// The package exports neither its browser bundle nor its package.json: find its folder from the
// main entry, then the bundle from the "browser" field.
let scalarDir = dirname(require.resolve('@scalar/api-reference'));
while (!existsSync(join(scalarDir, 'package.json'))) scalarDir = dirname(scalarDir);
const renderer = readFileSync(join(scalarDir, require(join(scalarDir, 'package.json')).browser), 'utf8');
const html = renderReferencePage({ spec, renderer });

const page = join(root, 'dist', 'reference.html');
writeFileSync(page, html);
const written = [page];
if (values.site) {
  const site = join(root, values.site);
  mkdirSync(site, { recursive: true });
  writeFileSync(join(site, 'index.html'), html);
  copyFileSync(specFile, join(site, 'openapi.json'));
  written.push(join(site, 'index.html'), join(site, 'openapi.json'));
}
for (const file of written) console.log(`wrote ${relative(process.cwd(), file) || file} (${(readFileSync(file).length / 1e6).toFixed(1)} MB)`);
