import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Migration } from '../store/sql/client.js';
import { parseMigrations } from '../store/sql/migrate.js';

// The folder sits at the package root: one level up from dist/, two from src/node/.
const CANDIDATES = ['../migrations/', '../../migrations/'];

/**
 * Reads the package's `migrations/NNN-name.sql` files (node only).
 *
 * @example
 * const store = await createSqlStore(client, { migrations: loadMigrations() });
 */
export function loadMigrations(dir?: string): Migration[] {
  const folder = dir ?? findFolder();
  const files: Record<string, string> = {};
  for (const name of readdirSync(folder).filter((f) => f.endsWith('.sql'))) {
    files[name] = readFileSync(`${folder}/${name}`, 'utf8');
  }
  return parseMigrations(files);
}

function findFolder(): string {
  for (const candidate of CANDIDATES) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${path}/001-initial.sql`)) return path;
  }
  throw new Error('Cannot find the migrations folder of @nexuscommerce/server');
}
