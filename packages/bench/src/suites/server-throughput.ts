import { startPrism } from '@nexuscommerce/mock/prism';
import { childServer } from '../lib/child-server.js';
import { requestsPerSecond } from '../lib/http-load.js';
import type { Comparison, SuiteResult } from '../lib/report.js';

const ROWS = 100_000;
const PATH = '/v1/products?limit=50';
const fmt = (rps: number) => `${Math.round(rps).toLocaleString('en')} req/s`;

async function measure(kind: string) {
  const server = await childServer(kind, ROWS);
  try {
    return await requestsPerSecond(`${server.url}${PATH}`, server.apiKey ? { authorization: `Bearer ${server.apiKey}` } : {});
  } finally {
    await server.close();
  }
}

/**
 * `GET /v1/products?limit=50` on 100,000 products: this server on each store against Prism and a
 * bare Hono route. Every server runs in its own process; the load generator runs in this one.
 */
export async function run(): Promise<SuiteResult> {
  const honoRps = await measure('hono');
  const prism = await startPrism({ port: 0 });
  const prismRps = await requestsPerSecond(`${prism.url}${PATH}`, { authorization: 'Bearer nxc_test_4eC39HqLyjWDarjtT1zdp7dcXYZ123ab' }).finally(() => prism.close());

  const kinds = [['memory', 'memory store'], ['pglite', 'PGlite (embedded)'], ['postgres', 'PostgreSQL']] as const;
  const comparisons: Comparison[] = [];
  for (const [kind, name] of kinds) {
    const primary = kind === 'postgres';
    if (primary && !process.env.DATABASE_URL) {
      comparisons.push({ name, ours: 'not measured', peer: '-', ratio: Number.NaN, target: '≥ 0.50× Hono, ≥ 4× Prism', met: false, note: 'DATABASE_URL was not set.' });
      continue;
    }
    const rps = await measure(kind);
    comparisons.push(
      { name: `${name} vs bare Hono route`, ours: fmt(rps), peer: fmt(honoRps), ratio: rps / honoRps, target: primary ? '≥ 0.50×' : 'reported', met: primary ? rps / honoRps >= 0.5 : true },
      { name: `${name} vs Prism mock`, ours: fmt(rps), peer: fmt(prismRps), ratio: rps / prismRps, target: primary ? '≥ 4×' : 'reported', met: primary ? rps / prismRps >= 4 : true },
    );
  }
  return { suite: 'List throughput: GET /v1/products?limit=50 on 100,000 products (10 connections, loopback, one process per server)', comparisons };
}
