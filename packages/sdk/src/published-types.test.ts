import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built .d.ts as a partner's project meets it with TypeScript's defaults: `tsc --strict` on
// one file, no tsconfig (so an ES5 target and library, CommonJS and node10 resolution). The
// package is linked into a scratch project's node_modules, as npm would install it.
const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
let project = '';

const snippet = `
import { createNexusClient, NotFoundError, type Schemas } from '@nexuscommerce/sdk';
import { verifyWebhook } from '@nexuscommerce/sdk/webhooks';

const nexus = createNexusClient({ apiKey: 'nxc_test_x', baseUrl: 'http://127.0.0.1:4010' });

async function main(): Promise<void> {
  const product: Schemas['Product'] = await nexus.products.get('TEA-1');
  const page = await nexus.products.list({ status: 'active', limit: 10 });
  const firstHundred = await nexus.customers.list().toArray({ max: 100 });
  const job = await nexus.products.batch({ items: [{ sku: 'A', title: 'A', price: '1.00', currency: 'EUR' }] });
  const done = await job.wait({ timeoutMs: 60000 });
  const result = await nexus.products.ingest([{ sku: 'B', title: 'B', price: '2.00', currency: 'EUR' }], { runId: 'r1' });
  const event = await verifyWebhook({ payload: '{}', headers: {}, secret: 'whsec_x' });
  if (event.type === 'order.created') console.log(event.data.id);
  console.log(product.sku, page.data.length, firstHundred.length, done.status, job.replayed, result.replayed);
}

main().catch((error: unknown) => {
  if (error instanceof NotFoundError) console.log(error.status, error.code);
});
`;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'index.d.ts'))) throw new Error('packages/sdk/dist is missing: run `pnpm build` first');
  project = await mkdtemp(join(tmpdir(), 'sdk-plain-tsc-'));
  await mkdir(join(project, 'node_modules', '@nexuscommerce'), { recursive: true });
  await symlink(root, join(project, 'node_modules', '@nexuscommerce', 'sdk'), 'dir');
  await writeFile(join(project, 'snippet.ts'), snippet);
});
afterAll(() => rm(project, { recursive: true, force: true }));

describe('the published types', () => {
  it('type-check with a plain `tsc --strict` and no tsconfig', async () => {
    const run = promisify(execFile)(process.execPath, [tsc, '--strict', '--noEmit', 'snippet.ts'], { cwd: project });
    const { stdout } = await run.catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    expect(stdout.trim()).toBe('');
  }, 60_000);
});
