import pg from 'pg';
import { ApiError } from '../errors.js';
import type { SqlClient, SqlExecutor } from '../store/sql/client.js';
import { isConnectionLoss } from './pg-errors.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Seconds a client is asked to wait when the database cannot be reached (a restart takes a few). */
const RETRY_AFTER_SECONDS = 2;

/** A lost or refused connection becomes `503 UNAVAILABLE`; every other error stays what it was. */
function translated(error: unknown): unknown {
  return isConnectionLoss(error) ? ApiError.unavailable('The database cannot be reached; retry shortly.', RETRY_AFTER_SECONDS) : error;
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translated(error);
  }
}

const executor = (db: Queryable): SqlExecutor => ({
  query<R>(sql: string, params: unknown[] = []) {
    return guarded(async () => (await db.query(sql, params)).rows as R[]);
  },
  exec(sql: string) {
    // Without parameters pg uses the simple protocol, which accepts several statements.
    return guarded(async () => void (await db.query(sql)));
  },
});

/**
 * PostgreSQL through a `pg` pool (node only). When the database restarts or cannot be reached,
 * queries fail with `503 UNAVAILABLE` (and `Retry-After`) instead of an internal error; broken
 * connections leave the pool and later queries open new ones, so it recovers by itself.
 *
 * @example
 * const client = createPgClient(process.env.DATABASE_URL!, { max: 10 });
 */
export function createPgClient(
  connectionString: string,
  options: { max?: number; searchPath?: string; onIdleError?: (error: Error) => void; connectTimeoutMs?: number } = {},
): SqlClient {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    // A database that accepts no connection must not hold requests for long: they answer 503.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    keepAlive: true,
    // A schema of its own lets tests (and several servers) share one database without clashing.
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  // An idle connection the server closes (a restart, a failover, an administrator) is dropped from
  // the pool and the next query opens a new one. Without a listener, pg would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  // A connection lost while checked out (in a transaction, a restart under load) also emits
  // 'error' on its client; the query or transaction it serves fails on its own and answers 503.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return {
    ...executor(pool),
    async transaction(fn) {
      const client = await guarded(() => pool.connect());
      let broken: unknown;
      try {
        await executor(client).exec('BEGIN');
        const result = await fn(executor(client));
        await executor(client).exec('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError));
        throw error;
      } finally {
        // A connection that could not even roll back is discarded, not handed to the next request.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    close: () => pool.end(),
  };
}
