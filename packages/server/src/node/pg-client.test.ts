import { describe, expect, it } from 'vitest';
import { skipBecause } from '../test/skip.js';
import { createPgClient } from './pg-client.js';

const url = process.env.DATABASE_URL;

if (!url) {
  describe('pg client (PostgreSQL)', () => skipBecause('pg client', 'set DATABASE_URL to run it'));
}

describe.skipIf(!url)('pg client (PostgreSQL)', () => {
  it('survives the server closing its idle connections, and reconnects for the next query', async () => {
    const errors: Error[] = [];
    const client = createPgClient(url!, { max: 2, onIdleError: (error) => errors.push(error) });
    try {
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]!.pid;
      // What a restart or an administrator does to an idle connection of the pool.
      const admin = createPgClient(url!, { max: 1 });
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await admin.close();
      for (let i = 0; i < 100 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(errors.map((e) => (e as Error & { code?: string }).code)).toEqual(['57P01']);
      const next = (await client.query<{ next: number }>('SELECT pg_backend_pid() AS next'))[0]!.next;
      expect(next).not.toBe(pid);
    } finally {
      await client.close();
    }
  });
});

describe.skipIf(!url)('pg client (PostgreSQL): a lost connection', () => {
  it('answers 503 UNAVAILABLE when a transaction loses its connection, and the pool goes on', async () => {
    const client = createPgClient(url!, { max: 2 });
    const admin = createPgClient(url!, { max: 1 });
    try {
      const lost = client.transaction(async (tx) => {
        const [{ pid }] = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        await tx.query('SELECT pg_sleep(0.5)');
      });
      await expect(lost).rejects.toMatchObject({ status: 503, code: 'UNAVAILABLE', headers: { 'Retry-After': '2' } });
      expect(await client.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await admin.close();
      await client.close();
    }
  });

  it('answers 503 UNAVAILABLE when nothing listens on the database port', async () => {
    const client = createPgClient('postgres://postgres@127.0.0.1:1/none', { max: 1 });
    try {
      await expect(client.query('SELECT 1')).rejects.toMatchObject({ status: 503, code: 'UNAVAILABLE' });
      await expect(client.transaction(async () => 1)).rejects.toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    } finally {
      await client.close();
    }
  });
});
