import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookDispatcher } from './domain/webhooks/dispatcher.js';
import { loadMigrations } from './node/migration-files.js';
import { createSecretKeyring, newSecretKey, parseSecretKeys, type SecretKeyring } from './secrets/keyring.js';
import type { SqlClient } from './store/sql/client.js';
import { truncateAll } from './store/sql/reset.js';
import { migrate } from './store/sql/migrate.js';
import { createSqlStore } from './store/sql/sql-store.js';
import type { Store } from './store/port.js';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { setup } from './test/harness.js';
import { receiver } from './test/receiver.js';
import { sqlDatabases } from './test/sql-databases.js';

const ring = async (...keys: string[]): Promise<SecretKeyring> => createSecretKeyring(keys.flatMap(parseSecretKeys));
const KEY_A = newSecretKey();
const KEY_B = newSecretKey();

/** Every stored column of every endpoint, as text: where a leaked secret would show. */
async function tableText(client: SqlClient): Promise<string> {
  const rows = await client.query<{ row: string }>('SELECT row_to_json(w)::text AS row FROM webhook_endpoints w ORDER BY id');
  return rows.map((r) => r.row).join('\n');
}

const databases = sqlDatabases('webhook secrets at rest on PostgreSQL', 'nexus_secrets');

describe.each(databases)('webhook secrets at rest (%s)', (_, open) => {
  let client: SqlClient;
  let cleanup: () => Promise<void>;
  const before007 = loadMigrations().filter((m) => m.version < '007');
  // A store over the same database, as a new process would open it (the client stays open).
  const reopen = async (secrets?: SecretKeyring) => createSqlStore(client, { migrations: loadMigrations(), ...(secrets ? { secrets } : {}) });

  beforeAll(async () => {
    ({ client, cleanup } = await open());
    await migrate(client, loadMigrations());
  });
  afterAll(async () => {
    await client?.close();
    await cleanup?.();
  });

  /**
   * An account with a loopback endpoint. `send` calls the API as a process on `store` would (with
   * its own keys) on the real clock, since receivers refuse signatures more than five minutes off;
   * `ping` has the server's dispatcher deliver a ping and returns what the receiver got.
   */
  async function withEndpoint(secrets: SecretKeyring) {
    const { store, key, account } = await setup({}, await reopen(secrets));
    const hooks = await receiver();
    const send = async (path: string, body?: unknown, on: Store = store) => {
      const api = createApp({ store: on, clock: systemClock, config: { allowPrivateWebhookTargets: true } });
      const headers = { authorization: `Bearer ${key}`, 'idempotency-key': crypto.randomUUID(), 'content-type': 'application/json' };
      const res = await api.fetch(new Request(`http://localhost${path}`, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) }));
      expect(res.status).toBeLessThan(300);
      return (await res.json()).data;
    };
    const created = await send('/v1/webhooks', { url: hooks.url, events: ['ping'] });
    const id = created.id as string;
    const ping = async (on: Store = store) => {
      await send(`/v1/webhooks/${id}/test`, undefined, on);
      await createWebhookDispatcher({ store: on, clock: systemClock, allowPrivateTargets: true, jitter: 0 }).drain();
      return hooks.received.at(-1)!;
    };
    return { store, send, id, secret: created.secret as string, ping, partition: { accountId: account.id, mode: 'test' as const } };
  }

  const verifies = (secret: string, delivery: { headers: Record<string, unknown>; body: string }) =>
    new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>);

  it('keeps no signing secret in the table, and deliveries verify with standardwebhooks', async () => {
    await truncateAll(client);
    const secrets = await ring(KEY_A);
    const { id, secret, ping, send } = await withEndpoint(secrets);
    const text = await tableText(client);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice('whsec_'.length));
    expect(text).not.toContain('whsec_');
    const [row] = await client.query<{ secret: string }>('SELECT secret FROM webhook_endpoints WHERE id = $1', [id]);
    expect(row!.secret.startsWith(`sealed:v1:${secrets.primaryId}:`)).toBe(true);
    expect(verifies(secret, await ping())).toMatchObject({ type: 'ping' });

    // During a rotation both secrets sign, and neither is stored in the clear.
    const fresh = (await send(`/v1/webhooks/${id}/rotate-secret`)).secret as string;
    const after = await tableText(client);
    for (const leaked of [secret, fresh, 'whsec_']) expect(after).not.toContain(leaked);
    const both = await ping();
    expect(verifies(fresh, both)).toMatchObject({ type: 'ping' });
    expect(verifies(secret, both)).toMatchObject({ type: 'ping' });
  });

  it('migration 007 seals the plain secrets an older release wrote, and the store opens them as they were', async () => {
    // A database as the previous release left it: migrations up to 006 only.
    await dropAll(client);
    await migrate(client, before007);
    const plain = `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))}`;
    const previous = `whsec_${btoa('an older secret of 32 bytes ....')}`;
    await client.query(
      `INSERT INTO webhook_endpoints (account_id, mode, id, url, events, description, enabled, secret, previous_secret,
         previous_secret_expires_at, created_at, updated_at)
       VALUES ('acct_old', 'test', 'whk_old', 'https://partner.example.com/hooks', '["ping"]', null, true, $1, $2,
         now() + interval '1 day', now(), now())`,
      [plain, previous],
    );
    const secrets = await ring(KEY_A);
    const store = await reopen(secrets);
    const text = await tableText(client);
    for (const leaked of [plain, previous, 'whsec_']) expect(text).not.toContain(leaked);
    const endpoint = await store.webhooks.getEndpoint({ accountId: 'acct_old', mode: 'test' }, 'whk_old');
    expect(endpoint).toMatchObject({ secret: plain, previous_secret: previous });
  });

  it('rotates the sealing key: "new,old" opens both and re-seals with the new one on open', async () => {
    await truncateAll(client);
    const first = await ring(KEY_A);
    const { id, secret, ping, partition } = await withEndpoint(first);
    const rotated = await ring(KEY_B, KEY_A);
    expect(rotated.primaryId).not.toBe(first.primaryId);
    await reopen(rotated);
    const rows = await client.query<{ secret: string }>('SELECT secret FROM webhook_endpoints');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.secret.startsWith(`sealed:v1:${rotated.primaryId}:`)).toBe(true);
    // The old key can go now: with the new one alone the secret opens and deliveries verify.
    const onlyNew = await reopen(await ring(KEY_B));
    expect((await onlyNew.webhooks.getEndpoint(partition, id))!.secret).toBe(secret);
    expect(verifies(secret, await ping(onlyNew))).toMatchObject({ type: 'ping' });
    // Without the key they are sealed with, a store refuses to open, naming key ids only.
    const refusal = await reopen(first).then(() => null, (e: Error) => e.message);
    expect(refusal).toContain(rotated.primaryId);
    expect(refusal).not.toContain(KEY_B);
    expect(await reopen().then(() => 'opened', (e: Error) => e.message)).toMatch(/pass the keys/);
  });

  it('does not open a sealed secret moved to another endpoint', async () => {
    await truncateAll(client);
    const secrets = await ring(KEY_A);
    const one = await withEndpoint(secrets);
    const two = await one.send('/v1/webhooks', { url: 'https://partner.example.com/two', events: ['ping'] });
    await client.query('UPDATE webhook_endpoints SET secret = (SELECT secret FROM webhook_endpoints WHERE id = $1) WHERE id = $2', [one.id, two.id]);
    await expect(one.store.webhooks.getEndpoint(one.partition, two.id)).rejects.toThrow(/altered or belongs to another record/);
    expect((await one.store.webhooks.getEndpoint(one.partition, one.id))!.secret).toBe(one.secret);
  });
});

async function dropAll(client: SqlClient): Promise<void> {
  const tables = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
  for (const { tablename } of tables) await client.exec(`DROP TABLE IF EXISTS "${tablename}" CASCADE`);
}
