import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runToEnd } from '@nexuscommerce/test-process';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from './testing/run-cli.js';
import { countProducts, serverForBlock } from './testing/server.js';

// The README's commands as a reader pastes them: every ```sh block runs, in order, in one bash
// process in an empty folder, with `nexus` on PATH and the environment the README tells readers
// to export. Blocks marked ```sh long-running start something that stays up (the server,
// listen): their `nexus` lines are checked with --help appended, which fails on any unknown flag.

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const blocks = [...readme.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, tag: m[2]!.trim(), body: m[3]! }));

/** Runs a script without blocking this process, which serves the API the script calls. */
const bash = (script: string, cwd: string, env: Record<string, string>) => runToEnd('bash', ['--noprofile', '--norc', '-c', script], { cwd, env });

/** `…` in the README's sample output stands for anything. */
const sample = (text: string) => new RegExp(`^${text.split('…').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

describe('the README', () => {
  // The reference server's first-start key has the default batch limit, as in the README.
  const block = serverForBlock({ folder: 'readme', batchLimit: 50 });
  let env: Record<string, string>;
  beforeAll(() => {
    const bin = join(block.dir, '.bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'nexus'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'nexus'), 0o755);
    env = { ...block.env, PATH: `${bin}:${process.env.PATH}` };
  });

  it('runs every sh block in order, and shows the errors file it says it writes', { timeout: 60_000 }, async () => {
    const script = blocks.filter((b) => b.lang === 'sh' && b.tag === '').map((b) => b.body).join('\n');
    expect(script).toContain('nexus ingest');
    const { server, dir } = block;
    const run = await bash(`set -euo pipefail\n${script}`, dir, env);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('exit code 1');
    expect(run.stdout).toMatch(/job_\w+ \(products\.batch\): succeeded, 1\/1 processed/);
    // catalog (2) + MUG-1 + prices.csv (2) + the batch for jobs wait (1); the resumed run added none.
    expect(await countProducts(server)).toBe(6);
    expect((await server.client.categories.get('APPAREL')).name).toBe('Apparel');
    expect((await server.client.products.get('MUG-4')).attributes).toEqual({ color: 'blue' });

    const shownAt = blocks.findIndex((b) => b.body.includes('cat feed.jsonl.errors.jsonl'));
    const shown = blocks[shownAt + 1]!;
    expect(shown.lang).toBe('text');
    const written = readFileSync(join(dir, 'feed.jsonl.errors.jsonl'), 'utf8').trim().split('\n');
    const expected = shown.body.trim().split('\n');
    expect(written).toHaveLength(expected.length);
    written.forEach((line, i) => expect(line).toMatch(sample(expected[i]!)));
  });

  it('names only flags that exist in its long-running commands', async () => {
    const lines = blocks.filter((b) => b.tag === 'long-running').flatMap((b) => b.body.split('\n')).filter((l) => l.startsWith('nexus '));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const words = line.replace(/\s+#.*$/, '').split(/\s+/).slice(1);
      const result = await runCli([...words, '--help'], env);
      expect(result.code, `${line}\n${result.stderr}`).toBe(0);
    }
  });
});
