import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const run = promisify(execFile);

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
}

export interface PublishedPackage {
  name: string;
  dir: string;
  manifest: Manifest;
}

/** Every workspace package that is not private, as pnpm sees the workspace. */
export async function publishedPackages(): Promise<PublishedPackage[]> {
  const { stdout } = await run('pnpm', ['ls', '--recursive', '--depth', '-1', '--json'], { cwd: repositoryRoot });
  const listed = JSON.parse(stdout) as { name: string; path: string; private: boolean }[];
  const published = listed.filter((entry) => !entry.private);
  return Promise.all(
    published.map(async ({ name, path }) => ({
      name,
      dir: path,
      manifest: JSON.parse(await readFile(join(path, 'package.json'), 'utf8')) as Manifest,
    })),
  );
}

/** `pnpm pack`s a package (workspace: ranges become versions, as on publish); returns the tarball. */
export async function pack(pkg: PublishedPackage, destination: string): Promise<string> {
  const { stdout } = await run('pnpm', ['pack', '--json', '--pack-destination', destination], { cwd: pkg.dir });
  return (JSON.parse(stdout) as { filename: string }).filename;
}
