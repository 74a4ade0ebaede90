import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgClient } from './node/pg-client.js';
import { skipBecause } from './test/skip.js';
import { getJson, runServerCli, startServerCli } from './test/server-cli.js';

// nexus-server on PostgreSQL, as real processes on a database of their own: no folder, no lock,
// every process opens the same database, so key commands need no running server to reach it.

const databaseUrl = process.env.DATABASE_URL;

if (!databaseUrl) {
  skipBecause('nexus-server on PostgreSQL', 'set DATABASE_URL to run it');
} else {
  describe('nexus-server on PostgreSQL', () => {
    const name = `nexus_cli_${Date.now().toString(36)}_${process.pid}`;
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString() };
    const admin = createPgClient(databaseUrl, { max: 1 });

    beforeAll(async () => {
      await admin.exec(`create database ${name}`);
    });
    afterAll(async () => {
      await admin.exec(`drop database if exists ${name} with (force)`);
      await admin.close();
    });

    it('seeds an empty database once; keys made by another process work on the running server at once', async () => {
      const server = await startServerCli(['--workers', '1'], env);
      try {
        expect((await getJson(`${server.url}/v1/products?include_total=true&limit=1`, server.key!)).body.meta.total).toBe(300);
        const created = await runServerCli(['keys', 'create', '--plan', 'starter', '--name', 'other process'], env);
        expect(created.code).toBe(0);
        expect(created.stdout).not.toContain('running server');
        const key = /The key, shown once:\s+(nxc_test_\w+)/.exec(created.stdout)![1]!;
        expect((await getJson(`${server.url}/v1/me`, key)).body.data).toMatchObject({ plan: 'starter' });
        // A second API process on the same database is scale-out, not a conflict; it seeds nothing.
        const second = await startServerCli(['--workers', '1'], env);
        try {
          expect(second.key).toBeUndefined();
          expect((await getJson(`${second.url}/v1/products?include_total=true&limit=1`, key)).body.meta.total).toBe(300);
        } finally {
          expect(await second.stop()).toBe(0);
        }
      } finally {
        expect(await server.stop()).toBe(0);
      }
    }, 180_000);
  });
}
