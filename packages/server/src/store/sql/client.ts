/**
 * The little a SQL adapter needs from a database driver. PGlite and `pg` both speak PostgreSQL,
 * so one dialect and one set of queries serve both; only this seam differs.
 */
export interface SqlExecutor {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `fn` in BEGIN … COMMIT, rolling back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** True when the database runs one transaction at a time (PGlite: one connection). */
  readonly serialTransactions?: boolean;
  close(): Promise<void>;
}

/** A versioned migration: `001-initial.sql` has version `001`. */
export interface Migration {
  version: string;
  name: string;
  sql: string;
}
