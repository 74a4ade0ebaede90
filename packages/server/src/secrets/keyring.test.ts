import { describe, expect, it } from 'vitest';
import { createSecretKeyring, isSealed, newSecretKey, parseSecretKeys } from './keyring.js';

describe('secret keyrings', () => {
  it('seal with a fresh nonce each time and open only in the same context', async () => {
    const ring = await createSecretKeyring(parseSecretKeys(newSecretKey()));
    const one = await ring.seal('whsec_abc', 'row-1');
    const two = await ring.seal('whsec_abc', 'row-1');
    expect(one).not.toBe(two);
    expect(isSealed(one) && ring.isCurrent(one)).toBe(true);
    expect(one).not.toContain('abc');
    expect(await ring.open(one, 'row-1')).toBe('whsec_abc');
    await expect(ring.open(one, 'row-2')).rejects.toThrow(/altered or belongs to another record/);
    const flipped = `${one.slice(0, -3)}${one.at(-3) === 'A' ? 'B' : 'A'}${one.slice(-2)}`;
    await expect(ring.open(flipped, 'row-1')).rejects.toThrow(/altered/);
    await expect(ring.open('whsec_abc', 'row-1')).rejects.toThrow(/not sealed/);
  });

  it('seal with the first key, open with any, and name unknown keys by id only', async () => {
    const [oldKey, newKey] = [newSecretKey(), newSecretKey()];
    const before = await createSecretKeyring(parseSecretKeys(oldKey));
    const during = await createSecretKeyring(parseSecretKeys(`${newKey}, ${oldKey}`));
    const sealedBefore = await before.seal('s', 'c');
    expect(during.ids).toEqual([during.primaryId, before.primaryId]);
    expect(await during.open(sealedBefore, 'c')).toBe('s');
    expect(during.isCurrent(sealedBefore)).toBe(false);
    const sealedDuring = await during.seal('s', 'c');
    expect(sealedDuring.startsWith(`sealed:v1:${during.primaryId}:`)).toBe(true);
    const message = await before.open(sealedDuring, 'c').then(() => '', (e: Error) => e.message);
    expect(message).toContain(during.primaryId);
    expect(message).not.toContain(newKey);
  });

  it('refuse keys that are not 32 bytes of base64, none, or the same twice', async () => {
    const key = newSecretKey();
    expect(parseSecretKeys(key.replace(/=+$/, ''))[0]).toEqual(parseSecretKeys(key)[0]);
    for (const text of ['', ' , ', 'c2hvcnQ=', `${key},not base64!`]) expect(() => parseSecretKeys(text)).toThrow(/secrets key/i);
    await expect(createSecretKeyring(parseSecretKeys(`${key},${key}`))).rejects.toThrow(/twice/);
  });
});
