import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readManifest, repositoryRoot, workspacePackages } from './workspace.js';

const exec = promisify(execFile);

/** `<key id or prefix>`: a word the reader fills in. Checked as a plain word. */
const PLACEHOLDER = /<[A-Za-z][\w .…-]*>/g;

// pnpm's own commands. `start`, `test`, `stop` and `restart` are not among them: they run the
// script of that name, which must exist.
const PNPM_COMMANDS = new Set(
  'add audit bin config create dedupe deploy dlx env exec fetch help i import init install install-test it licenses link list ll ls outdated pack patch patch-commit prune publish rebuild recursive remove rm root run self-update server setup store uninstall unlink up update upgrade why'.split(' '),
);
// Flags of pnpm that take a value, so that value is not mistaken for the command.
const PNPM_VALUE_FLAGS = new Set(['--filter', '-F', '--dir', '-C', '--workspace-root', '--reporter', '--loglevel']);

/** Shell syntax, as `bash -n` reads it. */
export async function syntaxErrors(code: string): Promise<string | null> {
  try {
    await exec('bash', ['-n', '-c', code.replace(PLACEHOLDER, 'PLACEHOLDER')]);
    return null;
  } catch (error) {
    return (error as { stderr?: string }).stderr?.trim() || String(error);
  }
}

function scriptsOf(filter: string | undefined): { label: string; scripts: Set<string>; bins: string } {
  if (!filter) return { label: 'the root package.json', scripts: new Set(Object.keys(readManifest(repositoryRoot).scripts ?? {})), bins: join(repositoryRoot, 'node_modules/.bin') };
  const pkg = workspacePackages().get(filter);
  if (!pkg) throw new Error(`--filter ${filter}: no such workspace package`);
  return { label: filter, scripts: new Set(Object.keys(pkg.manifest.scripts ?? {})), bins: join(pkg.dir, 'node_modules/.bin') };
}

function pnpmProblem(words: string[]): string | null {
  let filter: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word.startsWith('--filter=')) filter = word.slice('--filter='.length);
    else if (PNPM_VALUE_FLAGS.has(word)) {
      if (word === '--filter' || word === '-F') filter = words[i + 1];
      i++;
    } else if (!word.startsWith('-')) {
      if (PNPM_COMMANDS.has(word)) return null;
      const { label, scripts, bins } = scriptsOf(filter);
      return scripts.has(word) || existsSync(join(bins, word)) ? null : `\`${words.join(' ')}\`: ${label} has no script "${word}"`;
    }
  }
  return null;
}

function binProblem(bin: string): string | null {
  if (!bin.startsWith('nexus')) return null;
  const ours = [...workspacePackages().values()].flatMap(({ manifest }) => (typeof manifest.bin === 'object' ? Object.keys(manifest.bin) : []));
  return ours.includes(bin) ? null : `npx ${bin}: no workspace package has a bin named "${bin}"`;
}

/**
 * Commands of ours a block names that do not exist: a pnpm script (of the root, or of the
 * package after `--filter`), an `npx nexus-…` bin, a file given to `node` (relative to `dir`).
 *
 * @example
 * commandProblems('pnpm start', repositoryRoot); // [] while the root has a start script
 */
export function commandProblems(code: string, dir: string): string[] {
  const commands = code
    .replace(/\\\n/g, ' ')
    .split('\n')
    .flatMap((line) => line.replace(/(^|\s)#.*$/, '').split(/\|\|?|&&|;/))
    .map((command) => command.trim().split(/\s+/).filter((word) => !/^[A-Z_][A-Z0-9_]*=/.test(word)))
    .filter((words) => words.length > 0);
  const problems: (string | null)[] = commands.map((words) => {
    const [first, second] = words;
    if (first === 'pnpm' || first === './pnpmw') return pnpmProblem(words);
    if (first === 'npx' && second) return binProblem(second);
    if (first === 'node' && second && /^\.{0,2}[\w-]*\//.test(second) && !existsSync(join(dir, second))) return `node ${second}: no such file next to this README`;
    return null;
  });
  return problems.filter((problem): problem is string => problem !== null);
}
