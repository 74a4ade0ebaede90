import { describe, expect, it } from 'vitest';
import { toBase64 } from './base64.js';
import { signatureOf as nodeSignature } from './hmac-node.js';
import { signatureOf as webSignature } from './hmac-web.js';

const key = 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const timestamp = '1614265330';
const body = '{"test": 2432232314}';

describe('signatureOf', () => {
  // The test vector published with the Standard Webhooks specification.
  const expected = 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

  it('node:crypto variant matches the Standard Webhooks vector, for a string and for bytes', () => {
    expect(nodeSignature(key, id, timestamp, body)).toBe(expected);
    expect(nodeSignature(key, id, timestamp, new TextEncoder().encode(body))).toBe(expected);
  });

  it('Web Crypto variant matches it too, also with its cached key', async () => {
    expect(await webSignature(key, id, timestamp, body)).toBe(expected);
    expect(await webSignature(key, id, timestamp, new TextEncoder().encode(body))).toBe(expected);
  });

  it('both variants agree on arbitrary bytes and secrets', async () => {
    const bytes = crypto.getRandomValues(new Uint8Array(1024));
    const secret = toBase64(crypto.getRandomValues(new Uint8Array(32)));
    expect(await webSignature(secret, id, timestamp, bytes)).toBe(nodeSignature(secret, id, timestamp, bytes));
  });
});
