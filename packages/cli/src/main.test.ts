import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { main } from './main.js';
import { tempDir } from './testing/files.js';
import { captureIo } from './testing/io.js';
import { listJobs, serverForBlock } from './testing/server.js';

describe('help', () => {
  it.each([['ingest'], ['jobs', 'wait'], ['webhooks', 'listen']])('nexus %s … --help prints the usage and exits 0', async (...words) => {
    for (const flag of ['--help', '-h']) {
      const io = captureIo();
      expect(await main([...words, flag], io)).toBe(0);
      expect(io.out()).toMatch(new RegExp(`^Usage: nexus ${words.join(' ')} `));
      expect(io.out()).toContain('--api-key');
    }
  });

  it('lists the commands and the exit codes; with no command it exits 2', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out()).toContain('jobs wait');
    expect(io.out()).toContain(EXIT_CODES_HELP);
    expect(await main([], captureIo())).toBe(2);
  });
});

describe('a bad command line exits 2 with a message, and sends nothing', () => {
  const block = serverForBlock({ folder: 'usage', batchLimit: 100, beforeClose: async (server) => expect(await listJobs(server)).toEqual([]) });
  beforeAll(() => {
    writeFileSync(join(block.dir, 'feed.jsonl'), '{"sku":"A","title":"A","price":"1.00","currency":"INR"}\n');
    writeFileSync(join(block.dir, 'feed.txt'), '{}\n');
    writeFileSync(join(block.dir, 'typo.csv'), 'sku,titel,price,currency\nA,A,1.00,INR\n');
  });

  const cases: [string, string[], RegExp, Record<string, string>?][] = [
    ['an unknown command', ['import', 'x'], /unknown command "import"/],
    ['half a command', ['jobs', 'list'], /unknown command "jobs list": jobs takes wait/],
    ['an unknown flag', ['ingest', 'products', 'FEED', '--bacth-size', '5'], /Unknown option '--bacth-size'/],
    ['a flag without its value', ['ingest', 'products', 'FEED', '--run-id'], /--run-id/],
    ['an unknown resource', ['ingest', 'customers', 'FEED'], /cannot ingest "customers": choose one of products, categories/],
    ['a missing file', ['ingest', 'products', 'nope.jsonl'], /cannot read "nope.jsonl": no such file/],
    ['an unknown extension', ['ingest', 'products', 'FEED.txt'], /cannot tell the format of ".*feed.txt" from its name: pass --format jsonl/],
    ['stdin without --format', ['ingest', 'products', '-'], /reading stdin needs --format/],
    ['a batch size that is not a number', ['ingest', 'products', 'FEED', '--batch-size', 'lots'], /--batch-size must be a whole number from 1 to 1000, not "lots"/],
    ['a batch size over the key\'s limit', ['ingest', 'products', 'FEED', '--batch-size', '500'], /--batch-size 500 is over this key's batch limit of 100/],
    ['a CSV column that is no field', ['ingest', 'products', 'TYPO'], /"titel" is not a field of this resource/],
    ['a run id with spaces', ['ingest', 'products', 'FEED', '--run-id', 'my run'], /--run-id may hold/],
    ['no API key', ['ingest', 'products', 'FEED'], /no API key: pass --api-key or set NEXUS_API_KEY/, {}],
    ['a malformed API key', ['ingest', 'products', 'FEED', '--api-key', 'sk_live_123'], /should look like nxc_test_/],
    ['a base URL that is no URL', ['jobs', 'wait', 'job_1', '--base-url', 'localhost:4010'], /should be an http\(s\) origin/],
    ['jobs wait without a job', ['jobs', 'wait'], /jobs wait needs a job id/],
    ['listen without --forward-to', ['webhooks', 'listen'], /--forward-to <url> is required/],
    ['listen with an unknown event', ['webhooks', 'listen', '--forward-to', 'http://127.0.0.1:9/x', '--events', 'product.created,order.shipped'], /unknown event type order.shipped/],
  ];

  it.each(cases)('%s', async (_name, argv, message, envOverride) => {
    const { env, dir } = block;
    const io = captureIo(envOverride ?? env);
    const args = argv.map((a) => (a === 'FEED' ? join(dir, 'feed.jsonl') : a === 'FEED.txt' ? join(dir, 'feed.txt') : a === 'TYPO' ? join(dir, 'typo.csv') : a));
    expect(await main(args, io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe('');
  });
});

describe('an API that cannot be reached', () => {
  it('stops ingest before sending anything, with one line and exit 3', async () => {
    const dir = tempDir('unreachable');
    writeFileSync(join(dir, 'feed.jsonl'), '{"sku":"A"}\n');
    // A port nothing listens on any more: the connection is refused at once (and retried by the SDK).
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as AddressInfo;
    await new Promise((done) => closed.close(done));
    const io = captureIo({ NEXUS_API_KEY: 'nxc_test_4eC39HqLyjWDarjtT1zdp7dcXYZ123ab', NEXUS_BASE_URL: `http://127.0.0.1:${port}` });
    expect(await main(['ingest', 'products', join(dir, 'feed.jsonl')], io)).toBe(3);
    expect(io.err()).toBe(`nexus: cannot start the run: could not reach http://127.0.0.1:${port}: ECONNREFUSED\n`);
  });
});
