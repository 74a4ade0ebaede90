/**
 * IP allow-list matching for IPv4 and IPv6 CIDRs (`10.0.0.0/8`, `2001:db8::/32`, or a bare
 * address), without Node's `net` module so the core stays runtime-neutral.
 *
 * @example
 * ipInCidr('10.1.2.3', '10.0.0.0/8'); // true
 */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [range, bitsText] = cidr.split('/');
  const address = toBigInt(normalize(ip));
  const network = toBigInt(range ?? '');
  if (!address || !network || address.bits !== network.bits) return false;
  const bits = bitsText === undefined ? network.bits : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > network.bits) return false;
  const shift = BigInt(network.bits - bits);
  return address.value >> shift === network.value >> shift;
}

/** True when the list is empty (no restriction) or any CIDR matches. */
export function ipAllowed(ip: string | undefined, allowlist: string[]): boolean {
  if (allowlist.length === 0) return true;
  return ip !== undefined && allowlist.some((cidr) => ipInCidr(ip, cidr));
}

/**
 * Whether `text` is an IPv4 or IPv6 CIDR block (or a bare address) that `ipInCidr` can match.
 *
 * @example
 * isCidr('203.0.113.0/24'); // true
 * isCidr('203.0.113.0/33'); // false
 */
export function isCidr(text: string): boolean {
  const [range = '', bitsText, extra] = text.split('/');
  const network = toBigInt(range);
  if (!network || extra !== undefined) return false;
  return bitsText === undefined || (/^\d{1,3}$/.test(bitsText) && Number(bitsText) <= network.bits);
}

// An IPv4 client seen through an IPv6 socket arrives as ::ffff:1.2.3.4.
function normalize(ip: string): string {
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip;
}

function toBigInt(ip: string): { value: bigint; bits: number } | null {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) {
    const parts = ip.split('.').map(Number);
    if (parts.some((p) => p > 255)) return null;
    return { value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n), bits: 32 };
  }
  if (!ip.includes(':')) return null;
  const [head = '', tail] = ip.split('::');
  if (ip.split('::').length > 2) return null;
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 1) return null;
  const groups = [...left, ...Array(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return { value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n), bits: 128 };
}
