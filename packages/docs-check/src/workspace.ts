import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const here = fileURLToPath(new URL('../', import.meta.url));

export interface Manifest {
  name: string;
  private?: boolean;
  scripts?: Record<string, string>;
  bin?: Record<string, string> | string;
  devDependencies?: Record<string, string>;
}

export const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** The workspace packages this one depends on, by name, with their folders. */
export function workspacePackages(): Map<string, { dir: string; manifest: Manifest }> {
  const names = Object.keys(readManifest(here).devDependencies ?? {}).filter((name) => name.startsWith('@nexuscommerce/'));
  return new Map(
    names.map((name) => {
      const dir = realpathSync(join(here, 'node_modules', name));
      return [name, { dir, manifest: readManifest(dir) }];
    }),
  );
}

/**
 * The READMEs whose blocks are checked: the repository's own and every published package's.
 *
 * @example
 * checkedReadmes(); // [{ name: 'root', file: '…/README.md', dir: '…' }, …]
 */
export function checkedReadmes(): { name: string; file: string; dir: string }[] {
  const published = [...workspacePackages()].filter(([, { manifest }]) => !manifest.private);
  return [
    { name: 'root', file: join(repositoryRoot, 'README.md'), dir: repositoryRoot },
    ...published.map(([name, { dir }]) => ({ name: name.replace('@nexuscommerce/', ''), file: join(dir, 'README.md'), dir })),
  ];
}
