import { describe, expect, it } from 'vitest';
import { commandProblems, syntaxErrors } from './shell.js';
import { repositoryRoot, workspacePackages } from './workspace.js';

describe('syntaxErrors', () => {
  it('reads <placeholders> as words', async () => {
    expect(await syntaxErrors('nexus-server keys revoke <key id or prefix> | cat')).toBeNull();
  });

  it('reports what bash -n reports', async () => {
    expect(await syntaxErrors('if true; then echo')).toMatch(/syntax error/);
  });
});

describe('commandProblems', () => {
  const server = workspacePackages().get('@nexuscommerce/server')!.dir;

  it('accepts root scripts, pnpm commands and workspace bins', () => {
    expect(commandProblems('./pnpmw test   # all\npnpm install && pnpm start\nnpx nexus-mock init public', repositoryRoot)).toEqual([]);
  });

  it('names a root script, a filtered package script or a bin that does not exist', () => {
    expect(commandProblems('pnpm tset\npnpm --filter @nexuscommerce/spec start\npnpm --filter @nexuscommerce/server biuld\nnpx nexus-mok init', repositoryRoot)).toEqual([
      '`pnpm tset`: the root package.json has no script "tset"',
      '`pnpm --filter @nexuscommerce/spec start`: @nexuscommerce/spec has no script "start"',
      '`pnpm --filter @nexuscommerce/server biuld`: @nexuscommerce/server has no script "biuld"',
      'npx nexus-mok: no workspace package has a bin named "nexus-mok"',
    ]);
  });

  it('checks the file given to node next to the README, after env assignments', () => {
    expect(commandProblems('DATABASE_URL=postgres://… node dist/cli.js start', server)).toEqual([]);
    expect(commandProblems('node dist/nope.js', server)).toEqual(['node dist/nope.js: no such file next to this README']);
  });
});
