/** Requests whose head is 20 KB, over the core's 16 KB limit and under Node's raised one: name, headers, path. */
export const OVERSIZED_HEADS: Array<[string, Record<string, string>, string]> = [
  ['Authorization', { authorization: `Bearer ${'k'.repeat(20_000)}` }, '/v1/products'],
  ['Idempotency-Key', { 'idempotency-key': 'i'.repeat(20_000) }, '/v1/products'],
  ['a path segment', {}, `/v1/products/${'A'.repeat(20_000)}`],
  ['a query string', {}, `/v1/products?search=${'q'.repeat(20_000)}`],
];
