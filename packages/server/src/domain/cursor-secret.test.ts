import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory/memory-store.js';
import { appCursorSigner } from './cursor-secret.js';
import { decodeCursor, encodeCursor, type CursorSigner } from './cursor.js';

const position = { value: 'a', keys: ['b'] };
const binding = { list: 'products' };
const accepts = async (by: CursorSigner, cursor: string) => decodeCursor(by, cursor, binding).then(() => true, () => false);

describe("the app's cursor secret", () => {
  it('is the configured one when given: every process with it accepts the others\u2019 cursors', async () => {
    const secret = 'one secret for every process, 32+ chars';
    const cursor = await encodeCursor(appCursorSigner(secret, createMemoryStore()), position, binding);
    expect(await accepts(appCursorSigner(secret, createMemoryStore()), cursor)).toBe(true);
    expect(await accepts(appCursorSigner(`${secret}!`, createMemoryStore()), cursor)).toBe(false);
    expect(() => appCursorSigner('too short', createMemoryStore())).toThrow(/at least 32/);
  });

  it("is otherwise the store's own: shared by apps on one store, different for another store", async () => {
    const store = createMemoryStore();
    const cursor = await encodeCursor(appCursorSigner(undefined, store), position, binding);
    expect(await accepts(appCursorSigner(undefined, store), cursor)).toBe(true);
    expect(await accepts(appCursorSigner(undefined, createMemoryStore()), cursor)).toBe(false);
  });
});
