import { describe, expect, it } from 'vitest';
import { toBase64 } from './base64.js';
import { hmacSha256 as nodeHmac } from './hmac-node.js';
import { hmacSha256 as webHmac } from './hmac-web.js';

const key = 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const message = new TextEncoder().encode('msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}');

describe('hmacSha256', () => {
  // The test vector published with the Standard Webhooks specification.
  const expected = 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

  it('node:crypto variant matches the Standard Webhooks vector', () => {
    expect(toBase64(nodeHmac(key, message))).toBe(expected);
  });

  it('Web Crypto variant matches it too, also with its cached key', async () => {
    expect(toBase64(await webHmac(key, message))).toBe(expected);
    expect(toBase64(await webHmac(key, message))).toBe(expected);
  });

  it('both variants agree on arbitrary bytes', async () => {
    const bytes = crypto.getRandomValues(new Uint8Array(1024));
    const secret = toBase64(crypto.getRandomValues(new Uint8Array(32)));
    expect(toBase64(await webHmac(secret, bytes))).toBe(toBase64(nodeHmac(secret, bytes)));
  });
});
