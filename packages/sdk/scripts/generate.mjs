// Generates src/generated/schema.d.ts from the bundled spec.
// With --check (CI), it writes nothing and fails when the committed file differs from a fresh
// generation, naming the command that fixes it: generated code must never drift from the spec.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { specPath } from '@nexuscommerce/spec';

const target = new URL('../src/generated/schema.d.ts', import.meta.url);
const check = process.argv.includes('--check') || process.env.CI === 'true';

const ast = await openapiTS(pathToFileURL(specPath), { alphabetize: false });
const fresh = COMMENT_HEADER + astToString(ast);
const current = await readFile(target, 'utf8').catch(() => '');

if (fresh === current) {
  console.log('src/generated/schema.d.ts is up to date with the spec.');
} else if (check) {
  console.error(
    'src/generated/schema.d.ts is out of date with spec/.\n' +
      'Run `pnpm generate` at the repository root and commit the result.',
  );
  process.exit(1);
} else {
  await mkdir(new URL('.', target), { recursive: true });
  await writeFile(target, fresh);
  console.log('Wrote src/generated/schema.d.ts from the spec.');
}
