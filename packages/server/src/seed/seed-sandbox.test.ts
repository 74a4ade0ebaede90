import { expect, it } from 'vitest';
import { sha256Hex } from '../hash.js';
import { seedSandbox, type SeedOptions } from './seed-sandbox.js';

/** Every request a seed run sends, as one text: method, path, idempotency key and body. */
async function recordRun(options: Partial<SeedOptions> = {}) {
  const lines: string[] = [];
  const fetch = async (request: Request) => {
    const body = await request.text();
    lines.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get('idempotency-key')} ${body}`);
    const data = { ...JSON.parse(body), id: 'cus_0000000000000001', secret: 'whsec_x' };
    return new Response(JSON.stringify({ data }), { status: 201 });
  };
  await seedSandbox({ fetch, baseUrl: 'https://sandbox.test', apiKey: 'nxc_test_x', seed: 1, ...options });
  return lines;
}

it('sends the same requests for seed 1 as the mock always has (the data moved, it did not change)', async () => {
  // The digest was taken from the mock's own seed generator before it moved into the server.
  const lines = await recordRun();
  expect(await sha256Hex(lines.map((line) => `${line}\n`).join(''))).toBe('b0ef92b635bb0cb87e0e1706e0d4a3c31f88d864c89d4118b54be7768e3c0930');
});

it('leaves the sandbox webhook endpoint out when asked, and nothing else', async () => {
  const all = await recordRun();
  const withoutEndpoint = await recordRun({ webhookEndpoint: false });
  expect(all.filter((line) => line.startsWith('POST /v1/webhooks '))).toHaveLength(1);
  expect(withoutEndpoint).toEqual(all.filter((line) => !line.startsWith('POST /v1/webhooks ')));
});

it('a different seed gives different data', async () => {
  expect(await recordRun({ seed: 2 })).not.toEqual(await recordRun());
});
