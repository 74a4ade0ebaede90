import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { countRecords, formatOf } from './open.js';

const dir = mkdtempSync(join(tmpdir(), 'nexus-open-'));

describe('countRecords (the progress total)', () => {
  it('counts the non-blank lines of JSON Lines, with or without a final newline', async () => {
    writeFileSync(join(dir, 'a.jsonl'), '{"a":1}\n\n  \r\n{"a":2}\r\n{"a":3}');
    expect(await countRecords(join(dir, 'a.jsonl'), 'jsonl')).toBe(3);
  });

  it('leaves out the CSV header', async () => {
    writeFileSync(join(dir, 'a.csv'), 'sku,title\nA,1\n\nB,2\n');
    expect(await countRecords(join(dir, 'a.csv'), 'csv')).toBe(2);
  });

  it('counts lines that cross its read buffer', async () => {
    writeFileSync(join(dir, 'big.jsonl'), `${'{"pad":"' + 'x'.repeat(3000) + '"}\n'}`.repeat(1000));
    expect(await countRecords(join(dir, 'big.jsonl'), 'jsonl')).toBe(1000);
  });
});

describe('formatOf', () => {
  it('goes by --format, else by the extension', () => {
    expect(formatOf('feed.CSV', undefined)).toBe('csv');
    expect(formatOf('feed.ndjson', undefined)).toBe('jsonl');
    expect(formatOf('feed.txt', 'jsonl')).toBe('jsonl');
  });

  it('asks for --format when the name does not tell', () => {
    expect(() => formatOf('feed.json', undefined)).toThrow(UsageError);
    expect(() => formatOf('feed.csv', 'xml')).toThrow(/--format must be jsonl or csv/);
  });
});
