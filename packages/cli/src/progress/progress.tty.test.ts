import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellWord } from '../commands/command.js';
import { tempDir, writeProductsJsonl } from '../testing/files.js';
import { CLI } from '../testing/run-cli.js';
import { type TestServer, countProducts, startTestServer } from '../testing/server.js';

// util-linux `script` gives the CLI a pseudo-terminal, as a partner's shell would; the test reads
// what the terminal was sent.
const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p));

function inTerminal(command: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(SCRIPT!, ['-qfec', `stty cols 150 rows 40; ${command}`, '/dev/null'], { env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, output }));
  });
}

if (!SCRIPT) {
  console.log('progress.tty.test.ts: skipped: install util-linux (script) to see the progress bar through a pseudo-terminal');
  it.skip('skipped: install util-linux (script) to see the progress bar through a pseudo-terminal', () => {});
}

describe.runIf(SCRIPT)('progress on a terminal', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('draws a bar that redraws in place, with records, records/s, failures and ETA', async () => {
    const file = join(tempDir('tty'), 'feed.jsonl');
    writeProductsJsonl(file, 3000, 'TTY');
    const command = [process.execPath, CLI, 'ingest', 'products', file, '--batch-size', '500', '--concurrency', '1'].map(shellWord).join(' ');
    const { code, output } = await inTerminal(command, { NEXUS_API_KEY: server.apiKey, NEXUS_BASE_URL: server.url });
    expect(code, output).toBe(0);
    // cli-progress redraws one line in place (cursor to column 1, clear to the end) instead of printing lines.
    const frames = output.split(/\x1b\[1G|\x1b\[0K/).filter((f) => f.startsWith('products '));
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(frames.at(-1)).toMatch(/^products [█░]{30} 100% \| 3,000\/3,000 records \| [\d,]+ records\/s \| 0 failed \| ETA 0s/);
    expect(frames.some((f) => /[█]+[░]+ +\d+% \| [\d,]+\/3,000 records/.test(f) && !f.includes(' 100%'))).toBe(true);
    // The plain lines are for logs only.
    expect(output).not.toMatch(/records \(\d+%\), /);
    expect(output).toContain('3,000 went in, 0 failed');
    expect(await countProducts(server)).toBe(3000);
  });
});
