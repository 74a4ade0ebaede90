import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newSecretKey } from '../secrets/keyring.js';
import { openStore } from '../node.js';
import { loadSecretsKeyring, SECRETS_KEY_FILE } from './secrets-key.js';

const folders: string[] = [];
afterEach(async () => Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true }))));
const folder = async () => {
  const made = await mkdtemp(join(tmpdir(), 'nexus-secrets-'));
  folders.push(made);
  return join(made, 'data');
};

describe('the secrets key from configuration', () => {
  it('generates the embedded default once, readable by its owner only, and reads it back', async () => {
    const dataDir = await folder();
    const [first, again] = await Promise.all([loadSecretsKeyring({ dataDir, env: {} }), loadSecretsKeyring({ dataDir, env: {} })]);
    expect(again.primaryId).toBe(first.primaryId);
    expect((await loadSecretsKeyring({ dataDir, env: {} })).primaryId).toBe(first.primaryId);
    const file = join(dataDir, SECRETS_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    await chmod(file, 0o644);
    await expect(loadSecretsKeyring({ dataDir, env: {} })).rejects.toThrow(/chmod 600/);
  });

  it('prefers NEXUS_SECRETS_KEYS (first seals) over NEXUS_SECRETS_KEY and the file', async () => {
    const dataDir = await folder();
    const [a, b] = [newSecretKey(), newSecretKey()];
    const both = await loadSecretsKeyring({ dataDir, env: { NEXUS_SECRETS_KEYS: `${a},${b}`, NEXUS_SECRETS_KEY: b } });
    const single = await loadSecretsKeyring({ dataDir, env: { NEXUS_SECRETS_KEY: b } });
    expect(both.ids).toEqual([both.primaryId, single.primaryId]);
    await expect(stat(join(dataDir, SECRETS_KEY_FILE))).rejects.toThrow();
    await expect(loadSecretsKeyring({ dataDir, env: { NEXUS_SECRETS_KEYS: 'short' } })).rejects.toThrow(/32 bytes/);
  });

  it('insists on a configured key for a shared database in production', async () => {
    const dataDir = await folder();
    await expect(loadSecretsKeyring({ dataDir, shared: true, env: { NODE_ENV: 'production' } })).rejects.toThrow(/NEXUS_SECRETS_KEYS/);
    expect((await loadSecretsKeyring({ dataDir, shared: true, env: { NODE_ENV: 'development' } })).ids).toHaveLength(1);
  });

  it('lives in the PGlite data folder beside the database, and webhook secrets survive a restart', async () => {
    const dataDir = await folder();
    const p = { accountId: 'acct_restart', mode: 'test' as const };
    const at = '2026-01-01T00:00:00.000Z';
    const endpoint = {
      id: 'whk_restart', url: 'https://partner.example.com/hooks', events: ['ping'], description: null, enabled: true,
      disabled_reason: null, secret: 'whsec_restart', previous_secret: null, previous_secret_expires_at: null,
      event_positions: { ping: 0 }, created_at: at, updated_at: at,
    };
    const first = await openStore({ dataDir });
    await first.webhooks.insertEndpoint(p, endpoint);
    await first.close();
    expect((await stat(join(dataDir, SECRETS_KEY_FILE))).mode & 0o777).toBe(0o600);
    const second = await openStore({ dataDir });
    try {
      expect(await second.webhooks.getEndpoint(p, endpoint.id)).toEqual(endpoint);
    } finally {
      await second.close();
    }
  }, 60_000);
});
