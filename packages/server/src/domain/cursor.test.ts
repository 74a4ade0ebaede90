import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('cursors', () => {
  const binding = { sort: 'title', order: 'asc', filters: { search: 'ü' } };

  it('round-trip as base64url and survive non-ASCII values', () => {
    const cursor = encodeCursor({ value: 'Çay bardağı', keys: ['SKU-1'] }, binding);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, { filters: { search: 'ü' }, order: 'asc', sort: 'title' })).toEqual({ value: 'Çay bardağı', keys: ['SKU-1'] });
  });

  it('refuse other bindings and garbage with VALIDATION_FAILED', () => {
    const cursor = encodeCursor({ value: 'a', keys: ['b'] }, binding);
    for (const [text, other] of [[cursor, { ...binding, order: 'desc' }], ['bm90LWpzb24', binding], ['!!', binding]] as const) {
      const error = (() => {
        try {
          decodeCursor(text, other);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('VALIDATION_FAILED');
    }
  });
});
