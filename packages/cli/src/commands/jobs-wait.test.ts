import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../testing/run-cli.js';
import { type TestServer, startTestServer } from '../testing/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const envOf = (s: TestServer) => ({ NEXUS_API_KEY: s.apiKey, NEXUS_BASE_URL: s.url });
const item = (sku: string, extra: object = {}) => ({ sku, title: sku, price: '5.00', currency: 'INR', ...extra });

describe('nexus jobs wait', () => {
  it('follows a job to the end with progress lines, and exits 0 when it succeeded', async () => {
    server = await startTestServer();
    const job = await server.client.products.batch({ items: [item('W-1'), item('W-2'), item('W-3')] });
    const result = await runCli(['jobs', 'wait', job.id], envOf(server));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${job.id} (products.batch): succeeded, 3/3 processed, 3 succeeded, 0 failed\n`);
    expect(result.stderr).toMatch(new RegExp(`^${job.id}: 3/3 records \\(100%\\), [\\d,]+ records/s, 0 failed, ETA 0s$`, 'm'));
  });

  it('exits 1 when some records failed, and names them', async () => {
    server = await startTestServer();
    const job = await server.client.products.batch({ items: [item('P-1'), item('P-2', { category_code: 'NO-SUCH' })] });
    const result = await runCli(['jobs', 'wait', job.id, '--json'], envOf(server));
    expect(result.code).toBe(1);
    const final = JSON.parse(result.stdout);
    expect(final).toMatchObject({ id: job.id, status: 'partially_failed', progress: { succeeded: 1, failed: 1 } });
    expect(final.errors).toEqual([expect.objectContaining({ index: 1, field: 'category_code' })]);
  });

  it('exits 4 for a cancelled job and 5 when --timeout passes first', async () => {
    server = await startTestServer({ background: false }); // no worker: jobs stay queued
    const waiting = await server.client.products.batch({ items: [item('Q-1')] });
    const timedOut = await runCli(['jobs', 'wait', waiting.id, '--timeout', '1'], envOf(server));
    expect(timedOut.code).toBe(5);
    expect(timedOut.stderr).toContain(`job ${waiting.id} is still queued after 1s; run this again to keep waiting`);

    const cancelled = await server.client.products.batch({ items: [item('Q-2')] });
    await server.client.jobs.cancel(cancelled.id);
    const result = await runCli(['jobs', 'wait', cancelled.id], envOf(server));
    expect(result.code).toBe(4);
    expect(result.stdout).toContain(`${cancelled.id} (products.batch): cancelled`);
  });

  it('exits 3 for a job the key cannot see', async () => {
    server = await startTestServer();
    const result = await runCli(['jobs', 'wait', 'job_doesNotExist0000'], envOf(server));
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/cannot read job job_doesNotExist0000: the API answered 404 NOT_FOUND/);
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('stops at once on %s and exits %i', async (signal, code) => {
    server = await startTestServer({ background: false });
    const job = await server.client.products.batch({ items: [item('S-1')] });
    const cli = startCli(['jobs', 'wait', job.id, '--progress-interval', '1'], envOf(server));
    await cli.waitFor(new RegExp(`${job.id}: 0/1 records`));
    cli.child.kill(signal);
    expect(await cli.exited).toBe(code);
  });
});
