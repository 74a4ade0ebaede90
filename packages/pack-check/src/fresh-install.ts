import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './workspace.js';

export interface InstalledPackage {
  name: string;
  version: string;
  /** Where it sits, e.g. `node_modules/a/node_modules/b`. */
  path: string;
  engines?: { node?: string };
}

export interface FreshInstall {
  dir: string;
  /** Everything npm installed besides the package itself. */
  dependencies: InstalledPackage[];
  /** Bytes of every file under node_modules, the package included. */
  bytes: number;
}

/**
 * Installs `subject` from its tarball into a new npm project in `dir`, as a partner's app would.
 * Its sibling packages resolve to their tarballs too (through `overrides`), since they are not on
 * the registry yet; everything else comes from the registry. Install scripts do not run.
 */
export async function installFresh(dir: string, subject: string, tarballs: Map<string, string>): Promise<FreshInstall> {
  const overrides = Object.fromEntries(
    [...tarballs].filter(([name]) => name !== subject).map(([name, file]) => [name, `file:${file}`]),
  );
  await mkdir(dir, { recursive: true });
  const manifest = { name: 'fresh-project', private: true, dependencies: { [subject]: `file:${tarballs.get(subject)}` }, overrides };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  const lock = JSON.parse(await readFile(join(dir, 'node_modules', '.package-lock.json'), 'utf8')) as {
    packages: Record<string, { version: string; engines?: { node?: string } }>;
  };
  const dependencies = Object.entries(lock.packages)
    .map(([path, entry]) => ({ name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), path, ...entry }))
    .filter((entry) => entry.path !== `node_modules/${subject}`);
  return { dir, dependencies, bytes: await sizeOf(join(dir, 'node_modules')) };
}

async function sizeOf(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += (await lstat(join(entry.parentPath, entry.name))).size;
  }
  return bytes;
}
