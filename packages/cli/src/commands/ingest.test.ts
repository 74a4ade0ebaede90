import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, writeProductsJsonl } from '../testing/files.js';
import { runCli, startCli } from '../testing/run-cli.js';
import { type TestServer, countEvents, countProducts, listJobs, startTestServer, until } from '../testing/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const envOf = (s: TestServer) => ({ NEXUS_API_KEY: s.apiKey, NEXUS_BASE_URL: s.url });

/**
 * Starts an ingest, SIGKILLs the CLI once `killAfterJobs` batches reached the server, then runs
 * the same command line again. Returns the jobs seen at the kill and the second run.
 */
async function killAndResume(s: TestServer, args: string[], killAfterJobs: number) {
  const first = startCli(args, envOf(s));
  await until(async () => (await listJobs(s)).length >= killAfterJobs, `${killAfterJobs} jobs`);
  first.child.kill('SIGKILL');
  expect(await first.exited).toBe(137);
  const jobsAtKill = (await listJobs(s)).length;
  const second = await runCli(args, envOf(s));
  return { jobsAtKill, second, firstStderr: first.stderr };
}

describe('nexus ingest against the reference server', () => {
  it('imports 20,000 JSON lines exactly once across a SIGKILL and a resume with the same run id', { timeout: 120_000 }, async () => {
    server = await startTestServer();
    const file = join(tempDir('crash'), 'catalog.jsonl');
    writeProductsJsonl(file, 20_000);
    const args = ['ingest', 'products', file, '--run-id', 'catalog-crash-1', '--batch-size', '1000', '--concurrency', '2', '--progress-interval', '1'];

    const { jobsAtKill, second, firstStderr } = await killAndResume(server, args, 3);
    expect(firstStderr).toContain('resume it with: nexus ingest products');
    expect(jobsAtKill).toBeGreaterThanOrEqual(3);
    expect(jobsAtKill).toBeLessThan(20); // killed midway, not after the end

    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`products: 20,000 records from ${file}: 20,000 went in, 0 failed. Run id catalog-crash-1.`);
    expect(second.stderr).toMatch(/products: 20,000\/20,000 records \(100%\), [\d,]+ records\/s, 0 failed, ETA 0s/);

    // Every record once: 20,000 rows, one product.created each and no second write of any,
    // and one job per batch: the batches sent before the kill were replayed, not sent again.
    expect(await countProducts(server)).toBe(20_000);
    expect(await countEvents(server)).toMatchObject({ 'product.created': 20_000 });
    expect((await countEvents(server))['product.updated']).toBeUndefined();
    const jobs = await listJobs(server);
    expect(jobs).toHaveLength(20);
    expect(jobs.every((j) => j.status === 'succeeded' && j.progress.total === 1000)).toBe(true);
  });

  it('imports a CSV with nested columns exactly once across a SIGKILL and a resume', { timeout: 90_000 }, async () => {
    server = await startTestServer();
    const file = join(tempDir('csv'), 'feed.csv');
    const rows = ['sku,title,price,currency,weight_kg,attributes.color,images'];
    for (let i = 0; i < 6000; i++) rows.push(`CSV-${i},"Mug, ${i}",${(i % 50) + 1}.50,INR,0.${(i % 9) + 1},${i % 2 ? 'red' : 'blue'},"[""https://img.example/${i}.png""]"`);
    writeFileSync(file, `${rows.join('\r\n')}\r\n`);
    const args = ['ingest', 'products', file, '--run-id', 'csv-crash-1', '--batch-size', '500', '--concurrency', '1'];

    const { jobsAtKill, second } = await killAndResume(server, args, 2);
    expect(jobsAtKill).toBeLessThan(12);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('6,000 went in, 0 failed');
    expect(await countProducts(server)).toBe(6000);
    const events = await countEvents(server);
    expect(events['product.created']).toBe(6000);
    expect(events['product.updated']).toBeUndefined();
    expect(await listJobs(server)).toHaveLength(12);

    const product = await server.client.products.get('CSV-41');
    expect(product).toMatchObject({ title: 'Mug, 41', price: '42.50', weight_kg: 0.6, attributes: { color: 'red' }, images: ['https://img.example/41.png'] });
  });

  it('lists every rejected record with its line in the errors file, and exits 1', async () => {
    server = await startTestServer();
    const dir = tempDir('errors');
    const file = join(dir, 'feed.jsonl');
    const product = (sku: string, extra: object = {}) => JSON.stringify({ sku, title: sku, price: '10.00', currency: 'INR', ...extra });
    writeFileSync(file, [
      product('OK-1'),
      '',
      product('OK-2'),
      '{"sku": "BROKEN",',
      product('BAD-CAT', { category_code: 'NO-SUCH-CATEGORY' }),
      product('OK-3'),
      product('BAD-GTIN', { gtin: '4006381333932' }),
      '',
      product('OK-4'),
    ].join('\n'));
    const result = await runCli(['ingest', 'products', file, '--batch-size', '2', '--json'], envOf(server));
    expect(result.code, result.stderr).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ resource: 'products', records: 7, succeeded: 4, failed: 3, errors_file: `${file}.errors.jsonl` });

    const rows = readFileSync(`${file}.errors.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.line, r.code, r.field])).toEqual([
      [4, 'UNREADABLE_RECORD', undefined],
      [5, expect.any(String), 'category_code'],
      [7, 'INVALID_GTIN', 'gtin'],
    ]);
    expect(rows[1].job_id).toMatch(/^job_/);
    expect(await countProducts(server)).toBe(4);

    // The same file fixed, as a new run: everything goes in and the stale errors file is gone.
    writeFileSync(file, [product('OK-5'), product('OK-6')].join('\n'));
    const again = await runCli(['ingest', 'products', file], envOf(server));
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(`${file}.errors.jsonl`)).toBe(false);
  });

  it('stops on a batch the API refuses as a whole, names the line, and resumes once it is fixed', async () => {
    server = await startTestServer();
    const file = join(tempDir('shape'), 'feed.jsonl');
    const lines = Array.from({ length: 9 }, (_, i) => JSON.stringify({ sku: `S-${i}`, title: `S ${i}`, price: '1.00', currency: 'INR' }));
    lines[4] = JSON.stringify({ sku: 'S-4', title: 'S 4', price: 1, currency: 'INR' }); // a number where the spec wants a decimal string
    writeFileSync(file, `${lines.join('\n')}\n`);
    const args = ['ingest', 'products', file, '--run-id', 'shape-1', '--batch-size', '3', '--concurrency', '1'];

    const stopped = await runCli(args, envOf(server));
    expect(stopped.code).toBe(3);
    expect(stopped.stderr).toMatch(/rejected a whole batch \(400 VALIDATION_FAILED\): line 5 price: /);
    expect(stopped.stderr).toContain('--run-id shape-1 --batch-size 3');
    const [row] = readFileSync(`${file}.errors.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(row).toMatchObject({ line: 5, field: 'price', code: 'VALIDATION_FAILED' });
    expect(await countProducts(server)).toBe(3);

    lines[4] = JSON.stringify({ sku: 'S-4', title: 'S 4', price: '1.00', currency: 'INR' });
    writeFileSync(file, `${lines.join('\n')}\n`);
    const resumed = await runCli(args, envOf(server));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await countProducts(server)).toBe(9);
    expect(await listJobs(server)).toHaveLength(3); // the first batch was replayed, not sent again
    expect((await countEvents(server))['product.updated']).toBeUndefined();
  });
});
