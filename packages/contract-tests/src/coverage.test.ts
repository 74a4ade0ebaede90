import { readdirSync, readFileSync } from 'node:fs';
import { createAccount, createApp, createMemoryStore, issueApiKey, systemClock } from '@nexuscommerce/server';
import { expect, it } from 'vitest';
import { operations } from './spec.js';

// Every contract test file declares what it covers with covers('operationId', …); read them here.
const dir = new URL('.', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.contract.test.ts'));
const sources = Object.fromEntries(files.map((f) => [f, readFileSync(new URL(f, dir), 'utf8')]));
const covered = new Set(
  Object.values(sources).flatMap((text) => [...text.matchAll(/covers\(([^)]*)\)/g)].flatMap((m) => [...m[1]!.matchAll(/'([A-Za-z]+)'/g)].map((x) => x[1]!))),
);

/** An operation the server answers 404 "No route" for (a well-formed request on a known path) is unimplemented. */
async function implementedOperations(): Promise<string[]> {
  const store = createMemoryStore();
  const app = createApp({ store });
  const account = await createAccount(store, systemClock, 'probe');
  const { secret } = await issueApiKey(store, systemClock, { accountId: account.id, mode: 'test' });
  const out: string[] = [];
  for (const op of operations) {
    const path = op.path.replace(/\{[^}]+\}/g, 'x');
    const body = ['post', 'patch', 'put'].includes(op.method) ? '{}' : undefined;
    const res = await app.fetch(new Request(`http://localhost${path}`, {
      method: op.method.toUpperCase(),
      headers: { authorization: `Bearer ${secret}`, 'idempotency-key': `probe-${op.operationId}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body,
    }));
    const json = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (!(res.status === 404 && json.error?.code === 'NOT_FOUND' && /^No route/.test(json.error.message ?? ''))) out.push(op.operationId);
  }
  return out;
}

it('covers every operation the server implements (and lists the ones not covered yet)', async () => {
  const all = operations.map((o) => o.operationId);
  const implemented = await implementedOperations();
  const notCovered = all.filter((id) => !covered.has(id));
  console.log(`contract coverage: ${all.length - notCovered.length}/${all.length} operations of the spec; server implements ${implemented.length}`);
  console.log(notCovered.length ? `not covered yet: ${notCovered.join(', ')}` : 'not covered yet: none');
  const unimplemented = all.filter((id) => !implemented.includes(id));
  if (unimplemented.length) console.log(`not implemented by the server yet: ${unimplemented.join(', ')}`);
  expect([...covered].filter((id) => !all.includes(id)), 'covers() names operations the spec lacks').toEqual([]);
  expect(implemented.filter((id) => !covered.has(id)), 'implemented operations without a contract test').toEqual([]);
});

it('leaves no way around the spec check: contract tests talk HTTP only through the checked client', () => {
  // createNexusClient or a bare fetch would make requests whose answers nobody checks.
  const unchecked = Object.entries(sources).filter(([, text]) => /createNexusClient|\bfetch\(/.test(text)).map(([file]) => file);
  expect(unchecked).toEqual([]);
});

