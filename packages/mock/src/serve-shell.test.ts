import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { CLI, runToEnd } from './test/serve-process.js';

// The control API from outside JavaScript: a bash script with curl and python3's standard
// library starts the built `nexus-mock serve --port 0` itself and drives it.

const script = fileURLToPath(new URL('./serve-from-shell.sh', import.meta.url));

it('works from a shell script with curl and python3', { timeout: 120_000 }, async () => {
  const { code, stdout, stderr } = await runToEnd('bash', [script, process.execPath, CLI]);
  expect(code, stderr).toBe(0);
  expect(stdout.trim().split('\n')).toEqual([
    'ok - create, list, reset, gone',
    'ok - rate_limited: 429 with Retry-After',
    'ok - held job stepped to completion',
    'ok - webhook signature verifies',
    'ok - /docs',
  ]);
});
