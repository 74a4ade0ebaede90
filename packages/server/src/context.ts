import type { Clock } from './clock.js';
import type { Logger, ServerConfig } from './config.js';
import type { CursorSigner } from './domain/cursor.js';
import type { RateLimiter } from './rate-limit/port.js';
import type { Store } from './store/port.js';
import type { ApiKeyRecord } from './store/accounts.js';
import type { Partition } from './store/partition.js';
import type { CompiledOperation } from './validation/compile.js';

/** Everything handlers and middleware share, built once by `createApp`. */
export interface Deps {
  store: Store;
  clock: Clock;
  config: ServerConfig;
  limiter: RateLimiter;
  logger: Logger | undefined;
  /** Signs list cursors with the configured secret (or the store's). */
  cursors: CursorSigner;
  /** Verified API keys, shared by every operation's auth middleware (created on first use). */
  keyCache?: ReturnType<typeof import('./auth/key-cache.js').createKeyCache>;
}

/** Who is calling: the key and the data partition it opens. */
export interface AuthContext {
  key: ApiKeyRecord;
  partition: Partition;
}

/** The request after validation: query coerced and defaulted, path parameters checked. */
export interface ValidatedParams {
  query: Record<string, unknown>;
  path: Record<string, string>;
  headers: Record<string, string>;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    operation: CompiledOperation;
    auth: AuthContext;
    body: unknown;
    params: ValidatedParams;
  };
}
