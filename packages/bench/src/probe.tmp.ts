import { childServer } from './lib/child-server.js';
import { requestsPerSecond, type LoadTarget } from './lib/http-load.js';
const mode = process.argv[2]!;
process.env.NODE_OPTIONS = '--cpu-prof --cpu-prof-dir=/tmp/perf-prof';
const server = await childServer('postgres', mode === 'list' ? '100000' : '0');
delete process.env.NODE_OPTIONS;
const bare = await childServer('bare-pg', server.databaseUrl, server.accountId);
let n = 0;
const t = (url: string, h: Record<string, string>, key: boolean): LoadTarget => mode === 'list' ? { url: `${url}/v1/products?limit=50`, headers: h } : {
  url: `${url}/v1/products`, method: 'POST', headers: { 'content-type': 'application/json', ...h },
  next: () => { const sku = `P${key}-${++n}`; return { body: JSON.stringify({ sku, title: 't', price: '799.00', currency: 'INR', tax_rate: '18.00' }), ...(key ? { headers: { 'idempotency-key': sku } } : {}) }; } };
for (let r = 0; r < 2; r++) {
  console.log('server', Math.round(await requestsPerSecond(t(server.url, { authorization: `Bearer ${server.apiKey}` }, true), 4)));
  console.log('bare', Math.round(await requestsPerSecond(t(bare.url, {}, false), 4)));
}
await bare.close(); await server.close();
