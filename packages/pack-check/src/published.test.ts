// Every published package as a partner gets it: `pnpm pack`ed, installed from the tarball into a
// fresh npm project, measured, and held to what its package.json promises.
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFresh, type FreshInstall, type InstalledPackage } from './fresh-install.js';
import { minimumOf, satisfies } from './node-range.js';
import { startSdkTarget } from './sdk-target.js';
import { missingReferences } from './spec-refs.js';
import { pack, publishedPackages, repositoryRoot, run } from './workspace.js';

/** Node-only packages a frontend app must never get by installing the mock (issue 12). */
const NODE_ONLY = ['@stoplight/prism-cli', '@electric-sql/pglite', 'pg', 'ioredis', 'pino'];
/** The SDK's promise: Node ≥ 20. This is the newest 20 on the registry, what Node 20 users run. */
const NODE_20 = '20.20.2';

const packages = await publishedPackages();
const installs = new Map<string, Promise<FreshInstall>>();
let work = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'nexus-pack-check-'));
  const tarballs = new Map<string, string>();
  for (const pkg of packages) tarballs.set(pkg.name, await pack(pkg, work));
  for (const pkg of packages) {
    const install = installFresh(join(work, pkg.name.replace(/\W+/g, '-')), pkg.name, tarballs);
    install.catch(() => {}); // reported by the test that awaits it
    installs.set(pkg.name, install);
  }
});

afterAll(async () => {
  const rows: string[] = [];
  for (const [name, install] of installs) {
    const result = await install.catch(() => null);
    rows.push(result ? `${name.padEnd(28)} ${String(result.dependencies.length).padStart(5)} packages ${(result.bytes / 1e6).toFixed(1).padStart(7)} MB` : `${name.padEnd(28)} install failed`);
  }
  console.log(['What each published package brings into a fresh npm project:', ...rows].join('\n  '));
  if (work) await rm(work, { recursive: true, force: true });
});

const installed = (name: string) => {
  const install = installs.get(name);
  if (!install) throw new Error(`${name} is not a published workspace package`);
  return install;
};

describe.each(packages)('$name', ({ name, manifest }) => {
  it('installs from its tarball into a fresh npm project', async () => {
    const { dependencies } = await installed(name);
    expect(dependencies.map((dependency) => dependency.name)).not.toContain(name);
  });

  // Its own dependencies are held to that Node; deeper ones are their maintainers' promise, so
  // they are listed for the reader but do not fail the check.
  it('declares the oldest Node it runs on, and its dependencies run there too', async () => {
    expect(manifest.engines?.node, 'engines.node in package.json').toBeTypeOf('string');
    const minimum = minimumOf(manifest.engines!.node!);
    const { dependencies } = await installed(name);
    const refusing = (entries: InstalledPackage[]) =>
      entries
        .filter((entry) => entry.engines?.node && !satisfies(minimum, entry.engines.node))
        .map((entry) => `${entry.path}@${entry.version} wants node ${entry.engines!.node}`);
    const direct = Object.keys(manifest.dependencies ?? {}).map(
      (dependency) =>
        dependencies.find((entry) => entry.path === `node_modules/${name}/node_modules/${dependency}`) ??
        dependencies.find((entry) => entry.path === `node_modules/${dependency}`)!,
    );
    const deeper = refusing(dependencies.filter((entry) => !direct.includes(entry)));
    if (deeper.length > 0) console.log(`${name} on node ${minimum}: deeper dependencies that want more\n  ${deeper.join('\n  ')}`);
    expect(refusing(direct), `${name} declares node ${manifest.engines!.node}`).toEqual([]);
  });
});

describe('@nexuscommerce/sdk', () => {
  it('depends on openapi-fetch alone', async () => {
    const { dir } = await installed('@nexuscommerce/sdk');
    const manifest = JSON.parse(await readFile(join(dir, 'node_modules/@nexuscommerce/sdk/package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['openapi-fetch']);
  });

  it(`runs on Node ${NODE_20}, from ESM and from CommonJS`, async () => {
    const { dir } = await installed('@nexuscommerce/sdk');
    const { stdout: node } = await run('bash', [join(repositoryRoot, 'pnpmw'), '--fetch-node', NODE_20]);
    const target = await startSdkTarget();
    try {
      const env = { ...process.env, NEXUS_API_KEY: target.apiKey, NEXUS_BASE_URL: target.baseUrl };
      for (const [program, flavour] of [['sdk.mjs', 'ESM'], ['sdk.cjs', 'CJS']] as const) {
        for (const file of [program, 'exercise-sdk.cjs']) await copyFile(new URL(`../fixtures/${file}`, import.meta.url), join(dir, file));
        const { stdout } = await run(node.trim(), [program], { cwd: dir, env });
        expect(JSON.parse(stdout)).toEqual({
          node: `v${NODE_20}`,
          created: `NODE20-${flavour}`,
          read: `Created from ${flavour} on Node 20`,
          listed: expect.arrayContaining([expect.stringMatching(/^NODE20-/)]),
          missing: 'NOT_FOUND',
          event: 'ping',
        });
      }
    } finally {
      await target.close();
    }
  });
});

describe('@nexuscommerce/mock', () => {
  it(`brings none of ${NODE_ONLY.join(', ')} into a frontend app`, async () => {
    const { dependencies } = await installed('@nexuscommerce/mock');
    const found = dependencies.filter((dependency) => NODE_ONLY.includes(dependency.name)).map((dependency) => dependency.path);
    expect(found).toEqual([]);
  });

  // The server's core is compiled into the mock; its types must come along, complete.
  it('answers from its tarball, and its types compile in a strict project that has only it', async () => {
    const { dir } = await installed('@nexuscommerce/mock');
    await copyFile(new URL('../fixtures/mock.mts', import.meta.url), join(dir, 'mock.mts'));
    const tsc = join(repositoryRoot, 'packages/pack-check/node_modules/typescript/bin/tsc');
    const flags = ['--strict', '--noEmit', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', '--typeRoots', join(repositoryRoot, 'packages/pack-check/node_modules/@types')];
    const checked = await run(process.execPath, [tsc, ...flags, 'mock.mts'], { cwd: dir }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    expect(checked.stdout).toBe('');
    const { stdout } = await run(process.execPath, ['--experimental-strip-types', 'mock.mts'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({ status: 200, products: expect.any(Number), jobStatus: 'succeeded' });
  });
});

describe('@nexuscommerce/mock serve', () => {
  // The control API's document and the reference page are read from files: both must ship.
  it('serves the sandbox, its control API and /docs from its tarball', async () => {
    const { dir } = await installed('@nexuscommerce/mock');
    const installedMock = join(dir, 'node_modules/@nexuscommerce/mock');
    expect((await stat(join(installedMock, 'openapi/control.yaml'))).isFile()).toBe(true);
    const child = spawn(process.execPath, [join(installedMock, 'dist/cli.js'), 'serve', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`nexus-mock serve exited with ${code}`)));
      });
      const env = Object.fromEntries(first.split(' ').map((pair) => pair.split('=', 2))) as Record<string, string>;
      const sandbox = await (await fetch(`${env.NEXUS_MOCK_CONTROL}/sandbox`)).json();
      expect(sandbox.data.api_key).toBe(env.NEXUS_API_KEY);
      const products = await fetch(`${env.NEXUS_BASE_URL}/v1/products?limit=1`, { headers: { authorization: `Bearer ${env.NEXUS_API_KEY}` } });
      expect(products.status).toBe(200);
      expect((await (await fetch(`${env.NEXUS_MOCK_CONTROL}/openapi.json`)).json()).openapi).toBe('3.1.0');
      expect((await fetch(`${env.NEXUS_BASE_URL}/docs`)).status).toBe(200);
    } finally {
      child.kill();
    }
  });
});

describe('@nexuscommerce/spec', () => {
  it('contains every file its YAML refers to', async () => {
    const { dir } = await installed('@nexuscommerce/spec');
    expect(await missingReferences(join(dir, 'node_modules/@nexuscommerce/spec'))).toEqual([]);
  });
});
