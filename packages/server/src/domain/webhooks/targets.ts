/**
 * Which webhook URLs the server may call. Literal addresses and `localhost` names are checked;
 * a public name that resolves to a private address is not (the core does no DNS).
 */

function ipv4(host: string): number[] | null {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((x) => /^\d{1,3}$/.test(x) && Number(x) <= 255)) return null;
  return parts.map(Number);
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  const v4 = ipv4(host) ?? mappedIpv4(host);
  return v4 !== null && v4[0] === 127;
}

function mappedIpv4(host: string): number[] | null {
  const match = /^::ffff:(.+)$/.exec(host);
  if (!match) return null;
  const tail = match[1]!;
  if (ipv4(tail)) return ipv4(tail);
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(tail);
  if (!hex) return null;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255];
}

/** Loopback, private, link-local, carrier-grade NAT, unspecified and unique-local addresses. */
export function isPrivateHost(hostname: string): boolean {
  if (isLoopbackHost(hostname)) return true;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const v4 = ipv4(host) ?? mappedIpv4(host);
  if (v4) {
    const [a, b] = v4 as [number, number];
    return a === 0 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)
      || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  if (host.includes(':')) {
    return host === '::' || /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host);
  }
  return false;
}

/**
 * Why a URL cannot be a webhook endpoint, or null when it can.
 *
 * @example
 * webhookUrlProblem('http://example.com/hook', 'live', false); // 'must use https'
 */
export function webhookUrlProblem(url: string, mode: 'live' | 'test', allowPrivate: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL';
  }
  if (parsed.username || parsed.password) return 'must not contain credentials';
  if (parsed.protocol === 'http:') {
    if (!isLoopbackHost(parsed.hostname) || mode !== 'test') {
      return 'must use https (http is accepted only for a loopback host with a test key)';
    }
  } else if (parsed.protocol !== 'https:') {
    return 'must use https';
  }
  if (!allowPrivate && isPrivateHost(parsed.hostname)) return 'must not point to a loopback or private address';
  return null;
}
