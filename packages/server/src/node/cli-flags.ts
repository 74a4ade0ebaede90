import { parseArgs } from 'node:util';
import { backgroundTimingFromEnv, type BackgroundTiming } from '../config.js';
import { keySettingProblems, MAX_BATCH_LIMIT, type KeySettingProblem, type KeySettings } from '../domain/key-options.js';
import type { KeyCommand } from './key-commands.js';

export const USAGE = `Usage:
  nexus-server start [--port 4010] [--host 127.0.0.1] [--data-dir .nexus-data] [--memory] [--empty] [--workers N]
                     [--role all|api|worker]   api: HTTP only; worker: jobs and webhooks only (= worker)
  nexus-server migrate [--data-dir .nexus-data]
  nexus-server worker [--data-dir .nexus-data] [--workers N]   runs jobs and webhook deliveries without the API
  nexus-server keys create [--account acct_…] [--mode test|live] [--scopes a,b] [--plan starter|growth|enterprise]
                           [--name text] [--expires-at ISO-8601] [--ip CIDR,CIDR] [--batch-limit 1-${MAX_BATCH_LIMIT}]
  nexus-server keys list [--account acct_…]
  nexus-server keys revoke <key id, or prefix as keys list prints it>

The first start of a data folder (or every start with --memory) creates a sandbox account, fills
it with the demo data of @nexuscommerce/mock (seed 1) unless --empty, and prints a test key on the
growth plan. The data folder is locked while a process uses it; key commands go through the
running start (memory mode too), so a printed key always works against that server.
DATABASE_URL selects PostgreSQL instead of the embedded PGlite (no lock; the folder then holds
only secrets.key, see below); REDIS_URL shares rate limits. --workers: job workers in the
process; default 4 on PostgreSQL, else 1.
--role (or NEXUS_ROLE): what start runs; several api and worker processes may share one PostgreSQL.
NEXUS_JOB_LEASE_MS, NEXUS_WEBHOOK_RETRY_DELAYS_MS, NEXUS_WEBHOOK_TIMEOUT_MS, NEXUS_WEBHOOK_LOCK_MS:
  the job lease and the webhook retry schedule, in milliseconds (defaults: the spec's).
NEXUS_SECRETS_KEYS="new,old" (or NEXUS_SECRETS_KEY): base64 of 32 bytes each; webhook secrets are
  stored sealed under the first, any opens, and each start re-seals under the first. Without it, a
  key is made into <data dir>/secrets.key (0600); required on PostgreSQL with NODE_ENV=production.
NEXUS_CURSOR_SECRET (32+ characters) signs list cursors; default: a key kept in the database.
Exit codes: 0 done, 1 failed (the message says why), 2 bad command line.`;

/** A command line that cannot be run; nothing was opened. Exit code 2. */
export class UsageError extends Error {}

export interface StoreChoice {
  databaseUrl?: string;
  dataDir: string;
  memory: boolean;
}

export type CliCommand =
  | { name: 'help' }
  | { name: 'start'; store: StoreChoice; port: number; host: string; workers: number; empty: boolean; role: 'all' | 'api'; timing: BackgroundTiming }
  | { name: 'worker'; store: StoreChoice; workers: number; timing: BackgroundTiming }
  | { name: 'migrate'; store: StoreChoice }
  | { name: 'keys'; store: StoreChoice; request: KeyCommand };

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  memory: { type: 'boolean' },
  empty: { type: 'boolean' },
  workers: { type: 'string' },
  role: { type: 'string' },
  account: { type: 'string' },
  mode: { type: 'string' },
  scopes: { type: 'string' },
  plan: { type: 'string' },
  name: { type: 'string' },
  'expires-at': { type: 'string' },
  ip: { type: 'string' },
  'batch-limit': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flag = keyof typeof OPTIONS;
type Values = { [K in Flag]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };

const KEY_SETTING_FLAGS: Flag[] = ['account', 'mode', 'scopes', 'plan', 'name', 'expires-at', 'ip', 'batch-limit'];
/** The flags each command takes besides --data-dir and --help. */
const COMMAND_FLAGS: Record<string, Flag[]> = {
  start: ['port', 'host', 'memory', 'empty', 'workers', 'role'],
  worker: ['workers'],
  migrate: [],
  'keys create': KEY_SETTING_FLAGS,
  'keys list': ['account'],
  'keys revoke': [],
};
/** How a key setting is spelt on the command line, for messages. */
const SETTING_FLAGS: Record<KeySettingProblem['setting'], string> = {
  mode: '--mode',
  plan: '--plan',
  name: '--name',
  scopes: '--scopes',
  batchLimit: '--batch-limit',
  expiresAt: '--expires-at',
  ipAllowlist: '--ip',
  rateLimits: 'rate limits',
};

/** An integer flag, or a UsageError that names the flag, its range and what was given. */
function integer(flag: string, text: string, min: number, max: number): number {
  const n = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`--${flag} takes a whole number from ${min} to ${max}; got "${text}".`);
  return n;
}

const list = (text: string) => text.split(',').map((part) => part.trim()).filter(Boolean);

function accountFlag(values: Values): string | undefined {
  if (values.account !== undefined && !/^acct_[0-9A-Za-z]{1,64}$/.test(values.account)) {
    throw new UsageError(`--account takes an account id such as acct_1yxPXpVmJpna (see keys list); got "${values.account}".`);
  }
  return values.account;
}

function keySettings(values: Values): KeySettings & { accountId?: string } {
  const settings: KeySettings & { accountId?: string } = {
    accountId: accountFlag(values),
    mode: (values.mode ?? 'test') as KeySettings['mode'],
    name: values.name ?? 'default',
    plan: (values.plan ?? 'starter') as KeySettings['plan'],
    scopes: values.scopes === undefined ? undefined : list(values.scopes),
    batchLimit: values['batch-limit'] === undefined ? undefined : integer('batch-limit', values['batch-limit'], 1, MAX_BATCH_LIMIT),
    expiresAt: values['expires-at'] ?? null,
    ipAllowlist: values.ip === undefined ? [] : list(values.ip),
  };
  // The same check the domain makes before storing a key: here, so that nothing is opened.
  const problems = keySettingProblems(settings, new Date());
  if (problems.length > 0) throw new UsageError(problems.map((p) => `${SETTING_FLAGS[p.setting]} ${p.message}.`).join('\n'));
  return settings;
}

function storeChoice(values: Values, env: NodeJS.ProcessEnv): StoreChoice {
  const dataDir = values['data-dir'] ?? '.nexus-data';
  if (dataDir.trim() === '') throw new UsageError('--data-dir takes a folder; got an empty one.');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (values.memory && databaseUrl) throw new UsageError('--memory and DATABASE_URL exclude each other: unset DATABASE_URL for the memory store.');
  return { databaseUrl, dataDir, memory: values.memory ?? false };
}

/** The background's lease and retry schedule from the environment; a bad value is a usage error. */
function timingFrom(env: NodeJS.ProcessEnv): BackgroundTiming {
  try {
    return backgroundTimingFromEnv(env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
    throw new UsageError(message);
  }
}

/**
 * Reads and checks a `nexus-server` command line: an unknown command or flag, a flag the command
 * does not take, or a value that could not work throws `UsageError` before anything is opened.
 *
 * @example
 * parseCommandLine(['keys', 'create', '--plan', 'growth'], process.env); // { name: 'keys', … }
 */
export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv): CliCommand {
  const { values, positionals } = parse(argv) as { values: Values; positionals: string[] };
  if (values.help || positionals.length === 0) return { name: 'help' };
  const [command = '', sub] = positionals;
  const name = command === 'keys' ? `keys ${sub ?? ''}`.trim() : command;
  const allowed = COMMAND_FLAGS[name];
  if (!allowed) throw new UsageError(`Unknown command "${positionals.join(' ')}".`);
  const extra = positionals.slice(command === 'keys' ? 2 : 1);
  if (name === 'keys revoke' ? extra.length !== 1 : extra.length > 0) {
    throw new UsageError(name === 'keys revoke' ? 'keys revoke takes one key id or prefix, as keys list prints it.' : `${name} takes no argument "${extra[0]}".`);
  }
  const stray = (Object.keys(values) as Flag[]).find((flag) => flag !== 'data-dir' && flag !== 'help' && !allowed.includes(flag));
  if (stray === 'memory' && command === 'keys') {
    throw new UsageError(`${name} takes no --memory: key commands reach the server running on --data-dir, whatever its store.`);
  }
  if (stray) throw new UsageError(`${name} does not take --${stray}.`);
  const store = storeChoice(values, env);
  const workers = values.workers === undefined ? (store.databaseUrl ? 4 : 1) : integer('workers', values.workers, 1, 64);
  switch (name) {
    case 'start': {
      const host = values.host ?? '127.0.0.1';
      if (!/^[\w.:-]+$/.test(host)) throw new UsageError(`--host takes an address or host name such as 127.0.0.1 or 0.0.0.0; got "${host}".`);
      const role = values.role ?? (env.NEXUS_ROLE || 'all');
      if (role === 'worker') return { name: 'worker', store, workers, timing: timingFrom(env) };
      if (role !== 'all' && role !== 'api') throw new UsageError(`--role takes all, api or worker; got "${role}".`);
      const port = integer('port', values.port ?? '4010', 0, 65535);
      return { name, store, port, host, workers, empty: values.empty ?? false, role, timing: timingFrom(env) };
    }
    case 'worker':
      return { name, store, workers, timing: timingFrom(env) };
    case 'migrate':
      return { name, store };
    case 'keys create':
      return { name: 'keys', store, request: { command: 'create', settings: keySettings(values) } };
    case 'keys list':
      return { name: 'keys', store, request: { command: 'list', accountId: accountFlag(values) } };
    default:
      return { name: 'keys', store, request: { command: 'revoke', key: extra[0]! } };
  }
}
