import { lookup } from 'node:dns/promises';

/**
 * Every address a webhook host resolves to, so the dispatcher can refuse names that point into a
 * private network (node only). The attempt then resolves the name again; a name that changes its
 * answer between the two (DNS rebinding) is not caught by this check alone.
 *
 * @example
 * createWebhookDispatcher({ store, allowPrivateTargets: false, resolveHost });
 */
export async function resolveHost(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);
}
