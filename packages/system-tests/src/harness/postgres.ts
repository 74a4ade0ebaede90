import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgClient } from '@nexuscommerce/server/node';
import { postgresBin } from './gate.js';
import { freePort } from './ports.js';
import { start, until, type Started } from './processes.js';

/** A private PostgreSQL cluster in a temporary folder, on a free loopback port. */
export interface PrivatePostgres {
  url: string;
  /** Starts the postmaster (again, on the same folder and port) and waits until it answers. */
  up(): Promise<void>;
  /** A fast shutdown (SIGINT): sessions are ended, as in a restart by an administrator. */
  down(): Promise<void>;
  /** Stops it and deletes its folder. */
  destroy(): Promise<void>;
}

/**
 * `initdb` and `postgres` from the machine's PostgreSQL. PostgreSQL refuses to run as root, so a
 * root test runs both as the `postgres` OS user, in a folder that user owns.
 */
export async function privatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin()!;
  const root = mkdtempSync(join(tmpdir(), 'nexus-system-pg-'));
  const data = join(root, 'data');
  mkdirSync(data, { mode: 0o700 });
  const as: { uid?: number; gid?: number } = process.getuid?.() === 0 ? userIds('postgres') : {};
  if (as.uid !== undefined) {
    chownSync(root, as.uid, as.gid!);
    chownSync(data, as.uid, as.gid!);
  }
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-N', '-E', 'UTF8'], { ...as, stdio: 'ignore' });
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let postmaster: Started | undefined;
  const pg: PrivatePostgres = {
    url,
    async up() {
      postmaster = start('postgres', join(bin, 'postgres'), ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${root}`], as);
      await until(`PostgreSQL on ${port}`, async () => {
        if (postmaster!.child.exitCode !== null) throw new Error(`postgres exited: ${postmaster!.output()}`);
        const client = createPgClient(url, { max: 1 });
        try {
          await client.query('SELECT 1');
          return true;
        } finally {
          await client.close();
        }
      }, 30_000, 200);
    },
    async down() {
      await postmaster?.stop('SIGINT');
    },
    async destroy() {
      await postmaster?.stop('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    },
  };
  await pg.up();
  return pg;
}

function userIds(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}
