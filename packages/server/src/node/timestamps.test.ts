import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../store/sql/client.js';
import { timestamptzText } from '../store/sql/rows.js';
import { skipBecause } from '../test/skip.js';
import { createPgClient } from './pg-client.js';
import { createPgliteClient } from './pglite-client.js';

describe('timestamptzText', () => {
  it('gives what Date#toISOString gives for every form PostgreSQL writes in UTC', () => {
    for (const text of ['2026-01-01 00:00:01+00', '2026-01-01 00:00:01.5+00', '2026-01-01 00:00:01.123456+00',
      '2026-12-31 23:59:59.999999+00', '2026-01-01T00:00:01.25+00:00', '1999-02-28 12:00:00.01+00']) {
      expect(timestamptzText(text)).toBe(new Date(text.replace(' ', 'T').replace(/\+00(:00)?$/, 'Z')).toISOString());
    }
  });

  it('converts a time written in another zone to UTC', () => {
    expect(timestamptzText('2026-01-01 05:30:01.5+05:30')).toBe('2026-01-01T00:00:01.500Z');
    expect(timestamptzText('2025-12-31 19:00:00-05')).toBe('2026-01-01T00:00:00.000Z');
  });
});

// Both clients answer timestamptz columns and expressions as the API's ISO strings.
const clients: [string, () => Promise<SqlClient>][] = [['PGlite', () => createPgliteClient()]];
const url = process.env.DATABASE_URL;
if (url) clients.push(['PostgreSQL', async () => createPgClient(url, { max: 1 })]);
else describe('timestamptz through pg', () => skipBecause('timestamptz through pg', 'set DATABASE_URL to run it'));

describe.each(clients)('timestamptz through %s', (_name, open) => {
  let client: SqlClient;
  beforeAll(async () => {
    client = await open();
  }, 60_000);
  afterAll(() => client?.close());

  it('arrives as an ISO string in UTC with milliseconds, inside a transaction too', async () => {
    const sql = `SELECT timestamptz '2026-03-04 10:11:12.345678+05:30' AS a, timestamptz '2026-03-04T00:00:00Z' AS b,
      NULL::timestamptz AS c`;
    expect(await client.query(sql)).toEqual([{ a: '2026-03-04T04:41:12.345Z', b: '2026-03-04T00:00:00.000Z', c: null }]);
    expect(await client.transaction((tx) => tx.query(sql))).toEqual([{ a: '2026-03-04T04:41:12.345Z', b: '2026-03-04T00:00:00.000Z', c: null }]);
  });

  it('stays right when the session is set to another zone', async () => {
    await client.transaction(async (tx) => {
      await tx.query("SET LOCAL TimeZone = 'Asia/Kolkata'");
      expect(await tx.query("SELECT timestamptz '2026-03-04T00:00:00.5Z' AS a")).toEqual([{ a: '2026-03-04T00:00:00.500Z' }]);
    });
  });
});
