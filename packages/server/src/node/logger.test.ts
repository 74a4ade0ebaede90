import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createLogger } from '../node.js';

it('writes batched lines out within a moment, keys redacted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nexus-log-'));
  try {
    const file = join(dir, 'server.log');
    const logger = createLogger('info', file);
    logger.info({ request_id: 'req_1', key: 'nxc_test_secret' }, 'request');
    let text = '';
    for (let i = 0; i < 100 && !text.includes('req_1'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      text = await readFile(file, 'utf8').catch(() => '');
    }
    const line = JSON.parse(text.trim());
    expect(line).toMatchObject({ request_id: 'req_1', key: '[redacted]', msg: 'request' });
    expect(text).not.toContain('nxc_test_secret');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
