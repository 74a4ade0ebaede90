import { type NexusClient, createNexusClient, environments } from '@nexuscommerce/sdk';
import { version } from '../package.json';
import { UsageError } from './usage-error.js';

/** The flags every command that talks to the API accepts. */
export const CONNECTION_FLAGS = {
  'api-key': { type: 'string' },
  'base-url': { type: 'string' },
} as const;

export const CONNECTION_HELP = `Connection:
  --api-key <key>     an API key (nxc_test_… or nxc_live_…); default: $NEXUS_API_KEY
  --base-url <url>    the API's origin, e.g. http://127.0.0.1:4010 for the local server or mock;
                      default: $NEXUS_BASE_URL, else sandbox for test keys and production for live keys
  Prefer the environment variable for the key: flags show up in the process list.`;

export interface Connection {
  client: NexusClient;
  /** Where requests go, for messages. */
  origin: string;
  mode: 'test' | 'live';
}

/**
 * A client from `--api-key`/`--base-url`, else `NEXUS_API_KEY`/`NEXUS_BASE_URL`.
 * @example
 * const { client } = connect(values, process.env);
 */
export function connect(flags: { 'api-key'?: string | undefined; 'base-url'?: string | undefined }, env: NodeJS.ProcessEnv): Connection {
  const apiKey = flags['api-key'] ?? env['NEXUS_API_KEY'];
  if (!apiKey) throw new UsageError('no API key: pass --api-key or set NEXUS_API_KEY');
  const mode = /^nxc_(live|test)_[A-Za-z0-9]+$/.exec(apiKey)?.[1] as 'live' | 'test' | undefined;
  if (!mode) throw new UsageError('the API key should look like nxc_test_… or nxc_live_…');
  const baseUrl = flags['base-url'] ?? (env['NEXUS_BASE_URL'] || undefined);
  if (baseUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(baseUrl)) {
    throw new UsageError(`the base URL should be an http(s) origin such as http://127.0.0.1:4010, not "${baseUrl}"`);
  }
  const client = createNexusClient({ apiKey, baseUrl, userAgent: `nexus-cli/${version}` });
  const origin = baseUrl ?? environments[mode === 'test' ? 'sandbox' : 'production'];
  return { client, origin: origin.replace(/\/+$/, ''), mode };
}
