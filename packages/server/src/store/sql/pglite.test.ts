import { describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { loadMigrations } from '../../node/migration-files.js';
import { createPgliteClient } from '../../node/pglite-client.js';
import { pgliteHarness } from '../testing/harness.js';
import { storeSuites } from '../testing/suites.js';

storeSuites('sql on PGlite (in memory)', pgliteHarness);

describe('migrations on PGlite', () => {
  it('apply once, are recorded, and a second run is a no-op', async () => {
    const client = await createPgliteClient();
    try {
      // Every file, in version order (each slice adds its own NNN file).
      const versions = loadMigrations().map((m) => m.version).sort();
      expect(versions.slice(0, 2)).toEqual(['001', '002']);
      expect(await migrate(client, loadMigrations())).toEqual(versions);
      expect(await migrate(client, loadMigrations())).toEqual([]);
      const rows = await client.query<{ version: string; name: string }>('SELECT version, name FROM schema_migrations');
      expect(rows).toContainEqual({ version: '001', name: 'initial' });
      expect(rows).toContainEqual({ version: '002', name: 'catalog' });
      expect(rows).toHaveLength(versions.length);
    } finally {
      await client.close();
    }
  });
});
