import type { Clock } from '../clock.js';
import { constantTimeEqual } from '../auth/api-keys.js';
import type { Store } from '../store/port.js';
import { runKeyCommand, type KeyCommand, type KeyCommandResult } from './key-commands.js';

type FetchHandler<Env> = (request: Request, env: Env) => Response | Promise<Response>;

/** Where a running `start` takes key commands; not part of the API (nor of its spec). */
export const KEY_ADMIN_PATH = '/_admin/keys';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** A token for the admin route: 32 random bytes, base64url. */
export function newAdminToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}

const remoteAddress = (env: unknown) => (env as { incoming?: { socket?: { remoteAddress?: string } } })?.incoming?.socket?.remoteAddress;

/**
 * Lets `nexus-server keys …` work while this process holds the data folder: `POST /_admin/keys`
 * runs the key command on the server's own store. Only for a caller on loopback that shows the
 * token this process wrote into the folder's lock file (readable by its owner only); anyone else
 * gets the API's 404, as for any unknown path.
 *
 * @example
 * serve({ fetch: withKeyAdmin(app.fetch, { store, clock, token }) });
 */
export function withKeyAdmin<Env>(fetch: FetchHandler<Env>, options: { store: Store; clock: Clock; token: string }): FetchHandler<Env> {
  const expected = `Bearer ${options.token}`;
  return async (request, env) => {
    const presented = request.headers.get('authorization') ?? '';
    const ours =
      request.method === 'POST' &&
      new URL(request.url).pathname === KEY_ADMIN_PATH &&
      LOOPBACK.test(remoteAddress(env) ?? '') &&
      constantTimeEqual(presented, expected);
    if (!ours) return fetch(request, env);
    const command = (await request.json().catch(() => null)) as KeyCommand | null;
    if (!command || !['create', 'list', 'revoke'].includes(command.command)) {
      return Response.json({ error: 'expected {"command": "create" | "list" | "revoke", …}' }, { status: 400 });
    }
    return Response.json(await runKeyCommand(options.store, options.clock, command));
  };
}

/** The running server could not be asked (it stopped, or answers something else). */
export class KeyAdminUnreachableError extends Error {}

/**
 * Sends a key command to the running server that holds the data folder.
 *
 * @example
 * const result = await callKeyAdmin(holder.admin, { command: 'list' });
 */
export async function callKeyAdmin(admin: { url: string; token: string }, command: KeyCommand): Promise<KeyCommandResult> {
  let response: Response;
  try {
    response = await fetch(`${admin.url}${KEY_ADMIN_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(command),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new KeyAdminUnreachableError(`could not reach it at ${admin.url} (${(error as Error).cause ?? (error as Error).message})`);
  }
  if (!response.ok) throw new KeyAdminUnreachableError(`it answered ${response.status} at ${admin.url}${KEY_ADMIN_PATH}`);
  return (await response.json()) as KeyCommandResult;
}
