import pg from 'pg';
import type { SqlClient, SqlExecutor } from '../store/sql/client.js';
import { TIMESTAMPTZ_OID, timestamptzText } from '../store/sql/rows.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

// timestamptz straight to the API's ISO string, not through a Date and back; other types as pg does.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID && format !== 'binary' ? timestamptzText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const executor = (db: Queryable): SqlExecutor => ({
  async query<R>(sql: string, params: unknown[] = []) {
    return (await db.query(sql, params)).rows as R[];
  },
  async exec(sql: string) {
    // Without parameters pg uses the simple protocol, which accepts several statements.
    await db.query(sql);
  },
});

function optionsInUrl(connectionString: string): string {
  try {
    return new URL(connectionString).searchParams.get('options') ?? '';
  } catch {
    return '';
  }
}

/**
 * PostgreSQL through a `pg` pool (node only).
 *
 * @example
 * const client = createPgClient(process.env.DATABASE_URL!, { max: 10 });
 */
export function createPgClient(
  connectionString: string,
  options: { max?: number; searchPath?: string; onIdleError?: (error: Error) => void } = {},
): SqlClient {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    types,
    // Timestamps in UTC, so they arrive in the form `timestamptzText` reads without a Date. A schema
    // of its own lets tests (and several servers) share one database without clashing. Options
    // given in the URL (`?options=…`) are kept: these would replace them.
    options: [optionsInUrl(connectionString), '-c TimeZone=UTC', options.searchPath ? `-c search_path=${options.searchPath}` : '']
      .filter(Boolean).join(' '),
  });
  // An idle connection the server closes (a restart, a failover, an administrator) is dropped from
  // the pool and the next query opens a new one. Without a listener, pg would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  return {
    ...executor(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
