import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { initServiceWorker } from './init.js';

it('init copies the worker script of the installed msw into the public folder', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nexus-mock-init-'));
  try {
    const target = await initServiceWorker(join(dir, 'public'));
    expect(target).toBe(join(dir, 'public', 'mockServiceWorker.js'));
    const copied = await readFile(target, 'utf8');
    const original = await readFile(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'), 'utf8');
    expect(copied).toBe(original);
    expect(copied).toContain(`PACKAGE_VERSION = '${createRequire(import.meta.url)('msw/package.json').version}'`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
