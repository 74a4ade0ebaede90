import { createHmac } from 'node:crypto';

/** HMAC-SHA256 with node:crypto: synchronous and about five times faster than Web Crypto in Node. */
export function hmacSha256(secretBase64: string, message: Uint8Array<ArrayBuffer>): Uint8Array {
  return createHmac('sha256', Buffer.from(secretBase64, 'base64')).update(message).digest();
}
