import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchRoot } from './project.js';
import { runBlock } from './run.js';

describe('runBlock', () => {
  let dir = '';
  beforeAll(async () => {
    await mkdir(scratchRoot, { recursive: true });
    dir = await mkdtemp(join(scratchRoot, 'run-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers the sandbox and the local server URL from the mock, with its key in NEXUS_API_KEY', async () => {
    const file = join(dir, 'reads.mjs');
    await writeFile(
      file,
      [
        "import { createNexusClient } from '@nexuscommerce/sdk';",
        'const sandbox = createNexusClient({ apiKey: process.env.NEXUS_API_KEY });',
        "const local = createNexusClient({ apiKey: process.env.NEXUS_API_KEY, baseUrl: 'http://127.0.0.1:4010' });",
        'const [a, b] = await Promise.all([sandbox.products.list({ limit: 2 }), local.products.list({ limit: 2 })]);',
        'console.log(a.data.length, b.data.length);',
      ].join('\n'),
    );
    expect((await runBlock(file, dir)).trim()).toBe('2 2');
  });

  it('fails with what the program printed, and refuses requests nothing answers', async () => {
    const file = join(dir, 'elsewhere.mjs');
    await writeFile(file, "await fetch('https://example.com/');\n");
    await expect(runBlock(file, dir)).rejects.toThrow(/example\.com/);
  });
});
