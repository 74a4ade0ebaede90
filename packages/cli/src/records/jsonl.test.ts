import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonl } from './jsonl.js';
import type { SourceItem } from './source.js';

async function collect(chunks: string[]): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of readJsonl((async function* () { yield* chunks; })())) items.push(item);
  return items;
}

describe('readJsonl', () => {
  it('numbers lines as an editor does, across chunk boundaries, CRLF, a BOM and blank lines', async () => {
    const items = await collect(['\uFEFF{"sku":"A"}\r\n\n  \n{"sku', '":"B"}\n{"sku":"C"}']);
    expect(items).toEqual([
      { line: 1, record: { sku: 'A' } },
      { line: 4, record: { sku: 'B' } },
      { line: 5, record: { sku: 'C' } },
    ]);
  });

  it('turns a line that is not a JSON object into a problem on that line, and goes on', async () => {
    const items = await collect(['{"sku":"A"}\n{"sku":\n[1,2]\n"text"\n{"sku":"E"}\n']);
    expect(items.map((i) => [i.line, 'record' in i ? 'record' : i.problem.issue])).toEqual([
      [1, 'record'],
      [2, expect.stringMatching(/^is not valid JSON/)],
      [3, 'is not a JSON object'],
      [4, 'is not a JSON object'],
      [5, 'record'],
    ]);
  });

  it('reads the file only as far as records are taken (a big file never sits in memory)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nexus-jsonl-'));
    const file = join(dir, 'big.jsonl');
    const line = `${JSON.stringify({ sku: 'SKU-000000', title: 'x'.repeat(80), price: '10.00', currency: 'INR' })}\n`;
    writeFileSync(file, line.repeat(200_000)); // about 25 MB
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
    let taken = 0;
    for await (const item of readJsonl(stream)) {
      expect('record' in item).toBe(true);
      if (++taken === 1000) break;
    }
    // 1,000 lines are about 120 kB: a few 64 kB reads, not the 25 MB file.
    expect(stream.bytesRead).toBeLessThan(512 * 1024);
    expect(stream.destroyed).toBe(true);
  });
});
