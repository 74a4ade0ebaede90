/**
 * Base64url without padding (RFC 4648 §5), over bytes, with nothing but `btoa`/`atob`: the same
 * in browsers, workers and Node.
 *
 * @example
 * encodeBase64Url(new Uint8Array([251, 255])); // '-_8'
 */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of base64url (or plain base64) text; `null` when it is not that. */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) return null;
  try {
    return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '')), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
