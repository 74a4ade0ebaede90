import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Block } from './markdown.js';

/** Where the blocks of each README are written: inside this package, so its dependencies resolve. */
export const scratchRoot = fileURLToPath(new URL('../.blocks/', import.meta.url));

export interface BlockFile {
  block: Block;
  file: string;
}

const extension = (block: Block) => (block.lang === 'ts' ? 'ts' : 'mjs');

/**
 * Writes a README's ts/js blocks as one project: a block that names its file on its first line
 * (`// test/setup.ts`) is written there, so other blocks can import it; the others get a name
 * from their line. Preludes become one global declaration file.
 *
 * @example
 * const files = await writeProject('mock', readme.blocks, readme.preludes);
 */
export async function writeProject(name: string, blocks: Block[], preludes: string[]): Promise<{ dir: string; files: BlockFile[]; prelude: string }> {
  const dir = join(scratchRoot, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  const prelude = join(dir, 'prelude.d.ts');
  // A script, not a module: what it declares is global, and a block's own declarations win.
  // Triple-slash references only count above everything else, so they go first.
  const lines = preludes.join('\n').split('\n');
  const references = lines.filter((line) => line.trimStart().startsWith('///'));
  const rest = lines.filter((line) => !line.trimStart().startsWith('///'));
  await writeFile(prelude, [...references, "// The README's docs-check preludes.", ...rest, ''].join('\n'));
  const files: BlockFile[] = [];
  for (const block of blocks) {
    const file = join(dir, block.path ?? `line-${block.line}.${extension(block)}`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${block.code}\n`);
    files.push({ block, file });
  }
  return { dir, files, prelude };
}
