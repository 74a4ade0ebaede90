import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServerCli } from './test/server-cli.js';

// The README's curl walkthrough, block by block as written, against a real `nexus-server start`
// (seeded, as a first start is) and the key it printed. Only the receiver's port is swapped for a
// free one. curl fails the run on any HTTP error (--fail-with-body) and ends each answer with a
// newline, so the answers can be read line by line; bash stops on any failed command.

const exec = promisify(execFile);
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Walkthrough with curl'), readme.indexOf('\n## ', readme.indexOf('## Walkthrough with curl') + 5));
const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);

const folder = mkdtempSync(join(tmpdir(), 'nexus-walkthrough-'));
let server: Awaited<ReturnType<typeof startServerCli>>;
beforeAll(async () => {
  server = await startServerCli(['--data-dir', join(folder, 'data')]);
}, 180_000);
afterAll(async () => {
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

it('has the blocks it runs: the key in the shell, reads, a create, a batch job, webhooks', () => {
  expect(blocks).toHaveLength(5);
  expect(blocks[0]).toContain('NEXUS_API_KEY=<the key start printed>');
});

it('runs every block as written and each step does what the README says', async () => {
  const port = String(await freePort());
  const script = ['set -euo pipefail', 'curl() { command curl --fail-with-body -w "\\n" "$@"; }', ...blocks.slice(1)].join('\n').replaceAll('4020', port);
  const { stdout } = await exec('bash', ['-c', script], {
    cwd: folder,
    env: { PATH: process.env.PATH ?? '', NEXUS_BASE_URL: server.url, NEXUS_API_KEY: server.key! },
    timeout: 120_000,
  });
  const lines = stdout.split('\n').filter(Boolean);
  // Reads: /me with the growth plan, then the seeded products, one warehouse's stock and completed orders.
  expect(JSON.parse(lines[0]!).data).toMatchObject({ mode: 'test', plan: 'growth' });
  const products = JSON.parse(lines[1]!);
  expect(products.data).toHaveLength(3);
  expect(Object.keys(products.data[0]).sort()).toEqual(['price', 'sku', 'title']);
  expect(JSON.parse(lines[2]!).data).toEqual([expect.objectContaining({ location_code: 'WH-DELHI' }), expect.anything(), expect.anything()]);
  expect(JSON.parse(lines[3]!).data.every((o: { status: string }) => o.status === 'completed')).toBe(true);
  // The create, then its replay.
  expect(JSON.parse(lines[4]!).data).toMatchObject({ sku: 'MUG-RED', price: '249.00' });
  expect(lines[5]).toMatch(/^idempotent-replayed: true/i);
  // The batch job, finished within the long poll, with the bad GTIN failing alone.
  const job = JSON.parse(lines[6]!).data;
  expect(job).toMatchObject({ status: 'partially_failed', progress: { total: 2, succeeded: 1, failed: 1 } });
  expect(job.errors).toEqual([expect.objectContaining({ index: 1, code: 'INVALID_GTIN' })]);
  // The endpoint, the PATCH, and the delivery the receiver printed.
  const endpoint = JSON.parse(lines[7]!).data;
  expect(endpoint.secret).toMatch(/^whsec_/);
  expect(JSON.parse(lines[8]!).data).toMatchObject({ sku: 'MUG-RED', price: '229.00' });
  const [webhookId, body] = [lines[9]!.slice(0, lines[9]!.indexOf(' ')), lines[9]!.slice(lines[9]!.indexOf(' ') + 1)];
  expect(JSON.parse(body)).toMatchObject({ id: webhookId, type: 'product.updated', data: { sku: 'MUG-RED' } });
  expect(lines).toHaveLength(10);
}, 180_000);
