import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { cursorSigner, decodeCursor, encodeCursor } from './cursor.js';

const secret = (fill: number) => new Uint8Array(32).fill(fill);

async function refusal(attempt: Promise<unknown>): Promise<ApiError> {
  const error = await attempt.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe('VALIDATION_FAILED');
  expect((error as ApiError).details[0]?.field).toBe('cursor');
  return error as ApiError;
}

const fromB64u = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const toB64u = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('cursors', () => {
  const signer = cursorSigner(secret(7));
  const binding = { list: 'products', account: 'acct_1', mode: 'test', sort: 'title', order: 'asc', filters: { search: 'ü' } };

  it('round-trip as short base64url, whatever the order of the binding keys, and survive non-ASCII values', async () => {
    const cursor = await encodeCursor(signer, { value: 'Çay bardağı', keys: ['SKU-1'] }, binding);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.length).toBeLessThan(64);
    const reordered = { filters: { search: 'ü' }, order: 'asc', sort: 'title', mode: 'test', account: 'acct_1', list: 'products' };
    expect(await decodeCursor(signer, cursor, reordered)).toEqual({ value: 'Çay bardağı', keys: ['SKU-1'] });
  });

  it('refuse any other list, account, mode, sort, order or filters', async () => {
    const cursor = await encodeCursor(signer, { value: 'a', keys: ['b'] }, binding);
    const others = [
      { list: 'orders' }, { account: 'acct_2' }, { mode: 'live' }, { sort: 'sku' }, { order: 'desc' }, { filters: {} },
      { filters: { search: 'u' } },
    ];
    for (const other of others) await refusal(decodeCursor(signer, cursor, { ...binding, ...other }));
  });

  it('refuse a cursor signed with another secret', async () => {
    const cursor = await encodeCursor(cursorSigner(secret(8)), { value: 'a', keys: ['b'] }, binding);
    await refusal(decodeCursor(signer, cursor, binding));
  });

  it('refuse an edited position, even one that still parses', async () => {
    const cursor = await encodeCursor(signer, { value: '2024-02-28T00:00:00.000Z', keys: ['SKU-1'] }, binding);
    const edited = fromB64u(cursor);
    const at = new TextDecoder('latin1').decode(edited).indexOf('2024-02-28');
    expect(at).toBeGreaterThan(0);
    edited.set(new TextEncoder().encode('2024-02-30'), at);
    await refusal(decodeCursor(signer, toB64u(edited), binding));
    // Every single flipped bit, in the tag or in the position.
    const bytes = fromB64u(cursor);
    for (let i = 0; i < bytes.length; i += 5) {
      const flipped = bytes.slice();
      flipped[i]! ^= 1;
      await refusal(decodeCursor(signer, toB64u(flipped), binding));
    }
  });

  it('refuse garbage: not base64url, too short to hold a tag, an old-style unsigned cursor', async () => {
    for (const text of ['!!', 'bm90LWpzb24', 'eyJiIjoiMTIzIiwidiI6ImEiLCJrIjpbImIiXX0', 'A'.repeat(40)]) {
      await refusal(decodeCursor(signer, text, binding));
    }
  });

  it('load a late secret once, and try again after a failed lookup', async () => {
    let calls = 0;
    const late = cursorSigner(async () => {
      calls += 1;
      if (calls === 1) throw new Error('store not ready');
      return secret(7);
    });
    await expect(encodeCursor(late, { value: 'a', keys: ['b'] }, binding)).rejects.toThrow('store not ready');
    const cursor = await encodeCursor(late, { value: 'a', keys: ['b'] }, binding);
    await encodeCursor(late, { value: 'c', keys: ['d'] }, binding);
    expect(calls).toBe(2);
    // The same secret, given late or up front, signs the same cursor.
    expect(await decodeCursor(signer, cursor, binding)).toEqual({ value: 'a', keys: ['b'] });
  });
});
