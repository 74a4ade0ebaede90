import type { Migration, SqlClient } from './client.js';

// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK = 40104010;

/**
 * Applies the migrations not yet recorded in `schema_migrations`, in version order, in one
 * transaction. The advisory lock makes concurrent starts of several processes safe.
 *
 * @example
 * const applied = await migrate(client, migrations); // ['001']
 */
export async function migrate(client: SqlClient, migrations: Migration[]): Promise<string[]> {
  const ordered = [...migrations].sort((a, b) => a.version.localeCompare(b.version));
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: string }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: string[] = [];
    for (const migration of ordered) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}

/**
 * Turns `NNN-name.sql` files into migrations.
 *
 * @example
 * parseMigrations({ '001-initial.sql': 'CREATE TABLE …' });
 */
export function parseMigrations(files: Record<string, string>): Migration[] {
  return Object.entries(files).map(([file, sql]) => {
    const match = /^(\d{3,})-([a-z0-9-]+)\.sql$/.exec(file);
    if (!match) throw new Error(`Migration file name must look like 001-name.sql: ${file}`);
    return { version: match[1]!, name: match[2]!, sql };
  });
}
