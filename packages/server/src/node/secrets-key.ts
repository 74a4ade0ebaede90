import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSecretKeyring, newSecretKey, parseSecretKeys, type SecretKeyring } from '../secrets/keyring.js';

export interface SecretsKeyOptions {
  /** Where the variables are read from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** The folder the embedded default key file lives in (`<dataDir>/secrets.key`). */
  dataDir: string;
  /** Whether the store is a shared PostgreSQL: then production insists on configured keys. */
  shared?: boolean;
}

/** The file the embedded default key is generated into, inside the data folder. */
export const SECRETS_KEY_FILE = 'secrets.key';

/**
 * The keyring webhook signing secrets are sealed with, from configuration:
 * `NEXUS_SECRETS_KEYS="new,old"` (base64 of 32 bytes each; the first seals, any opens) or
 * `NEXUS_SECRETS_KEY`; without either, a key generated once into `<dataDir>/secrets.key` with
 * mode 0600 (refused when others may read it). A shared PostgreSQL in production needs the
 * variable: processes on other machines could not read this one's file.
 *
 * @example
 * const secrets = await loadSecretsKeyring({ dataDir: '.nexus-data' });
 */
export async function loadSecretsKeyring(options: SecretsKeyOptions): Promise<SecretKeyring> {
  const env = options.env ?? process.env;
  const configured = env.NEXUS_SECRETS_KEYS ?? env.NEXUS_SECRETS_KEY;
  if (configured !== undefined) return createSecretKeyring(parseSecretKeys(configured));
  if (options.shared && env.NODE_ENV === 'production') {
    throw new Error('Set NEXUS_SECRETS_KEYS (base64 of 32 bytes, e.g. from `openssl rand -base64 32`): every process sharing the database needs the same key.');
  }
  return createSecretKeyring(parseSecretKeys(await defaultKey(join(options.dataDir, SECRETS_KEY_FILE))));
}

async function defaultKey(file: string): Promise<string> {
  const found = await stat(file).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  if (found) {
    if ((found.mode & 0o077) !== 0) throw new Error(`${file} may be read by other users: chmod 600 it.`);
    return (await readFile(file, 'utf8')).trim();
  }
  await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
  try {
    // `wx`: of two processes starting together, one writes and the other reads its key.
    await writeFile(file, `${newSecretKey()}\n`, { flag: 'wx', mode: 0o600 });
    await chmod(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return (await readFile(file, 'utf8')).trim();
}
