import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'vitest';

/** PostgreSQL's server binaries: the newest Debian cluster version, else whatever is on PATH. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = join(root, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) return bin;
  }
  const initdb = which('initdb');
  return initdb && which('postgres') ? join(initdb, '..') : undefined;
}

export function which(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const serverCli = join(import.meta.dirname, '../../../server/dist/cli.js');

/** What a test needs, or why it cannot run here. */
export function missing(needs: { postgres?: boolean; redis?: boolean }): string | undefined {
  if (!existsSync(serverCli)) return 'build @nexuscommerce/server first (pnpm build): the tests run its dist/cli.js';
  if (needs.postgres && !process.env.DATABASE_URL) return 'set DATABASE_URL (CI does) to run it; it starts a private PostgreSQL cluster';
  if (needs.postgres && !postgresBin()) return 'PostgreSQL server binaries (initdb, postgres) are not installed';
  if (needs.redis && !process.env.REDIS_URL) return 'set REDIS_URL (CI does) to run it; it starts a private redis-server';
  if (needs.redis && !which('redis-server')) return 'redis-server is not on PATH';
  return undefined;
}

/** `describe`, or a skipped test whose title and output say why and how to run it. */
export function describeIf(title: string, needs: { postgres?: boolean; redis?: boolean }, body: () => void): void {
  const reason = missing(needs);
  if (reason === undefined) {
    describe(title, body);
    return;
  }
  describe(title, () => {
    console.log(`${title}: skipped: ${reason}`);
    it.skip(`skipped: ${reason}`, () => {});
  });
}

export { serverCli };
